/**
 * Row virtualization for results of any size. Browsers cap the height of a
 * scroll area (Chromium near 33.5 M px; 1,000,000 rows of 35 px is 35 M px),
 * so the scrolled spacer is at most MAX_SPACER px and the scroll position maps
 * proportionally onto a "virtual" pixel offset in the full list. Wheel and
 * keyboard move the virtual offset itself, pixel by pixel, so they stay as
 * fine-grained as in a short list; dragging the scrollbar moves it in
 * proportion, and its end is the last row.
 */
export const ROW_HEIGHT = 35;
/** The spacer never grows past this (well under every browser's cap). */
export const MAX_SPACER = 8_000_000;
/** Rows rendered above and below the visible ones. */
export const OVERSCAN = 6;

export interface Geometry {
  /** Rows in the result. */
  readonly rows: number;
  /** Height of the area that shows rows (the viewport minus the header). */
  readonly bodyHeight: number;
}

/** Height of all rows, unscaled. */
export function virtualHeight(g: Geometry): number {
  return g.rows * ROW_HEIGHT;
}

/** Height of the spacer that makes the scrollbar (rows only; the header adds its own). */
export function spacerHeight(g: Geometry): number {
  return Math.min(virtualHeight(g), MAX_SPACER);
}

/** The largest virtual offset: the last row at the bottom of the body. */
export function maxVirtualTop(g: Geometry): number {
  return Math.max(0, virtualHeight(g) - g.bodyHeight);
}

/** The largest real scroll offset. */
export function maxScrollTop(g: Geometry): number {
  return Math.max(0, spacerHeight(g) - g.bodyHeight);
}

/** Whether the spacer is scaled (the list is taller than MAX_SPACER). */
export function isScaled(g: Geometry): boolean {
  return virtualHeight(g) > MAX_SPACER;
}

export function clampVirtual(g: Geometry, top: number): number {
  return Math.min(Math.max(0, top), maxVirtualTop(g));
}

/** The virtual offset shown for a real scroll offset; the ends snap to the first and last rows. */
export function virtualFromScroll(g: Geometry, scrollTop: number): number {
  const maxScroll = maxScrollTop(g);
  if (!isScaled(g)) return clampVirtual(g, scrollTop);
  if (maxScroll <= 0 || scrollTop <= 0.5) return 0;
  if (scrollTop >= maxScroll - 1) return maxVirtualTop(g);
  return clampVirtual(g, (scrollTop / maxScroll) * maxVirtualTop(g));
}

/** The real scroll offset that stands for a virtual offset. */
export function scrollFromVirtual(g: Geometry, top: number): number {
  if (!isScaled(g)) return top;
  const maxVirtual = maxVirtualTop(g);
  if (maxVirtual <= 0) return 0;
  return (clampVirtual(g, top) / maxVirtual) * maxScrollTop(g);
}

export interface RowWindow {
  /** First and last (exclusive) rendered rows, overscan included. */
  readonly start: number;
  readonly end: number;
  /** First and last (exclusive) rows at least partly visible. */
  readonly firstVisible: number;
  readonly endVisible: number;
  /** Offset of row `start` from the top of the body, in px (zero or negative). */
  readonly offset: number;
}

export function rowWindow(g: Geometry, top: number): RowWindow {
  if (g.rows === 0) return { start: 0, end: 0, firstVisible: 0, endVisible: 0, offset: 0 };
  const firstVisible = Math.min(g.rows - 1, Math.floor(top / ROW_HEIGHT));
  const endVisible = Math.min(g.rows, Math.ceil((top + g.bodyHeight) / ROW_HEIGHT));
  const start = Math.max(0, firstVisible - OVERSCAN);
  const end = Math.min(g.rows, endVisible + OVERSCAN);
  return { start, end, firstVisible, endVisible, offset: start * ROW_HEIGHT - top };
}

/** The virtual offset that brings `index` fully into view, moving as little as possible. */
export function revealRow(g: Geometry, top: number, index: number): number {
  const rowTop = index * ROW_HEIGHT;
  const rowBottom = rowTop + ROW_HEIGHT;
  if (rowTop < top) return clampVirtual(g, rowTop);
  if (rowBottom > top + g.bodyHeight) return clampVirtual(g, rowBottom - g.bodyHeight);
  return top;
}

/** Whole rows that fit in the body: the step of PageUp / PageDown. */
export function pageRows(g: Geometry): number {
  return Math.max(1, Math.floor(g.bodyHeight / ROW_HEIGHT) - 1);
}

/** A wheel event's vertical movement in px. */
export function wheelPixels(deltaY: number, deltaMode: number, bodyHeight: number): number {
  if (deltaMode === 1) return deltaY * ROW_HEIGHT;
  if (deltaMode === 2) return deltaY * bodyHeight;
  return deltaY;
}
