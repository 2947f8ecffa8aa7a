/**
 * The queue index's orders: every row sorted by each key (computed on first
 * use, then kept up to date as rows change: `reposition`), each row's rank in
 * them, the matching rows in order, and the grouping by cluster.
 *
 * Every order sorts ascending by (primary key, submission second, row index):
 * a full sort packs the first and the rank of the other two in one double;
 * `reposition` compares the same three values, so both give the same order.
 */
import type { SortKey } from '../../../shared/triage.ts';
import { type Columns, OPEN_MAX_CODE } from './columns.ts';

/** Low bits of a packed sort key: enough for 4,194,304 reports. */
const LOW = 4_194_304;
const EPOCH_2000_S = 946_684_800;

/**
 * Orders by key, ranks by `rank:` and the key, and by `settled:` and the key
 * the value each row had for that key when it was last put in place (see
 * `reposition`).
 */
export type Orders = Map<string, Int32Array>;

/**
 * How the orders were put back in place: by moving runs of the order (the
 * usual way) or by a pass testing every row, and how many moved rows were not
 * where their settled values say (their submission time changed) and were
 * looked for along the order.
 */
export const repositionCounts = { byRuns: 0, byScan: 0, rowsLookedFor: 0 };

/**
 * Arrays of a row per report are reused rather than allocated for each
 * refresh and query: a fresh array of a million rows costs its page faults,
 * 15-20 ms on the reference VM (`npm run bench:queue -- --sync-only`), where
 * writing a reused one costs ~1 ms. `reposition` marks the moved rows in
 * the columns' byte scratch (it does not leave it); orders and selections take their arrays from a small
 * pool (`rowsArray`, with room to grow) and give back those they replace
 * (`releaseRows`), which nothing else holds.
 */
const pool: Int32Array[] = [];
const POOL_SIZE = 6;
/** Smaller arrays are allocated and left to the garbage collector. */
const POOLED_MIN = 65_536;

/** An array of `n` rows (a view on a larger buffer, from the pool when one is large enough); its content is undefined. */
export function rowsArray(n: number): Int32Array {
  if (n < POOLED_MIN) return new Int32Array(n);
  let best = -1;
  for (let k = 0; k < pool.length; k++) if (pool[k]!.length >= n && (best < 0 || pool[k]!.length < pool[best]!.length)) best = k;
  const buffer = best >= 0 ? pool.splice(best, 1)[0]! : new Int32Array(n + (n >> 4) + 1024);
  return buffer.subarray(0, n);
}

/** Gives an array of rows back to the pool: the caller holds the only reference to it. */
export function releaseRows(rows: Int32Array): void {
  const whole = new Int32Array(rows.buffer, 0, rows.buffer.byteLength >> 2);
  if (whole.length < POOLED_MIN || pool.some((kept) => kept.buffer === whole.buffer)) return;
  pool.push(whole);
  // The largest are kept: an index only grows.
  if (pool.length > POOL_SIZE) pool.splice(pool.reduce((small, kept, k) => (kept.length < pool[small]!.length ? k : small), 0), 1);
}

/** Above this share of the rows changed, an order is dropped (sorted again on use) rather than repositioned. */
export const REPOSITION_MAX_SHARE = 1 / 16;

/**
 * Keeps the cached orders of `keys` sorted after the rows in `rows` changed
 * (their values for those keys) or were added: each order gets those rows at
 * their new places, found by binary search, and loses them at their old ones,
 * in one pass that writes the new order. Rows not in `rows` must have kept
 * their values for those keys. O(size + changed × log size) per order, where
 * sorting again is O(size × log size): a million-row order takes milliseconds
 * instead of ~150. Ranks of those keys are dropped (rebuilt on use, one pass).
 *
 * The old places are found by searching the order with the values its rows
 * had when they were put in place (`settled:`), so that the new order is
 * written as runs of the old one (copies of memory), not row by row: a pass
 * testing each row of an order scattered over all rows (priority) took 6-27
 * ms at a million rows during a sync (`bench:queue -- --sync-only`).
 */
