/**
 * Evidence items and the chain of custody, in the core through the contract,
 * on reports synced from the real reference intake service into a real
 * encrypted store.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import type { Core } from '../../src/main/core.ts';
import { sniffMediaType } from '../../src/main/evidence/sniff.ts';
import { MAX_IMPORT_BYTES } from '../../src/shared/evidence.ts';
import { ANALYST, failure, value, createProfile, demoCore } from '../helpers/store.ts';
import { fixture, type Fixture } from '../sync/fixture.ts';

const hex = (algorithm: string, bytes: Uint8Array) => createHash(algorithm).update(bytes).digest('hex');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 7)]);

async function synced(t: TestContext): Promise<Fixture> {
  const f = await fixture(t, { count: 60, attachments: 8 }, { pageLimit: 500 });
  const status = await f.sync();
  assert.equal(status.lastError, null);
  return f;
}

function db(core: Core) {
  return core.unlockedStore().db;
}

/** A report with a verified attachment (and not of a category whose content is never shown). */
function reportWithAttachment(core: Core): string {
  const id = db(core)
    .prepare("SELECT a.report_id FROM attachments a JOIN reports r ON r.id = a.report_id WHERE a.state = 'verified' AND r.category <> 'child_sexual_exploitation' ORDER BY a.report_id LIMIT 1")
    .pluck()
    .get() as string | undefined;
  assert.ok(id, 'the feed has a verified attachment');
  return id;
}

async function switchTo(core: Core, who: { name: string; passphrase: string }): Promise<void> {
  await value(core, 'session.lock');
  await value(core, 'session.unlock', { name: who.name, passphrase: who.passphrase });
}

