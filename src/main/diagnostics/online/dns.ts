/**
 * DNS for online diagnostics (issue #11): one query per record type, sent to
 * the configured resolver (IP:port) over UDP, again over TCP when the answer
 * is truncated, with every answer's TTL (node:dns gives TTLs only for A and
 * AAAA, so the queries are built and read with dns-packet).
 *
 * The resolver is the one a supervisor configured: the queries go to it
 * directly (not through the HTTP proxy, which carries TCP streams only).
 * Answers are untrusted input: sizes are bounded, a malformed answer is a
 * recorded failure for that type, and the id and question must match.
 */
import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import * as packet from 'dns-packet';

export const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export interface Resolver {
  host: string;
  port: number;
}

export interface DnsRecord {
  type: string;
  name: string;
  ttl: number;
  /** The answer as text: an address, a name, "10 mx.example.com", the TXT strings joined. */
  data: string;
}

export interface DnsTypeAnswer {
  type: RecordType;
  /** NOERROR, NXDOMAIN, SERVFAIL…, or TIMEOUT / ERROR when no usable answer came. */
  rcode: string;
  records: DnsRecord[];
  /** Why it failed, when it did. */
  error?: string;
  transport: 'udp' | 'tcp';
}

export interface DnsAnswer {
  name: string;
  resolver: string;
  queriedAt: string;
  answers: DnsTypeAnswer[];
}

const MAX_TCP_ANSWER = 65535 + 2;

export function formatResolver(r: Resolver): string {
  return net.isIPv6(r.host) ? `[${r.host}]:${String(r.port)}` : `${r.host}:${String(r.port)}`;
}

/** Reads "IP:PORT" or "[IPv6]:PORT" (or a bare IP, port 53). */
export function parseResolver(text: string): Resolver | null {
  const m = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(text) ?? /^([0-9.]+)(?::(\d{1,5}))?$/.exec(text);
  if (m === null || m[1] === undefined || net.isIP(m[1]) === 0) return null;
  const port = m[2] === undefined ? 53 : Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { host: m[1], port };
}

function recordData(answer: packet.Answer): string {
  const data = (answer as { data?: unknown }).data;
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('latin1');
  if (Array.isArray(data)) return data.map((part) => (Buffer.isBuffer(part) ? part.toString('latin1') : String(part))).join('');
  if (answer.type === 'MX' && data !== null && typeof data === 'object') {
    const mx = data as { preference?: number; exchange?: string };
    return `${String(mx.preference ?? '')} ${mx.exchange ?? ''}`;
  }
  return JSON.stringify(data ?? null);
}

function query(name: string, type: RecordType): { id: number; bytes: Buffer } {
  const id = randomInt(0, 65536);
  const bytes = packet.encode({ type: 'query', id, flags: packet.RECURSION_DESIRED, questions: [{ type, name, class: 'IN' }] });
  return { id, bytes };
}

function read(bytes: Buffer, id: number, name: string, type: RecordType, transport: 'udp' | 'tcp'): DnsTypeAnswer & { truncated: boolean } {
  const decoded = packet.decode(bytes);
  if (decoded.id !== id) throw new Error('answer id does not match the query');
  const question = decoded.questions?.[0];
  if (question === undefined || question.name.toLowerCase() !== name.toLowerCase() || question.type !== type) throw new Error('answer question does not match the query');
  const flags = decoded.flags ?? 0;
  const records = (decoded.answers ?? []).map((a) => ({ type: a.type, name: a.name, ttl: (a as { ttl?: number }).ttl ?? 0, data: recordData(a) }));
  return { type, rcode: (decoded as { rcode?: string }).rcode ?? 'NOERROR', records, transport, truncated: (flags & packet.TRUNCATED_RESPONSE) !== 0 };
}

