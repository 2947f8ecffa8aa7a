/**
 * The queue's row selection as a pure reducer: the active row (the grid's
 * cursor), the anchor that Shift extends from, and the selected report ids.
 * No React and no DOM, so that it runs (and is tested) under plain Node.
 *
 * Rows are addressed by index in the current result; selection holds ids, so
 * that a selected report stays selected while rows load or scroll away.
 */

export interface SelectionState {
  /** Index of the active row, or null before the analyst moves. */
  readonly active: number | null;
  /** Where a Shift move or click extends the selection from. */
  readonly anchor: number | null;
  readonly selected: ReadonlySet<string>;
}

export const NO_SELECTION: SelectionState = { active: null, anchor: null, selected: new Set() };

/** What the reducer may know of the rows: how many, which id sits at an index (if loaded), and whether they can be selected. */
export interface RowSource {
  readonly total: number;
  /** False for groups of reports: they are opened, never selected. */
  readonly selectable: boolean;
  idAt(index: number): string | undefined;
}

/** The rows the grid shows: where a first move lands, and how far a page goes. */
export interface Frame {
  readonly firstVisible: number;
  readonly pageRows: number;
}

export type Step = 'up' | 'down' | 'home' | 'end' | 'pageUp' | 'pageDown';

export type SelectionAction =
  /** A keyboard move; `extend` (Shift) adds the rows from the anchor to the target. */
  | { readonly type: 'move'; readonly step: Step; readonly extend: boolean; readonly rows: RowSource; readonly frame: Frame }
  /** A click on a row: `extend` with Shift. */
  | { readonly type: 'moveTo'; readonly index: number; readonly extend: boolean; readonly rows: RowSource }
  /** Space or Ctrl+click: one row in or out of the selection. */
  | { readonly type: 'toggle'; readonly index: number; readonly rows: RowSource }
  /** Ctrl+A or the header checkbox: the rows in view [start, end) all selected, or, if they all were, none of them. */
  | { readonly type: 'selectRange'; readonly start: number; readonly end: number; readonly rows: RowSource }
  | { readonly type: 'clear' }
  /** Another query: nothing selected, and the active row given (the one to come back to) or none. */
  | { readonly type: 'queryChanged'; readonly active: number | null }
  /** The same query with another count of rows (a change elsewhere): the active row stays within them. */
  | { readonly type: 'rowsChanged'; readonly total: number };

/** The row a step lands on from `from` (null: no active row yet), or null when there are no rows. */
export function stepTarget(step: Step, from: number | null, total: number, frame: Frame): number | null {
  if (total <= 0) return null;
  const last = total - 1;
  switch (step) {
    case 'down':
      return from === null ? frame.firstVisible : Math.min(last, from + 1);
    case 'up':
      return from === null ? frame.firstVisible : Math.max(0, from - 1);
    case 'home':
      return 0;
    case 'end':
      return last;
    case 'pageDown':
      return Math.min(last, Math.max(0, from ?? 0) + frame.pageRows);
    case 'pageUp':
      return Math.max(0, Math.max(0, from ?? 0) - frame.pageRows);
  }
}

/** The grid's movement keys (j and k as in mail readers); arrows and letters do nothing with Ctrl or ⌘. */
export function stepForKey(key: string, mod: boolean): Step | null {
  switch (key) {
    case 'ArrowDown':
    case 'j':
    case 'J':
      return mod ? null : 'down';
    case 'ArrowUp':
    case 'k':
    case 'K':
      return mod ? null : 'up';
    case 'Home':
      return 'home';
    case 'End':
      return 'end';
    case 'PageDown':
      return 'pageDown';
    case 'PageUp':
      return 'pageUp';
    default:
      return null;
  }
}

/** The loaded ids of rows `from` to `to`, both included, in either order. */
export function idsBetween(rows: RowSource, from: number, to: number): string[] {
  const ids: string[] = [];
  for (let index = Math.min(from, to); index <= Math.max(from, to); index += 1) {
    const id = rows.idAt(index);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

function moveTo(state: SelectionState, index: number, extend: boolean, rows: RowSource): SelectionState {
  if (!extend) return { ...state, active: index, anchor: index };
  if (!rows.selectable) return { ...state, active: index };
  const start = state.anchor ?? state.active ?? index;
  const selected = new Set(state.selected);
  for (const id of idsBetween(rows, start, index)) selected.add(id);
  return { active: index, anchor: start, selected };
}

export function selectionReducer(state: SelectionState, action: SelectionAction): SelectionState {
  switch (action.type) {
    case 'move': {
      const target = stepTarget(action.step, state.active, action.rows.total, action.frame);
      return target === null ? state : moveTo(state, target, action.extend, action.rows);
    }
    case 'moveTo':
      return moveTo(state, action.index, action.extend, action.rows);
    case 'toggle': {
      const id = action.rows.idAt(action.index);
      if (id === undefined || !action.rows.selectable) return state;
      const selected = new Set(state.selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      return { active: action.index, anchor: action.index, selected };
    }
    case 'selectRange': {
      if (!action.rows.selectable) return state;
      const ids = idsBetween(action.rows, action.start, action.end - 1);
      const all = ids.every((id) => state.selected.has(id));
      const selected = new Set(state.selected);
      for (const id of ids) {
        if (all) selected.delete(id);
        else selected.add(id);
      }
      return { ...state, selected };
    }
    case 'clear':
      return state.selected.size === 0 ? state : { ...state, selected: new Set() };
    case 'queryChanged':
      return { active: action.active, anchor: null, selected: new Set() };
    case 'rowsChanged':
      if (state.active === null || state.active < action.total) return state;
      return { ...state, active: action.total > 0 ? action.total - 1 : null };
  }
}
