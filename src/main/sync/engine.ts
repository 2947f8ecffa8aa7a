/**
 * One sync run: pages through the change feed until caught up, fetches the
 * attachments, and flushes the status outbox. Plain Node, no Electron: the
 * app runs it in a worker thread, the CLI in its own process.
 */
import { countReports } from '../reports/report-rows.ts';
import type { Db } from '../store/database.ts';
import { applyPage, prepareApply, readCursor } from './apply.ts';
import { AttachmentFetcher } from './attachments.ts';
import type { ChangePageData } from './change-page.ts';
import { SignatureVerifier, type Verified } from './signature-verifier.ts';
import { CancelledError, IntakeClient, type RetryPolicy } from './intake-client.ts';
import type { IntakeConfig } from '../settings/intake-config.ts';
import { ed25519Verifier } from '../crypto/ed25519.ts';
import { parseIntakeKey } from '../crypto/intake-key.ts';
import { flushOutbox, outboxCounts } from './outbox.ts';
import { anchorAuditHead } from './audit-anchoring.ts';
import { indexPendingObservables, pendingObservableCount } from '../reports/observable-index.ts';

export const DEFAULT_PAGE_LIMIT = 1000;
export const DEFAULT_ATTACHMENT_CONCURRENCY = 4;
/** Reports to index from which the observables step extracts on the verifier's thread (below, in this one). */
export const EXTRACTOR_THREAD_FROM = 2_000;

export interface SyncProgress {
  phase: 'outbox' | 'changes' | 'attachments' | 'observables' | 'done';
  cursor: number;
  headSeq: number;
  applied: number;
  quarantined: number;
  replayed: number;
  attachmentsDone: number;
  attachmentsTotal: number;
  /** Reports whose observables were indexed in this run's last step, of those queued when it began. */
  observablesDone: number;
  observablesTotal: number;
  ratePerSecond: number;
  etaSeconds: number | null;
  retrying: string | null;
  startedAt: string;
  /** Reports in the store: counted once at the start of the run (on this thread), then kept up to date. */
  reports: number;
}

export interface SyncResult {
  applied: number;
  quarantined: number;
  replayed: number;
  cursor: number;
  headSeq: number;
  attachments: { verified: number; quarantined: number };
  outbox: { sent: number; rejected: number };
  /** Reports whose observables were indexed, and those left queued (a cancelled run). */
  observables: { indexed: number; pending: number };
  durationMs: number;
  /** From the start until every report of the feed was stored (in the queue). */
  feedMs: number;
}

export interface SyncOptions {
  pageLimit?: number;
  attachmentConcurrency?: number;
  retry?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Told when each write transaction of the feed begins and ends. */
  gate?: { enter(): void; leave(): void };
  /** After each transaction of a page commits: rowids of the reports it inserted or changed. */
  onApplied?: (rowids: number[]) => void;
  /** After each transaction of the observables step commits: rowids of the reports whose observables were indexed. */
  onObservables?: (rowids: number[]) => void;
  now?: () => number;
  /** Index the stored reports' observables after the feed (default). Off only to measure what it costs (bench:cases). */
  observables?: boolean;
}

