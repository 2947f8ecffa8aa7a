/**
 * The queue index's columns: one typed array per dimension of every report,
 * its strings coded through dictionaries, the status and the yes/no
 * dimensions packed in one small code, and one `grow` for every kind of array.
 */
import type { Deadlines, PriorityWeights, QueueStatus } from '../../../shared/triage.ts';
import { OPEN_QUEUE_STATUSES, QUEUE_STATUSES } from '../../../shared/statuses.ts';
import type { ReportIndexRow } from '../../reports/queue-reads.ts';
import { agePoints, categoryPoints, clusterPoints, deadlineMinutes, HASH_LIST_MATCH_POINTS } from '../priority.ts';
import { RowTexts } from './texts.ts';

export const STATUS_CODES: readonly QueueStatus[] = QUEUE_STATUSES;
/** Codes of the statuses still waiting for the team (received, in analysis here or elsewhere): the first ones. */
export const OPEN_MAX_CODE = OPEN_QUEUE_STATUSES.length - 1;
if (!OPEN_QUEUE_STATUSES.every((status, code) => STATUS_CODES[code] === status)) throw new Error('The open statuses must come first.');
export const LOCATIONS = ['morocco', 'abroad'] as const;
export const MODES = ['anonymous', 'identified'] as const;
/**
 * The small dimensions of a row packed in one code: bits 0-2 status, 3 abroad,
 * 4 identified, 5 imminent danger, 6 attachments, 7 quarantined, 8 known-hash
 * list match, and during a query 9 overdue (it depends on the time).
 */
export const DANGER_BIT = 1 << 5;
const QUARANTINED_BIT = 1 << 7;
const HASH_MATCH_BIT = 1 << 8;
export const OVERDUE_BIT = 1 << 9;
export const SMALL_CODES = 1 << 10;
const SMALL_VALUES: readonly (readonly number[])[] = Array.from({ length: SMALL_CODES }, (_, code) => [
  code & 7,
  (code >> 3) & 1,
  (code >> 4) & 1,
  (code >> 5) & 1,
  (code >> 6) & 1,
  (code >> 7) & 1,
  (code >> 8) & 1,
  (code >> 9) & 1,
]);
/** Values of a small code, in the order status, location, mode, danger, attachments, quarantined, hash match, overdue. */
export function smallValues(code: number): readonly number[] {
  return SMALL_VALUES[code]!;
}

/** What a queue row shows of a report beyond the index's dimensions (built from memory: texts.ts says why). */
export interface RowCells {
  id: string;
  category: string;
  platform: string;
  region: string | null;
  country: string;
  reporterMode: string;
  imminentDanger: boolean;
  /** As stored (the index keeps its time as a number too). */
  submittedAt: string;
  revision: number;
  /** The report's status as stored (an unknown one too); the index's status code may say `claimed_other`. */
  status: string;
  statusWorkstation: string | null;
  attachments: number;
  accountHandle: string | null;
  firstUrl: string | null;
}

const TEXT_ACCOUNT = 0;
const TEXT_URL = 1;
/** How a row's submission time is written in the store, from its time: as toISOString, or without its `.000`. */
const DATE_ISO = 0;
const DATE_NO_MILLIS = 1;
/** Neither (kept verbatim in `unusual`). */
const DATE_OTHER = 2;

function idFromNumber(number: number): string {
  return `IBL-${2000 + Math.floor(number / 10_000_000)}-${String(number % 10_000_000).padStart(7, '0')}`;
}

/** Strings of one dimension, coded as small integers in order of first appearance. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
  find(value: string): number | undefined {
    return this.codes.get(value);
  }
  /** Rank of each code when the values are sorted. */
  ranks(): Int32Array {
    const sorted = this.values.map((value, code) => ({ value, code })).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    const ranks = new Int32Array(this.values.length);
    sorted.forEach((entry, rank) => (ranks[entry.code] = rank));
    return ranks;
  }
}

/** The kinds of typed array the columns use. */
type Column = Uint8Array<ArrayBufferLike> | Uint16Array<ArrayBufferLike> | Int16Array<ArrayBufferLike> | Int32Array<ArrayBufferLike> | Float64Array<ArrayBufferLike>;

/** A new array of the same kind with room for `capacity` values, holding the first ones of `array`. */
export function grow<T extends Column>(array: T, capacity: number): T {
  const next = new (array.constructor as new (length: number) => T)(capacity);
  next.set(array.subarray(0, Math.min(array.length, capacity)));
  return next;
}

