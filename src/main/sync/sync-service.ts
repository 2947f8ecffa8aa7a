/**
 * Sync as the application sees it: "Sync now", background sync every N
 * minutes while unlocked, cancellation, and the status shown on the sync
 * screen. Each run happens in a worker thread with its own connection; this
 * side only relays progress, so the thread that answers the renderer stays
 * free. Locking stops the worker and the schedule.
 */
import { Worker } from 'node:worker_threads';
import type { SyncStatus } from '../../shared/schemas.ts';
import { AppError } from '../errors.ts';
import type { Session } from '../session/session.ts';
import type { Db } from '../store/database.ts';
import { countReports } from '../reports/report-rows.ts';
import type { SyncOptions, SyncProgress } from './engine.ts';
import { readIntakeConfig } from '../settings/intake-config.ts';
import { outboxCounts } from './outbox.ts';
import type { SyncWorkerData, SyncWorkerMessage } from './worker.ts';
import { WriteGate } from './write-gate.ts';
import type { SyncErrorKind } from './error-kind.ts';

/** The worker's file: the TypeScript source under plain Node, the bundled file in the packaged app. */
function workerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './worker.ts' : './sync-worker.js', import.meta.url);
}

function state(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}


export interface SyncServiceOptions {
  emit: (status: SyncStatus) => void;
  /** Reports a sync page inserted or changed (their rowids), as soon as it is committed. */
  onApplied?: (rowids: Int32Array) => void;
  /** Reports got their observables indexed (the queue's observable filter reads its links again). */
  onObservables?: () => void;
  /** Engine options for every run (tests use short retries). */
  engine?: Omit<SyncOptions, 'signal' | 'onProgress' | 'now'>;
}

export class SyncService {
  private readonly session: Session;
  private readonly options: SyncServiceOptions;
  /** Held by the core while it answers a request: the worker then starts no write transaction. */
  readonly gate = new WriteGate();
  private worker: Worker | null = null;
  private progress: SyncProgress | null = null;
  private lastErrorKind: SyncErrorKind | null = null;
  /** The last run's error message from the worker, for when the store could not record it. */
  private runError: string | null = null;
  /** A worker that died before it could record its failure in the store. */
  private workerFailure: string | null = null;
  private online: boolean | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextRunAt: number | null = null;
  private finished: Promise<void> = Promise.resolve();
  /** Counting a hundred thousand reports reads the whole index: at most every 2 s while a run writes. */
  /** Reports in the store, as last known: from the running worker's progress, else counted once. */
  private reportsCount: number | null = null;

  constructor(session: Session, options: SyncServiceOptions) {
    this.session = session;
    this.options = options;
  }

  status(): SyncStatus {
    const { db } = this.session.unlocked();
    const config = readIntakeConfig(db);
    const p = this.progress;
    const cursor = Number(state(db, 'cursor') ?? 0);
    // The run's error as the worker told it stands in when the store could not keep it (a full disk).
    // While a run goes on, the last run's failure is not its outcome: the banner waits for this one's.
    const lastError = this.worker ? null : (state(db, 'last_error') ?? this.runError ?? this.workerFailure);
    return {
      running: this.worker !== null,
      phase: p && this.worker ? (p.phase === 'done' ? 'done' : p.phase) : 'idle',
      cursor: Math.max(cursor, p?.cursor ?? 0),
      headSeq: Math.max(Number(state(db, 'head_seq') ?? 0), p?.headSeq ?? 0),
      applied: p?.applied ?? 0,
      ratePerSecond: p?.ratePerSecond ?? 0,
      etaSeconds: p?.etaSeconds ?? null,
      attachmentsDone: p?.attachmentsDone ?? 0,
      attachmentsTotal: p?.attachmentsTotal ?? 0,
      observablesDone: p?.observablesDone ?? 0,
      observablesTotal: p?.observablesTotal ?? 0,
      retrying: this.worker ? (p?.retrying ?? null) : null,
      lastSuccessAt: state(db, 'last_success_at'),
      lastAttemptAt: state(db, 'last_attempt_at'),
      lastError,
      lastErrorKind: lastError ? (this.lastErrorKind ?? 'other') : null,
      online: this.online,
      quarantined: (db.prepare('SELECT count(*) AS n FROM quarantine').get() as { n: number }).n,
      outbox: outboxCounts(db),
      reports: this.reportCount(db),
      configured: config !== null,
      demo: config?.demo ?? false,
      nextRunAt: this.nextRunAt === null ? null : new Date(this.nextRunAt).toISOString(),
    };
  }

