/**
 * Observables as the analyst works with them: those of a case (found in its
 * reports, or added by hand), of a report, or one observable, each with
 * where else it appears ("seen in 37 reports and 2 cases", cases the analyst
 * may not see left out), the team's verdict and its tags.
 */
import type { z } from 'zod';
import type { ObservableOrder, ObservablePage, ObservablePageQuery, ObservableRow as ObservableView, ObservableType, Verdict } from '../../shared/cases.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { normaliseObservable, ObservableError } from '../observables/index.ts';
import { reportObservableIds } from '../reports/report-rows.ts';
import type { Db } from '../store/database.ts';
import { VISIBLE_CASE, visibilityParams, visibleCase } from './access.ts';
import { caseReportObservableIds } from './case-lists.ts';
import { addEvent, type Actor } from './cases.ts';

interface Row {
  id: number;
  type: ObservableType;
  value: string;
  verdict: Verdict;
  tags: string;
  report_count: number;
}

/** Most observables of one case listed at once by `observables.list` (the most widespread first; `observables.page` pages through them all). */
export const MAX_CASE_OBSERVABLES = 2_000;

/**
 * For each of these observables, how many cases the analyst may see hold it (through a report or by hand).
 * `holder`: a case the analyst sees that holds every one of them (the case they are listed for), counted without
 * reading: only the other cases are looked at.
 *
 * Two ways to find the cases, the cheaper chosen: from the observables' own links (as many lookups as the reports
 * holding them: few for most observables), or from the cases' side, reading the observable lists of the (other)
 * cases' reports (a platform's domain is in hundreds of thousands of reports, the cases hold thousands).
 */
function seenInCases(db: Db, actor: Actor, rows: readonly Pick<Row, 'id' | 'report_count'>[], holder: number | null): Map<number, number> {
  const counts = new Map<number, number>();
  if (rows.length === 0) return counts;
  if (holder !== null) for (const row of rows) counts.set(row.id, 1);
  const params = { ids: JSON.stringify(rows.map((r) => r.id)), holder: holder ?? -1, ...visibilityParams(actor.analyst) };
  const caseReports = db.prepare('SELECT count(*) FROM case_reports WHERE removed_at IS NULL AND case_id <> ?').pluck().get(params.holder) as number;
  let links = 0;
  for (const row of rows) links += row.report_count;
  const byReports =
    links <= caseReports
      ? `SELECT ro.observable_id, cr.case_id FROM json_each(@ids) i
           JOIN report_observables ro ON ro.observable_id = i.value
           JOIN reports r ON r.rowid = ro.report_rowid
           JOIN case_reports cr ON cr.report_id = r.id AND cr.removed_at IS NULL
           JOIN cases c ON c.id = cr.case_id
          WHERE cr.case_id <> @holder AND ${VISIBLE_CASE}`
      : `SELECT j.value, cr.case_id
           FROM case_reports cr
           JOIN cases c ON c.id = cr.case_id
           JOIN reports r ON r.id = cr.report_id, json_each(coalesce(r.observable_ids, '[]')) j
          WHERE cr.removed_at IS NULL AND cr.case_id <> @holder AND ${VISIBLE_CASE} AND j.value IN (SELECT value FROM json_each(@ids))`;
  const pairs = db
    .prepare(
      `${byReports}
       UNION
       SELECT co.observable_id, co.case_id FROM case_observables co JOIN cases c ON c.id = co.case_id
        WHERE co.observable_id IN (SELECT value FROM json_each(@ids)) AND co.case_id <> @holder AND ${VISIBLE_CASE}`,
    )
    .raw()
    .all(params) as [number, number][];
  for (const [observable] of pairs) counts.set(observable, (counts.get(observable) ?? 0) + 1);
  return counts;
}

function toViews(db: Db, actor: Actor, rows: readonly Row[], manual: ReadonlySet<number>, holder: number | null): ObservableView[] {
  const cases = seenInCases(db, actor, rows, holder);
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

function manualOf(db: Db, caseId: number): Set<number> {
  return new Set(db.prepare('SELECT observable_id FROM case_observables WHERE case_id = ?').pluck().all(caseId) as number[]);
}

/** The orders of a case's observables: by how many reports hold them, then by type and value (unique together). */
const ORDER_BY: Record<ObservableOrder, string> = {
  widespread: 'o.report_count DESC, o.type, o.value',
  rare: 'o.report_count ASC, o.type, o.value',
};

/** The ids of a case's observables, as JSON: in its reports' lists, and added by hand. */
function caseObservableIds(db: Db, caseId: number, manual: ReadonlySet<number>): string {
  const ids = caseReportObservableIds(db, caseId);
  for (const id of manual) ids.add(id);
  return JSON.stringify([...ids]);
}

export function caseObservables(actor: Actor, ref: string): ObservableView[] {
  const { db, analyst } = actor;
  const row = visibleCase(db, analyst, ref);
  const manual = manualOf(db, row.id);
  const found = db
    .prepare(`SELECT ${COLUMNS} FROM json_each(?) j JOIN observables o ON o.id = j.value ORDER BY ${ORDER_BY.widespread} LIMIT ?`)
    .all(caseObservableIds(db, row.id, manual), MAX_CASE_OBSERVABLES) as Row[];
  return toViews(db, actor, found, manual, row.id);
}

/**
 * One page of a case's observables. The case's whole list is ordered (ids and types only, for the total and the
 * count of each type), and only the page's rows are read whole and get their "seen in M cases".
 */
export function caseObservablePage(actor: Actor, ref: string, query: Omit<z.output<typeof ObservablePageQuery>, 'caseRef'>): ObservablePage {
  const { db, analyst } = actor;
  const row = visibleCase(db, analyst, ref);
  const manual = manualOf(db, row.id);
  const ordered = db
    .prepare(`SELECT o.id, o.type FROM json_each(?) j JOIN observables o ON o.id = j.value ORDER BY ${ORDER_BY[query.order]}`)
    .raw()
    .all(caseObservableIds(db, row.id, manual)) as [number, ObservableType][];
  const byType: Partial<Record<ObservableType, number>> = {};
  for (const [, type] of ordered) byType[type] = (byType[type] ?? 0) + 1;
  const matching = query.type === undefined ? ordered : ordered.filter(([, type]) => type === query.type);
  const ids = matching.slice(query.offset, query.offset + query.limit).map(([id]) => id);
  const rows = db.prepare(`SELECT ${COLUMNS} FROM json_each(?) j JOIN observables o ON o.id = j.value ORDER BY j.key`).all(JSON.stringify(ids)) as Row[];
  return { total: matching.length, byType, rows: toViews(db, actor, rows, manual, row.id) };
}

export function reportObservables(actor: Actor, reportId: string): ObservableView[] {
  const { db } = actor;
  const ids = reportObservableIds(db, reportId);
  if (ids === null) throw new AppError('NOT_FOUND', `No report ${reportId}.`);
  const rows = db.prepare(`SELECT ${COLUMNS} FROM json_each(?) j JOIN observables o ON o.id = j.value ORDER BY o.type, o.value`).all(JSON.stringify(ids)) as Row[];
  return toViews(db, actor, rows, new Set(), null);
}

export function oneObservable(actor: Actor, id: number): ObservableView {
  const row = actor.db.prepare(`SELECT ${COLUMNS} FROM observables o WHERE o.id = ?`).get(id) as Row | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'No such observable.');
  return toViews(actor.db, actor, [row], new Set(), null)[0]!;
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
