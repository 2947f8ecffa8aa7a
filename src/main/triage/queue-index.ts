/**
 * The triage queue's index: one compact column per filter dimension, in
 * typed arrays, for every report of the store. The encrypted store stays the
 * only record; this is a cache of small codes rebuilt at unlock and kept up
 * to date from what sync (the rowids each page touched) and the analyst change.
 *
 * Why not SQL for this part: counting two combined filters over a million
 * rows takes SQLite hundreds of milliseconds (`count(*)` must visit every
 * matching row), and the queue needs, for every query, the total and the live
 * count of every value of every filter. One pass over a few typed arrays
 * gives all of them in a few milliseconds; SQLite still does the full-text
 * search (FTS5), and reads the page's rows by rowid.
 */
import type { Db } from '../store/database.ts';
import { FACET_DIMENSIONS, type Deadlines, type FacetCount, type FacetDimension, type PriorityWeights, type QueueFilters, type QueueStatus, type SortKey } from '../../shared/triage.ts';
import { OPEN_QUEUE_STATUSES, QUEUE_STATUSES } from '../../shared/statuses.ts';
import { indexRowChunks, indexRowsByRowid, reportStatuses, rowidsWithQuarantinedAttachments, type ReportIndexRow } from '../reports/queue-reads.ts';
import { agePoints, categoryPoints, clusterPoints, deadlineMinutes } from './priority.ts';

const STATUS_CODES: readonly QueueStatus[] = QUEUE_STATUSES;
/** Codes of the statuses still waiting for the team (received, in analysis here or elsewhere): the first ones. */
const OPEN_MAX_CODE = OPEN_QUEUE_STATUSES.length - 1;
if (!OPEN_QUEUE_STATUSES.every((status, code) => STATUS_CODES[code] === status)) throw new Error('The open statuses must come first.');
const LOCATIONS = ['morocco', 'abroad'] as const;
const MODES = ['anonymous', 'identified'] as const;
/**
 * The small dimensions of a row packed in one code: bits 0-2 status, 3 abroad,
 * 4 identified, 5 imminent danger, 6 attachments, 7 quarantined, and during a
 * query 8 overdue (it depends on the time).
 */
const QUARANTINED_BIT = 1 << 7;
const OVERDUE_BIT = 1 << 8;
const SMALL_CODES = 1 << 9;
const SMALL_VALUES: readonly (readonly number[])[] = Array.from({ length: SMALL_CODES }, (_, code) => [
  code & 7,
  (code >> 3) & 1,
  (code >> 4) & 1,
  (code >> 5) & 1,
  (code >> 6) & 1,
  (code >> 7) & 1,
  (code >> 8) & 1,
]);
/** Values of a small code, in the order status, location, mode, danger, attachments, quarantined, overdue. */
function smallValues(code: number): readonly number[] {
  return SMALL_VALUES[code]!;
}
const BOOL = ['false', 'true'] as const;
/** Low bits of a packed sort key: enough for 4,194,304 reports. */
const LOW = 4_194_304;
const EPOCH_2000_S = 946_684_800;

