/**
 * The queue view's pure helpers: list and flag filters, the canonical filters
 * key, columns kept known and ordered, and Casablanca days turned into
 * instants (UTC+1, UTC+0 during Ramadan) and back.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_COLUMNS, QueueColumn, type QueueFilters } from '../../src/shared/triage.ts';
import {
  DEFAULT_VIEW,
  dayEnd,
  dayOf,
  dayStart,
  filtersKey,
  hasFilters,
  listValues,
  normalizeColumns,
  toggleValue,
  withFlag,
  withList,
  without,
} from '../../src/renderer/src/screens/queue/queueState.ts';

test('the default view: open work only, most urgent first, the default columns', () => {
  assert.deepEqual(DEFAULT_VIEW.filters, { openOnly: true });
  assert.deepEqual(DEFAULT_VIEW.sort, { key: 'priority', dir: 'desc' });
  assert.equal(DEFAULT_VIEW.grouping, 'reports');
  assert.deepEqual(DEFAULT_VIEW.columns, DEFAULT_COLUMNS);
});

test('toggling a list value adds it, then removes it; the last one removes the filter; the input is not changed', () => {
  const start: QueueFilters = { platform: ['tiktok'] };
  const one = toggleValue(start, 'category', 'fraud');
  assert.deepEqual(one, { platform: ['tiktok'], category: ['fraud'] });
  const two = toggleValue(one, 'category', 'sextortion');
  assert.deepEqual(listValues(two, 'category'), ['fraud', 'sextortion']);
  const back = toggleValue(toggleValue(two, 'category', 'fraud'), 'category', 'sextortion');
  assert.deepEqual(back, { platform: ['tiktok'] });
  assert.equal('category' in back, false);
  assert.deepEqual(start, { platform: ['tiktok'] });
  assert.deepEqual(listValues({}, 'status'), []);
  assert.deepEqual(withList({ status: ['received'] }, 'status', []), {});
});

test('flags are set only when on; without removes one key', () => {
  assert.deepEqual(withFlag({}, 'overdue', true), { overdue: true });
  assert.deepEqual(withFlag({ overdue: true, imminentDanger: true }, 'overdue', false), { imminentDanger: true });
  assert.deepEqual(without({ search: 'x', clusterId: 4 }, 'search'), { clusterId: 4 });
});

test('filters the analyst set: the cluster alone does not count, the search does', () => {
  assert.equal(hasFilters({}), false);
  assert.equal(hasFilters({ clusterId: 12 }), false);
  assert.equal(hasFilters({ search: 'arnaque' }), true);
  assert.equal(hasFilters({ overdue: true, clusterId: 12 }), true);
});

test('the filters key ignores key order, value order and empty lists, and tells real differences apart', () => {
  const a = filtersKey({ category: ['fraud', 'violence'], overdue: true });
  assert.equal(filtersKey({ overdue: true, category: ['violence', 'fraud'] }), a);
  assert.equal(filtersKey({ overdue: true, category: ['violence', 'fraud'], platform: [] }), a);
  assert.notEqual(filtersKey({ category: ['fraud'], overdue: true }), a);
  assert.notEqual(filtersKey({ category: ['fraud', 'violence'] }), a);
  assert.equal(filtersKey({}), '[]');
});

test('columns: unknown ones dropped, the canonical order restored, never none', () => {
  const [first, second, third] = QueueColumn.options;
  assert.deepEqual(normalizeColumns([third as string, 'nonsense', first as string]), [first, third]);
  assert.deepEqual(normalizeColumns([second as string, second as string]), [second]);
  assert.deepEqual(normalizeColumns([]), DEFAULT_COLUMNS);
  assert.deepEqual(normalizeColumns(['nonsense']), DEFAULT_COLUMNS);
});

test('Casablanca days: UTC+1 in general, UTC+0 during Ramadan; both ends of the day', () => {
  assert.equal(dayStart('2026-01-15'), '2026-01-15T00:00:00.000+01:00');
  assert.equal(dayEnd('2026-01-15'), '2026-01-15T23:59:59.999+01:00');
  // Ramadan 2026 (Morocco goes back to UTC+0): around the 1st of March.
  assert.equal(dayStart('2026-03-01'), '2026-03-01T00:00:00.000+00:00');
  assert.equal(dayStart('15/01/2026'), null);
  assert.equal(dayEnd(''), null);
});

test('the Casablanca day of an instant, for the date inputs', () => {
  assert.equal(dayOf('2026-01-15T23:30:00Z'), '2026-01-16', 'half past midnight in Casablanca');
  assert.equal(dayOf('2026-03-01T23:30:00Z'), '2026-03-01', 'UTC+0 during Ramadan');
  assert.equal(dayOf(undefined), '');
  assert.equal(dayOf('not a date'), '');
});