function udpQuery(resolver: Resolver, name: string, type: RecordType, timeoutMs: number): Promise<DnsTypeAnswer & { truncated: boolean }> {
  const { id, bytes } = query(name, type);
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(resolver.host) ? 'udp6' : 'udp4');
    const timer = setTimeout(() => finish(new Error(`no answer within ${String(timeoutMs)} ms`)), timeoutMs);
    const finish = (error: Error | null, value?: DnsTypeAnswer & { truncated: boolean }) => {
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else if (value) resolve(value);
    };
    socket.on('error', (error) => finish(error));
    socket.on('message', (message, rinfo) => {
      if (rinfo.address !== resolver.host || rinfo.port !== resolver.port) return; // not from the resolver: ignored
      try {
        finish(null, read(message, id, name, type, 'udp'));
      } catch {
        // a stray or forged datagram: keep waiting for the real one until the timeout
      }
    });
    socket.send(bytes, resolver.port, resolver.host);
  });
}

function tcpQuery(resolver: Resolver, name: string, type: RecordType, timeoutMs: number): Promise<DnsTypeAnswer & { truncated: boolean }> {
  const { id, bytes } = query(name, type);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: resolver.host, port: resolver.port });
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => finish(new Error(`no answer within ${String(timeoutMs)} ms`)), timeoutMs);
    const finish = (error: Error | null, value?: DnsTypeAnswer & { truncated: boolean }) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else if (value) resolve(value);
    };
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(bytes.length);
      socket.write(Buffer.concat([length, bytes]));
    });
    socket.on('error', (error) => finish(error));
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_TCP_ANSWER) return finish(new Error('answer longer than a DNS message'));
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      if (all.length < 2) return;
      const expected = all.readUInt16BE(0);
      if (all.length < expected + 2) return;
      try {
        finish(null, read(all.subarray(2, expected + 2), id, name, type, 'tcp'));
      } catch (error) {
        finish(error as Error);
      }
    });
    socket.on('end', () => finish(new Error('the resolver closed the connection before a whole answer')));
  });
}

/** One record type: UDP, then TCP when the answer says it was truncated. Never throws. */
export async function resolveType(resolver: Resolver, name: string, type: RecordType, timeoutMs: number): Promise<DnsTypeAnswer> {
  try {
    let answer = await udpQuery(resolver, name, type, timeoutMs);
    if (answer.truncated) answer = await tcpQuery(resolver, name, type, timeoutMs);
    return { type: answer.type, rcode: answer.rcode, records: answer.records, transport: answer.transport, ...(answer.error === undefined ? {} : { error: answer.error }) };
  } catch (error) {
    const message = (error as Error).message;
    return { type, rcode: /within/.test(message) ? 'TIMEOUT' : 'ERROR', records: [], error: message, transport: 'udp' };
  }
}

/** A, AAAA, CNAME, MX, NS and TXT for one name, in parallel. */
export async function resolveAll(resolver: Resolver, name: string, timeoutMs: number, now = () => new Date()): Promise<DnsAnswer> {
  const queriedAt = now().toISOString();
  const answers = await Promise.all(RECORD_TYPES.map((type) => resolveType(resolver, name, type, timeoutMs)));
  return { name, resolver: formatResolver(resolver), queriedAt, answers };
}

/** The addresses to connect to: A and AAAA answers for the name itself or its CNAME chain (IPv4 first). */
export function addressesOf(answer: DnsAnswer): string[] {
  const pick = (type: 'A' | 'AAAA') => answer.answers.find((a) => a.type === type)?.records.filter((r) => r.type === type).map((r) => r.data) ?? [];
  return [...pick('A'), ...pick('AAAA')];
}

/** Only A and AAAA for one name (the screenshot's filtering proxy, asked for every host a page uses): the addresses and the answers. */
export async function resolveAddresses(resolver: Resolver, name: string, timeoutMs: number): Promise<{ addresses: string[]; answers: DnsTypeAnswer[] }> {
  const answers = await Promise.all((['A', 'AAAA'] as const).map((type) => resolveType(resolver, name, type, timeoutMs)));
  const addresses = answers.flatMap((a) => a.records.filter((r) => r.type === a.type).map((r) => r.data));
  return { addresses, answers };
}