/** Strings of one dimension, coded as small integers in order of first appearance. */
class Dictionary {
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

export type IndexRow = ReportIndexRow;

export interface Scoring {
  weights: PriorityWeights;
  deadlines: Deadlines;
  /** This workstation's id: in analysis elsewhere is `claimed_other`. */
  workstationId: string | null;
}

/** A query's filters, compiled into lookup tables. */
interface Compiled {
  allow: (Uint8Array | null)[];
  fromMs: number;
  toMs: number;
  clusterId: number | null;
}

/** Dimension order of the compiled filters and of the per-row values. */
const DIMS: readonly FacetDimension[] = FACET_DIMENSIONS;

export interface Selection {
  /** Matching rows (indexes into the columns), in the requested order. */
  rows: Int32Array;
  /** In cluster grouping: for each row of `rows`, the number of matching reports of its cluster. */
  clusterMatches: Int32Array | null;
  facets: Record<string, FacetCount[]> | null;
}

export class QueueIndex {
  size = 0;
  generation = 1;
  private capacity = 0;
  rowid: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private category: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  private platform: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  private status: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private region: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  private country: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  /** Status and the yes/no dimensions, packed (see SMALL_VALUES). */
  private small: Uint16Array<ArrayBufferLike> = new Uint16Array(0);
  private danger: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private demo: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private submittedMs: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private deadlineMs: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private idNumber: Float64Array<ArrayBufferLike> = new Float64Array(0);
  cluster: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private priority: Int16Array<ArrayBufferLike> = new Int16Array(0);
  private indexOfRowid: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private clusterSizes: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private readonly dicts = {
    category: new Dictionary(),
    platform: new Dictionary(),
    region: new Dictionary(),
    country: new Dictionary(),
  };
  private orders = new Map<string, Int32Array>();
  private readonly counted = new Map<string, { match: Uint8Array; total: number; facets: Record<string, FacetCount[]> | null }>();
  private priorityAt = 0;
  private scoring: Scoring;

  /** `generation`: where this index's generations start (above any earlier index's). */
  constructor(scoring: Scoring, generation = 1) {
    this.scoring = scoring;
    this.generation = generation;
    this.dicts.region.code('none');
  }

  // -------------------------------------------------------------------------
  // Loading and keeping up to date

  /** Reads every report, in chunks; `pause` lets the caller's event loop breathe between them. */
  async load(db: Db, pause: () => Promise<void> = async () => {}): Promise<void> {
    const chunk = indexRowChunks(db, 25_000);
    let after = 0;
    for (;;) {
      const rows = chunk(after);
      if (rows.length === 0) break;
      for (const row of rows) this.put(row);
      after = rows[rows.length - 1]!.rowid;
      await pause();
    }
    this.readQuarantined(db);
    this.changed();
  }

  /** Reads again the reports sync inserted or changed, and which have quarantined attachments. */
  refresh(db: Db, rowids: Iterable<number>): number {
    const rows = indexRowsByRowid(db, rowids);
    for (const row of rows) this.put(row);
    const quarantineChanged = this.readQuarantined(db);
    if (rows.length > 0 || quarantineChanged) this.changed();
    return rows.length;
  }

  /** A status set on this workstation: shown at once. */
  setStatus(rowid: number, status: string, workstationId: string | null): void {
    const i = this.indexOfRowid[rowid] ?? -1;
    if (i < 0) return;
    this.setStatusCode(i, this.statusCode(status, workstationId));
    this.changed();
  }

  /** New weights or deadlines, or another workstation id. */
  rescore(scoring: Scoring, db: Db): void {
    const workstationChanged = scoring.workstationId !== this.scoring.workstationId;
    this.scoring = scoring;
    if (workstationChanged) {
      // `claimed_other` depends on which workstation this is: read the statuses again.
      for (const row of reportStatuses(db)) {
        const i = this.indexOfRowid[row.rowid] ?? -1;
        if (i >= 0) this.setStatusCode(i, this.statusCode(row.status, row.status_workstation));
      }
    }
    for (let i = 0; i < this.size; i++) this.deadlineMs[i] = this.deadlineOf(i);
    this.changed();
  }

  /** Something outside the index that queries depend on changed (case memberships): cached results are stale. */
  touch(): void {
    this.changed();
  }

  private changed(): void {
    this.generation += 1;
    this.orders.clear();
    this.counted.clear();
    this.priorityAt = 0;
  }

  private setStatusCode(i: number, code: number): void {
    this.status[i] = code;
    this.small[i] = (this.small[i]! & ~7) | code;
  }

  private statusCode(status: string, workstationId: string | null): number {
    if (status === 'in_analysis' && workstationId !== null && this.scoring.workstationId !== null && workstationId !== this.scoring.workstationId) return 2;
    const code = STATUS_CODES.indexOf(status as QueueStatus);
    return code < 0 ? 0 : code;
  }

  private deadlineOf(i: number): number {
    const category = this.dicts.category.values[this.category[i]!]!;
    return this.submittedMs[i]! + deadlineMinutes(this.scoring.deadlines, category, this.danger[i] === 1) * 60_000;
  }

