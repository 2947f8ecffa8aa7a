/**
 * The queue index's orders: every row sorted by each key (cached until the data
 * changes), each row's rank in them, the matching rows in order, and the
 * grouping by cluster.
 */
import type { SortKey } from '../../../shared/triage.ts';
import { type Columns, OPEN_MAX_CODE } from './columns.ts';

/** Low bits of a packed sort key: enough for 4,194,304 reports. */
const LOW = 4_194_304;
const EPOCH_2000_S = 946_684_800;

/** Orders by key, and ranks by `rank:` and the key; cleared when the data changes. */
export type Orders = Map<string, Int32Array>;

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
  const out = new Int32Array(total);
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
  const perCluster = new Int32Array(columns.clusterSizes.length + 1);
  const representatives = new Int32Array(rows.length);
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
  return { rows: grouped, clusterMatches };
}

/** Row indexes sorted ascending by the key, ties by submission time then arrival. Cached in `orders`. */
export function orderOf(columns: Columns, orders: Orders, key: SortKey): Int32Array {
  const cached = orders.get(key);
  if (cached) return cached;
  const n = columns.size;
  let order: Int32Array;
  if (key === 'submittedAt') {
    const { submittedMs } = columns;
    order = sortedBy(n, (i) => Math.max(0, Math.floor(submittedMs[i]! / 1000) - EPOCH_2000_S));
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
      return (i) => priority[i]!;
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
      return (i) => submittedMs[i]!;
  }
}

/**
 * Sorts the `n` row indexes by `primary` (a non-negative integer below 2^31), then by
 * `tie` rank, with one native sort of packed doubles: primary * 2^22 + tie.
 */
function sortedBy(n: number, primary: (i: number) => number, tie?: Int32Array, byTie?: Int32Array): Int32Array {
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
