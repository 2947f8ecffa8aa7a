/**
 * The triage settings as the form edits them: every value as typed text (a
 * deadline as an amount and a unit), checked against the ranges of the shared
 * schema, and turned back into a full TriageSettings for `triage.updateSettings`.
 * Also the score of the worked example, by the same rules as the core.
 */
import { Deadlines, KNOWN_CATEGORIES, PriorityWeights, TriageSettings } from '../../../../shared/triage.ts';
import type { UiLocale } from '../../../../shared/schemas.ts';
import type { MessageKey, Translate } from '../../i18n/fr.ts';

/** A row of the table: a known category, categories the workstation does not know, or imminent danger. */
export const UNLISTED = '@unlisted';
export const IMMINENT = '@imminent';
export type RowKey = (typeof KNOWN_CATEGORIES)[number] | typeof UNLISTED | typeof IMMINENT;
export const ROWS: readonly RowKey[] = [...KNOWN_CATEGORIES, UNLISTED, IMMINENT];

export const SCALARS = ['clusterPerDoubling', 'clusterMax', 'agePerDay', 'ageMax'] as const;
export type Scalar = (typeof SCALARS)[number];

export type Unit = 'minutes' | 'hours' | 'days';
export const UNITS: readonly Unit[] = ['minutes', 'hours', 'days'];
const UNIT_MINUTES: Readonly<Record<Unit, number>> = { minutes: 1, hours: 60, days: 24 * 60 };

export interface DeadlineDraft {
  readonly amount: string;
  readonly unit: Unit;
}

export interface TriageDraft {
  readonly points: Readonly<Record<RowKey, string>>;
  readonly deadlines: Readonly<Record<RowKey, DeadlineDraft>>;
  readonly scalars: Readonly<Record<Scalar, string>>;
}

/** A field of the form, as named in problems and in `data-field`: `points:fraud`, `deadline:@imminent`, `clusterMax`. */
export type FieldId = `points:${RowKey}` | `deadline:${RowKey}` | Scalar;
export type Problems = Readonly<Partial<Record<FieldId, MessageKey>>>;

export interface Range {
  readonly min: number;
  readonly max: number;
}

