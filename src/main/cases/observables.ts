/**
 * Observables as the analyst works with them: those of a case (found in its
 * reports, or added by hand), of a report, or one observable, each with
 * where else it appears ("seen in 37 reports and 2 cases", cases the analyst
 * may not see left out), the team's verdict and its tags.
 */
import type { ObservableRow as ObservableView, ObservableType, Verdict } from '../../shared/cases.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { normaliseObservable, ObservableError } from '../observables/index.ts';
import { reportObservableIds } from '../reports/report-rows.ts';
import type { Db } from '../store/database.ts';
import { VISIBLE_CASE, visibilityParams, visibleCase } from './access.ts';
import { addEvent, type Actor } from './cases.ts';

interface Row {
  id: number;
  type: ObservableType;
  value: string;
  verdict: Verdict;
  tags: string;
  report_count: number;
}

/** Most observables of one case shown at once (the most widespread first). */
export const MAX_CASE_OBSERVABLES = 2_000;

/** For each of these observables, how many cases the analyst may see hold it (through a report or by hand). */
function seenInCases(db: Db, actor: Actor, ids: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  if (ids.length === 0) return counts;
  const json = JSON.stringify(ids);
  if (ids.length === 1) {
    // One observable held by few reports (most of them): from its reports, through the links' primary key.
    const held = db.prepare('SELECT report_count FROM observables WHERE id = ?').pluck().get(ids[0]) as number | undefined;
    const caseReports = db.prepare('SELECT count(*) FROM case_reports WHERE removed_at IS NULL').pluck().get() as number;
    if (held !== undefined && held <= caseReports) {
      const count = db
        .prepare(
          `SELECT count(*) FROM cases c WHERE ${VISIBLE_CASE} AND c.id IN (
             SELECT cr.case_id FROM report_observables ro JOIN reports r ON r.rowid = ro.report_rowid
               JOIN case_reports cr ON cr.report_id = r.id AND cr.removed_at IS NULL
              WHERE ro.observable_id = @id
             UNION SELECT case_id FROM case_observables WHERE observable_id = @id)`,
        )
        .pluck()
        .get({ id: ids[0], ...visibilityParams(actor.analyst) }) as number;
      counts.set(ids[0]!, count);
      return counts;
    }
  }
  // From the cases' side: the cases hold far fewer reports than a widespread observable (a platform's domain is in
  // hundreds of thousands), so their reports' own observable lists are read, kept to the ids asked about.
  const pairs = db
    .prepare(
      `SELECT DISTINCT j.value AS observable, cr.case_id AS c
         FROM case_reports cr
         JOIN cases c ON c.id = cr.case_id
         JOIN reports r ON r.id = cr.report_id, json_each(coalesce(r.observable_ids, '[]')) j
        WHERE cr.removed_at IS NULL AND ${VISIBLE_CASE} AND j.value IN (SELECT value FROM json_each(@ids))
       UNION
       SELECT co.observable_id, co.case_id FROM case_observables co JOIN cases c ON c.id = co.case_id
        WHERE co.observable_id IN (SELECT value FROM json_each(@ids)) AND ${VISIBLE_CASE}`,
    )
    .raw()
    .all({ ids: json, ...visibilityParams(actor.analyst) }) as [number, number][];
  for (const [observable] of pairs) counts.set(observable, (counts.get(observable) ?? 0) + 1);
  return counts;
}

function toViews(db: Db, actor: Actor, rows: readonly Row[], manual: ReadonlySet<number>): ObservableView[] {
  const cases = seenInCases(db, actor, rows.map((r) => r.id));
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    value: row.value,
    seenInReports: row.report_count,
    seenInCases: cases.get(row.id) ?? 0,
    verdict: row.verdict,
    tags: JSON.parse(row.tags) as string[],
    manual: manual.has(row.id),
  }));
}

const COLUMNS = 'o.id, o.type, o.value, o.verdict, o.tags, o.report_count';

