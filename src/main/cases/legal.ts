/**
 * The legal qualification table: shipped in resources/legal-qualifications.json,
 * replaceable by a supervisor (kept in the store's settings). Every entry is
 * the team's proposal, for the prosecutor to assess: the table's note says so
 * wherever it shows.
 */
import type { QualificationTable as ContractTable } from '../../shared/cases.ts';
import { replaceTable, tableInForce, type TableKind } from './tables.ts';
import { loadQualifications, parseQualificationTable, type QualificationTable } from '../jurisdiction/qualifications.ts';
import type { Db } from '../store/database.ts';
import type { Actor } from './cases.ts';

const LEGAL: TableKind<QualificationTable> = { key: 'legal_qualifications', parse: parseQualificationTable, shipped: loadQualifications };

/** The table in force: the supervisor's, else the shipped one. */
export function qualificationTable(db: Db): QualificationTable {
  return tableInForce(db, LEGAL).table;
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
  const { table, edited } = tableInForce(db, LEGAL);
  return toContractTable(table, edited);
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
  const table = replaceTable(db, LEGAL, candidate, analyst.id, { action: 'legal.table_updated', detail: (t) => ({ entries: t?.entries.length ?? 0 }) }, now)!;
  return toContractTable(table, true);
}