  /** Starts a run now unless one is running; returns at once. */
  start(): SyncStatus {
    const { db } = this.session.unlocked();
    const config = readIntakeConfig(db);
    if (!config) throw new AppError('INTAKE_NOT_CONFIGURED', 'No intake service is configured: set one in Settings.');
    if (this.worker) return this.status();
    const key = this.session.databaseKeyCopy();
    const data: SyncWorkerData = { databaseFile: this.session.databaseFile, key, config, gate: this.gate.buffer, options: this.options.engine ?? {} };
    // Its garbage is short-lived (one page at a time): a small young generation keeps the process's memory down.
    const worker = new Worker(workerUrl(), { name: 'iblagh-sync', workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 24 } });
    key.fill(0);
    this.worker = worker;
    this.progress = null;
    this.workerFailure = null;
    this.runError = null;
    let settle: () => void = () => {};
    this.finished = new Promise((resolve) => (settle = resolve));
    worker.on('message', (message: SyncWorkerMessage) => {
      if (message.type === 'applied') {
        this.options.onApplied?.(message.rowids);
        return;
      }
      if (message.type === 'observables') {
        this.options.onObservables?.();
        return;
      }
      if (message.type === 'progress') {
        this.progress = message.progress;
        this.online = true;
      } else if (message.type === 'done') {
        this.lastErrorKind = null;
        this.runError = null;
        this.online = true;
      } else {
        this.lastErrorKind = message.kind;
        this.runError = message.message;
        if (message.kind === 'unreachable') this.online = false;
        if (message.kind === 'auth') this.online = true;
      }
      this.publish();
    });
    const end = (): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.publish();
      settle();
    };
    worker.on('error', (error) => {
      console.error('[iblagh sync] worker failed', error);
      this.lastErrorKind = 'other';
      this.workerFailure = `The sync could not run: ${error.message}`;
      end();
    });
    worker.on('exit', end);
    // Stopped in the middle of a transaction (on lock), it could not say it ended.
    worker.on('exit', () => this.gate.leave());
    this.publish();
    return this.status();
  }

  /** Stops the current run; what it committed stays committed. */
  cancel(): SyncStatus {
    this.worker?.postMessage('cancel');
    return this.status();
  }

  /** Resolves when the current run (if any) has ended. */
  whenIdle(): Promise<void> {
    return this.finished;
  }

  /** Background sync every N minutes while unlocked (0: off). */
  schedule(): void {
    this.unschedule();
    let minutes: number;
    try {
      minutes = readIntakeConfig(this.session.unlocked().db)?.syncIntervalMinutes ?? 0;
    } catch {
      return;
    }
    if (minutes <= 0) return;
    const every = minutes * 60_000;
    this.nextRunAt = Date.now() + every;
    this.timer = setInterval(() => {
      this.nextRunAt = Date.now() + every;
      try {
        this.start();
      } catch (error) {
        if (!(error instanceof AppError)) console.error('[iblagh sync] scheduled run failed to start', error);
      }
    }, every);
    this.timer.unref();
  }

  unschedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.nextRunAt = null;
  }

  /** On lock: the worker holds a copy of the key and an open connection; both go. */
  stop(): void {
    this.unschedule();
    const worker = this.worker;
    this.worker = null;
    this.progress = null;
    if (worker) void worker.terminate();
  }

  /**
   * A count(*) over a million reports takes this thread a few hundred milliseconds: the sync
   * worker counts at the start of its run and keeps the count up to date; otherwise it is counted
   * once and kept until the reports change outside a run (`reportsChanged`).
   */
  private reportCount(db: Db): number {
    if (this.progress) this.reportsCount = this.progress.reports;
    this.reportsCount ??= countReports(db);
    return this.reportsCount;
  }

  /**
   * The intake settings changed: what this side knows of the last run (its error, whether the
   * service answered) described the old settings. With another service, nothing of it is kept;
   * with new credentials for the same one, the failure goes and reachability stays.
   */
  settingsChanged(change: { anotherService: boolean; credentialsChanged: boolean }): void {
    if (!change.credentialsChanged) return;
    this.lastErrorKind = null;
    this.runError = null;
    this.workerFailure = null;
    if (change.anotherService) this.online = null;
  }

  /** Reports were deleted or added outside a sync run (demo data purged): count them again when asked. */
  reportsChanged(): void {
    this.reportsCount = null;
  }

  private publish(): void {
    try {
      this.options.emit(this.status());
    } catch {
      // Locked in the meantime: nothing to show.
    }
  }
}
