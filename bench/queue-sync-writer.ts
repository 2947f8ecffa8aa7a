/**
 * bench:queue's sync, in a worker thread as the app's sync runs: a feed of
 * new reports (and their status changes) from the reference generator
 * (queue-sync-feed.ts, as JSON bytes), parsed page by page, its signatures
 * checked (and reports projected) by the sync's own verifier thread while the
 * page before is applied into the store by the sync's own `applyPage`, past
 * the write gate the bench's requests pass, with the
 * rowids of each committed transaction posted to the main thread (which hands
 * them to the queue, as `SyncService.onApplied` does). No HTTP: the main
 * thread sees what it sees during a real sync (notices of committed pages,
 * and the queue's refresh reading those rows), with the feed applied as fast
 * as this thread can. queue-sync.ts bundles this file and the verifier's
 * (bundle.ts), as the app ships them.
 *
 * The feed's ids are IBL-29YY-… and its seqs follow the store's cursor, so
 * that every report is new to the store (a copy: bench/queue.ts makes one).
 */
import { createPublicKey } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { ed25519Verifier } from '../src/main/crypto/ed25519.ts';
import { openDatabase } from '../src/main/store/database.ts';
import { applyPage, prepareApply } from '../src/main/sync/apply.ts';
import { checkpointIfLarge, finalCheckpoint, manualCheckpoints } from '../src/main/sync/checkpoint.ts';
import { SignatureVerifier, type Verified } from '../src/main/sync/signature-verifier.ts';
import { GATE_WAIT_MAX_MS, WriteGate } from '../src/main/sync/write-gate.ts';

interface WriterData {
  databaseFile: string;
  key: Uint8Array;
  /** Each page of the feed, as JSON bytes. */
  pages: Uint8Array[];
  /** The feed's reports: its seqs go up to this times four at most. */
  count: number;
  /** The write gate the bench's requests pass, as the core's dispatch and the sync worker share one. */
  gate: SharedArrayBuffer;
  /** The key that signed the feed. */
  publicKeyPem: string;
}

export type WriterMessage =
  | { type: 'ready'; pages: number }
  | { type: 'applied'; rowids: Int32Array }
  | { type: 'done'; inserted: number; applied: number; quarantined: number; seconds: number };

const data = workerData as WriterData;
const port = parentPort!;

type Change = { seq: number; kind: string; payload: string; sig: string };
const decoder = new TextDecoder();

const db = openDatabase(data.databaseFile, Buffer.from(data.key), { create: false });
// As the sync worker: no fsync per commit, checkpoints only when the WAL is large.
db.pragma('synchronous = NORMAL');
manualCheckpoints(db);
const cursor = Number((db.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get() as string | undefined) ?? 0);
const statements = prepareApply(db);
const writeGate = new WriteGate(data.gate);
const gate = { enter: () => writeGate.enter(GATE_WAIT_MAX_MS), leave: () => writeGate.leave() };
// As runSync: the verifier checks page N+1 while this thread applies page N.
const verifier = new SignatureVerifier(data.publicKeyPem);
const verifySignature = ed25519Verifier(createPublicKey(data.publicKeyPem));
port.postMessage({ type: 'ready', pages: data.pages.length } satisfies WriterMessage);
await new Promise<void>((resolve) => port.once('message', () => resolve()));

const started = performance.now();
let inserted = 0;
let applied = 0;
let quarantined = 0;
const parse = (bytes: Uint8Array): Change[] => JSON.parse(decoder.decode(bytes)) as Change[];
// The feed's seqs follow the store's cursor.
let waiting: { changes: Change[]; verified: Promise<Verified[]> } | null = null;
for (let i = 0; i <= data.pages.length; i++) {
  const signed = i < data.pages.length ? parse(data.pages[i]!) : null;
  const next = signed ? { changes: signed, verified: verifier.verify(signed) } : null;
  if (waiting) {
    const verified = await waiting.verified;
    const changes = waiting.changes.map((change) => ({ ...change, seq: change.seq + cursor }));
    const outcome = applyPage(db, statements, { changes, next_after: changes[changes.length - 1]!.seq, head_seq: cursor + data.count * 4 }, verifySignature, {
      demo: false,
      verified,
      gate,
      onCommitted: (touched) => {
        const message = { type: 'applied', rowids: Int32Array.from(touched) } satisfies WriterMessage;
        port.postMessage(message, [message.rowids.buffer]);
      },
    });
    inserted += outcome.inserted;
    applied += outcome.applied;
    quarantined += outcome.quarantined;
    checkpointIfLarge(db);
  }
  waiting = next;
}
// Told before the verifier ends, so that the bench's figures of this process's threads still find it.
port.postMessage({ type: 'done', inserted, applied, quarantined, seconds: (performance.now() - started) / 1000 } satisfies WriterMessage);
await verifier.close();
finalCheckpoint(db);
db.close();
