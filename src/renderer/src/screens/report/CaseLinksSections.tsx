/**
 * Where the report stands in the analysis: the cases holding it (those the
 * analyst may see), with the way to add it to another; and the observables
 * found in its content (URLs, domains, e-mails, phones, handles, wallets…),
 * each with where else it appears, its verdict and tags, and the way to see
 * the queue's reports that hold it.
 *
 * Observable values come from reports: inert text, isolated left to right;
 * those that could become links elsewhere (URLs, domains, e-mails, invite
 * links) are defanged.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { CaseBrief, CaseView, ObservableRow } from '../../../../shared/cases.ts';
import { defangUrl } from '../../../../shared/defang.ts';
import type { AppErrorShape, Result } from '../../../../shared/contract.ts';
import type { ReportView } from '../../../../shared/triage.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { UserText } from '../../components/safe/UserText.tsx';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import { AddToCaseDialog } from './AddToCaseDialog.tsx';
import { caseStatusWord, DEFANGED_TYPES, observableTypeWord, verdictWord } from './caseWords.ts';
import { ClaimNote } from './ClaimNote.tsx';
import { Section } from './Section.tsx';
import './cases-links.css';

interface Read<T> {
  readonly value: T | null;
  readonly error: AppErrorShape | null;
}

/** The last answer read (a failed read again keeps the value shown, with the error). */
function useRead<T>(): [Read<T>, (answer: Result<T>) => void] {
  const [state, setState] = useState<Read<T>>({ value: null, error: null });
  const take = useCallback((answer: Result<T>): void => setState((before) => (answer.ok ? { value: answer.value, error: null } : { value: before.value, error: answer.error })), []);
  return [state, take];
}

interface CasesSectionProps {
  readonly view: ReportView;
  /** Bumps when the report was read again: the cases are read again too. */
  readonly generation: number;
  /** The report joined a case (its status may have changed). */
  readonly onChanged: () => void;
  /** Opens a case (its reference becomes a button); without it, references are plain text. */
  readonly onOpenCase?: ((ref: string) => void) | undefined;
}