/** The columns of the index, with the row of each rowid and the size of each cluster. */
export class Columns {
  size = 0;
  private capacity = 0;
  rowid: Int32Array<ArrayBufferLike> = new Int32Array(0);
  category: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  platform: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  status: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  region: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  country: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  /** Status and the yes/no dimensions, packed (see SMALL_VALUES). */
  small: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  danger: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  demo: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  submittedMs: Float64Array<ArrayBufferLike> = new Float64Array(0);
  deadlineMs: Float64Array<ArrayBufferLike> = new Float64Array(0);
  idNumber: Float64Array<ArrayBufferLike> = new Float64Array(0);
  cluster: Int32Array<ArrayBufferLike> = new Int32Array(0);
  priority: Int16Array<ArrayBufferLike> = new Int16Array(0);
  revision: Int32Array<ArrayBufferLike> = new Int32Array(0);
  attachments: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  /** The stored status's code in `statusNames`, and the workstation that set it (its code in `workstations` + 1; 0: none). */
  private statusName: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  private workstation: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  private readonly statusNames = new Dictionary();
  private readonly workstations = new Dictionary();
  private reporterMode: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  private readonly reporterModes = new Dictionary();
  private dateForm: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  /** The account and first URL of each row. Its id and submission time are rebuilt from `idNumber` and `submittedMs`. */
  private readonly texts = new RowTexts(2);
  /** Ids and submission times written otherwise than they are rebuilt (none from the reference service), by row. */
  private readonly unusual = new Map<number, { id?: string; submittedAt?: string }>();
  indexOfRowid: Int32Array<ArrayBufferLike> = new Int32Array(0);
  clusterSizes: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /**
   * The rows of each cluster, as a list threaded through the rows: the first
   * row of a cluster, and the next row of each row, both as index + 1 (0: none).
   */
  private firstInCluster: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private nextInCluster: Int32Array<ArrayBufferLike> = new Int32Array(0);
  readonly dicts = {
    category: new Dictionary(),
    platform: new Dictionary(),
    region: new Dictionary(),
    country: new Dictionary(),
  };

  /**
   * Told before a row's values change (`before`, not for a new row) and once
   * they have (`after`): the live counts follow the rows this way.
   */
  watch: { before(i: number): void; after(i: number): void } | null = null;

  constructor() {
    this.dicts.region.code('none');
  }

  indexOf(rowid: number): number {
    return rowid < this.indexOfRowid.length ? this.indexOfRowid[rowid]! : -1;
  }

  clusterSize(cluster: number): number {
    return cluster > 0 ? (this.clusterSizes[cluster] ?? 1) : 1;
  }

  categoryOf(i: number): string {
    return this.dicts.category.values[this.category[i]!]!;
  }

  /** A row's status (`code`: its code in the index, from `status` and the workstation that set it). */
  setStatus(i: number, code: number, status: string, workstation: string | null): void {
    this.watch?.before(i);
    this.status[i] = code;
    this.small[i] = (this.small[i]! & ~7) | code;
    this.keepStatus(i, status, workstation);
    this.watch?.after(i);
  }

  /** The status as stored and the workstation that set it, as a queue row shows them (`setStatus`, `put`). */
  private keepStatus(i: number, status: string, workstation: string | null): void {
    this.statusName[i] = this.statusNames.code(status);
    this.workstation[i] = workstation === null ? 0 : this.workstations.code(workstation) + 1;
  }

  /** What row `i`'s queue row shows beyond the index's dimensions. */
  cells(i: number): RowCells {
    const workstation = this.workstation[i]!;
    const region = this.dicts.region.values[this.region[i]!]!;
    return {
      id: this.unusual.get(i)?.id ?? idFromNumber(this.idNumber[i]!),
      category: this.dicts.category.values[this.category[i]!]!,
      platform: this.dicts.platform.values[this.platform[i]!]!,
      region: region === 'none' ? null : region,
      country: this.dicts.country.values[this.country[i]!]!,
      reporterMode: this.reporterModes.values[this.reporterMode[i]!]!,
      imminentDanger: this.danger[i] === 1,
      submittedAt: this.submittedText(i),
      revision: this.revision[i]!,
      status: this.statusNames.values[this.statusName[i]!]!,
      statusWorkstation: workstation === 0 ? null : this.workstations.values[workstation - 1]!,
      attachments: this.attachments[i]!,
      accountHandle: this.texts.get(i, TEXT_ACCOUNT),
      firstUrl: this.texts.get(i, TEXT_URL),
    };
  }

