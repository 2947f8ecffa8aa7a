/**
 * Status safety in the core (issue 14): closing statuses ask for a reason
 * (journaled, sent to the intake service as the status's reference, shown in
 * the report's history); a report in analysis at another workstation changes
 * only once the analyst confirmed; every status set can be undone for a
 * while (withdrawn while in the outbox, set back once sent); and one rule for
 * every reason the journal keeps. Against the real reference intake service
 * on loopback and a real encrypted store.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StatusUndoLog, UNDO_KEEP_MS } from '../../src/main/reports/status-undo.ts';
import type { Core } from '../../src/main/core.ts';
import { isSubstantialReason, reasonSubstance } from '../../src/shared/reason.ts';
import { IdentityInclusion } from '../../src/shared/dossiers.ts';
import { failure, value } from '../helpers/store.ts';
import { fixture, serverFeed, type Fixture } from '../sync/fixture.ts';

const REASON = 'Aucune infraction constatée après vérification du lien';

function db(core: Core) {
  return core.unlockedStore().db;
}

function reportRow(core: Core, id: string) {
  return db(core).prepare('SELECT status, status_seq, status_at, status_workstation, status_reference FROM reports WHERE id = ?').get(id) as {
    status: string;
    status_seq: number | null;
    status_at: string | null;
    status_workstation: string | null;
    status_reference: string | null;
  };
}

function outbox(core: Core, id: string) {
  return db(core).prepare('SELECT status, reference, state FROM outbox WHERE report_id = ? ORDER BY id').all(id) as { status: string; reference: string | null; state: string }[];
}

function journal(core: Core, action: string): Record<string, unknown>[] {
  return (db(core).prepare('SELECT detail FROM audit_events WHERE action = ? ORDER BY id').pluck().all(action) as string[]).map((d) => JSON.parse(d) as Record<string, unknown>);
}

/** Reports still `received`, by id. */
function received(f: Fixture, n: number): string[] {
  const ids = db(f.core).prepare("SELECT id FROM reports WHERE status = 'received' ORDER BY id LIMIT ?").pluck().all(n) as string[];
  assert.equal(ids.length, n);
  return ids;
}

/** The service's last status change for a report, as its feed says. */
async function lastStatusAtService(f: Fixture, id: string): Promise<Record<string, unknown> | undefined> {
  const statuses = (await serverFeed(f.server))
    .filter((c) => c.kind === 'status')
    .map((c) => JSON.parse(c.payload) as Record<string, unknown>)
    .filter((p) => p['report_id'] === id);
  return statuses.at(-1);
}

test('the reason rule: a few real words in any script; punctuation, digits, repeated letters and repeated words do not count', () => {
  for (const refused of ['.....', '', '   ', 'aaaaaaaaaaaaaaa', 'ok ok ok ok', 'a b c d e f g', '1234567890', 'Doublon', 'مكرر', 'مــــــــــكرر', '؟؟؟؟؟؟', '!!! ??? ...', 'إِبْلاغ']) {
    assert.equal(isSubstantialReason(refused), false, refused);
  }
  for (const accepted of [REASON, 'Doublon de IBL-2026-0000017', 'بلاغ مكرر سابق', 'المحتوى لا يشكل مخالفة', 'Réquisition 2026/118', 'abcdefghij']) {
    assert.equal(isSubstantialReason(accepted), true, accepted);
  }
  // Harakat belong to their word and are not letters; the tatweel is nothing.
  assert.deepEqual(reasonSubstance('إِبْلاغٌ'), { words: 1, letters: 5 });
  assert.deepEqual(reasonSubstance('بـــلاغ'), reasonSubstance('بلاغ'));
  // The dossier's identity inclusion uses the same rule.
  assert.equal(IdentityInclusion.safeParse({ reportId: 'IBL-2026-0000001', reason: '.....' }).success, false);
  assert.equal(IdentityInclusion.safeParse({ reportId: 'IBL-2026-0000001', reason: 'Réquisition du parquet de Rabat' }).success, true);
});

