/**
 * One online diagnostic of one URL (issue #11): DNS at the configured
 * resolver, the destination checked (destination-policy.ts) on every hop,
 * the connection through the proxy (tunnel.ts) via guardedConnect, TLS with
 * the chain recorded even when invalid, an HTTP/1.1 GET with a fixed user
 * agent and no cookies, redirects followed by hand, the body capped (on the
 * wire and after decompression), and every exchange kept as WARC 1.1 records
 * (warc.ts). A hostile server gets a recorded failure, never a hang: each
 * hop has a connect, a headers and a whole-hop deadline.
 *
 * Nothing here stores anything: online.ts keeps the captures as evidence.
 */
import { createHash, X509Certificate } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import zlib from 'node:zlib';
import type { Duplex } from 'node:stream';
import { checkDestination, DestinationRefusedError, guardedConnect, type DestinationPolicy } from '../net/destination-policy.ts';
import { addressesOf, resolveAll, type DnsAnswer, type Resolver } from './dns.ts';
import { describeRoute, defaultConnector, openTunnel, TunnelError, type Route, type TcpConnector } from './tunnel.ts';
import type { FAILURE_CODES, TlsCert, TlsInfo } from '../../../shared/diagnostics-online.ts';

export type FailureCode = (typeof FAILURE_CODES)[number];

export interface FetchConfig {
  policy: DestinationPolicy;
  resolver: Resolver;
  bodyCapBytes: number;
  userAgent: string;
  maxRedirects: number;
  timeouts: { dnsMs: number; connectMs: number; headersMs: number; hopMs: number };
}

export interface FetchDeps {
  connectTcp?: TcpConnector;
  /** Extra trusted roots (test CAs) for the validity check and an https proxy. */
  extraCa?: readonly string[];
  now?: () => Date;
}

export interface HopCapture {
  url: string;
  ip: string | null;
  port: number;
  status: number | null;
  statusLine: string | null;
  headers: { name: string; value: string }[];
  location: string | null;
  requestHead: Buffer;
  /** The response as received (head and body, transfer coding kept), capped. */
  responseRaw: Buffer;
  startedAt: string;
  tls: (Omit<TlsInfo, 'evidence_id'> & { pem: string[] }) | null;
  body: { bytes: Buffer; truncated: boolean; truncatedReason: 'size_cap' | 'decompression_cap' | 'timeout' | 'connection_closed' | null; contentEncoding: string | null } | null;
  failure: { code: FailureCode; message: string } | null;
}

export interface FetchOutcome {
  requestedUrl: string;
  route: string;
  hops: HopCapture[];
  dns: DnsAnswer[];
  failure: { code: FailureCode; message: string } | null;
  startedAt: string;
  finishedAt: string;
}

const MAX_HEAD = 64 * 1024;

class HopFailure extends Error {
  readonly code: FailureCode;