  private submittedText(i: number): string {
    const form = this.dateForm[i]!;
    if (form === DATE_OTHER) return this.unusual.get(i)?.submittedAt ?? '';
    const iso = new Date(this.submittedMs[i]!).toISOString();
    return form === DATE_ISO ? iso : iso.replace('.000Z', 'Z');
  }

  /** Notes how row `i`'s id and submission time are written, where they are not rebuilt as they are (`usualId`: idFromNumber gives it back). */
  private noteUnusual(i: number, id: string, usualId: boolean, submittedAt: string): void {
    const form = dateForm(submittedAt, this.submittedMs[i]!);
    this.dateForm[i] = form;
    if (usualId && form !== DATE_OTHER) {
      if (this.unusual.size > 0) this.unusual.delete(i);
      return;
    }
    this.unusual.set(i, { ...(usualId ? {} : { id }), ...(form === DATE_OTHER ? { submittedAt } : {}) });
  }

  /** The index is forgotten (a lock): the rows' texts are overwritten, not left to the garbage collector. */
  wipe(): void {
    this.texts.wipe();
    this.unusual.clear();
  }

  /** Every report was read: the texts' buffer gives back the room its last doubling left. */
  loaded(): void {
    this.texts.trim();
  }

  /**
   * Writes a report's row (a new one, or its own again), with its status code
   * and deadlines; returns its index. `resized` collects the clusters whose
   * size changed, each with its size before the first change.
   */
  put(row: ReportIndexRow, status: number, deadlines: Deadlines, resized?: Map<number, number>): number {
    let i = row.rowid < this.indexOfRowid.length ? this.indexOfRowid[row.rowid]! : -1;
    const cluster = row.cluster_id ?? 0;
    const added = i < 0;
    if (added) {
      i = this.size;
      this.reserve(i + 1, row.rowid);
      this.size += 1;
      this.indexOfRowid[row.rowid] = i;
      this.rowid[i] = row.rowid;
      if (cluster > 0) this.noteSize(resized, cluster);
    } else {
      this.watch?.before(i);
      const previous = this.cluster[i]!;
      if (previous !== cluster) {
        if (previous > 0) this.noteSize(resized, previous);
        if (cluster > 0) this.noteSize(resized, cluster);
      }
      if (previous > 0) this.clusterSizes[previous] = (this.clusterSizes[previous] ?? 1) - 1;
      if (previous !== cluster && previous > 0) this.unlink(i, previous);
    }
    this.category[i] = this.dicts.category.code(row.category);
    this.platform[i] = this.dicts.platform.code(row.platform);
    this.status[i] = status;
    this.region[i] = this.dicts.region.code(row.region ?? 'none');
    this.country[i] = this.dicts.country.code(row.country);
    this.danger[i] = row.imminent_danger;
    this.small[i] =
      status |
      ((row.country === 'MA' ? 0 : 1) << 3) |
      ((row.reporter_mode === 'identified' ? 1 : 0) << 4) |
      (row.imminent_danger << 5) |
      ((row.attachments > 0 ? 1 : 0) << 6) |
      (this.small[i]! & (QUARANTINED_BIT | HASH_MATCH_BIT));
    this.demo[i] = row.demo;
    this.revision[i] = row.revision;
    this.attachments[i] = Math.min(row.attachments, 0xffff);
    this.keepStatus(i, row.status, row.status_workstation);
    this.texts.set(i, TEXT_ACCOUNT, row.account_handle);
    this.texts.set(i, TEXT_URL, row.first_url);
    this.reporterMode[i] = this.reporterModes.code(row.reporter_mode);
    this.submittedMs[i] = Date.parse(row.submitted_at);
    const id = idParts(row.id);
    this.idNumber[i] = id ? Math.max(0, id.year - 2000) * 10_000_000 + id.number : 0;
    this.noteUnusual(i, row.id, id !== null && id.year >= 2000, row.submitted_at);
    const linked = this.cluster[i] === cluster && cluster > 0 && !added;
    this.cluster[i] = cluster;
    if (cluster > 0) {
      if (cluster >= this.clusterSizes.length) {
        const length = Math.max(cluster + 1, this.clusterSizes.length * 2);
        this.clusterSizes = grow(this.clusterSizes, length);
        this.firstInCluster = grow(this.firstInCluster, length);
      }
      this.clusterSizes[cluster] = (this.clusterSizes[cluster] ?? 0) + 1;
      if (!linked) {
        this.nextInCluster[i] = this.firstInCluster[cluster]!;
        this.firstInCluster[cluster] = i + 1;
      }
    }
    this.deadlineMs[i] = this.deadlineOf(i, deadlines);
    this.watch?.after(i);
    return i;
  }

