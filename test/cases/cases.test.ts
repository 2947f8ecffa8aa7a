/**
 * Cases in the core, through the contract, on reports synced from the real
 * reference intake service into a real encrypted store.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Core } from '../../src/main/core.ts';
import { nextCaseRef, workstationCode } from '../../src/main/cases/cases.ts';
import { ANALYST, SUPERVISOR, failure, value, createProfile } from '../helpers/store.ts';
import { fixture, type Fixture } from '../sync/fixture.ts';

async function synced(t: TestContext, count = 400): Promise<Fixture> {
  const f = await fixture(t, { count, attachments: 0 }, { pageLimit: 500 });
  await f.sync();
  return f;
}

function reportIds(core: Core, where = '1 = 1', limit = 5): string[] {
  return core.unlockedStore().db.prepare(`SELECT id FROM reports WHERE ${where} ORDER BY rowid LIMIT ?`).pluck().all(limit) as string[];
}

/** Locks and unlocks as another profile (created by the supervisor first). */
async function switchTo(core: Core, who: { name: string; passphrase: string }): Promise<void> {
  await value(core, 'session.lock');
  await value(core, 'session.unlock', { name: who.name, passphrase: who.passphrase });
}

test('a case reference reads aloud and stays unique per workstation, year and counter', (t) => {
  assert.equal(workstationCode('ws-rabat-03'), 'WSRABAT03');
  assert.equal(workstationCode(null), 'LOCAL');
  assert.equal(workstationCode('brigade-numerique-casablanca-07'), 'BRIGADCA07');
  void t;
});

test('two workstations count their cases apart; a taken number is skipped', async (t) => {
  const f = await synced(t, 20);
  const db = f.core.unlockedStore().db;
  const at = new Date('2026-03-01T10:00:00Z');
  const a1 = db.transaction(() => nextCaseRef(db, 'ws-rabat-03', at))();
  const a2 = db.transaction(() => nextCaseRef(db, 'ws-rabat-03', at))();
  const b1 = db.transaction(() => nextCaseRef(db, 'ws-fes-01', at))();
  assert.deepEqual([a1, a2, b1], ['DOS-2026-WSRABAT03-00001', 'DOS-2026-WSRABAT03-00002', 'DOS-2026-WSFES01-00001']);
  // A case imported with the next number already (a restore, another store): never reused.
  db.prepare("INSERT INTO cases (ref, title, created_at, updated_at) VALUES ('DOS-2026-WSRABAT03-00003', 'x', ?, ?)").run(at.toISOString(), at.toISOString());
  assert.equal(db.transaction(() => nextCaseRef(db, 'ws-rabat-03', at))(), 'DOS-2026-WSRABAT03-00004');
  assert.equal(db.transaction(() => nextCaseRef(db, 'ws-rabat-03', new Date('2027-01-02T00:00:00Z')))(), 'DOS-2027-WSRABAT03-00001');
});

