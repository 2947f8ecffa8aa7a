/**
 * "Add to a case": the cases the analyst may add reports to (`cases.recent`,
 * open work first), narrowed by a filter on reference and title; Enter adds
 * to the first one shown, or to the one chosen. Used by the queue (`a`, on
 * the selection or the active row) and the report panel.
 */
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { CaseBrief, CaseView } from '../../../../shared/cases.ts';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { Loading } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { caseStatusWord } from './caseWords.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import './cases-links.css';

/** `cases.addReports` takes at most this many reports per call. */
const ADD_MAX = 5000;

interface AddToCaseDialogProps {
  readonly reportIds: readonly string[];
  /** What adding does to the reports' statuses, said before the analyst confirms. */
  readonly claimNote: ReactNode;
  readonly onCancel: () => void;
  readonly onAdded: (view: CaseView, count: number) => void;
}

/** Lower case, without accents or Arabic diacritics: what a filter compares. */
export function foldForFilter(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, '')
    .toLowerCase();
}

export function AddToCaseDialog({ reportIds, claimNote, onCancel, onAdded }: AddToCaseDialogProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const [cases, setCases] = useState<readonly CaseBrief[] | null>(null);
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    let cancelled = false;
    void api('cases.recent').then((result) => {
      if (cancelled) return;
      if (result.ok) setCases(result.value);
      else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api]);

  const shown = useMemo(() => {
    const wanted = foldForFilter(filter.trim());
    if (!cases) return [];
    return wanted ? cases.filter((brief) => foldForFilter(`${brief.ref} ${brief.title}`).includes(wanted)) : cases;
  }, [cases, filter]);
  // The case Enter adds to: the one chosen while it is shown, else the first shown.
  const target = shown.find((brief) => brief.ref === chosen) ?? shown[0] ?? null;

  async function submit(): Promise<void> {
    if (!target || busy) return;
    setBusy(true);
    setError(null);
    let last: CaseView | null = null;
    for (let start = 0; start < reportIds.length; start += ADD_MAX) {
      const result = await api('cases.addReports', { ref: target.ref, reportIds: reportIds.slice(start, start + ADD_MAX) });
      if (!result.ok) {
        setBusy(false);
        setError(result.error);
        return;
      }
      last = result.value;
    }
    setBusy(false);
    if (last) onAdded(last, reportIds.length);
  }

  const none = cases !== null && cases.length === 0;
  return (
    <ModalForm
      title={t('reportView.addToCase.title', { count: reportIds.length })}
      submitLabel={t('reportView.addToCase.submit')}
      busy={busy}
      error={error}
      noSubmit={none || (cases !== null && shown.length === 0)}
      wide
      onSubmit={() => void submit()}
      onCancel={onCancel}
    >
      {cases === null && !error ? <Loading /> : null}
      {none ? <p>{t('reportView.addToCase.none')}</p> : null}
      {cases !== null && !none ? (
        <>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-filter`}>
              {t('reportView.addToCase.filter')}
            </label>
            <input
              id={`${id}-filter`}
              className="input"
              type="search"
              value={filter}
              dir="auto"
              autoComplete="off"
              aria-describedby={`${id}-hint`}
              onChange={(event) => setFilter(event.target.value)}
            />
            <span id={`${id}-hint`} className="field-hint">
              {t('reportView.addToCase.filterHint')}
            </span>
          </div>
          <fieldset className="cl-cases">
            <legend className="visually-hidden">{t('reportView.addToCase.choose')}</legend>
            {shown.length === 0 ? <p className="muted">{t('reportView.addToCase.noMatch')}</p> : null}
            {shown.map((brief) => (
              <label key={brief.ref} className={`cl-case${target?.ref === brief.ref ? ' cl-case-chosen' : ''}`}>
                <input type="radio" name={`${id}-case`} value={brief.ref} checked={target?.ref === brief.ref} onChange={() => setChosen(brief.ref)} />
                <bdi className="mono cl-case-ref" dir="ltr">
                  {brief.ref}
                </bdi>
                <bdi className="cl-case-title" dir="auto">
                  {brief.title}
                </bdi>
                <span className={`badge cl-case-status cl-case-${brief.status}`}>{caseStatusWord(t, brief.status) ?? <bdi>{brief.status}</bdi>}</span>
              </label>
            ))}
          </fieldset>
          <div className="cl-note">{claimNote}</div>
        </>
      ) : null}
    </ModalForm>
  );
}
