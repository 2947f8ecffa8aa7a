/** Row-for-row digests of a store's tables, for restore drills. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src/main/store/database.ts';

function cell(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `hex:${value.toString('hex')}`;
  if (typeof value === 'bigint') return `int:${value.toString()}`;
  return value;
}

/** Every table (FTS shadow tables included) → SHA-256 of its rows, each row as JSON, sorted; and the row counts. */
export function tableDigests(db: Db): Map<string, { rows: number; sha256: string }> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name").pluck().all() as string[];
  const digests = new Map<string, { rows: number; sha256: string }>();
  for (const table of tables) {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    const rows = (db.prepare(`SELECT * FROM ${quoted}`).raw().all() as unknown[][]).map((row) => JSON.stringify(row.map(cell))).sort();
    const hash = createHash('sha256');
    for (const row of rows) hash.update(row).update('\n');
    digests.set(table, { rows: rows.length, sha256: hash.digest('hex') });
  }
  return digests;
}

/** Every file under a folder (recursively). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Whether any file under the folder holds these bytes (UTF-8 and UTF-16LE). */
export function anyFileHolds(dir: string, text: string): string | null {
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    if (bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'))) return file;
  }
  return null;
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
