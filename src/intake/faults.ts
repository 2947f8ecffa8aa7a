/**
 * Fault injection: what a real intake service, its proxies and its network do
 * to a workstation on a bad day. Driven from tests and the demo through this
 * JS API only, never over HTTP, so that no client can switch faults on.
 *
 * Request faults (latency, 429/503, 5xx bursts, resets, truncated bodies) match
 * on the endpoint; feed faults (replay, bad signature, bad schema, a next_after
 * past the page's last change) on /changes;
 * attachment corruption on one attachment id.
 */
import { MAX_PAYLOAD_BYTES, type ChangeKind } from './contract.ts';
import { createRng, type Rng } from './prng.ts';
import type { ChangeRow } from './store.ts';

export const ENDPOINTS = ['changes', 'attachments', 'status', 'health'] as const;
/** The API's endpoints: `GET /changes`, `GET /attachments/{id}`, `POST /reports/{id}/status`, `GET /health`. */
export type Endpoint = (typeof ENDPOINTS)[number];

/** When a request fault fires. */
export interface Trigger {
  /** At most this many times. Default: once, or without limit when `probability` is set. */
  count?: number;
  /** Chance of firing on each matching request. Default 1. */
  probability?: number;
  /** Endpoints it applies to. Default: all. */
  endpoints?: readonly Endpoint[];
}

/** 429 or 503, with `Retry-After` in delta-seconds when `retryAfter` is set. */
export interface ThrottleFault extends Trigger {
  status: 429 | 503;
  retryAfter?: number;
}

/** A burst of server errors. */
export interface ServerErrorFault extends Trigger {
  status?: 500 | 502 | 504;
}

/** Headers and part of the body are sent, then the connection is reset. */
export interface ResetFault extends Trigger {
  /** Body bytes sent before the reset. Default: half the body. */
  afterBytes?: number;
}

/** Valid headers announcing a cut body: the JSON (or the attachment) ends early. */
export interface TruncateFault extends Trigger {
  /** Body bytes kept. Default: half the body. */
  keepBytes?: number;
}

/** The next pages begin with changes at or before `after`, as after a failover. */
export interface ReplayFault {
  /** How many /changes responses replay. Default 1. */
  count?: number;
  /** How many changes before `after` to send again. Default 5. */
  back?: number;
  /** Start right after this seq instead (must be below `after` to replay anything). */
  fromSeq?: number;
}

/**
 * A page whose `next_after` is `skip` beyond the seq of its last change (or beyond `after`
 * when empty): what a broken or hostile service does to make a client skip changes.
 */
export interface CursorJumpFault {
  /** How many /changes responses carry it. Default 1. */
  count?: number;
  /** Default 1,000,000,000. */
  skip?: number;
  /** Only on requests for changes after this seq or later (default 0: from the first page). */
  fromAfter?: number;
}

/**
 * How a change is made to fail its schema. The payload is re-signed, so only
 * the schema fails: `missing_field` drops a required field, `wrong_type` turns
 * one into the wrong JSON type, `kind_mismatch` changes the outer kind only,
 * `invalid_json` cuts the payload text, `oversized` pads it past 262,144 bytes.
 */
export type SchemaFault = 'missing_field' | 'wrong_type' | 'kind_mismatch' | 'invalid_json' | 'oversized';
export const SCHEMA_FAULTS: readonly SchemaFault[] = ['missing_field', 'wrong_type', 'kind_mismatch', 'invalid_json', 'oversized'];

/** `wrong`: a valid-looking signature that does not verify; `malformed`: not 64 bytes of base64. */
export type SignatureFault = 'wrong' | 'malformed';

/** Attachment bytes that do not match the report: one byte flipped, or cut in half. */
export interface AttachmentFault {
  id: string;
  /** Only the first `times` requests. Default: every request. */
  times?: number;
  mode?: 'flip' | 'truncate';
}

/** Everything that can be set at start, in one object. */
export interface FaultPlan {
  /** Seed of the probability draws. Default 1. */
  seed?: number;
  latencyMs?: number;
  latencyEndpoints?: readonly Endpoint[];
  throttle?: readonly ThrottleFault[];
  serverErrors?: readonly ServerErrorFault[];
  resets?: readonly ResetFault[];
  truncations?: readonly TruncateFault[];
  replays?: readonly ReplayFault[];
  cursorJumps?: readonly CursorJumpFault[];
  badSignatures?: readonly number[];
  badSchemas?: readonly { seq: number; fault: SchemaFault }[];
  corruptAttachments?: readonly AttachmentFault[];
}

