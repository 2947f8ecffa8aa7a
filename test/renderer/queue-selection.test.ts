/**
 * The queue's selection reducer (active row, anchor, selected ids), without
 * React or a DOM: keyboard steps, clicks, Shift ranges, Space, select all in
 * view, and what a new query or fewer rows do to it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  idsBetween,
  NO_SELECTION,
  selectionReducer,
  stepForKey,
  stepTarget,
  type Frame,
  type RowSource,
  type SelectionAction,
  type SelectionState,
} from '../../src/renderer/src/screens/queue/selection.ts';

/** 100 rows R0…R99, those in `missing` not loaded yet. */
function rows(total = 100, { selectable = true, missing = [] as number[] } = {}): RowSource {
  return { total, selectable, idAt: (index) => (index >= 0 && index < total && !missing.includes(index) ? `R${index}` : undefined) };
}
const FRAME: Frame = { firstVisible: 10, pageRows: 20 };

function run(actions: readonly SelectionAction[], from: SelectionState = NO_SELECTION): SelectionState {
  return actions.reduce(selectionReducer, from);
}
function ids(state: SelectionState): string[] {
  return [...state.selected].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
}
const move = (step: Parameters<typeof stepTarget>[0], extend = false, source = rows()): SelectionAction => ({ type: 'move', step, extend, rows: source, frame: FRAME });

test('the first step down or up lands on the first visible row; then one row at a time, clamped at both ends', () => {
  assert.equal(run([move('down')]).active, 10);
  assert.equal(run([move('up')]).active, 10);
  assert.equal(run([move('down'), move('down'), move('down')]).active, 12);
  assert.equal(run([move('home'), move('up')]).active, 0);
  assert.equal(run([move('end'), move('down')]).active, 99);
  // A plain move sets the anchor where it lands and selects nothing.
  const state = run([move('down'), move('down')]);
  assert.equal(state.anchor, 11);
  assert.equal(state.selected.size, 0);
});

test('Home, End and the page steps, from no active row and from the ends', () => {
  assert.equal(stepTarget('home', 50, 100, FRAME), 0);
  assert.equal(stepTarget('end', null, 100, FRAME), 99);
  assert.equal(stepTarget('pageDown', null, 100, FRAME), 20);
  assert.equal(stepTarget('pageDown', 50, 100, FRAME), 70);
  assert.equal(stepTarget('pageDown', 90, 100, FRAME), 99);
  assert.equal(stepTarget('pageUp', 50, 100, FRAME), 30);
  assert.equal(stepTarget('pageUp', 5, 100, FRAME), 0);
  assert.equal(stepTarget('pageUp', null, 100, FRAME), 0);
  // No rows: no target, and the state does not change.
  assert.equal(stepTarget('down', null, 0, FRAME), null);
  const before = run([move('down')]);
  assert.equal(selectionReducer(before, move('end', false, rows(0))), before);
});

test('the movement keys: arrows and j/k only without Ctrl or ⌘; other keys are not moves', () => {
  assert.equal(stepForKey('ArrowDown', false), 'down');
  assert.equal(stepForKey('j', false), 'down');
  assert.equal(stepForKey('K', false), 'up');
  assert.equal(stepForKey('ArrowUp', true), null);
  assert.equal(stepForKey('j', true), null);
  assert.equal(stepForKey('Home', true), 'home');
  assert.equal(stepForKey('PageDown', false), 'pageDown');
  assert.equal(stepForKey('PageUp', false), 'pageUp');
  assert.equal(stepForKey('End', false), 'end');
  for (const key of ['Enter', ' ', 'a', 'c', 's', 'Escape', 'x']) assert.equal(stepForKey(key, false), null, key);
});

test('Shift extends the selection from the anchor, in either direction, and keeps the anchor', () => {
  const down = run([{ type: 'moveTo', index: 5, extend: false, rows: rows() }, move('down', true), move('down', true), move('down', true)]);
  assert.equal(down.active, 8);
  assert.equal(down.anchor, 5);
  assert.deepEqual(ids(down), ['R5', 'R6', 'R7', 'R8']);
  // Back up past the anchor: the rows above are added (nothing is taken away while extending).
  const up = run([move('up', true), move('up', true), move('up', true), move('up', true), move('up', true)], down);
  assert.equal(up.active, 3);
  assert.deepEqual(ids(up), ['R3', 'R4', 'R5', 'R6', 'R7', 'R8']);
  // Shift+End from there selects to the last row.
  assert.equal(run([move('end', true)], up).selected.size, 97);
});

