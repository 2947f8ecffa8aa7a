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
 *
 * Sort orders are computed on first use and then kept up to date: a sync
 * refresh or a status set notes the rows it changed for each cached order,
 * and the next query of that order repositions them (ordering.ts:
 * `reposition`, a few milliseconds) rather than sorting a million rows again
 * (~150 ms) on the thread that answers the renderer; between a sync's slices,
 * the queue service has the orders that fell behind put in place
 * (`settleWaiting`). The live counts of the
 * last views asked are kept up to date the same way, row by row as the
 * columns change (filters.ts: `LiveCounts`), rather than counted again.
 *
 * The class holds the state and the caches; its parts live in queue-index/:
 * the columns (columns.ts), the filters with their live counts (filters.ts),
 * the orders (ordering.ts) and the dashboard's figures (figures.ts).
 */
import type { Db } from '../store/database.ts';
import type { Deadlines, FacetCount, PriorityWeights, QueueFilters, QueueStatus, SortKey } from '../../shared/triage.ts';
import { isHeldElsewhere } from '../reports/status.ts';
import { indexRowChunks, indexRowsByRowid, reportStatuses, rowidsWithHashListMatches, rowidsWithQuarantinedAttachments, type ReportIndexRow } from '../reports/queue-reads.ts';
import { Columns, OPEN_MAX_CODE, STATUS_CODES, type RowCells } from './queue-index/columns.ts';
import { clusterPoints } from './priority.ts';
import { LiveCounts } from './queue-index/filters.ts';
import { continueWalk, forgetOrder, groupByCluster, ordered, orderOf, releaseRows, reposition, REPOSITION_MAX_SHARE, startWalk, type Orders, type RowWalk } from './queue-index/ordering.ts';
import { stats, topClusters, type QueueStats } from './queue-index/figures.ts';

export type IndexRow = ReportIndexRow;

/** Views whose live counts are kept (each costs a byte per report, and two row updates per changed row). */
const MAX_KEPT_COUNTS = 8;

/** Keys whose order depends on a row's own values only (not on its cluster's size, nor on time). */
const OWN_KEYS: readonly SortKey[] = ['submittedAt', 'deadline', 'category', 'platform', 'status', 'region', 'country', 'id'];

export interface Scoring {
  weights: PriorityWeights;
  deadlines: Deadlines;
  /** This workstation's id: in analysis elsewhere is `claimed_other`. */
  workstationId: string | null;
}

export interface Selection {
  /**
   * Matching rows (indexes into the columns), in the requested order: all of them, or, with `walk`, the first
   * `walk.written` (`rowsUpTo` writes more).
   */
  rows: Int32Array;
  /** The walk along the order that writes the rows not written yet (null: all are). */
  walk: RowWalk | null;
  /** In cluster grouping: for each row of `rows`, the number of matching reports of its cluster. */
  clusterMatches: Int32Array | null;
  facets: Record<string, FacetCount[]> | null;
}

export class QueueIndex {
  generation = 1;
  private readonly columns = new Columns();
  private readonly orders: Orders = new Map();
  /** For each cached order: rows whose values for it changed since it was last put in order. */
  private readonly moved = new Map<SortKey, number[]>();
  /** Live counts of the last views asked (by filters), kept up to date as rows change. */
  private readonly kept = new Map<string, LiveCounts>();
  /** Live counts restricted to a search's or a link filter's candidates: good for this generation only. */
  private readonly once = new Map<string, LiveCounts>();
  private priorityAt = 0;
  private scoring: Scoring;
  /** How many orders were sorted from scratch (a cache miss): the rest were kept up to date. */
  sortsFromScratch = 0;
  /** How many times live counts were counted over every row (or candidate): the rest were kept up to date. */
  countsFromScratch = 0;

  /** `generation`: where this index's generations start (above any earlier index's). */
  constructor(scoring: Scoring, generation = 1) {
    this.scoring = scoring;
    this.generation = generation;
    const columns = this.columns;
    columns.watch = {
      before: (i) => {
        if (this.kept.size > 0) for (const counts of this.kept.values()) counts.remove(columns, i);
      },
      after: (i) => {
        if (this.kept.size > 0) for (const counts of this.kept.values()) counts.add(columns, i);
      },
    };
  }

  /** Number of rows (reports) in the index. */
  get size(): number {
    return this.columns.size;
  }

  /** Each row's report rowid. */
  get rowid(): Int32Array<ArrayBufferLike> {
    return this.columns.rowid;
  }

  /** Each row's cluster (0: none). */
  get cluster(): Int32Array<ArrayBufferLike> {
    return this.columns.cluster;
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
    this.columns.loaded();
    this.readMarks(db);
    this.changed();
  }

  /** Reads again the reports sync inserted or changed, and which have quarantined attachments. */
  refresh(db: Db, rowids: Iterable<number>): number {
    return this.apply(indexRowsByRowid(db, rowids), db);
  }