/** A fault that fired, for tests to check what the client went through. */
export interface FiredFault {
  fault: 'latency' | 'throttle' | 'server_error' | 'reset' | 'truncate' | 'replay' | 'cursor_jump' | 'bad_signature' | 'bad_schema' | 'corrupt_attachment';
  endpoint: Endpoint;
  detail?: string;
}

/** What the HTTP layer asks before answering. */
export type GateDecision = { status: number; retryAfter?: number; code: string };
export type BodyDecision = { kind: 'reset'; afterBytes?: number } | { kind: 'truncate'; keepBytes?: number };

interface Armed<T> {
  fault: T;
  left: number;
  probability: number;
  endpoints: readonly Endpoint[] | undefined;
}

/** The mutable fault controller of a running server. */
export interface FaultController {
  /** Adds everything in the plan to what is already armed. */
  apply(plan: FaultPlan): void;
  /** Disarms every fault and forgets the history. */
  clear(): void;
  /** Delay before answering; 0 turns it off. */
  setLatency(ms: number, endpoints?: readonly Endpoint[]): void;
  throttle(fault: ThrottleFault): void;
  serverErrors(fault?: ServerErrorFault): void;
  resetConnections(fault?: ResetFault): void;
  truncateBodies(fault?: TruncateFault): void;
  replay(fault?: ReplayFault): void;
  jumpCursor(fault?: CursorJumpFault): void;
  badSignature(seqs: number | readonly number[], mode?: SignatureFault): void;
  badSchema(seqs: number | readonly number[], fault?: SchemaFault): void;
  corruptAttachment(fault: AttachmentFault): void;
  /** Every fault that fired since the last `clear`, in order. */
  readonly history: readonly FiredFault[];

  // Used by the HTTP layer.
  latencyFor(endpoint: Endpoint): number;
  takeGate(endpoint: Endpoint): GateDecision | null;
  takeBodyFault(endpoint: Endpoint): BodyDecision | null;
  takeReplay(after: number): ReplayFault | null;
  /** How far past the page's last change its next_after must say (0: where the contract says). */
  takeCursorJump(after: number): number;
  /** The change as it must be served, with any signature or schema fault applied. */
  serveChange(row: ChangeRow, sign: (payload: string) => string): ChangeRow;
  /** Whether some change is to be served altered (a signature or schema fault is armed). */
  altersChanges(): boolean;
  /** The attachment bytes as they must be served. */
  serveAttachment(id: string, bytes: Buffer): Buffer;
}

function arm<T extends Trigger>(fault: T): Armed<T> {
  const probability = fault.probability ?? 1;
  if (!(probability >= 0 && probability <= 1)) throw new RangeError('probability must be within 0..1');
  const left = fault.count ?? (fault.probability === undefined ? 1 : Infinity);
  if (!(left >= 0)) throw new RangeError('count must be >= 0');
  return { fault, left, probability, endpoints: fault.endpoints };
}

function take<T>(list: Armed<T>[], endpoint: Endpoint, rng: Rng): T | null {
  for (const armed of list) {
    if (armed.left <= 0) continue;
    if (armed.endpoints && !armed.endpoints.includes(endpoint)) continue;
    if (armed.probability < 1 && !rng.chance(armed.probability)) continue;
    armed.left--;
    return armed.fault;
  }
  return null;
}

function flipSignature(sig: string): string {
  const bytes = Buffer.from(sig, 'base64');
  if (bytes.length === 0) return 'AAAA';
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0x01;
  return bytes.toString('base64');
}

