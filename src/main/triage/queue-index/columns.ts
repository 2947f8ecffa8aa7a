/**
 * The queue index's columns: one typed array per dimension of every report,
 * its strings coded through dictionaries, the status and the yes/no
 * dimensions packed in one small code, and one `grow` for every kind of array.
 */
import type { Deadlines, PriorityWeights, QueueStatus } from '../../../shared/triage.ts';
import { OPEN_QUEUE_STATUSES, QUEUE_STATUSES } from '../../../shared/statuses.ts';
import type { ReportIndexRow } from '../../reports/queue-reads.ts';
import { agePoints, categoryPoints, clusterPoints, deadlineMinutes, HASH_LIST_MATCH_POINTS } from '../priority.ts';

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

  setStatusCode(i: number, code: number): void {
    this.watch?.before(i);
    this.status[i] = code;
    this.small[i] = (this.small[i]! & ~7) | code;
    this.watch?.after(i);
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
      (row.has_attachments << 6) |
      (this.small[i]! & (QUARANTINED_BIT | HASH_MATCH_BIT));
    this.demo[i] = row.demo;
    this.submittedMs[i] = Date.parse(row.submitted_at);
    this.idNumber[i] = idNumber(row.id);
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
    this.capacity = capacity;
  }
}

/** IBL-YYYY-NNNNNNN as a number that sorts like the id (years 2000 to 2099). */
function idNumber(id: string): number {
  const match = /^IBL-(\d{4})-(\d{7})$/.exec(id);
  if (!match) return 0;
  return Math.max(0, Number(match[1]) - 2000) * 10_000_000 + Number(match[2]);
}
