/**
 * The TCP stream to a checked destination address (issue #11): through the
 * configured HTTP(S) CONNECT or SOCKS5 proxy, or directly when a supervisor
 * allowed direct connections. The proxy is always asked for the IP address
 * that destination-policy.ts checked (CONNECT 203.0.113.7:443, SOCKS5 with an
 * IPv4 or IPv6 address type), never for the name: the proxy's own resolver
 * must not choose where the request goes.
 *
 * Callers reach this only through guardedConnect (online/fetch.ts), so the
 * address given here has been checked at connect time. Every step has a
 * deadline; an answer from the proxy is bounded and checked.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { ProxyConfig } from '../net/destination-policy.ts';

/** Opens a plain TCP connection (node:net by default; tests replace it). */
export type TcpConnector = (host: string, port: number) => net.Socket;

export const defaultConnector: TcpConnector = (host, port) => net.connect({ host, port });

export type Route = { kind: 'proxy'; proxy: ProxyConfig } | { kind: 'direct' };

export interface TunnelOptions {
  connectTcp: TcpConnector;
  timeoutMs: number;
  /** Extra trusted roots for an https:// proxy (tests). */
  proxyCa?: readonly string[];
}

/** A failure of the path to the destination (proxy refused, timeout, closed). */
export class TunnelError extends Error {
  readonly code: 'CONNECT_TIMEOUT' | 'PROXY_REFUSED' | 'PROXY_ERROR' | 'CONNECT_FAILED';

  constructor(code: TunnelError['code'], message: string) {
    super(message);
    this.name = 'TunnelError';
    this.code = code;
  }
}

export function describeRoute(route: Route): string {
  if (route.kind === 'direct') return 'direct';
  return `${route.proxy.protocol}://${net.isIPv6(route.proxy.host) ? `[${route.proxy.host}]` : route.proxy.host}:${String(route.proxy.port)}`;
}

/** Reads "http://host:port", "https://host:port" or "socks5://host:port" (socks5h is refused: the proxy would resolve). */
export function parseProxyUrl(text: string): ProxyConfig | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const protocol = url.protocol.slice(0, -1);
  if (protocol !== 'http' && protocol !== 'https' && protocol !== 'socks5') return null;
  if (url.username !== '' || url.password !== '' || (url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') return null;
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port === '' ? (protocol === 'socks5' ? 1080 : protocol === 'https' ? 443 : 8080) : Number(url.port);
  if (host === '') return null;
  return { protocol, host, port };
}

function waitConnected(socket: net.Socket | tls.TLSSocket, event: 'connect' | 'secureConnect', deadline: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TunnelError('CONNECT_TIMEOUT', `${what}: no connection within ${String(Math.max(0, deadline - Date.now()))} ms left of the connect timeout.`));
    }, Math.max(0, deadline - Date.now()));
    socket.once(event, () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve();
    });
    const onError = (error: Error) => {
      clearTimeout(timer);
      reject(new TunnelError('CONNECT_FAILED', `${what}: ${error.message}`));
    };
    socket.once('error', onError);
  });
}

/** Reads from a stream until `enough` says how many bytes form the answer (or null for more); pushes back the rest. */
function readAnswer(stream: Duplex, enough: (buf: Buffer) => number | null, max: number, deadline: number, what: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const done = (error: Error | null, value?: Buffer) => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('error', onError);
      stream.off('end', onEnd);
      if (error) {
        stream.destroy();
        reject(error);
      } else resolve(value ?? Buffer.alloc(0));
    };
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      let length: number | null;
      try {
        length = enough(buf);
      } catch (error) {
        return done(new TunnelError('PROXY_ERROR', `${what}: ${(error as Error).message}`));
      }
      if (length === null) {
        if (buf.length > max) done(new TunnelError('PROXY_ERROR', `${what}: the proxy's answer is longer than ${String(max)} bytes.`));
        return;
      }
      stream.pause();
      const rest = buf.subarray(length);
      if (rest.length > 0) stream.unshift(rest);
      done(null, buf.subarray(0, length));
    };
    const onError = (error: Error) => done(new TunnelError('PROXY_ERROR', `${what}: ${error.message}`));
    const onEnd = () => done(new TunnelError('PROXY_ERROR', `${what}: the proxy closed the connection.`));
    const timer = setTimeout(() => done(new TunnelError('CONNECT_TIMEOUT', `${what}: no answer from the proxy within the connect timeout.`)), Math.max(0, deadline - Date.now()));
    stream.on('data', onData);
    stream.on('error', onError);
    stream.on('end', onEnd);
    stream.resume(); // paused by the previous answer
  });
}

