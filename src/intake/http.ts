/**
 * The intake sync API over node:http, exactly as shared/intake-api.md fixes it
 * and no more: unknown query parameters, unknown body fields, malformed
 * headers are refused, so that a workstation built against this server works
 * against any server that follows the contract.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ATTACHMENT_ID,
  DEFAULT_PAGE_LIMIT,
  IDEMPOTENCY_KEY,
  MAX_PAGE_LIMIT,
  REPORT_ID,
  StatusPushBody,
  utcSeconds,
} from './contract.ts';
import { createAuditAnchorRoutes } from './audit-anchors.ts';
import type { BodyDecision, Endpoint, FaultController } from './faults.ts';
import { statusPayload } from './generator.ts';
import type { ChangeRow, IntakeStore } from './store.ts';

export interface HttpOptions {
  /** Path prefix of every endpoint, e.g. '/api/v1' ('' for none). */
  basePath: string;
  /** The most changes one page holds, even when `limit` asks for more (the contract allows fewer). Default 1000. */
  maxPageSize?: number;
  now?: () => number;
}

const MAX_BODY_BYTES = 64 * 1024;
const JSON_TYPE = 'application/json';

interface Reply {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer;
}

function json(status: number, value: unknown, headers: Record<string, string | number> = {}): Reply {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: Buffer.from(JSON.stringify(value), 'utf8') };
}

function error(status: number, code: string, message: string, headers: Record<string, string | number> = {}): Reply {
  return json(status, { error: { code, message } }, headers);
}

type Route =
  | { endpoint: 'changes' }
  | { endpoint: 'health' }
  | { endpoint: 'attachments'; id: string }
  | { endpoint: 'status'; reportId: string };

/** Which endpoint a path names (whatever the method), or null. */
function routeOf(path: string): Route | null {
  if (path === '/changes') return { endpoint: 'changes' };
  if (path === '/health') return { endpoint: 'health' };
  const attachment = /^\/attachments\/([^/]+)$/.exec(path);
  if (attachment?.[1] !== undefined) return { endpoint: 'attachments', id: attachment[1] };
  const status = /^\/reports\/([^/]+)\/status$/.exec(path);
  if (status?.[1] !== undefined) return { endpoint: 'status', reportId: status[1] };
  return null;
}

const METHODS: Record<Endpoint, string> = { changes: 'GET', health: 'GET', attachments: 'GET', status: 'POST' };

