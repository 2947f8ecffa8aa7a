/**
 * Observables in the store: one row per (type, normalised value), linked to
 * the reports whose content holds it (written by the ingest step, in the
 * sync's transaction) and to the cases it was added to by hand.
 *
 * `report_count` is kept with the links, so that "seen in N reports" is one
 * read whatever N is. Increments are gathered during a transaction and
 * written at its end (`commit`): a popular value (a platform's domain) is one
 * UPDATE per transaction rather than one per report.
 */
import type { Db } from '../store/database.ts';
import { extractObservables } from './extract.ts';
import { normaliseObservable } from './normalise.ts';
import type { Observable } from './types.ts';

/** What the store keeps of an observable found in a report. */
export interface ObservableKey {
  type: string;
  value: string;
}

/** The observables of a report's content (never of its reporter block), as the store keys them. */
export function reportObservableKeys(content: { urls: readonly string[]; description: string; account_handle?: string | null | undefined; platform?: string | null | undefined }): ObservableKey[] {
  const found: Observable[] = extractObservables({
    urls: content.urls,
    description: content.description,
    accountHandle: content.account_handle ?? null,
    platform: content.platform ?? null,
  });
  return found.map((o) => ({ type: o.type, value: o.value }));
}

/**
 * The reporter's own e-mail and phone are identity, never observables, even
 * when the description repeats them: what they normalise to is dropped.
 */
export function withoutReporterIdentity(keys: readonly ObservableKey[], reporter: { email?: unknown; phone?: unknown } | null | undefined): ObservableKey[] {
  const own = new Set<string>();
  for (const [type, raw] of [['email', reporter?.email], ['phone', reporter?.phone]] as const) {
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    // Normalising a phone number is costly: only when the content holds one to compare with.
    if (!keys.some((key) => key.type === type)) continue;
    try {
      own.add(`${type}\u0000${normaliseObservable(type, raw)}`);
    } catch {
      own.add(`${type}\u0000${raw.trim().toLowerCase()}`);
    }
  }
  return own.size === 0 ? [...keys] : keys.filter((key) => !own.has(`${key.type}\u0000${key.value}`));
}

const MAX_CACHED_IDS = 50_000;

/** Prepared statements for one connection's links; `commit` at the end of each transaction, `reset` after a rollback. */
export function prepareObservableLinks(db: Db) {
  const find = db.prepare('SELECT id FROM observables WHERE type = ? AND value = ?').pluck();
  const insert = db.prepare('INSERT INTO observables (type, value) VALUES (?, ?)');
  const link = db.prepare('INSERT OR IGNORE INTO report_observables (observable_id, report_rowid) VALUES (?, ?)');
  const unlink = db.prepare('DELETE FROM report_observables WHERE observable_id = ? AND report_rowid = ?');
  const count = db.prepare('UPDATE observables SET report_count = report_count + ? WHERE id = ?');
  const ids = new Map<string, number>();
  const pending = new Map<number, number>();
  const add = (id: number, delta: number): void => {
    pending.set(id, (pending.get(id) ?? 0) + delta);
  };
  return {
    /** The ids of these observables (created when new), without repeats: the report's `observable_ids`. */
    ids(keys: readonly ObservableKey[]): number[] {
      const out: number[] = [];
      for (const key of keys) {
        const cacheKey = `${key.type}\u0000${key.value}`;
        let id = ids.get(cacheKey);
        if (id === undefined) {
          id = find.get(key.type, key.value) as number | undefined;
          if (id === undefined) id = Number(insert.run(key.type, key.value).lastInsertRowid);
          if (ids.size >= MAX_CACHED_IDS) ids.clear();
          ids.set(cacheKey, id);
        }
        if (!out.includes(id)) out.push(id);
      }
      return out;
    },
    /** Links a report to its observables; `before`: the ids an earlier revision linked (its observable_ids), if any. */
    link(reportRowid: number, now: readonly number[], before: readonly number[] | null): void {
      if (before !== null) {
        for (const id of before) {
          if (now.includes(id)) continue;
          if (unlink.run(id, reportRowid).changes > 0) add(id, -1);
        }
      }
      for (const id of now) {
        if (before !== null && before.includes(id)) continue;
        if (link.run(id, reportRowid).changes > 0) add(id, 1);
      }
    },
    /** Writes the gathered counts: inside the transaction that made the links. */
    commit(): void {
      for (const [id, delta] of pending) if (delta !== 0) count.run(delta, id);
      pending.clear();
    },
    /** After a rollback: observables inserted during it are gone, and so are the counts. */
    reset(): void {
      ids.clear();
      pending.clear();
    },
  };
}
export type ObservableLinks = ReturnType<typeof prepareObservableLinks>;

/** A report's `observable_ids` column, read. */
export function parseObservableIds(json: string | null | undefined): number[] | null {
  if (json === null || json === undefined) return null;
  try {
    const ids = JSON.parse(json) as unknown;
    return Array.isArray(ids) ? ids.filter((id): id is number => Number.isInteger(id)) : null;
  } catch {
    return null;
  }
}

/** Rowids of the reports whose content holds an observable. */
export function observableReportRowids(db: Db, observableId: number): number[] {
  return db.prepare('SELECT report_rowid FROM report_observables WHERE observable_id = ?').pluck().all(observableId) as number[];
}
