/** Helpers for the reference intake service tests: real servers on loopback, real HTTP. */
import { createPublicKey, verify } from 'node:crypto';
import { request } from 'node:http';
import type { TestContext } from 'node:test';
import { z } from 'zod';
import { ATTACHMENT_ID, MAX_ATTACHMENT_BYTES, MOROCCAN_REGIONS, REPORT_ID, REPORT_STATUSES, isUtcDateTime } from '../../src/intake/contract.ts';
import { startIntakeServer, type IntakeServer, type IntakeServerOptions } from '../../src/intake/server.ts';

export async function startServer(t: TestContext, options: IntakeServerOptions = {}): Promise<IntakeServer> {
  const server = await startIntakeServer({ count: 300, attachments: 40, ...options });
  t.after(() => server.close());
  return server;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  json<T = unknown>(): T;
}

/** One request with the server's token unless `token` says otherwise (null: no Authorization header). */
export async function api(
  server: IntakeServer,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; token?: string | null } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...init.headers };
  const token = init.token === undefined ? server.token : init.token;
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(`${server.url}${path}`, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  return { status: response.status, headers: response.headers, bytes, text, json: <T>() => JSON.parse(text) as T };
}

export interface WireChange {
  seq: number;
  kind: string;
  payload: string;
  sig: string;
}

export interface Page {
  changes: WireChange[];
  next_after: number;
  head_seq: number;
}

export async function page(server: IntakeServer, query: string): Promise<Page> {
  const response = await api(server, `/changes${query}`);
  if (response.status !== 200) throw new Error(`GET /changes${query}: ${response.status} ${response.text}`);
  return response.json<Page>();
}

/** Every change of the feed, page by page, as a client would pull it. */
export async function pullAll(server: IntakeServer, limit = 1000): Promise<WireChange[]> {
  const all: WireChange[] = [];
  let after = 0;
  for (;;) {
    const p = await page(server, `?after=${after}&limit=${limit}`);
    all.push(...p.changes);
    if (p.changes.length === 0 || p.next_after >= p.head_seq) return all;
    after = p.next_after;
  }
}

export function verifies(publicKeyPem: string, payload: string, sig: string): boolean {
  const signature = Buffer.from(sig, 'base64');
  if (signature.length !== 64 || signature.toString('base64') !== sig) return false;
  return verify(null, Buffer.from(payload, 'utf8'), createPublicKey(publicKeyPem), signature);
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
  /** Whether the body arrived whole; false when the connection was reset mid-body. */
  complete: boolean;
  error?: Error;
}

/** A GET through node:http, which tells a reset mid-body apart from a short body. */
export function rawGet(server: IntakeServer, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let responded = false;
    const req = request(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.token}`, connection: 'close', ...headers } }, (res) => {
      responded = true;
      const chunks: Buffer[] = [];
      let settled = false;
      const done = (complete: boolean, error?: Error): void => {
        if (settled) return;
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks), complete, ...(error ? { error } : {}) });
      };
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(true));
      res.on('error', (error) => done(false, error));
      res.on('aborted', () => done(false, new Error('aborted')));
      res.on('close', () => done(res.complete));
    });
    // After the response has started, a reset is reported on the response too.
    req.on('error', (error) => {
      if (!responded) reject(error);
    });
    req.end();
  });
}

const UtcDateTime = z.string().refine(isUtcDateTime, 'RFC 3339 UTC date-time');

/** The report payload exactly as the contract describes it, plus the two extension fields the generator sends on purpose. */
export const StrictReportPayload = z.strictObject({
  kind: z.literal('report'),
  id: z.string().regex(REPORT_ID),
  revision: z.number().int().min(1),
  submitted_at: UtcDateTime,
  updated_at: UtcDateTime,
  channel: z.enum(['web', 'mobile_web']),
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/),
  category: z.string().min(1),
  imminent_danger: z.boolean(),
  content: z.strictObject({
    urls: z.array(z.string()).min(1).max(20),
    platform: z.string().min(1),
    account_handle: z.string().optional(),
    description: z.string().max(5000),
    observed_at: UtcDateTime.optional(),
    shared_via: z.string().optional(),
  }),
  reporter: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('anonymous') }),
    z.strictObject({
      mode: z.literal('identified'),
      full_name: z.string().min(1),
      national_id: z.string().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
      consent_to_contact: z.boolean(),
    }),
  ]),
  reporter_location: z.strictObject({
    country: z.string().regex(/^[A-Z]{2}$/),
    region: z.enum(Object.keys(MOROCCAN_REGIONS) as [string, ...string[]]).optional(),
    city: z.string().min(1).optional(),
  }),
  attachments: z
    .array(
      z.strictObject({
        id: z.string().regex(ATTACHMENT_ID),
        filename: z.string(),
        media_type: z.string().min(1),
        size: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .max(10),
  form_version: z.string().optional(),
});
export type StrictReport = z.infer<typeof StrictReportPayload>;

export const StrictStatusPayload = z.strictObject({
  kind: z.literal('status'),
  report_id: z.string().regex(REPORT_ID),
  status: z.enum(REPORT_STATUSES),
  at: UtcDateTime,
  workstation_id: z.string().min(1),
  reference: z.string().min(1).optional(),
  /** Since 1.1: the service's time of acceptance, signed with the rest. */
  accepted_at: UtcDateTime,
});
export type StrictStatus = z.infer<typeof StrictStatusPayload>;

export function newKey(): string {
  return crypto.randomUUID();
}
