/**
 * The case's reports, in the queue's own look: the core reads them as the
 * queue does (queue.query filtered on the case), with priority, category,
 * platform, status, submission, deadline and place, sorted by a header click,
 * a page at a time. A report opens in the report panel beside the list;
 * removing one asks why (the reason stays in the timeline). Reports are added
 * by id (typed or pasted).
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { QueueFilters, QueueRow, Sort, SortKey } from '../../../../shared/triage.ts';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useCalm } from '../../hooks/useCalm.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import '../../styles/queue.css';
import { CategoryCell, DeadlineCell, IdCell, LocationCell, PlatformCell, PriorityCell, StatusCell, SubmittedCell, type CellProps } from '../queue/cells.tsx';
import { ReportPanel } from '../report/ReportPanel.tsx';
import { reportIdsIn } from './caseLabels.ts';
import type { CaseContext } from './CaseView.tsx';
import { ReasonDialog } from './Dialog.tsx';
import './case-links.css';

/** Rows read at a time. */
const PAGE = 100;

interface Column {
  readonly id: string;
  readonly label: MessageKey;
  readonly Cell: (props: CellProps) => ReactNode;
  readonly sortKey?: SortKey;
  /** Sorts descending first (more urgent, more recent). */
  readonly descFirst?: boolean;
}

const COLUMNS: readonly Column[] = [
  { id: 'priority', label: 'cases.reports.priority', Cell: PriorityCell, sortKey: 'priority', descFirst: true },
  { id: 'id', label: 'cases.reports.id', Cell: IdCell, sortKey: 'id' },
  { id: 'category', label: 'cases.reports.category', Cell: CategoryCell, sortKey: 'category' },
  { id: 'platform', label: 'cases.reports.platform', Cell: PlatformCell, sortKey: 'platform' },
  { id: 'status', label: 'cases.reports.status', Cell: StatusCell, sortKey: 'status' },
  { id: 'submittedAt', label: 'cases.reports.submitted', Cell: SubmittedCell, sortKey: 'submittedAt', descFirst: true },
  { id: 'deadline', label: 'cases.reports.deadline', Cell: DeadlineCell, sortKey: 'deadline' },
  { id: 'location', label: 'cases.reports.location', Cell: LocationCell, sortKey: 'region' },
];

interface Loaded {
  readonly key: string;
  readonly rows: readonly QueueRow[];
  readonly total: number;
}

interface ReportsTabProps {
  readonly context: CaseContext;
  /** A report to open at once (named in a note). */
  readonly initialOpen?: string | null;
  /** Opens another case (from the report panel's list of cases). */
  readonly onOpenCase?: ((ref: string) => void) | undefined;
  /** Shows the queue with these filters (this case's reports, an observable's); without it, no such buttons. */
  readonly onOpenQueue?: ((filters: QueueFilters) => void) | undefined;
}

