/**
 * bench:queue's sync, in a worker thread as the app's sync runs: a feed of
 * new reports (and their status changes) from the reference generator,
 * applied page by page into the store by the sync's own `applyPage`, with the
 * rowids of each committed transaction posted to the main thread (which hands
 * them to the queue, as `SyncService.onApplied` does). No HTTP and no
 * signature checks: the main thread sees what it sees during a real sync
 * (notices of committed pages, and the queue's refresh reading those rows),
 * with the feed applied as fast as this thread can.
 *
 * The feed's ids become IBL-29YY-… and its seqs follow the store's cursor, so
 * that every report is new to the store (a copy: bench/queue.ts makes one).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startIntakeServer } from '../src/intake/server.ts';
import { openDatabase } from '../src/main/store/database.ts';
import { applyPage, prepareApply } from '../src/main/sync/apply.ts';

interface WriterData {
  databaseFile: string;
  key: Uint8Array;
  count: number;
  seed: number;
  pageLimit: number;
}

export type WriterMessage =
  | { type: 'ready'; changes: number; pages: number }
  | { type: 'applied'; rowids: Int32Array }
  | { type: 'done'; inserted: number; applied: number; quarantined: number; seconds: number };

const data = workerData as WriterData;
const port = parentPort!;

const server = await startIntakeServer({ count: data.count, seed: data.seed, attachments: 0 });
const pages: { seq: number; kind: string; payload: string; sig: string }[][] = [];
for (let after = 0; ; ) {
  const changes = server.store.changesAfter(after, data.pageLimit) as { seq: number; kind: string; payload: string; sig: string }[];
  if (changes.length === 0) break;
  after = changes[changes.length - 1]!.seq;
  pages.push(changes);
}
await server.close();

const db = openDatabase(data.databaseFile, Buffer.from(data.key), { create: false });
// As the sync worker: no fsync per commit, checkpoints only when the WAL is large.
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = 0');
const cursor = Number((db.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get() as string | undefined) ?? 0);
const statements = prepareApply(db);
port.postMessage({ type: 'ready', changes: pages.reduce((n, page) => n + page.length, 0), pages: pages.length } satisfies WriterMessage);
await new Promise<void>((resolve) => port.once('message', () => resolve()));

const started = performance.now();
let inserted = 0;
let applied = 0;
let quarantined = 0;
for (const page of pages) {
  const changes = page.map((change) => ({ ...change, seq: change.seq + cursor, payload: change.payload.replaceAll('"IBL-20', '"IBL-29') }));
  const outcome = applyPage(db, statements, { changes, next_after: changes[changes.length - 1]!.seq, head_seq: cursor + data.count * 4 }, () => true, {
    demo: false,
    onCommitted: (touched) => {
      const message = { type: 'applied', rowids: Int32Array.from(touched) } satisfies WriterMessage;
      port.postMessage(message, [message.rowids.buffer]);
    },
  });
  inserted += outcome.inserted;
  applied += outcome.applied;
  quarantined += outcome.quarantined;
  const [wal] = db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
  if (wal && wal.log - Math.max(0, wal.checkpointed) >= 16_384) db.pragma('wal_checkpoint(PASSIVE)');
}
db.pragma('wal_checkpoint(PASSIVE)');
db.close();
port.postMessage({ type: 'done', inserted, applied, quarantined, seconds: (performance.now() - started) / 1000 } satisfies WriterMessage);