  private put(row: IndexRow): void {
    let i = row.rowid < this.indexOfRowid.length ? this.indexOfRowid[row.rowid]! : -1;
    if (i < 0) {
      i = this.size;
      this.grow(i + 1, row.rowid);
      this.size += 1;
      this.indexOfRowid[row.rowid] = i;
      this.rowid[i] = row.rowid;
    } else {
      const previous = this.cluster[i]!;
      if (previous > 0) this.clusterSizes[previous] = (this.clusterSizes[previous] ?? 1) - 1;
    }
    this.category[i] = this.dicts.category.code(row.category);
    this.platform[i] = this.dicts.platform.code(row.platform);
    const status = this.statusCode(row.status, row.status_workstation);
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
      (this.small[i]! & QUARANTINED_BIT);
    this.demo[i] = row.demo;
    this.submittedMs[i] = Date.parse(row.submitted_at);
    this.idNumber[i] = idNumber(row.id);
    const cluster = row.cluster_id ?? 0;
    this.cluster[i] = cluster;
    if (cluster > 0) {
      if (cluster >= this.clusterSizes.length) this.clusterSizes = growInt32(this.clusterSizes, Math.max(cluster + 1, this.clusterSizes.length * 2));
      this.clusterSizes[cluster] = (this.clusterSizes[cluster] ?? 0) + 1;
    }
    this.deadlineMs[i] = this.deadlineOf(i);
  }

  /** Marks the reports that have a quarantined attachment; returns whether any mark changed. */
  private readQuarantined(db: Db): boolean {
    const marked = new Uint8Array(this.size);
    for (const rowid of rowidsWithQuarantinedAttachments(db)) {
      const i = this.indexOfRowid[rowid] ?? -1;
      if (i >= 0) marked[i] = 1;
    }
    let changed = false;
    for (let i = 0; i < this.size; i++) {
      const next = marked[i] === 1 ? this.small[i]! | QUARANTINED_BIT : this.small[i]! & ~QUARANTINED_BIT;
      if (next !== this.small[i]) {
        this.small[i] = next;
        changed = true;
      }
    }
    return changed;
  }

  private grow(needed: number, rowid: number): void {
    if (rowid >= this.indexOfRowid.length) {
      const next = new Int32Array(Math.max(rowid + 1, this.indexOfRowid.length * 2, 1024)).fill(-1);
      next.set(this.indexOfRowid);
      this.indexOfRowid = next;
    }
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, this.capacity * 2, 1024);
    this.rowid = growInt32(this.rowid, capacity);
    this.category = grow16(this.category, capacity);
    this.platform = grow16(this.platform, capacity);
    this.status = grow8(this.status, capacity);
    this.region = grow16(this.region, capacity);
    this.country = grow16(this.country, capacity);
    this.small = grow16(this.small, capacity);
    this.danger = grow8(this.danger, capacity);
    this.demo = grow8(this.demo, capacity);
    this.submittedMs = grow64(this.submittedMs, capacity);
    this.deadlineMs = grow64(this.deadlineMs, capacity);
    this.idNumber = grow64(this.idNumber, capacity);
    this.cluster = growInt32(this.cluster, capacity);
    const priority = new Int16Array(capacity);
    priority.set(this.priority.subarray(0, this.size));
    this.priority = priority;
    this.capacity = capacity;
  }

  // -------------------------------------------------------------------------
  // Reading

  indexOf(rowid: number): number {
    return rowid < this.indexOfRowid.length ? this.indexOfRowid[rowid]! : -1;
  }

  clusterSize(cluster: number): number {
    return cluster > 0 ? (this.clusterSizes[cluster] ?? 1) : 1;
  }

  priorityAtIndex(i: number, nowMs: number): number {
    this.scorePriorities(nowMs);
    return this.priority[i]!;
  }

  isOverdue(i: number, nowMs: number): boolean {
    return this.status[i]! <= OPEN_MAX_CODE && this.deadlineMs[i]! < nowMs;
  }