  constructor(code: FailureCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** The system's first resolver, when none is configured. */
export function systemResolver(): Resolver {
  const first = dns.getServers()[0] ?? '127.0.0.1';
  const m = /^\[(.+)\]:(\d+)$/.exec(first) ?? /^([^:]+):(\d+)$/.exec(first);
  return m && m[1] !== undefined ? { host: m[1], port: Number(m[2]) } : { host: first, port: 53 };
}

function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Runs the diagnostic. Throws DestinationRefusedError when the requested URL
 * itself is refused (private destination, no allowed path); every other
 * problem is recorded in the outcome.
 */
export async function fetchUrl(requested: string, config: FetchConfig, deps: FetchDeps = {}): Promise<FetchOutcome> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const hops: HopCapture[] = [];
  const dnsAnswers: DnsAnswer[] = [];
  const seen = new Set<string>();
  let url: URL;
  try {
    url = new URL(requested);
  } catch {
    throw new DestinationRefusedError('BAD_HOST', `${JSON.stringify(requested.slice(0, 200))} is not a URL.`);
  }
  const routeOf = (): Route => (config.policy.proxy !== null ? { kind: 'proxy', proxy: config.policy.proxy } : { kind: 'direct' });
  const finish = (failure: FetchOutcome['failure']): FetchOutcome => ({
    requestedUrl: requested,
    route: config.policy.proxy !== null || config.policy.allowDirect ? describeRoute(routeOf()) : 'none',
    hops,
    dns: dnsAnswers,
    failure,
    startedAt,
    finishedAt: now().toISOString(),
  });

  if (config.policy.proxy === null && !config.policy.allowDirect) {
    throw new DestinationRefusedError('DIRECT_NOT_ALLOWED', 'No proxy is configured, and direct connections are refused unless a supervisor allows them: configure an HTTP(S) or SOCKS5 proxy.');
  }
  for (let hop = 0; ; hop += 1) {
    const first = hop === 0;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      if (first) throw new DestinationRefusedError('BAD_HOST', `Only http and https URLs are diagnosed online, not ${url.protocol}.`);
      return finish({ code: 'BAD_REDIRECT', message: `The server redirected to a ${url.protocol} URL, which is not followed.` });
    }
    const host = hostOf(url);
    let addresses: string[];
    // Before any DNS: a bad host, a local name (.local, no dot…) or an IP literal is judged without resolving.
    const pre = checkDestination(host, [], config.policy);
    if (!pre.ok && !(pre.code === 'NO_ADDRESS' && net.isIP(host) === 0)) {
      if (first) throw new DestinationRefusedError(pre.code, pre.message);
      return finish({ code: 'REDIRECT_REFUSED', message: `Redirect to ${url.href} refused: ${pre.message}` });
    }
    if (net.isIP(host) === 0) {
      const answer = await resolveAll(config.resolver, host, config.timeouts.dnsMs, now);
      dnsAnswers.push(answer);
      addresses = addressesOf(answer);
      if (addresses.length === 0) {
        const rcodes = answer.answers.filter((a) => a.type === 'A' || a.type === 'AAAA').map((a) => `${a.type} ${a.rcode}${a.error ? ` (${a.error})` : ''}`);
        return finish({ code: 'DNS_FAILED', message: `${host} has no address at ${answer.resolver}: ${rcodes.join(', ')}.` });
      }
    } else {
      addresses = [host];
    }
    const verdict = checkDestination(host, addresses, config.policy);
    if (!verdict.ok) {
      if (first) throw new DestinationRefusedError(verdict.code, verdict.message);
      return finish({ code: 'REDIRECT_REFUSED', message: `Redirect to ${url.href} refused: ${verdict.message}` });
    }
    seen.add(url.href);
    const capture = await oneHop(url, addresses[0] ?? host, routeOf(), config, deps, now);
    hops.push(capture);
    if (capture.failure) return finish(capture.failure);
    const status = capture.status ?? 0;
    if (status < 300 || status > 399 || capture.location === null) return finish(null);
    let next: URL;
    try {
      next = new URL(capture.location, url);
    } catch {
      return finish({ code: 'BAD_REDIRECT', message: `The Location ${JSON.stringify(capture.location.slice(0, 200))} is not a URL.` });
    }
    if (seen.has(next.href)) return finish({ code: 'REDIRECT_LOOP', message: `Redirect loop: ${next.href} was already requested.` });
    if (hop + 1 > config.maxRedirects) return finish({ code: 'TOO_MANY_REDIRECTS', message: `More than ${String(config.maxRedirects)} redirects.` });
    url = next;
  }
}

function certOf(x: X509Certificate): TlsCert {
  return {
    subject: x.subject.replaceAll('\n', ', '),
    issuer: x.issuer.replaceAll('\n', ', '),
    san: x.subjectAltName ?? null,
    not_before: new Date(x.validFrom).toISOString(),
    not_after: new Date(x.validTo).toISOString(),
    fingerprint_sha256: x.fingerprint256,
  };
}

function tlsInfo(socket: tls.TLSSocket, host: string, extraCa: readonly string[] | undefined, at: Date): HopCapture['tls'] {
  const chain: X509Certificate[] = [];
  let peer = socket.getPeerCertificate(true) as tls.DetailedPeerCertificate | undefined;
  const seen = new Set<string>();
  while (peer && peer.raw && !seen.has(peer.fingerprint256)) {
    seen.add(peer.fingerprint256);
    chain.push(new X509Certificate(peer.raw));
    peer = peer.issuerCertificate === peer ? undefined : peer.issuerCertificate;
  }
  const leaf = chain[0];
  if (leaf === undefined) return null;
  const errors: string[] = [];
  // Chain against the system's roots (and the test's), independently of what OpenSSL said with rejectUnauthorized off.
  const roots = [...tls.rootCertificates, ...(extraCa ?? [])].map((pem) => {
    try {
      return new X509Certificate(pem);
    } catch {
      return null;
    }
  });
  let chained = false;
  for (let i = 0; i < chain.length && !chained; i += 1) {
    const cert = chain[i];
    if (cert === undefined) break;
    const next = chain[i + 1];
    if (roots.some((root) => root !== null && root.fingerprint256 === cert.fingerprint256)) chained = true;
    else if (roots.some((root) => root !== null && cert.checkIssued(root) && cert.verify(root.publicKey))) chained = true;
    else if (next === undefined || !cert.checkIssued(next) || !cert.verify(next.publicKey)) break;
  }
  if (!chained) errors.push(socket.authorizationError ? String(socket.authorizationError) : 'UNABLE_TO_VERIFY_CHAIN');
  const dated = chain.find((c) => new Date(c.validTo) < at || new Date(c.validFrom) > at);
  if (dated) errors.push(new Date(dated.validTo) < at ? 'CERT_HAS_EXPIRED' : 'CERT_NOT_YET_VALID');
  const nameError = tls.checkServerIdentity(host, { subject: {}, subjectaltname: leaf.subjectAltName ?? '' } as tls.PeerCertificate);
  if (nameError) errors.push(`${(nameError as NodeJS.ErrnoException).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID'}: ${nameError.message}`);
  return {
    ...certOf(leaf),
    valid: errors.length === 0,
    errors: [...new Set(errors)],
    protocol: socket.getProtocol() ?? null,
    chain: chain.map(certOf),
    pem: chain.map((c) => c.toString()),
  };
}

