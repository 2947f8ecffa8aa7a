/**
 * A loopback-only lab for online diagnostics: certificates made here with the
 * openssl command (a CA and its leaf, self-signed, expired, wrong name), a
 * DNS server (UDP and TCP) answering from a table, HTTP and HTTPS servers
 * with hostile routes, an HTTP CONNECT proxy and a SOCKS5 proxy that record
 * what they were asked. Everything listens on 127.0.0.1; nothing here sends
 * a packet anywhere else.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import zlib from 'node:zlib';
import * as packet from 'dns-packet';

export interface Pem {
  key: string;
  cert: string;
}

export interface Certs {
  ca: string;
  valid: Pem; // site.test, by the CA
  selfSigned: Pem; // self.test
  expired: Pem; // old.test, by the CA, 2020
  wrongName: Pem; // other.test, by the CA, served for wrong.test
  proxy: Pem; // IP:127.0.0.1, by the CA (the https:// proxy)
}

export function makeCerts(): Certs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iblagh-lab-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=Iblagh Test CA', '-days', '3', '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  fs.writeFileSync(path.join(dir, 'index.txt'), '');
  fs.writeFileSync(path.join(dir, 'serial'), '1000\n');
  fs.writeFileSync(path.join(dir, 'ca.cnf'), '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\npolicy=p\ndefault_md=sha256\nunique_subject=no\n[p]\ncommonName=supplied\n');
  const leaf = (name: string, host: string, start: string, end: string, san = `DNS:${host}`): Pem => {
    run('req', '-new', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${host}`);
    fs.writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:false\n`);
    run('ca', '-batch', '-notext', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', `${name}.csr`, '-out', `${name}.pem`, '-startdate', start, '-enddate', end, '-extfile', `${name}.ext`);
    return { key: read(`${name}.key`), cert: read(`${name}.pem`) };
  };
  const stamp = (d: Date) => `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
  const now = Date.now();
  const start = stamp(new Date(now - 86_400_000));
  const end = stamp(new Date(now + 2 * 86_400_000));
  const valid = leaf('valid', 'site.test', start, end);
  const expired = leaf('expired', 'old.test', '20200101000000Z', '20200102000000Z');
  const wrongName = leaf('wrong', 'other.test', start, end);
  const proxy = leaf('proxy', 'lab proxy', start, end, 'IP:127.0.0.1');
  run('req', '-x509', ...ec, '-keyout', 'self.key', '-out', 'self.pem', '-subj', '/CN=self.test', '-days', '2', '-addext', 'subjectAltName=DNS:self.test');
  const selfSigned = { key: read('self.key'), cert: read('self.pem') };
  const ca = read('ca.pem');
  fs.rmSync(dir, { recursive: true, force: true });
  return { ca, valid, selfSigned, expired, wrongName, proxy };
}

/** name → records: { A: ['127.0.0.1'], MX: [[10, 'mx.example']], TXT: ['v=spf1 -all'], CNAME: 'target' } */
export type Zone = Record<string, Partial<Record<'A' | 'AAAA' | 'CNAME' | 'MX' | 'NS' | 'TXT', unknown>>>;

export interface DnsServer {
  port: number;
  queries: { name: string; type: string; transport: string }[];
  close(): Promise<void>;
}

function dnsAnswer(query: packet.Packet, zone: Zone, udp: boolean): Buffer {
  const question = query.questions?.[0];
  const answers: packet.Answer[] = [];
  let rcode = 'NOERROR';
  if (question) {
    const entry = zone[question.name.toLowerCase()];
    if (entry === undefined) rcode = 'NXDOMAIN';
    else {
      const type = question.type as keyof typeof entry;
      const value = entry[type];
      const list = value === undefined ? [] : Array.isArray(value) && type !== 'CNAME' ? value : [value];
      for (const v of list) {
        if (type === 'MX') {
          const [preference, exchange] = v as [number, string];
          answers.push({ type: 'MX', name: question.name, ttl: 3600, data: { preference, exchange } } as packet.Answer);
        } else {
          answers.push({ type, name: question.name, ttl: type === 'A' ? 300 : 3600, data: v } as packet.Answer);
        }
      }
    }
  }
  const big = udp && answers.length > 20;
  return packet.encode({
    type: 'response',
    id: query.id ?? 0,
    flags: packet.RECURSION_AVAILABLE | (big ? packet.TRUNCATED_RESPONSE : 0) | (rcode === 'NXDOMAIN' ? 3 : 0),
    questions: query.questions ?? [],
    answers: big ? [] : answers,
  });
}

