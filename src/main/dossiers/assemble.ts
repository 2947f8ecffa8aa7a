/**
 * Gathers a referral dossier from the store: the case, the reports chosen
 * (with each identity the analyst included, and only those), the
 * observables, the online diagnostics, the notes marked for the dossier, the
 * evidence inventory with the bytes that go into the package, and the intake
 * original of every report (payload, signature and the intake key it was
 * checked with). The result is the template's model (model.ts) and the
 * package's pieces; nothing is written here.
 */
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import type { Bilingual } from '../../shared/cases.ts';
import type { DossierOptionsParsed } from '../../shared/dossiers.ts';
import type { EvidenceItem } from '../../shared/evidence.ts';
import type { OnlineDiagnostic } from '../../shared/diagnostics-online.ts';
import { labelsAr } from '../../shared/labels/domain.ar.ts';
import { labelsFr } from '../../shared/labels/domain.fr.ts';
import type { Profile } from '../../shared/schemas.ts';
import { NO_VIEW_CATEGORIES } from '../../shared/triage.ts';
import { caseObservables } from '../cases/observables.ts';
import { listNotes } from '../cases/notes.ts';
import { caseView } from '../cases/views.ts';
import { AppError } from '../errors.ts';
import { listEvidence } from '../evidence/evidence.ts';
import { itemBytes, originalSignature } from '../evidence/sources.ts';
import type { ReportPayload } from '../reports/payload.ts';
import type { Db } from '../store/database.ts';
import { deadlineMinutes, readTriageSettings } from '../triage/priority.ts';
import { isOpenReportStatus } from '../../shared/statuses.ts';
import type { DossierDiagnostic, DossierEvidence, DossierModel, DossierNote, DossierReport } from './model.ts';
import { UniqueNames } from './package/safe-name.ts';
import { readDossierSettings } from './settings.ts';

export interface Actor {
  db: Db;
  analyst: Profile;
}

/** A file of the package other than the PDF. */
export interface Piece {
  path: string;
  bytes: Uint8Array;
}

export interface Assembled {
  /** Everything but `piecesSha256` and `auditHead`, which the export fills in once the pieces are known. */
  model: Omit<DossierModel, 'piecesSha256' | 'auditHead'>;
  pieces: Piece[];
  caseId: number;
  caseStatus: string;
  /** The evidence items in the inventory (custody gets `included_in_dossier` for each on export). */
  evidenceIds: string[];
  reportIds: string[];
  identities: { reportId: string; reason: string }[];
  /** Things worth saying before export (codes the screens translate). */
  warnings: string[];
}

type Labels = Record<string, string>;
const LABELS: Record<'ar' | 'fr', Labels> = { fr: labelsFr, ar: labelsAr };

/**
 * A code's label in the dossier's language; a code the catalogue does not know is printed as the app shows it:
 * verbatim and said to be unknown, "bigo_live (plateforme inconnue)", never as if it were a word of the document.
 * No isolate marks around the code (the app's): the template isolates every value (`<bdi>`) and shows any bidi
 * control in a report's text as a visible mark.
 */
function codeLabel(lang: 'ar' | 'fr', kind: 'category' | 'platform' | 'channel' | 'region' | 'status', key: string, code: string): string {
  const known = LABELS[lang][key];
  if (known !== undefined) return known;
  const unknown = LABELS[lang][`label.unknown.${kind}`] ?? '{code}';
  return unknown.replace('{code}', code);
}

const ROLE: Record<'ar' | 'fr', Record<Profile['role'], string>> = {
  fr: { analyst: 'Analyste', supervisor: 'Superviseur' },
  ar: { analyst: 'محلل', supervisor: 'مشرف' },
};

/** Identity fields as intake gives them, in a stable order; the rest of the reporter object follows, verbatim. */
const IDENTITY_ORDER = ['full_name', 'national_id', 'email', 'phone', 'consent_to_contact'];

const YES_NO: Record<'ar' | 'fr', [string, string]> = { fr: ['oui', 'non'], ar: ['نعم', 'لا'] };

