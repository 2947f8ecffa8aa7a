/**
 * One case: its header (reference, title, status, assignee, access, markers)
 * and its sections as tabs: reports, notes, observables, evidence,
 * qualification, jurisdiction, referral dossier, timeline. Every change goes through the core, which answers
 * with the case as it now is.
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { CaseView as CaseViewData } from '../../../../shared/cases.ts';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { QueueFilters } from '../../../../shared/triage.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { formatNumber } from '../../format.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import { DossierTab } from '../dossier/DossierTab.tsx';
import { EvidenceList } from '../evidence/EvidenceList.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import { JurisdictionTab } from './JurisdictionTab.tsx';
import { NotesTab } from './NotesTab.tsx';
import { ObservablesTab } from './ObservablesTab.tsx';
import { OnlineCasePanel } from './OnlineCasePanel.tsx';
import { QualificationTab } from './QualificationTab.tsx';
import { ReportsTab } from './ReportsTab.tsx';
import { TimelineTab } from './TimelineTab.tsx';

const TABS = ['reports', 'notes', 'observables', 'evidence', 'qualification', 'jurisdiction', 'dossier', 'timeline'] as const;
type Tab = (typeof TABS)[number];
const TAB_KEY: Record<Tab, MessageKey> = {
  reports: 'cases.tab.reports',
  notes: 'cases.tab.notes',
  observables: 'cases.tab.observables',
  evidence: 'evidence.tab',
  qualification: 'cases.tab.qualification',
  jurisdiction: 'cases.tab.jurisdiction',
  dossier: 'dossier.tab',
  timeline: 'cases.tab.timeline',
};

interface CaseViewProps {
  readonly caseRef: string;
  /** The case this one was opened from (a note's reference): Back returns to it rather than to the list. */
  readonly previousRef?: string | null;
  readonly onBack: () => void;
  /** A note, or a report's list of cases, names another case. */
  readonly onOpenCase: (ref: string) => void;
  /** Shows the queue with these filters (the case's reports, an observable's reports); without it, no such buttons. */
  readonly onOpenQueue?: ((filters: QueueFilters) => void) | undefined;
}

export interface CaseContext {
  readonly view: CaseViewData;
  /** Adopts the case as the core returned it after a change. */
  readonly apply: (view: CaseViewData) => void;
  /** Reads the case again (after a change that does not return it: notes, observables). */
  readonly reload: () => void;
}

export function CaseView({ caseRef, previousRef = null, onBack, onOpenCase, onOpenQueue }: CaseViewProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const [view, setView] = useState<CaseViewData | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [generation, setGeneration] = useState(0);
  const [tab, setTab] = useState<Tab>('reports');
  /** A report a note names, opened in the reports tab. */
  const [reportRequest, setReportRequest] = useState<string | null>(null);
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>());
  const backRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let cancelled = false;
    void api('cases.get', { ref: caseRef }).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setView(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api, caseRef, generation]);

  useEffect(() => {
    backRef.current?.focus({ preventScroll: true });
  }, []);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const apply = useCallback((next: CaseViewData) => setView(next), []);
  const onReference = useCallback(
    (kind: 'report' | 'case', id: string) => {
      if (kind === 'case') {
        if (id !== caseRef) onOpenCase(id);
        return;
      }
      setReportRequest(id);
      setTab('reports');
    },
    [caseRef, onOpenCase],
  );
  const openOtherCase = useCallback(
    (ref: string) => {
      if (ref !== caseRef) onOpenCase(ref);
    },
    [caseRef, onOpenCase],
  );

  // Escape goes back to the list, unless a dialog, a field or the report panel has it.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    if (target.closest('dialog, .cs-report-panel') || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    onBack();
  }

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, current: Tab): void {
    const index = TABS.indexOf(current);
    const rtl = document.documentElement.dir === 'rtl';
    let next: number | null = null;
    if (event.key === (rtl ? 'ArrowLeft' : 'ArrowRight')) next = (index + 1) % TABS.length;
    else if (event.key === (rtl ? 'ArrowRight' : 'ArrowLeft')) next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    event.preventDefault();
    const chosen = TABS[next] ?? 'reports';
    setTab(chosen);
    tabRefs.current.get(chosen)?.focus();
  }

  const context: CaseContext | null = view ? { view, apply, reload } : null;
  return (
    <div className="case" onKeyDown={onKeyDown}>
      <div className="case-nav">
        <button ref={backRef} type="button" className="btn btn-small case-back" onClick={onBack}>
          <span aria-hidden="true" className="case-back-arrow" />
          {previousRef ? (
            <Msg
              id="cases.backToCase"
              params={{
                ref: (
                  <bdi className="mono" dir="ltr">
                    {previousRef}
                  </bdi>
                ),
              }}
            />
          ) : (
            t('cases.back')
          )}
        </button>
      </div>
      {!view && !error ? (
        <>
          <h1 id="screen-title" className="visually-hidden">
            {caseRef}
          </h1>
          <Loading />
        </>
      ) : null}
      {!view && error ? (
        <>
          <h1 id="screen-title" className="case-title-static">
            <bdi dir="ltr">{caseRef}</bdi>
          </h1>
          <ErrorNotice error={error} />
        </>
      ) : null}
      {context ? (
        <>
          <CaseHeader context={context} />
          {view && error ? <ErrorNotice error={error} /> : null}
          <div className="case-tabs" role="tablist" aria-label={t('cases.sections')}>
            {TABS.map((name) => (
              <button
                key={name}
                ref={(el) => {
                  if (el) tabRefs.current.set(name, el);
                  else tabRefs.current.delete(name);
                }}
                type="button"
                role="tab"
                id={`${id}-tab-${name}`}
                aria-selected={tab === name}
                aria-controls={`${id}-panel-${name}`}
                tabIndex={tab === name ? 0 : -1}
                className="case-tab"
                onClick={() => {
                  setReportRequest(null);
                  setTab(name);
                }}
                onKeyDown={(event) => onTabKey(event, name)}
              >
                {t(TAB_KEY[name])}
                <TabCount tab={name} view={context.view} />
              </button>
            ))}
          </div>
          <div className="case-panel" role="tabpanel" id={`${id}-panel-${tab}`} aria-labelledby={`${id}-tab-${tab}`}>
            {tab === 'reports' ? <ReportsTab context={context} initialOpen={reportRequest} onOpenCase={openOtherCase} onOpenQueue={onOpenQueue} /> : null}
            {tab === 'notes' ? <NotesTab context={context} onReference={onReference} /> : null}
            {tab === 'observables' ? <ObservablesTab context={context} onOpenQueue={onOpenQueue} /> : null}
            {tab === 'evidence' ? (
              <>
                <OnlineCasePanel caseRef={context.view.ref} />
                <EvidenceList target={{ caseRef: context.view.ref }} showReport />
              </>
            ) : null}
            {tab === 'qualification' ? <QualificationTab context={context} /> : null}
            {tab === 'jurisdiction' ? <JurisdictionTab context={context} /> : null}
            {tab === 'dossier' ? <DossierTab context={context} /> : null}
            {tab === 'timeline' ? <TimelineTab context={context} /> : null}
          </div>
        </>
      ) : null}
    </div>
  );
}

function TabCount({ tab, view }: { readonly tab: Tab; readonly view: CaseViewData }): ReactNode {
  const { locale } = useI18n();
  const count = tab === 'reports' ? view.reportIds.length : tab === 'qualification' ? view.qualificationEntries.length : null;
  if (count === null) return null;
  return <span className="case-tab-count num">{formatNumber(count, locale)}</span>;
}
