/**
 * Settings → legal qualifications: the table analysts pick a case's
 * qualifications from (Penal Code offences, articles, French and Arabic
 * labels, the report categories each may apply to, terrorism flag), with its
 * note that the qualification is the team's proposal for the prosecutor to
 * assess. Supervisors add, edit and remove entries and edit the note;
 * analysts read it. Each change saves the whole table (legal.updateTable).
 */
import { useCallback, useId, useState, type ReactNode } from 'react';
import type { LegalQualification, QualificationTable } from '../../../../shared/cases.ts';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { Role } from '../../../../shared/schemas.ts';
import { KNOWN_CATEGORIES } from '../../../../shared/triage.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n, type Translate } from '../../i18n/index.ts';
import { categoryLabel } from '../../i18n/labels.ts';
import { useApi } from '../../session/SessionContext.ts';
import { SettingsSection } from './SettingsSection.tsx';
import '../../styles/cases.css';

interface LegalTableSectionProps {
  readonly role: Role;
}

const CODE = /^[A-Z][A-Z0-9-]{1,47}$/;
const ARABIC = /[\u0600-\u06ff]/;

type Problem = 'code' | 'duplicate' | 'articles' | 'labelFr' | 'labelAr' | 'categories';

/** What is wrong with an entry, as the core's loader would judge it. */
export function entryProblems(entry: LegalQualification, others: readonly LegalQualification[]): Problem[] {
  const problems: Problem[] = [];
  if (!CODE.test(entry.code)) problems.push('code');
  else if (others.some((other) => other.code === entry.code)) problems.push('duplicate');
  if (entry.articles.length === 0 || entry.articles.some((article) => article.length > 120)) problems.push('articles');
  if (entry.labelFr.trim().length < 3 || entry.labelFr.length > 600) problems.push('labelFr');
  if (entry.labelAr.trim().length < 3 || entry.labelAr.length > 600 || !ARABIC.test(entry.labelAr)) problems.push('labelAr');
  if (entry.categories.length === 0) problems.push('categories');
  return problems;
}

function categoryName(t: Translate, category: string): string {
  return categoryLabel(t, category) ?? category;
}