export function CasesSection({ view, generation, onChanged, onOpenCase }: CasesSectionProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<CaseView | null>(null);
  const [own, setOwn] = useState(0);
  const reportId = view.id;
  const [loaded, take] = useRead<CaseBrief[]>();
  // Read again when the report is (generation), and after adding it here (own).
  useEffect(() => {
    let cancelled = false;
    void api('cases.forReport', { reportId }).then((answer) => {
      if (!cancelled) take(answer);
    });
    return () => {
      cancelled = true;
    };
  }, [api, reportId, generation, own, take]);
  const cases = loaded.value;
  return (
    <Section
      title={t('reportView.cases')}
      className="rp-cases"
      aside={
        <>
          {cases ? <span className="count-badge">{cases.length}</span> : null}
          <button type="button" className="btn btn-small rp-section-action" onClick={() => setAdding(true)}>
            {t('reportView.addToCase.action')}
          </button>
        </>
      }
    >
      {loaded.value === null && loaded.error === null ? <Loading /> : null}
      <ErrorNotice error={loaded.error} />
      {cases && cases.length === 0 ? <p className="muted">{t('reportView.casesNone')}</p> : null}
      {cases && cases.length > 0 ? (
        <ul className="cl-case-list">
          {cases.map((brief) => (
            <li key={brief.ref} className="cl-case-item">
              {onOpenCase ? (
                <button type="button" className="cl-case-open" aria-label={t('reportView.openCase', { ref: brief.ref })} onClick={() => onOpenCase(brief.ref)}>
                  <bdi className="mono cl-case-ref" dir="ltr">
                    {brief.ref}
                  </bdi>
                </button>
              ) : (
                <bdi className="mono cl-case-ref" dir="ltr">
                  {brief.ref}
                </bdi>
              )}
              <bdi className="cl-case-title" dir="auto">
                {brief.title}
              </bdi>
              <span className={`badge cl-case-status cl-case-${brief.status}`}>{caseStatusWord(t, brief.status) ?? <bdi>{brief.status}</bdi>}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {added ? (
        <div className="notice notice-ok" role="status">
          <p>
            <Msg
              id="reportView.addToCase.added"
              params={{
                ref: (
                  <bdi className="mono" dir="ltr">
                    {added.ref}
                  </bdi>
                ),
              }}
            />
          </p>
        </div>
      ) : null}
      {adding ? (
        <AddToCaseDialog
          reportIds={[reportId]}
          claimNote={<ClaimNote counts={{ received: view.status === 'received' ? 1 : 0, claimedOther: view.claimedByOther ? 1 : 0 }} />}
          onCancel={() => setAdding(false)}
          onAdded={(updated) => {
            setAdding(false);
            setAdded(updated);
            setOwn((n) => n + 1);
            onChanged();
          }}
        />
      ) : null}
    </Section>
  );
}

interface ObservablesSectionProps {
  readonly reportId: string;
  readonly generation: number;
  /** Shows the queue's reports holding an observable; absent where there is no queue (the Cases screen). */
  readonly onFilterObservable?: ((observableId: number) => void) | undefined;
}

export function ObservablesSection({ reportId, generation, onFilterObservable }: ObservablesSectionProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [loaded, take] = useRead<ObservableRow[]>();
  useEffect(() => {
    let cancelled = false;
    void api('observables.list', { reportId }).then((answer) => {
      if (!cancelled) take(answer);
    });
    return () => {
      cancelled = true;
    };
  }, [api, reportId, generation, take]);
  const rows = loaded.value;
  return (
    <Section title={t('reportView.observables')} className="rp-observables" aside={rows ? <span className="count-badge">{rows.length}</span> : null}>
      {loaded.value === null && loaded.error === null ? <Loading /> : null}
      <ErrorNotice error={loaded.error} />
      {rows && rows.length === 0 ? <p className="muted">{t('reportView.observablesNone')}</p> : null}
      {rows && rows.length > 0 ? (
        <ul className="cl-obs-list">
          {rows.map((row) => (
            <li key={row.id} className="cl-obs">
              <ObservableItem row={row} onFilter={onFilterObservable} />
            </li>
          ))}
        </ul>
      ) : null}
      {rows && rows.length > 0 ? <p className="rp-hint">{t('reportView.observablesHint')}</p> : null}
    </Section>
  );
}

function ObservableItem({ row, onFilter }: { readonly row: ObservableRow; readonly onFilter?: ((observableId: number) => void) | undefined }): ReactNode {
  const { t } = useI18n();
  const type = observableTypeWord(t, row.type);
  const verdict = verdictWord(t, row.verdict);
  return (
    <>
      <div className="cl-obs-line">
        <span className="cl-obs-type">{type ?? <bdi className="mono">{row.type}</bdi>}</span>
        <bdi className="cl-obs-value" dir="ltr">
          <UserText text={row.value} mono transform={DEFANGED_TYPES.has(row.type) ? defangUrl : undefined} />
        </bdi>
        <span className={`badge cl-verdict cl-verdict-${row.verdict}`}>{verdict ?? <bdi>{row.verdict}</bdi>}</span>
      </div>
      <div className="cl-obs-line cl-obs-meta">
        <span className="muted small">
          {t('reportView.obs.seen', {
            reports: t('reportView.obs.seenReports', { count: row.seenInReports }),
            cases: t('reportView.obs.seenCases', { count: row.seenInCases }),
          })}
        </span>
        {row.tags.length > 0 ? (
          <span className="cl-obs-tags" aria-label={t('reportView.obs.tags')}>
            {row.tags.map((tag) => (
              <bdi key={tag} className="cl-tag" dir="auto">
                {tag}
              </bdi>
            ))}
          </span>
        ) : null}
        {onFilter ? (
          <button
            type="button"
            className="btn btn-small cl-obs-filter"
            aria-label={t('reportView.obs.filterNamed', { type: type ?? row.type, value: DEFANGED_TYPES.has(row.type) ? defangUrl(row.value) : row.value, count: row.seenInReports })}
            onClick={() => onFilter(row.id)}
          >
            {t('reportView.obs.filter', { count: row.seenInReports })}
          </button>
        ) : null}
      </div>
    </>
  );
}
