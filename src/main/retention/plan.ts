/**
 * What the retention rules remove at a given time (law 09-08). Read-only: the
 * preview shows it, `apply.ts` removes exactly it in the same transaction.
 *
 * "Closed" is a final status of the intake's list (shared/statuses.ts): every
 * status that is not open work, i.e. `referred`, `closed_no_action` and
 * `duplicate`. A referred report is done on the workstation's side (the
 * prosecutor has it, with its dossier); it is counted from the time of the
 * status change that made it final (`reports.status_at`, the signed `at` of
 * the current status). A case is final when `referred` or `closed`, since its
 * last status change on its timeline.
 *
 * Rules, each off when unset:
 * - identity (N months): identified reporters of reports closed more than N
 *   months ago are erased, unless a case still being worked (not referred nor
 *   closed) holds the report.
 * - reports (M months, M > N): reports closed more than M months ago are
 *   deleted, unless a case that stays holds them: a report in a case goes only
 *   with that case, so a case still open always keeps its reports.
 * - cases (K months): a case final for more than K months goes when every
 *   report it holds goes under the report rule (and every other case holding
 *   those reports goes too). Its evidence goes with it; a report's evidence
 *   goes with the report (except what a case that stays acquired).
 */
import { CASE_STATUSES, OPEN_CASE_STATUSES } from '../../shared/cases.ts';
import { OPEN_REPORT_STATUSES, REPORT_STATUSES } from '../../shared/statuses.ts';
import type { RetentionCount, RetentionSettings } from '../../shared/retention.ts';
import type { Db } from '../store/database.ts';

const FINAL_REPORT_STATUSES = REPORT_STATUSES.filter((s) => !OPEN_REPORT_STATUSES.includes(s));
const FINAL_CASE_STATUSES = CASE_STATUSES.filter((s) => !OPEN_CASE_STATUSES.includes(s));

export interface Selected<T> {
  ids: T[];
  span: RetentionCount;
}

export interface RetentionPlan {
  at: Date;
  settings: RetentionSettings;
  identities: Selected<string>;
  reports: Selected<string>;
  cases: Selected<number>;
  evidence: Selected<string>;
  heldByCases: number;
}

/** `at` minus whole calendar months (UTC), the day clamped to the shorter month's last. */
export function monthsBefore(at: Date, months: number): Date {
  const total = at.getUTCFullYear() * 12 + at.getUTCMonth() - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(at.getUTCDate(), lastDay), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()));
}

function span<T>(rows: readonly { id: T; at: string | null }[]): Selected<T> {
  let oldest: string | null = null;
  let newest: string | null = null;
  for (const row of rows) {
    if (row.at === null) continue;
    const time = Date.parse(row.at);
    if (Number.isNaN(time)) continue;
    const iso = new Date(time).toISOString();
    if (oldest === null || iso < oldest) oldest = iso;
    if (newest === null || iso > newest) newest = iso;
  }
  return { ids: rows.map((r) => r.id), span: { count: rows.length, oldest, newest } };
}

const none = <T>(): Selected<T> => ({ ids: [], span: { count: 0, oldest: null, newest: null } });