/** Applies a schema fault; returns the outer kind and the (re-signed by the caller) payload. */
function breakSchema(row: ChangeRow, fault: SchemaFault): { kind: ChangeKind; payload: string; resign: boolean } {
  if (fault === 'kind_mismatch') return { kind: row.kind === 'report' ? 'status' : 'report', payload: row.payload, resign: false };
  if (fault === 'invalid_json') return { kind: row.kind, payload: row.payload.slice(0, Math.max(1, Math.floor(row.payload.length / 2))), resign: true };
  const parsed = JSON.parse(row.payload) as Record<string, unknown>;
  if (fault === 'missing_field') {
    delete parsed[row.kind === 'report' ? 'revision' : 'status'];
  } else if (fault === 'wrong_type') {
    if (row.kind === 'report') parsed['revision'] = String(parsed['revision']);
    else parsed['at'] = Date.parse(String(parsed['at']));
  } else {
    const padding = 'x'.repeat(MAX_PAYLOAD_BYTES);
    const content = parsed['content'];
    if (row.kind === 'report' && typeof content === 'object' && content !== null) {
      const c = content as Record<string, unknown>;
      c['description'] = `${String(c['description'] ?? '')}${padding}`;
    } else {
      parsed['reference'] = padding;
    }
  }
  return { kind: row.kind, payload: JSON.stringify(parsed), resign: true };
}

