/**
 * Cases: the unit that is analysed, followed and referred. A case groups
 * reports (a report may be in several), carries a title, an assignee, a
 * status, legal qualifications (the team's proposal) and the competent
 * jurisdiction once confirmed. Nothing is ever lost: removals keep their
 * reason, and every change is appended to the case's timeline with who and
 * when (and to the audit journal).
 */
import { CASE_TRANSITIONS, type CaseBrief, type CaseStatus, type CaseTimelineEntry } from '../../shared/cases.ts';
import type { Profile } from '../../shared/schemas.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { clusterReportIds, reportStates } from '../reports/report-rows.ts';
import { CONFIRM_REFERRAL, refuseHeldElsewhere, setReportStatuses } from '../reports/status.ts';
import { readIntakeConfig } from '../settings/intake-config.ts';
import type { Db } from '../store/database.ts';
import { VISIBLE_CASE, visibilityParams, visibleCase, type CaseRow } from './access.ts';

export interface Actor {
  db: Db;
  analyst: Profile;
}

/** Reports whose status changed here (claimed, referred): the queue shows them at once. */
export interface StatusEffect {
  rowids: number[];
  status: 'in_analysis' | 'referred';
  workstationId: string;
}

export type TimelineKind = CaseTimelineEntry['kind'];
type Detail = CaseTimelineEntry['detail'];

