/**
 * A case's referral history: every dossier version exported (kept, never
 * changed), the answers that came back from the police or the prosecutor,
 * and the follow-up: a referral with no answer after the setting's days is
 * flagged, and the dashboard counts referred / answered / waiting.
 */
import type { AnswerInput, DossierAnswer, DossierVersion, ReferralHistory, ReferralOverview } from '../../shared/dossiers.ts';
import { recordAudit } from '../audit/audit.ts';
import { visibilityParams, visibleCase, VISIBLE_CASE } from '../cases/access.ts';
import { addEvent } from '../cases/cases.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './assemble.ts';
import { readDossierSettings } from './settings.ts';

const DAY_MS = 86_400_000;

interface VersionRow {
  version: number;
  reference: string;
  lang: 'ar' | 'fr';
  created_at: string;
  created_by: string | null;
  pages: number;
  pdf_sha256: string;
  manifest_sha256: string;
  pieces_sha256: string;
  pdf_signer: string;
  manifest_signer: string;
  package_dir: string;
  zip_path: string | null;
  included: string;
}

interface Included {
  reports: string[];
  evidence: string[];
  notes: number[];
  identities: { reportId: string; reason: string }[];
  thumbnails: boolean;
}

function toVersion(row: VersionRow): DossierVersion {
  const included = JSON.parse(row.included) as Included;
  return {
    version: row.version,
    reference: row.reference,
    lang: row.lang,
    createdAt: row.created_at,
    createdBy: row.created_by,
    pages: row.pages,
    pdfSha256: row.pdf_sha256,
    manifestSha256: row.manifest_sha256,
    piecesSha256: row.pieces_sha256,
    pdfSigner: row.pdf_signer,
    manifestSigner: row.manifest_signer,
    packageDir: row.package_dir,
    zipPath: row.zip_path,
    reports: included.reports.length,
    evidence: included.evidence.length,
    identities: included.identities,
  };
}

type AnswerRow = { id: number; version: number; decision: DossierAnswer['decision']; answered_on: string; reference: string | null; text: string | null; recorded_at: string; recorded_by: string | null };

function toAnswer(row: AnswerRow): DossierAnswer {
  return { id: row.id, version: row.version, decision: row.decision, date: row.answered_on, reference: row.reference, text: row.text, recordedAt: row.recorded_at, recordedBy: row.recorded_by };
}

/** The next version number of a case's dossier. */
export function nextVersion(actor: Actor, caseId: number): number {
  return ((actor.db.prepare('SELECT max(version) FROM dossiers WHERE case_id = ?').pluck().get(caseId) as number | null) ?? 0) + 1;
}

export function referralHistory(actor: Actor, ref: string, nowMs: number): ReferralHistory {
  const { db, analyst } = actor;
  const row = visibleCase(db, analyst, ref);
  const versions = (
    db
      .prepare(
        `SELECT d.version, d.reference, d.lang, d.created_at, a.name AS created_by, d.pages, d.pdf_sha256, d.manifest_sha256, d.pieces_sha256,
                d.pdf_signer, d.manifest_signer, d.package_dir, d.zip_path, d.included
           FROM dossiers d LEFT JOIN analysts a ON a.id = d.created_by WHERE d.case_id = ? ORDER BY d.version`,
      )
      .all(row.id) as VersionRow[]
  ).map(toVersion);
  const answers = (
    db
      .prepare(
        `SELECT x.id, x.version, x.decision, x.answered_on, x.reference, x.text, x.recorded_at, a.name AS recorded_by
           FROM dossier_answers x LEFT JOIN analysts a ON a.id = x.recorded_by WHERE x.case_id = ? ORDER BY x.id`,
      )
      .all(row.id) as AnswerRow[]
  ).map(toAnswer);
  const latest = versions.at(-1);
  const answered = latest !== undefined && answers.some((a) => a.version === latest.version);
  const waitingDays = latest === undefined || answered ? null : Math.floor((nowMs - Date.parse(latest.createdAt)) / DAY_MS);
  const { answerDays } = readDossierSettings(db);
  return { ref, versions, answers, waitingDays, awaitingOverdue: waitingDays !== null && waitingDays >= answerDays };
}

/** Records what the police or the prosecutor answered to the latest version; on the timeline and in the audit journal. */
export function recordAnswer(actor: Actor, input: AnswerInput, now: Date): DossierAnswer {
  const { db, analyst } = actor;
  const day = new Date(`${input.date}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== input.date) throw new AppError('INVALID_INPUT', `${input.date} is not a date.`);
  return db.transaction(() => {
    const row = visibleCase(db, analyst, input.ref);
    const latest = db.prepare('SELECT version, created_at FROM dossiers WHERE case_id = ? ORDER BY version DESC LIMIT 1').get(row.id) as { version: number; created_at: string } | undefined;
    if (!latest) throw new AppError('CONFLICT', `No dossier of ${input.ref} was exported: there is nothing to answer.`);
    if (input.date < latest.created_at.slice(0, 10)) throw new AppError('INVALID_INPUT', `The answer (${input.date}) cannot predate the referral (${latest.created_at.slice(0, 10)}).`);
    if (day.getTime() > now.getTime() + DAY_MS) throw new AppError('INVALID_INPUT', `The answer's date (${input.date}) is in the future.`);
    const id = Number(
      db
        .prepare('INSERT INTO dossier_answers (case_id, version, decision, answered_on, reference, text, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(row.id, latest.version, input.decision, input.date, input.reference ?? null, input.text ?? null, now.toISOString(), analyst.id).lastInsertRowid,
    );
    addEvent(db, row.id, analyst.id, 'dossier_answered', { version: latest.version, decision: input.decision, date: input.date, reference: input.reference ?? null }, now);
    recordAudit(db, analyst.id, 'dossier.answered', { ref: input.ref, version: latest.version, decision: input.decision, date: input.date }, now);
    const answer = db
      .prepare('SELECT x.id, x.version, x.decision, x.answered_on, x.reference, x.text, x.recorded_at, a.name AS recorded_by FROM dossier_answers x LEFT JOIN analysts a ON a.id = x.recorded_by WHERE x.id = ?')
      .get(id) as AnswerRow;
    return toAnswer(answer);
  })();
}

/** Referred cases (those the analyst sees, with at least one dossier), answered or waiting, and waiting past the setting. */
export function referralOverview(actor: Actor, nowMs: number): ReferralOverview {
  const { db, analyst } = actor;
  const { answerDays } = readDossierSettings(db);
  const rows = db
    .prepare(
      `SELECT l.case_id, l.created_at, EXISTS (SELECT 1 FROM dossier_answers x WHERE x.case_id = l.case_id AND x.version = l.version) AS answered
         FROM (SELECT d.case_id, max(d.version) AS version, max(d.created_at) AS created_at FROM dossiers d GROUP BY d.case_id) l
         JOIN cases c ON c.id = l.case_id WHERE ${VISIBLE_CASE}`,
    )
    .all(visibilityParams(analyst)) as { case_id: number; created_at: string; answered: number }[];
  let answered = 0;
  let overdue = 0;
  for (const row of rows) {
    if (row.answered === 1) answered += 1;
    else if (nowMs - Date.parse(row.created_at) >= answerDays * DAY_MS) overdue += 1;
  }
  return { referred: rows.length, answered, waiting: rows.length - answered, overdue, answerDays };
}
