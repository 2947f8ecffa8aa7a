/**
 * What the cases screen and the command line read: a page of the cases the
 * analyst may see, filtered, searched and sorted, with the live count of every
 * filter value (what ticking it would give, the other filters unchanged), and
 * one case whole.
 *
 * Cases number in the thousands at most: they are read and counted in memory
 * per query; the heavy part, their reports, is read in one pass (a case's
 * view reads its own once, for its aggregate and its report order both).
 */
import { CASE_FACETS, OPEN_CASE_STATUSES, type CaseFilters, type CasePage, type CaseQuery, type CaseRow as CaseListRow, type CaseView, type ConfirmedJurisdiction, type CaseTimelineEntry } from '../../shared/cases.ts';
import type { z } from 'zod';
import { isOpenReportStatus } from '../../shared/statuses.ts';
import type { Deadlines } from '../../shared/triage.ts';
import { isHeldElsewhere } from '../reports/status.ts';
import { readIntakeConfig } from '../settings/intake-config.ts';
import { foldForSearch } from '../text/search-text.ts';
import type { Db } from '../store/database.ts';
import { deadlineMinutes, readTriageSettings } from '../triage/priority.ts';
import { rememberCaseReports, storeVersion } from './case-lists.ts';
import { canManageAccess, VISIBLE_CASE, visibilityParams, visibleCase, type CaseRow } from './access.ts';
import type { Actor } from './cases.ts';
import { qualificationTable, toContractTable } from './legal.ts';
import { casesWithNotesMatching, summaryNote } from './notes.ts';

interface Aggregate {
  reports: number;
  regions: Map<string, number>;
  overdue: boolean;
  imminentDanger: boolean;
}

function emptyAggregate(): Aggregate {
  return { reports: 0, regions: new Map(), overdue: false, imminentDanger: false };
}

/** Counts one report of a case into its aggregate. */
function addToAggregate(a: Aggregate, deadlines: Deadlines, nowMs: number, region: string | null, category: string, imminent: number, submittedAt: string, status: string): void {
  a.reports += 1;
  if (region) a.regions.set(region, (a.regions.get(region) ?? 0) + 1);
  if (isOpenReportStatus(status)) {
    if (imminent === 1) a.imminentDanger = true;
    if (!a.overdue && Date.parse(submittedAt) + deadlineMinutes(deadlines, category, imminent === 1) * 60_000 < nowMs) a.overdue = true;
  }
}

/** Per case: its report count, regions, whether an open report of it is overdue or in imminent danger. */
function aggregates(db: Db, nowMs: number): Map<number, Aggregate> {
  const { deadlines } = readTriageSettings(db);
  const rows = db
    .prepare('SELECT cr.case_id, r.region, r.category, r.imminent_danger, r.submitted_at, r.status FROM case_reports cr JOIN reports r ON r.id = cr.report_id WHERE cr.removed_at IS NULL')
    .raw()
    .all() as [number, string | null, string, number, string, string][];
  const out = new Map<number, Aggregate>();
  for (const [caseId, region, category, imminent, submittedAt, status] of rows) {
    let a = out.get(caseId);
    if (!a) out.set(caseId, (a = emptyAggregate()));
    addToAggregate(a, deadlines, nowMs, region, category, imminent, submittedAt, status);
  }
  return out;
}

function mainRegion(regions: Map<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [region, count] of [...regions].sort(([a], [b]) => a.localeCompare(b))) {
    if (count > bestCount) {
      best = region;
      bestCount = count;
    }
  }
  return best;
}