/** The workstation's part of a case reference: its id in capitals and digits (at most 10), `LOCAL` without one. */
export function workstationCode(workstationId: string | null | undefined): string {
  const code = (workstationId ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (code === '') return 'LOCAL';
  return code.length <= 10 ? code : `${code.slice(0, 6)}${code.slice(-4)}`;
}

/** Next reference for this workstation and year, counted in the store (inside the caller's transaction). */
export function nextCaseRef(db: Db, workstationId: string | null | undefined, now: Date): string {
  const code = workstationCode(workstationId);
  const year = Number(now.toISOString().slice(0, 4));
  const current = db.prepare('SELECT next FROM case_counters WHERE workstation = ? AND year = ?').pluck().get(code, year) as number | undefined;
  let next = current ?? 1;
  // A reference restored from elsewhere may already hold the number: skip it.
  const taken = db.prepare('SELECT 1 FROM cases WHERE ref = ?');
  const format = (n: number) => `DOS-${year}-${code}-${String(n).padStart(5, '0')}`;
  while (taken.get(format(next)) !== undefined) next += 1;
  db.prepare('INSERT INTO case_counters (workstation, year, next) VALUES (?, ?, ?) ON CONFLICT (workstation, year) DO UPDATE SET next = excluded.next').run(code, year, next + 1);
  return format(next);
}

/** Appends to the case's timeline and marks the case updated. */
export function addEvent(db: Db, caseId: number, analystId: string | null, kind: TimelineKind, detail: Detail, at = new Date()): void {
  db.prepare('INSERT INTO case_events (case_id, at, analyst_id, kind, detail) VALUES (?, ?, ?, ?, ?)').run(caseId, at.toISOString(), analystId, kind, JSON.stringify(detail));
  db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(at.toISOString(), caseId);
}

function reportRowids(db: Db, reportIds: readonly string[]): Map<string, { rowid: number; status: string }> {
  return reportStates(db, reportIds);
}

function requireReports(db: Db, reportIds: readonly string[]): Map<string, { rowid: number; status: string }> {
  const found = reportRowids(db, reportIds);
  const missing = reportIds.filter((id) => !found.has(id));
  if (missing.length > 0) throw new AppError('NOT_FOUND', `No report ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''}.`);
  return found;
}

/** Claims the reports still `received` (in analysis here, through the outbox); nothing without an intake service to tell. */
function claimReceived(db: Db, analyst: Profile, found: Map<string, { rowid: number; status: string }>, ref: string): StatusEffect | null {
  const config = readIntakeConfig(db);
  if (!config) return null;
  const received = [...found].filter(([, r]) => r.status === 'received').map(([id]) => id);
  if (received.length === 0) return null;
  const rowids = setReportStatuses(db, { reportIds: received, status: 'in_analysis', reference: ref, workstationId: config.workstationId, analystId: analyst.id });
  return { rowids, status: 'in_analysis' as const, workstationId: config.workstationId };
}

/** Adds reports (new or removed earlier) to a case; returns the ids actually added. */
function attachReports(db: Db, analyst: Profile, caseId: number, reportIds: readonly string[], at: Date): string[] {
  const existing = db.prepare('SELECT removed_at FROM case_reports WHERE case_id = ? AND report_id = ?');
  const insert = db.prepare('INSERT INTO case_reports (case_id, report_id, added_at, added_by) VALUES (?, ?, ?, ?)');
  const readd = db.prepare('UPDATE case_reports SET added_at = ?, added_by = ?, removed_at = NULL, removed_by = NULL, removed_reason = NULL WHERE case_id = ? AND report_id = ?');
  const added: string[] = [];
  for (const reportId of new Set(reportIds)) {
    const row = existing.get(caseId, reportId) as { removed_at: string | null } | undefined;
    if (row === undefined) insert.run(caseId, reportId, at.toISOString(), analyst.id);
    else if (row.removed_at !== null) readd.run(at.toISOString(), analyst.id, caseId, reportId);
    else continue;
    added.push(reportId);
  }
  return added;
}

export interface CreateCase {
  title: string;
  reportIds: readonly string[];
  clusterId?: number | undefined;
  qualifications: readonly string[];
}

/** Creates a case, with its reports (those of a cluster included); returns its reference and the claims made. */
export function createCase({ db, analyst }: Actor, input: CreateCase, knownQualifications: ReadonlySet<string>, now = new Date()): { ref: string; effect: StatusEffect | null } {
  const unknown = input.qualifications.filter((code) => !knownQualifications.has(code));
  if (unknown.length > 0) throw new AppError('INVALID_INPUT', `Unknown qualification ${unknown.join(', ')}.`);
  return db.transaction(() => {
    const fromCluster = input.clusterId === undefined ? [] : clusterReportIds(db, input.clusterId);
    if (input.clusterId !== undefined && fromCluster.length === 0) throw new AppError('NOT_FOUND', `No cluster ${input.clusterId}.`);
    const reportIds = [...new Set([...input.reportIds, ...fromCluster])];
    const found = requireReports(db, reportIds);
    const ref = nextCaseRef(db, readIntakeConfig(db)?.workstationId, now);
    const at = now.toISOString();
    const id = Number(
      db
        .prepare('INSERT INTO cases (ref, title, status, qualifications, created_at, created_by, updated_at, assignee_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(ref, input.title, 'open', JSON.stringify([...new Set(input.qualifications)]), at, analyst.id, at, analyst.id).lastInsertRowid,
    );
    addEvent(db, id, analyst.id, 'created', { title: input.title, ...(input.clusterId !== undefined ? { clusterId: input.clusterId } : {}) }, now);
    const added = attachReports(db, analyst, id, reportIds, now);
    if (added.length > 0) addEvent(db, id, analyst.id, 'report_added', { reports: added }, now);
    if (input.qualifications.length > 0) addEvent(db, id, analyst.id, 'qualifications_set', { codes: [...new Set(input.qualifications)] }, now);
    const effect = claimReceived(db, analyst, found, ref);
    recordAudit(db, analyst.id, 'case.created', { ref, reports: added.length });
    return { ref, effect };
  })();
}

export function addReports({ db, analyst }: Actor, ref: string, reportIds: readonly string[], now = new Date()): { added: string[]; effect: StatusEffect | null } {
  return db.transaction(() => {
    const row = visibleCase(db, analyst, ref);
    const found = requireReports(db, reportIds);
    const added = attachReports(db, analyst, row.id, reportIds, now);
    if (added.length === 0) return { added, effect: null };
    addEvent(db, row.id, analyst.id, 'report_added', { reports: added }, now);
    recordAudit(db, analyst.id, 'case.reports_added', { ref, reports: added.length });
    const effect = claimReceived(db, analyst, new Map([...found].filter(([id]) => added.includes(id))), ref);
    return { added, effect };
  })();
}

export function removeReport({ db, analyst }: Actor, ref: string, reportId: string, reason: string, now = new Date()): void {
  db.transaction(() => {
    const row = visibleCase(db, analyst, ref);
    const changed = db
      .prepare('UPDATE case_reports SET removed_at = ?, removed_by = ?, removed_reason = ? WHERE case_id = ? AND report_id = ? AND removed_at IS NULL')
      .run(now.toISOString(), analyst.id, reason, row.id, reportId).changes;
    if (changed === 0) throw new AppError('NOT_FOUND', `Report ${reportId} is not in case ${ref}.`);
    addEvent(db, row.id, analyst.id, 'report_removed', { report: reportId, reason }, now);
    recordAudit(db, analyst.id, 'case.report_removed', { ref, reportId, reason });
  })();
}

/** Moves a case along its life; closing and reopening need a reason; referral sets its reports to `referred` (through the outbox). */
export function setCaseStatus(
  { db, analyst }: Actor,
  ref: string,
  status: CaseStatus,
  reason: string | undefined,
  now = new Date(),
  /**
   * For a referral: the reference sent with the reports' status (the case's by default), which reports (all by
   * default), and whether those another workstation has in analysis are referred too (refused otherwise, CONFLICT).
   */
  referral?: { reference?: string; reportIds?: readonly string[]; takeOver?: boolean },
): StatusEffect | null {
  return db.transaction(() => {
    const row = visibleCase(db, analyst, ref);
    const from = row.status as CaseStatus;
    if (from === status) return null;
    if (!CASE_TRANSITIONS[from].includes(status)) throw new AppError('CONFLICT', `A case that is ${from} cannot become ${status}.`);
    if ((status === 'closed' || from === 'closed') && !reason) throw new AppError('INVALID_INPUT', status === 'closed' ? 'Closing a case needs a reason.' : 'Reopening a case needs a reason.');
    db.prepare('UPDATE cases SET status = ?, closing_reason = ? WHERE id = ?').run(status, status === 'closed' ? (reason ?? null) : null, row.id);
    addEvent(db, row.id, analyst.id, 'status_changed', { from, to: status, reason: reason ?? null }, now);
    recordAudit(db, analyst.id, 'case.status_set', { ref, status, reason: reason ?? null });
    if (status !== 'referred') return null;
    return referReports({ db, analyst }, row.id, referral?.reference ?? ref, referral?.reportIds, referral?.takeOver ?? false);
  })();
}

/**
 * Sets the case's reports that are not yet `referred` to it, through the outbox, with `reference` (the case's, or a
 * dossier version's) sent to the intake service. Call inside the transaction that refers the case. Reports another
 * workstation has in analysis are referred only with `takeOver` (the analyst was told how many and confirmed).
 */
export function referReports({ db, analyst }: Actor, caseId: number, reference: string, reportIds: readonly string[] | undefined, takeOver: boolean): StatusEffect | null {
  const config = readIntakeConfig(db);
  if (!config) throw new AppError('INTAKE_NOT_CONFIGURED', 'No intake service is configured: the referral could not be sent back.');
  const inCase = reportIds ?? (db.prepare('SELECT report_id FROM case_reports WHERE case_id = ? AND removed_at IS NULL').pluck().all(caseId) as string[]);
  const found = reportRowids(db, inCase);
  const toRefer = inCase.filter((id) => found.has(id) && found.get(id)!.status !== 'referred');
  if (toRefer.length === 0) return null;
  if (!takeOver) refuseHeldElsewhere(db, toRefer, config.workstationId, "the case's reports", CONFIRM_REFERRAL);
  const rowids = setReportStatuses(db, { reportIds: toRefer, status: 'referred', reference, workstationId: config.workstationId, analystId: analyst.id });
  return { rowids, status: 'referred' as const, workstationId: config.workstationId };
}

export function updateCase({ db, analyst }: Actor, ref: string, changes: { title?: string | undefined; assigneeId?: string | null | undefined }, now = new Date()): void {
  db.transaction(() => {
    const row = visibleCase(db, analyst, ref);
    if (changes.title !== undefined && changes.title !== row.title) {
      db.prepare('UPDATE cases SET title = ? WHERE id = ?').run(changes.title, row.id);
      addEvent(db, row.id, analyst.id, 'title_changed', { from: row.title, to: changes.title }, now);
    }
    if (changes.assigneeId !== undefined && changes.assigneeId !== row.assignee_id) {
      if (changes.assigneeId !== null) {
        const target = db.prepare('SELECT name, disabled_at FROM analysts WHERE id = ?').get(changes.assigneeId) as { name: string; disabled_at: string | null } | undefined;
        if (!target || target.disabled_at !== null) throw new AppError('NOT_FOUND', 'No such active analyst.');
        // The assignee of a restricted case must be able to see it.
        if (row.restricted === 1) db.prepare('INSERT OR IGNORE INTO case_members (case_id, analyst_id) VALUES (?, ?)').run(row.id, changes.assigneeId);
      }
      db.prepare('UPDATE cases SET assignee_id = ? WHERE id = ?').run(changes.assigneeId, row.id);
      addEvent(db, row.id, analyst.id, 'assigned', { assignee: changes.assigneeId }, now);
    }
    recordAudit(db, analyst.id, 'case.updated', { ref });
  })();
}

export function setQualifications({ db, analyst }: Actor, ref: string, codes: readonly string[], known: ReadonlySet<string>, now = new Date()): void {
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length > 0) throw new AppError('INVALID_INPUT', `Unknown qualification ${unknown.join(', ')}.`);
  db.transaction(() => {
    const row = visibleCase(db, analyst, ref);
    const unique = [...new Set(codes)];
    db.prepare('UPDATE cases SET qualifications = ? WHERE id = ?').run(JSON.stringify(unique), row.id);
    addEvent(db, row.id, analyst.id, 'qualifications_set', { codes: unique }, now);
    recordAudit(db, analyst.id, 'case.qualifications_set', { ref, codes: unique.join(',') });
  })();
}

/** Restricts a case to named analysts (or opens it to the team again). The one who restricts it stays a member. */
/** Sets who sees a case; false when that is already so (nothing written, nothing added to the timeline). */
export function setAccess({ db, analyst }: Actor, ref: string, restricted: boolean, memberIds: readonly string[], now = new Date()): boolean {
  return db.transaction((): boolean => {
    const row = visibleCase(db, analyst, ref);
    const allowed = analyst.role === 'supervisor' || row.assignee_id === analyst.id || row.created_by === analyst.id;
    if (!allowed) throw new AppError('FORBIDDEN', 'Only a supervisor, the case’s assignee or its creator may change who sees it.');
    const members = new Set(memberIds);
    if (restricted) {
      members.add(analyst.id);
      if (row.assignee_id) members.add(row.assignee_id);
    }
    const exists = db.prepare('SELECT 1 FROM analysts WHERE id = ?');
    for (const id of members) if (exists.get(id) === undefined) throw new AppError('INVALID_INPUT', 'Unknown analyst in the members.');
    const current = new Set(db.prepare('SELECT analyst_id FROM case_members WHERE case_id = ?').pluck().all(row.id) as string[]);
    if ((row.restricted === 1) === restricted && current.size === members.size && [...members].every((id) => current.has(id))) return false;
    db.prepare('DELETE FROM case_members WHERE case_id = ?').run(row.id);
    const insert = db.prepare('INSERT INTO case_members (case_id, analyst_id) VALUES (?, ?)');
    for (const id of members) insert.run(row.id, id);
    db.prepare('UPDATE cases SET restricted = ? WHERE id = ?').run(restricted ? 1 : 0, row.id);
    addEvent(db, row.id, analyst.id, 'access_changed', { restricted, members: [...members] }, now);
    recordAudit(db, analyst.id, 'case.access_changed', { ref, restricted, members: members.size });
    return true;
  })();
}

/** The cases a report is in, among those the analyst may see. */
export function casesForReport({ db, analyst }: Actor, reportId: string): CaseBrief[] {
  return db
    .prepare(
      `SELECT c.ref, c.title, c.status FROM case_reports cr JOIN cases c ON c.id = cr.case_id
        WHERE cr.report_id = @reportId AND cr.removed_at IS NULL AND ${VISIBLE_CASE} ORDER BY c.id`,
    )
    .all({ reportId, ...visibilityParams(analyst) }) as CaseBrief[];
}

/** Cases the analyst may add reports to: open work first, most recently changed first. */
export function recentCases({ db, analyst }: Actor, limit = 50): CaseBrief[] {
  return db
    .prepare(
      `SELECT c.ref, c.title, c.status FROM cases c WHERE ${VISIBLE_CASE}
        ORDER BY c.status IN ('open', 'in_analysis', 'ready') DESC, c.updated_at DESC LIMIT @limit`,
    )
    .all({ ...visibilityParams(analyst), limit }) as CaseBrief[];
}

export type { CaseRow };