export function reposition(columns: Columns, orders: Orders, rows: readonly number[], keys: readonly SortKey[]): void {
  const n = columns.size;
  const moved = columns.scratch(n);
  const unique: number[] = [];
  for (const i of rows) {
    if (moved[i] === 0) {
      moved[i] = 1;
      unique.push(i);
    }
  }
  try {
    for (const key of keys) {
      orders.delete(`rank:${key}`);
      const order = orders.get(key);
      if (!order) continue;
      if (unique.length > n * REPOSITION_MAX_SHARE) {
        forgetOrder(orders, key);
        continue;
      }
      const sorted = sortedNow(columns, key, unique);
      const places = placesOf(columns, key, order, moved, sorted);
      const settled = orders.get(`settled:${key}`);
      const removed = settled ? oldPlaces(columns, key, order, settled, unique) : null;
      const next = rowsArray(n);
      let o: number;
      if (removed) {
        o = mergeRuns(order, removed, sorted, places, next);
        repositionCounts.byRuns += 1;
      } else {
        o = 0;
        let from = 0;
        for (let k = 0; k < sorted.length; k++) {
          o = copyUnmarked(order, from, places[k]!, moved, next, o);
          from = places[k]!;
          next[o++] = sorted[k]!;
        }
        o = copyUnmarked(order, from, order.length, moved, next, o);
        repositionCounts.byScan += 1;
      }
      if (o !== n) throw new Error(`order of ${key}: ${o} rows for ${n}`);
      orders.set(key, next);
      releaseRows(order);
      noteSettled(columns, orders, key, unique);
    }
  } finally {
    // The scratch is clean for the next call.
    for (const i of unique) moved[i] = 0;
  }
}

/** Moved rows looked for along the order (not where their settled values say) before a reposition gives up and tests every row. */
const MAX_LOOKED_FOR = 32;

/**
 * Where the `rows` that are in `order` (those below its length: the others
 * are new) sit in it, ascending. The order is sorted by the values its rows
 * were put in place with (`settled`: each row's, from the sort or the
 * reposition that last placed it), so a search with them finds each row; it
 * is searched as `placesOf` does (samples of the order, then between two).
 * Ties compare submission seconds as they are now: a row whose submission
 * time changed is not where the search says, and is looked for along the
 * order (null after MAX_LOOKED_FOR of them: the caller tests every row).
 */
function oldPlaces(columns: Columns, key: SortKey, order: Int32Array, settled: Int32Array, rows: readonly number[]): Int32Array | null {
  const size = order.length;
  const ranks = dictionaryRanks(columns, key);
  const { submittedMs } = columns;
  const value = (i: number): number => (ranks ? ranks[settled[i]!]! : settled[i]!);
  const inOrder = sortRows(rows.filter((i) => i < size), value, submittedMs);
  let spacing = 16;
  while (spacing < 1024 && size / spacing > 4 * inOrder.length) spacing *= 2;
  const room = Math.ceil(size / spacing);
  const sampleValue = new Float64Array(room);
  const sampleSecond = new Float64Array(room);
  const sampleRow = new Int32Array(room);
  for (let s = 0; s < room; s++) {
    const i = order[s * spacing]!;
    sampleValue[s] = value(i);
    sampleSecond[s] = second(submittedMs[i]!);
    sampleRow[s] = i;
  }
  const places = new Int32Array(inOrder.length);
  let lookedFor = 0;
  for (let k = 0; k < inOrder.length; k++) {
    const row = inOrder[k]!;
    const rowValue = value(row);
    const rowSecond = second(submittedMs[row]!);
    // The samples not after the row: the row is in the stretch of the last of them.
    let lo = 0;
    let hi = room;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = sampleValue[mid]!;
      const t = sampleSecond[mid]!;
      if (v < rowValue || (v === rowValue && (t < rowSecond || (t === rowSecond && sampleRow[mid]! <= row)))) lo = mid + 1;
      else hi = mid;
    }
    let at = -1;
    if (lo > 0) {
      lo = (lo - 1) * spacing;
      hi = Math.min(size, lo + spacing);
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const i = order[mid]!;
        const v = value(i);
        const t = second(submittedMs[i]!);
        if (v < rowValue || (v === rowValue && (t < rowSecond || (t === rowSecond && i < row)))) lo = mid + 1;
        else hi = mid;
      }
      if (lo < size && order[lo] === row) at = lo;
    }
    if (at < 0) {
      if (++lookedFor > MAX_LOOKED_FOR) return null;
      repositionCounts.rowsLookedFor += 1;
      at = order.indexOf(row);
      if (at < 0) return null;
    }
    places[k] = at;
  }
  // Rows looked for along the order may be out of turn.
  return lookedFor > 0 ? places.sort() : places;
}

