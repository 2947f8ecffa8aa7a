/**
 * Starting the reference intake service: a store (generated once, or reused
 * from a file), a signing key, a workstation token, a fault controller and an
 * HTTP server bound to loopback. This is the programmatic API for tests and
 * for the app's demo mode.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { utcSeconds, type ChangeKind, type ReportPayload, type ReportStatus } from './contract.ts';
import { createContentItem, type ContentItem } from './content.ts';
import { createFaultController, type FaultController, type FaultPlan } from './faults.ts';
import {
  attachmentIdSource,
  formatReportId,
  generateFeed,
  inventReport,
  pickCategory,
  reviseReport,
  statusPayload,
  type FeedOptions,
} from './generator.ts';
import { createIntakeHandler } from './http.ts';
import { createRng, deriveSeed } from './prng.ts';
import { openIntakeStore, type ChangeRow, type IntakeStore } from './store.ts';

/** Options of `startIntakeServer`. */
export interface IntakeServerOptions {
  /** SQLite file of the store; reused when it already holds a feed generated with the same options. Default ':memory:'. */
  dbFile?: string;
  /** Seed of the generated feed. Default 1. */
  seed?: number;
  /** Number of generated reports. Default 1000. */
  count?: number;
  /** Exact number of attachments over the generated feed. */
  attachments?: number;
  /** Share of reports with 1..3 attachments when `attachments` is not given. Default 0.1. */
  attachmentFraction?: number;
  /** Time of the first generated report (a fixed start). Default 2026-04-01T06:00:00Z, unless `endAt` is given. */
  startAt?: string;
  /** A feed relative to this instant (FeedOptions.endAt): the demo and the command line give "now". Not with `startAt`. */
  endAt?: string;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default '/api/v1'. */
  basePath?: string;
  /** Needed to bind anything but a loopback address. */
  allowNonLoopback?: boolean;
  /** The workstation the returned token is issued to. Default 'ws-local-01'. */
  workstationId?: string;
  /** Use this token instead of a random one (demo mode with a stable token). */
  token?: string;
  /** Writes `intake-public-key.pem` and `workstation-token.txt` there. */
  outDir?: string;
  /** Largest page served whatever `limit` asks (the contract lets a server return fewer). Default 1000. */
  maxPageSize?: number;
  /** Faults armed from the start. */
  faults?: FaultPlan;
  /** Clock of `server_time`. Default Date.now. */
  now?: () => number;
}

/** Options of `appendReport`. */
export interface AppendReportOptions {
  /** Attachments of the new report. Default 0. */
  attachments?: number;
  /** Makes the new report about the same content (platform, handle, URLs) as this report. */
  sameContentAs?: string;
  category?: string;
  imminentDanger?: boolean;
  /** RFC 3339 UTC submission time. Default: a little after the latest change. */
  at?: string;
}

export interface AppendStatusOptions {
  reportId: string;
  status: ReportStatus;
  /** Default 'ws-casa-02': another workstation. */
  workstationId?: string;
  reference?: string;
  at?: string;
  /** The service's time of acceptance (contract 1.1). Default: the feed's clock, moved on, and never before `at`. */
  acceptedAt?: string;
}

/** A running intake service. */
export interface IntakeServer {
  /** Base URL including the base path, e.g. http://127.0.0.1:40123/api/v1 */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** A valid token of `workstationId`. */
  readonly token: string;
  readonly workstationId: string;
  /** SPKI PEM of the signing key. */
  readonly publicKeyPem: string;
  /** Where the PEM was written, with `outDir`. */
  readonly publicKeyPath?: string;
  /** Where the token was written, with `outDir`. */
  readonly tokenPath?: string;
  /** What was generated at start (nothing when a store file was reused). */
  readonly generation: { reused: boolean; changes: number; attachments: number; ms: number };
  readonly faults: FaultController;
  readonly store: IntakeStore;
  headSeq(): number;
  /** A new report (revision 1) at the head of the feed. */
  appendReport(options?: AppendReportOptions): ChangeRow;
  /** The next revision of a report: description and URLs extended. */
  appendRevision(reportId: string, options?: { at?: string }): ChangeRow;
  /** A status change, as if another workstation had pushed it. */
  appendStatus(options: AppendStatusOptions): ChangeRow;
  /** Signs and appends this exact payload text: for tests of odd but validly signed changes. */
  appendRaw(kind: ChangeKind, payload: string): ChangeRow;
  /** Issues another token. */
  issueToken(workstationId: string, token?: string): string;
  /** Revokes one token: requests with it get 403. */
  revoke(token: string): boolean;
  revokeWorkstation(workstationId: string): number;
  /** Stops listening, drops open connections and closes the store. Safe to call twice. */
  close(): Promise<void>;
}

