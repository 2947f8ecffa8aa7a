/**
 * The queue grid's scroll arithmetic: a short list scrolls natively; past
 * MAX_SPACER pixels the scrollbar maps onto the full list in proportion, its
 * ends landing on the first and last rows; the window of rendered rows; how
 * a row is brought into view; page size and wheel units.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_SPACER,
  OVERSCAN,
  ROW_HEIGHT,
  clampVirtual,
  isScaled,
  maxScrollTop,
  maxVirtualTop,
  pageRows,
  revealRow,
  rowWindow,
  scrollFromVirtual,
  spacerHeight,
  virtualFromScroll,
  wheelPixels,
  type Geometry,
} from '../../src/renderer/src/screens/queue/virtualScroll.ts';

const SHORT: Geometry = { rows: 1000, bodyHeight: 700 };
const MILLION: Geometry = { rows: 1_000_000, bodyHeight: 700 };

test('a short list is not scaled: virtual and real offsets are the same, clamped to the last row at the bottom', () => {
  assert.equal(isScaled(SHORT), false);
  assert.equal(spacerHeight(SHORT), 35_000);
  assert.equal(maxVirtualTop(SHORT), 34_300);
  assert.equal(maxScrollTop(SHORT), 34_300);
  assert.equal(virtualFromScroll(SHORT, 1234), 1234);
  assert.equal(scrollFromVirtual(SHORT, 1234), 1234);
  assert.equal(virtualFromScroll(SHORT, 99_999), 34_300);
  assert.equal(clampVirtual(SHORT, -50), 0);
  // Fewer rows than fit: nothing to scroll.
  assert.equal(maxVirtualTop({ rows: 3, bodyHeight: 700 }), 0);
});

test('a million rows: the spacer is capped, and the scroll position maps in proportion, both ways', () => {
  assert.equal(ROW_HEIGHT * MILLION.rows, 35_000_000);
  assert.equal(isScaled(MILLION), true);
  assert.equal(spacerHeight(MILLION), MAX_SPACER);
  const maxScroll = MAX_SPACER - 700;
  const maxVirtual = 35_000_000 - 700;
  assert.equal(maxScrollTop(MILLION), maxScroll);
  assert.equal(maxVirtualTop(MILLION), maxVirtual);
  const half = virtualFromScroll(MILLION, maxScroll / 2);
  assert.equal(half, maxVirtual / 2);
  assert.equal(scrollFromVirtual(MILLION, half), maxScroll / 2);
  // The ends snap: the top is row 0, the bottom shows the last row.
  assert.equal(virtualFromScroll(MILLION, 0.4), 0);
  assert.equal(virtualFromScroll(MILLION, maxScroll - 0.5), maxVirtual);
  const last = rowWindow(MILLION, virtualFromScroll(MILLION, maxScroll));
  assert.equal(last.endVisible, 1_000_000);
  assert.equal(last.end, 1_000_000);
});

test('the window: visible rows plus the overscan, and the offset of its first row', () => {
  const top = 10 * ROW_HEIGHT + 5;
  const win = rowWindow(SHORT, top);
  assert.equal(win.firstVisible, 10);
  assert.equal(win.endVisible, Math.ceil((top + 700) / ROW_HEIGHT));
  assert.equal(win.start, 10 - OVERSCAN);
  assert.equal(win.end, win.endVisible + OVERSCAN);
  assert.equal(win.offset, (10 - OVERSCAN) * ROW_HEIGHT - top);
  assert.deepEqual(rowWindow({ rows: 0, bodyHeight: 700 }, 0), { start: 0, end: 0, firstVisible: 0, endVisible: 0, offset: 0 });
  // At the top, the overscan does not go below row 0; at the bottom, not past the last row.
  assert.equal(rowWindow(SHORT, 0).start, 0);
  assert.equal(rowWindow({ rows: 5, bodyHeight: 700 }, 0).end, 5);
});

test('revealing a row moves as little as possible: not at all when it is in view', () => {
  const top = 100 * ROW_HEIGHT;
  assert.equal(revealRow(SHORT, top, 105), top);
  assert.equal(revealRow(SHORT, top, 90), 90 * ROW_HEIGHT, 'above: it becomes the first row');
  assert.equal(revealRow(SHORT, top, 130), 131 * ROW_HEIGHT - 700, 'below: it becomes the last row');
  assert.equal(revealRow(SHORT, top, 999), maxVirtualTop(SHORT));
});

test('a page is the whole rows in view but one, at least one; the wheel in lines and pages', () => {
  assert.equal(pageRows(SHORT), 19);
  assert.equal(pageRows({ rows: 10, bodyHeight: 20 }), 1);
  assert.equal(wheelPixels(120, 0, 700), 120);
  assert.equal(wheelPixels(3, 1, 700), 3 * ROW_HEIGHT);
  assert.equal(wheelPixels(-1, 2, 700), -700);
});
