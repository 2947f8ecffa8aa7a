/**
 * bench:queue's feed, made before the sync in a thread of its own that then
 * ends: the reference generator's changes, page by page, as the JSON bytes an
 * intake service would send. The writer (queue-sync-writer.ts) gets the bytes
 * and parses one page at a time, as the sync does with each response, so its
 * heap holds what the sync's does (one page), not the whole generated feed
 * and the generator's store (over 200 MiB, which the collector's helper
 * threads would mark during the sync, taking a core from the thread under
 * measure).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startIntakeServer } from '../src/intake/server.ts';

export interface FeedData {
  count: number;
  seed: number;
  pageLimit: number;
}

/** Each page of changes, as JSON bytes (UTF-8), and the key that signed them. */
export type FeedMessage = { pages: Uint8Array[]; changes: number; publicKeyPem: string };

const data = workerData as FeedData;
const server = await startIntakeServer({ count: data.count, seed: data.seed, attachments: 0 });
const pages: Uint8Array[] = [];
let changes = 0;
// Ids the store does not hold (IBL-29…, the store's are IBL-20…), signed again by the feed's key: the
// writer's verifier checks them and projects them as the sync would.
const { signingKey } = server.store;
for (let after = 0; ; ) {
  const page = server.store.changesAfter(after, data.pageLimit) as { seq: number; payload: string; sig: string }[];
  if (page.length === 0) break;
  after = page[page.length - 1]!.seq;
  changes += page.length;
  const renamed = page.map((change) => {
    const payload = change.payload.replaceAll('"IBL-20', '"IBL-29');
    return { ...change, payload, sig: signingKey.sign(payload) };
  });
  pages.push(new TextEncoder().encode(JSON.stringify(renamed)));
}
const publicKeyPem = server.publicKeyPem;
await server.close();
parentPort!.postMessage({ pages, changes, publicKeyPem } satisfies FeedMessage, pages.map((page) => page.buffer as ArrayBuffer));
