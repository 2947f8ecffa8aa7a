/** Saved views of the queue (filters, sort, grouping, columns), per analyst. */
import { AppError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import { ViewState, type SavedView } from '../../shared/triage.ts';

interface Row {
  id: number;
  name: string;
  state: string;
  updated_at: string;
}

function toView(row: Row): SavedView | null {
  // A view saved by an older version with a state this one no longer accepts is left out, not fatal.
  const state = ViewState.safeParse(JSON.parse(row.state));
  return state.success ? { id: row.id, name: row.name, state: state.data, updatedAt: row.updated_at } : null;
}

export function listViews(db: Db, analystId: string): SavedView[] {
  return (db.prepare('SELECT id, name, state, updated_at FROM saved_views WHERE analyst_id = ? ORDER BY name COLLATE NOCASE').all(analystId) as Row[])
    .map(toView)
    .filter((view): view is SavedView => view !== null);
}

/** Saves a view; a view of the same name is replaced. */
export function saveView(db: Db, analystId: string, name: string, state: ViewState, at = new Date()): SavedView {
  const row = db
    .prepare(
      `INSERT INTO saved_views (analyst_id, name, state, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (analyst_id, name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
       RETURNING id, name, state, updated_at`,
    )
    .get(analystId, name, JSON.stringify(ViewState.parse(state)), at.toISOString()) as Row;
  return toView(row) as SavedView;
}

export function deleteView(db: Db, analystId: string, id: number): void {
  if (db.prepare('DELETE FROM saved_views WHERE id = ? AND analyst_id = ?').run(id, analystId).changes === 0) throw new AppError('NOT_FOUND', 'No such saved view.');
}