function identityFields(reporter: Record<string, unknown>, lang: 'ar' | 'fr'): { key: string; value: string }[] {
  const keys = [...IDENTITY_ORDER.filter((k) => k in reporter), ...Object.keys(reporter).filter((k) => k !== 'mode' && !IDENTITY_ORDER.includes(k)).sort()];
  return keys.map((key) => {
    const value = reporter[key];
    if (typeof value === 'boolean') return { key, value: YES_NO[lang][value ? 0 : 1] };
    return { key, value: typeof value === 'string' ? value : JSON.stringify(value) };
  });
}

interface ReportRow {
  id: string;
  status: string;
  payload: string;
  sig: string;
  revision: number;
  first_received: string;
  /** Set when the reporter identity was erased under retention: `payload` is no longer the signed original, `original_sha256` is its hash. */
  erased_at: string | null;
  original_sha256: string | null;
}

function caseReportRows(db: Db, caseId: number): ReportRow[] {
  return db
    .prepare(
      `SELECT r.id, r.status, v.payload, v.sig, r.revision, v.erased_at, v.original_sha256,
              (SELECT min(f.received_at) FROM report_revisions f WHERE f.report_id = r.id) AS first_received
         FROM case_reports cr JOIN reports r ON r.id = cr.report_id JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision
        WHERE cr.case_id = ? AND cr.removed_at IS NULL`,
    )
    .all(caseId) as ReportRow[];
}

