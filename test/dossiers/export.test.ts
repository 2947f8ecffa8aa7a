/**
 * The referral dossier end to end: reports synced from the reference intake
 * service into a real encrypted store, a case with notes, qualification and
 * jurisdiction, exported in Arabic then French through the real Chromium, the
 * PDF read back with poppler (pdftotext, pdfsig), the sealed package checked
 * by `iblagh-ws dossier verify`, the case and its reports referred through the
 * outbox with the dossier reference, the audit journal and timeline kept, an
 * answer recorded, and the follow-up counted.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PNG } from 'pngjs';
import { after, test } from 'node:test';
import type { Core } from '../../src/main/core.ts';
import { closeChromium } from '../../src/main/browser/chromium.ts';
import { renderDossierPdf } from '../../src/main/dossiers/document/render.ts';
import { versionName } from '../../src/main/dossiers/export.ts';
import { cliAsync } from '../helpers/cli.ts';
import { utcSeconds, type ReportPayload } from '../../src/intake/contract.ts';
import { failure, tempDir, value } from '../helpers/store.ts';
import { fixture } from '../sync/fixture.ts';

after(() => closeChromium());

const ARTEFACTS = join(import.meta.dirname, '../../test-results/dossiers');

/** pdftotext's text with spaces and bidi marks removed (it wraps lines in marks and splits Arabic words). */
function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '');
}

const squash = (text: string) => text.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '');

function pdfsig(pdf: string): string {
  try {
    return execFileSync('pdfsig', [pdf], { encoding: 'utf8' });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '');
  }
}

/** The dossier settings of these tests: a service, a marking, ten days for an answer, and where exports go. */
function dossierSettings(exportDir: string) {
  return {
    issuingService: { fr: 'Brigade numérique de Rabat', ar: 'الفرقة الرقمية بالرباط' },
    classification: { fr: 'DIFFUSION RESTREINTE', ar: 'نشر محدود' },
    answerDays: 10,
    exportDir,
  };
}

interface Identified {
  id: string;
  name: string;
  email: string | null;
}

function identifiedReports(core: Core, ids: readonly string[]): Identified[] {
  const db = core.unlockedStore().db;
  return ids.flatMap((id) => {
    const payload = JSON.parse(db.prepare('SELECT v.payload FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision WHERE r.id = ?').pluck().get(id) as string) as {
      reporter: { mode: string; full_name?: string; email?: string };
    };
    return payload.reporter.mode === 'identified' && payload.reporter.full_name ? [{ id, name: payload.reporter.full_name, email: payload.reporter.email ?? null }] : [];
  });
}