test('the undo log: once, by the analyst who set it, for UNDO_KEEP_MS', () => {
  const log = new StatusUndoLog();
  const entries = [{ reportId: 'IBL-2026-0000001', rowid: 1, outboxId: 1, status: 'duplicate' as const, setAt: '', previous: { status: 'received', seq: null, at: null, workstation: null, reference: null } }];
  const id = log.remember('analyst-a', entries, 1_000);
  assert.throws(() => log.take(id, 'analyst-b', 1_001), { code: 'NOT_FOUND' });
  assert.deepEqual(log.take(id, 'analyst-a', 1_000 + UNDO_KEEP_MS - 1), entries);
  assert.throws(() => log.take(id, 'analyst-a', 1_002), { code: 'NOT_FOUND' }, 'an undo is not undone twice');
  const late = log.remember('analyst-a', entries, 2_000);
  assert.throws(() => log.take(late, 'analyst-a', 2_000 + UNDO_KEEP_MS), { code: 'NOT_FOUND' });
});

test('closing a report needs a reason: refused without one or with "....." (nothing changed), kept in the journal and the history, sent as the reference', async (t) => {
  const f = await fixture(t, { count: 40, attachments: 0 });
  await f.sync();
  const [a, b, c] = received(f, 3);
  for (const status of ['closed_no_action', 'duplicate'] as const) {
    for (const input of [
      { reportId: a, status },
      { reportId: a, status, reason: '.....' },
      { reportId: a, status, reason: 'aaaaaaaaaaaaaaaa' },
      { reportId: a, status, reason: '؟؟؟ ...' },
      { reportId: a, status, reference: REASON },
      { reportId: a, status, reason: REASON, reference: 'DOS-2026-0042' },
      { reportId: a, status, reason: `${REASON} `.repeat(4) },
    ]) {
      assert.equal((await failure(f.core, 'reports.setStatus', input)).code, 'INVALID_INPUT', JSON.stringify(input));
    }
    assert.equal((await failure(f.core, 'reports.setStatusBulk', { reportIds: [a!, b!], status, reason: '.....' })).code, 'INVALID_INPUT');
    assert.equal((await failure(f.core, 'reports.setStatusBulk', { reportIds: [a!, b!], status })).code, 'INVALID_INPUT');
  }
  // A reason belongs to a closing status only.
  assert.equal((await failure(f.core, 'reports.setStatus', { reportId: a, status: 'in_analysis', reason: REASON })).code, 'INVALID_INPUT');
  assert.equal(reportRow(f.core, a!).status, 'received');
  assert.deepEqual(outbox(f.core, a!), []);

  const arabic = 'بلاغ مكرر لبلاغ سابق';
  const set = await value(f.core, 'reports.setStatus', { reportId: a, status: 'closed_no_action', reason: `  ${REASON}  ` });
  assert.equal(set.status, 'closed_no_action');
  assert.match(set.undoId, /^[0-9a-f-]{36}$/);
  await value(f.core, 'reports.setStatusBulk', { reportIds: [b, c], status: 'duplicate', reason: arabic });
  await f.core.syncIdle();
  assert.deepEqual(outbox(f.core, a!), [{ status: 'closed_no_action', reference: REASON, state: 'sent' }]);
  assert.deepEqual(
    journal(f.core, 'report.status_set').filter((d) => d['reportId'] === a || d['reportId'] === c),
    [
      { reportId: a, status: 'closed_no_action', reason: REASON },
      { reportId: c, status: 'duplicate', reason: arabic },
    ],
  );
  // The service has it as the status's reference; back through the feed, the report's history shows it.
  assert.equal((await lastStatusAtService(f, a!))?.['reference'], REASON);
  assert.equal((await lastStatusAtService(f, c!))?.['reference'], arabic);
  await f.sync();
  const view = await value(f.core, 'reports.get', { reportId: a! });
  assert.equal(view.status, 'closed_no_action');
  assert.ok(view.statusHistory.some((h) => h.status === 'closed_no_action' && h.reference === REASON && h.source === 'intake'));
});

