/**
 * Migration 14 (contract 1.1): status changes stored before it get their
 * accepted_at from their signed payload, and each report's current status is
 * chosen again by accepted_at, then seq.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { migrationSteps } from '../../src/main/core.ts';
import { openDatabase } from '../../src/main/store/database.ts';
import { migrate, migrations } from '../../src/main/store/migrations/index.ts';
import { tempDir } from '../helpers/store.ts';

test('migration 14 reads accepted_at from the stored payloads and chooses each current status again', (t) => {
  const db = openDatabase(join(tempDir(t), 'store.db'), randomBytes(32), { create: true });
  t.after(() => db.close());
  migrate(db, migrationSteps, migrations, 13);
  const report = db.prepare(`INSERT INTO reports (id, revision, revision_seq, submitted_at, updated_at, channel, locale, category, platform, imminent_danger, reporter_mode, country, status, status_seq)
                             VALUES (?, 1, 1, '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z', 'web', 'ar', 'fraud', 'facebook', 0, 'anonymous', 'MA', ?, ?)`);
  const status = db.prepare("INSERT INTO status_changes (seq, report_id, status, at, workstation_id, payload, sig, received_at) VALUES (?, ?, ?, '2026-06-02T00:00:00Z', 'ws', ?, 'sig', 'now')");
  const payload = (id: string, value: string, acceptedAt?: unknown): string => JSON.stringify({ kind: 'status', report_id: id, status: value, at: '2026-06-02T00:00:00Z', workstation_id: 'ws', ...(acceptedAt === undefined ? {} : { accepted_at: acceptedAt }) });
  // A: a referral, then an old status replayed with a higher seq (what version 13 showed).
  report.run('IBL-2026-0000001', 'in_analysis', 12);
  status.run(10, 'IBL-2026-0000001', 'referred', payload('IBL-2026-0000001', 'referred', '2026-06-03T10:00:00Z'));
  status.run(12, 'IBL-2026-0000001', 'in_analysis', payload('IBL-2026-0000001', 'in_analysis', '2026-06-02T10:00:00.5Z'));
  // B: 1.0 statuses only (by seq), and one whose accepted_at is not a date: left NULL.
  report.run('IBL-2026-0000002', 'duplicate', 21);
  status.run(20, 'IBL-2026-0000002', 'referred', payload('IBL-2026-0000002', 'referred'));
  status.run(21, 'IBL-2026-0000002', 'duplicate', payload('IBL-2026-0000002', 'duplicate', 'not a date'));
  // C: a status set on this workstation, still waiting in the outbox, stays shown.
  report.run('IBL-2026-0000003', 'closed_no_action', 31);
  status.run(30, 'IBL-2026-0000003', 'referred', payload('IBL-2026-0000003', 'referred', '2026-06-05T00:00:00Z'));
  status.run(31, 'IBL-2026-0000003', 'received', payload('IBL-2026-0000003', 'received', '2026-06-01T00:00:00Z'));
  db.prepare("INSERT INTO outbox (report_id, status, at, workstation_id, idempotency_key, state, created_at) VALUES ('IBL-2026-0000003', 'closed_no_action', 'x', 'ws', 'k', 'pending', 'x')").run();

  assert.deepEqual(migrate(db, migrationSteps, migrations, 14), [14]);
  assert.deepEqual(db.prepare('SELECT seq, accepted_at FROM status_changes ORDER BY seq').all(), [
    { seq: 10, accepted_at: '2026-06-03T10:00:00.000Z' },
    { seq: 12, accepted_at: '2026-06-02T10:00:00.500Z' },
    { seq: 20, accepted_at: null },
    { seq: 21, accepted_at: null },
    { seq: 30, accepted_at: '2026-06-05T00:00:00.000Z' },
    { seq: 31, accepted_at: '2026-06-01T00:00:00.000Z' },
  ]);
  assert.deepEqual(db.prepare('SELECT id, status, status_seq FROM reports ORDER BY id').all(), [
    { id: 'IBL-2026-0000001', status: 'referred', status_seq: 10 },
    { id: 'IBL-2026-0000002', status: 'duplicate', status_seq: 21 },
    { id: 'IBL-2026-0000003', status: 'closed_no_action', status_seq: 31 },
  ]);
  // The choice of the current status reads the index, not the table.
  const plan = db.prepare("EXPLAIN QUERY PLAN SELECT seq FROM status_changes WHERE report_id = 'x' ORDER BY accepted_at DESC, seq DESC LIMIT 1").all() as { detail: string }[];
  assert.ok(plan.some((row) => /USING (COVERING )?INDEX status_changes_by_report/.test(row.detail)), JSON.stringify(plan));
  assert.ok(!plan.some((row) => /TEMP B-TREE/.test(row.detail)), JSON.stringify(plan));
});