function requestHead(url: URL, userAgent: string): { path: string; headers: [string, string][]; bytes: Buffer } {
  const path = `${url.pathname}${url.search}`;
  const headers: [string, string][] = [
    ['Host', url.host],
    ['User-Agent', userAgent],
    ['Accept', '*/*'],
    ['Accept-Encoding', 'gzip, deflate, br'],
    ['Connection', 'close'],
  ];
  const text = `GET ${path} HTTP/1.1\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
  return { path, headers, bytes: Buffer.from(text, 'latin1') };
}

function decoderFor(encoding: string | null): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

async function oneHop(url: URL, ip: string, route: Route, config: FetchConfig, deps: FetchDeps, now: () => Date): Promise<HopCapture> {
  const startedAt = now().toISOString();
  const https = url.protocol === 'https:';
  const port = url.port !== '' ? Number(url.port) : https ? 443 : 80;
  const head = requestHead(url, config.userAgent);
  const capture: HopCapture = {
    url: url.href,
    ip,
    port,
    status: null,
    statusLine: null,
    headers: [],
    location: null,
    requestHead: head.bytes,
    responseRaw: Buffer.alloc(0),
    startedAt,
    tls: null,
    body: null,
    failure: null,
  };
  const hopDeadline = Date.now() + config.timeouts.hopMs;
  let stream: Duplex | null = null;
  try {
    const connect = guardedConnect(
      (address: string, p: number) => openTunnel(address, p, route, { connectTcp: deps.connectTcp ?? defaultConnector, timeoutMs: config.timeouts.connectMs, ...(deps.extraCa ? { proxyCa: deps.extraCa } : {}) }),
      config.policy,
    );
    try {
      stream = await connect(ip, port);
    } catch (error) {
      if (error instanceof DestinationRefusedError) throw error;
      if (error instanceof TunnelError) throw new HopFailure(error.code, error.message);
      throw new HopFailure('CONNECT_FAILED', (error as Error).message);
    }
    if (https) {
      const host = hostOf(url);
      const secure = tls.connect({ socket: stream, servername: net.isIP(host) ? undefined : host, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
      stream = secure;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new HopFailure('CONNECT_TIMEOUT', `TLS handshake with ${url.host}: no answer within ${String(config.timeouts.connectMs)} ms.`)), config.timeouts.connectMs);
        secure.once('secureConnect', () => {
          clearTimeout(timer);
          resolve();
        });
        secure.once('error', (error) => {
          clearTimeout(timer);
          reject(new HopFailure('TLS_FAILED', `TLS handshake with ${url.host}: ${error.message}`));
        });
      });
      capture.tls = tlsInfo(secure, host, deps.extraCa, now());
    }
    await exchange(stream, url, head, capture, config, hopDeadline);
  } catch (error) {
    if (error instanceof DestinationRefusedError) {
      capture.failure = { code: 'REDIRECT_REFUSED', message: error.message };
    } else if (error instanceof HopFailure) {
      capture.failure = { code: error.code, message: error.message };
    } else {
      capture.failure = { code: 'CONNECT_FAILED', message: (error as Error).message };
    }
  } finally {
    stream?.destroy();
  }
  return capture;
}

/** The request and its answer, over an open stream. */
function exchange(stream: Duplex, url: URL, head: ReturnType<typeof requestHead>, capture: HopCapture, config: FetchConfig, hopDeadline: number): Promise<void> {
  const rawCap = config.bodyCapBytes + MAX_HEAD;
  const raw: Buffer[] = [];
  let rawSize = 0;
  let rawCut = false;
  stream.on('data', (chunk: Buffer) => {
    if (rawSize >= rawCap) return;
    const part = rawSize + chunk.length > rawCap ? chunk.subarray(0, rawCap - rawSize) : chunk;
    if (part.length < chunk.length) rawCut = true;
    raw.push(part);
    rawSize += part.length;
  });
  const headerObject: Record<string, string> = {};
  for (const [n, v] of head.headers) headerObject[n] = v;

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const settle = (error: HopFailure | null) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      capture.responseRaw = Buffer.concat(raw);
      void rawCut;
      if (error) reject(error);
      else resolve();
    };
    const request = http.request({
      method: 'GET',
      path: head.path,
      headers: headerObject,
      setHost: false,
      // No agent: node:http then uses createConnection and opens nothing itself (agent: false would make
      // it open its own connection). host and port are the checked destination, should it ever try.
      host: capture.ip ?? '0.0.0.0',
      port: capture.port,
      createConnection: () => stream as net.Socket,
      maxHeaderSize: MAX_HEAD,
      insecureHTTPParser: false,
      joinDuplicateHeaders: false,
    });
    timers.push(
      setTimeout(() => {
        request.destroy();
        settle(new HopFailure('HEADERS_TIMEOUT', `No response headers from ${url.host} within ${String(config.timeouts.headersMs)} ms.`));
      }, config.timeouts.headersMs),
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      const code: FailureCode = error.code === 'HPE_HEADER_OVERFLOW' || error.code?.startsWith('HPE_') ? 'BAD_RESPONSE' : 'CONNECTION_CLOSED';
      settle(new HopFailure(code, `${url.host}: ${error.message}${error.code ? ` (${error.code})` : ''}`));
    });
    request.on('response', (response) => {
      const first = timers.shift();
      if (first) clearTimeout(first);
      capture.status = response.statusCode ?? null;
      capture.statusLine = `HTTP/${response.httpVersion} ${String(response.statusCode ?? '')} ${response.statusMessage ?? ''}`;
      const pairs: { name: string; value: string }[] = [];
      for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) pairs.push({ name: response.rawHeaders[i] ?? '', value: response.rawHeaders[i + 1] ?? '' });
      capture.headers = pairs;
      const location = response.headers.location;
      capture.location = typeof location === 'string' ? location : null;
      const encodingHeader = response.headers['content-encoding'];
      const encoding = typeof encodingHeader === 'string' ? encodingHeader.trim().toLowerCase() : null;
      const decoder = decoderFor(encoding);
      const chunks: Buffer[] = [];
      let size = 0;
      let wire = 0;
      const body: NonNullable<HopCapture['body']> = { bytes: Buffer.alloc(0), truncated: false, truncatedReason: null, contentEncoding: encoding };
      capture.body = body;
      let done = false;
      const end = (reason: NonNullable<HopCapture['body']>['truncatedReason'], failure: HopFailure | null) => {
        if (done) return;
        done = true;
        if (reason !== null) {
          body.truncated = true;
          body.truncatedReason = reason;
        }
        body.bytes = Buffer.concat(chunks);
        response.destroy();
        decoder?.destroy();
        settle(failure);
      };
      const take = (chunk: Buffer, reason: 'size_cap' | 'decompression_cap') => {
        if (done) return;
        const room = config.bodyCapBytes - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size += room;
          end(reason, null);
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      };
      timers.push(
        setTimeout(() => end('timeout', new HopFailure('BODY_TIMEOUT', `The body from ${url.host} did not end within ${String(config.timeouts.hopMs)} ms of the request: cut.`)), Math.max(0, hopDeadline - Date.now())),
      );
      if (decoder) {
        decoder.on('data', (chunk: Buffer) => take(chunk, 'decompression_cap'));
        decoder.on('error', (error) => end(null, new HopFailure('DECOMPRESSION_FAILED', `The ${encoding ?? ''} body from ${url.host} could not be decoded: ${error.message}`)));
        decoder.on('end', () => end(null, null));
      }
      let wireCapped = false;
      response.on('data', (chunk: Buffer) => {
        if (wireCapped || done) return;
        wire += chunk.length;
        if (wire > config.bodyCapBytes) {
          // Over the cap on the wire: keep what came up to it, read nothing more.
          wireCapped = true;
          response.pause();
          const keep = chunk.subarray(0, Math.max(0, chunk.length - (wire - config.bodyCapBytes)));
          if (decoder) decoder.write(keep);
          else take(keep, 'size_cap');
          setImmediate(() => end('size_cap', null));
          return;
        }
        if (decoder) decoder.write(chunk);
        else take(chunk, 'size_cap');
      });
      response.on('aborted', () => end('connection_closed', new HopFailure('CONNECTION_CLOSED', `${url.host} closed the connection before the end of the body (the announced length was not sent).`)));
      response.on('error', (error: NodeJS.ErrnoException) =>
        end('connection_closed', new HopFailure('CONNECTION_CLOSED', `${url.host}: the body ended early or was malformed: ${error.message}${error.code ? ` (${error.code})` : ''}`)),
      );
      response.on('end', () => {
        if (decoder) decoder.end();
        else end(null, null);
      });
    });
    // A stream that went through a proxy handshake was left paused: flow again once node:http listens to it.
    request.on('socket', (socket) => socket.resume());
    request.end();
  });
}

/** SHA-256 hex of some bytes. */
export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
