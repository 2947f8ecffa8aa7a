/** The dashboard's figures, from the queue index (no pass over the store's pages). */
import { clusterKeys, reportSamples } from '../reports/queue-reads.ts';
import type { Db } from '../store/database.ts';
import type { Dashboard, FacetCount } from '../../shared/triage.ts';
import type { QueueIndex } from './queue-index.ts';

const HOUR = 3_600_000;
const casablancaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca', year: 'numeric', month: '2-digit', day: '2-digit' });

function sorted(map: Map<string, number>): FacetCount[] {
  return [...map].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

export function buildDashboard(db: Db, index: QueueIndex, days: number, nowMs: number): Dashboard {
  // Day boundaries in Casablanca time: each hour since the start gets its local day.
  let startMs = Math.floor(nowMs / HOUR) * HOUR - days * 24 * HOUR;
  const dayKeys: string[] = [];
  const hourDay: number[] = [];
  for (let t = startMs; t <= nowMs; t += HOUR) {
    const key = casablancaDay.format(t);
    if (dayKeys[dayKeys.length - 1] !== key) dayKeys.push(key);
    hourDay.push(dayKeys.length - 1);
  }
  // Keep exactly `days` days, ending today.
  const firstKept = Math.max(0, dayKeys.length - days);
  const firstHour = hourDay.indexOf(firstKept);
  startMs += firstHour * HOUR;
  const stats = index.stats(nowMs, startMs);
  // Category names come from reports (untrusted): counted in maps, never as keys of a plain object
  // (`constructor`, `toString` or `__proto__` would read or replace what Object.prototype has).
  const buckets = dayKeys.slice(firstKept).map((day) => ({ day, counts: new Map<string, number>() }));
  const seen = new Set<string>();
  for (const i of stats.inPeriod) {
    const hour = Math.floor((index.submittedAt(i) - startMs) / HOUR) + firstHour;
    const dayIndex = (hourDay[hour] ?? hourDay[hourDay.length - 1]!) - firstKept;
    const bucket = buckets[dayIndex];
    if (!bucket) continue;
    const category = index.categoryOf(i);
    bucket.counts.set(category, (bucket.counts.get(category) ?? 0) + 1);
    seen.add(category);
  }
  // Every day lists every category of the period (0 when none): a reader that looks a category up
  // by name always finds an own property, never one inherited from Object.prototype. The contract's
  // record drops a category named __proto__ (zod strips that key).
  const perDay = buckets.map(({ day, counts }) => ({ day, counts: Object.fromEntries([...seen].map((category) => [category, counts.get(category) ?? 0])) }));
  const sample = reportSamples(db);
  const largest = index.topClusters(10);
  const clusterKey = clusterKeys(db, largest.map(({ cluster }) => cluster));
  const topClusters = largest.map(({ cluster, size, row }) => {
    const report = sample(index.rowid[row]!)!;
    return { clusterId: cluster, size, key: clusterKey(cluster), sampleReportId: report.id, platform: report.platform, category: report.category };
  });
  return {
    total: stats.total,
    open: stats.open,
    overdue: stats.overdue,
    imminentDangerOpen: stats.dangerOpen,
    perDay,
    backlogByStatus: sorted(stats.status),
    overdueByCategory: sorted(stats.overdueByCategory),
    byPlatform: sorted(stats.platform),
    byRegion: sorted(stats.region),
    topClusters,
    generatedAt: new Date(nowMs).toISOString(),
  };
}