export const PUBLIC_KEY_FILE = 'intake-public-key.pem';
export const TOKEN_FILE = 'workstation-token.txt';
const GENERATOR_VERSION = 1;

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function normaliseBasePath(basePath: string): string {
  if (basePath === '' || basePath === '/') return '';
  if (!/^\/[A-Za-z0-9._~\-/]*[^/]$/.test(basePath)) throw new Error(`base path "${basePath}" must start with "/" and not end with one`);
  return basePath;
}

/** The URL a typed string stands for, when there is one: scheme added, defanging undone. */
function typedToUrl(typed: string): string | null {
  const text = typed.trim().replace(/^hxxp/i, 'http').replaceAll('[.]', '.').replaceAll('(.)', '.');
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') ? url.href : null;
  } catch {
    return null;
  }
}

/** An item rebuilt from a stored report, so that an appended report can be about the same content. */
function itemFromReport(payload: ReportPayload): ContentItem {
  const forms = payload.content.urls.map(typedToUrl).filter((url): url is string => url !== null);
  const item: ContentItem = {
    platform: payload.content.platform,
    forms: forms.length > 0 ? forms : ['https://example.invalid/'],
    category: payload.category,
    remaining: 1,
  };
  if (payload.content.account_handle) item.handle = payload.content.account_handle.replace(/^@/, '');
  return item;
}

function startFeed(store: IntakeStore, feed: FeedOptions): Promise<{ reused: boolean; changes: number; attachments: number; ms: number }> {
  // A relative feed is reused whatever day it is started again: the store keeps the instant it was generated relative to.
  const { endAt, ...fixed } = feed;
  const signature = JSON.stringify({ version: GENERATOR_VERSION, ...fixed, ...(endAt !== undefined ? { relative: true } : {}) });
  const existing = store.getMeta('generator');
  if (existing !== undefined) {
    if (existing !== signature) {
      throw new Error(`The store was generated with ${existing}, not ${signature}: use another file or delete it.`);
    }
    return Promise.resolve({ reused: true, changes: 0, attachments: 0, ms: 0 });
  }
  if (store.changeCount() > 0) throw new Error('The store holds changes but no generator record: use another file.');
  const started = performance.now();
  return store.ingest(generateFeed(feed)).then((result) => {
    store.setMeta('generator', signature);
    if (endAt !== undefined) store.setMeta('relative_to', endAt);
    return { reused: false, ...result, ms: Math.round(performance.now() - started) };
  });
}

/** Timestamp of the newest change, to place appended ones after it. */
function latestTime(store: IntakeStore): number {
  const row = store.change(store.headSeq());
  const stored = Number(store.getMeta('clock') ?? 0);
  if (!row) return stored;
  try {
    const payload = JSON.parse(row.payload) as { updated_at?: string; at?: string };
    return Math.max(stored, Date.parse(payload.updated_at ?? payload.at ?? '') || 0);
  } catch {
    return stored;
  }
}