function toListRow(row: CaseRow & { assignee: string | null }, a: Aggregate | undefined): CaseListRow {
  return {
    ref: row.ref,
    title: row.title,
    status: row.status as CaseListRow['status'],
    assignee: row.assignee,
    assigneeId: row.assignee_id,
    reports: a?.reports ?? 0,
    qualifications: JSON.parse(row.qualifications) as string[],
    region: a ? mainRegion(a.regions) : null,
    restricted: row.restricted === 1,
    overdue: (a?.overdue ?? false) && OPEN_CASE_STATUSES.includes(row.status as CaseListRow['status']),
    imminentDanger: (a?.imminentDanger ?? false) && OPEN_CASE_STATUSES.includes(row.status as CaseListRow['status']),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type Dimension = (typeof CASE_FACETS)[number];

/** The values of a case along a filter dimension (several for qualifications). */
function valuesOf(row: CaseListRow, dimension: Dimension): string[] {
  switch (dimension) {
    case 'status':
      return [row.status];
    case 'assignee':
      return [row.assigneeId ?? 'none'];
    case 'qualification':
      return row.qualifications;
    case 'region':
      return [row.region ?? 'none'];
    case 'overdue':
      return [row.overdue ? 'true' : 'false'];
  }
}

function passes(row: CaseListRow, filters: CaseFilters, skip: Dimension | null): boolean {
  for (const dimension of CASE_FACETS) {
    if (dimension === skip) continue;
    if (dimension === 'overdue') {
      if (filters.overdue !== undefined && row.overdue !== filters.overdue) return false;
      continue;
    }
    const wanted = filters[dimension];
    if (!wanted || wanted.length === 0) continue;
    if (!valuesOf(row, dimension).some((v) => (wanted as readonly string[]).includes(v))) return false;
  }
  return true;
}

const SORTS: Record<string, (a: CaseListRow, b: CaseListRow) => number> = {
  updatedAt: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
  createdAt: (a, b) => a.createdAt.localeCompare(b.createdAt),
  ref: (a, b) => a.ref.localeCompare(b.ref),
  title: (a, b) => a.title.localeCompare(b.title),
  status: (a, b) => a.status.localeCompare(b.status),
  reports: (a, b) => a.reports - b.reports,
  assignee: (a, b) => (a.assignee ?? '').localeCompare(b.assignee ?? ''),
};

const CASE_SELECT = `SELECT c.*, a.name AS assignee FROM cases c LEFT JOIN analysts a ON a.id = c.assignee_id`;

export function listCases(actor: Actor, query: z.output<typeof CaseQuery>, nowMs: number): CasePage {
  const { db, analyst } = actor;
  const filters = query.filters;
  const rows = db.prepare(`${CASE_SELECT} WHERE ${VISIBLE_CASE}`).all(visibilityParams(analyst)) as (CaseRow & { assignee: string | null })[];
  const agg = aggregates(db, nowMs);
  let all = rows.map((row) => toListRow(row, agg.get(row.id)));
  const search = filters.search?.trim();
  if (search) {
    const folded = foldForSearch(search);
    const byNotes = casesWithNotesMatching(actor, search);
    const ids = new Map(rows.map((row) => [row.ref, row.id]));
    all = all.filter((row) => foldForSearch(`${row.ref} ${row.title}`).includes(folded) || byNotes.has(ids.get(row.ref)!));
  }
  const matching = all.filter((row) => passes(row, filters, null));
  const names = new Map(rows.map((row) => [row.assignee_id ?? 'none', row.assignee]));
  const facets: CasePage['facets'] = {};
  for (const dimension of CASE_FACETS) {
    const counts = new Map<string, number>();
    for (const row of all) {
      if (!passes(row, filters, dimension)) continue;
      for (const value of new Set(valuesOf(row, dimension))) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    facets[dimension] = [...counts]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([value, count]) => ({ value, count, label: dimension === 'assignee' ? (names.get(value) ?? null) : null }));
  }
  const sort = query.sort;
  const compare = SORTS[sort.key] ?? SORTS['updatedAt']!;
  matching.sort((a, b) => (sort.dir === 'asc' ? 1 : -1) * (compare(a, b) || a.ref.localeCompare(b.ref)));
  return { total: matching.length, rows: matching.slice(query.offset, query.offset + query.limit), facets };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One case's reports, read once (5,000 of them are 10,000 b-tree lookups): its aggregate, their rowids and observable
 * lists (for its report table and observables, next), those another workstation has in analysis, and their ids most
 * urgent first: open ones (received, in analysis) in imminent danger, then by submission (oldest first), then by id,
 * compared as SQLite's binary collation does.
 */
function caseReports(db: Db, caseId: number, nowMs: number): { aggregate: Aggregate; reportIds: string[]; heldElsewhere: { reportId: string; workstationId: string }[] } {
  const { deadlines } = readTriageSettings(db);
  const version = storeVersion(db);
  const rows = db
    .prepare(
      `SELECT r.id, r.region, r.category, r.imminent_danger, r.submitted_at, r.status, r.observable_ids, r.rowid, r.status_workstation
         FROM case_reports cr JOIN reports r ON r.id = cr.report_id
        WHERE cr.case_id = ? AND cr.removed_at IS NULL`,
    )
    .raw()
    .all(caseId) as [string, string | null, string, number, string, string, string | null, number, string | null][];
  const aggregate = emptyAggregate();
  const order: { id: string; urgent: boolean; submittedAt: string }[] = [];
  // Reports another workstation has in analysis (none without an intake service: no workstation id of this one).
  const here = readIntakeConfig(db)?.workstationId;
  const heldElsewhere: { reportId: string; workstationId: string }[] = [];
  for (const [id, region, category, imminent, submittedAt, status, , , statusWorkstation] of rows) {
    addToAggregate(aggregate, deadlines, nowMs, region, category, imminent, submittedAt, status);
    order.push({ id, urgent: imminent === 1 && isOpenReportStatus(status), submittedAt });
    if (here !== undefined && isHeldElsewhere(status, statusWorkstation, here)) heldElsewhere.push({ reportId: id, workstationId: statusWorkstation! });
  }
  heldElsewhere.sort((a, b) => compareText(a.reportId, b.reportId));
  order.sort((a, b) => Number(b.urgent) - Number(a.urgent) || compareText(a.submittedAt, b.submittedAt) || compareText(a.id, b.id));
  // Its report table and observables come next: the rowids and lists read in this pass serve them while nothing changes.
  rememberCaseReports(db, caseId, version, rows.map((row) => row[7]), rows.map((row) => row[6]));
  return { aggregate, reportIds: order.map((r) => r.id), heldElsewhere };
}

function timeline(db: Db, caseId: number): CaseTimelineEntry[] {
  return (
    db.prepare('SELECT e.at, a.name AS analyst, e.kind, e.detail FROM case_events e LEFT JOIN analysts a ON a.id = e.analyst_id WHERE e.case_id = ? ORDER BY e.id').all(caseId) as {
      at: string;
      analyst: string | null;
      kind: CaseTimelineEntry['kind'];
      detail: string;
    }[]
  ).map((e) => ({ at: e.at, analyst: e.analyst, kind: e.kind, detail: JSON.parse(e.detail) as CaseTimelineEntry['detail'] }));
}

export function caseView(actor: Actor, ref: string, nowMs: number): CaseView {
  const { db, analyst } = actor;
  const base = visibleCase(db, analyst, ref);
  const row = db.prepare(`${CASE_SELECT} WHERE c.id = ?`).get(base.id) as CaseRow & { assignee: string | null };
  const reports = caseReports(db, row.id, nowMs);
  const listRow = toListRow(row, reports.aggregate);
  const table = toContractTable(qualificationTable(db), false);
  const codes = new Set(listRow.qualifications);
  return {
    ...listRow,
    closingReason: row.closing_reason,
    members: db.prepare('SELECT a.id, a.name FROM case_members m JOIN analysts a ON a.id = m.analyst_id WHERE m.case_id = ? ORDER BY a.name').all(row.id) as { id: string; name: string }[],
    reportIds: reports.reportIds,
    removedReports: (
      db
        .prepare('SELECT cr.report_id, cr.removed_reason, cr.removed_at, a.name FROM case_reports cr LEFT JOIN analysts a ON a.id = cr.removed_by WHERE cr.case_id = ? AND cr.removed_at IS NOT NULL ORDER BY cr.removed_at')
        .all(row.id) as { report_id: string; removed_reason: string; removed_at: string; name: string | null }[]
    ).map((r) => ({ reportId: r.report_id, reason: r.removed_reason, at: r.removed_at, by: r.name })),
    qualificationEntries: table.entries.filter((entry) => codes.has(entry.code)),
    qualificationNote: { fr: table.noteFr, ar: table.noteAr },
    summary: summaryNote(actor, row.id),
    jurisdiction: row.jurisdiction === null ? null : (JSON.parse(row.jurisdiction) as ConfirmedJurisdiction),
    timeline: timeline(db, row.id),
    canManageAccess: canManageAccess(analyst, row),
    // Read-only, like the other report tables cases/ joins (hash_list_matches is written by diagnostics/images).
    hashMatchReports: db
      .prepare('SELECT count(DISTINCT cr.report_id) FROM case_reports cr JOIN hash_list_matches m ON m.report_id = cr.report_id WHERE cr.case_id = ? AND cr.removed_at IS NULL')
      .pluck()
      .get(row.id) as number,
    heldElsewhere: reports.heldElsewhere,
  };
}