test('every reason the journal keeps refuses "....." in the core: reveal, removal from a case, closing a case', async (t) => {
  const f = await fixture(t, { count: 40, attachments: 0 });
  await f.sync();
  const id = db(f.core).prepare("SELECT id FROM reports WHERE reporter_mode = 'identified' ORDER BY id LIMIT 1").pluck().get() as string;
  for (const reason of ['.....', 'aaaaaaaaaaaaaa', 'ok ok ok']) {
    assert.equal((await failure(f.core, 'reports.revealReporter', { reportId: id, reason })).code, 'INVALID_INPUT', reason);
  }
  const created = await value(f.core, 'cases.create', { title: 'Escroquerie au faux colis', reportIds: [id] });
  assert.equal((await failure(f.core, 'cases.removeReport', { ref: created.ref, reportId: id, reason: '.....' })).code, 'INVALID_INPUT');
  assert.equal((await failure(f.core, 'cases.setStatus', { ref: created.ref, status: 'closed', reason: '.....' })).code, 'INVALID_INPUT');
  assert.equal(journal(f.core, 'report.reporter_revealed').length, 0);
  await value(f.core, 'reports.revealReporter', { reportId: id, reason: 'Réquisition du parquet de Rabat' });
  await value(f.core, 'cases.setStatus', { ref: created.ref, status: 'closed', reason: 'المحتوى لا يشكل مخالفة' });
  assert.deepEqual(journal(f.core, 'report.reporter_revealed').map((d) => d['reason']), ['Réquisition du parquet de Rabat']);
});

test('a report in analysis at another workstation: nothing changes until the analyst confirms; heldElsewhere says which', async (t) => {
  const f = await fixture(t, { count: 40, attachments: 0 });
  await f.sync();
  const [held, free] = received(f, 2);
  f.server.appendStatus({ reportId: held!, status: 'in_analysis', workstationId: 'ws-casa-02', acceptedAt: new Date().toISOString() });
  await f.sync();
  assert.deepEqual(await value(f.core, 'reports.heldElsewhere', { reportIds: [held!, free!, held!] }), { reports: [{ reportId: held, workstationId: 'ws-casa-02' }] });
  assert.equal((await failure(f.core, 'reports.setStatusBulk', { reportIds: [free, held], status: 'in_analysis' })).code, 'CONFLICT');
  assert.equal((await failure(f.core, 'reports.setStatus', { reportId: held, status: 'duplicate', reason: REASON })).code, 'CONFLICT');
  // All or none: the free report was not claimed either.
  assert.equal(reportRow(f.core, free!).status, 'received');
  assert.deepEqual(outbox(f.core, free!), []);
  assert.deepEqual(outbox(f.core, held!), []);
  // Only the free one: no question to ask.
  await value(f.core, 'reports.setStatusBulk', { reportIds: [free], status: 'in_analysis' });
  // Confirmed: taken over, and the journal says from which workstation.
  await value(f.core, 'reports.setStatusBulk', { reportIds: [held], status: 'in_analysis', takeOver: true });
  assert.deepEqual(reportRow(f.core, held!).status_workstation, 'ws-rabat-03');
  assert.deepEqual(journal(f.core, 'report.status_set').at(-1), { reportId: held, status: 'in_analysis', reference: null, takenFrom: 'ws-casa-02' });
  assert.deepEqual(await value(f.core, 'reports.heldElsewhere', { reportIds: [held!] }), { reports: [] });
});