/**
 * Writes to `next` the rows of `order` but those at the `removed` places
 * (ascending), with the `sorted` rows inserted at their `places` (positions
 * in `order`, nondecreasing), as runs copied whole; returns the rows written.
 */
function mergeRuns(order: Int32Array, removed: Int32Array, sorted: readonly number[], places: Int32Array, next: Int32Array): number {
  let o = 0;
  let from = 0;
  let r = 0;
  for (let k = 0; k <= sorted.length; k++) {
    const to = k < sorted.length ? places[k]! : order.length;
    while (r < removed.length && removed[r]! < to) {
      const at = removed[r++]!;
      if (at > from) next.set(order.subarray(from, at), o);
      o += at - from;
      from = at + 1;
    }
    if (to > from) {
      next.set(order.subarray(from, to), o);
      o += to - from;
      from = to;
    }
    if (k < sorted.length) next[o++] = sorted[k]!;
  }
  return o;
}

/** Notes the values these rows of the order of `key` were put in place with (every row's when none are given). */
function noteSettled(columns: Columns, orders: Orders, key: SortKey, rows?: readonly number[]): void {
  const n = columns.size;
  const name = `settled:${key}`;
  let settled = orders.get(name);
  if (!settled || settled.length < n) {
    const grown = new Int32Array(n + (n >> 4) + 1024);
    if (settled && rows) grown.set(settled);
    settled = grown;
    orders.set(name, settled);
  }
  const value = settledValue(columns, key);
  if (rows) for (const i of rows) settled[i] = value(i);
  else for (let i = 0; i < n; i++) settled[i] = value(i);
}

/**
 * A row's value for `key` as `settled` keeps it: the sort value, but a
 * dictionary's code rather than its rank (a new value changes the ranks of
 * others, never their codes nor their order).
 */
function settledValue(columns: Columns, key: SortKey): (i: number) => number {
  switch (key) {
    case 'category':
    case 'platform':
    case 'region':
    case 'country': {
      const column = columns[key];
      return (i) => column[i]!;
    }
    default:
      return primary(columns, key);
  }
}

/** The ranks of a dictionary key's codes (null for the other keys, whose settled value is the sort value). */
function dictionaryRanks(columns: Columns, key: SortKey): Int32Array | null {
  return key === 'category' || key === 'platform' || key === 'region' || key === 'country' ? columns.dicts[key].ranks() : null;
}

/**
 * Where each of the `sorted` rows goes in `order`, whose `marked` rows are
 * dropped (their values changed): for each, the first position whose first
 * unmarked row at or after it sorts after the row (nondecreasing, as the rows
 * are sorted). The order is sampled first (about four samples per row, each
 * with its sort values in small arrays that stay in the processor's cache),
 * then searched between two samples: a binary search over the whole order
 * reads ~20 rows scattered over the columns per row (cache misses: ~20 ms
 * for 3,000 rows at a million).
 */