  /**
   * Writes these rows (new or changed) and, with `db`, the attachment marks
   * again; the cached orders are kept up to date. Returns the number of rows.
   */
  apply(rows: readonly IndexRow[], db?: Db): number {
    const resized = new Map<number, number>();
    const touched: number[] = [];
    for (const row of rows) touched.push(this.put(row, resized));
    const marks = db ? this.readMarks(db) : { changed: false, hashMatched: [] };
    if (rows.length === 0 && !marks.changed) return 0;
    // A cluster that grew or shrank moves all its reports in the cluster-size order (when anyone
    // sorted by it), and in the priority order only when its points changed: they stop at
    // `clusterMax` (64 reports by default), so the large clusters a sync keeps feeding move nothing there.
    const { weights } = this.scoring;
    const repointed = [...resized].filter(([cluster, before]) => clusterPoints(weights, before) !== clusterPoints(weights, this.columns.clusterSize(cluster))).map(([cluster]) => cluster);
    const priorityRows = [...this.columns.rowsOfClusters(repointed), ...marks.hashMatched];
    const sizeRows = this.orders.has('clusterSize') ? this.columns.rowsOfClusters(resized.keys()) : [];
    this.updated(touched, priorityRows, sizeRows);
    return rows.length;
  }

  /** Statuses set on this workstation: shown at once. */
  setStatuses(rowids: readonly number[], status: string, workstationId: string | null): void {
    const touched: number[] = [];
    for (const rowid of rowids) {
      const i = this.columns.indexOf(rowid);
      if (i < 0) continue;
      this.columns.setStatus(i, this.statusCode(status, workstationId), status, workstationId);
      touched.push(i);
    }
    if (touched.length > 0) this.updated(touched, [], []);
  }

  /** New weights or deadlines, or another workstation id. */
  rescore(scoring: Scoring, db: Db): void {
    const workstationChanged = scoring.workstationId !== this.scoring.workstationId;
    this.scoring = scoring;
    // Every row may change: counted again on use rather than followed row by row.
    this.kept.clear();
    if (workstationChanged) {
      // `claimed_other` depends on which workstation this is: read the statuses again.
      for (const row of reportStatuses(db)) {
        const i = this.columns.indexOfRowid[row.rowid] ?? -1;
        if (i >= 0) this.columns.setStatus(i, this.statusCode(row.status, row.status_workstation), row.status, row.status_workstation);
      }
    }
    this.columns.setDeadlines(scoring.deadlines);
    this.changed();
  }

  /** Something outside the index that queries depend on changed (case memberships): cached results are stale. */
  touch(): void {
    // The rows and their values are the same: sort orders, priorities and the counts of the
    // filters on those values stay; counts restricted to a search or a link filter go.
    this.generation += 1;
    this.once.clear();
  }

  /** Everything may have changed (a load, new weights or deadlines): orders are sorted again on use. */
  private changed(): void {
    this.generation += 1;
    this.orders.clear();
    this.moved.clear();
    this.kept.clear();
    this.once.clear();
    this.priorityAt = 0;
  }

  /**
   * These rows changed (`rows`: their own values; `priorityRows`: their
   * priority only, from their cluster's size or their known-hash mark;
   * `sizeRows`: their cluster's size): priorities are computed again at the
   * time of the others, and the rows move to their new places in the cached orders.
   */
  private updated(rows: readonly number[], priorityRows: readonly number[], sizeRows: readonly number[]): void {
    this.generation += 1;
    // The kept counts followed the rows as they changed (columns.watch).
    this.once.clear();
    const rescored = priorityRows.length === 0 ? rows : [...rows, ...priorityRows];
    if (this.priorityAt !== 0) this.columns.scoreRows(rescored, this.scoring.weights, this.priorityAt);
    else this.forget('priority');
    this.move(rows, OWN_KEYS);
    this.move(rescored, ['priority']);
    this.move(sizeRows.length === 0 ? rows : [...rows, ...sizeRows], ['clusterSize']);
  }

  /** Notes rows whose values for these keys changed; their cached orders put them back in place when next asked. */
  private move(rows: readonly number[], keys: readonly SortKey[]): void {
    if (rows.length === 0) return;
    for (const key of keys) {
      if (!this.orders.has(key)) continue;
      // The position of each row in the order is stale: so is its rank.
      this.orders.delete(`rank:${key}`);
      const moved = this.moved.get(key) ?? [];
      for (const i of rows) moved.push(i);
      // So many that sorting again costs less: dropped.
      if (moved.length > this.columns.size * REPOSITION_MAX_SHARE) this.forget(key);
      else this.moved.set(key, moved);
    }
  }

  private forget(key: SortKey): void {
    forgetOrder(this.orders, key);
    this.moved.delete(key);
  }

