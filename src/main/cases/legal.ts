/**
 * The legal qualification table: shipped in resources/legal-qualifications.json,
 * replaceable by a supervisor (kept in the store's settings). Every entry is
 * the team's proposal, for the prosecutor to assess: the table's note says so
 * wherever it shows.
 */
import type { QualificationTable as ContractTable } from '../../shared/cases.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { loadQualifications, parseQualificationTable, type QualificationTable } from '../jurisdiction/qualifications.ts';
import type { Db } from '../store/database.ts';
import type { Actor } from './cases.ts';

const KEY = 'legal_qualifications';

/** The table in force: the supervisor's, else the shipped one. */
export function qualificationTable(db: Db): QualificationTable {
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string | undefined;
  if (stored === undefined) return loadQualifications();
  try {
    return parseQualificationTable(JSON.parse(stored));
  } catch {
    // A table that no longer validates (written by another version) falls back to the shipped one.
    return loadQualifications();
  }
}

export function knownQualificationCodes(db: Db): Set<string> {
  return new Set(qualificationTable(db).entries.map((entry) => entry.code));
}

export function toContractTable(table: QualificationTable, edited: boolean): ContractTable {
  return {
    noteFr: table.note_fr,
    noteAr: table.note_ar,
    edited,
    entries: table.entries.map((e) => ({ code: e.code, articles: e.articles, labelFr: e.label_fr, labelAr: e.label_ar, categories: e.categories, terrorism: e.terrorism })),
  };
}

export function readQualificationTable(db: Db): ContractTable {
  const edited = db.prepare('SELECT 1 FROM settings WHERE key = ?').get(KEY) !== undefined;
  return toContractTable(qualificationTable(db), edited);
}

/** A supervisor's table replaces the shipped one; it is validated like it (codes unique, Arabic labels in Arabic...). */
export function writeQualificationTable({ db, analyst }: Actor, input: Omit<ContractTable, 'edited'>, now = new Date()): ContractTable {
  const shipped = loadQualifications();
  const candidate = {
    version: 1 as const,
    note_fr: input.noteFr,
    note_ar: input.noteAr,
    ...(shipped.source ? { source: shipped.source } : {}),
    entries: input.entries.map((e) => ({ code: e.code, articles: e.articles, label_fr: e.labelFr, label_ar: e.labelAr, categories: e.categories, terrorism: e.terrorism })),
  };
  let table: QualificationTable;
  try {
    table = parseQualificationTable(candidate);
  } catch (error) {
    const issues = (error as { issues?: { path: (string | number)[]; message: string }[] }).issues ?? [];
    throw new AppError('INVALID_INPUT', issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') || 'The table is not valid.');
  }
  db.transaction(() => {
    db.prepare(
      `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(KEY, JSON.stringify(table), now.toISOString(), analyst.id);
    recordAudit(db, analyst.id, 'legal.table_updated', { entries: table.entries.length });
  })();
  return toContractTable(table, true);
}