  /** 0 received, 1 in analysis here, 2 in analysis elsewhere, 3+ closed. */
  statusCodeAt(i: number): number {
    return this.status[i]!;
  }

  deadlineAt(i: number): number {
    return this.deadlineMs[i]!;
  }

  isDemo(i: number): boolean {
    return this.demo[i] === 1;
  }

  /**
   * Priorities move with time (waiting adds points): they are computed again
   * when they are older than ten minutes, and then the priority order too.
   */
  private scorePriorities(nowMs: number): void {
    if (this.priorityAt !== 0 && nowMs - this.priorityAt < 600_000 && nowMs >= this.priorityAt) return;
    const { weights } = this.scoring;
    const categoryPointsByCode = this.dicts.category.values.map((category) => categoryPoints(weights, category));
    for (let i = 0; i < this.size; i++) {
      const open = this.status[i]! <= OPEN_MAX_CODE;
      this.priority[i] =
        categoryPointsByCode[this.category[i]!]! +
        (this.danger[i] === 1 ? weights.imminentDanger : 0) +
        clusterPoints(weights, this.clusterSize(this.cluster[i]!)) +
        agePoints(weights, nowMs - this.submittedMs[i]!, open);
    }
    this.priorityAt = nowMs;
    this.orders.delete('priority');
    this.orders.delete('rank:priority');
  }

  private compile(filters: QueueFilters): Compiled {
    const table = (size: number, codes: (number | undefined)[] | undefined): Uint8Array | null => {
      if (!codes) return null;
      const allow = new Uint8Array(Math.max(size, 1));
      for (const code of codes) if (code !== undefined && code < allow.length) allow[code] = 1;
      return allow;
    };
    const dictTable = (dict: Dictionary, values: string[] | undefined) => table(dict.values.length, values?.map((v) => dict.find(v)));
    const boolTable = (value: boolean | undefined) => (value === undefined ? null : table(2, [value ? 1 : 0]));
    const allow = [
      dictTable(this.dicts.category, filters.category),
      dictTable(this.dicts.platform, filters.platform),
      table(STATUS_CODES.length, filters.status?.map((s) => STATUS_CODES.indexOf(s))),
      dictTable(this.dicts.region, filters.region),
      dictTable(this.dicts.country, filters.country),
      table(2, filters.location?.map((l) => LOCATIONS.indexOf(l))),
      table(2, filters.reporterMode?.map((m) => MODES.indexOf(m))),
      boolTable(filters.imminentDanger),
      boolTable(filters.hasAttachments),
      boolTable(filters.quarantined),
      boolTable(filters.overdue),
    ];
    const fromMs = filters.submittedFrom ? Date.parse(filters.submittedFrom) : -Infinity;
    const toMs = filters.submittedTo ? Date.parse(filters.submittedTo) : Infinity;
    const clusterId = filters.clusterId ?? null;
    return { allow, fromMs, toMs, clusterId };
  }

  /**
   * The matching rows in order, and the live counts: for each dimension, how
   * many rows each of its values would match with the other filters as they are.
   * `candidates` (row indexes, from a search) restricts the rows looked at.
   */
  select(
    filters: QueueFilters,
    sort: { key: SortKey; dir: 'asc' | 'desc' },
    options: { nowMs: number; facets: boolean; grouping: 'reports' | 'clusters'; candidates: Int32Array | null },
  ): Selection {
    const { nowMs, candidates } = options;
    if (sort.key === 'priority') this.scorePriorities(nowMs);
    // Counts depend on the filters only: a new sort or grouping of the same filters reuses them.
    const countKey = `${Math.floor(nowMs / 60_000)}:${options.facets}:${JSON.stringify(filters)}`;
    let counted = this.counted.get(countKey);
    if (!counted) {
      counted = this.count(filters, nowMs, options.facets, candidates);
      this.counted.set(countKey, counted);
      if (this.counted.size > 4) this.counted.delete(this.counted.keys().next().value as string);
    }
    const ordered = this.ordered(counted.match, counted.total, sort, candidates);
    const grouped = options.grouping === 'clusters' ? this.groupByCluster(ordered) : { rows: ordered, clusterMatches: null };
    return { ...grouped, facets: counted.facets };
  }

