/**
 * The sync worker thread: its own connection to the encrypted store, so that
 * verification, validation and writes never run on the thread that answers
 * the renderer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../store/database.ts';
import { runSync, type SyncOptions, type SyncProgress, type SyncResult } from './engine.ts';
import type { IntakeConfig } from '../settings/intake-config.ts';
import { GATE_WAIT_MAX_MS, WriteGate } from './write-gate.ts';
import { syncErrorKind, type SyncErrorKind } from './error-kind.ts';
import { checkpointIfLarge, finalCheckpoint, manualCheckpoints } from './checkpoint.ts';

export interface SyncWorkerData {
  databaseFile: string;
  key: Uint8Array;
  config: IntakeConfig;
  /** The main thread's write gate (write-gate.ts). */
  gate: SharedArrayBuffer;
  options: Omit<SyncOptions, 'signal' | 'onProgress' | 'now'>;
}

export type SyncWorkerMessage =
  | { type: 'progress'; progress: SyncProgress }
  /** Reports a committed page inserted or changed, for the queue's index. */
  | { type: 'applied'; rowids: Int32Array }
  /** Reports got their observables indexed since the last such message (at most one a second, and one at the end). */
  | { type: 'observables' }
  | { type: 'done'; result: SyncResult }
  | { type: 'error'; kind: SyncErrorKind; message: string };

async function main(): Promise<void> {
  const data = workerData as SyncWorkerData;
  const port = parentPort;
  if (!port) throw new Error('the sync worker must run in a worker thread');
  const gate = new WriteGate(data.gate);
  const key = Buffer.from(data.key);
  Buffer.from(data.key.buffer, data.key.byteOffset, data.key.byteLength).fill(0);
  const controller = new AbortController();
  port.on('message', (message: unknown) => {
    if (message === 'cancel') controller.abort();
  });
  const db = openDatabase(data.databaseFile, key, { create: false });
  key.fill(0);
  // Checkpoints when the WAL is large, after the write gate is released (checkpoint.ts).
  manualCheckpoints(db);
  // Without an fsync per commit: a power cut can only roll back the last pages together with their
  // cursor (the transaction keeps them together), and the next sync fetches them again. The status
  // outbox is written by the main connection, which keeps synchronous = FULL.
  db.pragma('synchronous = NORMAL');
  let lastProgress = 0;
  let lastPhase = '';
  let lastObservables = 0;
  let observablesUntold = false;
  const tellObservables = (): void => {
    observablesUntold = false;
    lastObservables = Date.now();
    port.postMessage({ type: 'observables' } satisfies SyncWorkerMessage);
  };
  try {
    const result = await runSync(db, data.config, {
      ...data.options,
      signal: controller.signal,
      gate: {
        enter: () => gate.enter(GATE_WAIT_MAX_MS),
        leave: () => {
          gate.leave();
          checkpointIfLarge(db);
        },
      },
      onApplied: (rowids) => {
        const message = { type: 'applied', rowids: Int32Array.from(rowids) } satisfies SyncWorkerMessage;
        port.postMessage(message, [message.rowids.buffer]);
      },
      onObservables: () => {
        observablesUntold = true;
        if (Date.now() - lastObservables >= 1000) tellObservables();
      },
      onProgress: (progress) => {
        // At most ten messages a second (the UI does not need more), but every new step is told.
        const now = Date.now();
        if (progress.phase !== lastPhase || now - lastProgress >= 100) {
          lastProgress = now;
          lastPhase = progress.phase;
          port.postMessage({ type: 'progress', progress } satisfies SyncWorkerMessage);
        }
      },
    });
    if (observablesUntold) tellObservables();
    port.postMessage({ type: 'done', result } satisfies SyncWorkerMessage);
  } catch (error) {
    port.postMessage({ type: 'error', kind: syncErrorKind(error), message: error instanceof Error ? error.message : String(error) } satisfies SyncWorkerMessage);
  } finally {
    // Here rather than later on the thread that answers the renderer.
    try {
      finalCheckpoint(db);
    } finally {
      db.close();
      port.close();
    }
  }
}

void main();
