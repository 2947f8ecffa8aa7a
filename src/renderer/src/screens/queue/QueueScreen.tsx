/**
 * The queue of reports received through intake sync, 100 at a time. It is
 * read again (at most every 2 s) while a sync run applies changes, and when
 * the run ends. Claiming a report, or setting another status, updates its row
 * at once; the core pushes the status back to the intake service.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { ReportPage, ReportSummary } from '../../../../shared/schemas.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { useI18n } from '../../i18n/index.ts';
import { reportStatusLabel } from '../../i18n/labels.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useSyncTrigger } from '../../intake/useSyncTrigger.ts';
import { useApi } from '../../session/SessionContext.ts';
import type { ScreenId } from '../../shell/screens.ts';
import { ReportsTable, type StatusChange } from './ReportsTable.tsx';

const PAGE_SIZE = 100;
/** Refetches caused by a running sync are spaced by at least this much. */
const REFRESH_THROTTLE_MS = 2000;

interface QueueScreenProps {
  readonly onNavigate: (screen: ScreenId) => void;
}

export function QueueScreen({ onNavigate }: QueueScreenProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ReportPage | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const [changed, setChanged] = useState<StatusChange | null>(null);
  // After Previous/Next, the keyboard moves to the new page's summary (and the view to the table's top).
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const focusSummary = useRef(false);

  useEffect(() => {
    let cancelled = false;
    void api('reports.list', { limit: PAGE_SIZE, offset }).then((result) => {
      if (cancelled) return;
      setLoading(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      const { total, reports } = result.value;
      // The page fell past the end (the store shrank): go to the last page instead.
      if (reports.length === 0 && offset > 0 && total > 0) setOffset(Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE);
      else setPage(result.value);
    });
    return () => {
      cancelled = true;
    };
  }, [api, offset, generation]);

  useSyncTrigger(() => setGeneration((n) => n + 1), { onApplied: true, throttleMs: REFRESH_THROTTLE_MS });

  useEffect(() => {
    if (!focusSummary.current || loading) return;
    focusSummary.current = false;
    summaryRef.current?.focus();
  }, [page, loading]);

  function goTo(next: number): void {
    if (next === offset || next < 0) return;
    setLoading(true);
    setChanged(null);
    focusSummary.current = true;
    setOffset(next);
  }

  function replaceRow(report: ReportSummary): void {
    setPage((current) =>
      current ? { ...current, reports: current.reports.map((row) => (row.id === report.id ? report : row)) } : current,
    );
  }

  const total = page?.total ?? null;
  const reports = page?.reports ?? [];
  const toSettings = { label: t('queue.toSettings'), onClick: () => onNavigate('settings') };
  const hasPrevious = offset > 0;
  const hasNext = total !== null && offset + PAGE_SIZE < total;

  return (
    <>
      <ScreenHeader
        title={t('nav.queue')}
        intro={total ? t('queue.intro') : undefined}
        actions={
          total ? (
            <button
              type="button"
              className="btn"
              aria-disabled={loading || undefined}
              onClick={() => {
                if (loading) return;
                setLoading(true);
                setGeneration((n) => n + 1);
              }}
            >
              {t('common.refresh')}
            </button>
          ) : undefined
        }
      />
      {page === null && loading ? <Loading /> : null}
      <ErrorNotice error={error} />
      {total === 0 ? (
        <EmptyState title={t('queue.emptyTitle')} action={toSettings}>
          <p>{t('queue.emptyBody')}</p>
          <p>{t('queue.emptyMore')}</p>
        </EmptyState>
      ) : null}
      {total !== null && total > 0 ? (
        <>
          {changed ? <StatusChangedNotice change={changed} /> : null}
          {/* Not a live region: during a sync the total changes every few seconds. Paging moves the focus here instead. */}
          <p className="table-summary" ref={summaryRef} tabIndex={-1}>
            {t('queue.range', { from: Math.min(offset + 1, total), to: Math.min(offset + reports.length, total), total })}
          </p>
          <ReportsTable reports={reports} onUpdated={replaceRow} onChanged={setChanged} />
          {hasPrevious || hasNext ? (
            <nav className="pager" aria-label={t('queue.pagination')}>
              <button
                type="button"
                className="btn"
                aria-disabled={!hasPrevious || loading || undefined}
                onClick={() => {
                  if (hasPrevious && !loading) goTo(Math.max(0, offset - PAGE_SIZE));
                }}
              >
                <span aria-hidden="true" className="pager-arrow">
                  ‹
                </span>
                {t('queue.previous')}
              </button>
              <button
                type="button"
                className="btn"
                aria-disabled={!hasNext || loading || undefined}
                onClick={() => {
                  if (hasNext && !loading) goTo(offset + PAGE_SIZE);
                }}
              >
                {t('queue.next')}
                <span aria-hidden="true" className="pager-arrow">
                  ›
                </span>
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function StatusChangedNotice({ change }: { readonly change: StatusChange }): ReactNode {
  const { t } = useI18n();
  if (change.error) return <ErrorNotice error={change.error} />;
  return (
    <MessageNotice tone="ok">
      <Msg
        id="queue.updated"
        params={{
          id: (
            <bdi className="mono" dir="ltr">
              {change.reportId}
            </bdi>
          ),
          status: reportStatusLabel(t, change.status) ?? change.status,
        }}
      />
    </MessageNotice>
  );
}
