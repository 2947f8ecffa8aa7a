/**
 * The filtering proxy a page screenshot goes through (issue #11): an HTTP
 * proxy on 127.0.0.1 (a random port, one per capture, closed after it) that
 * the disposable browser is told to use for everything, loopback included.
 *
 * For each request the page makes (CONNECT host:port for https and
 * WebSockets, an absolute-URI request for http), the name is resolved with
 * the configured resolver, the destination judged by the same policy as the
 * diagnostic's own fetch (destination-policy.ts: private, loopback,
 * link-local and reserved addresses refused unless a supervisor allows them
 * for a test lab), and the connection opened to the *checked IP* through the
 * configured HTTP(S) CONNECT or SOCKS5 proxy (or directly, only when allowed)
 * with the same guardedConnect and openTunnel as the fetch. Refused requests
 * get a 403 and are recorded; every request is listed (host:port or URL,
 * allowed or refused, why), and that list becomes part of the screenshot's
 * method. So the browser never reaches anything but checked addresses, by the
 * same path as the diagnostic.
 *
 * Bounded: requests listed (MAX_LISTED), bytes relayed to the browser
 * (maxBytes), connect and DNS deadlines; close() destroys every connection.
 */
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { checkDestination, DestinationRefusedError, guardedConnect, type DestinationPolicy } from '../net/destination-policy.ts';
import { resolveAddresses, type Resolver } from '../online/dns.ts';
import { defaultConnector, describeRoute, openTunnel, TunnelError, type Route, type TcpConnector } from '../online/tunnel.ts';

export interface FilterOptions {
  policy: DestinationPolicy;
  resolver: Resolver;
  timeouts: { dnsMs: number; connectMs: number };
  /** Bytes relayed to the browser, all requests together; past it, connections are cut. */
  maxBytes: number;
  connectTcp?: TcpConnector;
  /** Extra trusted roots for an https:// upstream proxy (tests). */
  proxyCa?: readonly string[];
}

/** One request the page made, as the filter judged it. */
export interface FilteredRequest {
  /** `host:port` for CONNECT, the URL (capped) for plain http. */
  target: string;
  method: string;
  allowed: boolean;
  /** The checked address connected to, when allowed. */
  ip: string | null;
  /** Why it was refused or failed; null when relayed. */
  reason: string | null;
}

export interface FilterProxy {
  /** `http://127.0.0.1:PORT`, for the browser. */
  url: string;
  port: number;
  /** What the route upstream is: `socks5://…`, `http://…`, `direct`. */
  route: string;
  requests: FilteredRequest[];
  /** Requests past MAX_LISTED (judged the same, not listed). */
  unlisted: () => number;
  close(): Promise<void>;
}

export const MAX_LISTED = 500;
const MAX_TARGET_CHARS = 300;

/** Hop-by-hop and proxy headers, never forwarded. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

type Verdict = { ok: true; ip: string } | { ok: false; reason: string };

/** Splits CONNECT's `host:port` / `[v6]:port`. */
function splitAuthority(authority: string): { host: string; port: number } | null {
  const m = /^\[([0-9a-fA-F:.]+)\]:(\d{1,5})$/.exec(authority) ?? /^([^:[\]]+):(\d{1,5})$/.exec(authority);
  if (m === null || m[1] === undefined) return null;
  const port = Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { host: m[1], port };
}

