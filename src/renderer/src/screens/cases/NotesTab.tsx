/**
 * The case's analysis notes: written with templates, marked "for the
 * dossier", one of them the case's summary of facts. Every edit keeps the
 * previous text (history with author and time); a delete hides the note and
 * keeps its history. An edit made from an older revision than the current
 * one is kept too, never silently lost: the core answers CONFLICT and the
 * note's history shows both.
 */
import { useCallback, useId, useState, type ReactNode } from 'react';
import { MAX_NOTE_LENGTH, type Note, type NoteTemplate } from '../../../../shared/cases.ts';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import type { CaseContext } from './CaseView.tsx';
import { ModalForm } from '../../components/ModalForm.tsx';
import { NoteBody } from './NoteBody.tsx';

interface NotesTabProps {
  readonly context: CaseContext;
  readonly onReference: (kind: 'report' | 'case', id: string) => void;
}

export function NotesTab({ context, onReference }: NotesTabProps): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const { view, reload: reloadCase } = context;
  const [showDeleted, setShowDeleted] = useState(false);
  const notes = useLoad(useCallback(() => api('notes.list', { target: { caseRef: view.ref }, includeDeleted: showDeleted }), [api, view.ref, showDeleted]));
  const templates = useLoad(useCallback(() => api('notes.templates', { locale, caseRef: view.ref }), [api, locale, view.ref]));
  const { reload } = notes;
  const changed = useCallback(() => {
    reload();
    reloadCase();
  }, [reload, reloadCase]);

  const list = notes.value ?? [];
  const ordered = [...list].sort((a, b) => Number(b.summary) - Number(a.summary) || b.createdAt.localeCompare(a.createdAt));
  const hasSummary = list.some((note) => note.summary && !note.deleted);
  return (
    <div className="cs-notes">
      <NoteEditor caseRef={view.ref} templates={templates.value ?? []} canBeSummary={!hasSummary} onSaved={changed} />
      <div className="cs-notes-bar">
        <h2 className="cs-section-title">{t('cases.notes.title', { count: list.filter((note) => !note.deleted).length })}</h2>
        <label className="choice cs-small">
          <input type="checkbox" checked={showDeleted} onChange={(event) => setShowDeleted(event.target.checked)} />
          {t('cases.notes.showDeleted')}
        </label>
      </div>
      <ErrorNotice error={notes.error} />
      {notes.loading && !notes.value ? <Loading /> : null}
      {notes.value && ordered.length === 0 ? <p className="cs-empty muted">{t('cases.notes.none')}</p> : null}
      <ol className="cs-note-list">
        {ordered.map((note) => (
          <li key={note.id}>
            <NoteCard note={note} onChanged={changed} onReference={onReference} />
          </li>
        ))}
      </ol>
    </div>
  );
}

interface NoteEditorProps {
  readonly caseRef: string;
  readonly templates: readonly NoteTemplate[];
  readonly canBeSummary: boolean;
  readonly onSaved: () => void;
}

