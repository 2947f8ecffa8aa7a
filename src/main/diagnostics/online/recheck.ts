/**
 * "Still online?" (issue #11): when a supervisor set a re-check interval,
 * every URL already diagnosed (for a report or a case) is diagnosed again once
 * its last diagnostic is older than the interval, through the same path and
 * with the same refusals, while the store is unlocked. Each run is a new row
 * of its history (online, changed, removed, failed) and new evidence; the
 * acquirer is the workstation's schedule (no analyst), said in the audit.
 */
import { recordAudit } from '../../audit/audit.ts';
import { AppError } from '../../errors.ts';
import type { Profile } from '../../../shared/schemas.ts';
import { readOnlineSettings } from '../../settings/online-diagnostics.ts';
import type { Db } from '../../store/database.ts';
import type { FetchConfig, FetchDeps } from './fetch.ts';
import { onlineReadiness, runOnlineDiagnostic } from './online.ts';

const TICK_MS = 5 * 60_000;

interface Due {
  url: string;
  report_id: string | null;
  case_id: number | null;
  case_ref: string | null;
}

/** The URLs whose last diagnostic finished before `before` (ISO). */
export function dueUrls(db: Db, before: string): Due[] {
  return db
    .prepare(
      `SELECT d.url, d.report_id, d.case_id, c.ref AS case_ref FROM online_diagnostics d
         LEFT JOIN cases c ON c.id = d.case_id
        WHERE d.id IN (SELECT MAX(id) FROM online_diagnostics GROUP BY url, report_id, case_id) AND d.finished_at < ?
        ORDER BY d.id`,
    )
    .all(before) as Due[];
}

/** Diagnoses again every due URL; returns how many ran. Never throws for one URL. */
export async function recheckDue(db: Db, now: Date, deps: FetchDeps & { timeouts?: FetchConfig['timeouts'] } = {}): Promise<number> {
  const settings = readOnlineSettings(db);
  if (settings.recheckHours === 0 || onlineReadiness(settings).disabledReason !== null) return 0;
  const before = new Date(now.getTime() - settings.recheckHours * 3_600_000).toISOString();
  let ran = 0;
  for (const due of dueUrls(db, before)) {
    const target = { url: due.url, reportId: due.report_id, caseId: due.case_id, caseRef: due.case_ref };
    try {
      const d = await runOnlineDiagnostic(db, null, target, settings, deps);
      recordAudit(db, null, 'diagnostics.online_run', { url: due.url.slice(0, 500), reportId: due.report_id, caseRef: due.case_ref, state: d.state, route: d.route, scheduled: true });
      ran += 1;
    } catch (error) {
      const message = error instanceof AppError ? error.message : String(error);
      recordAudit(db, null, 'diagnostics.online_run', { url: due.url.slice(0, 500), reportId: due.report_id, caseRef: due.case_ref, state: 'refused', refusal: message.slice(0, 500), scheduled: true });
    }
  }
  return ran;
}

/** Runs recheckDue every few minutes while the store is unlocked. */
export class RecheckService {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  private readonly unlocked: () => { db: Db; analyst: Profile };
  private readonly now: () => number;

  constructor(unlocked: () => { db: Db; analyst: Profile }, now: () => number = Date.now) {
    this.unlocked = unlocked;
    this.now = now;
  }

  schedule(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await recheckDue(this.unlocked().db, new Date(this.now()));
    } catch (error) {
      if (!(error instanceof AppError)) console.error('[iblagh core] online re-check failed', error);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