  /** Rows waiting to be put back in place in the cached order of `key` (duplicates counted). */
  waiting(key: SortKey): number {
    return this.moved.get(key)?.length ?? 0;
  }

  /**
   * Puts back in place the order of `first` when it has rows waiting, else the
   * cached order with the most rows waiting, when it has at least `atLeast`
   * (duplicates counted); whether there was one. For the moments between a
   * sync's slices: a request for an order nobody asked for during the last
   * seconds does not put thousands of rows in place itself (17,000 rows:
   * 14-30 ms at a million), nor the next request for the order just asked for
   * the rows of the last slices.
   */
  settleWaiting(atLeast: number, first: SortKey | null = null): boolean {
    if (first !== null && this.orders.has(first) && this.waiting(first) > 0) {
      this.settle(first);
      return true;
    }
    let most: SortKey | null = null;
    let count = atLeast - 1;
    for (const [key, rows] of this.moved) {
      if (rows.length > count && this.orders.has(key)) {
        most = key;
        count = rows.length;
      }
    }
    if (most === null) return false;
    this.settle(most);
    return true;
  }

  /** The order of `key` (and the submission order a new sort builds on) with the rows that moved put back in place. */
  private settle(key: SortKey): void {
    for (const needed of this.orders.has(key) ? [key] : (['submittedAt', key] as const)) {
      const moved = this.moved.get(needed);
      if (!moved) continue;
      this.moved.delete(needed);
      reposition(this.columns, this.orders, moved, [needed]);
    }
    if (!this.orders.has(key)) this.sortsFromScratch += 1;
  }

  private statusCode(status: string, workstationId: string | null): number {
    // Held elsewhere: the rule the case view and the status refusals apply (reports/status.ts).
    const here = this.scoring.workstationId;
    if (here !== null && isHeldElsewhere(status, workstationId, here)) return 2;
    const code = STATUS_CODES.indexOf(status as QueueStatus);
    return code < 0 ? 0 : code;
  }

  private put(row: IndexRow, resized?: Map<number, number>): number {
    return this.columns.put(row, this.statusCode(row.status, row.status_workstation), this.scoring.deadlines, resized);
  }

  /** Marks the reports that have a quarantined attachment, and those with a known-hash list match: whether any mark changed, and the rows whose match did. */
  private readMarks(db: Db): { changed: boolean; hashMatched: number[] } {
    const quarantined = this.columns.markQuarantined(rowidsWithQuarantinedAttachments(db));
    const hashMatched = this.columns.markHashMatched(rowidsWithHashListMatches(db));
    return { changed: quarantined.length > 0 || hashMatched.length > 0, hashMatched };
  }

  /** Whether the report at this index has an attachment on a known-hash list. */
  hashMatched(i: number): boolean {
    return this.columns.hashMatched(i);
  }

  // -------------------------------------------------------------------------
  // Reading

  indexOf(rowid: number): number {
    return this.columns.indexOf(rowid);
  }

  clusterSize(cluster: number): number {
    return this.columns.clusterSize(cluster);
  }

  priorityAtIndex(i: number, nowMs: number): number {
    this.scorePriorities(nowMs);
    return this.columns.priority[i]!;
  }

  isOverdue(i: number, nowMs: number): boolean {
    return this.columns.status[i]! <= OPEN_MAX_CODE && this.columns.deadlineMs[i]! < nowMs;
  }

  /** 0 received, 1 in analysis here, 2 in analysis elsewhere, 3+ closed. */
  statusCodeAt(i: number): number {
    return this.columns.status[i]!;
  }

  deadlineAt(i: number): number {
    return this.columns.deadlineMs[i]!;
  }

  isDemo(i: number): boolean {
    return this.columns.demo[i] === 1;
  }

  /** Forgotten (a lock, or the data replaced): the reported URLs and accounts it kept are overwritten. */
  wipe(): void {
    this.columns.wipe();
  }

  /** What row `i` shows beyond the index's dimensions (its id, account, first URL...), from memory. */
  cells(i: number): RowCells {
    return this.columns.cells(i);
  }

  /**
   * Priorities move with time (waiting adds points): they are computed again
   * when they are older than ten minutes, and the rows whose priority changed
   * (a day more of waiting) move in the priority order.
   */
  private scorePriorities(nowMs: number): void {
    if (this.priorityAt !== 0 && nowMs - this.priorityAt < 600_000 && nowMs >= this.priorityAt) return;
    const first = this.priorityAt === 0;
    const changed = this.columns.score(this.scoring.weights, nowMs);
    this.priorityAt = nowMs;
    if (first) this.forget('priority');
    else this.move(changed, ['priority']);
  }