function range(schema: { readonly minValue: number | null; readonly maxValue: number | null }): Range {
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** The ranges come from the shared schema, so that the form refuses exactly what the core would. */
export const POINTS_RANGE = range(PriorityWeights.shape.otherCategory);
export const SCALAR_RANGES: Readonly<Record<Scalar, Range>> = {
  clusterPerDoubling: range(PriorityWeights.shape.clusterPerDoubling),
  clusterMax: range(PriorityWeights.shape.clusterMax),
  agePerDay: range(PriorityWeights.shape.agePerDay),
  ageMax: range(PriorityWeights.shape.ageMax),
};
export const DEADLINE_RANGE = range(Deadlines.shape.otherMinutes);

/** The largest unit that expresses the minutes exactly: 240 → 4 hours, 4320 → 3 days, 90 → 90 minutes. */
export function deadlineDraft(minutes: number): DeadlineDraft {
  const unit: Unit = minutes % UNIT_MINUTES.days === 0 ? 'days' : minutes % UNIT_MINUTES.hours === 0 ? 'hours' : 'minutes';
  return { amount: String(minutes / UNIT_MINUTES[unit]), unit };
}

function pointsOf(settings: TriageSettings, row: RowKey): number {
  const { weights } = settings;
  if (row === IMMINENT) return weights.imminentDanger;
  if (row === UNLISTED) return weights.otherCategory;
  // A known category the settings do not list gets the points of unlisted ones, as in the core.
  return weights.category[row] ?? weights.otherCategory;
}

function minutesOf(settings: TriageSettings, row: RowKey): number {
  const { deadlines } = settings;
  if (row === IMMINENT) return deadlines.imminentDangerMinutes;
  if (row === UNLISTED) return deadlines.otherMinutes;
  return deadlines.categoryMinutes[row] ?? deadlines.otherMinutes;
}

function mapRows<T>(make: (row: RowKey) => T): Record<RowKey, T> {
  return Object.fromEntries(ROWS.map((row) => [row, make(row)])) as Record<RowKey, T>;
}

export function draftOf(settings: TriageSettings): TriageDraft {
  return {
    points: mapRows((row) => String(pointsOf(settings, row))),
    deadlines: mapRows((row) => deadlineDraft(minutesOf(settings, row))),
    scalars: {
      clusterPerDoubling: String(settings.weights.clusterPerDoubling),
      clusterMax: String(settings.weights.clusterMax),
      agePerDay: String(settings.weights.agePerDay),
      ageMax: String(settings.weights.ageMax),
    },
  };
}

/** A whole number typed in the field, or null. */
function wholeNumber(text: string): number | null {
  return /^\s*\d{1,7}\s*$/.test(text) ? Number(text) : null;
}

function within(value: number | null, { min, max }: Range): value is number {
  return value !== null && value >= min && value <= max;
}

export function pointsValue(text: string, bounds: Range = POINTS_RANGE): number | null {
  const value = wholeNumber(text);
  return within(value, bounds) ? value : null;
}

export function deadlineMinutesValue(draft: DeadlineDraft): number | null {
  const amount = wholeNumber(draft.amount);
  if (amount === null) return null;
  const minutes = amount * UNIT_MINUTES[draft.unit];
  return within(minutes, DEADLINE_RANGE) ? minutes : null;
}

/** Whether the form differs from the saved values, compared as values ("4 h" and "240 min" are the same). */
export function draftChanged(draft: TriageDraft, saved: TriageDraft): boolean {
  const points = (text: string): string => String(wholeNumber(text) ?? text.trim());
  const deadline = (value: DeadlineDraft): string => String(deadlineMinutesValue(value) ?? `${value.amount.trim()} ${value.unit}`);
  return (
    ROWS.some((row) => points(draft.points[row]) !== points(saved.points[row]) || deadline(draft.deadlines[row]) !== deadline(saved.deadlines[row])) ||
    SCALARS.some((scalar) => points(draft.scalars[scalar]) !== points(saved.scalars[scalar]))
  );
}

export type Checked = { readonly ok: true; readonly settings: TriageSettings } | { readonly ok: false; readonly problems: Problems };

/**
 * The settings to save, or what is wrong field by field. Categories the saved
 * settings hold beyond the known ones (set elsewhere) are kept as they are.
 */
export function checkDraft(draft: TriageDraft, saved: TriageSettings): Checked {
  const problems: Partial<Record<FieldId, MessageKey>> = {};
  const points = mapRows((row) => {
    const value = pointsValue(draft.points[row]);
    if (value === null) problems[`points:${row}`] = 'settings.triage.invalid.points';
    return value ?? 0;
  });
  const minutes = mapRows((row) => {
    const value = deadlineMinutesValue(draft.deadlines[row]);
    if (value === null) problems[`deadline:${row}`] = 'settings.triage.invalid.deadline';
    return value ?? 0;
  });
  const scalars = {} as Record<Scalar, number>;
  for (const scalar of SCALARS) {
    const value = pointsValue(draft.scalars[scalar], SCALAR_RANGES[scalar]);
    if (value === null) problems[scalar] = 'settings.triage.invalid.points';
    scalars[scalar] = value ?? 0;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };

  const category: Record<string, number> = { ...saved.weights.category };
  const categoryMinutes: Record<string, number> = { ...saved.deadlines.categoryMinutes };
  for (const known of KNOWN_CATEGORIES) {
    category[known] = points[known];
    categoryMinutes[known] = minutes[known];
  }
  const settings = TriageSettings.parse({
    weights: { category, otherCategory: points[UNLISTED], imminentDanger: points[IMMINENT], ...scalars },
    deadlines: { categoryMinutes, otherMinutes: minutes[UNLISTED], imminentDangerMinutes: minutes[IMMINENT] },
  });
  return { ok: true, settings };
}

/** The order fields are checked in, to focus the first wrong one. */
export const FIELD_ORDER: readonly FieldId[] = [...ROWS.flatMap((row): FieldId[] => [`points:${row}`, `deadline:${row}`]), ...SCALARS];

const INTL_LOCALE: Readonly<Record<UiLocale, string>> = { fr: 'fr-MA', ar: 'ar-MA' };
/**
 * French reads durations abbreviated ("4 h", "3 j"); Arabic has no customary
 * abbreviations, and its full unit names agree with the number ("ساعتان",
 * "3 أيام", "11 ساعة"), which Intl knows.
 */
const UNIT_DISPLAY: Readonly<Record<UiLocale, 'short' | 'long'>> = { fr: 'short', ar: 'long' };
const unitFormats = new Map<string, Intl.NumberFormat>();

/** A number of minutes, hours or days in the interface's language: "4 h", "3 j"; "4 ساعات", "3 أيام". */
export function formatUnit(locale: UiLocale, unit: 'minute' | 'hour' | 'day', value: number, display: 'short' | 'long' = UNIT_DISPLAY[locale]): string {
  const cacheKey = `${locale}/${unit}/${display}`;
  let format = unitFormats.get(cacheKey);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'unit', unit, unitDisplay: display });
    unitFormats.set(cacheKey, format);
  }
  // The narrow no-break space of French ("90 j") looks like no space at all in small text: a plain no-break space.
  return format.format(value).replace(/\u202f/g, '\u00a0');
}

