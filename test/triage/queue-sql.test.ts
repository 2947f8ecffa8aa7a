/**
 * The SQL a queue request runs touches only the rows it shows: no statement
 * of a page, a group view or a sync refresh scans the reports, their
 * revisions or the clusters. Two did, unnoticed on small stores and ~1 s a
 * request at 1,000,000 reports (bench:queue, docs/benchmarks.md): the cluster
 * key of each row read by id from a table keyed by content key (migration 16
 * indexes it), and the known-hash marks read as a join that SQLite, with no
 * statistics, ran from the reports side. SQLite plans the same on a small
 * store as on a large one here (no ANALYZE), so the plans are checked here;
 * the values read are checked against the tables.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Db } from '../../src/main/store/database.ts';
import { QueueService } from '../../src/main/triage/queue-service.ts';
import { fixture } from '../sync/fixture.ts';

/** Records each statement prepared on `db` (until `stop`) with the arguments of its first run. */
function recordStatements(db: Db): { seen: Map<string, unknown[]>; stop: () => void } {
  const seen = new Map<string, unknown[]>();
  const own = db.prepare;
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source) as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['all', 'get', 'iterate']) {
      const original = statement[method]!.bind(statement);
      statement[method] = (...args: unknown[]) => {
        if (!seen.has(source)) seen.set(source, args);
        return original(...args);
      };
    }
    return statement;
  }) as unknown as Db['prepare'];
  return { seen, stop: () => (db.prepare = own) };
}

/** Tables (and the aliases the queue's SQL gives them) that hold a row per report or per cluster. */
const LARGE = new Set(['reports', 'r', 'report_revisions', 'v', 'clusters']);

test('a queue page, a group view and a sync refresh read by key: no scan of reports, revisions or clusters; cluster keys and known-hash marks as stored', async (t) => {
  const f = await fixture(t, { count: 300, attachments: 6 });
  await f.sync();
  const { db } = f.core.unlockedStore();
  const analyst = db.prepare('SELECT id FROM analysts LIMIT 1').pluck().get() as string;
  const listId = Number(
    db
      .prepare("INSERT INTO hash_lists (label, source, format, file_sha256, entries, imported_at, imported_by) VALUES ('test', 'test', 'csv', ?, 1, ?, ?)")
      .run('0'.repeat(64), '2026-06-01T00:00:00.000Z', analyst).lastInsertRowid,
  );
  const matched = db.prepare('SELECT id FROM reports ORDER BY rowid LIMIT 2 OFFSET 40').pluck().all() as string[];
  for (const reportId of matched) {
    db.prepare("INSERT INTO hash_list_matches (list_id, attachment_id, report_id, kind, value, distance, matched_at) VALUES (?, ?, ?, 'sha256', ?, NULL, ?)").run(
      listId,
      `att_${reportId}`,
      reportId,
      'a'.repeat(64),
      '2026-06-01T00:00:00.000Z',
    );
  }

  const changed = db.prepare('SELECT rowid FROM reports ORDER BY rowid DESC LIMIT 20').pluck().all() as number[];
  const { seen: statements, stop } = recordStatements(db);
  const queue = new QueueService(() => f.core.unlockedStore(), { emitChanged: () => {} });
  const page = await queue.query({ limit: 100 });
  const groups = await queue.query({ grouping: 'clusters', limit: 50 });
  // A sync refresh: the rows it changed read again, and the attachment marks.
  queue.applied(changed);
  queue.refreshNow();
  const hashed = await queue.query({ filters: { hashMatch: true }, limit: 10, facets: false });
  await queue.query({ filters: { openOnly: true }, offset: 150, limit: 100 });
  stop();

  // What was shown is what the tables hold.
  assert.deepEqual(hashed.rows.map((row) => row.id).sort(), [...matched].sort(), 'the reports on a known-hash list, and only them');
  const keys = new Map((db.prepare('SELECT id, key FROM clusters').all() as { id: number; key: string }[]).map((row) => [row.id, row.key]));
  assert.ok(groups.rows.length > 20);
  for (const row of groups.rows) assert.equal(row.clusterKey, keys.get(row.clusterId), `cluster key of the group of ${row.id}`);
  // The list of reports does not show what a cluster groups (nor read it); the reports of one cluster do.
  assert.ok(page.rows.every((row) => row.clusterKey === null));
  const largest = groups.rows.reduce((a, b) => (b.clusterSize > a.clusterSize ? b : a));
  const ofCluster = await queue.query({ filters: { clusterId: largest.clusterId }, limit: 10, facets: false });
  assert.ok(ofCluster.rows.length > 1);
  for (const row of ofCluster.rows) assert.equal(row.clusterKey, keys.get(largest.clusterId), `cluster key of ${row.id} in its cluster's list`);

  // How SQLite runs each statement the queue ran (the index load reads by rowid ranges).
  assert.ok(statements.size >= 4, [...statements.keys()].join('\n'));
  for (const [source, args] of statements) {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args) as { detail: string }[]).map((step) => step.detail);
    for (const step of plan) {
      const scanned = /^SCAN (\w+)/.exec(step)?.[1];
      assert.ok(scanned === undefined || !LARGE.has(scanned), `${source.replace(/\s+/g, ' ').trim()}\n  scans ${scanned}: ${plan.join(' | ')}`);
    }
  }
});