export function ReportsTab({ context, initialOpen = null, onOpenCase, onOpenQueue }: ReportsTabProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const { view, apply } = context;
  const [sort, setSort] = useState<Sort>({ key: 'priority', dir: 'desc' });
  const [limit, setLimit] = useState(PAGE);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [generation, setGeneration] = useState(0);
  const [openId, setOpenId] = useState<string | null>(initialOpen);
  const [removing, setRemoving] = useState<string | null>(null);
  // The case's reports changed (added, removed), the sort, the page or a status: read again.
  const key = `${view.ref}|${view.reportIds.join(',')}|${sort.key}|${sort.dir}|${limit}|${generation}`;

  useEffect(() => {
    let cancelled = false;
    void api('queue.query', { filters: { caseRef: view.ref }, sort, offset: 0, limit, facets: false }).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setLoaded({ key, rows: result.value.rows, total: result.value.total });
        setError(null);
      } else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api, key, view.ref, sort, limit]);

  const stale = useCalm(loaded !== null && loaded.key !== key);
  const rows = loaded?.rows ?? [];
  const total = loaded?.total ?? view.reportIds.length;

  function sortBy(column: Column): void {
    if (!column.sortKey) return;
    const key = column.sortKey;
    setSort((current) => (current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: column.descFirst ? 'desc' : 'asc' }));
  }

  return (
    <div className={`cs-reports${openId ? ' cs-reports-split' : ''}`}>
      <div className="cs-reports-list">
        <div className="cs-reports-top">
          <AddReports context={context} />
          {onOpenQueue && view.reportIds.length > 0 ? (
            <button type="button" className="btn btn-small cs-to-queue" onClick={() => onOpenQueue({ caseRef: view.ref })}>
              {t('cases.reports.toQueue')}
            </button>
          ) : null}
        </div>
        <ErrorNotice error={error} />
        {view.reportIds.length === 0 ? (
          <p className="cs-empty muted">{t('cases.reports.none')}</p>
        ) : (
          <div className={`table-wrap cs-report-table-wrap${stale ? ' cs-stale' : ''}`} aria-busy={loaded?.key !== key || undefined}>
            <table className="table cs-report-table">
              <caption className="visually-hidden">{t('cases.tab.reports')}</caption>
              <thead>
                <tr>
                  {COLUMNS.map((column) => {
                    const sorted = sort.key === column.sortKey ? sort.dir : null;
                    return (
                      <th key={column.id} scope="col" className={`cs-qcell-${column.id}`} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                        <button type="button" className={`cs-sort${sorted ? ' cs-sorted' : ''}`} onClick={() => sortBy(column)}>
                          <span>{t(column.label)}</span>
                          <span className={`cs-sort-icon cs-sort-${sorted ?? 'none'}`} aria-hidden="true" />
                        </button>
                      </th>
                    );
                  })}
                  <th scope="col">
                    <span className="visually-hidden">{t('cases.reports.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} className={`${openId === row.id ? 'cs-line-open' : ''}${row.imminentDanger ? ' cs-line-danger' : ''}`}>
                    {COLUMNS.map((column) => (
                      <td key={column.id} className={`cs-qcell cs-qcell-${column.id}`}>
                        <column.Cell row={row} clusters={false} onOpen={() => setOpenId(row.id)} />
                      </td>
                    ))}
                    <td className="cell-actions">
                      <button type="button" className="btn btn-small" aria-pressed={openId === row.id} onClick={() => setOpenId(row.id)} aria-label={t('cases.reports.open', { id: row.id })}>
                        {t('cases.reports.show')}
                      </button>
                      <button type="button" className="btn btn-small" onClick={() => setRemoving(row.id)} aria-label={t('cases.reports.removeNamed', { id: row.id })}>
                        {t('cases.reports.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {total > rows.length && loaded ? (
          <button type="button" className="btn btn-small cs-more" onClick={() => setLimit((n) => n + PAGE)}>
            {t('cases.reports.more', { count: Math.min(PAGE, total - rows.length) })}
          </button>
        ) : null}
        {view.removedReports.length > 0 ? (
          <details className="cs-removed">
            <summary>{t('cases.reports.removed', { count: view.removedReports.length })}</summary>
            <ul>
              {view.removedReports.map((removed) => (
                <li key={`${removed.reportId}-${removed.at}`}>
                  <bdi dir="ltr" className="mono">
                    {removed.reportId}
                  </bdi>{' '}
                  <Msg
                    id="cases.reports.removedBy"
                    params={{
                      who: <bdi dir="auto">{removed.by ?? t('cases.someone')}</bdi>,
                      at: <Timestamp iso={removed.at} />,
                      reason: <bdi dir="auto">{removed.reason}</bdi>,
                    }}
                  />
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
      {openId ? (
        <section className="cs-report-panel" aria-label={t('cases.reports.panel', { id: openId })}>
          <ReportPanel
            key={openId}
            reportId={openId}
            onClose={() => setOpenId(null)}
            onChanged={() => setGeneration((n) => n + 1)}
            onOpenCase={onOpenCase}
            onFilterObservable={onOpenQueue ? (observableId) => onOpenQueue({ observableId }) : undefined}
            onOpenReport={setOpenId}
          />
        </section>
      ) : null}
      {removing ? (
        <ReasonDialog
          title={t('cases.reports.removeTitle', { id: removing })}
          intro={<p>{t('cases.reports.removeIntro')}</p>}
          submitLabel={t('cases.reports.remove')}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={async (reason) => {
            const result = await api('cases.removeReport', { ref: view.ref, reportId: removing, reason });
            if (result.ok) {
              apply(result.value);
              if (openId === removing) setOpenId(null);
            }
            return result;
          }}
          onDone={() => setRemoving(null)}
        />
      ) : null}
    </div>
  );
}

function AddReports({ context }: { readonly context: CaseContext }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const { view, apply } = context;
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const [invalid, setInvalid] = useState(false);
  const ids = reportIdsIn(text);

  async function submit(): Promise<void> {
    setAdded(null);
    if (ids.length === 0) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    setError(null);
    const before = view.reportIds.length;
    const result = await api('cases.addReports', { ref: view.ref, reportIds: ids });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    apply(result.value);
    setAdded(result.value.reportIds.length - before);
    setText('');
  }

  return (
    <form
      className="cs-add-reports"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label className="field-label" htmlFor={id}>
        {t('cases.reports.add')}
      </label>
      <div className="cs-inline">
        <input
          id={id}
          className="input mono"
          dir="ltr"
          value={text}
          placeholder="IBL-2026-0000001"
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setText(event.target.value);
            setInvalid(false);
          }}
        />
        <button type="submit" className="btn btn-small" disabled={busy}>
          {t('cases.reports.addButton')}
        </button>
      </div>
      <span id={`${id}-hint`} className={invalid ? 'field-error' : 'field-hint'}>
        {invalid ? t('cases.reports.addInvalid') : t('cases.reports.addHint', { count: ids.length })}
      </span>
      {added !== null ? <MessageNotice tone="ok">{t('cases.reports.added', { count: added })}</MessageNotice> : null}
      <ErrorNotice error={error} />
    </form>
  );
}
