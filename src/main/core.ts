/**
 * The core services, wired together, with no Electron in sight: the Electron
 * shell, the browser test host and the CLI all drive the workstation through
 * this one object.
 */
import type { EventName, EventPayload, Result } from '../shared/contract.ts';
import { events as eventSchemas } from '../shared/contract.ts';
import { createDispatch, passGate, readSnapshot } from './api/dispatch.ts';
import { createHandlers } from './api/handlers.ts';
import { ProfileService } from './profiles/profiles.ts';
import { Session } from './session/session.ts';
import { connectDemo, DemoIntake } from './sync/demo-intake.ts';
import { readIntakeConfig } from './settings/intake-config.ts';
import { AppError } from './errors.ts';
import { SyncService, type SyncServiceOptions } from './sync/sync-service.ts';
import { QueueService, READER_CACHE_MIB } from './triage/queue-service.ts';
import { backfillObservables, backfillProjection } from './reports/projection.ts';
import { observableReportRowids } from './observables/observable-rows.ts';
import { caseMembership, caseReportRowids } from './cases/access.ts';
import { ImageAnalysisService } from './diagnostics/images/service.ts';
import { RecheckService } from './diagnostics/online/recheck.ts';
import type { ImageDecoder } from './diagnostics/images/image-decoder.ts';
import { chromiumPageCapture, type PageCapture } from './diagnostics/screenshot/capture.ts';
import type { MigrationSteps } from './store/migrations/index.ts';
import type { Db } from './store/database.ts';
import type { StatusEffect } from './cases/cases.ts';
import { renderDossierPdf, type DossierPdfRenderer, type PrintHooks } from './dossiers/document/render.ts';
import type { RenderedDossier } from './dossiers/document/template.ts';
import { exportDossier, type ExportRequest } from './dossiers/export.ts';
import type { ExportedDossier } from '../shared/dossiers.ts';

/** What migrations need from the features (the store imports none). */
export const migrationSteps: MigrationSteps = { backfillReportProjection: backfillProjection, backfillObservables };
import type { ScryptParams } from './crypto/key-wrap.ts';


import type { LockReason, Unlocked } from './session/session.ts';

export type { LockReason };

export interface CoreOptions {
  /** Folder of the encrypted store (created on first run, mode 0700). */
  storeDir: string;
  /** Which host drives the core; shown in `app.info`. */
  host: 'electron' | 'web' | 'cli';
  /** Application version shown in `app.info`. */
  version: string;
}

export interface Core {
  /**
   * Calls a channel of the contract with an untrusted input: validates the
   * channel name, the input, the caller's access, then runs the service and
   * validates its output. Never throws; failures come back as data.
   */
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to core events (idle lock, OS lock...); returns the unsubscribe function. */
  onEvent(listener: <E extends EventName>(event: E, payload: EventPayload<E>) => void): () => void;
  /** Locks now: closes the database and drops the key. Safe to call when already locked. */
  lock(reason: LockReason): void;
  /** Locks and releases everything (timers, files). */
  close(): void;
  /** The open store, for the command line's bulk reads (LOCKED otherwise). Never exposed to a renderer. */
  unlockedStore(): Unlocked;
  /** Resolves when no sync run is going on. */
  syncIdle(): Promise<void>;
  /**
   * The command line's dossier export: into the folder it names, with or without a zip (the window's export goes to
   * the supervisor's export folder, through `dossiers.export`). Never exposed to a renderer.
   */
  exportDossier(request: ExportRequest): Promise<ExportedDossier>;
}

export interface CoreTestOptions {
  /** Cheaper KDF parameters for newly wrapped keys (tests only). */
  scrypt?: ScryptParams;
  now?: () => number;
  /** Sync engine options (tests use short retries and small pages). */
  syncEngine?: SyncServiceOptions['engine'];
  /** The image decoder process (default: a child process; the Electron shell gives a utility process). */
  imageDecoder?: () => ImageDecoder;
  /** The browser for page screenshots (default: the system Chromium under plain Node; the Electron shell gives an offscreen window). */
  pageCapture?: PageCapture;
  /** The dossier's PDF renderer (default: the system Chromium under plain Node; the Electron shell gives printToPDF in a hidden window). */
  dossierPdf?: DossierPdfRenderer;
  /**
   * Gets that renderer's first page ready, without waiting (called when the analyst opens a case's dossier
   * choices, and at the start of an export, so that the render does not wait for a renderer to start). Default:
   * nothing (a process that lets the core launch Chromium this way closes it before it exits, as the CLI does).
   */
  dossierPdfPrepare?: () => void;
  /** Tests only: each connection the queue opens for itself (triage/queue-service.ts), to see when it closes. */
  queueReaderOpened?: (db: Db) => void;
}

