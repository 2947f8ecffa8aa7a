/**
 * The state of the queue screen as a saved view holds it (filters, sort,
 * grouping, columns), and pure helpers to change it.
 */
import { DISPLAY_TIME_ZONE } from '../../format.ts';
import { isOpenQueueStatus } from '../../../../shared/statuses.ts';
import {
  DEFAULT_COLUMNS,
  DEFAULT_SORT,
  QueueColumn,
  type FacetCount,
  type QueueFilters,
  type ViewState,
} from '../../../../shared/triage.ts';

/**
 * The queue as it opens: open work only (a chip says so and removes it), most
 * urgent first. A view saved before `openOnly` existed has no such flag: it
 * shows every report, as it did when it was saved (finished ones now after
 * the open ones by priority), and the absence of the chip says so.
 */
export const DEFAULT_VIEW: ViewState = { filters: { openOnly: true }, sort: DEFAULT_SORT, grouping: 'reports', columns: DEFAULT_COLUMNS };

/** Filter dimensions whose values are a list (checkboxes). */
export const LIST_DIMENSIONS = ['category', 'platform', 'status', 'region', 'country', 'location', 'reporterMode'] as const;
export type ListDimension = (typeof LIST_DIMENSIONS)[number];

/** Yes/no filters: set means "only those". */
export const FLAG_DIMENSIONS = ['imminentDanger', 'overdue', 'hasAttachments', 'quarantined', 'hashMatch'] as const;
export type FlagDimension = (typeof FLAG_DIMENSIONS)[number];

export function listValues(filters: QueueFilters, dimension: ListDimension): readonly string[] {
  return (filters[dimension] as readonly string[] | undefined) ?? [];
}

/**
 * Adds or removes one value of a list filter; an empty list removes the filter.
 * Asking for a finished status (referred, closed, duplicate) drops "open work
 * only", which would hide it.
 */
export function toggleValue(filters: QueueFilters, dimension: ListDimension, value: string): QueueFilters {
  const current = listValues(filters, dimension);
  const adding = !current.includes(value);
  const next = adding ? [...current, value] : current.filter((v) => v !== value);
  const listed = withList(filters, dimension, next);
  return dimension === 'status' && adding && !isOpenQueueStatus(value) ? without(listed, 'openOnly') : listed;
}

/** Open work only, or every report. */
export function withOpenOnly(filters: QueueFilters, on: boolean): QueueFilters {
  return on ? { ...filters, openOnly: true } : without(filters, 'openOnly');
}

/** Live counts of the status dimension split into open and finished reports (null before the first counts). */
export function statusTotals(statusCounts: readonly FacetCount[] | undefined): { open: number; finished: number } | null {
  if (!statusCounts) return null;
  let open = 0;
  let finished = 0;
  for (const { value, count } of statusCounts) {
    if (isOpenQueueStatus(value)) open += count;
    else finished += count;
  }
  return { open, finished };
}

export function withList(filters: QueueFilters, dimension: ListDimension, values: readonly string[]): QueueFilters {
  const copy: Record<string, unknown> = { ...filters };
  if (values.length === 0) delete copy[dimension];
  else copy[dimension] = [...values];
  return copy as QueueFilters;
}

export function withFlag(filters: QueueFilters, dimension: FlagDimension, on: boolean): QueueFilters {
  const copy: QueueFilters = { ...filters };
  if (on) copy[dimension] = true;
  else delete copy[dimension];
  return copy;
}

/** "In a case" (true), "in none" (false), or either (undefined). */
export function withInCase(filters: QueueFilters, inCase: boolean | undefined): QueueFilters {
  const copy: QueueFilters = { ...filters };
  if (inCase === undefined) delete copy.inCase;
  else copy.inCase = inCase;
  return copy;
}

export function without(filters: QueueFilters, key: keyof QueueFilters): QueueFilters {
  const copy: QueueFilters = { ...filters };
  delete copy[key];
  return copy;
}

/** Filters that the analyst set (the search and the cluster are shown apart; open work only is the default view's). */
export function hasFilters(filters: QueueFilters): boolean {
  return Object.keys(filters).some((key) => key !== 'clusterId' && key !== 'openOnly' && filters[key as keyof QueueFilters] !== undefined);
}

/** The same filters, in a canonical form: a stable cache key. */
export function filtersKey(filters: QueueFilters): string {
  const entries = Object.entries(filters)
    .filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(([key, value]) => [key, Array.isArray(value) ? [...(value as string[])].sort() : value] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

export { QUEUE_STATUSES } from '../../../../shared/statuses.ts';

/** Keeps only known columns, in the canonical order, at least one. */
export function normalizeColumns(columns: readonly string[]): QueueColumn[] {
  const known = QueueColumn.options.filter((column) => columns.includes(column));
  return known.length > 0 ? known : [...DEFAULT_COLUMNS];
}

// ---------------------------------------------------------------------------
// Dates: the date inputs give Casablanca calendar days; the core wants instants.

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: DISPLAY_TIME_ZONE, timeZoneName: 'longOffset' });
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Casablanca's UTC offset (+01:00, or +00:00 during Ramadan) around noon of a day. */
function offsetOn(day: string): string {
  const noon = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(noon.getTime())) return '+00:00';
  const name = offsetFormat.formatToParts(noon).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-]\d{2}:\d{2})/.exec(name);
  return match?.[1] ?? '+00:00';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The first instant of a Casablanca day (YYYY-MM-DD), as ISO with offset; null if not a date. */
export function dayStart(day: string): string | null {
  if (!DAY.test(day)) return null;
  return `${day}T00:00:00.000${offsetOn(day)}`;
}

/** The last instant of a Casablanca day. */
export function dayEnd(day: string): string | null {
  if (!DAY.test(day)) return null;
  return `${day}T23:59:59.999${offsetOn(day)}`;
}

/** The Casablanca day (YYYY-MM-DD) of an instant, for the date inputs. */
export function dayOf(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dayFormat.format(date);
}