  /**
   * One pass over the rows (or the search's candidates): which match, how
   * many, and the live counts. Per row, the dimensions with many values are
   * looked up in "allowed" tables; the small ones (status and the yes/no
   * dimensions) travel together as one 9-bit code whose failures come from one
   * table. A row failing exactly one dimension counts for that dimension only.
   */
  private count(filters: QueueFilters, nowMs: number, facets: boolean, candidates: Int32Array | null): { match: Uint8Array; total: number; facets: Record<string, FacetCount[]> | null } {
    const c = this.compile(filters);
    const all = (size: number, allow: Uint8Array | null): Uint8Array => allow ?? new Uint8Array(Math.max(size, 1)).fill(1);
    const aCat = all(this.dicts.category.values.length, c.allow[0]!);
    const aPlat = all(this.dicts.platform.values.length, c.allow[1]!);
    const aRegion = all(this.dicts.region.values.length, c.allow[3]!);
    const aCountry = all(this.dicts.country.values.length, c.allow[4]!);
    // Failures of the small dimensions, by code: bit 0 status, 1 location, 2 mode, 3 danger, 4 attachments, 5 quarantined, 6 overdue.
    const smallDims = [2, 5, 6, 7, 8, 9, 10] as const;
    const smallFail = new Uint8Array(SMALL_CODES);
    for (let code = 0; code < SMALL_CODES; code++) {
      const values = smallValues(code);
      let fail = 0;
      smallDims.forEach((dim, bit) => {
        const allow = c.allow[dim];
        if (allow && allow[values[bit]!] !== 1) fail |= 1 << bit;
      });
      smallFail[code] = fail;
    }
    const catCounts = new Int32Array(aCat.length);
    const platCounts = new Int32Array(aPlat.length);
    const regionCounts = new Int32Array(aRegion.length);
    const countryCounts = new Int32Array(aCountry.length);
    const smallCounts = new Int32Array(SMALL_CODES);
    // For rows failing exactly one small dimension: counts by code, per dimension (bit).
    const smallAlone = Array.from({ length: smallDims.length }, () => new Int32Array(SMALL_CODES));
    const match = new Uint8Array(this.size);
    const { category, platform, region, country, small, submittedMs, deadlineMs, cluster } = this;
    const { fromMs, toMs, clusterId } = c;
    const ranged = fromMs > -Infinity || toMs < Infinity;
    const n = candidates ? candidates.length : this.size;
    let total = 0;
    for (let k = 0; k < n; k++) {
      const i = candidates ? candidates[k]! : k;
      if (ranged) {
        const t = submittedMs[i]!;
        if (t < fromMs || t > toMs) continue;
      }
      if (clusterId !== null && cluster[i] !== clusterId) continue;
      let code = small[i]!;
      // Overdue: open (status code <= 2 in the low bits) and past its deadline.
      if ((code & 7) <= OPEN_MAX_CODE && deadlineMs[i]! < nowMs) code |= OVERDUE_BIT;
      const vCat = category[i]!;
      const vPlat = platform[i]!;
      const vRegion = region[i]!;
      const vCountry = country[i]!;
      const fail = (aCat[vCat]! ^ 1) | ((aPlat[vPlat]! ^ 1) << 1) | ((aRegion[vRegion]! ^ 1) << 2) | ((aCountry[vCountry]! ^ 1) << 3) | (smallFail[code]! << 4);
      if (fail === 0) {
        match[i] = 1;
        total += 1;
        if (facets) {
          catCounts[vCat]!++;
          platCounts[vPlat]!++;
          regionCounts[vRegion]!++;
          countryCounts[vCountry]!++;
          smallCounts[code]!++;
        }
      } else if (facets && (fail & (fail - 1)) === 0) {
        if (fail === 1) catCounts[vCat]!++;
        else if (fail === 2) platCounts[vPlat]!++;
        else if (fail === 4) regionCounts[vRegion]!++;
        else if (fail === 8) countryCounts[vCountry]!++;
        else smallAlone[31 - Math.clz32(fail >> 4)]![code]!++;
      }
    }
    if (!facets) return { match, total, facets: null };
    // Per small dimension: its values' counts, from the codes of matching rows and of rows failing only it.
    const smallDimCounts = smallDims.map((_, bit) => {
      const counts = new Int32Array(bit === 0 ? STATUS_CODES.length : 2);
      for (let code = 0; code < SMALL_CODES; code++) counts[smallValues(code)[bit]!]! += smallCounts[code]! + smallAlone[bit]![code]!;
      return counts;
    });
    const counts = [catCounts, platCounts, smallDimCounts[0]!, regionCounts, countryCounts, ...smallDimCounts.slice(1)];
    return { match, total, facets: this.facetLists(counts, filters) };
  }