test('a case exported as a signed Arabic dossier and sealed package, then a French v2; verify, referral, journal, answer', async (t) => {
  let prepared = 0;
  const f = await fixture(t, { count: 60, attachments: 6 }, { pageLimit: 500, dossierPdfPrepare: () => (prepared += 1) });
  await f.sync();
  const core = f.core;
  const db = core.unlockedStore().db;
  const exportDir = tempDir(t);
  await value(core, 'dossiers.updateSettings', dossierSettings(exportDir));

  const settings = await value(core, 'dossiers.settings');
  assert.equal((await failure(core, 'dossiers.updateSettings', { ...settings, exportDir: 'exports/relative' })).code, 'INVALID_INPUT', 'an export folder is an absolute path');
  await value(core, 'images.analysePending');
  // A report with an analysed image (for the thumbnails), then the first others.
  const withImage = db
    .prepare(
      "SELECT a.report_id FROM attachment_analysis x JOIN attachments a ON a.id = x.attachment_id JOIN reports r ON r.id = a.report_id WHERE x.preview IS NOT NULL AND r.category <> 'child_sexual_exploitation' LIMIT 1",
    )
    .pluck()
    .get() as string | undefined;
  assert.ok(withImage, 'the reference feed has image attachments');
  const others = db.prepare("SELECT id FROM reports WHERE category <> 'child_sexual_exploitation' AND id <> ? ORDER BY rowid LIMIT 11").pluck().all(withImage) as string[];
  const ids = [withImage, ...others];
  const identified = identifiedReports(core, ids);
  assert.ok(identified.length >= 2, 'the reference feed has identified reporters among the first reports');
  const created = await value(core, 'cases.create', { title: 'Réseau d’escroquerie — فريق احتيال', reportIds: ids, qualifications: ['FRAUD'] });
  const ref = created.ref;
  await value(core, 'notes.add', { target: { caseRef: ref }, text: 'Les signalements décrivent **le même réseau**. الحسابات مرتبطة بنفس الشبكة.', summary: true });
  await value(core, 'notes.add', { target: { caseRef: ref }, text: '## Constat technique\n\nLe domaine `arnaque.example` redirige vers <script>alert(1)</script> http://evil.example/x', forDossier: true });
  await value(core, 'notes.add', { target: { caseRef: ref }, text: 'Note interne, hors dossier: NE-PAS-INCLURE-7731' });
  const advice = await value(core, 'cases.suggestJurisdiction', { ref });
  const courtId = advice.suggestion?.courtId ?? advice.courts[0]?.courtId;
  assert.ok(courtId, 'a court to confirm');
  await value(core, 'cases.confirmJurisdiction', { ref, courtId });

  // Not ready: export refused, preview allowed.
  assert.equal((await failure(core, 'dossiers.export', { ref })).code, 'CONFLICT');
  assert.equal(prepared, 0);
  const choices = await value(core, 'dossiers.choices', { ref });
  assert.equal(prepared, 1, 'opening the dossier choices gets the renderer ready for the preview');
  assert.equal(choices.canExport, false);
  assert.equal(choices.nextVersion, 1);
  const preview = await value(core, 'dossiers.preview', { ref, lang: 'fr' });
  assert.ok(preview.pages >= 2);
  assert.equal(Buffer.from(preview.pdfBase64, 'base64').subarray(0, 5).toString('latin1'), '%PDF-');

  // An identity needs a real reason, and only an identified report has one.
  assert.equal((await failure(core, 'dossiers.preview', { ref, identities: [{ reportId: identified[0]!.id, reason: '.....' }] })).code, 'INVALID_INPUT');
  const anonymous = ids.find((id) => !identified.some((i) => i.id === id));
  if (anonymous) assert.equal((await failure(core, 'dossiers.preview', { ref, identities: [{ reportId: anonymous, reason: 'Contact nécessaire pour la plainte' }] })).code, 'INVALID_INPUT');

  await value(core, 'cases.setStatus', { ref, status: 'in_analysis' });
  await value(core, 'cases.setStatus', { ref, status: 'ready' });
  const included = identified[0]!;
  const reason = 'Le parquet doit pouvoir entendre la victime';
  // An earlier export of v1 crashed while writing: its empty reservation and staging files are in the way, and old.
  const crashed = join(exportDir, versionName(ref, 1));
  const leftovers = [crashed, `${crashed}.partial-00112233aabb`, `${crashed}.zip.partial-00112233aabb`];
  mkdirSync(leftovers[0]!);
  mkdirSync(leftovers[1]!);
  writeFileSync(leftovers[2]!, 'PK');
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const path of leftovers) utimesSync(path, hourAgo, hourAgo);
  const v1 = await value(core, 'dossiers.export', { ref, lang: 'ar', identities: [{ reportId: included.id, reason }] });
  assert.deepEqual(readdirSync(exportDir).filter((name) => name.includes('.partial-')), [], 'the crash leftovers were cleared');
  assert.equal(v1.version, 1);
  assert.equal(v1.reference, `${ref}/v1`);
  assert.ok(existsSync(v1.pdf) && existsSync(v1.package) && v1.zip !== null && existsSync(v1.zip));
  assert.match(v1.manifest_sha256, /^[0-9a-f]{64}$/);

  // The PDF: signed (PAdES), and says what it must, in Arabic, without the identities not included.
  const sig = pdfsig(v1.pdf);
  assert.match(sig, /Signature Validation: Signature is Valid\./, sig);
  const text = pdfText(v1.pdf);
  assert.ok(text.includes(ref), 'the reference');
  for (const id of ids) assert.ok(text.includes(id), `report ${id}`);
  assert.ok(text.includes(squash(included.name)), 'the included identity');
  for (const other of identified.slice(1)) assert.ok(!text.includes(squash(other.name)), `identity of ${other.id} absent`);
  assert.ok(text.includes(squash('هوية محمية')), 'identities protected by default');
  // How each report reached the intake service, in words: never the intake's code (`mobile_web`).
  assert.ok(text.includes(squash('استمارة الويب على الهاتف المحمول')) && !/mobile_web/.test(text), 'the channel in words');
  assert.ok(!text.includes('NE-PAS-INCLURE-7731'), 'a note not marked for the dossier stays out');
  assert.ok(text.includes(squash('الحسابات مرتبطة بنفس الشبكة')), 'the summary of facts');
  mkdirSync(ARTEFACTS, { recursive: true });
  execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '3', v1.pdf, join(ARTEFACTS, 'export-v1-ar')]);

  // The sealed package holds up, and the CLI says so without a store.
  const verified = await cliAsync(['dossier', 'verify', v1.package, '--json']);
  assert.equal(verified.status, 0, verified.stderr + verified.stdout);
  const report = JSON.parse(verified.stdout) as { ok: boolean; signer: string; problems: unknown[] };
  assert.equal(report.ok, true);
  const zipVerified = await cliAsync(['dossier', 'verify', v1.zip!, '--key-fingerprint', report.signer, '--json']);
  assert.equal(zipVerified.status, 0, zipVerified.stderr + zipVerified.stdout);
  const manifest = JSON.parse(readFileSync(join(v1.package, 'manifest.json'), 'utf8')) as { files: { path: string }[]; case_ref: string };
  assert.equal(manifest.case_ref, ref);
  // The audit chain's head when the package was sealed: the entry just before the export's own record.
  const auditHeadAt = (manifest as unknown as { audit_head: { index: number; hash: string } }).audit_head;
  const exportedEntry = db.prepare("SELECT min(id) FROM audit_events WHERE action = 'dossier.exported'").pluck().get() as number;
  assert.equal(auditHeadAt.index, exportedEntry - 1);
  assert.equal(auditHeadAt.hash, db.prepare('SELECT hash FROM audit_events WHERE id = ?').pluck().get(auditHeadAt.index));
  for (const id of ids) assert.ok(manifest.files.some((file) => file.path === `originals/${id}/payload.json` || file.path === `originals/${id}/payload.sha256`), `original of ${id}`);
  assert.ok(readdirSync(join(v1.package, 'originals')).length === ids.length);
  // The package holds the identity included, and no other: an identified reporter's original whose identity is not
  // included stays in the store (its SHA-256, signature and key are in the package).
  const packageText = (dir: string): string =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
      .join('\n');
  const inPackage = packageText(v1.package);
  assert.ok(inPackage.includes(Buffer.from(included.name, 'utf8').toString('latin1')), 'the included identity is in its original');
  for (const other of identified.slice(1)) {
    assert.ok(!inPackage.includes(Buffer.from(other.name, 'utf8').toString('latin1')), `identity of ${other.id} absent from the package`);
    if (other.email) assert.ok(!inPackage.includes(other.email), `e-mail of ${other.id} absent from the package`);
    assert.ok(existsSync(join(v1.package, 'originals', other.id, 'payload.sha256')) && !existsSync(join(v1.package, 'originals', other.id, 'payload.json')));
  }
  for (const file of manifest.files.filter((f) => f.path.startsWith('originals/') && f.path.endsWith('/payload.json'))) {
    const id = file.path.split('/')[1]!;
    assert.ok(!identified.some((i) => i.id === id && i.id !== included.id), `${id}'s payload is withheld`);
  }

  // Referred: the case, its reports (through the outbox, with the dossier reference), the journal and the timeline.
  const view = await value(core, 'cases.get', { ref });
  assert.equal(view.status, 'referred');
  const statuses = db.prepare("SELECT report_id, reference FROM outbox WHERE status = 'referred'").all() as { report_id: string; reference: string }[];
  assert.deepEqual(statuses.map((s) => s.report_id).sort(), [...ids].sort());
  assert.ok(statuses.every((s) => s.reference === `${ref}/v1`));
  assert.ok(view.timeline.some((e) => e.kind === 'dossier_exported' && e.detail['version'] === 1));
  assert.ok(view.timeline.some((e) => e.kind === 'identity_included' && e.detail['reportId'] === included.id && e.detail['reason'] === reason));
  const audit = await value(core, 'audit.list', { limit: 50 });
  assert.ok(audit.events.some((e) => e.action === 'dossier.exported' && e.detail['ref'] === ref));
  assert.ok(audit.events.some((e) => e.action === 'dossier.identity_included' && e.detail['reportId'] === included.id && e.detail['reason'] === reason));
  const evidence = await value(core, 'evidence.list', { target: { caseRef: ref }, limit: 500 });
  const custody = await value(core, 'evidence.get', { id: evidence.items[0]!.id });
  assert.ok(custody.custody.some((c) => c.action === 'included_in_dossier' && c.detail['dossier'] === `${ref}/v1`));

  // A second version, in French, without identities, with thumbnails; the first stays in the history.
  assert.equal(execFileSync('pdfimages', ['-list', v1.pdf], { encoding: 'utf8' }).trim().split('\n').length, 2, 'no image without thumbnails (the header lines only)');
  const v2 = await value(core, 'dossiers.export', { ref, lang: 'fr', thumbnails: true });
  assert.equal(v2.version, 2);
  const images = execFileSync('pdfimages', ['-list', v2.pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
  assert.ok(images.length >= 1, 'a thumbnail of the image attachment');
  for (const line of images) {
    const [, , , width, height] = line.trim().split(/\s+/);
    assert.ok(Number(width) <= 96 && Number(height) <= 96, `a small thumbnail: ${line}`);
  }
  // Greyscale (Chromium stores it as RGB): every pixel of every thumbnail has R = G = B.
  const extracted = join(tempDir(t), 'img');
  execFileSync('pdfimages', ['-png', v2.pdf, extracted]);
  const pngs = readdirSync(dirname(extracted)).filter((name) => name.startsWith('img') && name.endsWith('.png'));
  assert.equal(pngs.length, images.length);
  for (const name of pngs) {
    const { data } = PNG.sync.read(readFileSync(join(dirname(extracted), name)));
    for (let i = 0; i < data.length; i += 4) assert.ok(data[i] === data[i + 1] && data[i + 1] === data[i + 2], `${name}: grey pixels`);
  }
  const textFr = pdfText(v2.pdf);
  assert.ok(textFr.includes(squash('Identité protégée')));
  assert.ok(textFr.includes(squash('Formulaire web sur mobile')) && !/mobile_web/.test(textFr), 'the channel in words, in French');
  assert.ok(!textFr.includes(squash(included.name)), 'no identity in v2');
  writeFileSync(join(ARTEFACTS, 'export-v2-fr.txt'), execFileSync('pdftotext', ['-layout', v2.pdf, '-'], { encoding: 'utf8' }));

  const history = await value(core, 'dossiers.history', { ref });
  assert.deepEqual(history.versions.map((v) => v.version), [1, 2]);
  assert.deepEqual(history.versions[0]!.identities, [{ reportId: included.id, reason }]);
  assert.equal(history.waitingDays, 0);
  assert.equal(history.awaitingOverdue, false);
  const answered = await value(core, 'dossiers.answer', { ref, decision: 'investigation_opened', date: new Date().toISOString().slice(0, 10), reference: 'PV 1234/2026' });
  assert.equal(answered.version, 2);
  const after = await value(core, 'dossiers.history', { ref });
  assert.equal(after.waitingDays, null);
  const overview = await value(core, 'dossiers.overview');
  assert.deepEqual({ referred: overview.referred, answered: overview.answered, waiting: overview.waiting }, { referred: 1, answered: 1, waiting: 0 });
});

