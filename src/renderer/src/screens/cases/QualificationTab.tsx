/**
 * The legal qualifications the team proposes for the case, from the table
 * (Settings → legal qualifications): each with its articles and its label in
 * the interface's language, always under the table's note that this is a
 * proposal for the prosecutor to assess.
 */
import { useCallback, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { bilingual } from './caseLabels.ts';
import type { CaseContext } from './CaseView.tsx';
import { QualificationPicker, QualificationText } from './QualificationPicker.tsx';

export function QualificationTab({ context }: { readonly context: CaseContext }): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const { view, apply } = context;
  const [editing, setEditing] = useState(false);
  const [codes, setCodes] = useState<readonly string[]>(view.qualifications);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState(false);
  const table = useLoad(useCallback(() => (editing ? api('legal.table') : Promise.resolve({ ok: true as const, value: null })), [api, editing]));

  async function save(): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await api('cases.setQualifications', { ref: view.ref, codes: [...codes] });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    apply(result.value);
    setEditing(false);
    setSaved(true);
  }

  return (
    <div className="cs-qualification">
      <div className="cs-section-bar">
        <h2 className="cs-section-title">{t('cases.qualif.title')}</h2>
        {!editing ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setCodes(view.qualifications);
              setSaved(false);
              setEditing(true);
            }}
          >
            {t('cases.qualif.change')}
          </button>
        ) : null}
      </div>
      {saved ? <MessageNotice tone="ok">{t('cases.qualif.saved')}</MessageNotice> : null}
      {editing ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <ErrorNotice error={table.error} />
          {table.loading && !table.value ? <Loading /> : null}
          {table.value ? <QualificationPicker table={table.value} selected={codes} onChange={setCodes} disabled={busy} /> : null}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('cases.qualif.save', { count: codes.length })}
            </button>
            <button type="button" className="btn" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
          <ErrorNotice error={error} />
        </form>
      ) : (
        <>
          <p className="cs-legal-note">
            <bdi dir="auto">{bilingual(view.qualificationNote, locale)}</bdi>
          </p>
          {view.qualificationEntries.length === 0 ? (
            <p className="cs-empty muted">{t('cases.qualif.none')}</p>
          ) : (
            <ul className="cs-qualif-chosen">
              {view.qualificationEntries.map((entry) => (
                <li key={entry.code} className="cs-qualif-card">
                  <QualificationText entry={entry} block />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
