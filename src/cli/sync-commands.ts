/** `iblagh-ws sync`, `reports list|show` and `quarantine list`. */
import { readFileSync } from 'node:fs';
import type { Core } from '../main/core.ts';
import { summariesByIds } from '../main/reports/report-rows.ts';
import type { QueuePage } from '../shared/triage.ts';
import { readIntakeConfig } from '../main/settings/intake-config.ts';
import { iterateQuarantine } from '../main/sync/review.ts';
import type { SyncStatus } from '../shared/schemas.ts';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

function readFileOption(path: string, what: string, fail: (message: string) => Error): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw fail(`Cannot read the ${what} file: ${(error as Error).message}`);
  }
}

/** What `intake.update` is given from the command line (it tests the connection before saving anything). */
interface IntakeArgs {
  url: string;
  token?: string;
  publicKeyPem?: string;
  workstationId: string;
  syncIntervalMinutes: number;
}

/** The intake settings from the command line, or null when none were given. */
export function intakeSettingsFromArgs(
  values: { intake?: string | undefined; 'token-file'?: string | undefined; 'intake-key'?: string | undefined; 'workstation-id'?: string | undefined },
  current: { workstationId: string; syncIntervalMinutes: number } | null,
  fail: (message: string) => Error,
): IntakeArgs | null {
  const given =
    values.intake !== undefined || values['token-file'] !== undefined || values['intake-key'] !== undefined || values['workstation-id'] !== undefined;
  if (!given) return null;
  if (!values.intake) throw fail('--intake URL is required with the other intake options.');
  const settings: IntakeArgs = {
    url: values.intake,
    workstationId: values['workstation-id'] ?? current?.workstationId ?? 'ws-cli',
    syncIntervalMinutes: current?.syncIntervalMinutes ?? 5,
  };
  if (values['token-file']) settings.token = readFileOption(values['token-file'], 'token', fail).trim();
  if (values['intake-key']) settings.publicKeyPem = readFileOption(values['intake-key'], 'intake key', fail);
  return settings;
}

function describe(status: SyncStatus): string {
  const phase =
    status.phase === 'attachments'
      ? `attachments ${status.attachmentsDone}/${status.attachmentsTotal}`
      : status.phase === 'observables'
        ? `observables ${status.observablesDone}/${status.observablesTotal}`
        : status.phase;
  const rate = status.ratePerSecond > 0 ? `, ${Math.round(status.ratePerSecond)} changes/s` : '';
  return `sync: ${phase}, seq ${status.cursor}/${status.headSeq}, ${status.applied} applied${rate}${status.retrying ? ` (retrying: ${status.retrying})` : ''}`;
}

/** Runs one sync to the end; resolves with the final status. */
export async function syncUntilCaughtUp(core: Core, io: CliIo): Promise<SyncStatus> {
  let lastLine = 0;
  const stop = core.onEvent((event, payload) => {
    if (event !== 'sync.progress') return;
    const status = payload as SyncStatus;
    const now = Date.now();
    if (status.running && now - lastLine < 1000) return;
    lastLine = now;
    io.err(describe(status));
  });
  try {
    const started = await core.dispatch('sync.start', undefined);
    if (!started.ok) throw new Error(`${started.error.message} (${started.error.code})`);
    await core.syncIdle();
    const final = await core.dispatch('sync.status', undefined);
    if (!final.ok) throw new Error(`${final.error.message} (${final.error.code})`);
    return final.value as SyncStatus;
  } finally {
    stop();
  }
}

/** A filter or sort the queue refuses (unknown status, overlong search...). */
export class InvalidQuery extends Error {}

/**
 * One JSON line per report, in the queue's order and with its filters and
 * search: what `reports list` prints. Pages of 500 are read from the queue's
 * cached selection, so a million lines cost one selection.
 */