  private noteSize(resized: Map<number, number> | undefined, cluster: number): void {
    if (resized && !resized.has(cluster)) resized.set(cluster, cluster < this.clusterSizes.length ? this.clusterSizes[cluster]! : 0);
  }

  /** The rows of these clusters (each cluster's list: no pass over every row). */
  rowsOfClusters(clusters: Iterable<number>): number[] {
    const rows: number[] = [];
    for (const cluster of new Set(clusters)) {
      if (cluster <= 0 || cluster >= this.firstInCluster.length) continue;
      for (let next = this.firstInCluster[cluster]!; next !== 0; next = this.nextInCluster[next - 1]!) rows.push(next - 1);
    }
    return rows;
  }

  /** Takes row `i` out of its cluster's list (it moved to another cluster). */
  private unlink(i: number, cluster: number): void {
    if (this.firstInCluster[cluster] === i + 1) {
      this.firstInCluster[cluster] = this.nextInCluster[i]!;
    } else {
      let before = this.firstInCluster[cluster]!;
      while (before !== 0 && this.nextInCluster[before - 1] !== i + 1) before = this.nextInCluster[before - 1]!;
      if (before !== 0) this.nextInCluster[before - 1] = this.nextInCluster[i]!;
    }
    this.nextInCluster[i] = 0;
  }

  private scratchBytes = new Uint8Array(0);

  /**
   * A zeroed array of `n` bytes, reused from call to call (a fresh one of a
   * million costs its page faults: see ordering.ts); the caller zeroes it
   * again before it returns, and calls nothing that uses it meanwhile.
   */
  scratch(n: number): Uint8Array {
    if (this.scratchBytes.length < n) this.scratchBytes = new Uint8Array(n + (n >> 4) + 1024);
    return this.scratchBytes.subarray(0, n);
  }

  /** Every row's deadline again (new deadlines). */
  setDeadlines(deadlines: Deadlines): void {
    for (let i = 0; i < this.size; i++) this.deadlineMs[i] = this.deadlineOf(i, deadlines);
  }

  private deadlineOf(i: number, deadlines: Deadlines): number {
    return this.submittedMs[i]! + deadlineMinutes(deadlines, this.categoryOf(i), this.danger[i] === 1) * 60_000;
  }

  /** Marks the reports that have a quarantined attachment (and only them); returns the rows whose mark changed. */
  markQuarantined(rowids: Iterable<number>): number[] {
    return this.markBit(QUARANTINED_BIT, rowids);
  }

  /** Marks the reports with an attachment on a known-hash list (and only them); returns the rows whose mark changed (their priority did). */
  markHashMatched(rowids: Iterable<number>): number[] {
    return this.markBit(HASH_MATCH_BIT, rowids);
  }

  /** Whether a row carries a known-hash list match. */
  hashMatched(i: number): boolean {
    return (this.small[i]! & HASH_MATCH_BIT) !== 0;
  }

  /** For each mark bit, the rows that carry it: only the rows that gain or lose a mark are visited. */
  private readonly markedRows = new Map<number, Set<number>>();

  private markBit(bit: number, rowids: Iterable<number>): number[] {
    // One pass over the marked rows, not over every row: a sync refresh reads the marks
    // again each time, and a pass over a million rows cost 4-14 ms of the time a queue request waited.
    const before = this.markedRows.get(bit) ?? new Set<number>();
    const after = new Set<number>();
    for (const rowid of rowids) {
      const i = this.indexOf(rowid);
      if (i >= 0) after.add(i);
    }
    const changed: number[] = [];
    const flip = (i: number, next: number): void => {
      this.watch?.before(i);
      this.small[i] = next;
      this.watch?.after(i);
      changed.push(i);
    };
    for (const i of after) if ((this.small[i]! & bit) === 0) flip(i, this.small[i]! | bit);
    for (const i of before) if (!after.has(i) && (this.small[i]! & bit) !== 0) flip(i, this.small[i]! & ~bit);
    this.markedRows.set(bit, after);
    return changed;
  }

  /**
   * Every row's priority at `nowMs` (waiting adds points); returns the rows
   * whose priority changed. Priority applies to open work: a finished report
   * (referred, closed, duplicate) scores 0.
   */
  score(weights: PriorityWeights, nowMs: number): number[] {
    const categoryPointsByCode = this.dicts.category.values.map((category) => categoryPoints(weights, category));
    const changed: number[] = [];
    for (let i = 0; i < this.size; i++) {
      const next = this.scoreOf(i, weights, nowMs, categoryPointsByCode);
      if (next !== this.priority[i]) {
        this.priority[i] = next;
        changed.push(i);
      }
    }
    return changed;
  }