/** Every item of the case and its reports, registering the sync-held originals and attachments first (as the evidence list does). */
export function allEvidence(actor: Actor, ref: string, now: Date): EvidenceItem[] {
  const items: EvidenceItem[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = listEvidence(actor, { caseRef: ref }, { offset, limit: 500 }, now);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

/** A small greyscale thumbnail, blurred again so that nothing identifiable survives: exposure-safe, from the decoder's preview pixels. */
export function thumbnailPng(grey: Buffer, width: number, height: number): Uint8Array {
  const scale = Math.min(1, 96 / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  let pixels = new Float64Array(w * h);
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) pixels[y * w + x] = grey[Math.min(height - 1, Math.floor(y / scale)) * width + Math.min(width - 1, Math.floor(x / scale))] ?? 0;
  }
  // Three passes of a 7×7 box blur approach a Gaussian blur wide enough to hide faces and text at this size.
  const radius = 3;
  for (let pass = 0; pass < 3; pass += 1) {
    for (const horizontal of [true, false]) {
      const out = new Float64Array(w * h);
      for (let y = 0; y < h; y += 1) {
        for (let x = 0; x < w; x += 1) {
          let sum = 0;
          let n = 0;
          for (let d = -radius; d <= radius; d += 1) {
            const xx = horizontal ? x + d : x;
            const yy = horizontal ? y : y + d;
            if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
            sum += pixels[yy * w + xx] ?? 0;
            n += 1;
          }
          out[y * w + x] = sum / n;
        }
      }
      pixels = out;
    }
  }
  const png = new PNG({ width: w, height: h, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(Array.from(pixels, (v) => Math.round(v)));
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

function attachmentPreview(db: Db, attachmentId: string): { grey: Buffer; width: number; height: number } | null {
  const row = db.prepare('SELECT preview, preview_width, preview_height FROM attachment_analysis WHERE attachment_id = ?').get(attachmentId) as
    | { preview: Buffer | null; preview_width: number | null; preview_height: number | null }
    | undefined;
  if (!row?.preview || !row.preview_width || !row.preview_height) return null;
  return { grey: row.preview, width: row.preview_width, height: row.preview_height };
}

/** The diagnostics of the chosen reports, and the case's own ones of URLs those reports name (the case's covers all its reports). */
function diagnosticsOf(db: Db, caseId: number, reportIds: readonly string[], shownUrls: ReadonlySet<string>): DossierDiagnostic[] {
  const rows = (
    db
      .prepare(
        `SELECT url, report_id, state, finished_at, result FROM online_diagnostics
          WHERE case_id = ? OR report_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      )
      .all(caseId, JSON.stringify(reportIds)) as { url: string; report_id: string | null; state: DossierDiagnostic['history'][number]['state']; finished_at: string; result: string }[]
  ).filter((row) => (row.report_id !== null ? reportIds.includes(row.report_id) : shownUrls.has(row.url)));
  const byUrl = new Map<string, typeof rows>();
  for (const row of rows) byUrl.set(row.url, [...(byUrl.get(row.url) ?? []), row]);
  return [...byUrl.entries()].map(([url, checks]) => {
    const last = JSON.parse((checks.at(-1) as (typeof rows)[number]).result) as OnlineDiagnostic;
    const resolved = last.dns.flatMap((d) => d.answers.filter((a) => a.type === 'A' || a.type === 'AAAA').flatMap((a) => a.records.map((r) => r.data)));
    const addresses = [...new Set([...last.redirects.map((h) => h.ip), ...resolved].filter((ip): ip is string => typeof ip === 'string' && ip.length > 0))];
    const evidenceIds = [last.evidence_id, last.warc?.evidence_id ?? null, last.tls?.evidence_id ?? null, ...last.dns.map((d) => d.evidence_id)].filter((id): id is string => typeof id === 'string');
    return {
      requestedUrl: url,
      finalUrl: last.final_url,
      outcome: last.failure ? last.failure.code : 'ok',
      status: last.status,
      redirects: last.redirects.map((h) => ({ url: h.url, status: h.status, location: h.location })),
      addresses,
      tls: last.tls ? { subject: last.tls.subject, issuer: last.tls.issuer, notAfter: last.tls.not_after, valid: last.tls.valid, fingerprintSha256: last.tls.fingerprint_sha256 } : null,
      bodySha256: last.body?.sha256 ?? null,
      startedAt: last.started_at,
      proxy: last.route,
      history: checks.map((c) => ({ at: c.finished_at, state: c.state })),
      evidenceIds,
    };
  });
}

function personOf(db: Db, id: string | null, lang: 'ar' | 'fr'): { name: string; role: string } | null {
  if (id === null) return null;
  const row = db.prepare('SELECT name, role FROM analysts WHERE id = ?').get(id) as { name: string; role: Profile['role'] } | undefined;
  return row ? { name: row.name, role: ROLE[lang][row.role] } : null;
}

const pick = (text: Bilingual, lang: 'ar' | 'fr') => text[lang];

/** The dossier as the options say, for `version`; throws INVALID_INPUT naming what the options get wrong. */
export function assembleDossier(actor: Actor, options: DossierOptionsParsed, version: number, now: Date, generator: { name: string; version: string }): Assembled {
  const { db, analyst } = actor;
  const lang = options.lang;
  const view = caseView(actor, options.ref, now.getTime());
  const caseId = db.prepare('SELECT id FROM cases WHERE ref = ?').pluck().get(options.ref) as number;
  const rows = new Map(caseReportRows(db, caseId).map((r) => [r.id, r]));

  const reportIds = options.reportIds ?? view.reportIds;
  const outside = reportIds.filter((id) => !rows.has(id));
  if (outside.length > 0) throw new AppError('INVALID_INPUT', `Not in case ${options.ref}: ${outside.slice(0, 5).join(', ')}.`);
  if (reportIds.length === 0) throw new AppError('INVALID_INPUT', 'A dossier needs at least one report.');
  const order = new Map(view.reportIds.map((id, i) => [id, i]));
  const chosen = [...new Set(reportIds)].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));

  const identities = new Map<string, string>();
  for (const { reportId, reason } of options.identities) {
    if (!chosen.includes(reportId)) throw new AppError('INVALID_INPUT', `The identity of ${reportId} can only be included with its report.`);
    const payload = JSON.parse((rows.get(reportId) as ReportRow).payload) as ReportPayload;
    if (payload.reporter.mode !== 'identified') throw new AppError('INVALID_INPUT', `${reportId} was reported anonymously: there is no identity to include.`);
    if ((rows.get(reportId) as ReportRow).erased_at !== null) throw new AppError('INVALID_INPUT', `The reporter identity of ${reportId} was erased under retention (law 09-08): there is no identity to include.`);
    identities.set(reportId, reason);
  }

  const { deadlines } = readTriageSettings(db);
  const evidence = allEvidence(actor, options.ref, now);
  const originals = new Map(evidence.filter((e) => e.kind === 'intake_original' && e.reportId !== null).map((e) => [e.reportId as string, e]));
  const pieces: Piece[] = [];

  const reports: DossierReport[] = chosen.map((id) => {
    const row = rows.get(id) as ReportRow;
    const payload = JSON.parse(row.payload) as ReportPayload;
    const neverShown = NO_VIEW_CATEGORIES.includes(payload.category);
    const deadlineMs = Date.parse(payload.submitted_at) + deadlineMinutes(deadlines, payload.category, payload.imminent_danger) * 60_000;
    const region = payload.reporter_location.region ?? null;
    const original = originals.get(id);
    const reason = identities.get(id);
    return {
      id,
      receivedAt: row.first_received,
      submittedAt: payload.submitted_at,
      category: payload.category,
      categoryLabel: codeLabel(lang, 'category', `report.category.${payload.category}`, payload.category),
      platform: payload.content.platform ? codeLabel(lang, 'platform', `platform.${payload.content.platform}`, payload.content.platform) : null,
      channel: codeLabel(lang, 'channel', `channel.${payload.channel}`, payload.channel),
      region,
      regionLabel: region ? codeLabel(lang, 'region', `region.${region}`, region) : null,
      status: codeLabel(lang, 'status', `report.status.${row.status}`, row.status),
      imminentDanger: payload.imminent_danger,
      deadline: isOpenReportStatus(row.status) ? new Date(deadlineMs).toISOString() : null,
      content: neverShown ? '' : payload.content.description,
      urls: neverShown ? [] : payload.content.urls,
      reporter: {
        mode: payload.reporter.mode,
        identity: reason === undefined ? null : { fields: identityFields(payload.reporter as Record<string, unknown>, lang), reason },
      },
      neverShown,
      intakeSignature: { evidenceId: original?.id ?? null, verified: original?.signature?.verified ?? false, keyFingerprint: original?.signature?.keyFingerprint ?? null },
    };
  });

  // The intake originals of the chosen reports, exactly as stored: payload, signature, and the key they were checked with.
  // A signed payload cannot be redacted and still verify, and it holds the whole reporter block and the content: it
  // goes into the package only when nothing in it is withheld from the PDF. An identified reporter whose identity was
  // not included, or content never shown (child sexual exploitation), keeps its payload in the encrypted store; the
  // package carries its SHA-256, its signature and the key, which prove it the day it is produced.
  const withheld = new Set(
    chosen.filter((id) => {
      const row = rows.get(id) as ReportRow;
      const payload = JSON.parse(row.payload) as ReportPayload;
      // An original erased under retention is no longer the signed bytes: the package carries its SHA-256 and signature only.
      return row.erased_at !== null || NO_VIEW_CATEGORIES.includes(payload.category) || (payload.reporter.mode === 'identified' && !identities.has(id));
    }),
  );
  for (const id of chosen) {
    const row = rows.get(id) as ReportRow;
    const original = originals.get(id);
    const method = original ? evidenceMethod(db, original.id) : {};
    const keyPem = typeof method['intakeKeyPem'] === 'string' ? method['intakeKeyPem'] : null;
    const originalSha256 = row.original_sha256 ?? createHash('sha256').update(row.payload, 'utf8').digest('hex');
    if (withheld.has(id)) pieces.push({ path: `originals/${id}/payload.sha256`, bytes: Buffer.from(`${originalSha256}  payload.json\n`, 'utf8') });
    else pieces.push({ path: `originals/${id}/payload.json`, bytes: Buffer.from(row.payload, 'utf8') });
    pieces.push({ path: `originals/${id}/signature.b64`, bytes: Buffer.from(`${row.sig}\n`, 'utf8') });
    if (keyPem !== null) pieces.push({ path: `originals/${id}/intake-key.pem`, bytes: Buffer.from(keyPem.endsWith('\n') ? keyPem : `${keyPem}\n`, 'utf8') });
  }

  const chosenSet = new Set(chosen);
  const inCase = evidence.filter((e) => e.reportId === null || chosenSet.has(e.reportId));
  const wanted = options.evidenceIds ? new Set(options.evidenceIds) : null;
  if (wanted) {
    const known = new Set(inCase.map((e) => e.id));
    const unknown = [...wanted].filter((id) => !known.has(id));
    if (unknown.length > 0) throw new AppError('INVALID_INPUT', `Not evidence of this case's chosen reports: ${unknown.slice(0, 5).join(', ')}.`);
  }
  const neverShownReports = new Set(reports.filter((r) => r.neverShown).map((r) => r.id));
  const names = new UniqueNames();
  const dossierEvidence: DossierEvidence[] = [];
  for (const item of inCase) {
    if (wanted && !wanted.has(item.id)) continue;
    let packagePath: string | null = null;
    if (item.kind === 'intake_original') {
      const revision = item.sourceRef === null ? null : /#(\d+)$/.exec(item.sourceRef)?.[1];
      const current = rows.get(item.reportId ?? '')?.revision;
      if (withheld.has(item.reportId ?? '')) {
        packagePath = null;
      } else if (revision !== undefined && revision !== null && Number(revision) !== current) {
        // An earlier revision's original: its payload and signature beside the current one's (the same intake key file).
        const bytes = itemBytes(db, { id: item.id, kind: item.kind, source_ref: item.sourceRef });
        if (bytes === null) throw new AppError('CONFLICT', `The bytes of ${item.id} are no longer in the store: run evidence verify.`);
        packagePath = `originals/${item.reportId}/payload-r${revision}.json`;
        pieces.push({ path: packagePath, bytes });
        pieces.push({ path: `originals/${item.reportId}/signature-r${revision}.b64`, bytes: Buffer.from(`${originalSignature(db, item.sourceRef as string) ?? ''}\n`, 'utf8') });
      } else {
        packagePath = `originals/${item.reportId}/payload.json`;
      }
    } else if (item.exportable) {
      const bytes = itemBytes(db, { id: item.id, kind: item.kind, source_ref: item.sourceRef });
      if (bytes === null) throw new AppError('CONFLICT', `The bytes of ${item.id} are no longer in the store: run evidence verify.`);
      packagePath = `evidence/${names.take(`${item.id}-${item.label ?? item.kind}`)}`;
      pieces.push({ path: packagePath, bytes });
    }
    let thumbnail: Uint8Array | null = null;
    if (options.thumbnails && item.kind === 'attachment' && item.sourceRef !== null && item.exportable && !(item.reportId !== null && neverShownReports.has(item.reportId))) {
      const preview = attachmentPreview(db, item.sourceRef);
      if (preview) thumbnail = thumbnailPng(preview.grey, preview.width, preview.height);
    }
    dossierEvidence.push({
      id: item.id,
      kind: item.kind,
      reportId: item.reportId,
      label: item.label,
      mediaType: item.mediaType,
      size: item.size,
      sha256: item.sha256,
      acquiredAt: item.acquiredAt,
      acquiredBy: item.acquiredByName,
      packagePath,
      thumbnailPng: thumbnail,
      signature: item.signature ? { verified: item.signature.verified, keyFingerprint: item.signature.keyFingerprint } : null,
    });
  }

  const notes: DossierNote[] = [];
  const caseNotes = listNotes(actor, { caseRef: options.ref }, false);
  const reportNotes = chosen.flatMap((id) => listNotes(actor, { reportId: id }, false));
  const allNotes = [...caseNotes, ...reportNotes].filter((n) => !n.summary);
  const noteIds = options.noteIds ? new Set(options.noteIds) : null;
  if (noteIds) {
    const known = new Set(allNotes.map((n) => n.id));
    const unknown = [...noteIds].filter((id) => !known.has(id));
    if (unknown.length > 0) throw new AppError('INVALID_INPUT', `Not notes of this case or its chosen reports: ${unknown.slice(0, 5).join(', ')}.`);
  }
  for (const note of allNotes) {
    if (noteIds ? !noteIds.has(note.id) : !note.forDossier) continue;
    notes.push({ author: note.author, createdAt: note.createdAt, updatedAt: note.updatedAt, markdown: note.text, reportId: note.reportId });
  }

  // Only what the chosen reports show (or the analysts added by hand): nothing of a report left out, nothing of
  // content never shown (a child-exploitation report's URLs would otherwise come back through its observables).
  const shownReports = chosen.filter((id) => !neverShownReports.has(id));
  const shownObservables = new Set<number>([
    ...(db.prepare('SELECT observable_id FROM case_observables WHERE case_id = ?').pluck().all(caseId) as number[]),
    ...(db
      .prepare('SELECT j.value FROM reports r, json_each(coalesce(r.observable_ids, \'[]\')) j WHERE r.id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify(shownReports)) as number[]),
  ]);
  const observables = caseObservables(actor, options.ref)
    .filter((o) => shownObservables.has(o.id))
    .map((o) => ({ type: o.type, value: o.value, reports: o.seenInReports, verdict: o.verdict === 'unknown' ? null : o.verdict }));
  const settings = readDossierSettings(db);
  const jurisdiction = view.jurisdiction;
  const supervisor = options.supervisorId === null ? null : personOf(db, options.supervisorId, lang);
  if (options.supervisorId !== null && supervisor === null) throw new AppError('INVALID_INPUT', `No profile ${options.supervisorId}.`);

  const openDeadlines = reports.map((r) => r.deadline).filter((d): d is string => d !== null).sort();
  const warnings: string[] = [];
  if (view.summary === null) warnings.push('no_summary');
  if (jurisdiction === null) warnings.push('jurisdiction_unconfirmed');
  if (view.qualificationEntries.length === 0) warnings.push('no_qualification');
  if (reports.some((r) => !r.intakeSignature.verified)) warnings.push('unverified_original');
  if (dossierEvidence.some((e) => e.packagePath === null)) warnings.push('evidence_kept_in_store');

  return {
    model: {
      lang,
      caseRef: options.ref,
      version,
      title: view.title,
      createdAt: now.toISOString(),
      classification: pick(settings.classification, lang),
      issuingService: pick(settings.issuingService, lang),
      addressee: {
        policeService: jurisdiction?.policeService ?? null,
        prosecutor: jurisdiction?.prosecutor ?? null,
        court: jurisdiction?.court ?? null,
        courtOfAppeal: jurisdiction?.courtOfAppeal ?? null,
        inferred: jurisdiction?.inferred ?? false,
        confirmed: jurisdiction !== null,
      },
      analyst: { name: analyst.name, role: ROLE[lang][analyst.role] },
      supervisor,
      summary: view.summary?.text ?? null,
      qualifications: view.qualificationEntries.map((q) => ({ code: q.code, articles: q.articles, label: lang === 'ar' ? q.labelAr : q.labelFr })),
      qualificationNote: pick(view.qualificationNote, lang),
      urgency: { imminentDanger: reports.some((r) => r.imminentDanger), earliestDeadline: openDeadlines[0] ?? null, overdue: openDeadlines.length > 0 && Date.parse(openDeadlines[0] as string) < now.getTime() },
      reports,
      observables,
      diagnostics: diagnosticsOf(db, caseId, shownReports, new Set(reports.flatMap((r) => r.urls))),
      notes,
      evidence: dossierEvidence,
      generator,
    },
    pieces,
    caseId,
    caseStatus: view.status,
    evidenceIds: dossierEvidence.map((e) => e.id),
    reportIds: chosen,
    identities: [...identities.entries()].map(([reportId, reason]) => ({ reportId, reason })),
    warnings,
  };
}

function evidenceMethod(db: Db, id: string): Record<string, unknown> {
  const method = db.prepare('SELECT method FROM evidence_items WHERE id = ?').pluck().get(id) as string | undefined;
  return method === undefined ? {} : (JSON.parse(method) as Record<string, unknown>);
}