function NoteEditor({ caseRef, templates, canBeSummary, onSaved }: NoteEditorProps): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const id = useId();
  const [text, setText] = useState('');
  const [forDossier, setForDossier] = useState(false);
  const [summary, setSummary] = useState(false);
  const [busy, setBusy] = useState(false);
  const [empty, setEmpty] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState(false);

  async function submit(): Promise<void> {
    setSaved(false);
    if (text.trim().length === 0) {
      setEmpty(true);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await api('notes.add', { target: { caseRef }, text, forDossier, summary: summary && canBeSummary });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setText('');
    setForDossier(false);
    setSummary(false);
    setSaved(true);
    onSaved();
  }

  return (
    <form
      className="cs-note-editor"
      noValidate
      aria-busy={busy || undefined}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="cs-note-editor-head">
        <label className="field-label" htmlFor={`${id}-text`}>
          {t('cases.notes.new')}
        </label>
        {templates.length > 0 ? (
          <TemplatePicker
            templates={templates}
            onPick={(template) => {
              setText((current) => (current.trim() ? `${current.trimEnd()}\n\n${template.text}` : template.text));
              setEmpty(false);
            }}
          />
        ) : null}
      </div>
      <textarea
        id={`${id}-text`}
        className="input cs-textarea cs-note-text"
        dir="auto"
        rows={6}
        maxLength={MAX_NOTE_LENGTH}
        value={text}
        aria-invalid={empty || undefined}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          setText(event.target.value);
          setEmpty(false);
          setSaved(false);
        }}
      />
      <p id={`${id}-hint`} className={empty ? 'field-error' : 'field-hint'}>
        {empty ? t('cases.notes.empty') : t('cases.notes.hint', { max: formatNumber(MAX_NOTE_LENGTH, locale), count: text.length })}
      </p>
      <div className="cs-note-editor-foot">
        <label className="choice">
          <input type="checkbox" checked={forDossier} onChange={(event) => setForDossier(event.target.checked)} />
          {t('cases.notes.forDossier')}
        </label>
        {canBeSummary ? (
          <label className="choice">
            <input type="checkbox" checked={summary} onChange={(event) => setSummary(event.target.checked)} />
            {t('cases.notes.asSummary')}
          </label>
        ) : null}
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {t('cases.notes.add')}
        </button>
      </div>
      {saved ? <MessageNotice tone="ok">{t('cases.notes.added')}</MessageNotice> : null}
      <ErrorNotice error={error} />
    </form>
  );
}

function TemplatePicker({ templates, onPick }: { readonly templates: readonly NoteTemplate[]; readonly onPick: (template: NoteTemplate) => void }): ReactNode {
  const { t } = useI18n();
  const id = useId();
  return (
    <span className="cs-templates">
      <label htmlFor={id} className="cs-small muted">
        {t('cases.notes.template')}
      </label>
      <select
        id={id}
        className="input input-small"
        value=""
        onChange={(event) => {
          const template = templates.find((entry) => entry.id === event.target.value);
          if (template) onPick(template);
        }}
      >
        <option value="">{t('cases.notes.templatePick')}</option>
        {templates.map((template) => (
          <option key={template.id} value={template.id}>
            {template.label}
          </option>
        ))}
      </select>
    </span>
  );
}

interface NoteCardProps {
  readonly note: Note;
  readonly onChanged: () => void;
  readonly onReference: (kind: 'report' | 'case', id: string) => void;
}

function NoteCard({ note, onChanged, onReference }: NoteCardProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  /** How the last edit ended, when it needs saying: saved beside another edit, or the note deleted meanwhile. */
  const [conflict, setConflict] = useState<'conflict' | 'deleted' | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const edited = note.revisions.length > 1;

  async function remove(): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await api('notes.delete', { noteId: note.id });
    setBusy(false);
    setDeleting(false);
    if (!result.ok) setError(result.error);
    else onChanged();
  }

  const classes = ['cs-note', note.summary ? 'cs-note-summary' : '', note.deleted ? 'cs-note-deleted' : ''].filter(Boolean).join(' ');
  return (
    <article className={classes} aria-label={t('cases.notes.noteBy', { who: note.author })}>
      <header className="cs-note-head">
        <span className="cs-note-author">
          <bdi dir="auto">{note.author}</bdi>
        </span>
        <Timestamp iso={note.createdAt} />
        {edited ? (
          <span className="muted cs-small">
            <Msg id="cases.notes.editedAt" params={{ at: <Timestamp iso={note.updatedAt} /> }} />
          </span>
        ) : null}
        <span className="cs-note-tags">
          {note.summary ? <span className="cs-tag cs-tag-summary">{t('cases.notes.summary')}</span> : null}
          {note.forDossier ? <span className="cs-tag cs-tag-dossier">{t('cases.notes.forDossierTag')}</span> : null}
          {note.deleted ? <span className="cs-tag cs-tag-deleted">{t('cases.notes.deleted')}</span> : null}
        </span>
        {!note.deleted && !editing ? (
          <span className="cs-note-actions">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setConflict(null);
                setEditing(true);
              }}
            >
              {t('cases.notes.edit')}
            </button>
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => setDeleting(true)}>
              {t('cases.notes.delete')}
            </button>
          </span>
        ) : null}
      </header>
      {conflict ? <MessageNotice tone="error">{t(conflict === 'conflict' ? 'cases.notes.conflict' : 'cases.notes.deletedMeanwhile')}</MessageNotice> : null}
      {editing ? (
        <NoteEdit
          note={note}
          onCancel={() => setEditing(false)}
          onDone={(outcome) => {
            setEditing(false);
            setConflict(outcome === 'saved' ? null : outcome);
            onChanged();
          }}
        />
      ) : (
        <NoteBody text={note.text} onReference={onReference} />
      )}
      <ErrorNotice error={error} />
      {note.revisions.length > 0 ? <Revisions note={note} onReference={onReference} /> : null}
      {deleting ? (
        <ModalForm title={t('cases.notes.deleteTitle')} submitLabel={t('cases.notes.delete')} danger busy={busy} onCancel={() => setDeleting(false)} onSubmit={() => void remove()}>
          <p>{t('cases.notes.deleteIntro')}</p>
        </ModalForm>
      ) : null}
    </article>
  );
}

