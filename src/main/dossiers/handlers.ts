/** The dossiers fragment's channels (shared/contract/dossiers.ts): preview, export, referral history, answers, settings. */
import type { HandlersOf } from '../../shared/contract.ts';
import type { dossiersChannels } from '../../shared/contract/dossiers.ts';
import type { DossierChoices } from '../../shared/dossiers.ts';
import { NO_VIEW_CATEGORIES } from '../../shared/triage.ts';
import { recordAudit } from '../audit/audit.ts';
import { listNotes } from '../cases/notes.ts';
import { caseView } from '../cases/views.ts';
import type { StatusEffect } from '../cases/cases.ts';
import { AppError } from '../errors.ts';
import { listProfiles } from '../session/analyst-rows.ts';
import type { Session } from '../session/session.ts';
import { allEvidence, type Actor } from './assemble.ts';
import { canExport, exportDossier, previewDossier, type ExportDeps } from './export.ts';
import { nextVersion, recordAnswer, referralHistory, referralOverview } from './history.ts';
import { readDossierSettings, writeDossierSettings } from './settings.ts';

export interface DossiersHandlerDeps extends ExportDeps {
  session: Session;
  now: () => number;
  /** Reports referred by an export: the queue shows it at once, and the outbox is pushed. */
  statusesSet(effect: StatusEffect): void;
}

const IMAGE = /^image\/(png|jpeg|gif|webp)$/;

function choices(actor: Actor, ref: string, nowMs: number): DossierChoices {
  const { db } = actor;
  const view = caseView(actor, ref, nowMs);
  const caseId = db.prepare('SELECT id FROM cases WHERE ref = ?').pluck().get(ref) as number;
  const rows = (
    db
      .prepare(
        `SELECT r.id, r.category, r.reporter_mode, (SELECT min(v.received_at) FROM report_revisions v WHERE v.report_id = r.id) AS received_at
           FROM case_reports cr JOIN reports r ON r.id = cr.report_id WHERE cr.case_id = ? AND cr.removed_at IS NULL`,
      )
      .all(caseId) as { id: string; category: string; reporter_mode: string; received_at: string }[]
  );
  // The case view lists its reports another workstation has in analysis.
  const held = new Map(view.heldElsewhere.map((h) => [h.reportId, h.workstationId]));
  const reports = rows.map((r) => ({
    id: r.id,
    category: r.category,
    receivedAt: r.received_at,
    reporterMode: r.reporter_mode === 'identified' ? ('identified' as const) : ('anonymous' as const),
    neverShown: NO_VIEW_CATEGORIES.includes(r.category),
    heldBy: held.get(r.id) ?? null,
  }));
  const order = new Map(view.reportIds.map((id, i) => [id, i]));
  reports.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const notes = [...listNotes(actor, { caseRef: ref }, false), ...reports.flatMap((r) => listNotes(actor, { reportId: r.id }, false))].map((n) => ({
    id: n.id,
    author: n.author,
    createdAt: n.createdAt,
    forDossier: n.forDossier,
    summary: n.summary,
    reportId: n.reportId,
    excerpt: n.text.slice(0, 160),
  }));
  const evidence = allEvidence(actor, ref, new Date(nowMs));
  return {
    ref,
    status: view.status,
    canExport: canExport(view.status),
    reports,
    notes,
    evidence: evidence.map((e) => ({ id: e.id, kind: e.kind, reportId: e.reportId, label: e.label, size: e.size, exportable: e.exportable, image: IMAGE.test(e.mediaType) })),
    supervisors: listProfiles(db)
      .filter((p) => p.role === 'supervisor' && !p.disabled)
      .map((p) => ({ id: p.id, name: p.name })),
    nextVersion: nextVersion(actor, caseId),
    jurisdictionConfirmed: view.jurisdiction !== null,
  };
}

export function dossiersHandlers(deps: DossiersHandlerDeps): HandlersOf<typeof dossiersChannels> {
  const { session, now } = deps;
  const actor = () => session.unlocked();
  // One export at a time per case: a second click waits for nothing and is refused.
  const exporting = new Set<string>();

  return {
    'dossiers.choices': ({ ref }) => {
      const found = choices(actor(), ref, now());
      // The analyst is about to preview: the renderer gets its page ready meanwhile.
      deps.preparePdf?.();
      return found;
    },
    'dossiers.preview': (options) => previewDossier(actor(), options, deps, new Date(now())),
    'dossiers.export': async (options) => {
      if (exporting.has(options.ref)) throw new AppError('CONFLICT', `A dossier of ${options.ref} is being exported.`);
      exporting.add(options.ref);
      try {
        const a = actor();
        const { exportDir } = readDossierSettings(a.db);
        const { result, effect } = await exportDossier(a, { options, outDir: exportDir, zip: true }, deps, new Date(now()));
        if (effect) deps.statusesSet(effect);
        return result;
      } finally {
        exporting.delete(options.ref);
      }
    },
    'dossiers.history': ({ ref }) => referralHistory(actor(), ref, now()),
    'dossiers.answer': (input) => recordAnswer(actor(), input, new Date(now())),
    'dossiers.overview': () => referralOverview(actor(), now()),
    'dossiers.settings': () => readDossierSettings(actor().db),
    'dossiers.updateSettings': (settings) => {
      const { db, analyst } = session.requireSupervisor();
      return db.transaction(() => {
        const saved = writeDossierSettings(db, settings, analyst.id, new Date(now()));
        recordAudit(db, analyst.id, 'dossier.settings_updated', { answerDays: saved.answerDays, exportDir: saved.exportDir, classificationFr: saved.classification.fr }, new Date(now()));
        return saved;
      })();
    },
  };
}
