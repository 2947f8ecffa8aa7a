/**
 * A second thread that verifies Ed25519 signatures of change pages, so that
 * verification (the costliest step of a sync) overlaps with the validation
 * and writing of the previous page on the sync thread. For reports whose
 * signature verifies, it also computes what the triage queue needs (cluster
 * key, first URL, folded search text): the sync thread only checks the schema
 * and writes. After the feed, it extracts observables from stored payloads
 * while the sync thread links the previous batch (reports/observable-index.ts).
 */
// First: the thread's priority is lowered before the other modules are evaluated.
import './background-thread.ts';
import { createPublicKey } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { BASE64 } from './change-page.ts';
import { ed25519Verifier } from '../crypto/ed25519.ts';
import { observablesOfPayload, projectReport, type ReportProjection } from '../reports/projection.ts';
import type { ObservableKey } from '../observables/observable-rows.ts';
import type { ReportPayload } from '../reports/payload.ts';

/** One change to check: its exact payload text and base64 signature; null when it is not even a change. */
export type SignedItem = { payload: string; sig: string } | null;
export interface VerifyRequest {
  id: number;
  items: SignedItem[];
}
/** Stored report payloads whose observables are wanted (the sync's observables step). */
export interface ExtractRequest {
  id: number;
  extract: string[];
}
export interface ExtractResponse {
  id: number;
  keys: (ObservableKey[] | null)[];
}
/** Per item: 0 not checked, 1 the signature verifies, 2 it does not. */
export interface VerifyResponse {
  id: number;
  results: Uint8Array;
  /** Per item: the triage projection of a verified report payload, when it could be computed. */
  projections: (ReportProjection | null)[];
}

/** The projection of a payload that looks like a report; null otherwise (the sync thread judges it). */
function project(payload: string): ReportProjection | null {
  try {
    const parsed = JSON.parse(payload) as Partial<ReportPayload> | null;
    if (parsed?.kind !== 'report') return null;
    return projectReport(parsed as ReportPayload);
  } catch {
    return null;
  }
}

const port = parentPort;
if (port) {
  const verify = ed25519Verifier(createPublicKey((workerData as { publicKeyPem: string }).publicKeyPem));
  port.on('message', (request: VerifyRequest | ExtractRequest) => {
    if ('extract' in request) {
      port.postMessage({ id: request.id, keys: request.extract.map(observablesOfPayload) } satisfies ExtractResponse);
      return;
    }
    const { id, items } = request;
    const results = new Uint8Array(items.length);
    const projections: (ReportProjection | null)[] = items.map(() => null);
    items.forEach((item, i) => {
      if (!item) return;
      // Only a signature in the contract's form counts (Buffer's decoder would skip stray characters).
      results[i] = BASE64.test(item.sig) && verify(Buffer.from(item.payload, 'utf8'), Buffer.from(item.sig, 'base64')) ? 1 : 2;
      if (results[i] === 1) projections[i] = project(item.payload);
    });
    port.postMessage({ id, results, projections } satisfies VerifyResponse, [results.buffer]);
  });
}
