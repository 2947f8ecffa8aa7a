/**
 * The dossier preview's choices without a browser: the issue's defaults (every
 * report, the notes marked for the dossier but never the summary, every
 * evidence item, no identity, no thumbnails, Arabic), the options the core
 * accepts (notes, evidence and identities only of reports still ticked; the
 * identity of an anonymous report never), the Reason rule on identities, the
 * warnings' words (an unknown code shown verbatim), and an answer's date.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DossierOptions, type DossierChoices } from '../../src/shared/dossiers.ts';
import { ar } from '../../src/renderer/src/i18n/ar.ts';
import { fr } from '../../src/renderer/src/i18n/fr.ts';
import { makeTranslate } from '../../src/renderer/src/i18n/translate.ts';
import {
  base64Bytes,
  canHaveThumbnails,
  draftBlocker,
  draftOptions,
  identityProblems,
  initialDraft,
  isAnswerDate,
  offeredEvidence,
  offeredNotes,
  todayInCasablanca,
  toggled,
} from '../../src/renderer/src/screens/dossier/dossierDraft.ts';
import { warningText } from '../../src/renderer/src/screens/dossier/warnings.ts';

const REF = 'DOS-2026-WSRABAT03-00017';
const R1 = 'IBL-2026-0000001';
const R2 = 'IBL-2026-0000002';
const R3 = 'IBL-2026-0000003';

const CHOICES: DossierChoices = {
  ref: REF,
  status: 'ready',
  canExport: true,
  reports: [
    { id: R1, category: 'terrorism_apology', receivedAt: '2026-01-15T10:00:00Z', reporterMode: 'identified', neverShown: false, heldBy: null },
    { id: R2, category: 'child_sexual_exploitation', receivedAt: '2026-01-15T11:00:00Z', reporterMode: 'anonymous', neverShown: true, heldBy: null },
    { id: R3, category: 'threats', receivedAt: '2026-01-16T09:00:00Z', reporterMode: 'identified', neverShown: false, heldBy: null },
  ],
  notes: [
    { id: 1, author: 'A', createdAt: '2026-01-15T12:00:00Z', forDossier: true, summary: true, reportId: null, excerpt: 'Résumé' },
    { id: 2, author: 'A', createdAt: '2026-01-15T12:00:00Z', forDossier: true, summary: false, reportId: null, excerpt: 'Analyse' },
    { id: 3, author: 'A', createdAt: '2026-01-15T12:00:00Z', forDossier: false, summary: false, reportId: null, excerpt: 'Brouillon' },
    { id: 4, author: 'A', createdAt: '2026-01-15T12:00:00Z', forDossier: true, summary: false, reportId: R3, excerpt: 'Sur R3' },
  ],
  evidence: [
    { id: 'EV-2026-WSRABAT03-000001', kind: 'intake_original', reportId: R1, label: null, size: 10, exportable: true, image: false },
    { id: 'EV-2026-WSRABAT03-000002', kind: 'intake_original', reportId: R3, label: null, size: 10, exportable: true, image: false },
    { id: 'EV-2026-WSRABAT03-000003', kind: 'imported_file', reportId: null, label: 'capture.png', size: 10, exportable: true, image: true },
  ],
  supervisors: [{ id: 'sup-1', name: 'Superviseur' }],
  nextVersion: 1,
  jurisdictionConfirmed: true,
};

test('defaults: every report and evidence item, the notes marked for the dossier without the summary, Arabic, nothing identifying', () => {
  const draft = initialDraft(CHOICES);
  const options = draftOptions(REF, CHOICES, draft);
  assert.equal(options.lang, 'ar');
  assert.deepEqual(options.reportIds, [R1, R2, R3]);
  assert.deepEqual(options.noteIds, [2, 4]);
  assert.deepEqual(options.evidenceIds, CHOICES.evidence.map((e) => e.id));
  assert.deepEqual(options.identities, []);
  assert.equal(options.thumbnails, false);
  assert.equal(options.supervisorId, null);
  assert.equal(draftBlocker(draft), null);
  assert.equal(offeredNotes(CHOICES, draft).summary?.id, 1);
  // What the screen sends passes the contract as it is.
  assert.ok(DossierOptions.safeParse(options).success);
});

test('unticking a report drops its notes, evidence and identity; the case’s own stay', () => {
  let draft = initialDraft(CHOICES);
  draft = { ...draft, identities: new Map([[R3, 'Demande du parquet de Rabat']]) };
  assert.deepEqual(draftOptions(REF, CHOICES, draft).identities, [{ reportId: R3, reason: 'Demande du parquet de Rabat' }]);
  draft = { ...draft, reports: toggled(draft.reports, R3, false) };
  const options = draftOptions(REF, CHOICES, draft);
  assert.deepEqual(options.reportIds, [R1, R2]);
  assert.deepEqual(options.noteIds, [2]);
  assert.deepEqual(options.evidenceIds, ['EV-2026-WSRABAT03-000001', 'EV-2026-WSRABAT03-000003']);
  assert.deepEqual(options.identities, []);
  assert.deepEqual(offeredNotes(CHOICES, draft).others.map((n) => n.id), [2, 3]);
  assert.deepEqual(offeredEvidence(CHOICES, draft).map((e) => e.id), ['EV-2026-WSRABAT03-000001', 'EV-2026-WSRABAT03-000003']);
  // Ticked again, the report's items come back as they were left.
  draft = { ...draft, reports: toggled(draft.reports, R3, true) };
  assert.deepEqual(draftOptions(REF, CHOICES, draft).noteIds, [2, 4]);
});

test('an identity needs a reason by the contract’s rule; an anonymous report never sends one; no report blocks', () => {
  let draft = initialDraft(CHOICES);
  draft = { ...draft, identities: new Map([[R1, '']]) };
  assert.deepEqual([...identityProblems(draft)], [R1]);
  assert.equal(draftBlocker(draft), 'identity_reason');
  for (const bad of ['', '  ', '.....', 'a1', '12345 6789']) {
    draft = { ...draft, identities: new Map([[R1, bad]]) };
    assert.equal(draftBlocker(draft), 'identity_reason', JSON.stringify(bad));
  }
  draft = { ...draft, identities: new Map([[R1, '  طلب النيابة العامة  ']]) };
  assert.equal(draftBlocker(draft), null);
  assert.deepEqual(draftOptions(REF, CHOICES, draft).identities, [{ reportId: R1, reason: 'طلب النيابة العامة' }]);
  // A tampered draft naming the anonymous report sends nothing for it.
  draft = { ...draft, identities: new Map([[R2, 'une raison valable']]) };
  assert.deepEqual(draftOptions(REF, CHOICES, draft).identities, []);
  assert.equal(draftBlocker({ ...draft, reports: new Set() }), 'no_report');
});

test('warnings in both languages; a code newer than the interface shown as it is', () => {
  for (const t of [makeTranslate('fr', fr), makeTranslate('ar', ar)]) {
    for (const code of ['no_summary', 'jurisdiction_unconfirmed', 'no_qualification', 'unverified_original', 'evidence_kept_in_store']) {
      const text = warningText(t, code);
      assert.ok(!text.includes(code) && !text.startsWith('dossier.'), `${code}: ${text}`);
    }
    assert.ok(warningText(t, 'brand_new_code').includes('brand_new_code'));
    assert.ok(warningText(t, 'unknown').includes('unknown'));
  }
});

test('an answer’s date: a real day, not in the future (Casablanca)', () => {
  const now = new Date('2026-06-10T23:30:00Z'); // already 11 June in Casablanca (UTC+1)
  assert.equal(todayInCasablanca(now), '2026-06-11');
  assert.ok(isAnswerDate('2026-06-11', now));
  assert.ok(isAnswerDate('2026-05-31', now));
  assert.ok(!isAnswerDate('2026-06-12', now));
  assert.ok(!isAnswerDate('2026-02-30', now));
  assert.ok(!isAnswerDate('11/06/2026', now));
  assert.ok(!isAnswerDate('', now));
});

test('the preview’s base64 back to bytes', () => {
  const bytes = Buffer.from('%PDF-1.7\n\u00ff\u0000', 'latin1');
  assert.deepEqual(Buffer.from(base64Bytes(bytes.toString('base64'))), bytes);
});

test('thumbnails only when an image may be shown: ticked, exportable, not of content never shown', () => {
  const withImages: DossierChoices = {
    ...CHOICES,
    evidence: [
      ...CHOICES.evidence,
      { id: 'EV-2026-WSRABAT03-000004', kind: 'attachment', reportId: R2, label: 'x.jpg', size: 10, exportable: false, image: true },
    ],
  };
  let draft = { ...initialDraft(withImages), thumbnails: true };
  assert.equal(canHaveThumbnails(withImages, draft), true, 'the imported capture of the case');
  assert.equal(draftOptions(REF, withImages, draft).thumbnails, true);
  draft = { ...draft, evidence: toggled(draft.evidence, 'EV-2026-WSRABAT03-000003', false) };
  // Only the image of the report whose content is never shown is left: no thumbnail, whatever was ticked.
  assert.equal(canHaveThumbnails(withImages, draft), false);
  assert.equal(draftOptions(REF, withImages, draft).thumbnails, false);
});
