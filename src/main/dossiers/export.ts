/**
 * The referral dossier's export: gather (assemble.ts), compute the package's
 * pieces digest, render the PDF from the template (dossiers/document, through
 * Chromium: printToPDF in the app, the system Chromium under plain Node), sign
 * it (PAdES, dossiers/signing), seal the package (manifest signed with the
 * workstation's Ed25519 key, dossiers/package), then record the version, the
 * custody of every item included, the audit events and the timeline, and refer
 * the case and its reports (through the outbox, with the dossier reference).
 *
 * The preview runs the same path up to the PDF, unsigned, and writes nothing.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DossierOptions, type DossierOptionsParsed, type DossierPreview, type ExportedDossier } from '../../shared/dossiers.ts';
import { auditHead, recordAudit } from '../audit/audit.ts';
import { addEvent, referReports, setCaseStatus, type StatusEffect } from '../cases/cases.ts';
import { visibleCase } from '../cases/access.ts';
import { AppError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import { appendCustody } from '../evidence/store.ts';
import { CONFIRM_REFERRAL, refuseHeldElsewhere } from '../reports/status.ts';
import { readIntakeConfig } from '../settings/intake-config.ts';
import { sha256 } from '../evidence/hashes.ts';
import { assembleDossier, type Actor, type Assembled } from './assemble.ts';
import type { DossierPdfRenderer } from './document/render.ts';
import { renderDossierHtml } from './document/template.ts';
import type { DossierModel } from './model.ts';
import { nextVersion } from './history.ts';
import { MANIFEST_NAME, SIGNATURE_NAME } from './package/manifest.ts';
import { abandonPackage, completePackage, PackageError, piecesDigest, stagePackage, sweepCrashLeftovers, type PackageStage, type WrittenPackage } from './package/write.ts';
import { manifestSigningKey, pdfSigningIdentity, signPdf } from './signing/index.ts';

/** Turns the template's HTML into a PDF: the Electron shell's printToPDF, or the system Chromium under plain Node. */
export type RenderPdf = DossierPdfRenderer;

export interface ExportDeps {
  renderPdf: RenderPdf;
  /** Gets the renderer's next page ready ahead of a render, without waiting (optional). */
  preparePdf?: (() => void) | undefined;
  generator: { name: string; version: string };
  /** Told how long each step took (the benchmark's breakdown). */
  onPhase?: (phase: 'assemble' | 'html' | 'pdf' | 'sign' | 'package' | 'record', ms: number) => void;
}

/** Runs `step`, telling `deps.onPhase` how long it took. */
async function phase<T>(deps: ExportDeps, name: Parameters<NonNullable<ExportDeps['onPhase']>>[0], step: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await step();
  } finally {
    deps.onPhase?.(name, performance.now() - start);
  }
}

/** Export is for a case ready for referral, or already referred (a new version). */
const EXPORTABLE = new Set(['ready', 'referred']);

export function canExport(status: string): boolean {
  return EXPORTABLE.has(status);
}

/** The audit chain's head when the package is sealed (the export's own entries follow it); null for an empty journal. */
function exportAuditHead(db: Db): { index: number; hash: string } | null {
  const head = auditHead(db);
  return head.index === 0 ? null : { index: head.index, hash: head.hash };
}

function dossierReference(ref: string, version: number): string {
  return `${ref}/v${version}`;
}

/** The folder and PDF names of a version: `DOS-2026-WSRABAT03-00012-v2`. */
export function versionName(ref: string, version: number): string {
  return `${ref}-v${version}`;
}