  private facetLists(counts: Int32Array[], filters: QueueFilters): Record<string, FacetCount[]> {
    const names: (readonly string[])[] = [
      this.dicts.category.values,
      this.dicts.platform.values,
      STATUS_CODES,
      this.dicts.region.values,
      this.dicts.country.values,
      LOCATIONS,
      MODES,
      BOOL,
      BOOL,
      BOOL,
      BOOL,
    ];
    const selected: (readonly string[] | undefined)[] = [
      filters.category,
      filters.platform,
      filters.status,
      filters.region,
      filters.country,
      filters.location,
      filters.reporterMode,
      filters.imminentDanger === undefined ? undefined : [String(filters.imminentDanger)],
      filters.hasAttachments === undefined ? undefined : [String(filters.hasAttachments)],
      filters.quarantined === undefined ? undefined : [String(filters.quarantined)],
      filters.overdue === undefined ? undefined : [String(filters.overdue)],
    ];
    const fixed = new Set([2, 5, 6, 7, 8, 9, 10]);
    const facets: Record<string, FacetCount[]> = {};
    DIMS.forEach((dim, d) => {
      const list: FacetCount[] = [];
      const seen = new Set<string>();
      names[d]!.forEach((value, code) => {
        const count = counts[d]![code]!;
        // Fixed dimensions list every value; open ones (categories, countries...) the values that occur.
        if (count > 0 || fixed.has(d) || selected[d]?.includes(value)) {
          list.push({ value, count });
          seen.add(value);
        }
      });
      // A selected value no report has (yet) still shows, with zero.
      for (const value of selected[d] ?? []) if (!seen.has(value)) list.push({ value, count: 0 });
      if (!fixed.has(d)) list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
      facets[dim] = list;
    });
    return facets;
  }

  /** The matching rows in the order asked for. */
  private ordered(match: Uint8Array, total: number, sort: { key: SortKey; dir: 'asc' | 'desc' }, candidates: Int32Array | null): Int32Array {
    const out = new Int32Array(total);
    if (total === 0) return out;
    const order = this.order(sort.key);
    if (candidates && candidates.length * 8 < this.size) {
      // Few candidates (a search): sort them by their rank in the order rather than walk it all.
      const rank = this.rankOf(sort.key);
      const keys = new Float64Array(total);
      let k = 0;
      for (const i of candidates) if (match[i] === 1) keys[k++] = rank[i]!;
      keys.sort();
      for (let j = 0; j < total; j++) out[sort.dir === 'asc' ? j : total - 1 - j] = order[keys[j]!]!;
      return out;
    }
    let k = 0;
    if (sort.dir === 'asc') {
      for (let j = 0; j < order.length && k < total; j++) if (match[order[j]!] === 1) out[k++] = order[j]!;
    } else {
      for (let j = order.length - 1; j >= 0 && k < total; j--) if (match[order[j]!] === 1) out[k++] = order[j]!;
    }
    return out;
  }