export function planRetention(db: Db, settings: RetentionSettings, at: Date): RetentionPlan {
  const finals = JSON.stringify(FINAL_REPORT_STATUSES);
  const finalCases = JSON.stringify(FINAL_CASE_STATUSES);
  const closedBefore = (months: number) =>
    db
      .prepare(
        `SELECT id, status_at AS at FROM reports
          WHERE status IN (SELECT value FROM json_each(?)) AND status_at IS NOT NULL AND julianday(status_at) < julianday(?)
          ORDER BY id`,
      )
      .all(finals, monthsBefore(at, months).toISOString()) as { id: string; at: string }[];

  // Reports past the report rule, and the cases that hold them.
  const past = settings.purgeMonths === null ? [] : closedBefore(settings.purgeMonths);
  const pastIds = new Set(past.map((r) => r.id));
  const holders = new Map<string, number[]>();
  for (const row of db
    .prepare('SELECT report_id, case_id FROM case_reports WHERE removed_at IS NULL AND report_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify([...pastIds])) as { report_id: string; case_id: number }[]) {
    const list = holders.get(row.report_id);
    if (list) list.push(row.case_id);
    else holders.set(row.report_id, [row.case_id]);
  }

  // Cases past the case rule whose reports are all past the report rule.
  let caseRows: { id: number; at: string | null }[] = [];
  const caseReports = new Map<number, string[]>();
  if (settings.caseMonths !== null && settings.purgeMonths !== null) {
    const before = monthsBefore(at, settings.caseMonths).toISOString();
    caseRows = (
      db
        .prepare(
          `SELECT c.id, (SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'status_changed') AS at
             FROM cases c WHERE c.status IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
        )
        .all(finalCases) as { id: number; at: string | null }[]
    ).filter((c) => c.at !== null && Date.parse(c.at) < Date.parse(before));
    for (const row of db
      .prepare('SELECT case_id, report_id FROM case_reports WHERE removed_at IS NULL AND case_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(caseRows.map((c) => c.id))) as { case_id: number; report_id: string }[]) {
      const list = caseReports.get(row.case_id);
      if (list) list.push(row.report_id);
      else caseReports.set(row.case_id, [row.report_id]);
    }
  }
  let cases = new Set(caseRows.filter((c) => (caseReports.get(c.id) ?? []).every((r) => pastIds.has(r))).map((c) => c.id));
  let reports: Set<string>;
  // A report goes only when every case holding it goes; a case only when every report it holds goes.
  for (;;) {
    reports = new Set([...pastIds].filter((id) => (holders.get(id) ?? []).every((c) => cases.has(c))));
    const kept = new Set([...cases].filter((c) => (caseReports.get(c) ?? []).every((r) => reports.has(r))));
    if (kept.size === cases.size) break;
    cases = kept;
  }

  const identities =
    settings.identityMonths === null
      ? []
      : (
          db
            .prepare(
              `SELECT r.id, r.status_at AS at FROM reports r
                WHERE r.status IN (SELECT value FROM json_each(@finals)) AND r.status_at IS NOT NULL AND julianday(r.status_at) < julianday(@before)
                  AND EXISTS (SELECT 1 FROM report_revisions v WHERE v.report_id = r.id AND v.erased_at IS NULL
                                AND json_extract(v.payload, '$.reporter.mode') IS NOT 'anonymous')
                  AND NOT EXISTS (SELECT 1 FROM case_reports cr JOIN cases c ON c.id = cr.case_id
                                   WHERE cr.report_id = r.id AND cr.removed_at IS NULL AND c.status NOT IN (SELECT value FROM json_each(@finalCases)))
                ORDER BY r.id`,
            )
            .all({ finals, finalCases, before: monthsBefore(at, settings.identityMonths).toISOString() }) as { id: string; at: string }[]
        ).filter((r) => !reports.has(r.id));

  const caseIds = [...cases];
  const reportIds = [...reports];
  const evidence = db
    .prepare(
      `SELECT id, acquired_at AS at FROM evidence_items
        WHERE case_id IN (SELECT value FROM json_each(@cases))
           OR (report_id IN (SELECT value FROM json_each(@reports)) AND (case_id IS NULL OR kind IN ('intake_original', 'attachment')))
        ORDER BY id`,
    )
    .all({ cases: JSON.stringify(caseIds), reports: JSON.stringify(reportIds) }) as { id: string; at: string }[];

  return {
    at,
    settings,
    identities: identities.length > 0 ? span(identities) : none(),
    reports: span(past.filter((r) => reports.has(r.id))),
    cases: span(caseRows.filter((c) => cases.has(c.id))),
    evidence: span(evidence),
    heldByCases: pastIds.size - reports.size,
  };
}
