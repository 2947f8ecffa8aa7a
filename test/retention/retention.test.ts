/**
 * Retention under law 09-08 (issue #13): rules, preview, apply, on reports
 * synced from the real reference intake service into a real encrypted store.
 * Canary reporters (unique names, e-mails and phones) are closed long ago;
 * after applying the rules, no file of the store folder holds them, nor does
 * the decrypted database (every page, free pages included, read through the
 * key by SQLite's serialisation), while the reporters that stay are still
 * found there (the scan can see a canary).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Core } from '../../src/main/core.ts';
import { assembleDossier } from '../../src/main/dossiers/assemble.ts';
import { monthsBefore, planRetention } from '../../src/main/retention/plan.ts';
import { readRetentionSettings } from '../../src/main/retention/settings.ts';
import { channels } from '../../src/shared/contract.ts';
import { DossierOptions } from '../../src/shared/dossiers.ts';
import { failure, value } from '../helpers/store.ts';
import { fixture, type Fixture } from '../sync/fixture.ts';

interface Canary {
  id: string;
  name: string;
  email: string;
  phone: string;
  /** A word only this report's description holds (the search index folds and indexes it). */
  word: string;
}

function canary(n: number): Canary {
  const tag = `QX${n}T9W${n * 7}`;
  return { id: `IBL-2024-900000${n}`, name: `Zineb Canary-${tag}`, email: `canary.${tag.toLowerCase()}@example.ma`, phone: `+2126009177${n}${n}`, word: `zqcanaryword${n}x` };
}

/** A signed report of an identified canary reporter, appended at the head of the service's feed. */
function appendCanary(f: Fixture, c: Canary, submittedAt: string): void {
  const payload = {
    kind: 'report',
    id: c.id,
    revision: 1,
    submitted_at: submittedAt,
    updated_at: submittedAt,
    channel: 'web',
    locale: 'fr',
    category: 'threats',
    imminent_danger: false,
    content: { urls: [`https://www.facebook.com/canary.page.${c.id.slice(-1)}/posts/1`], platform: 'facebook', description: `Menaces répétées publiées sur une page ${c.word}.` },
    reporter: { mode: 'identified', full_name: c.name, email: c.email, phone: c.phone, consent_to_contact: true },
    reporter_location: { country: 'MA', region: 'MA-04' },
    attachments: [],
  };
  f.server.appendRaw('report', JSON.stringify(payload));
}

function db(core: Core) {
  return core.unlockedStore().db;
}