export async function startIntakeServer(options: IntakeServerOptions = {}): Promise<IntakeServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.allowNonLoopback) {
    throw new Error(`Refusing to bind ${host}: the reference intake service listens on loopback only unless allowNonLoopback is set.`);
  }
  const basePath = normaliseBasePath(options.basePath ?? '/api/v1');
  const seed = options.seed ?? 1;
  const feed: FeedOptions = { seed, count: options.count ?? 1000 };
  if (options.attachments !== undefined) feed.attachments = options.attachments;
  if (options.attachmentFraction !== undefined) feed.attachmentFraction = options.attachmentFraction;
  if (options.startAt !== undefined) feed.startAt = options.startAt;
  if (options.endAt !== undefined) feed.endAt = options.endAt;

  const store = openIntakeStore(options.dbFile ?? ':memory:');
  let server: Server | undefined;
  try {
    const generation = await startFeed(store, feed);
    const workstationId = options.workstationId ?? 'ws-local-01';
    const token = store.issueToken(workstationId, options.token);
    const faults = createFaultController(options.faults);
    const handlerOptions = { basePath, ...(options.maxPageSize !== undefined ? { maxPageSize: options.maxPageSize } : {}), ...(options.now ? { now: options.now } : {}) };
    server = createServer(createIntakeHandler(store, faults, handlerOptions));
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(options.port ?? 0, host, () => resolve());
    });
    const port = (listening.address() as AddressInfo).port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${basePath}`;

    let publicKeyPath: string | undefined;
    let tokenPath: string | undefined;
    if (options.outDir) {
      if (!existsSync(options.outDir)) mkdirSync(options.outDir, { recursive: true });
      publicKeyPath = join(options.outDir, PUBLIC_KEY_FILE);
      tokenPath = join(options.outDir, TOKEN_FILE);
      writeFileSync(publicKeyPath, store.signingKey.publicKeyPem);
      writeFileSync(tokenPath, `${token}\n`, { mode: 0o600 });
      chmodSync(tokenPath, 0o600);
    }

    let appended = Number(store.getMeta('append_count') ?? 0);
    const appendRng = () => {
      appended++;
      store.setMeta('append_count', String(appended));
      return createRng(deriveSeed(seed, 'append', appended));
    };
    const nextTime = (rng: ReturnType<typeof createRng>, at: string | undefined): number => {
      const time = at === undefined ? latestTime(store) + rng.int(5, 600) * 1000 : Date.parse(at);
      if (!Number.isFinite(time)) throw new RangeError(`bad time ${String(at)}`);
      store.setMeta('clock', String(time));
      return time;
    };
    const currentPayload = (reportId: string): ReportPayload => {
      const report = store.report(reportId);
      const row = report && store.change(report.seq);
      if (!row) throw new Error(`unknown report ${reportId}`);
      return JSON.parse(row.payload) as ReportPayload;
    };
    const nextReportId = (year: number): string => {
      const highest = store.db.prepare('SELECT max(id) FROM reports WHERE id LIKE ?').pluck().get(`IBL-${year}-%`) as string | null;
      return formatReportId(year, highest ? Number(highest.slice(9)) + 1 : 1);
    };

    let closing: Promise<void> | undefined;
    const instance: IntakeServer = {
      url,
      host,
      port,
      token,
      workstationId,
      publicKeyPem: store.signingKey.publicKeyPem,
      ...(publicKeyPath ? { publicKeyPath } : {}),
      ...(tokenPath ? { tokenPath } : {}),
      generation,
      faults,
      store,
      headSeq: () => store.headSeq(),
      appendReport(append = {}) {
        const rng = appendRng();
        const at = nextTime(rng, append.at);
        let item: ContentItem;
        if (append.sameContentAs) {
          item = itemFromReport(currentPayload(append.sameContentAs));
        } else {
          item = createContentItem(rng, pickCategory(rng), 1);
        }
        if (append.category !== undefined) item.category = append.category;
        const id = nextReportId(new Date(at).getUTCFullYear());
        const { payload, files } = inventReport(rng, {
          id,
          at,
          item,
          attachments: append.attachments ?? 0,
          seed: deriveSeed(seed, 'append-images', appended),
          nextAttachmentId: attachmentIdSource(store.attachmentIdTaken),
        });
        if (append.category !== undefined) payload.category = append.category;
        if (append.imminentDanger !== undefined) payload.imminent_danger = append.imminentDanger;
        return store.transaction(() => {
          for (const file of files) store.addAttachment(file);
          return store.appendChange('report', JSON.stringify(payload));
        });
      },
      appendRevision(reportId, revision = {}) {
        const previous = currentPayload(reportId);
        const rng = appendRng();
        const at = nextTime(rng, revision.at);
        return store.appendChange('report', JSON.stringify(reviseReport(rng, previous, at, itemFromReport(previous))));
      },
      appendStatus(status) {
        if (!store.report(status.reportId)) throw new Error(`unknown report ${status.reportId}`);
        const rng = appendRng();
        const time = nextTime(rng, undefined);
        const at = status.at ?? utcSeconds(time);
        const acceptedAt = status.acceptedAt ?? utcSeconds(Math.max(time, Date.parse(at)));
        return store.appendChange('status', JSON.stringify(statusPayload(status.reportId, status.status, at, status.workstationId ?? 'ws-casa-02', status.reference, acceptedAt)));
      },
      appendRaw: (kind, payload) => store.appendChange(kind, payload),
      issueToken: (id, fixed) => store.issueToken(id, fixed),
      revoke: (revoked) => store.revokeToken(revoked),
      revokeWorkstation: (id) => store.revokeWorkstation(id),
      close() {
        // Idempotent: tests close early and again in their cleanup.
        closing ??= new Promise<void>((resolve, reject) => {
          listening.close((closeError) => {
            store.close();
            if (closeError) reject(closeError);
            else resolve();
          });
          listening.closeAllConnections();
        });
        return closing;
      },
    };
    return instance;
  } catch (cause) {
    server?.close();
    store.close();
    throw cause;
  }
}