export async function startFilterProxy(options: FilterOptions): Promise<FilterProxy> {
  const { policy } = options;
  const route: Route = policy.proxy !== null ? { kind: 'proxy', proxy: policy.proxy } : { kind: 'direct' };
  const requests: FilteredRequest[] = [];
  let unlisted = 0;
  let relayed = 0;
  const sockets = new Set<Duplex>();
  const names = new Map<string, Promise<string[]>>();
  const connect = guardedConnect(
    (address: string, port: number) =>
      openTunnel(address, port, route, { connectTcp: options.connectTcp ?? defaultConnector, timeoutMs: options.timeouts.connectMs, ...(options.proxyCa ? { proxyCa: options.proxyCa } : {}) }),
    policy,
  );

  const record = (entry: FilteredRequest): FilteredRequest => {
    if (requests.length < MAX_LISTED) requests.push({ ...entry, target: entry.target.slice(0, MAX_TARGET_CHARS) });
    else unlisted += 1;
    return entry;
  };

  /** The same judgement as fetch.ts: local names and IP literals before any DNS, then every address. */
  async function judge(host: string): Promise<Verdict> {
    const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
    const pre = checkDestination(host, [], policy);
    if (!pre.ok && !(pre.code === 'NO_ADDRESS' && net.isIP(bare) === 0)) return { ok: false, reason: pre.message };
    let addresses: string[];
    if (net.isIP(bare) !== 0) addresses = [bare];
    else {
      const key = bare.toLowerCase();
      let pending = names.get(key);
      if (pending === undefined) {
        pending = resolveAddresses(options.resolver, key, options.timeouts.dnsMs).then((r) => r.addresses);
        names.set(key, pending);
      }
      addresses = await pending;
    }
    const verdict = checkDestination(host, addresses, policy);
    if (!verdict.ok) return { ok: false, reason: verdict.message };
    const ip = addresses[0];
    return ip === undefined ? { ok: false, reason: `${host} resolved to no address.` } : { ok: true, ip };
  }

  async function open(ip: string, port: number): Promise<Duplex> {
    try {
      return await connect(ip, port);
    } catch (error) {
      if (error instanceof DestinationRefusedError || error instanceof TunnelError) throw error;
      throw new TunnelError('CONNECT_FAILED', (error as Error).message);
    }
  }

  /** Counts what goes to the browser; cuts every connection past the byte cap. */
  function counted(stream: NodeJS.ReadableStream, onOver: () => void): void {
    stream.on('data', (chunk: Buffer) => {
      relayed += chunk.length;
      if (relayed > options.maxBytes) onOver();
    });
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      let url: URL;
      try {
        url = new URL(req.url ?? '');
      } catch {
        url = new URL('invalid:');
      }
      if (url.protocol !== 'http:') {
        record({ target: (req.url ?? '').slice(0, MAX_TARGET_CHARS), method, allowed: false, ip: null, reason: 'Not an absolute http:// request.' });
        res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
        res.end('The workstation filter only relays absolute http:// requests and CONNECT.');
        return;
      }
      const target = url.href;
      const port = url.port === '' ? 80 : Number(url.port);
      const verdict = await judge(url.hostname);
      if (!verdict.ok) {
        record({ target, method, allowed: false, ip: null, reason: verdict.reason });
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
        res.end(`Refused by the workstation filter: ${verdict.reason}`);
        return;
      }
      let stream: Duplex;
      try {
        stream = await open(verdict.ip, port);
      } catch (error) {
        record({ target, method, allowed: false, ip: verdict.ip, reason: (error as Error).message });
        res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
        res.end(`The workstation filter could not connect: ${(error as Error).message}`);
        return;
      }
      sockets.add(stream);
      stream.on('close', () => sockets.delete(stream));
      record({ target, method, allowed: true, ip: verdict.ip, reason: null });
      const headers: [string, string][] = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i] ?? '';
        if (!HOP_HEADERS.has(name.toLowerCase())) headers.push([name, req.rawHeaders[i + 1] ?? '']);
      }
      headers.push(['Connection', 'close']);
      const upstream = http.request({
        method,
        path: `${url.pathname}${url.search}`,
        headers: headers.flat(),
        setHost: false,
        host: verdict.ip,
        port,
        createConnection: () => stream as net.Socket,
      });
      upstream.on('socket', (socket) => socket.resume());
      upstream.on('error', (error) => {
        if (!res.headersSent) {
          res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
          res.end(`Upstream error: ${error.message}`);
        } else res.destroy();
      });
      upstream.on('response', (answer) => {
        const out: string[] = [];
        for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) {
          const name = answer.rawHeaders[i] ?? '';
          if (!HOP_HEADERS.has(name.toLowerCase())) out.push(name, answer.rawHeaders[i + 1] ?? '');
        }
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
        counted(answer, () => {
          answer.destroy();
          res.destroy();
        });
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      });
      req.pipe(upstream);
    })().catch(() => res.destroy());
  });

  server.on('connect', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    void (async () => {
      const authority = req.url ?? '';
      const parts = splitAuthority(authority);
      const refuse = (reason: string, status = '403 Forbidden') => {
        record({ target: authority, method: 'CONNECT', allowed: false, ip: null, reason });
        client.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\nRefused by the workstation filter: ${reason}`);
      };
      if (parts === null) return refuse(`${JSON.stringify(authority.slice(0, 100))} is not host:port.`, '400 Bad Request');
      const verdict = await judge(parts.host);
      if (!verdict.ok) return refuse(verdict.reason);
      let upstream: Duplex;
      try {
        upstream = await open(verdict.ip, parts.port);
      } catch (error) {
        record({ target: authority, method: 'CONNECT', allowed: false, ip: verdict.ip, reason: (error as Error).message });
        client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
        return;
      }
      record({ target: authority, method: 'CONNECT', allowed: true, ip: verdict.ip, reason: null });
      sockets.add(upstream);
      upstream.on('close', () => {
        sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => upstream.destroy());
      client.on('close', () => upstream.destroy());
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      counted(upstream, () => {
        upstream.destroy();
        client.destroy();
      });
      upstream.pipe(client);
      client.pipe(upstream);
    })().catch(() => client.destroy());
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    port,
    route: describeRoute(route),
    requests,
    unlisted: () => unlisted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