type Listener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export function createCore(options: CoreOptions & CoreTestOptions): Core {
  const listeners = new Set<Listener>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const checked = eventSchemas[event].parse(payload) as EventPayload<E>;
    for (const listener of listeners) listener(event, checked);
  };
  let sync: SyncService | null = null;
  const now = options.now ?? Date.now;
  // Attachments are analysed after a sync run ends, never inside it (diagnostics/images/analysis.ts).
  const images = new ImageAnalysisService(() => session.unlocked(), { now, ...(options.imageDecoder ? { decoder: options.imageDecoder } : {}), onMatches: () => queue.refreshNow() });
  // "Still online?": URLs already diagnosed are diagnosed again at the supervisor's interval while unlocked.
  const recheck = new RecheckService(() => session.unlocked(), now);
  const queue = new QueueService(() => session.unlocked(), {
    emitChanged: (generation) => emit('queue.changed', { generation }),
    now,
    openReader: () => {
      const reader = session.openReader(READER_CACHE_MIB);
      options.queueReaderOpened?.(reader);
      return reader;
    },
    links: {
      caseMembership: () => {
        const { db, analyst } = session.unlocked();
        return caseMembership(db, analyst);
      },
      observableReports: (observableId) => observableReportRowids(session.unlocked().db, observableId),
      caseReports: (ref) => {
        const { db, analyst } = session.unlocked();
        return caseReportRowids(db, analyst, ref);
      },
    },
  });
  const session = new Session({
    storeDir: options.storeDir,
    ...(options.scrypt ? { scrypt: options.scrypt } : {}),
    ...(options.now ? { now: options.now } : {}),
    idleBackstop: options.host !== 'cli',
    migrationSteps,
    // A key rotation (disabling a profile) re-encrypts the file: the sync worker's connection and the queue's own
    // connection close first.
    quiesceKeyHolders: async () => {
      sync?.cancel();
      await sync?.whenIdle();
      queue.closeReader();
    },
    onChange: (state, reason) => {
      if (state.phase === 'unlocked') {
        sync?.schedule();
        recheck.schedule();
        void resumeDemo();
      } else {
        sync?.stop();
        recheck.stop();
        images.stop();
        queue.reset();
      }
      emit('session.changed', { state, reason });
    },
  });
  sync = new SyncService(session, {
    emit: (status) => {
      emit('sync.progress', status);
      // The run ended: its last pages (and quarantined attachments) show now.
      if (!status.running) {
        queue.refreshNow();
        images.schedule();
      }
    },
    onApplied: (rowids) => queue.applied(rowids),
    onObservables: () => queue.observablesChanged(),
    ...(options.syncEngine ? { engine: options.syncEngine } : {}) });
  const demo = new DemoIntake();
  /** A workstation left in demo mode gets its demo service back when an analyst unlocks it. */
  async function resumeDemo(): Promise<void> {
    try {
      const { db, analyst } = session.unlocked();
      if (!readIntakeConfig(db)?.demo || demo.isRunning()) return;
      await connectDemo(db, analyst.id, demo);
      sync?.schedule();
    } catch (error) {
      // Locked again in the meantime: the next unlock tries again.
      if (!(error instanceof AppError)) console.error('[iblagh core] demo service could not restart', error);
    }
  }
  const profiles = new ProfileService(session);
  const dossierDeps = {
    renderPdf: options.dossierPdf ?? ((rendered: RenderedDossier, hooks?: PrintHooks) => renderDossierPdf(rendered, hooks)),
    preparePdf: options.dossierPdfPrepare,
    generator: { name: 'Iblagh Workstation', version: options.version },
    statusesSet: (effect: StatusEffect) => {
      queue.statusSet(effect.rowids, effect.status, effect.workstationId);
      sync?.start();
    },
  };
  const handlers = createHandlers({ session, profiles, sync, demo, queue, now, appInfo: { version: options.version, host: options.host }, images, pageCapture: options.pageCapture ?? chromiumPageCapture, dossiers: dossierDeps });
  const gate = sync.gate;
  const dispatch = createDispatch(handlers, session, (message, error) => console.error(`[iblagh core] ${message}:`, error), passGate(gate, readSnapshot(() => session.unlocked().db)));
  return {
    dispatch,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    unlockedStore: () => session.unlocked(),
    async exportDossier(request) {
      const { result, effect } = await exportDossier(session.unlocked(), request, dossierDeps, new Date(now()));
      if (effect) dossierDeps.statusesSet(effect);
      return result;
    },
    syncIdle: () => sync.whenIdle(),
    lock: (reason) => {
      session.lock(reason);
    },
    close: () => {
      session.close();
      sync.stop();
      recheck.stop();
      images.stop();
      queue.reset();
      void demo.stop();
      listeners.clear();
    },
  };
}