function placesOf(columns: Columns, key: SortKey, order: Int32Array, marked: Uint8Array, sorted: readonly number[]): Int32Array {
  const size = order.length;
  const value = primary(columns, key);
  const { submittedMs } = columns;
  let spacing = 16;
  while (spacing < 1024 && size / spacing > 4 * sorted.length) spacing *= 2;
  const room = Math.ceil(size / spacing);
  const samplePlace = new Int32Array(room);
  const sampleValue = new Float64Array(room);
  const sampleSecond = new Float64Array(room);
  const sampleRow = new Int32Array(room);
  let samples = 0;
  for (let start = 0; start < size; start += spacing) {
    // The first unmarked row of each stretch (none: no sample there).
    const place = firstUnmarked(order, start, Math.min(size, start + spacing), marked);
    if (place < 0) continue;
    const i = order[place]!;
    samplePlace[samples] = place;
    sampleValue[samples] = value(i);
    sampleSecond[samples] = second(submittedMs[i]!);
    sampleRow[samples] = i;
    samples++;
  }
  const places = new Int32Array(sorted.length);
  let from = 0;
  let sampleFrom = 0;
  for (let k = 0; k < sorted.length; k++) {
    const row = sorted[k]!;
    const rowValue = value(row);
    const rowSecond = second(submittedMs[row]!);
    // The first sample not before the row (at or after the previous row's).
    let lo = sampleFrom;
    let hi = samples;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = sampleValue[mid]!;
      const t = sampleSecond[mid]!;
      if (v < rowValue || (v === rowValue && (t < rowSecond || (t === rowSecond && sampleRow[mid]! < row)))) lo = mid + 1;
      else hi = mid;
    }
    sampleFrom = lo;
    // The place: after the sample before that one, at or before that one.
    hi = lo < samples ? samplePlace[lo]! : size;
    lo = Math.max(from, lo === 0 ? 0 : samplePlace[lo - 1]! + 1);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = firstUnmarked(order, mid, hi, marked);
      if (at < 0) {
        hi = mid;
        continue;
      }
      const i = order[at]!;
      const v = value(i);
      const t = second(submittedMs[i]!);
      if (v < rowValue || (v === rowValue && (t < rowSecond || (t === rowSecond && i < row)))) lo = at + 1;
      else hi = mid;
    }
    places[k] = lo;
    from = lo;
  }
  return places;
}

/** The first position in `order[start..end)` whose row is not marked, or -1. */
function firstUnmarked(order: Int32Array, start: number, end: number, marked: Uint8Array): number {
  for (let x = start; x < end; x++) if (marked[order[x]!] === 0) return x;
  return -1;
}

/**
 * Copies the rows of `from[start..end)` not marked in `marked` to `to` at
 * `at`; returns the position after them. The hot loop of `reposition` is a
 * small function of its own that sees one type of array: inside
 * `reposition`, whose closures differ for every key, the loop over a million
 * rows ran unoptimised after a deoptimisation (2-4 ms became 20-70 ms in
 * `bench:queue -- --sync-only`).
 */
function copyUnmarked(from: Int32Array, start: number, end: number, marked: Uint8Array, to: Int32Array, at: number): number {
  let o = at;
  for (let x = start; x < end; x++) {
    const i = from[x]!;
    if (marked[i] === 0) to[o++] = i;
  }
  return o;
}

/**
 * These rows by (primary key, submission second, index), the order every sort
 * gives. Their values are read once, in row order, into small arrays that the
 * sort compares: a comparator reading the columns sorted 5,000 rows scattered
 * over a million in up to 10 ms (cache misses at each comparison).
 */
function sortedNow(columns: Columns, key: SortKey, rows: readonly number[]): number[] {
  return sortRows(rows, primary(columns, key), columns.submittedMs);
}

/** Rows by (`value`, submission second, index), their values read once (see `sortedNow`). */
function sortRows(rows: readonly number[], value: (i: number) => number, submittedMs: Float64Array<ArrayBufferLike>): number[] {
  const m = rows.length;
  const values = new Float64Array(m);
  const seconds = new Float64Array(m);
  const at = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const i = rows[k]!;
    values[k] = value(i);
    seconds[k] = second(submittedMs[i]!);
    at[k] = k;
  }
  at.sort((a, b) => values[a]! - values[b]! || seconds[a]! - seconds[b]! || rows[a]! - rows[b]!);
  return Array.from(at, (k) => rows[k]!);
}

/** Seconds since 2000 (0 before): the submission time as orders compare it. */
function second(ms: number): number {
  return Math.max(0, Math.floor(ms / 1000) - EPOCH_2000_S);
}

/** Drops the order of `key`, its ranks and its settled values (what they sort by changed). */
export function forgetOrder(orders: Orders, key: SortKey): void {
  orders.delete(key);
  orders.delete(`rank:${key}`);
  orders.delete(`settled:${key}`);
}

