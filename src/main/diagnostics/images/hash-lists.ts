/**
 * Known-hash lists (issue #11): lists of MD5, SHA-1, SHA-256 and PDQ values,
 * each with a label and a source, imported whole or not at all, and matched
 * against every analysed attachment (when the list is imported, and when an
 * attachment is analysed later). PDQ entries match within the workstation's
 * near-duplicate threshold. A match flags the report (view, queue, case);
 * for categories whose content is never shown, nothing more is shown.
 *
 * Formats:
 * - CSV: a header naming `type` (or `kind`, `algorithm`) and `hash` (or
 *   `value`) columns, or lines `type,hash` with no header; `#` comments and
 *   blank lines are skipped. The type may be left empty for MD5 (32 hex) and
 *   SHA-1 (40); 64 hex digits are SHA-256 or PDQ and must say which.
 * - JSON: `[{ "type": "sha256", "hash": "…" }, …]` or `{ "source": "…", "entries": [ … ] }`.
 */
import { createHash } from 'node:crypto';
import { recordAudit } from '../../audit/audit.ts';
import { AppError } from '../../errors.ts';
import type { Unlocked } from '../../session/session.ts';
import type { Db } from '../../store/database.ts';
import { blobDistance, readPdqThreshold } from './pdq-store.ts';

export type HashKind = 'md5' | 'sha1' | 'sha256' | 'pdq';
export const HASH_LENGTHS: Record<HashKind, number> = { md5: 32, sha1: 40, sha256: 64, pdq: 64 };
export const MAX_LIST_BYTES = 64 * 1024 * 1024;
const MAX_REPORTED_ERRORS = 50;

export interface HashEntry {
  kind: HashKind;
  value: string;
  line: number;
}

export interface ListProblem {
  line: number;
  message: string;
}

const KIND_NAMES: Record<string, HashKind> = { md5: 'md5', sha1: 'sha1', 'sha-1': 'sha1', sha256: 'sha256', 'sha-256': 'sha256', pdq: 'pdq' };

function entryOf(typeText: string, hashText: string, line: number, problems: ListProblem[]): HashEntry | null {
  const value = hashText.trim().toLowerCase();
  const typeName = typeText.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(value)) {
    problems.push({ line, message: `not a hexadecimal hash: ${JSON.stringify(hashText.slice(0, 80))}` });
    return null;
  }
  let kind: HashKind | undefined;
  if (typeName === '') {
    kind = value.length === 32 ? 'md5' : value.length === 40 ? 'sha1' : undefined;
    if (!kind) {
      problems.push({ line, message: value.length === 64 ? '64 hex digits is SHA-256 or PDQ: say which in the type column' : `${value.length} hex digits is no known hash` });
      return null;
    }
  } else {
    kind = KIND_NAMES[typeName];
    if (!kind) {
      problems.push({ line, message: `unknown hash type ${JSON.stringify(typeText.slice(0, 40))} (md5, sha1, sha256, pdq)` });
      return null;
    }
  }
  if (value.length !== HASH_LENGTHS[kind]) {
    problems.push({ line, message: `${kind} takes ${HASH_LENGTHS[kind]} hex digits, not ${value.length}` });
    return null;
  }
  return { kind, value, line };
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === ';' || c === '\t') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

export function parseCsvList(text: string): { entries: HashEntry[]; problems: ListProblem[] } {
  const problems: ListProblem[] = [];
  const entries: HashEntry[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let typeColumn = 0;
  let hashColumn = 1;
  let headerSeen = false;
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cells = splitCsvLine(line).map((c) => c.trim());
    if (!headerSeen) {
      headerSeen = true;
      const lower = cells.map((c) => c.toLowerCase());
      const t = lower.findIndex((c) => ['type', 'kind', 'algorithm', 'hash_type'].includes(c));
      const h = lower.findIndex((c) => ['hash', 'value', 'digest'].includes(c));
      if (t >= 0 || h >= 0) {
        if (h < 0) problems.push({ line: lineNo, message: 'the header names no hash column (hash or value)' });
        typeColumn = t;
        hashColumn = h;
        return;
      }
      if (cells.length === 1) {
        typeColumn = -1;
        hashColumn = 0;
      }
    }
    if (hashColumn < 0) return;
    if (cells.length <= hashColumn) {
      problems.push({ line: lineNo, message: 'missing hash column' });
      return;
    }
    const entry = entryOf(typeColumn >= 0 ? (cells[typeColumn] ?? '') : '', cells[hashColumn]!, lineNo, problems);
    if (entry) entries.push(entry);
  });
  return { entries, problems };
}

