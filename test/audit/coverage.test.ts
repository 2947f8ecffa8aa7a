/**
 * The audit channels through the contract: un-blurring an attachment is
 * recorded (and refused for content never shown), the export is recorded,
 * the anchoring interval is a supervisor's setting, a head is queued after
 * every N entries and at each lock without waiting for the service.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SUPERVISOR, failure, value } from '../helpers/store.ts';
import { storeEvidence } from '../../src/main/evidence/store.ts';
import type { Db } from '../../src/main/store/database.ts';
import { fixture } from '../sync/fixture.ts';

function identifiedReport(db: Db): string {
  return db.prepare("SELECT id FROM reports WHERE category <> 'child_sexual_exploitation' ORDER BY id LIMIT 1").pluck().get() as string;
}

test('un-blurring is recorded; export recorded; anchoring every N entries and at lock, set by a supervisor', async (t) => {
  const f = await fixture(t, { count: 60, attachments: 20 });
  await f.sync();
  const db = f.core.unlockedStore().db;
  const attachment = db
    .prepare("SELECT a.id, a.report_id FROM attachments a JOIN reports r ON r.id = a.report_id WHERE r.category <> 'child_sexual_exploitation' ORDER BY a.id LIMIT 1")
    .get() as { id: string; report_id: string };
  assert.ok(attachment);
  const before = db.prepare('SELECT max(id) FROM audit_events').pluck().get() as number;
  assert.deepEqual(await value(f.core, 'audit.imageUnblurred', { reportId: attachment.report_id, attachmentId: attachment.id }), { recorded: true });
  const entry = db.prepare('SELECT id, action, detail FROM audit_events WHERE id = ?').get(before + 1) as { action: string; detail: string };
  assert.equal(entry.action, 'report.attachment_unblurred');
  assert.deepEqual(JSON.parse(entry.detail), { attachmentId: attachment.id, reportId: attachment.report_id });
  assert.equal((await failure(f.core, 'audit.imageUnblurred', { reportId: attachment.report_id, attachmentId: 'att_nope' })).code, 'NOT_FOUND');
  db.prepare("UPDATE reports SET category = 'child_sexual_exploitation' WHERE id = ?").run(attachment.report_id);
  assert.equal((await failure(f.core, 'audit.imageUnblurred', { reportId: attachment.report_id, attachmentId: attachment.id })).code, 'FORBIDDEN');

  // A page screenshot's un-blurring too (evidence): in its custody and the journal.
  const analystId = f.core.unlockedStore().analyst.id;
  const shotId = storeEvidence(db, { kind: 'screenshot', bytes: Buffer.from('89504e470d0a1a0a0000', 'hex'), reportId: identifiedReport(db), acquiredBy: analystId, method: { test: true } });
  assert.deepEqual(await value(f.core, 'audit.imageUnblurred', { evidenceId: shotId }), { recorded: true });
  assert.equal(db.prepare("SELECT detail FROM audit_events WHERE action = 'evidence.unblurred'").pluck().get(), JSON.stringify({ id: shotId }));
  assert.equal(db.prepare("SELECT count(*) FROM evidence_custody WHERE item_id = ? AND detail LIKE '%unblurred%'").pluck().get(shotId), 1);
  assert.equal((await failure(f.core, 'audit.imageUnblurred', { evidenceId: 'EV-NOPE' })).code, 'NOT_FOUND');

  const file = await value(f.core, 'audit.export', { format: 'json', filters: { action: 'report.attachment_unblurred' } });
  assert.equal(file.entries, 1);
  const exported = db.prepare("SELECT detail FROM audit_events WHERE action = 'audit.exported'").pluck().get() as string;
  assert.deepEqual(JSON.parse(exported), { entries: 1, filterAction: 'report.attachment_unblurred', format: 'json' });
  const csv = await value(f.core, 'audit.export', { format: 'csv', filters: {} });
  assert.ok(csv.text.startsWith('\uFEFFindex,at,analyst_id'));

  // Every 3 entries a head is queued; the setting is recorded.
  await value(f.core, 'audit.updateAnchorSettings', { anchorEvery: 3 });
  assert.deepEqual(await value(f.core, 'audit.anchorSettings'), { anchorEvery: 3 });
  db.exec('DELETE FROM audit_anchor_queue');
  for (let i = 0; i < 6; i += 1) await value(f.core, 'settings.update', { idleLockMinutes: 10 + i });
  const queued = db.prepare("SELECT head_index FROM audit_anchor_queue WHERE reason = 'every_n' ORDER BY id").pluck().all() as number[];
  assert.equal(queued.length, 2);
  for (const index of queued) assert.equal(index % 3, 0);

  // Locking queues the head; nothing waits for the service.
  await value(f.core, 'session.lock');
  await value(f.core, 'session.unlock', { name: SUPERVISOR.name, passphrase: SUPERVISOR.passphrase });
  const reopened = f.core.unlockedStore().db;
  const lockEntry = reopened.prepare("SELECT max(id) FROM audit_events WHERE action = 'session.locked'").pluck().get() as number;
  assert.equal(reopened.prepare("SELECT head_index FROM audit_anchor_queue WHERE reason = 'lock' ORDER BY id DESC LIMIT 1").pluck().get(), lockEntry);
});