export function LegalTableSection({ role }: LegalTableSectionProps): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const loaded = useLoad(useCallback(() => api('legal.table'), [api]));
  const [table, setTable] = useState<QualificationTable | null>(null);
  const [editing, setEditing] = useState<string | 'new' | 'note' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const current = table ?? loaded.value;
  const supervisor = role === 'supervisor';

  async function save(next: Omit<QualificationTable, 'edited'>): Promise<boolean> {
    setBusy(true);
    setError(null);
    setSaved(false);
    const result = await api('legal.updateTable', { noteFr: next.noteFr, noteAr: next.noteAr, entries: next.entries });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    setTable(result.value);
    setSaved(true);
    setEditing(null);
    return true;
  }

  return (
    <SettingsSection title={t('legal.title')} intro={supervisor ? t('legal.introSupervisor') : t('legal.introAnalyst')}>
      {loaded.loading && !current ? <Loading /> : null}
      <ErrorNotice error={loaded.error} />
      {current ? (
        <>
          <div className="cs-legal-head">
            <p className="cs-legal-note">
              <bdi dir="auto">{locale === 'ar' ? current.noteAr : current.noteFr}</bdi>
            </p>
            {current.edited ? <span className="cs-tag">{t('legal.edited')}</span> : null}
            {supervisor && editing === null ? (
              <button type="button" className="btn btn-small" onClick={() => setEditing('note')}>
                {t('legal.editNote')}
              </button>
            ) : null}
          </div>
          {editing === 'note' ? (
            <NoteForm table={current} busy={busy} onCancel={() => setEditing(null)} onSave={(noteFr, noteAr) => void save({ ...current, noteFr, noteAr })} />
          ) : null}
          {saved ? <MessageNotice tone="ok">{t('legal.saved')}</MessageNotice> : null}
          <ErrorNotice error={error} />
          <div className="table-wrap cs-legal-table-wrap">
            <table className="table cs-legal-table">
              <caption className="visually-hidden">{t('legal.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('legal.code')}</th>
                  <th scope="col">{t('legal.articles')}</th>
                  <th scope="col">{t('legal.label')}</th>
                  <th scope="col">{t('legal.categories')}</th>
                  {supervisor ? (
                    <th scope="col">
                      <span className="visually-hidden">{t('legal.actions')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {current.entries.map((entry) =>
                  editing === entry.code ? (
                    <tr key={entry.code}>
                      <td colSpan={5}>
                        <EntryForm
                          initial={entry}
                          others={current.entries.filter((other) => other.code !== entry.code)}
                          busy={busy}
                          onCancel={() => setEditing(null)}
                          onSave={(changed) => void save({ ...current, entries: current.entries.map((other) => (other.code === entry.code ? changed : other)) })}
                        />
                      </td>
                    </tr>
                  ) : (
                    <tr key={entry.code}>
                      <th scope="row">
                        <bdi dir="ltr" className="mono">
                          {entry.code}
                        </bdi>
                        {entry.terrorism ? <span className="cs-tag cs-tag-terror">{t('cases.qualif.terrorism')}</span> : null}
                      </th>
                      <td className="cs-small">
                        <bdi dir="auto">{entry.articles.join(' ; ')}</bdi>
                      </td>
                      <td>
                        <bdi dir="auto">{locale === 'ar' ? entry.labelAr : entry.labelFr}</bdi>
                      </td>
                      <td className="cs-small">{entry.categories.map((category) => categoryName(t, category)).join(t('cases.listSeparator'))}</td>
                      {supervisor ? (
                        <td className="cell-actions">
                          <span className="cs-inline">
                            <button type="button" className="btn btn-small" disabled={busy || editing !== null} onClick={() => setEditing(entry.code)} aria-label={t('legal.editNamed', { code: entry.code })}>
                              {t('legal.edit')}
                            </button>
                            {removing === entry.code ? (
                              <>
                                <button
                                  type="button"
                                  className="btn btn-small btn-danger"
                                  disabled={busy}
                                  onClick={() => {
                                    setRemoving(null);
                                    void save({ ...current, entries: current.entries.filter((other) => other.code !== entry.code) });
                                  }}
                                >
                                  {t('legal.removeConfirm', { code: entry.code })}
                                </button>
                                <button type="button" className="btn btn-small" onClick={() => setRemoving(null)}>
                                  {t('common.cancel')}
                                </button>
                              </>
                            ) : (
                              <button
                                type="button"
                                className="btn btn-small"
                                disabled={busy || editing !== null || current.entries.length <= 1}
                                aria-label={t('legal.removeNamed', { code: entry.code })}
                                onClick={() => setRemoving(entry.code)}
                              >
                                {t('legal.remove')}
                              </button>
                            )}
                          </span>
                        </td>
                      ) : null}
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
          {supervisor && editing === 'new' ? (
            <EntryForm initial={null} others={current.entries} busy={busy} onCancel={() => setEditing(null)} onSave={(entry) => void save({ ...current, entries: [...current.entries, entry] })} />
          ) : null}
          {supervisor && editing === null ? (
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => setEditing('new')}>
                {t('legal.add')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </SettingsSection>
  );
}

function NoteForm({ table, busy, onCancel, onSave }: { readonly table: QualificationTable; readonly busy: boolean; readonly onCancel: () => void; readonly onSave: (fr: string, ar: string) => void }): ReactNode {
  const { t } = useI18n();
  const id = useId();
  const [fr, setFr] = useState(table.noteFr);
  const [ar, setAr] = useState(table.noteAr);
  const invalid = fr.trim().length < 10 || ar.trim().length < 10;
  const [tried, setTried] = useState(false);
  return (
    <form
      className="form cs-legal-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (!invalid) onSave(fr.trim(), ar.trim());
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor={`${id}-fr`}>
          {t('legal.noteFr')}
        </label>
        <textarea id={`${id}-fr`} className="input cs-textarea" dir="ltr" lang="fr" rows={3} value={fr} onChange={(event) => setFr(event.target.value)} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-ar`}>
          {t('legal.noteAr')}
        </label>
        <textarea id={`${id}-ar`} className="input cs-textarea" dir="rtl" lang="ar" rows={3} value={ar} onChange={(event) => setAr(event.target.value)} />
      </div>
      {tried && invalid ? <p className="field-error">{t('legal.noteTooShort')}</p> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('legal.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

interface EntryFormProps {
  readonly initial: LegalQualification | null;
  readonly others: readonly LegalQualification[];
  readonly busy: boolean;
  readonly onCancel: () => void;
  readonly onSave: (entry: LegalQualification) => void;
}

function EntryForm({ initial, others, busy, onCancel, onSave }: EntryFormProps): ReactNode {
  const { t } = useI18n();
  const id = useId();
  const [code, setCode] = useState(initial?.code ?? '');
  const [articles, setArticles] = useState(initial?.articles.join('\n') ?? '');
  const [labelFr, setLabelFr] = useState(initial?.labelFr ?? '');
  const [labelAr, setLabelAr] = useState(initial?.labelAr ?? '');
  const [categories, setCategories] = useState<readonly string[]>(initial?.categories ?? []);
  const [terrorism, setTerrorism] = useState(initial?.terrorism ?? false);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const extra = categories.filter((category) => !(KNOWN_CATEGORIES as readonly string[]).includes(category));

  function entry(): LegalQualification {
    return {
      code: code.trim().toUpperCase(),
      articles: articles
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      labelFr: labelFr.trim(),
      labelAr: labelAr.trim(),
      categories: [...categories],
      terrorism,
    };
  }

  const problem = (name: Problem): string | null => (problems.includes(name) ? t(`legal.problem.${name}`) : null);
  return (
    <form
      className="form cs-legal-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const next = entry();
        const found = entryProblems(next, others);
        setProblems(found);
        if (found.length === 0) onSave(next);
      }}
    >
      <p className="subpanel-title">{initial ? t('legal.editTitle', { code: initial.code }) : t('legal.addTitle')}</p>
      <div className="form-row">
        <Line id={`${id}-code`} label={t('legal.code')} error={problem('code') ?? problem('duplicate')} hint={t('legal.codeHint')}>
          <input id={`${id}-code`} className="input mono" dir="ltr" maxLength={48} value={code} onChange={(event) => setCode(event.target.value)} />
        </Line>
        <label className="choice cs-legal-terror">
          <input type="checkbox" checked={terrorism} onChange={(event) => setTerrorism(event.target.checked)} />
          {t('legal.terrorism')}
        </label>
      </div>
      <Line id={`${id}-articles`} label={t('legal.articles')} error={problem('articles')} hint={t('legal.articlesHint')}>
        <textarea id={`${id}-articles`} className="input cs-textarea" dir="auto" rows={2} value={articles} onChange={(event) => setArticles(event.target.value)} />
      </Line>
      <Line id={`${id}-fr`} label={t('legal.labelFr')} error={problem('labelFr')}>
        <textarea id={`${id}-fr`} className="input cs-textarea" dir="ltr" lang="fr" rows={2} maxLength={600} value={labelFr} onChange={(event) => setLabelFr(event.target.value)} />
      </Line>
      <Line id={`${id}-ar`} label={t('legal.labelAr')} error={problem('labelAr')}>
        <textarea id={`${id}-ar`} className="input cs-textarea" dir="rtl" lang="ar" rows={2} maxLength={600} value={labelAr} onChange={(event) => setLabelAr(event.target.value)} />
      </Line>
      <fieldset className="cs-fieldset">
        <legend className="field-label">{t('legal.categories')}</legend>
        <div className="cs-legal-categories">
          {[...KNOWN_CATEGORIES, ...extra].map((category) => (
            <label key={category} className="choice">
              <input
                type="checkbox"
                checked={categories.includes(category)}
                onChange={() => setCategories((current) => (current.includes(category) ? current.filter((other) => other !== category) : [...current, category]))}
              />
              {categoryLabel(t, category) ?? <bdi className="mono">{category}</bdi>}
            </label>
          ))}
        </div>
        {problem('categories') ? <p className="field-error">{problem('categories')}</p> : null}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('legal.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function Line({ id, label, error, hint, children }: { readonly id: string; readonly label: string; readonly error: string | null; readonly hint?: string; readonly children: ReactNode }): ReactNode {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && !error ? <p className="field-hint">{hint}</p> : null}
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}