test('reports held elsewhere are referred only once confirmed; a render that fails leaves no package; unknown codes said to be unknown; the CLI asks for --take-over', async (t) => {
  let failing = true;
  const f = await fixture(t, { count: 20 }, {
    dossierPdf: async (rendered) => {
      if (failing) throw new Error('Chromium exited with signal SIGKILL');
      return renderDossierPdf(rendered);
    },
  });
  // A report whose category and platform this version does not know (the intake service may add some).
  const donor = JSON.parse(f.server.appendReport({ category: 'fraud', at: utcSeconds(Date.now() - 3_600_000) }).payload) as ReportPayload;
  const unknown: ReportPayload = {
    ...donor,
    revision: donor.revision + 1,
    updated_at: utcSeconds(Date.parse(donor.updated_at) + 60_000),
    category: 'online_gambling',
    content: { ...donor.content, platform: 'bigo_live' },
  };
  f.server.appendRaw('report', JSON.stringify(unknown));
  await f.sync();
  const core = f.core;
  const exportDir = tempDir(t);
  await value(core, 'dossiers.updateSettings', dossierSettings(exportDir));
  const ids = core.unlockedStore().db.prepare("SELECT id FROM reports WHERE category <> 'child_sexual_exploitation' AND id <> ? ORDER BY rowid LIMIT 4").pluck().all(donor.id) as string[];
  // Two of them are in analysis at another workstation.
  const [heldA, heldB] = [ids[0]!, ids[1]!];
  for (const reportId of [heldA, heldB]) f.server.appendStatus({ reportId, status: 'in_analysis', workstationId: 'ws-casa-02', acceptedAt: new Date().toISOString() });
  await f.sync();
  const { ref } = await value(core, 'cases.create', { title: 'Menaces en ligne', reportIds: [...ids, donor.id] });
  await value(core, 'cases.setStatus', { ref, status: 'in_analysis' });
  await value(core, 'cases.setStatus', { ref, status: 'ready' });
  const choices = await value(core, 'dossiers.choices', { ref });
  assert.deepEqual(choices.reports.filter((r) => r.heldBy !== null).map((r) => [r.id, r.heldBy]).sort(), [[heldA, 'ws-casa-02'], [heldB, 'ws-casa-02']].sort());
  // The first version leaves heldB out. Not confirmed: refused, nothing written.
  const first = { ref, lang: 'fr' as const, reportIds: ids.filter((id) => id !== heldB).concat(donor.id) };
  const refused = await failure(core, 'dossiers.export', first);
  assert.equal(refused.code, 'CONFLICT');
  assert.match(refused.message, /1 of the dossier's reports are in analysis at another workstation \(ws-casa-02/);
  assert.deepEqual(readdirSync(exportDir), []);
  const failed = await failure(core, 'dossiers.export', { ...first, takeOver: true });
  assert.equal(failed.code, 'RENDER_FAILED');
  // The evidence written ahead while the PDF rendered is gone with the reservation of the version's name.
  assert.deepEqual(readdirSync(exportDir), []);
  assert.equal((await value(core, 'cases.get', { ref })).status, 'ready');
  failing = false;
  const v1 = await value(core, 'dossiers.export', { ...first, takeOver: true });
  assert.equal(v1.version, 1);
  assert.deepEqual(readdirSync(exportDir).sort(), [versionName(ref, 1), `${versionName(ref, 1)}.zip`]);
  const statusOf = (id: string) => core.unlockedStore().db.prepare('SELECT status, status_workstation FROM reports WHERE id = ?').get(id) as { status: string; status_workstation: string };
  assert.deepEqual(statusOf(heldA), { status: 'referred', status_workstation: 'ws-rabat-03' }, 'taken over and referred');
  assert.deepEqual(statusOf(heldB), { status: 'in_analysis', status_workstation: 'ws-casa-02' }, 'not in the dossier: left to the other workstation');
  const verified = await cliAsync(['dossier', 'verify', v1.zip!, '--json']);
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);
  const text = pdfText(v1.pdf);
  for (const shown of ['online_gambling(catégorieinconnue)', 'bigo_live(plateformeinconnue)']) assert.ok(text.includes(shown), shown);
  assert.ok(!text.includes('U+2068'), 'no isolate mark of ours shown as a hostile control');
  const v2 = await value(core, 'dossiers.export', { ...first, lang: 'ar' });
  const arabic = pdfText(v2.pdf);
  // pdftotext gives the Arabic parentheses mirrored: the words are compared without them.
  for (const shown of ['online_gambling', 'فئة غير معروفة', 'bigo_live', 'منصة غير معروفة']) assert.ok(arabic.includes(squash(shown)), `in Arabic too: ${shown}`);

  // The command line, on the same store: every report, heldB among them, refused without --take-over.
  core.close();
  const out = tempDir(t);
  const without = await cliAsync(['dossier', 'export', ref, '--store', f.storeDir, '--lang', 'fr', '--out', out]);
  assert.equal(without.status, 1, without.stdout + without.stderr);
  assert.match(without.stderr, /in analysis at another workstation \(ws-casa-02.*--take-over/);
  assert.deepEqual(readdirSync(out), []);
  const taken = await cliAsync(['dossier', 'export', ref, '--store', f.storeDir, '--lang', 'fr', '--out', out, '--take-over', '--json']);
  assert.equal(taken.status, 0, taken.stdout + taken.stderr);
  assert.equal((JSON.parse(taken.stdout) as { version: number }).version, 3);
});