export async function printReports(
  core: Core,
  io: CliIo,
  options: { limit: number | null; filters: Record<string, unknown>; sort: { key: string; dir: string } },
): Promise<void> {
  const filters = Object.fromEntries(Object.entries(options.filters).filter(([, v]) => v !== undefined));
  const { db } = core.unlockedStore();
  let printed = 0;
  for (let offset = 0; options.limit === null || printed < options.limit; offset += 500) {
    const limit = options.limit === null ? 500 : Math.min(500, options.limit - printed);
    const page = await core.dispatch('queue.query', { filters, sort: options.sort, offset, limit, facets: false });
    if (!page.ok) throw page.error.code === 'INVALID_INPUT' ? new InvalidQuery(page.error.message) : new Error(`${page.error.message} (${page.error.code})`);
    const rows = (page.value as QueuePage).rows;
    const summaries = summariesByIds(db, rows.map((r) => r.id));
    for (const row of rows) {
      const r = summaries.get(row.id);
      if (!r) continue;
      io.out(
        JSON.stringify({
          id: r.id,
          revision: r.revision,
          revisions: r.revisions,
          category: r.category,
          platform: r.platform,
          submitted_at: r.submittedAt,
          reporter_mode: r.reporterMode,
          country: r.country,
          region: r.region,
          imminent_danger: r.imminentDanger,
          attachments: r.attachments,
          attachments_verified: r.attachmentsVerified,
          status: r.status,
          status_workstation: r.statusWorkstation,
          priority: row.priority,
          cluster_id: row.clusterId,
          cluster_size: row.clusterSize,
          demo: r.demo,
        }),
      );
      printed += 1;
    }
    if (rows.length < limit || limit === 0) break;
  }
}

/** Why `reports show` printed nothing: no such report, a refused reveal reason, or another refusal. */
export class ReportRefused extends Error {
  /** A usage error (exit 2) rather than a refusal (exit 1). */
  readonly usage: boolean;
  constructor(message: string, usage: boolean) {
    super(message);
    this.usage = usage;
  }
}

/**
 * `reports show`: the report exactly as the app's report view shows it (the
 * core's `reports.get`: the reporter's identity is not part of it). With a
 * reason, the identity is added under `reporter_identity` through the app's
 * own audited reveal (`reports.revealReporter`: same reason rules, journaled
 * as report.reporter_revealed with the reason).
 */
export async function printReport(core: Core, io: CliIo, id: string, reveal: { reason: string } | null): Promise<void> {
  const view = await core.dispatch('reports.get', { reportId: id });
  if (!view.ok) {
    if (view.error.code === 'NOT_FOUND' || view.error.code === 'INVALID_INPUT') throw new ReportRefused(`No report ${id}.`, false);
    throw new ReportRefused(`${view.error.message} (${view.error.code})`, false);
  }
  if (reveal === null) {
    io.out(JSON.stringify(view.value));
    return;
  }
  const identity = await core.dispatch('reports.revealReporter', { reportId: id, reason: reveal.reason });
  if (!identity.ok) {
    if (identity.error.code === 'INVALID_INPUT') throw new ReportRefused('--reason must say why the identity is needed, in 5 to 500 characters.', true);
    throw new ReportRefused(`${identity.error.message} (${identity.error.code})`, false);
  }
  io.out(JSON.stringify({ ...(view.value as object), reporter_identity: identity.value }));
}

export function printQuarantine(core: Core, io: CliIo): void {
  for (const item of iterateQuarantine(core.unlockedStore().db)) {
    io.out(
      JSON.stringify({
        id: item.id,
        seq: item.seq,
        kind: item.kind,
        reason_code: item.reasonCode,
        reason: item.reason,
        received_at: item.receivedAt,
        attachment_id: item.attachmentId,
        report_id: item.reportId,
        bytes: item.bytes,
      }),
    );
  }
}

export function currentIntake(core: Core): { workstationId: string; syncIntervalMinutes: number } | null {
  return readIntakeConfig(core.unlockedStore().db);
}