function NoteEdit({ note, onCancel, onDone }: { readonly note: Note; readonly onCancel: () => void; readonly onDone: (outcome: 'saved' | 'conflict' | 'deleted') => void }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const [text, setText] = useState(note.text);
  const [forDossier, setForDossier] = useState(note.forDossier);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [empty, setEmpty] = useState(false);

  async function save(): Promise<void> {
    if (text.trim().length === 0) {
      setEmpty(true);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await api('notes.edit', { noteId: note.id, text, baseRevision: note.revision, forDossier });
    setBusy(false);
    if (result.ok) onDone(result.value.conflict ? 'conflict' : 'saved');
    else if (result.error.code === 'CONFLICT') onDone('deleted');
    else setError(result.error);
  }

  return (
    <form
      className="cs-note-edit"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label className="visually-hidden" htmlFor={id}>
        {t('cases.notes.editLabel')}
      </label>
      <textarea
        id={id}
        className="input cs-textarea cs-note-text"
        dir="auto"
        rows={6}
        maxLength={MAX_NOTE_LENGTH}
        value={text}
        aria-invalid={empty || undefined}
        onChange={(event) => {
          setText(event.target.value);
          setEmpty(false);
        }}
      />
      {empty ? <p className="field-error">{t('cases.notes.empty')}</p> : null}
      <div className="cs-note-editor-foot">
        <label className="choice">
          <input type="checkbox" checked={forDossier} onChange={(event) => setForDossier(event.target.checked)} />
          {t('cases.notes.forDossier')}
        </label>
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {t('cases.save')}
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorNotice error={error} />
    </form>
  );
}

function Revisions({ note, onReference }: { readonly note: Note; readonly onReference: (kind: 'report' | 'case', id: string) => void }): ReactNode {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const revisions = [...note.revisions].sort((a, b) => b.revision - a.revision);
  return (
    <details className="cs-revisions" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('cases.notes.history', { count: note.revisions.length })}</summary>
      {open ? (
        <ol className="cs-revision-list">
          {revisions.map((revision) => (
            <li key={revision.revision} className="cs-revision">
              <p className="cs-revision-head">
                <Msg
                  id="cases.notes.revision"
                  params={{
                    n: <span className="num">{revision.revision}</span>,
                    who: <bdi dir="auto">{revision.author}</bdi>,
                    at: <Timestamp iso={revision.at} />,
                  }}
                />
                {revision.basedOn !== null && revision.basedOn !== revision.revision - 1 ? (
                  <span className="cs-tag cs-tag-overdue">{t('cases.notes.basedOn', { n: revision.basedOn })}</span>
                ) : null}
              </p>
              <NoteBody text={revision.text} onReference={onReference} />
            </li>
          ))}
        </ol>
      ) : null}
    </details>
  );
}