test('create a case from reports: received ones are claimed through the outbox, the timeline and the audit journal keep it', async (t) => {
  const f = await synced(t);
  const received = reportIds(f.core, "status = 'received'", 3);
  assert.equal(received.length, 3);
  const view = await value(f.core, 'cases.create', { title: 'Réseau de comptes — apologie', reportIds: received, qualifications: ['TERR-APOLOGY'] });
  assert.match(view.ref, /^DOS-\d{4}-WSRABAT03-00001$/);
  assert.equal(view.status, 'open');
  assert.deepEqual([...view.reportIds].sort(), [...received].sort());
  assert.deepEqual(view.qualificationEntries.map((q) => q.code), ['TERR-APOLOGY']);
  assert.match(view.qualificationNote.fr, /parquet/);
  assert.deepEqual(view.timeline.map((e) => e.kind), ['created', 'report_added', 'qualifications_set']);
  const db = f.core.unlockedStore().db;
  for (const id of received) {
    assert.equal(db.prepare('SELECT status FROM reports WHERE id = ?').pluck().get(id), 'in_analysis');
    assert.equal(db.prepare("SELECT count(*) FROM outbox WHERE report_id = ? AND status = 'in_analysis' AND reference = ?").pluck().get(id, view.ref), 1);
  }
  assert.ok((db.prepare("SELECT count(*) FROM audit_events WHERE action = 'case.created'").pluck().get() as number) >= 1);
  // The queue shows the case and filters by it.
  const inCase = await value(f.core, 'queue.query', { filters: { inCase: true }, limit: 50 });
  assert.equal(inCase.total, 3);
  assert.ok(inCase.rows.every((row) => row.cases.includes(view.ref)));
  const outside = await value(f.core, 'queue.query', { filters: { inCase: false }, limit: 0 });
  const all = await value(f.core, 'queue.query', { limit: 0 });
  assert.equal(outside.total, all.total - 3);
  assert.deepEqual((await value(f.core, 'cases.forReport', { reportId: received[0] })).map((c) => c.ref), [view.ref]);
  // The case's own table is the queue filtered by it: same columns, sorts and counts.
  const table = await value(f.core, 'queue.query', { filters: { caseRef: view.ref }, limit: 50 });
  assert.deepEqual(table.rows.map((r) => r.id).sort(), [...received].sort());
  assert.equal(table.facets?.['status']?.find((c) => c.value === 'in_analysis')?.count, 3);
});

test('nothing is ever lost: a removal keeps its reason, adding again restores, unknown ids are refused whole', async (t) => {
  const f = await synced(t);
  const ids = reportIds(f.core, '1 = 1', 4);
  const created = await value(f.core, 'cases.create', { title: 'Escroqueries en ligne', reportIds: ids.slice(0, 2) });
  assert.equal((await failure(f.core, 'cases.addReports', { ref: created.ref, reportIds: [ids[2], 'IBL-2026-9999999'] })).code, 'NOT_FOUND');
  assert.equal((await value(f.core, 'cases.get', { ref: created.ref })).reportIds.length, 2, 'a refused addition adds nothing');
  assert.equal((await failure(f.core, 'cases.removeReport', { ref: created.ref, reportId: ids[0], reason: '.....' })).code, 'INVALID_INPUT');
  const removed = await value(f.core, 'cases.removeReport', { ref: created.ref, reportId: ids[0], reason: 'Doublon du signalement principal' });
  assert.deepEqual(removed.reportIds, [ids[1]]);
  assert.equal(removed.removedReports[0]?.reason, 'Doublon du signalement principal');
  const again = await value(f.core, 'cases.addReports', { ref: created.ref, reportIds: [ids[0]] });
  assert.equal(again.reportIds.length, 2);
  assert.deepEqual(again.removedReports, []);
  const kinds = again.timeline.map((e) => e.kind);
  assert.deepEqual(kinds, ['created', 'report_added', 'report_removed', 'report_added']);
  assert.equal(again.timeline[2]?.detail['reason'], 'Doublon du signalement principal');
});

test('case status: the allowed transitions, closing needs a reason, referral sets the reports to referred through the outbox', async (t) => {
  const f = await synced(t);
  const ids = reportIds(f.core, "status = 'received'", 2);
  const { ref } = await value(f.core, 'cases.create', { title: 'Menaces répétées', reportIds: ids });
  assert.equal((await failure(f.core, 'cases.setStatus', { ref, status: 'referred' })).code, 'CONFLICT');
  assert.equal((await failure(f.core, 'cases.setStatus', { ref, status: 'closed' })).code, 'INVALID_INPUT');
  await value(f.core, 'cases.setStatus', { ref, status: 'in_analysis' });
  await value(f.core, 'cases.setStatus', { ref, status: 'ready' });
  const referred = await value(f.core, 'cases.setStatus', { ref, status: 'referred' });
  assert.equal(referred.status, 'referred');
  const db = f.core.unlockedStore().db;
  for (const id of ids) {
    assert.equal(db.prepare('SELECT status FROM reports WHERE id = ?').pluck().get(id), 'referred');
    assert.equal(db.prepare("SELECT reference FROM outbox WHERE report_id = ? AND status = 'referred'").pluck().get(id), ref);
  }
  const closed = await value(f.core, 'cases.setStatus', { ref, status: 'closed', reason: 'Contenu retiré par la plateforme' });
  assert.equal(closed.closingReason, 'Contenu retiré par la plateforme');
  assert.deepEqual(closed.timeline.filter((e) => e.kind === 'status_changed').map((e) => e.detail['to']), ['in_analysis', 'ready', 'referred', 'closed']);
});

