/**
 * The whole exchange of an online diagnostic as WARC 1.1 (ISO 28500:2017),
 * written with Webrecorder's warcio: a warcinfo record (tool, user agent,
 * route, resolver), then for each hop a request record (the exact request
 * head sent) and a response record (the status line and headers as received,
 * then the body bytes as they came on the wire, transfer and content coding
 * kept, so that a web-archive player decodes them itself), linked by
 * WARC-Concurrent-To, with WARC-IP-Address. A body cut at the cap is marked
 * WARC-Truncated: length (or time, for a slow body).
 */
import { WARCRecord, WARCSerializer } from 'warcio';
import type { HopCapture } from './fetch.ts';

export interface WarcInfo {
  software: string;
  userAgent: string;
  route: string;
  resolver: string;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  if (bytes.length > 0) yield bytes;
}

function headEnd(raw: Buffer): number {
  const end = raw.indexOf('\r\n\r\n');
  return end < 0 ? -1 : end + 4;
}

function pairs(headText: string): [string, string][] {
  return headText
    .split('\r\n')
    .slice(1)
    .filter((line) => line.includes(':'))
    .map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon), line.slice(colon + 1).trim()] as [string, string];
    });
}

/** The WARC file (uncompressed) for the hops of one diagnostic. */
export async function buildWarc(hops: readonly HopCapture[], info: WarcInfo, date: string): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const warcinfo = await WARCRecord.createWARCInfo(
    { warcVersion: 'WARC/1.1', date, filename: 'iblagh-diagnostic.warc' },
    { software: info.software, format: 'WARC File Format 1.1', conformsTo: 'http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/', 'http-header-user-agent': info.userAgent, route: info.route, resolver: info.resolver },
  );
  parts.push(await WARCSerializer.serialize(warcinfo, { gzip: false }));
  for (const hop of hops) {
    const requestText = hop.requestHead.toString('latin1');
    const requestLine = requestText.split('\r\n', 1)[0] ?? '';
    const warcHeaders: Record<string, string> = {};
    if (hop.ip !== null) warcHeaders['WARC-IP-Address'] = hop.ip;
    const request = WARCRecord.create(
      { url: hop.url, date: hop.startedAt, type: 'request', warcVersion: 'WARC/1.1', statusline: requestLine, httpHeaders: pairs(requestText) as unknown as Record<string, string>, warcHeaders },
      once(new Uint8Array()),
    );
    const requestId = request.warcHeaders.headers.get('WARC-Record-ID') ?? '';
    parts.push(await WARCSerializer.serialize(request, { gzip: false }));
    const end = headEnd(hop.responseRaw);
    if (hop.statusLine === null || end < 0) continue; // no response head came: the request alone is recorded
    const headText = hop.responseRaw.subarray(0, end - 4).toString('latin1');
    const statusLine = headText.split('\r\n', 1)[0] ?? hop.statusLine;
    const responseHeaders: Record<string, string> = { ...warcHeaders, 'WARC-Concurrent-To': requestId };
    if (hop.body?.truncated) responseHeaders['WARC-Truncated'] = hop.body.truncatedReason === 'timeout' ? 'time' : hop.body.truncatedReason === 'connection_closed' ? 'disconnect' : 'length';
    const response = WARCRecord.create(
      { url: hop.url, date: hop.startedAt, type: 'response', warcVersion: 'WARC/1.1', statusline: statusLine, httpHeaders: pairs(headText) as unknown as Record<string, string>, warcHeaders: responseHeaders },
      once(new Uint8Array(hop.responseRaw.subarray(end))),
    );
    parts.push(await WARCSerializer.serialize(response, { gzip: false }));
  }
  return Buffer.concat(parts);
}
