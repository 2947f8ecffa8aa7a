/** Verification of change signatures on a second thread (see verify-worker.ts). */
import { Worker } from 'node:worker_threads';
import type { SignedItem, VerifyResponse } from './verify-worker.ts';

function workerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './verify-worker.ts' : './verify-worker.js', import.meta.url);
}

function signedItem(raw: unknown): SignedItem {
  const change = raw as { payload?: unknown; sig?: unknown } | null;
  return typeof change?.payload === 'string' && typeof change.sig === 'string' ? { payload: change.payload, sig: change.sig } : null;
}

export class SignatureVerifier {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (results: Uint8Array) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  constructor(publicKeyPem: string) {
    this.worker = new Worker(workerUrl(), { workerData: { publicKeyPem } });
    this.worker.on('message', ({ id, results }: VerifyResponse) => {
      this.pending.get(id)?.resolve(results);
      this.pending.delete(id);
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', () => this.failAll(new Error('the signature verifier stopped')));
  }

  /** Per change of the page: true (verifies), false (does not), undefined (not a change: judged later). */
  verify(changes: readonly unknown[]): Promise<(boolean | undefined)[]> {
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, items: changes.map(signedItem) });
    }).then((results) => [...results].map((r) => (r === 0 ? undefined : r === 1)));
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