export async function startDns(zone: Zone): Promise<DnsServer> {
  const queries: DnsServer['queries'] = [];
  const udp = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  const port = udp.address().port;
  udp.on('message', (msg, rinfo) => {
    const query = packet.decode(msg);
    const q = query.questions?.[0];
    if (q) queries.push({ name: q.name, type: q.type, transport: 'udp' });
    if (q?.name === 'silent.test') return; // never answers
    udp.send(dnsAnswer(query, zone, true), rinfo.port, rinfo.address);
  });
  const tcp = net.createServer((socket) => {
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 2 || buf.length < buf.readUInt16BE(0) + 2) return;
      const query = packet.decode(buf.subarray(2, buf.readUInt16BE(0) + 2));
      const q = query.questions?.[0];
      if (q) queries.push({ name: q.name, type: q.type, transport: 'tcp' });
      const answer = dnsAnswer(query, zone, false);
      const length = Buffer.alloc(2);
      length.writeUInt16BE(answer.length);
      socket.end(Buffer.concat([length, answer]));
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => tcp.listen(port, '127.0.0.1', resolve));
  return {
    port,
    queries,
    close: async () => {
      udp.close();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}

export interface WebServer {
  port: number;
  /** Remote ports of the connections the server accepted. */
  peers: number[];
  requests: { url: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** The hostile and ordinary routes, shared by the HTTP and HTTPS servers. */
function routes(port: () => number, scheme: string) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = req.url ?? '/';
    if (url === '/ok') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': 'session=abc', 'X-Test': 'one' });
      res.end('<html><body><script>alert(1)</script>Bonjour مرحبا</body></html>');
    } else if (url === '/changed') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`now ${String(Date.now())}`);
    } else if (url === '/gone') {
      res.writeHead(410, { 'Content-Type': 'text/plain' });
      res.end('gone');
    } else if (url === '/redirect') {
      res.writeHead(302, { Location: '/hop2' });
      res.end();
    } else if (url === '/hop2') {
      res.writeHead(301, { Location: `${scheme}://127.0.0.1:${String(port())}/ok` });
      res.end();
    } else if (url === '/loop-a') {
      res.writeHead(302, { Location: '/loop-b' });
      res.end();
    } else if (url === '/loop-b') {
      res.writeHead(302, { Location: '/loop-a' });
      res.end();
    } else if (url.startsWith('/chain/')) {
      const n = Number(url.slice(7));
      res.writeHead(302, { Location: `/chain/${String(n + 1)}` });
      res.end();
    } else if (url === '/to-private-name') {
      res.writeHead(302, { Location: 'http://printer.local/' });
      res.end();
    } else if (url === '/slow') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('a');
      const timer = setInterval(() => res.write('a'), 200);
      res.on('close', () => clearInterval(timer));
    } else if (url === '/no-headers') {
      // never answers
    } else if (url === '/gzip-bomb') {
      const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024));
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length) });
      res.end(bomb);
    } else if (url === '/gzip') {
      const body = zlib.gzipSync(Buffer.from('hello compressed'));
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip', 'Content-Length': String(body.length) });
      res.end(body);
    } else if (url === '/lying-length') {
      res.socket?.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nonly a little');
      res.socket?.end();
    } else if (url === '/big-gzip') {
      // Incompressible: more than the cap on the wire already.
      const body = zlib.gzipSync(randomBytes(300 * 1024));
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Encoding': 'gzip' });
      res.end(body);
    } else if (url === '/big') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end(Buffer.alloc(300 * 1024, 0x41));
    } else if (url === '/binary') {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end(Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]));
    } else if (url === '/missing') {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    } else {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`hello from ${url}`);
    }
  };
}

function track(server: net.Server, peers: number[]): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    peers.push(socket.remotePort ?? 0);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

function closer(server: net.Server, sockets: Set<net.Socket>): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

export async function startHttp(): Promise<WebServer> {
  const peers: number[] = [];
  const requests: WebServer['requests'] = [];
  let port = 0;
  const handler = routes(() => port, 'http');
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  const sockets = track(server, peers);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
  return { port, peers, requests, close: closer(server, sockets) };
}