async function render(assembled: Assembled, deps: ExportDeps, whilePrinting?: () => void): Promise<{ model: DossierModel; pdf: Uint8Array; pages: number; piecesSha256: string }> {
  const piecesSha256 = piecesDigest(assembled.pieces);
  const model: DossierModel = { ...assembled.model, piecesSha256, auditHead: null };
  const document = await phase(deps, 'html', () => renderDossierHtml(model));
  let rendered: { pdf: Uint8Array; pages: number };
  try {
    rendered = await phase(deps, 'pdf', () => deps.renderPdf(document, whilePrinting ? { whilePrinting } : undefined));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('RENDER_FAILED', `The dossier could not be rendered: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { model, pdf: rendered.pdf, pages: rendered.pages, piecesSha256 };
}

/** The PDF as it would be exported, unsigned; nothing is recorded or written. */
export async function previewDossier(actor: Actor, input: DossierOptionsParsed, deps: ExportDeps, now: Date): Promise<DossierPreview> {
  const caseId = visibleCase(actor.db, actor.analyst, input.ref).id;
  const assembled = assembleDossier(actor, input, nextVersion(actor, caseId), now, deps.generator);
  const { pdf, pages } = await render(assembled, deps);
  return { pdfBase64: Buffer.from(pdf).toString('base64'), pages, warnings: assembled.warnings };
}

export interface ExportRequest {
  options: DossierOptions;
  /** The folder the version's package folder (and zip) goes into. */
  outDir: string;
  zip: boolean;
}

/**
 * Renders, signs and seals a new version into `outDir`, then records it. The files are written first and removed
 * again if recording fails, so a version exists in the store only with its package, and the reverse.
 */
export async function exportDossier(actor: Actor, request: ExportRequest, deps: ExportDeps, now: Date): Promise<{ result: ExportedDossier; effect: StatusEffect | null }> {
  const { db, analyst } = actor;
  const options = DossierOptions.parse(request.options);
  const row = visibleCase(db, analyst, options.ref);
  if (!canExport(row.status)) throw new AppError('CONFLICT', `Case ${options.ref} is ${row.status}: mark it ready for referral before exporting its dossier.`);
  const config = readIntakeConfig(db);
  if (!config) throw new AppError('INTAKE_NOT_CONFIGURED', 'No intake service is configured: the referral could not be sent back.');
  const version = nextVersion(actor, row.id);
  const name = versionName(options.ref, version);
  const packageDir = join(request.outDir, name);
  const zipPath = request.zip ? `${packageDir}.zip` : null;
  // A crash during an earlier export of this version left its staging files and an empty reservation: clear them.
  sweepCrashLeftovers(packageDir, true);
  if (existsSync(packageDir) || (zipPath !== null && existsSync(zipPath))) throw new AppError('CONFLICT', `${packageDir} already exists: choose another folder or move it away.`);

  // The renderer starts (or readies its next page) while the dossier is assembled: a browser launched by this
  // export spends its start-up on the other core, not after the HTML is written.
  deps.preparePdf?.();
  const assembled = await phase(deps, 'assemble', () => assembleDossier(actor, options, version, now, deps.generator));
  // Exporting refers the reports: one another workstation has in analysis is referred only once the analyst was told
  // and confirmed, as for any status set on it (reports/handlers.ts).
  if (!options.takeOver) refuseHeldElsewhere(db, assembled.reportIds, config.workstationId, "the dossier's reports", CONFIRM_REFERRAL);
  // The evidence files and originals are written into the package's staging folder (and compressed for its zip)
  // while Chromium prints, when this thread would only wait; a renderer that offers no print time gets them after.
  const staging: { stage: PackageStage | null; error: unknown } = { stage: null, error: null };
  const stageNow = (): void => {
    if (staging.stage !== null || staging.error !== null) return;
    try {
      staging.stage = stagePackage({ dir: packageDir, zip: request.zip, pdfName: `${name}.pdf`, pieces: assembled.pieces });
    } catch (error) {
      staging.error = error instanceof PackageError ? new AppError('CONFLICT', error.message, { cause: error }) : error;
    }
  };
  let rendered: Awaited<ReturnType<typeof render>>;
  let identity: Awaited<ReturnType<typeof pdfSigningIdentity>>;
  let signed: Uint8Array;
  let manifestKey: ReturnType<typeof manifestSigningKey>;
  let stage: PackageStage;
  try {
    rendered = await render(assembled, deps, stageNow);
    stageNow();
    if (staging.stage === null) throw staging.error;
    stage = staging.stage;
    identity = await pdfSigningIdentity(db, analyst.id, now);
    const by = identity;
    const pdf = rendered.pdf;
    signed = await phase(deps, 'sign', () =>
      signPdf(pdf, by, {
        name: analyst.name,
        reason: `Dossier de transmission ${dossierReference(options.ref, version)}`,
        location: rendered.model.issuingService,
        signingTime: now,
      }),
    );
    manifestKey = manifestSigningKey(db, analyst.id, now);
  } catch (error) {
    if (staging.stage !== null) abandonPackage(staging.stage);
    throw error;
  }
  let written: WrittenPackage;
  const packageStart = performance.now();
  try {
    written = completePackage(stage, {
      pdf: signed,
      fields: {
        case_ref: options.ref,
        version,
        reference: dossierReference(options.ref, version),
        lang: options.lang,
        created_at: now.toISOString(),
        analyst: analyst.name,
        workstation: config.workstationId,
        generator: `${deps.generator.name} ${deps.generator.version}`,
        audit_head: exportAuditHead(db),
        pdf_signer: identity.fingerprint,
      },
      signer: manifestKey,
    });
  } catch (error) {
    if (error instanceof PackageError) throw new AppError('CONFLICT', error.message, { cause: error });
    throw error;
  }
  deps.onPhase?.('package', performance.now() - packageStart);
  if (written.piecesSha256 !== rendered.piecesSha256) {
    removeOutputs(packageDir, zipPath);
    throw new AppError('INTERNAL', 'The package does not hold the pieces the PDF names: nothing was exported.');
  }

  try {
    const manifest = readFileSync(join(packageDir, MANIFEST_NAME));
    const manifestSig = readFileSync(join(packageDir, SIGNATURE_NAME));
    const recordStart = performance.now();
    const effect = record(actor, { options, assembled, version, pages: rendered.pages, signed, written, manifest, manifestSig, packageDir, zipPath, pdfSigner: identity.fingerprint, manifestSigner: manifestKey.fingerprint }, now);
    deps.onPhase?.('record', performance.now() - recordStart);
    return {
      result: {
        ref: options.ref,
        version,
        reference: dossierReference(options.ref, version),
        pdf: join(packageDir, `${name}.pdf`),
        package: packageDir,
        zip: zipPath,
        pages: rendered.pages,
        manifest_sha256: written.manifestSha256,
        files: written.files.length,
      },
      effect,
    };
  } catch (error) {
    removeOutputs(packageDir, zipPath);
    throw error;
  }
}

function removeOutputs(packageDir: string, zipPath: string | null): void {
  rmSync(packageDir, { recursive: true, force: true });
  if (zipPath !== null) rmSync(zipPath, { force: true });
}

interface Recorded {
  options: DossierOptionsParsed;
  assembled: Assembled;
  version: number;
  pages: number;
  signed: Uint8Array;
  written: WrittenPackage;
  manifest: Buffer;
  manifestSig: Buffer;
  packageDir: string;
  zipPath: string | null;
  pdfSigner: string;
  manifestSigner: string;
}

function record(actor: Actor, r: Recorded, now: Date): StatusEffect | null {
  const { db, analyst } = actor;
  const reference = dossierReference(r.options.ref, r.version);
  return db.transaction((): StatusEffect | null => {
    const caseRow = visibleCase(db, analyst, r.options.ref);
    db.prepare(
      `INSERT INTO dossiers (case_id, version, reference, lang, created_at, created_by, pages, pdf, pdf_sha256, manifest, manifest_sig, manifest_sha256, pieces_sha256,
                             pdf_signer, manifest_signer, package_dir, zip_path, included)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      caseRow.id,
      r.version,
      reference,
      r.options.lang,
      now.toISOString(),
      analyst.id,
      r.pages,
      Buffer.from(r.signed),
      sha256(r.signed),
      r.manifest,
      r.manifestSig,
      r.written.manifestSha256,
      r.written.piecesSha256,
      r.pdfSigner,
      r.manifestSigner,
      r.packageDir,
      r.zipPath,
      JSON.stringify({
        reports: r.assembled.reportIds,
        evidence: r.assembled.evidenceIds,
        notes: r.options.noteIds ?? null,
        identities: r.assembled.identities,
        thumbnails: r.options.thumbnails,
      }),
    );
    const paths = new Map(r.assembled.model.evidence.map((e) => [e.id, e.packagePath]));
    for (const id of r.assembled.evidenceIds) appendCustody(db, id, 'included_in_dossier', analyst.id, { dossier: reference, path: paths.get(id) ?? null }, now);
    addEvent(
      db,
      caseRow.id,
      analyst.id,
      'dossier_exported',
      { version: r.version, reference, count: r.assembled.reportIds.length, identities: r.assembled.identities.length, manifest: r.written.manifestSha256 },
      now,
    );
    recordAudit(db, analyst.id, 'dossier.exported', { ref: r.options.ref, version: r.version, lang: r.options.lang, manifestSha256: r.written.manifestSha256, reports: r.assembled.reportIds.length, packageDir: r.packageDir }, now);
    for (const { reportId, reason } of r.assembled.identities) {
      addEvent(db, caseRow.id, analyst.id, 'identity_included', { reportId, reason, version: r.version }, now);
      recordAudit(db, analyst.id, 'dossier.identity_included', { ref: r.options.ref, version: r.version, reportId, reason }, now);
    }
    // The case becomes referred (from ready); a new version of a referred case refers the reports added since. Reports
    // held elsewhere were refused before the render unless taken over: a claim landing during the render is overridden.
    const referral = { reference, reportIds: r.assembled.reportIds, takeOver: true };
    if (caseRow.status !== 'referred') return setCaseStatus(actor, r.options.ref, 'referred', undefined, now, referral);
    return referReports(actor, caseRow.id, reference, r.assembled.reportIds, true);
  })();
}