  /** One row per cluster (its first in the order), and how many matching rows each cluster has. */
  private groupByCluster(rows: Int32Array): { rows: Int32Array; clusterMatches: Int32Array } {
    const perCluster = new Int32Array(this.clusterSizes.length + 1);
    const representatives = new Int32Array(rows.length);
    let n = 0;
    for (const i of rows) {
      const cluster = this.cluster[i]!;
      if (cluster === 0) {
        // A report without a cluster is its own (only in stores from before clusters were computed).
        representatives[n++] = i;
        continue;
      }
      if (perCluster[cluster] === 0) representatives[n++] = i;
      perCluster[cluster]!++;
    }
    const grouped = representatives.slice(0, n);
    const clusterMatches = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const cluster = this.cluster[grouped[k]!]!;
      clusterMatches[k] = cluster === 0 ? 1 : perCluster[cluster]!;
    }
    return { rows: grouped, clusterMatches };
  }

  /** Row indexes sorted ascending by the key, ties by submission time then arrival. Cached until the data changes. */
  order(key: SortKey): Int32Array {
    const cached = this.orders.get(key);
    if (cached) return cached;
    const n = this.size;
    let order: Int32Array;
    if (key === 'submittedAt') {
      order = this.sortedBy((i) => Math.max(0, Math.floor(this.submittedMs[i]! / 1000) - EPOCH_2000_S));
    } else {
      const bySubmission = this.order('submittedAt');
      const rank = new Int32Array(n);
      for (let k = 0; k < n; k++) rank[bySubmission[k]!] = k;
      const primary = this.primary(key);
      order = this.sortedBy(primary, rank, bySubmission);
    }
    this.orders.set(key, order);
    return order;
  }

  /** Position of each row in the order of `key`. */
  private rankOf(key: SortKey): Int32Array {
    const cacheKey = `rank:${key}`;
    const cached = this.orders.get(cacheKey);
    if (cached) return cached;
    const order = this.order(key);
    const rank = new Int32Array(this.size);
    for (let k = 0; k < order.length; k++) rank[order[k]!] = k;
    this.orders.set(cacheKey, rank);
    return rank;
  }

  private primary(key: SortKey): (i: number) => number {
    switch (key) {
      case 'priority':
        return (i) => this.priority[i]!;
      case 'deadline':
        // Closed reports have no deadline to meet: after every open one.
        return (i) => (this.status[i]! <= OPEN_MAX_CODE ? Math.min(2 ** 30 - 2, Math.max(0, Math.floor(this.deadlineMs[i]! / 1000) - EPOCH_2000_S)) : 2 ** 30 - 1);
      case 'status':
        return (i) => this.status[i]!;
      case 'clusterSize':
        return (i) => this.clusterSize(this.cluster[i]!);
      case 'id':
        return (i) => this.idNumber[i]!;
      case 'category':
      case 'platform':
      case 'region':
      case 'country': {
        const column = key === 'category' ? this.category : key === 'platform' ? this.platform : key === 'region' ? this.region : this.country;
        const ranks = this.dicts[key].ranks();
        return (i) => ranks[column[i]!]!;
      }
      case 'submittedAt':
        return (i) => this.submittedMs[i]!;
    }
  }

  /**
   * Sorts row indexes by `primary` (a non-negative integer below 2^31), then by
   * `tie` rank, with one native sort of packed doubles: primary * 2^22 + tie.
   */
  private sortedBy(primary: (i: number) => number, tie?: Int32Array, byTie?: Int32Array): Int32Array {
    const n = this.size;
    const order = new Int32Array(n);
    if (n >= LOW) {
      // Beyond what packs into a double: a comparator sort (slower, still correct).
      const indexes = Array.from({ length: n }, (_, i) => i);
      indexes.sort((a, b) => primary(a) - primary(b) || (tie ? tie[a]! - tie[b]! : a - b));
      order.set(indexes);
      return order;
    }
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = primary(i) * LOW + (tie ? tie[i]! : i);
    keys.sort();
    for (let k = 0; k < n; k++) {
      const low = keys[k]! % LOW;
      order[k] = byTie ? byTie[low]! : low;
    }
    return order;
  }

  // -------------------------------------------------------------------------
  // Dashboard figures

  stats(nowMs: number, fromMs: number): {
    total: number;
    open: number;
    overdue: number;
    dangerOpen: number;
    inPeriod: Int32Array;
    status: Map<string, number>;
    overdueByCategory: Map<string, number>;
    platform: Map<string, number>;
    region: Map<string, number>;
  } {
    let open = 0;
    let overdue = 0;
    let dangerOpen = 0;
    const inPeriod: number[] = [];
    const statusCounts = new Int32Array(STATUS_CODES.length);
    const overdueCat = new Int32Array(this.dicts.category.values.length);
    const plat = new Int32Array(this.dicts.platform.values.length);
    const reg = new Int32Array(this.dicts.region.values.length);
    for (let i = 0; i < this.size; i++) {
      const st = this.status[i]!;
      statusCounts[st]!++;
      if (st <= OPEN_MAX_CODE) {
        open++;
        if (this.danger[i] === 1) dangerOpen++;
        if (this.deadlineMs[i]! < nowMs) {
          overdue++;
          overdueCat[this.category[i]!]!++;
        }
      }
      if (this.submittedMs[i]! >= fromMs) {
        inPeriod.push(i);
        plat[this.platform[i]!]!++;
        reg[this.region[i]!]!++;
      }
    }
    const toMap = (names: readonly string[], counts: Int32Array) => new Map(names.map((name, code) => [name, counts[code]!] as const).filter(([, n]) => n > 0));
    return {
      total: this.size,
      open,
      overdue,
      dangerOpen,
      inPeriod: Int32Array.from(inPeriod),
      status: toMap(STATUS_CODES, statusCounts),
      overdueByCategory: toMap(this.dicts.category.values, overdueCat),
      platform: toMap(this.dicts.platform.values, plat),
      region: toMap(this.dicts.region.values, reg),
    };
  }

  categoryOf(i: number): string {
    return this.dicts.category.values[this.category[i]!]!;
  }

  submittedAt(i: number): number {
    return this.submittedMs[i]!;
  }

  /** The largest clusters (at least two reports), biggest first, with one of their rows. */
  topClusters(limit: number): { cluster: number; size: number; row: number }[] {
    const top: { cluster: number; size: number; row: number }[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < this.size; i++) {
      const cluster = this.cluster[i]!;
      const size = this.clusterSize(cluster);
      if (size < 2 || seen.has(cluster)) continue;
      if (top.length === limit && size <= top[top.length - 1]!.size) continue;
      seen.add(cluster);
      top.push({ cluster, size, row: i });
      top.sort((a, b) => b.size - a.size || a.cluster - b.cluster);
      if (top.length > limit) seen.delete(top.pop()!.cluster);
    }
    return top;
  }
}

