/**
 * Need to know: a restricted case is seen only by its members and by
 * supervisors. Every read of a case, its notes and its observables goes
 * through here; a case the analyst may not see answers exactly like a case
 * that does not exist (NOT_FOUND, same message), so a refusal reveals nothing.
 */
import type { Profile } from '../../shared/schemas.ts';
import { AppError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import { caseReportRowidsOf } from './case-lists.ts';

export interface CaseRow {
  id: number;
  ref: string;
  title: string;
  status: string;
  closing_reason: string | null;
  assignee_id: string | null;
  restricted: number;
  qualifications: string;
  jurisdiction: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

/** SQL condition (on alias `c`) of the cases an analyst may see; bind `@analyst` and `@supervisor` (1 or 0). */
export const VISIBLE_CASE = `(c.restricted = 0 OR @supervisor = 1 OR EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id AND m.analyst_id = @analyst))`;

export function visibilityParams(analyst: Profile): { analyst: string; supervisor: number } {
  return { analyst: analyst.id, supervisor: analyst.role === 'supervisor' ? 1 : 0 };
}

function notFound(ref: string): AppError {
  return new AppError('NOT_FOUND', `No case ${ref}.`);
}

/** The case if the analyst may see it; NOT_FOUND otherwise, whether it exists or not. */
export function visibleCase(db: Db, analyst: Profile, ref: string): CaseRow {
  const row = db.prepare(`SELECT c.* FROM cases c WHERE c.ref = @ref AND ${VISIBLE_CASE}`).get({ ref, ...visibilityParams(analyst) }) as CaseRow | undefined;
  if (!row) throw notFound(ref);
  return row;
}

/** Same, by id (notes and observables refer to cases by id). */
export function visibleCaseById(db: Db, analyst: Profile, id: number): CaseRow {
  const row = db.prepare(`SELECT c.* FROM cases c WHERE c.id = @id AND ${VISIBLE_CASE}`).get({ id, ...visibilityParams(analyst) }) as CaseRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'No such case.');
  return row;
}

/** Who may change who sees a case: a supervisor, its assignee or its creator (any analyst who sees a case may work on it). */
export function canManageAccess(analyst: Profile, row: CaseRow): boolean {
  return analyst.role === 'supervisor' || row.assignee_id === analyst.id || row.created_by === analyst.id;
}

/** For each report in a case the analyst may see, the references of those cases (the queue's case column and filter). */
export function caseMembership(db: Db, analyst: Profile): Map<number, string[]> {
  const rows = db
    .prepare(
      `SELECT r.rowid, c.ref FROM case_reports cr JOIN cases c ON c.id = cr.case_id JOIN reports r ON r.id = cr.report_id
        WHERE cr.removed_at IS NULL AND ${VISIBLE_CASE} ORDER BY c.id`,
    )
    .raw()
    .all(visibilityParams(analyst)) as [number, string][];
  const out = new Map<number, string[]>();
  for (const [rowid, ref] of rows) {
    const refs = out.get(rowid);
    if (refs) refs.push(ref);
    else out.set(rowid, [ref]);
  }
  return out;
}

/** Rowids of the reports of a case the analyst may see; none when the case is hidden or absent. */
export function caseReportRowids(db: Db, analyst: Profile, ref: string): number[] {
  const id = db.prepare(`SELECT c.id FROM cases c WHERE c.ref = @ref AND ${VISIBLE_CASE}`).pluck().get({ ref, ...visibilityParams(analyst) }) as number | undefined;
  return id === undefined ? [] : caseReportRowidsOf(db, id);
}