test('referring a case whose reports another workstation has in analysis: refused with how many, listed in the view, referred once confirmed', async (t) => {
  const f = await synced(t);
  const ids = reportIds(f.core, "status = 'received'", 3);
  const [held, alsoHeld] = [ids[0]!, ids[1]!];
  const { ref } = await value(f.core, 'cases.create', { title: 'Chantage en ligne', reportIds: ids });
  await value(f.core, 'cases.setStatus', { ref, status: 'in_analysis' });
  // Another workstation claims two of them (the case claimed them here first: the intake service orders statuses).
  for (const reportId of [held, alsoHeld]) f.server.appendStatus({ reportId, status: 'in_analysis', workstationId: 'ws-casa-02', acceptedAt: new Date(Date.now() + 60_000).toISOString() });
  await f.sync();
  const ready = await value(f.core, 'cases.setStatus', { ref, status: 'ready' });
  assert.deepEqual(ready.heldElsewhere.map((h) => [h.reportId, h.workstationId]).sort(), [[held, 'ws-casa-02'], [alsoHeld, 'ws-casa-02']].sort());
  const refused = await failure(f.core, 'cases.setStatus', { ref, status: 'referred' });
  assert.equal(refused.code, 'CONFLICT');
  assert.match(refused.message, /2 of the case's reports are in analysis at another workstation \(ws-casa-02/);
  const db = f.core.unlockedStore().db;
  const statusOf = (id: string) => db.prepare('SELECT status, status_workstation FROM reports WHERE id = ?').get(id);
  assert.equal((await value(f.core, 'cases.get', { ref })).status, 'ready', 'nothing changed');
  assert.deepEqual(statusOf(held), { status: 'in_analysis', status_workstation: 'ws-casa-02' });
  const referred = await value(f.core, 'cases.setStatus', { ref, status: 'referred', takeOver: true });
  assert.equal(referred.status, 'referred');
  assert.deepEqual(referred.heldElsewhere, []);
  for (const id of ids) assert.deepEqual(statusOf(id), { status: 'referred', status_workstation: 'ws-rabat-03' });
  // The journal says from which workstation each was taken.
  const taken = db.prepare("SELECT detail FROM audit_events WHERE action = 'report.status_set' AND detail LIKE '%takenFrom%'").pluck().all() as string[];
  assert.deepEqual(taken.map((d) => (JSON.parse(d) as { reportId: string }).reportId).sort(), [held, alsoHeld].sort());
});

test('need to know: a restricted case is invisible to other analysts everywhere, and the refusal looks like absence', async (t) => {
  const f = await synced(t);
  await createProfile(f.core, { ...ANALYST });
  const ids = reportIds(f.core, '1 = 1', 2);
  const secret = await value(f.core, 'cases.create', { title: 'Affaire sensible', reportIds: ids });
  await value(f.core, 'notes.add', { target: { caseRef: secret.ref }, text: 'Note confidentielle canari-7731' });
  await value(f.core, 'cases.setAccess', { ref: secret.ref, restricted: true, memberIds: [] });
  // The same access again changes nothing: no timeline entry, no audit event.
  const events = (await value(f.core, 'cases.get', { ref: secret.ref })).timeline.length;
  await value(f.core, 'cases.setAccess', { ref: secret.ref, restricted: true, memberIds: [] });
  assert.equal((await value(f.core, 'cases.get', { ref: secret.ref })).timeline.length, events);
  const open = await value(f.core, 'cases.create', { title: 'Affaire ouverte', reportIds: ids.slice(0, 1) });

  await switchTo(f.core, ANALYST);
  const missing = await failure(f.core, 'cases.get', { ref: 'DOS-2026-WSRABAT03-09999' });
  const refused = await failure(f.core, 'cases.get', { ref: secret.ref });
  assert.equal(refused.code, 'NOT_FOUND');
  assert.equal(refused.message.replace(secret.ref, 'REF'), missing.message.replace('DOS-2026-WSRABAT03-09999', 'REF'), 'the refusal does not reveal the case exists');
  const list = await value(f.core, 'cases.list', {});
  assert.deepEqual(list.rows.map((r) => r.ref), [open.ref]);
  assert.equal((await value(f.core, 'cases.list', { filters: { search: 'canari-7731' } })).total, 0, 'its notes are not searchable');
  assert.equal((await failure(f.core, 'notes.list', { target: { caseRef: secret.ref } })).code, 'NOT_FOUND');
  assert.equal((await failure(f.core, 'observables.list', { caseRef: secret.ref })).code, 'NOT_FOUND');
  assert.deepEqual((await value(f.core, 'cases.forReport', { reportId: ids[1] })).map((c) => c.ref), []);
  const row = (await value(f.core, 'queue.query', { filters: { inCase: true }, limit: 10 })).rows;
  assert.deepEqual(row.map((r) => r.id), [ids[0]], 'the queue counts only the cases the analyst may see');
  assert.deepEqual(row[0]?.cases, [open.ref]);
  assert.equal((await value(f.core, 'queue.query', { filters: { caseRef: secret.ref }, limit: 10 })).total, 0, 'its table is empty, as for no case');
  assert.equal((await value(f.core, 'queue.query', { filters: { caseRef: open.ref }, limit: 10 })).total, 1);

  // The supervisor sees it, and the search finds its note.
  await switchTo(f.core, SUPERVISOR);
  assert.equal((await value(f.core, 'cases.list', { filters: { search: 'canari-7731' } })).rows[0]?.ref, secret.ref);
});

test('notes: revisions keep every text, a concurrent edit keeps both, deleting hides and keeps the history', async (t) => {
  const f = await synced(t, 20);
  const { ref } = await value(f.core, 'cases.create', { title: 'Notes', reportIds: reportIds(f.core, '1 = 1', 1) });
  const note = await value(f.core, 'notes.add', { target: { caseRef: ref }, text: '# Constat\n\nPremier texte', summary: true });
  assert.equal(note.summary, true);
  const first = await value(f.core, 'notes.edit', { noteId: note.id, text: 'Texte A', baseRevision: 1 });
  assert.equal(first.conflict, false);
  // Another analyst edited from revision 1 too: saved, both kept, and flagged.
  const second = await value(f.core, 'notes.edit', { noteId: note.id, text: 'Texte B', baseRevision: 1 });
  assert.equal(second.conflict, true);
  assert.deepEqual(second.note.revisions.map((r) => [r.revision, r.text, r.basedOn]), [
    [1, '# Constat\n\nPremier texte', null],
    [2, 'Texte A', 1],
    [3, 'Texte B', 1],
  ]);
  const deleted = await value(f.core, 'notes.delete', { noteId: note.id });
  assert.equal(deleted.deleted, true);
  assert.deepEqual(await value(f.core, 'notes.list', { target: { caseRef: ref } }), []);
  assert.equal((await value(f.core, 'notes.list', { target: { caseRef: ref }, includeDeleted: true }))[0]?.revisions.length, 3);
  assert.equal((await failure(f.core, 'notes.edit', { noteId: note.id, text: 'après', baseRevision: 3 })).code, 'CONFLICT');
  assert.equal((await value(f.core, 'cases.get', { ref })).summary, null);
  const reportNote = await value(f.core, 'notes.add', { target: { reportId: reportIds(f.core, '1 = 1', 1)[0] }, text: 'Sur le signalement', forDossier: true });
  assert.equal(reportNote.forDossier, true);
  assert.equal((await failure(f.core, 'notes.add', { target: { reportId: 'IBL-2026-9999999' }, text: 'x' })).code, 'NOT_FOUND');
});

test('observables: extracted at ingest, seen in N reports and M cases, tagged, added by hand with checks', async (t) => {
  const f = await synced(t);
  const db = f.core.unlockedStore().db;
  const popular = db.prepare('SELECT id, report_count FROM observables ORDER BY report_count DESC LIMIT 1').get() as { id: number; report_count: number };
  assert.ok(popular.report_count > 1, 'the generated feed repeats content');
  // The count kept at ingest equals a recount of the links.
  const recount = db.prepare('SELECT o.id FROM observables o WHERE o.report_count <> (SELECT count(*) FROM report_observables ro WHERE ro.observable_id = o.id)').all();
  assert.deepEqual(recount, []);
  // Both directions agree: each report's observable_ids are exactly its links (revisions included: the feed revises reports).
  const mismatched = db
    .prepare(
      `SELECT r.rowid FROM reports r WHERE (SELECT count(*) FROM json_each(coalesce(r.observable_ids, '[]'))) <> (SELECT count(*) FROM report_observables ro WHERE ro.report_rowid = r.rowid)
          OR EXISTS (SELECT 1 FROM json_each(coalesce(r.observable_ids, '[]')) j WHERE NOT EXISTS (SELECT 1 FROM report_observables ro WHERE ro.observable_id = j.value AND ro.report_rowid = r.rowid))`,
    )
    .all();
  assert.deepEqual(mismatched, []);
  assert.ok((db.prepare('SELECT count(*) FROM report_revisions').pluck().get() as number) > (db.prepare('SELECT count(*) FROM reports').pluck().get() as number), 'the feed holds revisions');
  const holders = db.prepare('SELECT r.id FROM report_observables ro JOIN reports r ON r.rowid = ro.report_rowid WHERE ro.observable_id = ? ORDER BY r.rowid').pluck().all(popular.id) as string[];
  const c = await value(f.core, 'cases.create', { title: 'Observable partagé', reportIds: holders.slice(0, 2) });
  const list = await value(f.core, 'observables.list', { caseRef: c.ref });
  const row = list.find((o) => o.id === popular.id);
  assert.ok(row);
  assert.equal(row.seenInReports, popular.report_count);
  assert.equal(row.seenInCases, 1);
  const queue = await value(f.core, 'queue.query', { filters: { observableId: popular.id }, limit: 0 });
  assert.equal(queue.total, popular.report_count, 'one click to the queue filtered by it');
  const tagged = await value(f.core, 'observables.tag', { observableId: popular.id, verdict: 'malicious', tags: ['campagne-2026', ' réseau '] });
  assert.deepEqual([tagged.verdict, tagged.tags], ['malicious', ['campagne-2026', 'réseau']]);
  assert.equal(tagged.seenInCases, 1, 'one observable, counted from the cases (it is in more reports than the cases hold)');
  const phone = await value(f.core, 'observables.add', { caseRef: c.ref, type: 'phone', value: '06 12 34 56 78' });
  assert.equal(phone.value, '+212612345678');
  assert.equal(phone.manual, true);
  assert.equal(phone.seenInCases, 1, 'one observable, counted from its own links (added by hand)');
  const rare = db.prepare('SELECT ro.observable_id FROM report_observables ro JOIN observables o ON o.id = ro.observable_id JOIN reports r ON r.rowid = ro.report_rowid WHERE o.report_count = 1 AND r.id = ?').pluck().get(holders[0]) as number | undefined;
  if (rare !== undefined) assert.equal((await value(f.core, 'observables.list', { observableId: rare }))[0]?.seenInCases, 1, 'a rare observable of a case report');
  assert.equal((await failure(f.core, 'observables.add', { caseRef: c.ref, type: 'crypto_address', value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'.replace('a', 'b') })).code, 'INVALID_INPUT');
  const byReport = await value(f.core, 'observables.list', { reportId: holders[0] });
  assert.ok(byReport.some((o) => o.id === popular.id));
});

test('the reporter block is never an observable, even when the description repeats it', async (t) => {
  const f = await synced(t);
  const db = f.core.unlockedStore().db;
  const rows = db
    .prepare("SELECT v.payload FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision WHERE r.reporter_mode = 'identified'")
    .pluck()
    .all() as string[];
  assert.ok(rows.length > 0);
  const emails = new Set<string>();
  for (const payload of rows) {
    const email = (JSON.parse(payload) as { reporter: { email?: string } }).reporter.email;
    if (email) emails.add(email.toLowerCase());
  }
  const stored = new Set(db.prepare("SELECT value FROM observables WHERE type = 'email'").pluck().all() as string[]);
  for (const email of emails) assert.ok(!stored.has(email), `reporter e-mail ${email} became an observable`);
});

test('jurisdiction: a suggestion with its reason, terrorism to Rabat, MA-06 to Casablanca; the confirmed choice is kept with who', async (t) => {
  const f = await synced(t);
  const casablanca = reportIds(f.core, "region = 'MA-06' AND category NOT LIKE 'terrorism%'", 3);
  const c = await value(f.core, 'cases.create', { title: 'Fraude Casablanca', reportIds: casablanca });
  const advice = await value(f.core, 'cases.suggestJurisdiction', { ref: c.ref });
  assert.equal(advice.suggestion?.reason.code, 'majority_region');
  assert.match(advice.suggestion?.courtOfAppeal?.fr ?? '', /Casablanca/);
  assert.match(advice.suggestion?.court?.fr ?? '', /Casablanca/);
  const confirmed = await value(f.core, 'cases.confirmJurisdiction', { ref: c.ref, courtId: advice.suggestion!.courtId! });
  assert.equal(confirmed.jurisdiction?.asSuggested, true);
  assert.equal(confirmed.jurisdiction?.chosenBy, SUPERVISOR.name);
  // The analyst picks another court: kept as chosen, not as suggested.
  const other = advice.courts.find((court) => /Fès|Fes/.test(court.court.fr) && !court.courtId.startsWith('CA-'));
  assert.ok(other);
  const changed = await value(f.core, 'cases.confirmJurisdiction', { ref: c.ref, courtId: other.courtId });
  assert.equal(changed.jurisdiction?.asSuggested, false);
  assert.match(changed.jurisdiction?.court?.fr ?? '', /Fès|Fes/);
  assert.equal((await failure(f.core, 'cases.confirmJurisdiction', { ref: c.ref, courtId: 'NO-SUCH-COURT' })).code, 'INVALID_INPUT');

  const terror = await value(f.core, 'cases.create', { title: 'Apologie', reportIds: casablanca.slice(0, 1), qualifications: ['TERR-APOLOGY'] });
  const national = await value(f.core, 'cases.suggestJurisdiction', { ref: terror.ref });
  assert.equal(national.suggestion?.reason.code, 'terrorism_national_competence');
  assert.match(national.suggestion?.courtOfAppeal?.fr ?? '', /Rabat/);
  // A place the analyst enters is weighed (not for terrorism, which stays national).
  const placed = await value(f.core, 'cases.suggestJurisdiction', { ref: c.ref, place: 'Fès' });
  assert.equal(placed.suggestion?.reason.code, 'analyst_place');
});

test('legal qualification table: analysts read it, supervisors replace it (validated), unknown codes are refused', async (t) => {
  const f = await synced(t, 10);
  const table = await value(f.core, 'legal.table');
  assert.equal(table.edited, false);
  for (const article of ['218-2', '218-5', '447-1', '425', '431-1', '540', '607-3', '503-1-1', '503-2']) {
    assert.ok(table.entries.some((e) => e.articles.some((a) => a.includes(article))), `article ${article} in the table`);
  }
  const input = { noteFr: table.noteFr, noteAr: table.noteAr, entries: table.entries };
  const updated = await value(f.core, 'legal.updateTable', { ...input, entries: [...input.entries, { code: 'TEST-CODE', articles: ['Code pénal, art. 1'], labelFr: 'Essai de libellé', labelAr: 'تسمية تجريبية', categories: ['other'], terrorism: false }] });
  assert.equal(updated.edited, true);
  assert.equal((await failure(f.core, 'legal.updateTable', { ...input, entries: [...input.entries, input.entries[0]] })).code, 'INVALID_INPUT');
  assert.equal((await failure(f.core, 'cases.create', { title: 'Qualif inconnue', qualifications: ['NOPE'] })).code, 'INVALID_INPUT');
  const c = await value(f.core, 'cases.create', { title: 'Qualif ajoutée', qualifications: ['TEST-CODE'] });
  assert.deepEqual(c.qualificationEntries.map((q) => q.code), ['TEST-CODE']);
  await createProfile(f.core, { ...ANALYST });
  await switchTo(f.core, ANALYST);
  assert.equal((await failure(f.core, 'legal.updateTable', input)).code, 'FORBIDDEN');
});

test('the cases list: filters with live counts, search, sort and paging', async (t) => {
  const f = await synced(t);
  const ids = reportIds(f.core, '1 = 1', 30);
  for (let i = 0; i < 6; i++) await value(f.core, 'cases.create', { title: `Dossier ${i} ${i % 2 ? 'fraude' : 'menaces'}`, reportIds: ids.slice(i * 5, i * 5 + 5), qualifications: i % 2 ? ['FRAUD'] : [] });
  const refs = (await value(f.core, 'cases.list', {})).rows.map((r) => r.ref);
  await value(f.core, 'cases.setStatus', { ref: refs[0], status: 'in_analysis' });
  const page = await value(f.core, 'cases.list', { filters: { status: ['open'] } });
  assert.equal(page.total, 5);
  const statusCounts = Object.fromEntries(page.facets['status']!.map((c) => [c.value, c.count]));
  assert.deepEqual(statusCounts, { open: 5, in_analysis: 1 }, 'a facet counts what ticking it would give');
  assert.equal((await value(f.core, 'cases.list', { filters: { qualification: ['FRAUD'] } })).total, 3);
  assert.equal((await value(f.core, 'cases.list', { filters: { search: 'FRAUDE' } })).total, 3, 'search folds case');
  const sorted = await value(f.core, 'cases.list', { sort: { key: 'title', dir: 'asc' }, limit: 2, offset: 2 });
  assert.deepEqual(sorted.rows.map((r) => r.title), ['Dossier 2 menaces', 'Dossier 3 fraude']);
  assert.ok(page.rows.every((r) => r.reports === 5));
});

test('an identified reporter who repeats their own e-mail and phone in the description does not make them observables', async () => {
  const { reportObservables } = await import('../../src/main/reports/projection.ts');
  const report = {
    kind: 'report',
    id: 'IBL-2026-0000001',
    revision: 1,
    submitted_at: '2026-11-30T10:00:00Z',
    updated_at: '2026-11-30T10:00:00Z',
    channel: 'web',
    locale: 'fr',
    category: 'fraud',
    imminent_danger: false,
    content: {
      urls: ['https://arnaque.example.com/offre'],
      platform: 'website',
      description: 'Contactez-moi : karim.canari@example.ma ou 0661-23-45-67. Le vendeur répond au +212 6 98 76 54 32 et vendeur@arnaque.example.com',
    },
    reporter: { mode: 'identified', full_name: 'Karim Canari', email: 'Karim.Canari@example.ma', phone: '+212661234567' },
    reporter_location: { country: 'MA', region: 'MA-06' },
    attachments: [],
  };
  const values = reportObservables(report as never).map((o) => `${o.type}:${o.value}`);
  assert.ok(values.includes('phone:+212698765432'), values.join(' '));
  assert.ok(values.includes('email:vendeur@arnaque.example.com'), values.join(' '));
  assert.ok(!values.includes('phone:+212661234567'), 'the reporter’s phone is identity');
  assert.ok(!values.includes('email:karim.canari@example.ma'), 'the reporter’s e-mail is identity');
});

test('jurisdiction table: supervisors replace it, its rules still hold, null restores the shipped one', async (t) => {
  const f = await synced(t, 60);
  const { table, edited } = await value(f.core, 'jurisdiction.table');
  assert.equal(edited, false);
  const shipped = table as { regions: { code: string; seat: { province: string }; provinces: { id: string; police_service: string }[] }[]; rules: { terrorism: { court_of_appeal: string } } };
  // Breaking a rule is refused: terrorism must stay with the court of appeal of Rabat.
  const broken = structuredClone(shipped);
  broken.rules.terrorism.court_of_appeal = 'CA-FES';
  assert.equal((await failure(f.core, 'jurisdiction.updateTable', { table: broken })).code, 'INVALID_INPUT');
  // Another police service for a province is accepted, and suggestions follow it.
  const changed = structuredClone(shipped);
  const region = changed.regions.find((r) => r.code === 'MA-06')!;
  const seat = region.provinces.find((p) => p.id === region.seat.province)!;
  const national = 'BNPJ';
  seat.police_service = national;
  const saved = await value(f.core, 'jurisdiction.updateTable', { table: changed });
  assert.equal(saved.edited, true);
  const ids = reportIds(f.core, "region = 'MA-06' AND category NOT LIKE 'terrorism%'", 2);
  const c = await value(f.core, 'cases.create', { title: 'Table modifiée', reportIds: ids });
  const advice = await value(f.core, 'cases.suggestJurisdiction', { ref: c.ref });
  assert.match(advice.suggestion?.policeService?.fr ?? '', /nationale/i);
  assert.equal((await value(f.core, 'jurisdiction.updateTable', { table: null })).edited, false);
  const back = await value(f.core, 'cases.suggestJurisdiction', { ref: c.ref });
  assert.doesNotMatch(back.suggestion?.policeService?.fr ?? '', /nationale/i);
  await createProfile(f.core, { ...ANALYST });
  await switchTo(f.core, ANALYST);
  assert.equal((await failure(f.core, 'jurisdiction.updateTable', { table: shipped })).code, 'FORBIDDEN');
});

test('observables of reports stored before observables existed are backfilled the same as at ingest', async (t) => {
  const f = await synced(t, 300);
  const db = f.core.unlockedStore().db;
  const snapshot = () => ({
    links: db.prepare('SELECT o.type, o.value, ro.report_rowid FROM report_observables ro JOIN observables o ON o.id = ro.observable_id ORDER BY 1, 2, 3').raw().all(),
    counts: db.prepare('SELECT type, value, report_count FROM observables WHERE report_count > 0 ORDER BY 1, 2').raw().all(),
  });
  const before = snapshot();
  assert.ok(before.links.length > 300);
  const { backfillObservables } = await import('../../src/main/reports/projection.ts');
  db.transaction(() => {
    db.exec('DELETE FROM report_observables; UPDATE observables SET report_count = 0; UPDATE reports SET observable_ids = NULL;');
    backfillObservables(db);
  })();
  assert.deepEqual(snapshot(), before);
  assert.equal(db.prepare('SELECT count(*) FROM reports WHERE observable_ids IS NULL').pluck().get(), 0);
});