/** IBL-YYYY-NNNNNNN as a number that sorts like the id (years 2000 to 2099). */
function idNumber(id: string): number {
  const match = /^IBL-(\d{4})-(\d{7})$/.exec(id);
  if (!match) return 0;
  return Math.max(0, Number(match[1]) - 2000) * 10_000_000 + Number(match[2]);
}

function growInt32(array: Int32Array<ArrayBufferLike>, capacity: number): Int32Array<ArrayBufferLike> {
  const next = new Int32Array(capacity);
  next.set(array.subarray(0, Math.min(array.length, capacity)));
  return next;
}
function grow16(array: Uint16Array<ArrayBufferLike>, capacity: number): Uint16Array<ArrayBufferLike> {
  const next = new Uint16Array(capacity);
  next.set(array.subarray(0, Math.min(array.length, capacity)));
  return next;
}
function grow8(array: Uint8Array<ArrayBufferLike>, capacity: number): Uint8Array<ArrayBufferLike> {
  const next = new Uint8Array(capacity);
  next.set(array.subarray(0, Math.min(array.length, capacity)));
  return next;
}
function grow64(array: Float64Array<ArrayBufferLike>, capacity: number): Float64Array<ArrayBufferLike> {
  const next = new Float64Array(capacity);
  next.set(array.subarray(0, Math.min(array.length, capacity)));
  return next;
}