test('media types are found from the bytes', () => {
  assert.equal(sniffMediaType(PNG), 'image/png');
  assert.equal(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])), 'image/jpeg');
  assert.equal(sniffMediaType(Buffer.from('GIF89a......')), 'image/gif');
  assert.equal(sniffMediaType(Buffer.from('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
  assert.equal(sniffMediaType(Buffer.from('%PDF-1.7\n')), 'application/pdf');
  assert.equal(sniffMediaType(Buffer.from('PK\x03\x04rest')), 'application/zip');
  assert.equal(sniffMediaType(Buffer.from('\0\0\0\x18ftypisom\0\0\0\0')), 'video/mp4');
  assert.equal(sniffMediaType(Buffer.from('  {"a": [1, 2]}\n')), 'application/json');
  assert.equal(sniffMediaType(Buffer.from('<!DOCTYPE html><html><body>x</body></html>')), 'text/html');
  assert.equal(sniffMediaType(Buffer.from('<div>salam</div>')), 'text/html');
  assert.equal(sniffMediaType(Buffer.from('سلام عليكم\nbonjour')), 'text/plain; charset=utf-8');
  assert.equal(sniffMediaType(Buffer.from('{"not json"')), 'text/plain; charset=utf-8');
  assert.equal(sniffMediaType(Buffer.from([0, 1, 2, 3, 250, 251])), 'application/octet-stream');
  assert.equal(sniffMediaType(Buffer.alloc(0)), 'application/x-empty');
});

test('a report’s signed originals and verified attachments become items when first asked for, once, with their hashes and signature', async (t) => {
  const f = await synced(t);
  const reportId = reportWithAttachment(f.core);
  assert.equal(db(f.core).prepare('SELECT count(*) FROM evidence_items').pluck().get(), 0, 'the sync registers nothing');
  const first = await value(f.core, 'evidence.list', { target: { reportId } });
  const again = await value(f.core, 'evidence.list', { target: { reportId } });
  assert.deepEqual(
    again.items.map((i) => i.id),
    first.items.map((i) => i.id),
    'asking twice makes no new item',
  );
  const revisions = db(f.core).prepare('SELECT revision, seq, payload, sig, received_at FROM report_revisions WHERE report_id = ? ORDER BY revision').all(reportId) as {
    revision: number;
    seq: number;
    payload: string;
    sig: string;
    received_at: string;
  }[];
  const attachments = db(f.core).prepare("SELECT id, content, verified_at, media_type FROM attachments WHERE report_id = ? AND state = 'verified' ORDER BY id").all(reportId) as {
    id: string;
    content: Buffer;
    verified_at: string;
    media_type: string;
  }[];
  assert.equal(first.total, revisions.length + attachments.length);
  assert.equal(db(f.core).prepare('SELECT count(*) FROM evidence_items').pluck().get(), first.total);
  const fingerprint = (await value(f.core, 'intake.get')).keyFingerprint;

  const originals = first.items.filter((i) => i.kind === 'intake_original');
  assert.equal(originals.length, revisions.length);
  for (const [k, item] of originals.entries()) {
    const revision = revisions[k]!;
    const bytes = Buffer.from(revision.payload, 'utf8');
    assert.match(item.id, /^EV-\d{4}-WSRABAT03-\d{6}$/);
    assert.equal(item.sourceRef, `${reportId}#${revision.revision}`);
    assert.equal(item.sha256, hex('sha256', bytes));
    assert.equal(item.sha1, hex('sha1', bytes));
    assert.equal(item.md5, hex('md5', bytes));
    assert.equal(item.size, bytes.length);
    assert.equal(item.mediaType, 'application/json');
    assert.equal(item.acquiredAt, revision.received_at, 'acquired when the sync received it');
    assert.equal(item.acquiredBy, null, 'by the sync');
    assert.equal(item.clock, 'workstation');
    assert.equal(item.workstationId, 'ws-rabat-03');
    assert.equal(item.tool, 'Iblagh Workstation');
    assert.match(item.toolVersion, /^\d+\.\d+\.\d+/);
    assert.equal(item.method['changeSeq'], revision.seq);
    assert.equal(item.method['signature'], revision.sig);
    assert.equal(item.method['intakeUrl'], f.server.url);
    assert.equal(item.method['intakeKeyFingerprint'], fingerprint);
    assert.match(String(item.method['clock']), /system clock, UTC/);
    assert.deepEqual(item.signature, { verified: true, keyFingerprint: fingerprint, currentKey: true });
  }
  const attached = first.items.filter((i) => i.kind === 'attachment');
  assert.deepEqual(
    attached.map((i) => i.sourceRef),
    attachments.map((a) => a.id),
  );
  for (const [k, item] of attached.entries()) {
    const a = attachments[k]!;
    assert.equal(item.sha256, hex('sha256', a.content));
    assert.equal(item.size, a.content.length);
    assert.equal(item.acquiredAt, a.verified_at);
    assert.equal(item.declaredType, a.media_type);
    assert.equal(item.signature, null);
    assert.ok(item.exportable);
  }

  const detail = await value(f.core, 'evidence.get', { id: originals[0]!.id });
  assert.deepEqual(
    detail.custody.map((c) => c.action),
    ['acquired', 'viewed'],
  );
  assert.equal(detail.custody[0]!.analystId, null);
  assert.equal(detail.custody[0]!.at, revisions[0]!.received_at);
  assert.match(String(detail.custody[0]!.detail['note']), /registered as evidence when first asked for/);
  assert.equal(typeof detail.custody[0]!.detail['registeredAt'], 'string');
  assert.equal(detail.custody[1]!.analystName, 'Karima Benali');
});

test('the chain of custody is append-only and items cannot change, even in SQL', async (t) => {
  const f = await synced(t);
  const reportId = reportWithAttachment(f.core);
  const { items } = await value(f.core, 'evidence.list', { target: { reportId } });
  const imported = await value(f.core, 'evidence.import', { target: { reportId }, fileName: 'capture.png', base64: PNG.toString('base64') });
  const d = db(f.core);
  const id = items[0]!.id;
  assert.throws(() => d.prepare("UPDATE evidence_custody SET action = 'viewed' WHERE item_id = ?").run(id), /append-only/);
  assert.throws(() => d.prepare('DELETE FROM evidence_custody WHERE item_id = ?').run(id), /append-only/);
  assert.throws(() => d.prepare("UPDATE evidence_items SET sha256 = ? WHERE id = ?").run('0'.repeat(64), id), /immutable/);
  assert.throws(() => d.prepare('UPDATE evidence_items SET acquired_at = ? WHERE id = ?').run('2020-01-01T00:00:00.000Z', id), /immutable/);
  assert.throws(() => d.prepare('DELETE FROM evidence_items WHERE id = ?').run(id), /never deleted/);
  assert.throws(() => d.prepare('UPDATE evidence_blobs SET content = ? WHERE item_id = ?').run(Buffer.from('x'), imported.id), /immutable/);
  assert.throws(() => d.prepare('DELETE FROM evidence_blobs WHERE item_id = ?').run(imported.id), /never deleted/);
  assert.equal(d.prepare('SELECT count(*) FROM evidence_custody WHERE item_id = ?').pluck().get(id), 1);
});

test('export gives the exact bytes and is logged; content never shown is never exported', async (t) => {
  const f = await synced(t);
  const reportId = reportWithAttachment(f.core);
  const { items } = await value(f.core, 'evidence.list', { target: { reportId } });
  const attachment = items.find((i) => i.kind === 'attachment')!;
  const stored = db(f.core).prepare('SELECT content FROM attachments WHERE id = ?').pluck().get(attachment.sourceRef) as Buffer;
  const exported = await value(f.core, 'evidence.export', { id: attachment.id, fileName: '/tmp/scelle/piece-1.jpg' });
  assert.ok(Buffer.from(exported.base64, 'base64').equals(stored));
  assert.equal(exported.sha256, attachment.sha256);
  assert.equal(exported.fileName, 'piece-1.jpg');
  const custody = (await value(f.core, 'evidence.get', { id: attachment.id })).custody;
  const entry = custody.find((c) => c.action === 'exported')!;
  assert.deepEqual(entry.detail, { file: 'piece-1.jpg', sha256: attachment.sha256, size: stored.length });
  assert.equal(entry.analystName, 'Karima Benali');
  const audit = await value(f.core, 'audit.list', { limit: 20 });
  assert.ok(audit.events.some((e) => e.action === 'evidence.exported' && e.detail['id'] === attachment.id && e.detail['sha256'] === attachment.sha256));

  // A report of a category whose content is never shown: the hashes, never the bytes.
  db(f.core).prepare("UPDATE reports SET category = 'child_sexual_exploitation' WHERE id = ?").run(reportId);
  const hidden = await value(f.core, 'evidence.list', { target: { reportId } });
  const item = hidden.items.find((i) => i.kind === 'attachment')!;
  assert.equal(item.exportable, false);
  assert.equal(item.sha256, attachment.sha256);
  assert.equal((await failure(f.core, 'evidence.export', { id: item.id, fileName: 'x.jpg' })).code, 'FORBIDDEN');
  const original = hidden.items.find((i) => i.kind === 'intake_original')!;
  assert.equal(original.exportable, true, 'the signed report itself stays exportable');
});

test('an analyst imports a file into a case: kept in the store, type from the bytes, size capped', async (t) => {
  const f = await synced(t);
  const reportIds = db(f.core).prepare('SELECT id FROM reports ORDER BY rowid LIMIT 2').pluck().all() as string[];
  const c = await value(f.core, 'cases.create', { title: 'Escroquerie au faux conseiller', reportIds });
  const item = await value(f.core, 'evidence.import', { target: { caseRef: c.ref }, fileName: 'C:\\captures\\profil.txt', declaredType: 'text/plain', base64: PNG.toString('base64') });
  assert.equal(item.kind, 'imported_file');
  assert.equal(item.caseRef, c.ref);
  assert.equal(item.label, 'profil.txt');
  assert.equal(item.mediaType, 'image/png', 'found from the bytes, whatever was declared');
  assert.equal(item.declaredType, 'text/plain');
  assert.equal(item.sha256, hex('sha256', PNG));
  assert.equal(item.acquiredByName, 'Karima Benali');
  assert.equal(item.method['how'], 'analyst_import');
  assert.ok(db(f.core).prepare('SELECT content FROM evidence_blobs WHERE item_id = ?').pluck().get(item.id) instanceof Buffer);
  const list = await value(f.core, 'evidence.list', { target: { caseRef: c.ref } });
  assert.ok(list.items.some((i) => i.id === item.id));
  assert.ok(list.items.filter((i) => i.kind === 'intake_original').length >= 2, 'the case’s reports’ originals too');
  const audit = await value(f.core, 'audit.list', { limit: 50 });
  assert.ok(audit.events.some((e) => e.action === 'evidence.imported' && e.detail['id'] === item.id));

  const tooBig = await failure(f.core, 'evidence.import', { target: { caseRef: c.ref }, fileName: 'big.bin', base64: Buffer.alloc(MAX_IMPORT_BYTES + 1).toString('base64') });
  assert.equal(tooBig.code, 'INVALID_INPUT');
  assert.match(tooBig.message, /limited to 50\.0 MiB/);
  assert.equal((await failure(f.core, 'evidence.import', { target: { caseRef: c.ref }, fileName: 'empty.bin', base64: '' })).code, 'INVALID_INPUT');
  assert.equal((await failure(f.core, 'evidence.import', { target: { reportId: 'IBL-2026-9999999' }, fileName: 'a.txt', base64: 'YQ==' })).code, 'NOT_FOUND');
});

test('evidence of a restricted case is invisible to others, and the refusal looks like absence', async (t) => {
  const f = await synced(t);
  await createProfile(f.core, { ...ANALYST });
  const reportIds = db(f.core).prepare('SELECT id FROM reports ORDER BY rowid LIMIT 1').pluck().all() as string[];
  const secret = await value(f.core, 'cases.create', { title: 'Affaire sensible', reportIds });
  const item = await value(f.core, 'evidence.import', { target: { caseRef: secret.ref }, fileName: 'piece.png', base64: PNG.toString('base64') });
  await value(f.core, 'cases.setAccess', { ref: secret.ref, restricted: true, memberIds: [] });
  const absentRef = secret.ref.replace(/\d{5}$/, '09999');
  const absentId = item.id.replace(/\d{6}$/, '999999');

  await switchTo(f.core, ANALYST);
  const hiddenCase = await failure(f.core, 'evidence.list', { target: { caseRef: secret.ref } });
  const noCase = await failure(f.core, 'evidence.list', { target: { caseRef: absentRef } });
  assert.equal(hiddenCase.code, 'NOT_FOUND');
  assert.equal(hiddenCase.message.replace(secret.ref, 'REF'), noCase.message.replace(absentRef, 'REF'));
  const hiddenItem = await failure(f.core, 'evidence.get', { id: item.id });
  const noItem = await failure(f.core, 'evidence.get', { id: absentId });
  assert.deepEqual(hiddenItem, noItem);
  assert.deepEqual(await failure(f.core, 'evidence.export', { id: item.id, fileName: 'x.png' }), await failure(f.core, 'evidence.export', { id: absentId, fileName: 'x.png' }));
  const all = await value(f.core, 'evidence.list', {});
  assert.ok(!all.items.some((i) => i.id === item.id));
  const verify = await value(f.core, 'evidence.verify');
  assert.ok(!verify.mismatches.some((m) => m.id === item.id));
  // The report's own evidence follows the report's rules: every analyst sees reports.
  const report = await value(f.core, 'evidence.list', { target: { reportId: reportIds[0] } });
  assert.ok(report.total >= 1);
  assert.ok(!report.items.some((i) => i.id === item.id));
});

test('verify hashes every item again and names a tampered original', async (t) => {
  const f = await synced(t);
  const reportId = reportWithAttachment(f.core);
  const { items } = await value(f.core, 'evidence.list', { target: { reportId } });
  const ok = await value(f.core, 'evidence.verify');
  assert.deepEqual(ok, { checked: items.length, matched: items.length, mismatches: [] });
  const original = items.find((i) => i.kind === 'intake_original')!;
  db(f.core).prepare("UPDATE report_revisions SET payload = replace(payload, '\"revision\"', ' \"revision\"') WHERE report_id = ? AND revision = ?").run(reportId, Number(original.sourceRef!.split('#')[1]));
  const bad = await value(f.core, 'evidence.verify');
  assert.equal(bad.checked, items.length);
  assert.deepEqual(
    bad.mismatches.map((m) => [m.id, m.reason]),
    [[original.id, 'hash_mismatch']],
  );
  assert.equal(bad.mismatches[0]!.expectedSha256, original.sha256);
  const shown = (await value(f.core, 'evidence.list', { target: { reportId } })).items.find((i) => i.id === original.id)!;
  assert.equal(shown.signature?.verified, false, 'the signature no longer holds over the stored payload');
  const custody = (await value(f.core, 'evidence.get', { id: original.id })).custody.map((c) => c.action);
  assert.deepEqual(custody, ['acquired', 'verified', 'verify_failed', 'viewed']);
  assert.equal((await failure(f.core, 'evidence.export', { id: original.id, fileName: 'x.json' })).code, 'CONFLICT');
});

test('leaving demo mode takes the demo evidence with it, and only that', async (t) => {
  const { startIntakeServer } = await import('../../src/intake/server.ts');
  const real = await startIntakeServer({ seed: 21, count: 10, attachments: 0 });
  t.after(() => real.close());
  const core = await demoCore(t);
  const demoReport = (await value(core, 'queue.query', { limit: 1, facets: false })).rows[0]!;
  const listed = await value(core, 'evidence.list', { target: { reportId: demoReport.id } });
  assert.ok(listed.items.length >= 1 && listed.items.every((i) => i.demo));
  const demoCase = await value(core, 'cases.create', { title: 'Dossier de démonstration', reportIds: [demoReport.id] });
  const file = await value(core, 'evidence.import', { target: { caseRef: demoCase.ref }, fileName: 'demo.png', base64: PNG.toString('base64') });
  assert.equal(file.demo, true);
  await value(core, 'evidence.get', { id: file.id });
  // Leaving demo mode counts the evidence it deletes, and deletes it once confirmed.
  const check = await value(core, 'intake.check', { url: real.url, token: real.token, publicKeyPem: real.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  assert.equal(check.deletes?.evidence, db(core).prepare('SELECT count(*) FROM evidence_items WHERE demo = 1').pluck().get());
  assert.ok((check.deletes?.evidence ?? 0) >= 2);

  await value(core, 'intake.update', { url: real.url, token: real.token, publicKeyPem: real.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0, confirmDeletion: true });
  const d = db(core);
  for (const table of ['evidence_items', 'evidence_blobs', 'evidence_custody']) assert.equal(d.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), 0, table);
  await value(core, 'sync.start');
  await core.syncIdle();
  const reportId = d.prepare('SELECT id FROM reports ORDER BY rowid LIMIT 1').pluck().get() as string;
  const realItems = await value(core, 'evidence.list', { target: { reportId } });
  assert.ok(realItems.items.every((i) => !i.demo && i.signature?.verified !== false));
  assert.throws(() => d.prepare('DELETE FROM evidence_items').run(), /never deleted/);
});