/**
 * A walk along an order writing the matching rows, stopped once it had written
 * as many as were asked for (`ordered`'s `upTo`); `continueWalk` takes it on.
 * It reads `order` as it was when the walk began: whoever continues it checks
 * that the index still holds that array (a reposition gives the old one back
 * to the pool).
 */
export interface RowWalk {
  key: SortKey;
  order: Int32Array;
  match: Uint8Array;
  step: 1 | -1;
  /** The next position of `order` to look at. */
  at: number;
  /** Rows written to the selection's rows so far. */
  written: number;
}

/**
 * The matching rows in the order asked for: an array of `total` rows, of which
 * the first `upTo` at least are written (all when not given), and the walk that
 * writes the others when asked (null: all written).
 */
export function ordered(
  columns: Columns,
  orders: Orders,
  match: Uint8Array,
  total: number,
  sort: { key: SortKey; dir: 'asc' | 'desc' },
  candidates: Int32Array | null,
  upTo = total,
): { rows: Int32Array; walk: RowWalk | null } {
  const out = rowsArray(total);
  if (total === 0) return { rows: out, walk: null };
  const order = orderOf(columns, orders, sort.key);
  if (candidates && candidates.length * 8 < columns.size) {
    // Few candidates (a search): sort them by their rank in the order rather than walk it all.
    const rank = rankOf(columns, orders, sort.key);
    const keys = new Float64Array(total);
    let k = 0;
    for (const i of candidates) if (match[i] === 1) keys[k++] = rank[i]!;
    keys.sort();
    for (let j = 0; j < total; j++) out[sort.dir === 'asc' ? j : total - 1 - j] = order[keys[j]!]!;
    return { rows: out, walk: null };
  }
  // The matching rows are taken along the order, from its end for descending, and only as far as the page asked for:
  // a view's first page after a sync refresh (a new generation) walks a few thousand rows, not all of them (a walk
  // of the whole order took 5-10 ms at a million rows, after every refresh slice, in bench:queue -- --sync-only).
  // The default view (open work, most urgent first) finds all its rows among the last of the priority order, after
  // every finished report.
  const walk = startWalk(sort.key, order, match, sort.dir === 'desc' ? -1 : 1);
  continueWalk(walk, out, upTo);
  return { rows: out, walk: walk.written < total ? walk : null };
}

/** A walk from the start of `order` in its direction (from its end for descending), nothing written yet. */
export function startWalk(key: SortKey, order: Int32Array, match: Uint8Array, step: 1 | -1): RowWalk {
  return { key, order, match, step, at: step === 1 ? 0 : order.length - 1, written: 0 };
}

/** Writes the walk's next matching rows to `out` until `upTo` rows of it are written (or the order ends). */
export function continueWalk(walk: RowWalk, out: Int32Array, upTo: number): void {
  const end = Math.min(upTo, out.length);
  if (walk.written >= end) return;
  const { at, written } = matchingRows(walk.order, walk.match, walk.at, walk.step, out, walk.written, end);
  walk.at = at;
  walk.written = written;
}

/**
 * Writes to `out` from `k` the rows marked in `match` along `order`, from position `at` by `step`, until `end` rows
 * are written or the order ends; returns where it stopped. One loop for both directions, which every query runs hot
 * (a loop for descending alone ran unoptimised on the first descending query: 30-50 ms).
 */
function matchingRows(order: Int32Array, match: Uint8Array, at: number, step: 1 | -1, out: Int32Array, k: number, end: number): { at: number; written: number } {
  let j = at;
  let written = k;
  for (; j >= 0 && j < order.length && written < end; j += step) {
    const i = order[j]!;
    if (match[i] === 1) out[written++] = i;
  }
  return { at: j, written };
}

/** One row per cluster (its first in the order), and how many matching rows each cluster has. */
export function groupByCluster(columns: Columns, rows: Int32Array): { rows: Int32Array; clusterMatches: Int32Array } {
  const { cluster: clusterOf } = columns;
  const perCluster = rowsArray(columns.clusterSizes.length + 1).fill(0);
  const representatives = rowsArray(rows.length);
  let n = 0;
  for (const i of rows) {
    const cluster = clusterOf[i]!;
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
    const cluster = clusterOf[grouped[k]!]!;
    clusterMatches[k] = cluster === 0 ? 1 : perCluster[cluster]!;
  }
  releaseRows(perCluster);
  releaseRows(representatives);
  return { rows: grouped, clusterMatches };
}

