/**
 * Analysis notes, on a case or on a report, in Markdown (rendered inert by
 * the renderer). Every edit keeps the previous text (note_revisions, with
 * author and time); deleting hides a note and keeps its history. An edit
 * made from an older revision than the current one is kept as a new revision
 * too, and the caller is told (CONFLICT after saving is not an option: the
 * later edit must not silently erase the earlier one, and neither may be
 * lost), so both texts stay in the history.
 *
 * Notes are searchable with the queue's folding (note_search, contentless
 * FTS5); a restricted case's notes only by those who may see the case.
 */
import type { Note, NoteRevision, NoteTarget, NoteTemplate } from '../../shared/cases.ts';
import type { UiLocale } from '../../shared/schemas.ts';
import { recordAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { ftsMatchExpression, foldForSearch } from '../text/search-text.ts';
import type { Db } from '../store/database.ts';
import { defangUrl } from '../../shared/defang.ts';
import { currentPayloads, reportExists } from '../reports/report-rows.ts';
import templates from '../../../resources/note-templates/templates.json' with { type: 'json' };
import { VISIBLE_CASE, visibilityParams, visibleCase, visibleCaseById } from './access.ts';
import { addEvent, type Actor } from './cases.ts';

interface NoteRow {
  id: number;
  case_id: number | null;
  case_ref: string | null;
  report_id: string | null;
  author: string | null;
  created_at: string;
  updated_at: string;
  revision: number;
  for_dossier: number;
  summary: number;
  deleted_at: string | null;
  text: string;
}

const NOTE_SELECT = `
  SELECT n.id, n.case_id, c.ref AS case_ref, n.report_id, a.name AS author, n.created_at, n.updated_at, n.revision, n.for_dossier, n.summary,
         n.deleted_at, v.text
    FROM notes n
    JOIN note_revisions v ON v.note_id = n.id AND v.revision = n.revision
    LEFT JOIN cases c ON c.id = n.case_id
    LEFT JOIN analysts a ON a.id = n.author_id`;

function revisionsOf(db: Db, noteId: number): NoteRevision[] {
  return (
    db
      .prepare('SELECT v.revision, v.text, a.name AS author, v.at, v.based_on FROM note_revisions v LEFT JOIN analysts a ON a.id = v.author_id WHERE v.note_id = ? ORDER BY v.revision')
      .all(noteId) as { revision: number; text: string; author: string | null; at: string; based_on: number | null }[]
  ).map((r) => ({ revision: r.revision, text: r.text, author: r.author ?? '—', at: r.at, basedOn: r.based_on }));
}

function toNote(db: Db, row: NoteRow): Note {
  return {
    id: row.id,
    caseRef: row.case_ref,
    reportId: row.report_id,
    author: row.author ?? '—',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    text: row.text,
    revision: row.revision,
    forDossier: row.for_dossier === 1,
    summary: row.summary === 1,
    deleted: row.deleted_at !== null,
    revisions: revisionsOf(db, row.id),
  };
}

function requireReport(db: Db, reportId: string): void {
  if (!reportExists(db, reportId)) throw new AppError('NOT_FOUND', `No report ${reportId}.`);
}

/** The note if the analyst may see it (its case visible), NOT_FOUND otherwise. */
function visibleNote(db: Db, actor: Actor, noteId: number): NoteRow {
  const row = db.prepare(`${NOTE_SELECT} WHERE n.id = ?`).get(noteId) as NoteRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', 'No such note.');
  if (row.case_id !== null) {
    try {
      visibleCaseById(db, actor.analyst, row.case_id);
    } catch {
      throw new AppError('NOT_FOUND', 'No such note.');
    }
  }
  return row;
}

export function listNotes({ db, analyst }: Actor, target: NoteTarget, includeDeleted: boolean): Note[] {
  let rows: NoteRow[];
  if ('caseRef' in target) {
    const c = visibleCase(db, analyst, target.caseRef);
    rows = db.prepare(`${NOTE_SELECT} WHERE n.case_id = ? ${includeDeleted ? '' : 'AND n.deleted_at IS NULL'} ORDER BY n.summary DESC, n.id`).all(c.id) as NoteRow[];
  } else {
    requireReport(db, target.reportId);
    rows = db.prepare(`${NOTE_SELECT} WHERE n.report_id = ? ${includeDeleted ? '' : 'AND n.deleted_at IS NULL'} ORDER BY n.id`).all(target.reportId) as NoteRow[];
  }
  return rows.map((row) => toNote(db, row));
}

function index(db: Db, noteId: number, text: string, replacing: boolean): void {
  if (replacing) db.prepare('DELETE FROM note_search WHERE rowid = ?').run(noteId);
  db.prepare('INSERT INTO note_search (rowid, body) VALUES (?, ?)').run(noteId, foldForSearch(text));
}

export function addNote(actor: Actor, input: { target: NoteTarget; text: string; forDossier: boolean; summary: boolean }, now = new Date()): Note {
  const { db, analyst } = actor;
  return db.transaction(() => {
    let caseId: number | null = null;
    let reportId: string | null = null;
    if ('caseRef' in input.target) caseId = visibleCase(db, analyst, input.target.caseRef).id;
    else {
      requireReport(db, input.target.reportId);
      reportId = input.target.reportId;
    }
    if (input.summary && caseId === null) throw new AppError('INVALID_INPUT', 'Only a case has a summary of facts.');
    const at = now.toISOString();
    // One summary per case: a new one takes over (the former stays, as an ordinary note).
    if (input.summary && caseId !== null) db.prepare('UPDATE notes SET summary = 0 WHERE case_id = ? AND summary = 1').run(caseId);
    const id = Number(
      db
        .prepare('INSERT INTO notes (case_id, report_id, author_id, created_at, updated_at, revision, for_dossier, summary) VALUES (?, ?, ?, ?, ?, 1, ?, ?)')
        .run(caseId, reportId, analyst.id, at, at, input.forDossier ? 1 : 0, input.summary ? 1 : 0).lastInsertRowid,
    );
    db.prepare('INSERT INTO note_revisions (note_id, revision, text, author_id, at, based_on) VALUES (?, 1, ?, ?, ?, NULL)').run(id, input.text, analyst.id, at);
    index(db, id, input.text, false);
    if (caseId !== null) addEvent(db, caseId, analyst.id, 'note_added', { note: id, summary: input.summary, forDossier: input.forDossier }, now);
    recordAudit(db, analyst.id, 'note.added', { note: id, caseId, reportId });
    return toNote(db, visibleNote(db, actor, id));
  })();
}

export interface EditOutcome {
  note: Note;
  /** The edit started from an older revision: the revision it did not see stays in the history. */
  conflict: boolean;
}

export function editNote(actor: Actor, input: { noteId: number; text: string; baseRevision: number; forDossier?: boolean | undefined }, now = new Date()): EditOutcome {
  const { db, analyst } = actor;
  return db.transaction(() => {
    const row = visibleNote(db, actor, input.noteId);
    if (row.deleted_at !== null) throw new AppError('CONFLICT', 'This note was deleted; its history is kept.');
    if (input.baseRevision > row.revision) throw new AppError('INVALID_INPUT', 'No such revision of this note.');
    const conflict = input.baseRevision < row.revision;
    const next = row.revision + 1;
    const at = now.toISOString();
    db.prepare('INSERT INTO note_revisions (note_id, revision, text, author_id, at, based_on) VALUES (?, ?, ?, ?, ?, ?)').run(row.id, next, input.text, analyst.id, at, input.baseRevision);
    db.prepare('UPDATE notes SET revision = ?, updated_at = ?, for_dossier = coalesce(?, for_dossier) WHERE id = ?').run(next, at, input.forDossier === undefined ? null : input.forDossier ? 1 : 0, row.id);
    index(db, row.id, input.text, true);
    if (row.case_id !== null) addEvent(db, row.case_id, analyst.id, 'note_edited', { note: row.id, revision: next, basedOn: input.baseRevision, conflict }, now);
    recordAudit(db, analyst.id, 'note.edited', { note: row.id, revision: next, conflict });
    return { note: toNote(db, visibleNote(db, actor, row.id)), conflict };
  })();
}

export function deleteNote(actor: Actor, noteId: number, now = new Date()): Note {
  const { db, analyst } = actor;
  return db.transaction(() => {
    const row = visibleNote(db, actor, noteId);
    if (row.deleted_at === null) {
      db.prepare('UPDATE notes SET deleted_at = ?, deleted_by = ?, summary = 0 WHERE id = ?').run(now.toISOString(), analyst.id, noteId);
      db.prepare('DELETE FROM note_search WHERE rowid = ?').run(noteId);
      if (row.case_id !== null) addEvent(db, row.case_id, analyst.id, 'note_deleted', { note: noteId }, now);
      recordAudit(db, analyst.id, 'note.deleted', { note: noteId });
    }
    return toNote(db, visibleNote(db, actor, noteId));
  })();
}

/** Ids of the cases (visible to the analyst) whose live notes match the search. */
export function casesWithNotesMatching({ db, analyst }: Actor, search: string): Set<number> {
  const expression = ftsMatchExpression(search);
  if (expression === null) return new Set();
  const rows = db
    .prepare(
      `SELECT DISTINCT n.case_id FROM note_search s JOIN notes n ON n.id = s.rowid JOIN cases c ON c.id = n.case_id
        WHERE note_search MATCH @expression AND n.deleted_at IS NULL AND ${VISIBLE_CASE}`,
    )
    .pluck()
    .all({ expression, ...visibilityParams(analyst) }) as number[];
  return new Set(rows);
}

/** The case's summary of facts, if it has one. */
export function summaryNote(actor: Actor, caseId: number): Note | null {
  const row = actor.db.prepare(`${NOTE_SELECT} WHERE n.case_id = ? AND n.summary = 1 AND n.deleted_at IS NULL`).get(caseId) as NoteRow | undefined;
  return row ? toNote(actor.db, row) : null;
}

// ---------------------------------------------------------------------------
// Templates (resources/note-templates/, gathered in templates.json by `npm run templates`)

interface TemplateEntry {
  id: string;
  label_fr: string;
  label_ar: string;
  text: Record<string, string>;
}

/** Markdown's own characters, escaped: a filled value is text, never markup. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (ch) => `\\${ch}`);
}

/** Values by frequency, most frequent first. */
function byFrequency(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([v]) => v);
}