/** JSON lists have no lines of their own: entries are numbered from 1 in the order given. */
export function parseJsonList(text: string): { entries: HashEntry[]; problems: ListProblem[]; source: string | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { entries: [], problems: [{ line: 0, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }], source: null };
  }
  const source = parsed && typeof parsed === 'object' && !Array.isArray(parsed) && typeof (parsed as { source?: unknown }).source === 'string' ? (parsed as { source: string }).source : null;
  const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? (parsed as { entries?: unknown }).entries : undefined;
  if (!Array.isArray(list)) return { entries: [], problems: [{ line: 0, message: 'expected an array of entries, or an object with "entries"' }], source };
  const problems: ListProblem[] = [];
  const entries: HashEntry[] = [];
  list.forEach((item: unknown, index) => {
    const n = index + 1;
    if (typeof item === 'string') {
      const entry = entryOf('', item, n, problems);
      if (entry) entries.push(entry);
      return;
    }
    if (!item || typeof item !== 'object') {
      problems.push({ line: n, message: 'entry is not an object' });
      return;
    }
    const record = item as Record<string, unknown>;
    const hash = record['hash'] ?? record['value'];
    const type = record['type'] ?? record['kind'] ?? record['algorithm'] ?? '';
    if (typeof hash !== 'string' || typeof type !== 'string') {
      problems.push({ line: n, message: 'entry needs "hash" (text) and "type"' });
      return;
    }
    const entry = entryOf(type, hash, n, problems);
    if (entry) entries.push(entry);
  });
  return { entries, problems, source };
}

export interface ImportListInput {
  text: string;
  format: 'csv' | 'json';
  label: string;
  source?: string | undefined;
}

export interface ImportListResult {
  listId: number;
  label: string;
  source: string;
  imported: number;
  /** Reports that carry a match of this list. */
  matches: number;
  matchedAttachments: number;
}

/** Imports a list whole, or nothing (INVALID_INPUT naming the bad lines); supervisors only. Matches the analysed attachments. Recorded. */
export function importHashList({ db, analyst }: Unlocked, input: ImportListInput, at = new Date()): ImportListResult {
  if (analyst.role !== 'supervisor') throw new AppError('FORBIDDEN', 'Only a supervisor imports hash lists.');
  const label = input.label.trim();
  if (label === '' || label.length > 200) throw new AppError('INVALID_INPUT', 'A hash list needs a label (1 to 200 characters).');
  if (Buffer.byteLength(input.text) > MAX_LIST_BYTES) throw new AppError('INVALID_INPUT', `A hash list is at most ${MAX_LIST_BYTES} bytes.`);
  const parsed = input.format === 'json' ? parseJsonList(input.text) : { ...parseCsvList(input.text), source: null };
  if (parsed.problems.length > 0) {
    const shown = parsed.problems.slice(0, MAX_REPORTED_ERRORS).map((p) => (p.line > 0 ? `${input.format === 'json' ? 'entry' : 'line'} ${p.line}: ${p.message}` : p.message));
    const more = parsed.problems.length > MAX_REPORTED_ERRORS ? ` (and ${parsed.problems.length - MAX_REPORTED_ERRORS} more)` : '';
    throw new AppError('INVALID_INPUT', `Nothing imported: ${parsed.problems.length} bad ${parsed.problems.length === 1 ? 'entry' : 'entries'}: ${shown.join('; ')}${more}`);
  }
  if (parsed.entries.length === 0) throw new AppError('INVALID_INPUT', 'Nothing imported: the list has no entries.');
  const source = (input.source ?? parsed.source ?? '').trim().slice(0, 300) || label;
  return db.transaction(() => {
    const listId = Number(
      db
        .prepare('INSERT INTO hash_lists (label, source, format, file_sha256, entries, imported_at, imported_by) VALUES (?, ?, ?, ?, 0, ?, ?)')
        .run(label, source, input.format, createHash('sha256').update(input.text).digest('hex'), at.toISOString(), analyst.id).lastInsertRowid,
    );
    const insert = db.prepare('INSERT OR IGNORE INTO hash_list_entries (list_id, kind, value, line) VALUES (?, ?, ?, ?)');
    let imported = 0;
    for (const e of parsed.entries) imported += insert.run(listId, e.kind, e.value, e.line).changes;
    db.prepare('UPDATE hash_lists SET entries = ? WHERE id = ?').run(imported, listId);
    const matchedAttachments = matchListAgainstStore(db, listId, at);
    const matches = db.prepare('SELECT count(DISTINCT report_id) FROM hash_list_matches WHERE list_id = ?').pluck().get(listId) as number;
    recordAudit(db, analyst.id, 'hashlist.imported', { listId, label, source, imported, matches }, at);
    return { listId, label, source, imported, matches, matchedAttachments };
  })();
}