test('undo before the status is sent: the outbox item is withdrawn and the report shows exactly what it showed', async (t) => {
  const f = await fixture(t, { count: 40, attachments: 0 });
  await f.sync();
  const [fresh, claimed] = received(f, 2);
  await value(f.core, 'reports.setStatus', { reportId: claimed, status: 'in_analysis' });
  await f.core.syncIdle();
  await f.sync();
  const before = reportRow(f.core, claimed!);
  const freshBefore = reportRow(f.core, fresh!);
  assert.equal(before.status, 'in_analysis');
  // The service stops answering this workstation: what is set now stays in the outbox.
  f.server.revoke(f.server.token);
  const set = await value(f.core, 'reports.setStatusBulk', { reportIds: [fresh, claimed], status: 'closed_no_action', reason: REASON });
  await f.core.syncIdle();
  assert.deepEqual(outbox(f.core, fresh!), [{ status: 'closed_no_action', reference: REASON, state: 'pending' }]);
  const queueBefore = await value(f.core, 'queue.query', { filters: { status: ['closed_no_action'] }, limit: 50 });
  assert.ok(queueBefore.rows.some((r) => r.id === fresh));

  const undone = await value(f.core, 'reports.undoStatus', { undoId: set.undoId });
  assert.deepEqual({ ...undone, generation: 0 }, { restored: 2, resent: 0, skipped: 0, generation: 0 });
  assert.deepEqual(outbox(f.core, fresh!), [], 'withdrawn: nothing will reach the service');
  assert.deepEqual(reportRow(f.core, fresh!), freshBefore);
  assert.deepEqual(reportRow(f.core, claimed!), before);
  const queueAfter = await value(f.core, 'queue.query', { filters: { status: ['closed_no_action'] }, limit: 50 });
  assert.ok(!queueAfter.rows.some((r) => r.id === fresh || r.id === claimed), 'the queue shows the previous statuses at once');
  assert.deepEqual(journal(f.core, 'report.status_undone'), [
    { reportId: fresh, status: 'received', undone: 'closed_no_action', resent: false },
    { reportId: claimed, status: 'in_analysis', undone: 'closed_no_action', resent: false },
  ]);
  assert.equal((await failure(f.core, 'reports.undoStatus', { undoId: set.undoId })).code, 'NOT_FOUND', 'once only');
  assert.equal((await failure(f.core, 'reports.undoStatus', { undoId: '00000000-0000-4000-8000-000000000000' })).code, 'NOT_FOUND');
});

test('undo after the status was sent: the previous status is set again as a new change; a report changed since is left alone', async (t) => {
  const f = await fixture(t, { count: 40, attachments: 0 });
  await f.sync();
  const [a, b] = received(f, 2);
  const set = await value(f.core, 'reports.setStatusBulk', { reportIds: [a, b], status: 'duplicate', reason: 'Doublon du signalement IBL-2026-0000001' });
  await f.core.syncIdle();
  assert.equal(outbox(f.core, a!)[0]?.state, 'sent');
  assert.equal((await lastStatusAtService(f, a!))?.['status'], 'duplicate');
  // b changes again here before the undo: the undo must not overwrite it.
  await value(f.core, 'reports.setStatus', { reportId: b, status: 'referred', reference: 'DOS-2026-0042' });
  await f.core.syncIdle();

  const undone = await value(f.core, 'reports.undoStatus', { undoId: set.undoId });
  assert.equal(undone.resent, 1);
  assert.equal(undone.skipped, 1);
  assert.equal(undone.restored, 0);
  await f.core.syncIdle();
  assert.equal(reportRow(f.core, a!).status, 'received');
  assert.equal(reportRow(f.core, b!).status, 'referred');
  const atService = await lastStatusAtService(f, a!);
  assert.equal(atService?.['status'], 'received');
  assert.equal(atService?.['workstation_id'], 'ws-rabat-03');
  assert.deepEqual(journal(f.core, 'report.status_undone'), [{ reportId: a, status: 'received', undone: 'duplicate', resent: true }]);
  // Once the feed relays it, the report still shows it.
  await f.sync();
  assert.equal(reportRow(f.core, a!).status, 'received');
});