export function caseObservables(actor: Actor, ref: string): ObservableView[] {
  const { db, analyst } = actor;
  const row = visibleCase(db, analyst, ref);
  const found = db
    .prepare(
      `SELECT ${COLUMNS} FROM observables o WHERE o.id IN (
         SELECT j.value FROM case_reports cr JOIN reports r ON r.id = cr.report_id, json_each(coalesce(r.observable_ids, '[]')) j
          WHERE cr.case_id = @case AND cr.removed_at IS NULL
         UNION SELECT observable_id FROM case_observables WHERE case_id = @case)
       ORDER BY o.report_count DESC, o.type, o.value LIMIT @limit`,
    )
    .all({ case: row.id, limit: MAX_CASE_OBSERVABLES }) as Row[];
  const manual = new Set(db.prepare('SELECT observable_id FROM case_observables WHERE case_id = ?').pluck().all(row.id) as number[]);
  return toViews(db, actor, found, manual);
}

export function reportObservables(actor: Actor, reportId: string): ObservableView[] {
  const { db } = actor;
  const ids = reportObservableIds(db, reportId);
  if (ids === null) throw new AppError('NOT_FOUND', `No report ${reportId}.`);
  const rows = db.prepare(`SELECT ${COLUMNS} FROM json_each(?) j JOIN observables o ON o.id = j.value ORDER BY o.type, o.value`).all(JSON.stringify(ids)) as Row[];
  return toViews(db, actor, rows, new Set());
}

export function oneObservable(actor: Actor, id: number): ObservableView {
  const row = actor.db.prepare(`SELECT ${COLUMNS} FROM observables o WHERE o.id = ?`).get(id) as Row | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'No such observable.');
  return toViews(actor.db, actor, [row], new Set())[0]!;
}

/** An observable the analyst adds to a case by hand, normalised like those extracted (E.164 phones, checked wallets...). */
export function addObservable(actor: Actor, ref: string, type: ObservableType, raw: string, now = new Date()): ObservableView {
  const { db, analyst } = actor;
  let value: string;
  try {
    value = normaliseObservable(type, raw);
  } catch (error) {
    if (error instanceof ObservableError) throw new AppError('INVALID_INPUT', `${error.code}: ${error.message}`);
    throw error;
  }
  return db.transaction(() => {
    const row = visibleCase(db, analyst, ref);
    db.prepare('INSERT OR IGNORE INTO observables (type, value) VALUES (?, ?)').run(type, value);
    const id = db.prepare('SELECT id FROM observables WHERE type = ? AND value = ?').pluck().get(type, value) as number;
    const added = db.prepare('INSERT OR IGNORE INTO case_observables (case_id, observable_id, added_at, added_by) VALUES (?, ?, ?, ?)').run(row.id, id, now.toISOString(), analyst.id).changes;
    if (added > 0) {
      addEvent(db, row.id, analyst.id, 'observable_added', { type, value }, now);
      recordAudit(db, analyst.id, 'observable.added', { ref, type });
    }
    const view = oneObservable(actor, id);
    return { ...view, manual: true };
  })();
}

export function tagObservable(actor: Actor, id: number, verdict: Verdict | undefined, tags: readonly string[] | undefined): ObservableView {
  const { db, analyst } = actor;
  return db.transaction(() => {
    const exists = db.prepare('SELECT 1 FROM observables WHERE id = ?').get(id);
    if (exists === undefined) throw new AppError('NOT_FOUND', 'No such observable.');
    if (verdict !== undefined) db.prepare('UPDATE observables SET verdict = ? WHERE id = ?').run(verdict, id);
    if (tags !== undefined) db.prepare('UPDATE observables SET tags = ? WHERE id = ?').run(JSON.stringify([...new Set(tags.map((t) => t.trim()).filter(Boolean))].sort()), id);
    recordAudit(db, analyst.id, 'observable.tagged', { observable: id, verdict: verdict ?? null });
    return oneObservable(actor, id);
  })();
}
