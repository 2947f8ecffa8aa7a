/**
 * The triage backfill (migration 4, for stores synced before the triage
 * columns existed) gives the same clusters, first URLs and search results as
 * the sync's own ingest, across its batches of a thousand reports.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backfillProjection } from '../../src/main/reports/projection.ts';
import { fixture } from '../sync/fixture.ts';

/** Reports grouped by cluster, as sorted lists of report ids: independent of how the ids were numbered. */
function partition(rows: { id: string; cluster_id: number }[]): string[] {
  const groups = new Map<number, string[]>();
  for (const row of rows) groups.set(row.cluster_id, [...(groups.get(row.cluster_id) ?? []), row.id]);
  return [...groups.values()].map((ids) => ids.sort().join(' ')).sort();
}

test('the triage backfill rebuilds clusters, first URLs and the search index exactly as the sync made them', async (t) => {
  const f = await fixture(t, { count: 2300, attachments: 0 }, { pageLimit: 1000 });
  await f.sync();
  const { db } = f.core.unlockedStore();
  const read = () => db.prepare('SELECT id, cluster_id, first_url FROM reports ORDER BY rowid').all() as { id: string; cluster_id: number; first_url: string | null }[];
  const terms = ['instagram', 'facebook', 'ibl', 'com', 'wa', 'مزعج', 'tiktok'];
  const search = () => terms.map((term) => db.prepare('SELECT rowid FROM report_search WHERE report_search MATCH ? ORDER BY rowid').pluck().all(`"${term}"*`));
  const before = { rows: read(), found: search() };
  assert.ok(before.rows.length > 2000, 'more than two batches of the backfill');
  assert.ok(before.found.every((rowids) => rowids.length > 0), `every term finds something: ${before.found.map((r) => r.length).join(' ')}`);

  db.transaction(() => {
    db.prepare('UPDATE reports SET cluster_id = NULL, first_url = NULL').run();
    db.prepare("INSERT INTO report_search (report_search) VALUES ('delete-all')").run();
    db.prepare('DELETE FROM clusters').run();
    assert.equal(db.prepare('SELECT count(*) FROM report_search').pluck().get(), 0);
    backfillProjection(db);
  })();

  const after = { rows: read(), found: search() };
  assert.deepEqual(after.found, before.found, 'the same reports found for every term');
  assert.deepEqual(after.rows.map((r) => r.first_url), before.rows.map((r) => r.first_url));
  assert.ok(after.rows.every((r) => r.cluster_id !== null));
  assert.deepEqual(partition(after.rows), partition(before.rows), 'the same clusters');
  db.prepare("INSERT INTO report_search (report_search, rank) VALUES ('integrity-check', 0)").run();
});