/** The params of a unit's name in the unit select: the amount typed chooses its plural form (none typed: the general form). */
export function unitCount(amount: string): { readonly count: number } | undefined {
  const count = wholeNumber(amount);
  return count === null ? undefined : { count };
}

/** A deadline as the analyst reads it: "45 min", "1 h", "1 h 30 min", "3 j", "1 j 12 h". */
export function formatMinutes(t: Translate, locale: UiLocale, total: number): string {
  const days = Math.floor(total / UNIT_MINUTES.days);
  const hours = Math.floor((total % UNIT_MINUTES.days) / UNIT_MINUTES.hours);
  const minutes = total % UNIT_MINUTES.hours;
  const parts =
    days > 0 && minutes === 0
      ? [formatUnit(locale, 'day', days), hours > 0 ? formatUnit(locale, 'hour', hours) : null]
      : [days * 24 + hours > 0 ? formatUnit(locale, 'hour', days * 24 + hours) : null, minutes > 0 || total === 0 ? formatUnit(locale, 'minute', minutes) : null];
  const [first, second] = parts.filter((part): part is string => part !== null);
  return second ? t('settings.triage.span.join', { first: first ?? '', second }) : (first ?? '');
}

/** The worked example: a report of this category, with imminent danger, reported this many times, waiting this many days. */
export const EXAMPLE = { category: 'sextortion', reports: 8, days: 3 } as const;

export interface ExampleInput {
  readonly categoryPoints: number;
  readonly imminentPoints: number;
  readonly clusterPerDoubling: number;
  readonly clusterMax: number;
  readonly agePerDay: number;
  readonly ageMax: number;
  readonly categoryMinutes: number;
  readonly imminentMinutes: number;
}

export interface ExampleTerms {
  readonly category: number;
  readonly imminentDanger: number;
  readonly doublings: number;
  readonly clusterPerDoubling: number;
  readonly cluster: number;
  /** The cluster points before the cap, when the cap applies. */
  readonly clusterUncapped: number | null;
  readonly agePerDay: number;
  readonly age: number;
  readonly ageUncapped: number | null;
  readonly total: number;
  readonly deadlineMinutes: number;
}

/**
 * The example's score and deadline by the core's rules (src/main/triage/priority.ts,
 * which the renderer may not import): points per doubling of the number of
 * reports and per whole day waiting, each capped; imminent danger keeps the
 * shorter of the two deadlines.
 */
export function exampleTerms(input: ExampleInput): ExampleTerms {
  const doublings = Math.floor(Math.log2(EXAMPLE.reports));
  const clusterRaw = doublings * input.clusterPerDoubling;
  const cluster = Math.min(input.clusterMax, clusterRaw);
  const ageRaw = EXAMPLE.days * input.agePerDay;
  const age = Math.min(input.ageMax, ageRaw);
  return {
    category: input.categoryPoints,
    imminentDanger: input.imminentPoints,
    doublings,
    clusterPerDoubling: input.clusterPerDoubling,
    cluster,
    clusterUncapped: clusterRaw > cluster ? clusterRaw : null,
    agePerDay: input.agePerDay,
    age,
    ageUncapped: ageRaw > age ? ageRaw : null,
    total: input.categoryPoints + input.imminentPoints + cluster + age,
    deadlineMinutes: Math.min(input.categoryMinutes, input.imminentMinutes),
  };
}

/** The example from what the form holds: a value being typed that is not valid yet counts as its saved value. */
export function exampleFromDraft(draft: TriageDraft, saved: TriageDraft): ExampleTerms {
  const row = EXAMPLE.category;
  const points = (text: string, fallback: string, bounds: Range = POINTS_RANGE): number => pointsValue(text, bounds) ?? pointsValue(fallback, bounds) ?? 0;
  const scalar = (name: Scalar): number => points(draft.scalars[name], saved.scalars[name], SCALAR_RANGES[name]);
  const minutes = (key: RowKey): number => deadlineMinutesValue(draft.deadlines[key]) ?? deadlineMinutesValue(saved.deadlines[key]) ?? 0;
  return exampleTerms({
    categoryPoints: points(draft.points[row], saved.points[row]),
    imminentPoints: points(draft.points[IMMINENT], saved.points[IMMINENT]),
    clusterPerDoubling: scalar('clusterPerDoubling'),
    clusterMax: scalar('clusterMax'),
    agePerDay: scalar('agePerDay'),
    ageMax: scalar('ageMax'),
    categoryMinutes: minutes(row),
    imminentMinutes: minutes(IMMINENT),
  });
}
