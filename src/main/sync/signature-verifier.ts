/** Verification of change signatures on a second thread (see verify-worker.ts). */
import { Worker } from 'node:worker_threads';
import type { ReportProjection } from '../reports/projection.ts';
import type { ObservableKey } from '../observables/observable-rows.ts';
import type { ExtractResponse, SignedItem, VerifyResponse } from './verify-worker.ts';

/** The verifier's verdict on one change: whether its signature verifies, and a report's triage projection. */
export interface Verified {
  signature: boolean | undefined;
  projection: ReportProjection | null;
}

function workerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './verify-worker.ts' : './verify-worker.js', import.meta.url);
}

function signedItem(raw: unknown): SignedItem {
  const change = raw as { payload?: unknown; sig?: unknown } | null;
  return typeof change?.payload === 'string' && typeof change.sig === 'string' ? { payload: change.payload, sig: change.sig } : null;
}

export class SignatureVerifier {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (response: VerifyResponse & ExtractResponse) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  constructor(publicKeyPem: string) {
    // Its garbage is short-lived (one page at a time): a small young generation keeps the process's memory down.
    this.worker = new Worker(workerUrl(), { name: 'iblagh-verify', workerData: { publicKeyPem }, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    this.worker.on('message', (response: VerifyResponse & ExtractResponse) => {
      this.pending.get(response.id)?.resolve(response);
      this.pending.delete(response.id);
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', () => this.failAll(new Error('the signature verifier stopped')));
  }

  /** Per change of the page: whether the signature verifies (undefined: not a change, judged later), and its projection. */
  verify(changes: readonly unknown[]): Promise<Verified[]> {
    const id = this.nextId++;
    return new Promise<VerifyResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, items: changes.map(signedItem) });
    }).then(({ results, projections }) => [...results].map((r, i) => ({ signature: r === 0 ? undefined : r === 1, projection: projections[i] ?? null })));
  }

  /** Per stored report payload, its observables (null when it cannot be read). */
  extractObservables(payloads: readonly string[]): Promise<(ObservableKey[] | null)[]> {
    const id = this.nextId++;
    return new Promise<VerifyResponse & ExtractResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, extract: payloads });
    }).then(({ keys }) => keys);
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
