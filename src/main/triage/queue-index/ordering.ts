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

/** Orders by key, and ranks by `rank:` and the key. */
export type Orders = Map<string, Int32Array>;

/**
 * Arrays of a row per report are reused rather than allocated for each
 * refresh and query: a fresh array of a million rows costs its page faults,
 * 15-20 ms on the reference VM (`npm run bench:queue -- --sync-only`), where
 * writing a reused one costs ~1 ms. `reposition` marks the moved rows in
 * the columns' byte scratch and keeps a scratch of rows (neither leaves it); orders and selections take their arrays from a small
 * pool (`rowsArray`, with room to grow) and give back those they replace
 * (`releaseRows`), which nothing else holds.
 */
let keptScratch = new Int32Array(0);
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

/** Every how many rows of an order `reposition` keeps a sample of its sort values. */
const SAMPLE = 64;

/** Above this share of the rows changed, an order is dropped (sorted again on use) rather than repositioned. */
export const REPOSITION_MAX_SHARE = 1 / 16;

/**
 * Keeps the cached orders of `keys` sorted after the rows in `rows` changed
 * (their values for those keys) or were added: each order loses those rows
 * and gets them back at their new places, found by binary search, in one
 * copy of the order. Rows not in `rows` must have kept their values for those
 * keys. O(size + changed × log size) per order, where sorting again is
 * O(size × log size): a million-row order takes milliseconds instead of ~150.
 * Ranks of those keys are dropped (rebuilt on use, one pass).
 */
export function reposition(columns: Columns, orders: Orders, rows: readonly number[], keys: readonly SortKey[]): void {
  const n = columns.size;
  if (keptScratch.length < n) keptScratch = new Int32Array(n + (n >> 4) + 1024);
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
        orders.delete(key);
        continue;
      }
      const compare = comparator(columns, key);
      const value = primary(columns, key);
      const { submittedMs } = columns;
      const sorted = [...unique].sort(compare);
      // The order without the moved rows: still sorted, since the others kept their values.
      const kept = keptScratch;
      let c = 0;
      for (let x = 0; x < order.length; x++) {
        const i = order[x]!;
        if (moved[i] === 0) kept[c++] = i;
      }
      // Every SAMPLE-th row of it with its sort values, in three small arrays that stay in the processor's cache:
      // each moved row's place is found among them first, then among at most SAMPLE rows of the order. A binary
      // search over the whole order would read ~20 rows scattered over the columns per moved row (cache misses:
      // ~20 ms for 3,000 rows at a million), the samples ~6.
      const samples = Math.ceil(c / SAMPLE);
      const sampleValue = new Float64Array(samples);
      const sampleSecond = new Float64Array(samples);
      const sampleRow = new Int32Array(samples);
      for (let s = 0; s < samples; s++) {
        const i = kept[s * SAMPLE]!;
        sampleValue[s] = value(i);
        sampleSecond[s] = second(submittedMs[i]!);
        sampleRow[s] = i;
      }
      const next = rowsArray(c + sorted.length);
      let from = 0;
      let sampleFrom = 0;
      let o = 0;
      for (const row of sorted) {
        const rowValue = value(row);
        const rowSecond = second(submittedMs[row]!);
        // The first sample not before the row (the rows are in order: at or after the last one's).
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
        // The row's place: after the sample before that one, at or before that one.
        hi = lo < samples ? lo * SAMPLE : c;
        lo = Math.max(from, lo === 0 ? 0 : (lo - 1) * SAMPLE + 1);
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (compare(kept[mid]!, row) < 0) lo = mid + 1;
          else hi = mid;
        }
        next.set(kept.subarray(from, lo), o);
        o += lo - from;
        from = lo;
        next[o++] = row;
      }
      next.set(kept.subarray(from, c), o);
      if (next.length !== n) throw new Error(`order of ${key}: ${next.length} rows for ${n}`);
      orders.set(key, next);
      releaseRows(order);
    }
  } finally {
    // The scratch is clean for the next call.
    for (const i of unique) moved[i] = 0;
  }
}

/** Rows by (primary key, submission second, index): the order every sort gives. */
function comparator(columns: Columns, key: SortKey): (a: number, b: number) => number {
  const value = primary(columns, key);
  const { submittedMs } = columns;
  return (a, b) => value(a) - value(b) || second(submittedMs[a]!) - second(submittedMs[b]!) || a - b;
}

/** Seconds since 2000 (0 before): the submission time as orders compare it. */
function second(ms: number): number {
  return Math.max(0, Math.floor(ms / 1000) - EPOCH_2000_S);
}

/** Drops the order of `key` and its ranks (what they sort by changed). */
export function forgetOrder(orders: Orders, key: SortKey): void {
  orders.delete(key);
  orders.delete(`rank:${key}`);
}

/** The matching rows in the order asked for. */
export function ordered(
  columns: Columns,
  orders: Orders,
  match: Uint8Array,
  total: number,
  sort: { key: SortKey; dir: 'asc' | 'desc' },
  candidates: Int32Array | null,
): Int32Array {
  const out = rowsArray(total);
  if (total === 0) return out;
  const order = orderOf(columns, orders, sort.key);
  if (candidates && candidates.length * 8 < columns.size) {
    // Few candidates (a search): sort them by their rank in the order rather than walk it all.
    const rank = rankOf(columns, orders, sort.key);
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
  return order;
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