function setState(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export async function runSync(db: Db, config: IntakeConfig, options: SyncOptions = {}): Promise<SyncResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const signal = options.signal ?? new AbortController().signal;
  const verifySignature = ed25519Verifier(parseIntakeKey(config.publicKeyPem));
  const progress: SyncProgress = {
    reports: countReports(db),
    phase: 'outbox',
    cursor: readCursor(db),
    headSeq: 0,
    applied: 0,
    quarantined: 0,
    replayed: 0,
    attachmentsDone: 0,
    attachmentsTotal: 0,
    observablesDone: 0,
    observablesTotal: 0,
    ratePerSecond: 0,
    etaSeconds: null,
    retrying: null,
    startedAt: new Date(started).toISOString(),
  };
  const report = (): void => options.onProgress?.({ ...progress });
  const client = new IntakeClient({
    baseUrl: config.url,
    token: config.token,
    signal,
    ...(options.retry ? { retry: options.retry } : {}),
    onRetry: (error, attempt, delay) => {
      progress.retrying = `${error.message}; attempt ${attempt + 1} in ${Math.ceil(delay / 1000)} s`;
      report();
    },
  });
  setState(db, 'last_attempt_at', new Date(started).toISOString());
  try {
    const outbox = { sent: 0, rejected: 0 };
    const addOutbox = (r: { sent: number; rejected: number }): void => {
      outbox.sent += r.sent;
      outbox.rejected += r.rejected;
    };
    if (outboxCounts(db).pending > 0) addOutbox(await flushOutbox(db, client));

    progress.phase = 'changes';
    let feedMs = 0;
    const startCursor = progress.cursor;
    const statements = prepareApply(db);
    const limit = options.pageLimit ?? DEFAULT_PAGE_LIMIT;
    const fetchPage = (after: number) => client.changes(after, limit);
    // A three-stage pipeline: while this thread validates and writes page N, the
    // verifier thread checks the signatures of page N+1 and the service prepares N+2.
    const verifier = new SignatureVerifier(config.publicKeyPem);
    // Attachments download alongside the feed, as each page makes them known.
    const fetcher = new AttachmentFetcher(db, client, {
      concurrency: options.attachmentConcurrency ?? DEFAULT_ATTACHMENT_CONCURRENCY,
      signal,
      onProgress: (done, total) => {
        progress.attachmentsDone = done;
        progress.attachmentsTotal = total;
      },
    });
    fetcher.refill(); // left pending by an earlier run
    const attachmentsRun = fetcher.run();
    attachmentsRun.catch(() => {}); // awaited after the feed; a failure is raised there
    try {
      const apply = (page: ChangePageData, verified: readonly Verified[]): boolean => {
        const outcome = applyPage(db, statements, page, verifySignature, {
          demo: config.demo,
          verified,
          ...(options.onApplied ? { onCommitted: options.onApplied } : {}),
          ...(options.gate ? { gate: options.gate } : {}),
        });
        progress.cursor = outcome.cursor;
        progress.headSeq = page.head_seq;
        progress.reports += outcome.inserted;
        progress.applied += outcome.applied;
        progress.quarantined += outcome.quarantined;
        progress.replayed += outcome.replayed;
        const seconds = Math.max(0.001, (now() - started) / 1000);
        progress.ratePerSecond = progress.applied / seconds;
        // Time left from the pace at which the cursor moves through seqs (gaps between seqs are normal).
        const seqRate = (outcome.cursor - startCursor) / seconds;
        progress.etaSeconds = seqRate > 0 ? Math.max(0, page.head_seq - outcome.cursor) / seqRate : null;
        fetcher.refill();
        report();
        return page.changes.length === 0 || page.next_after >= page.head_seq;
      };
      let next = fetchPage(progress.cursor);
      let waiting: { page: ChangePageData; signatures: Promise<Verified[]> } | null = null;
      for (;;) {
        let page: ChangePageData;
        try {
          page = await next;
        } catch (error) {
          // The next page failed for good (unreachable, or a protocol error: a next_after past its
          // changes, say): the page before it is verified and valid, and is applied all the same.
          if (waiting && !(error instanceof CancelledError)) {
            const before = waiting;
            waiting = null;
            try {
              apply(before.page, await before.signatures);
            } catch {
              // The fetch's failure is the one reported; this page is fetched again next time.
            }
          }
          throw error;
        }
        progress.retrying = null;
        const last = page.changes.length === 0 || page.next_after >= page.head_seq;
        if (!last) {
          next = fetchPage(Math.max(progress.cursor, page.next_after));
          next.catch(() => {}); // awaited on the next turn; a failure is raised there
        }
        const signatures = verifier.verify(page.changes);
        signatures.catch(() => {});
        if (waiting) apply(waiting.page, await waiting.signatures);
        waiting = { page, signatures };
        if (last) break;
      }
      apply(waiting.page, await waiting.signatures);
      feedMs = now() - started;
      fetcher.feedDone();
    } catch (error) {
      fetcher.abandon();
      await attachmentsRun.catch(() => {});
      await verifier.close();
      throw error;
    }
    // The verifier's thread stays for the observables step (its heap is already there: a new thread
    // would add its own to the process's peak memory), and is closed on every way out.
    let observables: SyncResult['observables'];
    let attachments: SyncResult['attachments'];
    try {
      progress.phase = 'attachments';
      progress.attachmentsTotal = fetcher.total;
      report();
      attachments = await attachmentsRun;

      progress.phase = 'outbox';
      addOutbox(await flushOutbox(db, client));
      // The audit chain's head, anchored at every run (audit-anchoring.ts).
      await anchorAuditHead(db, client, config);

      // The observables of what this run (or a cancelled one) stored: see reports/observable-index.ts.
      observables = { indexed: 0, pending: 0 };
      if (options.observables !== false) {
        progress.phase = 'observables';
        progress.observablesTotal = pendingObservableCount(db);
        report();
        // Extraction on the verifier's thread while this one links, when there is enough to index to pay for it.
        const extract = progress.observablesTotal >= EXTRACTOR_THREAD_FROM ? (payloads: readonly string[]) => verifier.extractObservables(payloads) : undefined;
        observables.indexed = await indexPendingObservables(db, {
          shouldStop: () => signal.aborted,
          ...(options.gate ? { gate: options.gate } : {}),
          ...(extract ? { extract } : {}),
          onBatch: (rowids) => {
            progress.observablesDone += rowids.length;
            options.onObservables?.(rowids);
            report();
          },
        });
        observables.pending = signal.aborted ? pendingObservableCount(db) : 0;
      }
    } finally {
      await verifier.close();
    }

    progress.phase = 'done';
    progress.etaSeconds = 0;
    report();
    setState(db, 'last_success_at', new Date(now()).toISOString());
    db.prepare("DELETE FROM sync_state WHERE key = 'last_error'").run();
    return {
      applied: progress.applied,
      quarantined: progress.quarantined,
      replayed: progress.replayed,
      cursor: progress.cursor,
      headSeq: progress.headSeq,
      attachments,
      outbox,
      observables,
      durationMs: now() - started,
      feedMs,
    };
  } catch (error) {
    setState(db, 'last_error', (error as Error).message);
    throw error;
  }
}