  /**
   * The matching rows in order, and the live counts: for each dimension, how
   * many rows each of its values would match with the other filters as they are.
   * `candidates` (row indexes, from a search) restricts the rows looked at.
   */
  select(
    filters: QueueFilters,
    sort: { key: SortKey; dir: 'asc' | 'desc' },
    options: { nowMs: number; facets: boolean; grouping: 'reports' | 'clusters'; candidates: Int32Array | null; upTo?: number },
  ): Selection {
    const { nowMs, candidates } = options;
    if (sort.key === 'priority') this.scorePriorities(nowMs);
    const counted = this.counts(filters, nowMs, candidates);
    this.settle(sort.key);
    // Groups need every matching row: only a selection of reports is written as far as asked.
    const upTo = options.grouping === 'clusters' ? counted.total : (options.upTo ?? counted.total);
    const { rows, walk } = ordered(this.columns, this.orders, counted.match, counted.total, sort, candidates, upTo);
    if (options.grouping !== 'clusters') return { rows, walk, clusterMatches: null, facets: options.facets ? counted.facets(this.columns) : null };
    const grouped = groupByCluster(this.columns, rows);
    releaseRows(rows);
    return { ...grouped, walk: null, facets: options.facets ? counted.facets(this.columns) : null };
  }

  /**
   * The selection's first `end` rows (fewer at its end), writing those its walk had not written yet. The walk reads
   * the order it began on; if the index replaced that order since (priorities scored again at a later time, in the
   * same generation), it begins again on the current one.
   */
  rowsUpTo(selection: Selection, end: number): Int32Array {
    const upTo = Math.min(end, selection.rows.length);
    let walk = selection.walk;
    if (walk !== null && walk.written < upTo) {
      if (this.orders.get(walk.key) !== walk.order) {
        this.settle(walk.key);
        walk = startWalk(walk.key, orderOf(this.columns, this.orders, walk.key), walk.match, walk.step);
      }
      continueWalk(walk, selection.rows, upTo);
      selection.walk = walk.written < selection.rows.length ? walk : null;
    }
    return selection.rows.subarray(0, upTo);
  }

  /** A selection nothing holds any more (its cache entry replaced): its arrays serve the next ones. */
  release(selection: Selection): void {
    releaseRows(selection.rows);
  }

  /**
   * The live counts of these filters at `nowMs` (to the minute, as the overdue
   * marks): a new sort or grouping of the same filters reuses them, and those
   * of the last views asked are kept up to date as rows change.
   */
  private counts(filters: QueueFilters, nowMs: number, candidates: Int32Array | null): LiveCounts {
    const key = JSON.stringify(filters);
    const cache = candidates ? this.once : this.kept;
    let counts = cache.get(key);
    const minute = Math.floor(nowMs / 60_000);
    if (counts && minute !== Math.floor(counts.nowMs / 60_000)) {
      // A later minute: kept counts move the rows whose deadline passed; others are counted again.
      if (counts.kept) counts.advance(this.columns, nowMs);
      else counts = undefined;
    }
    if (counts) cache.delete(key);
    else {
      counts = new LiveCounts(this.columns, filters, nowMs, candidates);
      this.countsFromScratch += 1;
    }
    cache.set(key, counts);
    if (cache.size > MAX_KEPT_COUNTS) cache.delete(cache.keys().next().value as string);
    return counts;
  }

  /** Row indexes sorted ascending by the key, ties by submission time then arrival. Cached, kept up to date. */
  order(key: SortKey, nowMs: number): Int32Array {
    if (key === 'priority') this.scorePriorities(nowMs);
    this.settle(key);
    return orderOf(this.columns, this.orders, key);
  }


  /** The live counts of these filters counted from scratch, ignoring the cache (tests compare the kept counts to it). */
  countedAfresh(filters: QueueFilters, nowMs: number): { match: Uint8Array; total: number; facets: Record<string, FacetCount[]> } {
    const counts = new LiveCounts(this.columns, filters, nowMs, null);
    return { match: counts.match, total: counts.total, facets: counts.facets(this.columns) };
  }

  /** The same order sorted from scratch, ignoring the cache (tests compare the kept orders to it). */
  sortedAfresh(key: SortKey, nowMs: number): Int32Array {
    if (key === 'priority') this.scorePriorities(nowMs);
    return orderOf(this.columns, new Map(), key);
  }

  // -------------------------------------------------------------------------
  // Dashboard figures

  stats(nowMs: number, fromMs: number): QueueStats {
    return stats(this.columns, nowMs, fromMs);
  }

  categoryOf(i: number): string {
    return this.columns.categoryOf(i);
  }

  submittedAt(i: number): number {
    return this.columns.submittedMs[i]!;
  }

  /** The largest clusters (at least two reports), biggest first, with one of their rows. */
  topClusters(limit: number): { cluster: number; size: number; row: number }[] {
    return topClusters(this.columns, limit);
  }
}