/** Which of these strings the bytes hold (as UTF-8). */
function found(bytes: Buffer, strings: readonly string[]): string[] {
  return strings.filter((s) => bytes.includes(Buffer.from(s, 'utf8')));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

const secrets = (c: Canary) => [c.name, c.email, c.phone];

async function scenario(t: TestContext) {
  const f = await fixture(t, { count: 20, attachments: 2, startAt: '2026-04-01T06:00:00Z' }, { pageLimit: 500 });
  const purged = canary(1); // closed 23 months ago: purged
  const erased = canary(2); // closed 10 months ago: identity erased, report kept
  const held = canary(3); // closed 23 months ago, but in a case still open: kept whole
  const open = canary(4); // still open work: kept whole
  const inCase = canary(5); // in a case closed 20 months ago: purged with its case
  appendCanary(f, purged, '2024-12-01T09:00:00Z');
  appendCanary(f, erased, '2024-12-02T09:00:00Z');
  appendCanary(f, held, '2024-12-03T09:00:00Z');
  appendCanary(f, open, '2024-12-04T09:00:00Z');
  appendCanary(f, inCase, '2024-12-05T09:00:00Z');
  f.server.appendStatus({ reportId: purged.id, status: 'closed_no_action', at: '2025-01-10T10:00:00Z' });
  f.server.appendStatus({ reportId: erased.id, status: 'duplicate', at: '2026-02-01T10:00:00Z' });
  f.server.appendStatus({ reportId: held.id, status: 'closed_no_action', at: '2025-01-10T10:00:00Z' });
  f.server.appendStatus({ reportId: inCase.id, status: 'referred', at: '2025-03-10T10:00:00Z' });
  const status = await f.sync();
  assert.equal(status.lastError, null);
  const { core } = f;
  const openCase = await value(core, 'cases.create', { title: 'Menaces en cours', reportIds: [held.id] });
  const closedCase = await value(core, 'cases.create', { title: 'Menaces classées', reportIds: [inCase.id] });
  await value(core, 'cases.setStatus', { ref: closedCase.ref, status: 'closed', reason: 'Classé sans suite' });
  // The case was closed 20 months ago: its timeline says so (the core's clock is the real one).
  db(core).prepare("UPDATE case_events SET at = '2025-04-01T10:00:00.000Z' WHERE case_id = (SELECT id FROM cases WHERE ref = ?)").run(closedCase.ref);
  // Notes on a report that goes and in the case that goes, each with a word of its own (the notes' search index folds them).
  await value(core, 'notes.add', { target: { reportId: purged.id }, text: 'Appel du signalant : zqnoteword1x' });
  await value(core, 'notes.add', { target: { caseRef: closedCase.ref }, text: 'Classement : zqnoteword5x' });
  await value(core, 'notes.add', { target: { caseRef: openCase.ref }, text: 'En cours : zqnoteword3x' });
  // Evidence registered for the reports that go or lose their identity.
  for (const c of [purged, erased, inCase]) await value(core, 'evidence.list', { target: { reportId: c.id } });
  return { f, core, purged, erased, held, open, inCase, openCase, closedCase };
}

test('months are calendar months, the day clamped to the shorter month', () => {
  assert.equal(monthsBefore(new Date('2026-12-06T13:00:00Z'), 12).toISOString(), '2025-12-06T13:00:00.000Z');
  assert.equal(monthsBefore(new Date('2026-03-31T00:00:00Z'), 1).toISOString(), '2026-02-28T00:00:00.000Z');
  assert.equal(monthsBefore(new Date('2026-01-15T00:00:00Z'), 13).toISOString(), '2024-12-15T00:00:00.000Z');
});

test('rules are off by default, validated, supervisor-set and journaled', async (t) => {
  const { core } = await scenario(t);
  for (const name of ['retention.settings', 'retention.updateSettings', 'retention.preview', 'retention.apply'] as const) assert.equal(channels[name].access, 'supervisor', name);
  assert.deepEqual(await value(core, 'retention.settings'), { identityMonths: null, purgeMonths: null, caseMonths: null });
  const before = await value(core, 'retention.preview');
  assert.equal(before.active, false);
  assert.deepEqual([before.identities.count, before.reports.count, before.cases.count, before.evidence.count], [0, 0, 0, 0]);
  const nothing = await value(core, 'retention.apply', { confirm: true });
  assert.deepEqual([nothing.identitiesErased, nothing.reportsPurged, nothing.casesPurged, nothing.evidencePurged], [0, 0, 0, 0], 'no rule: nothing happens');
  assert.equal((await failure(core, 'retention.updateSettings', { identityMonths: 12, purgeMonths: 12, caseMonths: null })).code, 'INVALID_INPUT', 'M must exceed N');
  assert.equal((await failure(core, 'retention.updateSettings', { identityMonths: null, purgeMonths: null, caseMonths: 6 })).code, 'INVALID_INPUT', 'cases need the report rule');
  assert.equal((await failure(core, 'retention.updateSettings', { identityMonths: 0, purgeMonths: null, caseMonths: null })).code, 'INVALID_INPUT');
  assert.equal((await failure(core, 'retention.apply', {})).code, 'INVALID_INPUT', 'applying needs the confirmation');
  const saved = await value(core, 'retention.updateSettings', { identityMonths: 6, purgeMonths: 12, caseMonths: 12 });
  assert.deepEqual(saved, { identityMonths: 6, purgeMonths: 12, caseMonths: 12 });
  assert.deepEqual(readRetentionSettings(db(core)), saved);
  const journal = await value(core, 'audit.list', { limit: 20 });
  const entry = journal.events.find((e) => e.action === 'retention.settings_updated');
  assert.deepEqual(entry?.detail, { identityMonths: 6, purgeMonths: 12, caseMonths: 12 });
});

test('the preview names what goes; a case still open keeps its reports and their identity', async (t) => {
  const { core, purged, erased, held, open, inCase, closedCase } = await scenario(t);
  await value(core, 'retention.updateSettings', { identityMonths: 6, purgeMonths: 12, caseMonths: 12 });
  const at = new Date();
  const plan = planRetention(db(core), readRetentionSettings(db(core)), at);
  assert.deepEqual(plan.reports.ids.sort(), [purged.id, inCase.id].sort(), 'closed more than 12 months ago and held by no case that stays');
  assert.deepEqual(
    plan.cases.ids,
    [db(core).prepare('SELECT id FROM cases WHERE ref = ?').pluck().get(closedCase.ref)],
    'the closed case goes with its report',
  );
  assert.equal(plan.heldByCases, 1, 'the report of the open case stays');
  assert.ok(plan.identities.ids.includes(erased.id));
  for (const kept of [purged.id, held.id, open.id, inCase.id]) assert.ok(!plan.identities.ids.includes(kept), `${kept} is not erased`);
  // Every identity to erase is of a report closed more than 6 months ago.
  const cutoff = monthsBefore(at, 6).getTime();
  for (const id of plan.identities.ids) {
    const row = db(core).prepare('SELECT status, status_at FROM reports WHERE id = ?').get(id) as { status: string; status_at: string };
    assert.ok(['referred', 'closed_no_action', 'duplicate'].includes(row.status));
    assert.ok(Date.parse(row.status_at) < cutoff);
  }
  const preview = await value(core, 'retention.preview');
  assert.equal(preview.active, true);
  assert.deepEqual(preview.reports, { count: 2, oldest: '2025-01-10T10:00:00.000Z', newest: '2025-03-10T10:00:00.000Z' });
  assert.deepEqual(preview.cases, { count: 1, oldest: '2025-04-01T10:00:00.000Z', newest: '2025-04-01T10:00:00.000Z' });
  assert.equal(preview.identities.count, plan.identities.ids.length);
  assert.equal(preview.evidence.count, plan.evidence.ids.length);
  assert.ok(preview.evidence.count >= 2, 'the purged reports’ originals');
  assert.equal(JSON.stringify(preview).includes('Canary'), false, 'counts and dates, no contents');
});

test('applying erases and purges; no canary is left in any file of the store nor in the decrypted database', async (t) => {
  const { f, core, purged, erased, held, open, inCase } = await scenario(t);
  const gone = [...secrets(purged), ...secrets(erased), ...secrets(inCase), purged.word, inCase.word, 'zqnoteword1x', 'zqnoteword5x'];
  const staying = [...secrets(held), ...secrets(open), erased.word, held.word, 'zqnoteword3x'];
  // The scan sees canaries: before, every one is in the decrypted pages.
  assert.deepEqual(found(db(core).serialize(), [...gone, ...staying]).sort(), [...gone, ...staying].sort(), 'the decrypted database holds every canary before');
  const originalSha = db(core).prepare('SELECT payload FROM report_revisions WHERE report_id = ?').pluck().get(erased.id) as string;
  const sigBefore = db(core).prepare('SELECT sig FROM report_revisions WHERE report_id = ?').pluck().get(erased.id) as string;

  await value(core, 'retention.updateSettings', { identityMonths: 6, purgeMonths: 12, caseMonths: 12 });
  const preview = await value(core, 'retention.preview');
  const result = await value(core, 'retention.apply', { confirm: true });
  assert.equal(result.reportsPurged, 2);
  assert.equal(result.casesPurged, 1);
  assert.equal(result.evidencePurged, preview.evidence.count);
  assert.equal(result.identitiesErased, preview.identities.count);
  assert.ok(result.identitiesErased >= 1);
  assert.equal(result.compacted, true);

  // Decrypted, every page (free ones included): the canaries that went are gone, those that stay are there.
  const pages = db(core).serialize();
  assert.deepEqual(found(pages, gone), [], 'no removed identity in the decrypted database');
  assert.deepEqual(found(pages, staying).sort(), [...staying].sort(), 'the reporters that stay are still found');

  // What is left of the erased report: a useful report, its identity gone, its signature kept with the original's hash.
  const row = db(core).prepare('SELECT payload, sig, erased_at, original_sha256 FROM report_revisions WHERE report_id = ?').get(erased.id) as {
    payload: string;
    sig: string;
    erased_at: string;
    original_sha256: string;
  };
  assert.equal(row.sig, sigBefore);
  assert.equal(row.original_sha256, createHash('sha256').update(originalSha, 'utf8').digest('hex'));
  assert.ok(row.erased_at);
  assert.deepEqual((JSON.parse(row.payload) as { reporter: unknown }).reporter, { mode: 'identified' });
  const view = await value(core, 'reports.get', { reportId: erased.id });
  assert.equal(view.id, erased.id);
  assert.equal(view.reporter.identified, true);
  assert.equal(view.reporter.erasedAt, row.erased_at, 'the view says the identity was erased, and when');
  const reveal = await failure(core, 'reports.revealReporter', { reportId: erased.id, reason: 'Vérification' });
  assert.equal(reveal.code, 'NOT_FOUND');
  assert.match(reveal.message, /erased under retention/);
  const items = await value(core, 'evidence.list', { target: { reportId: erased.id } });
  const original = items.items.find((i) => i.kind === 'intake_original');
  assert.ok(original?.signature?.erasedAt, 'the original says it was erased, not that its signature fails');
  const verify = await value(core, 'evidence.verify');
  assert.equal(verify.mismatches.filter((m) => m.reportId === erased.id).length, 0);

  // Gone: the reports, their case, their evidence; the journal has counts only.
  for (const id of [purged.id, inCase.id]) assert.equal((await failure(core, 'reports.get', { reportId: id })).code, 'NOT_FOUND');
  assert.equal(db(core).prepare("SELECT count(*) FROM evidence_items WHERE report_id IN (?, ?)").pluck().get(purged.id, inCase.id), 0);
  assert.equal(db(core).prepare('SELECT count(*) FROM retention_release').pluck().get(), 0, 'the release list is emptied: the triggers guard every other item again');
  assert.equal(
    db(core)
      .prepare('SELECT count(*) FROM observables o WHERE o.report_count <> (SELECT count(*) FROM report_observables ro WHERE ro.observable_id = o.id)')
      .pluck()
      .get(),
    0,
    'observable counts follow the purge',
  );
  assert.equal(db(core).prepare('SELECT count(*) FROM observables o WHERE o.report_count <= 0 AND o.id NOT IN (SELECT observable_id FROM case_observables)').pluck().get(), 0, 'observables nothing holds are gone');
  const journal = await value(core, 'audit.list', { limit: 20 });
  const purge = journal.events.find((e) => e.action === 'retention.purged');
  assert.deepEqual(purge?.detail, { reports: 2, cases: 1, evidence: result.evidencePurged, purgeMonths: 12, caseMonths: 12 });
  assert.ok(journal.events.some((e) => e.action === 'retention.identities_erased' && e.detail['reports'] === result.identitiesErased));
  assert.equal(JSON.stringify(journal.events).includes('Canary'), false);

  // Locked and closed: no file of the store folder holds a removed identity, and the WAL is empty.
  await value(core, 'session.lock');
  core.close();
  for (const file of filesUnder(f.storeDir)) {
    assert.deepEqual(found(readFileSync(file), gone), [], `${file} holds no removed identity`);
    if (file.endsWith('-wal')) assert.equal(statSync(file).size, 0, 'the WAL was emptied');
  }
});

test('a dossier with an erased original carries its original SHA-256 and signature, never the erased payload, and no identity', async (t) => {
  const { core, erased } = await scenario(t);
  const original = db(core).prepare('SELECT payload, sig FROM report_revisions WHERE report_id = ?').get(erased.id) as { payload: string; sig: string };
  await value(core, 'retention.updateSettings', { identityMonths: 6, purgeMonths: null, caseMonths: null });
  const result = await value(core, 'retention.apply', { confirm: true });
  assert.ok(result.identitiesErased >= 1);
  assert.equal(result.reportsPurged, 0);
  const later = await value(core, 'cases.create', { title: 'Reprise', reportIds: [erased.id] });
  const actor = core.unlockedStore();
  const generator = { name: 'test', version: 'test' };
  const dossier = assembleDossier(actor, DossierOptions.parse({ ref: later.ref }), 1, new Date(), generator);
  const paths = new Map(dossier.pieces.map((p) => [p.path, Buffer.from(p.bytes).toString('utf8')]));
  assert.equal(paths.has(`originals/${erased.id}/payload.json`), false, 'the erased payload is not the signed original: not in the package');
  assert.equal(paths.get(`originals/${erased.id}/payload.sha256`), `${createHash('sha256').update(original.payload, 'utf8').digest('hex')}  payload.json\n`);
  assert.equal(paths.get(`originals/${erased.id}/signature.b64`), `${original.sig}\n`);
  for (const text of paths.values()) assert.deepEqual(found(Buffer.from(text), secrets(erased)), []);
  assert.throws(
    () => assembleDossier(actor, DossierOptions.parse({ ref: later.ref, identities: [{ reportId: erased.id, reason: 'Convocation du signalant' }] }), 1, new Date(), generator),
    /erased under retention/,
  );
});