test('a Shift move with no anchor starts from the active row, else from the target itself', () => {
  const fromActive = run([{ type: 'moveTo', index: 4, extend: true, rows: rows() }]);
  assert.deepEqual(ids(fromActive), ['R4']);
  assert.equal(fromActive.anchor, 4);
  const afterQuery = run([{ type: 'queryChanged', active: 7 }, { type: 'moveTo', index: 9, extend: true, rows: rows() }]);
  assert.deepEqual(ids(afterQuery), ['R7', 'R8', 'R9']);
});

test('rows not loaded yet are left out of a range; groups are never selected', () => {
  const partial = run([{ type: 'moveTo', index: 0, extend: false, rows: rows(100, { missing: [2, 3] }) }, { type: 'moveTo', index: 5, extend: true, rows: rows(100, { missing: [2, 3] }) }]);
  assert.deepEqual(ids(partial), ['R0', 'R1', 'R4', 'R5']);
  assert.deepEqual(idsBetween(rows(), 3, 1), ['R1', 'R2', 'R3']);

  const groups = rows(100, { selectable: false });
  const moved = run([{ type: 'moveTo', index: 2, extend: false, rows: groups }, move('down', true, groups)]);
  assert.equal(moved.active, 3);
  assert.equal(moved.anchor, 2, 'a Shift move over groups only moves');
  assert.equal(moved.selected.size, 0);
  assert.equal(selectionReducer(moved, { type: 'toggle', index: 3, rows: groups }), moved);
  assert.equal(selectionReducer(moved, { type: 'selectRange', start: 0, end: 10, rows: groups }), moved);
});

test('Space toggles one row and makes it the active row and the anchor; an unloaded row does nothing', () => {
  const on = run([{ type: 'toggle', index: 6, rows: rows() }]);
  assert.deepEqual(ids(on), ['R6']);
  assert.equal(on.active, 6);
  assert.equal(on.anchor, 6);
  const off = selectionReducer(on, { type: 'toggle', index: 6, rows: rows() });
  assert.equal(off.selected.size, 0);
  assert.equal(selectionReducer(on, { type: 'toggle', index: 3, rows: rows(100, { missing: [3] }) }), on);
});

test('select all in view adds the rows in view, or removes them when they all were selected; other rows stay', () => {
  const some = run([{ type: 'toggle', index: 50, rows: rows() }, { type: 'toggle', index: 11, rows: rows() }]);
  const all = selectionReducer(some, { type: 'selectRange', start: 10, end: 14, rows: rows() });
  assert.deepEqual(ids(all), ['R10', 'R11', 'R12', 'R13', 'R50']);
  assert.equal(all.active, some.active, 'the active row does not move');
  const none = selectionReducer(all, { type: 'selectRange', start: 10, end: 14, rows: rows() });
  assert.deepEqual(ids(none), ['R50']);
});

test('clear empties the selection and keeps the active row; clearing nothing changes nothing', () => {
  const state = run([{ type: 'toggle', index: 3, rows: rows() }, move('down')]);
  const cleared = selectionReducer(state, { type: 'clear' });
  assert.equal(cleared.selected.size, 0);
  assert.equal(cleared.active, 4);
  assert.equal(selectionReducer(cleared, { type: 'clear' }), cleared);
});

test('a new query drops the selection and the anchor, and sets the active row it is given', () => {
  const state = run([{ type: 'toggle', index: 3, rows: rows() }, move('down', true)]);
  assert.deepEqual(selectionReducer(state, { type: 'queryChanged', active: null }), { active: null, anchor: null, selected: new Set() });
  assert.deepEqual(selectionReducer(state, { type: 'queryChanged', active: 12 }), { active: 12, anchor: null, selected: new Set() });
});

test('fewer rows keep the active row within them; more rows, or an active row within, change nothing', () => {
  const at80 = run([{ type: 'moveTo', index: 80, extend: false, rows: rows() }]);
  assert.equal(selectionReducer(at80, { type: 'rowsChanged', total: 50 }).active, 49);
  assert.equal(selectionReducer(at80, { type: 'rowsChanged', total: 0 }).active, null);
  assert.equal(selectionReducer(at80, { type: 'rowsChanged', total: 81 }), at80);
  assert.equal(selectionReducer(NO_SELECTION, { type: 'rowsChanged', total: 0 }), NO_SELECTION);
});
