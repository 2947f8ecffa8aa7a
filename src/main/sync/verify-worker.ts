/**
 * A second thread that verifies Ed25519 signatures of change pages, so that
 * verification (the costliest step of a sync) overlaps with the validation
 * and writing of the previous page on the sync thread.
 */
import { createPublicKey } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { BASE64 } from './apply.ts';
import { ed25519Verifier } from './ed25519.ts';

/** One change to check: its exact payload text and base64 signature; null when it is not even a change. */
export type SignedItem = { payload: string; sig: string } | null;
export interface VerifyRequest {
  id: number;
  items: SignedItem[];
}
/** Per item: 0 not checked, 1 the signature verifies, 2 it does not. */
export interface VerifyResponse {
  id: number;
  results: Uint8Array;
}

const port = parentPort;
if (port) {
  const verify = ed25519Verifier(createPublicKey((workerData as { publicKeyPem: string }).publicKeyPem));
  port.on('message', ({ id, items }: VerifyRequest) => {
    const results = new Uint8Array(items.length);
    items.forEach((item, i) => {
      if (!item) return;
      // Only a signature in the contract's form counts (Buffer's decoder would skip stray characters).
      results[i] = BASE64.test(item.sig) && verify(Buffer.from(item.payload, 'utf8'), Buffer.from(item.sig, 'base64')) ? 1 : 2;
    });
    port.postMessage({ id, results } satisfies VerifyResponse, [results.buffer]);
  });
}
