/**
 * One HTTP exchange of the sync client, over node:http and node:https rather
 * than fetch: fetch inflates a compressed body out of sight, so a client can
 * neither count the bytes that came over the wire nor stop a decompression
 * bomb before it is inflated (the review's 1 MB gzip error body took 3.4 GB).
 *
 * Here the body is decoded in this module, as a stream, and measured twice:
 * the encoded bytes as they arrive and the decoded bytes as they come out of
 * the decoder. The first byte over either cap ends the exchange (the socket is
 * destroyed, nothing more is inflated) and the body's reader gets a
 * BodyTooLargeError. Nothing is buffered beyond the streams' own small
 * high-water marks (16 KiB each): a reader that stops reading stops the
 * inflation too. The answer is a standard Response whose body is that stream.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline, Transform, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** A body crossed one of its caps; `measure` says which: on the wire, or once decoded. */
export class BodyTooLargeError extends Error {
  readonly limit: number;
  readonly measure: 'encoded' | 'decoded';
  constructor(limit: number, measure: 'encoded' | 'decoded') {
    super(`the response body is larger than ${limit} bytes ${measure === 'encoded' ? 'as sent (compressed)' : 'once decompressed'}`);
    this.name = 'BodyTooLargeError';
    this.limit = limit;
    this.measure = measure;
  }
}

/** A Content-Encoding this client did not ask for or cannot decode: the body is not read. */
export class UnsupportedEncodingError extends Error {
  constructor(encoding: string) {
    super(`the response body uses an unsupported content encoding (${encoding.slice(0, 64)})`);
    this.name = 'UnsupportedEncodingError';
  }
}

export interface ExchangeInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Cap of a successful (2xx) body, once decoded. */
  maxBodyBytes: number;
  /** Cap of any other body, once decoded. */
  maxErrorBodyBytes: number;
}

export type Exchange = (url: URL, init: ExchangeInit) => Promise<Response>;

/**
 * The encoded bytes a body of `decoded` bytes may take. Compression only ever adds framing to
 * data it cannot shrink: deflate's stored blocks cost 5 bytes per 65,535 (0.008 %), brotli's
 * a few bytes per meta-block, gzip 18 bytes plus optional header fields. 1/256 of the size and
 * 4 KiB more is far above that, and keeps a body that cannot inflate to much (an endless run
 * of empty blocks) from streaming on without limit.
 */
export function encodedAllowance(decoded: number): number {
  return decoded + Math.ceil(decoded / 256) + 4096;
}

/** The encodings asked for, and decoded here. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

function decoderFor(header: string | undefined): Transform | null | UnsupportedEncodingError {
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) return null;
  // One coding only: stacked codings are a bomb inside a bomb, and no server needs them.
  if (codings.length > 1) return new UnsupportedEncodingError(header ?? '');
  const coding = codings[0];
  if (coding === 'gzip' || coding === 'x-gzip') return createGunzip();
  if (coding === 'deflate') return createInflate();
  if (coding === 'br') return createBrotliDecompress();
  return new UnsupportedEncodingError(header ?? '');
}

function counter(limit: number, measure: 'encoded' | 'decoded'): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new BodyTooLargeError(limit, measure));
      else done(null, chunk);
    },
  });
}

/** A web stream over a Node stream, pulled one chunk at a time (no read-ahead beyond the Node stream's own buffer). */
function webBody(source: Readable, onCancel: () => void, failFirst: Error | null): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (failFirst) {
          onCancel();
          controller.error(failFirst);
          return;
        }
        try {
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
        } catch (error) {
          onCancel();
          controller.error(error);
        }
      },
      cancel() {
        onCancel();
      },
    },
    { highWaterMark: 0 },
  );
}

const NO_BODY_STATUSES = new Set([204, 205, 304]);

function toResponse(res: IncomingMessage, init: ExchangeInit, destroy: () => void): Response {
  const status = res.statusCode ?? 0;
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
  if (NO_BODY_STATUSES.has(status) || init.method === 'HEAD') {
    res.resume();
    return new Response(null, { status, headers });
  }
  const limit = status >= 200 && status < 300 ? init.maxBodyBytes : init.maxErrorBodyBytes;
  const encodedLimit = encodedAllowance(limit);
  const decoding = decoderFor(res.headers['content-encoding']);
  const decoder = decoding instanceof Error ? null : decoding;
  const declared = Number(res.headers['content-length']);
  let failFirst: Error | null = null;
  if (decoding instanceof Error) failFirst = decoding;
  // A declared length over the cap is refused before a byte of the body is read.
  else if (Number.isFinite(declared) && declared > encodedLimit) failFirst = new BodyTooLargeError(encodedLimit, 'encoded');
  const done = (): void => {};
  let tail: Readable;
  if (failFirst) {
    // Never read: only destroyed (which may make it emit an error that nobody else listens to).
    res.on('error', done);
    tail = res;
  } else if (decoder) tail = pipeline(res, counter(encodedLimit, 'encoded'), decoder, counter(limit, 'decoded'), done);
  else tail = pipeline(res, counter(limit, 'decoded'), done);
  const cancel = (): void => {
    destroy();
    tail.destroy();
  };
  return new Response(webBody(tail, cancel, failFirst), { status, statusText: res.statusMessage ?? '', headers });
}

/** The exchange over node:http(s): no redirect is followed, no cookie kept, the body decoded and capped here. */
export const nodeExchange: Exchange = (url, init) =>
  new Promise<Response>((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: init.method, headers: { ...init.headers, 'Accept-Encoding': ACCEPT_ENCODING }, signal: init.signal });
    req.on('error', reject);
    req.on('response', (res) => {
      try {
        resolve(toResponse(res, init, () => req.destroy()));
      } catch (error) {
        req.destroy();
        reject(error as Error);
      }
    });
    req.end(init.body);
  });