  /** The priority of these rows only, at `nowMs` (rows that changed since the last `score`). */
  scoreRows(rows: Iterable<number>, weights: PriorityWeights, nowMs: number): void {
    const categoryPointsByCode = this.dicts.category.values.map((category) => categoryPoints(weights, category));
    for (const i of rows) this.priority[i] = this.scoreOf(i, weights, nowMs, categoryPointsByCode);
  }

  private scoreOf(i: number, weights: PriorityWeights, nowMs: number, categoryPointsByCode: readonly number[]): number {
    if (this.status[i]! > OPEN_MAX_CODE) return 0;
    return (
      categoryPointsByCode[this.category[i]!]! +
      (this.danger[i] === 1 ? weights.imminentDanger : 0) +
      clusterPoints(weights, this.clusterSize(this.cluster[i]!)) +
      agePoints(weights, nowMs - this.submittedMs[i]!, true) +
      ((this.small[i]! & HASH_MATCH_BIT) !== 0 ? HASH_LIST_MATCH_POINTS : 0)
    );
  }

  /** Room for `needed` rows and for `rowid` in the rowid lookup. */
  private reserve(needed: number, rowid: number): void {
    if (rowid >= this.indexOfRowid.length) {
      const length = this.indexOfRowid.length;
      this.indexOfRowid = grow(this.indexOfRowid, Math.max(rowid + 1, length * 2, 1024));
      this.indexOfRowid.fill(-1, length);
    }
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, this.capacity * 2, 1024);
    this.rowid = grow(this.rowid, capacity);
    this.category = grow(this.category, capacity);
    this.platform = grow(this.platform, capacity);
    this.status = grow(this.status, capacity);
    this.region = grow(this.region, capacity);
    this.country = grow(this.country, capacity);
    this.small = grow(this.small, capacity);
    this.danger = grow(this.danger, capacity);
    this.demo = grow(this.demo, capacity);
    this.submittedMs = grow(this.submittedMs, capacity);
    this.deadlineMs = grow(this.deadlineMs, capacity);
    this.idNumber = grow(this.idNumber, capacity);
    this.cluster = grow(this.cluster, capacity);
    this.nextInCluster = grow(this.nextInCluster, capacity);
    this.priority = grow(this.priority, capacity);
    this.revision = grow(this.revision, capacity);
    this.attachments = grow(this.attachments, capacity);
    this.statusName = grow(this.statusName, capacity);
    this.workstation = grow(this.workstation, capacity);
    this.reporterMode = grow(this.reporterMode, capacity);
    this.dateForm = grow(this.dateForm, capacity);
    this.texts.reserve(capacity);
    this.capacity = capacity;
  }
}

/**
 * The year and number of an id written IBL-YYYY-NNNNNNN (null otherwise), read by hand (a million of them at each
 * load); `idNumber` is (year - 2000) x 10^7 + number, which sorts like the id (years 2000 and later).
 */
function idParts(id: string): { year: number; number: number } | null {
  if (id.length !== 16 || !id.startsWith('IBL-') || id.charCodeAt(8) !== 45) return null;
  const year = digits(id, 4, 8);
  const number = digits(id, 9, 16);
  return year < 0 || number < 0 ? null : { year, number };
}

/** The decimal number in id[from, to), or -1 if a character is not a digit. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let k = from; k < to; k++) {
    const digit = text.charCodeAt(k) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * How a submission time is written, given its time: as toISOString writes it, the same without `.000`, or otherwise.
 * These two forms have fixed widths: a time read from one of them is written back the same, except where the date
 * rolled over (a 30th of February, a 24th hour, a 60th minute or second): those are compared in full.
 */
function dateForm(text: string, ms: number): number {
  if (!Number.isFinite(ms)) return DATE_OTHER;
  const length = text.length;
  const shaped =
    (length === 24 ? text.charCodeAt(19) === 46 : length === 20) &&
    text.charCodeAt(length - 1) === 90 &&
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 84 &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58;
  if (!shaped) return DATE_OTHER;
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  const inRange = digits(text, 0, 4) >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour >= 0 && hour <= 23;
  if (inRange && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && (length === 20 || digits(text, 20, 23) >= 0)) {
    return length === 24 ? DATE_ISO : DATE_NO_MILLIS;
  }
  const iso = new Date(ms).toISOString();
  return text === iso ? DATE_ISO : text === iso.replace('.000Z', 'Z') ? DATE_NO_MILLIS : DATE_OTHER;
}