export function createFaultController(plan: FaultPlan = {}): FaultController {
  let rng = createRng(plan.seed ?? 1);
  let latency = { ms: 0, endpoints: undefined as readonly Endpoint[] | undefined };
  const throttles: Armed<ThrottleFault>[] = [];
  const errors: Armed<ServerErrorFault>[] = [];
  const bodies: Armed<BodyDecision>[] = [];
  const replays: { fault: ReplayFault; left: number }[] = [];
  const cursorJumps: { skip: number; left: number; fromAfter: number }[] = [];
  const signatures = new Map<number, SignatureFault>();
  const schemas = new Map<number, SchemaFault>();
  const attachments = new Map<string, { mode: 'flip' | 'truncate'; left: number }>();
  const history: FiredFault[] = [];

  const controller: FaultController = {
    apply(next) {
      if (next.seed !== undefined) rng = createRng(next.seed);
      if (next.latencyMs !== undefined) controller.setLatency(next.latencyMs, next.latencyEndpoints);
      next.throttle?.forEach((f) => controller.throttle(f));
      next.serverErrors?.forEach((f) => controller.serverErrors(f));
      next.resets?.forEach((f) => controller.resetConnections(f));
      next.truncations?.forEach((f) => controller.truncateBodies(f));
      next.replays?.forEach((f) => controller.replay(f));
      next.cursorJumps?.forEach((f) => controller.jumpCursor(f));
      if (next.badSignatures) controller.badSignature(next.badSignatures);
      next.badSchemas?.forEach(({ seq, fault }) => controller.badSchema(seq, fault));
      next.corruptAttachments?.forEach((f) => controller.corruptAttachment(f));
    },
    clear() {
      latency = { ms: 0, endpoints: undefined };
      throttles.length = 0;
      errors.length = 0;
      bodies.length = 0;
      replays.length = 0;
      cursorJumps.length = 0;
      signatures.clear();
      schemas.clear();
      attachments.clear();
      history.length = 0;
    },
    setLatency(ms, endpoints) {
      if (!(ms >= 0)) throw new RangeError('latency must be >= 0');
      latency = { ms, endpoints };
    },
    throttle(fault) {
      if (fault.status !== 429 && fault.status !== 503) throw new RangeError('throttle status is 429 or 503');
      if (fault.retryAfter !== undefined && !(Number.isInteger(fault.retryAfter) && fault.retryAfter >= 0)) throw new RangeError('retryAfter is whole seconds >= 0');
      throttles.push(arm(fault));
    },
    serverErrors(fault = {}) {
      errors.push(arm(fault));
    },
    resetConnections(fault = {}) {
      const decision: BodyDecision = fault.afterBytes === undefined ? { kind: 'reset' } : { kind: 'reset', afterBytes: fault.afterBytes };
      bodies.push({ ...arm(fault), fault: decision });
    },
    truncateBodies(fault = {}) {
      const decision: BodyDecision = fault.keepBytes === undefined ? { kind: 'truncate' } : { kind: 'truncate', keepBytes: fault.keepBytes };
      bodies.push({ ...arm(fault), fault: decision });
    },
    replay(fault = {}) {
      replays.push({ fault, left: fault.count ?? 1 });
    },
    jumpCursor(fault = {}) {
      const skip = fault.skip ?? 1_000_000_000;
      if (!(Number.isSafeInteger(skip) && skip >= 1)) throw new RangeError('skip is a whole number >= 1');
      cursorJumps.push({ skip, left: fault.count ?? 1, fromAfter: fault.fromAfter ?? 0 });
    },
    badSignature(seqs, mode = 'wrong') {
      for (const seq of typeof seqs === 'number' ? [seqs] : seqs) signatures.set(seq, mode);
    },
    badSchema(seqs, fault = 'missing_field') {
      for (const seq of typeof seqs === 'number' ? [seqs] : seqs) schemas.set(seq, fault);
    },
    corruptAttachment(fault) {
      attachments.set(fault.id, { mode: fault.mode ?? 'flip', left: fault.times ?? Infinity });
    },
    get history() {
      return history;
    },

    latencyFor(endpoint) {
      if (latency.ms <= 0 || (latency.endpoints && !latency.endpoints.includes(endpoint))) return 0;
      history.push({ fault: 'latency', endpoint, detail: `${latency.ms}ms` });
      return latency.ms;
    },
    takeGate(endpoint) {
      const throttle = take(throttles, endpoint, rng);
      if (throttle) {
        history.push({ fault: 'throttle', endpoint, detail: String(throttle.status) });
        const decision: GateDecision = { status: throttle.status, code: throttle.status === 429 ? 'rate_limited' : 'unavailable' };
        if (throttle.retryAfter !== undefined) decision.retryAfter = throttle.retryAfter;
        return decision;
      }
      const error = take(errors, endpoint, rng);
      if (error) {
        const status = error.status ?? 500;
        history.push({ fault: 'server_error', endpoint, detail: String(status) });
        return { status, code: 'internal_error' };
      }
      return null;
    },
    takeBodyFault(endpoint) {
      const decision = take(bodies, endpoint, rng);
      if (decision) history.push({ fault: decision.kind, endpoint });
      return decision;
    },
    takeReplay(after) {
      const armed = replays.find((r) => r.left > 0);
      if (!armed || after <= 0 || (armed.fault.fromSeq !== undefined && armed.fault.fromSeq >= after)) return null;
      armed.left--;
      history.push({ fault: 'replay', endpoint: 'changes', detail: `after=${after}` });
      return armed.fault;
    },
    takeCursorJump(after) {
      const armed = cursorJumps.find((c) => c.left > 0 && after >= c.fromAfter);
      if (!armed) return 0;
      armed.left--;
      history.push({ fault: 'cursor_jump', endpoint: 'changes', detail: `+${armed.skip}` });
      return armed.skip;
    },
    altersChanges: () => schemas.size > 0 || signatures.size > 0,
    serveChange(row, sign) {
      let served = row;
      const schemaFault = schemas.get(row.seq);
      if (schemaFault) {
        const broken = breakSchema(row, schemaFault);
        served = { seq: row.seq, kind: broken.kind, payload: broken.payload, sig: broken.resign ? sign(broken.payload) : row.sig };
        history.push({ fault: 'bad_schema', endpoint: 'changes', detail: `${row.seq}:${schemaFault}` });
      }
      const signatureFault = signatures.get(row.seq);
      if (signatureFault) {
        served = { ...served, sig: signatureFault === 'wrong' ? flipSignature(served.sig) : served.sig.slice(0, 20).replace(/[+/=]/g, '') + '!!' };
        history.push({ fault: 'bad_signature', endpoint: 'changes', detail: `${row.seq}:${signatureFault}` });
      }
      return served;
    },
    serveAttachment(id, bytes) {
      const armed = attachments.get(id);
      if (!armed || armed.left <= 0) return bytes;
      armed.left--;
      history.push({ fault: 'corrupt_attachment', endpoint: 'attachments', detail: `${id}:${armed.mode}` });
      if (armed.mode === 'truncate') return bytes.subarray(0, Math.floor(bytes.length / 2));
      const altered = Buffer.from(bytes);
      const at = Math.floor(altered.length / 2);
      altered[at] = (altered[at] as number) ^ 0xff;
      return altered;
    },
  };
  controller.apply(plan);
  return controller;
}