/**
 * The templates in the analyst's language, their placeholders filled from
 * the case or the report the note is for (README.md of the templates lists
 * them); a placeholder with nothing to say stays as typed, for the analyst.
 */
export function noteTemplates({ db, analyst }: Actor, locale: UiLocale, target: { caseRef?: string | undefined; reportId?: string | undefined }, now = new Date()): NoteTemplate[] {
  const values = new Map<string, string>();
  let reportIds: string[] = [];
  if (target.caseRef !== undefined) {
    const c = visibleCase(db, analyst, target.caseRef);
    values.set('case_id', `#${c.ref}`);
    reportIds = db.prepare('SELECT report_id FROM case_reports WHERE case_id = ? AND removed_at IS NULL ORDER BY added_at, report_id').pluck().all(c.id) as string[];
  } else if (target.reportId !== undefined) {
    requireReport(db, target.reportId);
    reportIds = [target.reportId];
  }
  if (reportIds.length > 0) {
    const shown = reportIds.slice(0, 50).map((id) => `#${id}`);
    values.set('report_ids', `${shown.join(', ')}${reportIds.length > 50 ? ` (+${reportIds.length - 50})` : ''}`);
    const rows = currentPayloads(db, reportIds.slice(0, 500));
    values.set('category', escapeMarkdown(byFrequency(rows.map((r) => r.category)).join(', ')));
    values.set('platform', escapeMarkdown(byFrequency(rows.map((r) => r.platform)).join(', ')));
    const urls = [...new Set(rows.flatMap((r) => ((JSON.parse(r.payload) as { content?: { urls?: unknown } }).content?.urls as unknown[] | undefined) ?? []).filter((u): u is string => typeof u === 'string'))];
    // Defanged, in code spans (never a link), without the backtick a value could hold.
    if (urls.length > 0) values.set('urls', urls.slice(0, 100).map((u) => `- \`${defangUrl(u).replace(/`/g, "'")}\``).join('\n'));
  }
  values.set('analyst', escapeMarkdown(analyst.name));
  values.set('service', escapeMarkdown(analyst.service));
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Africa/Casablanca', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(now);
  values.set('date', local.slice(0, 10));
  values.set('datetime', `${local} (Africa/Casablanca)`);
  return (templates as { templates: TemplateEntry[] }).templates.flatMap((entry) => {
    const text = entry.text[locale];
    if (typeof text !== 'string') return [];
    const filled = text.replace(/\{\{([a-z_]+)\}\}/g, (whole, name: string) => values.get(name) ?? whole);
    return [{ id: entry.id, label: locale === 'ar' ? entry.label_ar : entry.label_fr, text: filled }];
  });
}