/** Row indexes sorted ascending by the key, ties by submission time then arrival. Cached in `orders`. */
export function orderOf(columns: Columns, orders: Orders, key: SortKey): Int32Array {
  const cached = orders.get(key);
  if (cached) return cached;
  const n = columns.size;
  let order: Int32Array;
  if (key === 'submittedAt') {
    order = sortedBy(n, primary(columns, key));
  } else {
    const bySubmission = orderOf(columns, orders, 'submittedAt');
    const rank = new Int32Array(n);
    for (let k = 0; k < n; k++) rank[bySubmission[k]!] = k;
    order = sortedBy(n, primary(columns, key), rank, bySubmission);
  }
  orders.set(key, order);
  noteSettled(columns, orders, key);
  primeReposition(columns, orders, key);
  return orders.get(key)!;
}

/** Rows `primeReposition` puts back in place: enough loop turns for the compiler to optimise every loop of `reposition`. */
const PRIME_ROWS = 2048;

/**
 * Runs `reposition` once on a new order, with rows spread over it that have
 * not changed (it puts them back where they are), so that the first sync
 * refresh after it does not pay for the first run: the scratch arrays' page
 * faults (a fresh million-row array: 15-20 ms on the reference VM) and code
 * not optimised yet. Measured in `bench:queue -- --sync-only`: the first
 * reposition of an order took 40-95 ms, the next ones 3-10 ms. Costs a few
 * milliseconds, after a sort from scratch of ~150.
 */
function primeReposition(columns: Columns, orders: Orders, key: SortKey): void {
  const order = orders.get(key)!;
  if (order.length < POOLED_MIN) return;
  const step = Math.ceil(order.length / PRIME_ROWS);
  const rows: number[] = [];
  for (let x = 0; x < order.length; x += step) rows.push(order[x]!);
  reposition(columns, orders, rows, [key]);
}

/** Position of each row in the order of `key`. */
function rankOf(columns: Columns, orders: Orders, key: SortKey): Int32Array {
  const cacheKey = `rank:${key}`;
  const cached = orders.get(cacheKey);
  if (cached) return cached;
  const order = orderOf(columns, orders, key);
  const rank = new Int32Array(columns.size);
  for (let k = 0; k < order.length; k++) rank[order[k]!] = k;
  orders.set(cacheKey, rank);
  return rank;
}

function primary(columns: Columns, key: SortKey): (i: number) => number {
  const { priority, status, deadlineMs, cluster, idNumber, submittedMs } = columns;
  switch (key) {
    case 'priority':
      // Priority applies to open work: finished reports after every open one (before, ascending).
      return (i) => (status[i]! <= OPEN_MAX_CODE ? priority[i]! + 1 : 0);
    case 'deadline':
      // Closed reports have no deadline to meet: after every open one.
      return (i) => (status[i]! <= OPEN_MAX_CODE ? Math.min(2 ** 30 - 2, Math.max(0, Math.floor(deadlineMs[i]! / 1000) - EPOCH_2000_S)) : 2 ** 30 - 1);
    case 'status':
      return (i) => status[i]!;
    case 'clusterSize':
      return (i) => columns.clusterSize(cluster[i]!);
    case 'id':
      return (i) => idNumber[i]!;
    case 'category':
    case 'platform':
    case 'region':
    case 'country': {
      const column = columns[key];
      const ranks = columns.dicts[key].ranks();
      return (i) => ranks[column[i]!]!;
    }
    case 'submittedAt':
      return (i) => second(submittedMs[i]!);
  }
}

/**
 * Sorts the `n` row indexes by `primary` (a non-negative integer below 2^31), then by
 * `tie` rank, with one native sort of packed doubles: primary * 2^22 + tie.
 */
function sortedBy(n: number, primary: (i: number) => number, tie?: Int32Array, byTie?: Int32Array): Int32Array {
  const order = rowsArray(n);
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
