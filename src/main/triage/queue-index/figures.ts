/**
 * The dashboard's figures, counted over the queue index's columns.
 */
import { type Columns, OPEN_MAX_CODE, STATUS_CODES } from './columns.ts';

export interface QueueStats {
  total: number;
  open: number;
  overdue: number;
  dangerOpen: number;
  inPeriod: Int32Array;
  status: Map<string, number>;
  overdueByCategory: Map<string, number>;
  platform: Map<string, number>;
  region: Map<string, number>;
}

/** Totals at `nowMs`, and the rows submitted since `fromMs` with their platforms and regions. */
export function stats(columns: Columns, nowMs: number, fromMs: number): QueueStats {
  const { dicts, status, danger, deadlineMs, category, submittedMs, platform, region } = columns;
  let open = 0;
  let overdue = 0;
  let dangerOpen = 0;
  const inPeriod: number[] = [];
  const statusCounts = new Int32Array(STATUS_CODES.length);
  const overdueCat = new Int32Array(dicts.category.values.length);
  const plat = new Int32Array(dicts.platform.values.length);
  const reg = new Int32Array(dicts.region.values.length);
  for (let i = 0; i < columns.size; i++) {
    const st = status[i]!;
    statusCounts[st]!++;
    if (st <= OPEN_MAX_CODE) {
      open++;
      if (danger[i] === 1) dangerOpen++;
      if (deadlineMs[i]! < nowMs) {
        overdue++;
        overdueCat[category[i]!]!++;
      }
    }
    if (submittedMs[i]! >= fromMs) {
      inPeriod.push(i);
      plat[platform[i]!]!++;
      reg[region[i]!]!++;
    }
  }
  const toMap = (names: readonly string[], counts: Int32Array) => new Map(names.map((name, code) => [name, counts[code]!] as const).filter(([, n]) => n > 0));
  return {
    total: columns.size,
    open,
    overdue,
    dangerOpen,
    inPeriod: Int32Array.from(inPeriod),
    status: toMap(STATUS_CODES, statusCounts),
    overdueByCategory: toMap(dicts.category.values, overdueCat),
    platform: toMap(dicts.platform.values, plat),
    region: toMap(dicts.region.values, reg),
  };
}

/** The largest clusters (at least two reports), biggest first, with one of their rows. */
export function topClusters(columns: Columns, limit: number): { cluster: number; size: number; row: number }[] {
  const top: { cluster: number; size: number; row: number }[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < columns.size; i++) {
    const cluster = columns.cluster[i]!;
    const size = columns.clusterSize(cluster);
    if (size < 2 || seen.has(cluster)) continue;
    if (top.length === limit && size <= top[top.length - 1]!.size) continue;
    seen.add(cluster);
    top.push({ cluster, size, row: i });
    top.sort((a, b) => b.size - a.size || a.cluster - b.cluster);
    if (top.length > limit) seen.delete(top.pop()!.cluster);
  }
  return top;
}