export async function startHttps(certs: Certs): Promise<WebServer> {
  const peers: number[] = [];
  const requests: WebServer['requests'] = [];
  let port = 0;
  const handler = routes(() => port, 'https');
  const contexts: Record<string, Pem> = { 'site.test': certs.valid, 'self.test': certs.selfSigned, 'old.test': certs.expired, 'wrong.test': certs.wrongName };
  const server = https.createServer(
    {
      key: certs.valid.key,
      cert: `${certs.valid.cert}${certs.ca}`,
      SNICallback: (name, cb) => {
        const pem = contexts[name] ?? certs.valid;
        const chain = pem === certs.selfSigned ? pem.cert : `${pem.cert}${certs.ca}`;
        cb(null, tls.createSecureContext({ key: pem.key, cert: chain }));
      },
    },
    (req, res) => {
      requests.push({ url: req.url ?? '', headers: req.headers });
      handler(req, res);
    },
  );
  const sockets = track(server, peers);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
  return { port, peers, requests, close: closer(server, sockets) };
}

export interface ProxyServer {
  port: number;
  /** What the proxy was asked to connect to (host:port as written by the client). */
  targets: string[];
  /** Local ports of the proxy's own outgoing connections. */
  outgoingPorts: number[];
  close(): Promise<void>;
}

function pipeTo(client: net.Socket, host: string, port: number, outgoingPorts: number[], onReady: (ok: boolean) => void): void {
  const upstream = net.connect({ host, port });
  upstream.on('connect', () => {
    outgoingPorts.push(upstream.localPort ?? 0);
    onReady(true);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => {
    onReady(false);
    client.destroy();
  });
  client.on('error', () => upstream.destroy());
  client.on('close', () => upstream.destroy());
}

/** Only loopback destinations are relayed: the lab proxy never reaches out. */
function loopbackOnly(host: string): boolean {
  return host === '127.0.0.1' || host === '::1';
}

/** An HTTP CONNECT proxy; over TLS (an https:// proxy) when given a certificate. */
export async function startConnectProxy(pem?: Pem): Promise<ProxyServer> {
  const targets: string[] = [];
  const outgoingPorts: number[] = [];
  const handle = (client: net.Socket) => {
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const line = buf.subarray(0, end).toString('latin1').split('\r\n')[0] ?? '';
      const m = /^CONNECT (\S+):(\d+) HTTP\/1\.1$/.exec(line);
      const target = m?.[1]?.replace(/^\[|\]$/g, '') ?? '';
      targets.push(m ? `${m[1] ?? ''}:${m[2] ?? ''}` : line);
      if (!m || !loopbackOnly(target)) {
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      pipeTo(client, target, Number(m[2]), outgoingPorts, (ok) => client.write(ok ? 'HTTP/1.1 200 Connection established\r\n\r\n' : 'HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    };
    client.on('data', onData);
    client.on('error', () => {});
  };
  const server = pem ? tls.createServer({ key: pem.key, cert: pem.cert }, handle) : net.createServer(handle);
  const sockets = track(server, []);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, targets, outgoingPorts, close: closer(server, sockets) };
}

export async function startSocksProxy(): Promise<ProxyServer> {
  const targets: string[] = [];
  const outgoingPorts: number[] = [];
  const server = net.createServer((client) => {
    let stage = 0;
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (stage === 0) {
        if (buf.length < 2 || buf.length < 2 + (buf[1] ?? 0)) return;
        buf = buf.subarray(2 + (buf[1] ?? 0));
        client.write(Buffer.from([5, 0]));
        stage = 1;
      }
      if (stage === 1) {
        if (buf.length < 5) return;
        const atyp = buf[3];
        let host = '';
        let at = 4;
        if (atyp === 1) {
          if (buf.length < 10) return;
          host = [...buf.subarray(4, 8)].join('.');
          at = 8;
        } else if (atyp === 4) {
          if (buf.length < 22) return;
          const words = [];
          for (let i = 0; i < 8; i += 1) words.push(buf.readUInt16BE(4 + i * 2).toString(16));
          host = words.join(':');
          at = 20;
        } else if (atyp === 3) {
          const len = buf[4] ?? 0;
          if (buf.length < 7 + len) return;
          host = `name:${buf.subarray(5, 5 + len).toString('latin1')}`;
          at = 5 + len;
        }
        const port = buf.readUInt16BE(at);
        targets.push(`${host}:${String(port)}`);
        client.off('data', onData);
        stage = 2;
        const reply = (rep: number) => Buffer.from([5, rep, 0, 1, 127, 0, 0, 1, 0, 0]);
        if (!loopbackOnly(host)) {
          client.end(reply(2));
          return;
        }
        pipeTo(client, host, port, outgoingPorts, (ok) => client.write(reply(ok ? 0 : 5)));
      }
    };
    client.on('data', onData);
    client.on('error', () => {});
  });
  const sockets = track(server, []);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, targets, outgoingPorts, close: closer(server, sockets) };
}