const INSERT_MATCH = 'INSERT OR IGNORE INTO hash_list_matches (list_id, attachment_id, report_id, kind, value, distance, matched_at) VALUES (?, ?, ?, ?, ?, ?, ?)';

/** Matches one list against every analysed attachment; returns the matches recorded. */
function matchListAgainstStore(db: Db, listId: number, at: Date): number {
  let count = 0;
  for (const kind of ['md5', 'sha1', 'sha256'] as const) {
    count += db
      .prepare(
        `INSERT OR IGNORE INTO hash_list_matches (list_id, attachment_id, report_id, kind, value, distance, matched_at)
         SELECT e.list_id, a.attachment_id, a.report_id, e.kind, e.value, NULL, ? FROM hash_list_entries e JOIN attachment_analysis a ON a.${kind} = e.value
          WHERE e.list_id = ? AND e.kind = '${kind}'`,
      )
      .run(at.toISOString(), listId).changes;
  }
  const pdqs = (db.prepare("SELECT value FROM hash_list_entries WHERE list_id = ? AND kind = 'pdq'").pluck().all(listId) as string[]).map((v) => ({ v, blob: Buffer.from(v, 'hex') }));
  if (pdqs.length > 0) {
    const threshold = readPdqThreshold(db);
    const insert = db.prepare(INSERT_MATCH);
    const rows = db.prepare('SELECT attachment_id, report_id, pdq FROM attachment_analysis WHERE pdq IS NOT NULL').raw().iterate() as IterableIterator<[string, string, Buffer]>;
    const found: [string, string, string, number][] = [];
    for (const [id, reportId, pdq] of rows) {
      for (const entry of pdqs) {
        const d = blobDistance(pdq, entry.blob, threshold);
        if (d <= threshold) found.push([id, reportId, entry.v, d]);
      }
    }
    for (const [id, reportId, value, d] of found) count += insert.run(listId, id, reportId, 'pdq', value, d, at.toISOString()).changes;
  }
  return count;
}

export interface AnalysedHashes {
  attachmentId: string;
  reportId: string;
  md5: string;
  sha1: string;
  sha256: string;
  pdq: string | null;
}

/** Matches one newly analysed attachment against every list; returns the matches recorded. */
export function matchAttachment(db: Db, a: AnalysedHashes, at: Date): number {
  const insert = db.prepare(INSERT_MATCH);
  let count = 0;
  const exact = db
    .prepare("SELECT list_id, kind, value FROM hash_list_entries WHERE (kind = 'md5' AND value = ?) OR (kind = 'sha1' AND value = ?) OR (kind = 'sha256' AND value = ?)")
    .all(a.md5, a.sha1, a.sha256) as { list_id: number; kind: string; value: string }[];
  for (const e of exact) count += insert.run(e.list_id, a.attachmentId, a.reportId, e.kind, e.value, null, at.toISOString()).changes;
  if (a.pdq) {
    const own = Buffer.from(a.pdq, 'hex');
    const threshold = readPdqThreshold(db);
    const rows = db.prepare("SELECT list_id, value FROM hash_list_entries WHERE kind = 'pdq'").raw().iterate() as IterableIterator<[number, string]>;
    const found: [number, string, number][] = [];
    for (const [listId, value] of rows) {
      const d = blobDistance(own, Buffer.from(value, 'hex'), threshold);
      if (d <= threshold) found.push([listId, value, d]);
    }
    for (const [listId, value, d] of found) count += insert.run(listId, a.attachmentId, a.reportId, 'pdq', value, d, at.toISOString()).changes;
  }
  return count;
}

export interface HashListMatch {
  listId: number;
  label: string;
  source: string;
  attachmentId: string;
  kind: HashKind;
  value: string;
  distance: number | null;
}

export function reportHashMatches(db: Db, reportId: string): HashListMatch[] {
  return (
    db
      .prepare(
        `SELECT m.list_id, l.label, l.source, m.attachment_id, m.kind, m.value, m.distance FROM hash_list_matches m JOIN hash_lists l ON l.id = m.list_id
          WHERE m.report_id = ? ORDER BY m.attachment_id, l.label, m.kind`,
      )
      .raw()
      .all(reportId) as [number, string, string, string, HashKind, string, number | null][]
  ).map(([listId, label, source, attachmentId, kind, value, distance]) => ({ listId, label, source, attachmentId, kind, value, distance }));
}

/** Rowids of the reports with at least one hash-list match (for the queue's filter and priority reason). */
export function matchedReportIds(db: Db): string[] {
  return db.prepare('SELECT DISTINCT report_id FROM hash_list_matches').pluck().all() as string[];
}