async function httpConnect(stream: Duplex, ip: string, port: number, deadline: number): Promise<void> {
  const authority = net.isIPv6(ip) ? `[${ip}]:${String(port)}` : `${ip}:${String(port)}`;
  stream.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
  const head = await readAnswer(
    stream,
    (b) => {
      const end = b.indexOf('\r\n\r\n');
      return end < 0 ? null : end + 4;
    },
    16 * 1024,
    deadline,
    'HTTP proxy CONNECT',
  );
  const statusLine = head.toString('latin1').split('\r\n', 1)[0] ?? '';
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (m === null) throw new TunnelError('PROXY_ERROR', `HTTP proxy CONNECT: not an HTTP answer (${JSON.stringify(statusLine.slice(0, 80))}).`);
  if (!m[1]?.startsWith('2')) throw new TunnelError('PROXY_REFUSED', `HTTP proxy CONNECT ${authority}: the proxy answered ${JSON.stringify(statusLine.slice(0, 120))}.`);
}

const SOCKS_REPLIES: Record<number, string> = {
  1: 'general SOCKS server failure',
  2: 'connection not allowed by ruleset',
  3: 'network unreachable',
  4: 'host unreachable',
  5: 'connection refused',
  6: 'TTL expired',
  7: 'command not supported',
  8: 'address type not supported',
};

async function socks5Connect(stream: Duplex, ip: string, port: number, deadline: number): Promise<void> {
  stream.write(Buffer.from([5, 1, 0])); // version 5, one method: no authentication
  const greeting = await readAnswer(stream, (b) => (b.length >= 2 ? 2 : null), 2, deadline, 'SOCKS5 greeting');
  if (greeting[0] !== 5 || greeting[1] !== 0) throw new TunnelError('PROXY_REFUSED', 'SOCKS5: the proxy accepts no method without authentication.');
  const portBytes = Buffer.from([port >> 8, port & 0xff]);
  const address = net.isIPv4(ip)
    ? Buffer.from([1, ...ip.split('.').map(Number)])
    : Buffer.concat([Buffer.from([4]), ipv6Bytes(ip)]);
  stream.write(Buffer.concat([Buffer.from([5, 1, 0]), address, portBytes])); // CONNECT to the checked address, never a name
  const reply = await readAnswer(
    stream,
    (b) => {
      if (b.length < 5) return null;
      if (b[0] !== 5) throw new Error('not a SOCKS5 reply');
      const atyp = b[3];
      const length = atyp === 1 ? 10 : atyp === 4 ? 22 : atyp === 3 ? 7 + (b[4] ?? 0) : -1;
      if (length < 0) throw new Error('unknown address type in the reply');
      return b.length >= length ? length : null;
    },
    262,
    deadline,
    'SOCKS5 CONNECT',
  );
  const rep = reply[1] ?? 1;
  if (rep !== 0) throw new TunnelError('PROXY_REFUSED', `SOCKS5 CONNECT ${ip}:${String(port)}: ${SOCKS_REPLIES[rep] ?? `reply ${String(rep)}`}.`);
}

function ipv6Bytes(ip: string): Buffer {
  const [head = '', tail = ''] = ip.split('::');
  const words = (s: string) => (s === '' ? [] : s.split(':'));
  let left = words(head);
  let right = ip.includes('::') ? words(tail) : [];
  const last = (ip.includes('::') ? right : left).at(-1);
  const v4tail = last?.includes('.') ? last.split('.').map(Number) : null;
  if (v4tail) {
    const extra = [((v4tail[0] ?? 0) << 8 | (v4tail[1] ?? 0)).toString(16), ((v4tail[2] ?? 0) << 8 | (v4tail[3] ?? 0)).toString(16)];
    if (ip.includes('::')) right = [...right.slice(0, -1), ...extra];
    else left = [...left.slice(0, -1), ...extra];
  }
  const fill = ip.includes('::') ? 8 - left.length - right.length : 0;
  const all = [...left, ...new Array<string>(fill).fill('0'), ...right];
  const out = Buffer.alloc(16);
  all.forEach((w, i) => out.writeUInt16BE(Number.parseInt(w, 16), i * 2));
  return out;
}

/** A stream to ip:port along the route; the caller has checked ip with the destination policy. */
export async function openTunnel(ip: string, port: number, route: Route, options: TunnelOptions): Promise<Duplex> {
  const deadline = Date.now() + options.timeoutMs;
  if (route.kind === 'direct') {
    const socket = options.connectTcp(ip, port);
    await waitConnected(socket, 'connect', deadline, `Direct connection to ${ip}:${String(port)}`);
    return socket;
  }
  const { proxy } = route;
  const what = `Proxy ${describeRoute(route)}`;
  const raw = options.connectTcp(proxy.host, proxy.port);
  await waitConnected(raw, 'connect', deadline, what);
  let stream: Duplex = raw;
  if (proxy.protocol === 'https') {
    const secure = tls.connect({
      socket: raw,
      host: proxy.host, // the name or IP its certificate must match
      servername: net.isIP(proxy.host) === 0 ? proxy.host : undefined,
      ...(options.proxyCa ? { ca: [...tls.rootCertificates, ...options.proxyCa] } : {}),
    });
    await waitConnected(secure, 'secureConnect', deadline, `${what} (TLS to the proxy)`);
    stream = secure;
  }
  try {
    if (proxy.protocol === 'socks5') await socks5Connect(stream, ip, port, deadline);
    else await httpConnect(stream, ip, port, deadline);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  return stream;
}