/** Query parameters, refusing unknown names, repeats and empty values. */
function parseQuery(query: string, allowed: readonly string[]): Map<string, string> | Reply {
  const values = new Map<string, string>();
  if (query === '') return values;
  for (const [name, value] of new URLSearchParams(query)) {
    if (!allowed.includes(name)) return error(400, 'unknown_parameter', `Unknown query parameter "${name}".`);
    if (values.has(name)) return error(400, 'repeated_parameter', `Query parameter "${name}" is given more than once.`);
    values.set(name, value);
  }
  return values;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Key-sorted JSON, so that a retried request matches whatever its whitespace or key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function createIntakeHandler(store: IntakeStore, faults: FaultController, options: HttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const basePath = options.basePath;
  const maxPage = Math.min(MAX_PAGE_LIMIT, options.maxPageSize ?? MAX_PAGE_LIMIT);
  const now = options.now ?? Date.now;
  const anchors = createAuditAnchorRoutes(store, now);

  function changesPage(query: string): Reply {
    const params = parseQuery(query, ['after', 'limit']);
    if (!(params instanceof Map)) return params;
    const afterText = params.get('after') ?? '0';
    const limitText = params.get('limit') ?? String(DEFAULT_PAGE_LIMIT);
    if (!/^(0|[1-9][0-9]{0,15})$/.test(afterText) || !Number.isSafeInteger(Number(afterText))) {
      return error(400, 'bad_after', '"after" must be an integer >= 0.');
    }
    if (!/^[1-9][0-9]{0,3}$/.test(limitText) || Number(limitText) > MAX_PAGE_LIMIT) {
      return error(400, 'bad_limit', `"limit" must be an integer within 1..${MAX_PAGE_LIMIT}.`);
    }
    const after = Number(afterText);
    const limit = Math.min(Number(limitText), maxPage);
    const replay = faults.takeReplay(after);
    const start = replay ? (replay.fromSeq ?? store.seqBefore(after, replay.back ?? 5)) : after;
    const headSeq = store.headSeq();
    const jump = faults.takeCursorJump(after);
    if (!faults.altersChanges()) {
      const page = store.changesAfterJson(start, limit);
      const head = Buffer.from('{"changes":[', 'utf8');
      const tail = Buffer.from(`],"next_after":${(page.lastSeq ?? after) + jump},"head_seq":${headSeq}}`, 'utf8');
      return { status: 200, headers: { 'Content-Type': JSON_TYPE }, body: Buffer.concat([head, page.json, tail]) };
    }
    const rows = store.changesAfter(start, limit).map((row) => faults.serveChange(row, store.signingKey.sign));
    const last = rows[rows.length - 1];
    // Built by hand: the payload strings must go out exactly as signed.
    const items = rows.map((row: ChangeRow) => `{"seq":${row.seq},"kind":${JSON.stringify(row.kind)},"payload":${JSON.stringify(row.payload)},"sig":${JSON.stringify(row.sig)}}`);
    const body = `{"changes":[${items.join(',')}],"next_after":${(last ? last.seq : after) + jump},"head_seq":${headSeq}}`;
    return { status: 200, headers: { 'Content-Type': JSON_TYPE }, body: Buffer.from(body, 'utf8') };
  }

  function attachment(id: string, query: string, range: string | undefined): Reply {
    const params = parseQuery(query, []);
    if (!(params instanceof Map)) return params;
    const row = ATTACHMENT_ID.test(id) ? store.attachment(id) : undefined;
    if (!row) return error(404, 'unknown_attachment', 'No such attachment.');
    const bytes = faults.serveAttachment(id, row.bytes);
    const headers = { 'Content-Type': row.media_type, 'Accept-Ranges': 'bytes' };
    // Only the form the contract names, `bytes=N-`; any other Range is ignored, as HTTP allows.
    const from = range === undefined ? null : /^bytes=([0-9]{1,15})-$/.exec(range.trim());
    if (!from?.[1]) return { status: 200, headers, body: bytes };
    const start = Number(from[1]);
    if (start >= bytes.length) {
      return error(416, 'range_not_satisfiable', `The attachment has ${bytes.length} bytes.`, { 'Content-Range': `bytes */${bytes.length}`, 'Accept-Ranges': 'bytes' });
    }
    return { status: 206, headers: { ...headers, 'Content-Range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` }, body: bytes.subarray(start) };
  }

  async function pushStatus(req: IncomingMessage, reportId: string, query: string, workstationId: string): Promise<Reply> {
    const params = parseQuery(query, []);
    if (!(params instanceof Map)) return params;
    const raw = await readBody(req);
    if (!REPORT_ID.test(reportId)) return error(404, 'unknown_report', 'No such report.');
    const keyHeader = req.headers['idempotency-key'];
    if (typeof keyHeader !== 'string' || !IDEMPOTENCY_KEY.test(keyHeader)) {
      return error(400, 'bad_idempotency_key', 'An Idempotency-Key header holding a UUID is required.');
    }
    const key = keyHeader.toLowerCase();
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType !== JSON_TYPE) return error(422, 'unsupported_media_type', 'The body must be application/json.');
    if (raw === 'too_large') return error(422, 'body_too_large', `The body exceeds ${MAX_BODY_BYTES} bytes.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(utf8.decode(raw));
    } catch {
      return error(422, 'invalid_json', 'The body is not valid UTF-8 JSON.');
    }
    const body = StatusPushBody.safeParse(parsed);
    if (!body.success) {
      const detail = body.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
      return error(422, 'invalid_body', detail);
    }
    const requestHash = createHash('sha256').update(`${reportId}\n${canonical(body.data)}`).digest('hex');
    return store.transaction(() => {
      const earlier = store.idempotentAnswer(workstationId, key);
      if (earlier) {
        if (earlier.requestHash !== requestHash) {
          return error(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request.');
        }
        return { status: earlier.status, headers: { 'Content-Type': JSON_TYPE }, body: Buffer.from(earlier.body, 'utf8') };
      }
      if (!store.report(reportId)) return error(404, 'unknown_report', 'No such report.');
      const { status, at, workstation_id, reference } = body.data;
      const change = store.appendChange('status', JSON.stringify(statusPayload(reportId, status, at, workstation_id, reference, new Date(now()).toISOString())));
      const answer = JSON.stringify({ seq: change.seq });
      store.rememberAnswer(workstationId, key, { requestHash, status: 200, body: answer });
      return { status: 200, headers: { 'Content-Type': JSON_TYPE }, body: Buffer.from(answer, 'utf8') };
    });
  }

  function health(query: string): Reply {
    const params = parseQuery(query, []);
    if (!(params instanceof Map)) return params;
    return json(200, { status: 'ok', head_seq: store.headSeq(), server_time: utcSeconds(now()) });
  }

  function authenticate(req: IncomingMessage): { workstationId: string } | Reply {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header) : null;
    const challenge = { 'WWW-Authenticate': 'Bearer realm="iblagh-intake"' };
    if (!match?.[1]) return error(401, 'unauthorized', 'A bearer token is required.', challenge);
    const grant = store.tokenGrant(match[1]);
    if (!grant) return error(401, 'unauthorized', 'Unknown or expired token.', { 'WWW-Authenticate': 'Bearer realm="iblagh-intake", error="invalid_token"' });
    if (grant.revoked) return error(403, 'workstation_revoked', 'This workstation was revoked.');
    return { workstationId: grant.workstationId };
  }

  async function answer(req: IncomingMessage, route: Route | null, query: string): Promise<Reply> {
    const auth = authenticate(req);
    if ('status' in auth) return auth;
    if (!route) return error(404, 'not_found', 'No such endpoint.');
    const method = METHODS[route.endpoint];
    if (req.method !== method) return error(405, 'method_not_allowed', `Use ${method}.`, { Allow: method });
    switch (route.endpoint) {
      case 'changes':
        return changesPage(query);
      case 'health':
        return health(query);
      case 'attachments':
        return attachment(route.id, query, req.headers.range);
      case 'status':
        return pushStatus(req, route.reportId, query, auth.workstationId);
    }
  }

  /** `GET` and `POST /audit-anchors` (audit-anchors.ts); no fault is injected there. */
  async function auditAnchors(req: IncomingMessage, query: string): Promise<Reply> {
    const auth = authenticate(req);
    if ('status' in auth) return auth;
    const params = new Map<string, string>();
    for (const [name, value] of new URLSearchParams(query)) {
      if (params.has(name)) return error(400, 'repeated_parameter', `Query parameter "${name}" is given more than once.`);
      params.set(name, value);
    }
    let reply;
    if (req.method === 'GET') reply = anchors.list(params);
    else if (req.method === 'POST') {
      const key = req.headers['idempotency-key'];
      reply = anchors.post({ idempotencyKey: typeof key === 'string' ? key : undefined, contentType: req.headers['content-type'], body: await readBody(req), tokenWorkstationId: auth.workstationId, query: params });
    } else return error(405, 'method_not_allowed', 'Use GET or POST.', { Allow: 'GET, POST' });
    return json(reply.status, reply.value);
  }

  function send(res: ServerResponse, reply: Reply, bodyFault: BodyDecision | null): void {
    let body = reply.body;
    if (bodyFault?.kind === 'truncate') body = body.subarray(0, Math.min(body.length - 1, bodyFault.keepBytes ?? Math.floor(body.length / 2)));
    res.writeHead(reply.status, { ...reply.headers, 'Content-Length': body.length });
    if (bodyFault?.kind !== 'reset') {
      res.end(body);
      return;
    }
    const part = body.subarray(0, Math.min(body.length - 1, bodyFault.afterBytes ?? Math.floor(body.length / 2)));
    const socket = res.socket;
    // Let the client read the headers and the first bytes, then reset mid-body.
    res.write(part, () => setTimeout(() => socket?.resetAndDestroy(), 20));
  }

  return (req, res) => {
    void (async () => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const fullPath = q >= 0 ? url.slice(0, q) : url;
      const query = q >= 0 ? url.slice(q + 1) : '';
      const inBase = fullPath.startsWith(basePath) ? fullPath.slice(basePath.length) : null;
      if (inBase === '/audit-anchors') {
        const anchorReply = await auditAnchors(req, query);
        req.resume();
        send(res, anchorReply, null);
        return;
      }
      const route = inBase === null ? null : routeOf(inBase);
      const endpoint = route?.endpoint;
      if (endpoint) {
        const delay = faults.latencyFor(endpoint);
        if (delay > 0) await sleep(delay);
        const gate = faults.takeGate(endpoint);
        if (gate) {
          const headers: Record<string, string | number> = gate.retryAfter === undefined ? {} : { 'Retry-After': gate.retryAfter };
          const message = gate.status === 429 ? 'Too many requests.' : gate.status === 503 ? 'The service is overloaded.' : 'Internal error.';
          req.resume();
          send(res, error(gate.status, gate.code, message, headers), null);
          return;
        }
      }
      const reply = await answer(req, route, query);
      req.resume();
      const bodyFault = endpoint && reply.status >= 200 && reply.status < 300 ? faults.takeBodyFault(endpoint) : null;
      send(res, reply, bodyFault);
    })().catch((cause: unknown) => {
      // The service shut down under this request (its connections are closed first): nobody to answer.
      if (res.destroyed) return;
      // A bug of the reference service, not a fault: say so on stderr, answer a plain 500.
      console.error('intake service:', cause);
      if (!res.headersSent) send(res, error(500, 'internal_error', 'Internal error.'), null);
      else res.destroy();
    });
  };
}
