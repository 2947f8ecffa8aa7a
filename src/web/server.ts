/**
 * The browser host: the same core services as the Electron shell, the built
 * renderer served on a loopback port, and the renderer's bridge over HTTP.
 *
 * It exists for tests and development in a real browser, and is not part of
 * the packaged application. It binds loopback only, and every API request
 * must carry the per-run token (Authorization: Bearer) and a Host header
 * naming this server (against DNS rebinding); cross-site requests are refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from '../shared/csp.ts';
import { webHostProtocol } from '../shared/contract.ts';
import type { Core } from '../main/core.ts';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1';
  return false;
}

export interface WebHostOptions {
  core: Core;
  rendererDir: string;
  host?: string;
  port?: number;
}

export interface WebHost {
  /** The URL to open, token included (in the fragment, never sent to the server). */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

function sameToken(header: string | undefined, token: Buffer): boolean {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  return given.length === token.length && timingSafeEqual(given, token);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > webHostProtocol.maxBodyBytes) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new Error(`Refusing to listen on ${host}: the browser host binds loopback addresses only.`);
  const rendererDir = resolve(options.rendererDir);
  const tokenText = randomBytes(32).toString('base64url');
  const token = Buffer.from(tokenText);
  const streams = new Set<ServerResponse>();
  let allowedHosts = new Set<string>();

  const unsubscribe = options.core.onEvent((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  function serveFile(pathname: string, response: ServerResponse): void {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return send(response, 400, 'Bad path');
    }
    const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
    const file = join(rendererDir, relative);
    if (decoded.includes('\0') || (file !== rendererDir && !file.startsWith(rendererDir + sep))) return send(response, 404, 'Not found');
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return send(response, 404, 'Not found');
      size = stat.size;
    } catch {
      return send(response, 404, 'Not found');
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': size,
    });
    createReadStream(file).pipe(response);
  }

  async function serveApi(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (!sameToken(request.headers.authorization, token)) return send(response, 401, 'Missing or wrong token');
    if (pathname === webHostProtocol.eventsPath && request.method === 'GET') {
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
      request.on('close', () => {
        clearInterval(keepAlive);
        streams.delete(response);
      });
      return;
    }
    const prefix = '/api/invoke/';
    if (!pathname.startsWith(prefix) || request.method !== 'POST') return send(response, 404, 'Not found');
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) return send(response, 415, 'JSON only');
    let input: unknown;
    try {
      const body = JSON.parse(await readBody(request)) as { input?: unknown };
      input = body.input === null ? undefined : body.input;
    } catch {
      return send(response, 400, 'Invalid JSON body');
    }
    const result = await options.core.dispatch(pathname.slice(prefix.length), input);
    send(response, 200, JSON.stringify(result), 'application/json');
  }

  const server = createServer((request, response) => {
    const hostHeader = request.headers.host ?? '';
    if (!allowedHosts.has(hostHeader)) return send(response, 421, 'Unknown host');
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) return send(response, 403, 'Cross-origin request refused');
    if (request.headers['sec-fetch-site'] === 'cross-site') return send(response, 403, 'Cross-site request refused');
    const pathname = new URL(request.url ?? '/', 'http://placeholder').pathname;
    if (pathname.startsWith('/api/')) {
      serveApi(request, response, pathname).catch((error: unknown) => {
        console.error('[iblagh web host]', error);
        if (!response.headersSent) send(response, 500, 'Internal error');
      });
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'Method not allowed');
    serveFile(pathname, response);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  allowedHosts = new Set([`${hostForUrl}:${port}`, `localhost:${port}`]);
  const origin = `http://${hostForUrl}:${port}`;

  return {
    url: `${origin}/#token=${tokenText}`,
    origin,
    token: tokenText,
    async close() {
      unsubscribe();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
