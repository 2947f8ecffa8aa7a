/**
 * What the commands print for a person (without --json): tables for lists,
 * `field  value` blocks for one object. The values come from reports, cases
 * and files, so from strangers: every bidi control, control character
 * (escape sequences included) and invisible character becomes a visible
 * ⟦U+…⟧ mark (shared/text/invisible.ts, as the window's "show invisible
 * characters"), so nothing of a report can reorder, recolour or rewrite the
 * terminal. Table cells are cut to their column with "…", never inside a
 * character or a mark.
 */
import { markLabel, revealInvisible } from '../shared/text/invisible.ts';

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * The text with every flagged character as its mark, as the window's "show
 * invisible characters" does, except the no-break spaces of French
 * typography (U+00A0, U+202F), which a terminal shows as the spaces they are.
 * Tabs and line breaks are left to the caller.
 */
export function terminalText(text: string): string {
  return revealInvisible(text)
    .map((segment) => (segment.kind === 'text' ? segment.text : segment.codePoint === 0x00a0 || segment.codePoint === 0x202f ? String.fromCodePoint(segment.codePoint) : markLabel(segment)))
    .join('');
}

/** A value as inert terminal text on one line: marks for what does not show, one space for tabs and line breaks. */
export function inertText(value: unknown): string {
  const text = value === null || value === undefined ? '—' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return terminalText(text).replace(/[\t\r\n]+/g, ' ');
}

/** Grapheme clusters of an inert text, a ⟦U+…⟧ mark counting as one piece (it is never cut). */
function pieces(text: string): string[] {
  const out: string[] = [];
  let mark: string | null = null;
  for (const { segment } of segmenter.segment(text)) {
    if (mark !== null) {
      mark += segment;
      if (segment === '⟧') {
        out.push(mark);
        mark = null;
      }
    } else if (segment === '⟦') mark = segment;
    else out.push(segment);
  }
  if (mark !== null) out.push(mark);
  return out;
}

/** Columns a piece takes: East Asian wide and fullwidth forms take two, marks their length, combining-only pieces one. */
function widthOf(piece: string): number {
  if (piece.startsWith('⟦')) return [...piece].length;
  const cp = piece.codePointAt(0) ?? 0;
  const wide = (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

/** The inert text cut to `width` columns (with … when cut) and its width. */
export function fit(text: string, width: number): { text: string; width: number } {
  const all = pieces(text);
  let total = 0;
  for (const piece of all) total += widthOf(piece);
  if (total <= width) return { text, width: total };
  let used = 0;
  let out = '';
  for (const piece of all) {
    const w = widthOf(piece);
    if (used + w > width - 1) break;
    out += piece;
    used += w;
  }
  return { text: `${out}…`, width: used + 1 };
}

export interface Column {
  /** The field of the JSON object. */
  readonly key: string;
  readonly title: string;
  /** At most this many columns wide (values are cut). */
  readonly width: number;
  /** Shows the value (a date cut to minutes, a pair); the result is made inert like any value. */
  readonly show?: (row: Record<string, unknown>) => unknown;
}

function line(cells: readonly string[], columns: readonly Column[]): string {
  return cells
    .map((cell, i) => {
      const { text, width } = fit(cell, (columns[i] as Column).width);
      return i === cells.length - 1 ? text : text + ' '.repeat((columns[i] as Column).width - width);
    })
    .join('  ')
    .trimEnd();
}

/** `2026-04-12T09:30:00.000Z` as `2026-04-12 09:30` (UTC, as stored); anything else as it is. */
export function minutes(value: unknown): unknown {
  return typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value) ? `${value.slice(0, 10)} ${value.slice(11, 16)}` : value;
}

/**
 * Prints rows as an aligned table, one row per call, with fixed column widths
 * (so a list of a million rows streams): the header before the first row.
 */
export function tableWriter(columns: readonly Column[], out: (line: string) => void): { row: (row: Record<string, unknown>) => void; rows: () => number } {
  let count = 0;
  return {
    row(row) {
      if (count === 0) out(line(columns.map((c) => c.title), columns));
      out(line(columns.map((c) => inertText(c.show ? c.show(row) : row[c.key])), columns));
      count += 1;
    },
    rows: () => count,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: unknown): boolean {
  return !isRecord(value) && !(Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null));
}

/** A text of several lines stays several lines (each inert, indented); anything else fits on one. */
function valueLines(value: unknown, indent: string): string[] {
  if (Array.isArray(value)) return [value.length === 0 ? '—' : value.map((v) => inertText(v)).join(', ')];
  if (typeof value === 'string' && /[\r\n]/.test(value)) {
    return value.split(/\r\n|\r|\n/).map((l, i) => (i === 0 ? '' : indent) + terminalText(l).replace(/\t/g, ' '));
  }
  return [inertText(value)];
}

/**
 * One object as `field  value` lines, nested objects and lists of objects
 * indented below their field: what a show command prints without --json.
 */
export function recordLines(record: Record<string, unknown>, indent = ''): string[] {
  const keys = Object.keys(record);
  const pad = Math.min(24, Math.max(0, ...keys.filter((k) => scalar(record[k])).map((k) => inertText(k).length)));
  const lines: string[] = [];
  for (const key of keys) {
    const value = record[key];
    const name = inertText(key);
    if (isRecord(value)) {
      lines.push(`${indent}${name}:`);
      lines.push(...recordLines(value, `${indent}  `));
    } else if (!scalar(value)) {
      const items = value as unknown[];
      lines.push(`${indent}${name}: ${items.length}`);
      for (const item of items) {
        const sub = isRecord(item) ? recordLines(item, `${indent}    `) : [`${indent}    ${inertText(item)}`];
        lines.push(`${indent}  - ${(sub[0] ?? '').trimStart()}`, ...sub.slice(1));
      }
    } else {
      const [first, ...rest] = valueLines(value, `${indent}${' '.repeat(pad + 2)}`);
      lines.push(`${indent}${name.padEnd(pad)}  ${first}`.trimEnd(), ...rest);
    }
  }
  return lines;
}
