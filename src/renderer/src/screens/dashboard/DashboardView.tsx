/**
 * The dashboard itself (loaded with Chart.js when the screen first opens): key figures, referral follow-up, reports per day by category, the open backlog,
 * overdue reports, platforms, regions, and the content reported most often.
 * Read again when the queue's data changes (at most every 5 s), or when the
 * analyst asks; the figures on screen stay until the new ones arrive.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { isOpenQueueStatus, QUEUE_STATUSES } from '../../../../shared/statuses.ts';
import type { Dashboard } from '../../../../shared/triage.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import type { ScreenId } from '../../shell/screens.ts';
import { ClustersTable } from './ClustersTable.tsx';
import { categoryName, platformName, regionName, statusName } from './dashboardLabels.ts';
import { FacetBarChart } from './FacetBarChart.tsx';
import { KeyFigures } from './KeyFigures.tsx';
import { barColour, categoryColour } from './palette.ts';
import { PerDayChart } from './PerDayChart.tsx';
import { ReferralFigures } from './ReferralFigures.tsx';
import { PeriodSelector, type Period } from './PeriodSelector.tsx';
import { useQueueChanged } from '../../hooks/useQueueChanged.ts';

/** Reads caused by changes in the queue are spaced by at least this much. */
const REFRESH_THROTTLE_MS = 5000;

/** Statuses in their life cycle's order; the first three still wait for the team. */
const STATUS_ORDER: readonly string[] = QUEUE_STATUSES;

function statusRank(status: string): number {
  const index = STATUS_ORDER.indexOf(status);
  return index === -1 ? STATUS_ORDER.length : index;
}

export interface DashboardScreenProps {
  readonly onNavigate: (screen: ScreenId) => void;
  /** Opens the queue on the reports of one cluster; without it, the clusters table has no action. */
  readonly onOpenCluster?: (clusterId: number) => void;
}

export default function DashboardView({ onNavigate, onOpenCluster }: DashboardScreenProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [days, setDays] = useState<Period>(30);
  const [generation, setGeneration] = useState(0);
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [loading, setLoading] = useState(true);
  // Only a read the analyst asked for (period, Refresh) is announced: background reads during a sync would flicker.
  const [asked, setAsked] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void api('dashboard.get', { days }).then((result) => {
      if (cancelled) return;
      setLoading(false);
      setAsked(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setData(result.value);
    });
    return () => {
      cancelled = true;
    };
  }, [api, days, generation]);

  useQueueChanged(() => setGeneration((n) => n + 1), REFRESH_THROTTLE_MS);

  function reload(nextDays: Period = days): void {
    if (loading && nextDays === days) return;
    setLoading(true);
    setAsked(true);
    if (nextDays === days) setGeneration((n) => n + 1);
    else setDays(nextDays);
  }

  const hasReports = data !== null && data.total > 0;
  // Charts side by side are sized for the longer of the two.
  const bars = (facets: readonly { count: number }[]): number => facets.filter((facet) => facet.count > 0).length;
  const firstRow = data ? Math.max(bars(data.backlogByStatus), bars(data.overdueByCategory)) : 0;
  const secondRow = data ? Math.max(bars(data.byPlatform), bars(data.byRegion)) : 0;

  return (
    <>
      <ScreenHeader
        title={t('nav.dashboard')}
        intro={hasReports ? t('dashboard.intro') : undefined}
        actions={
          hasReports ? (
            <>
              <PeriodSelector value={days} onChange={(next) => reload(next)} />
              <button type="button" className="btn" aria-disabled={loading || undefined} onClick={() => reload()}>
                {t('common.refresh')}
              </button>
            </>
          ) : undefined
        }
      />
      {data === null && loading ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data !== null && data.total === 0 ? (
        <EmptyState title={t('dashboard.emptyTitle')} action={{ label: t('dashboard.toSettings'), onClick: () => onNavigate('settings') }}>
          <p>{t('dashboard.emptyBody')}</p>
          <p>{t('dashboard.emptyMore')}</p>
        </EmptyState>
      ) : null}
      {hasReports ? (
        <div className="dashboard" aria-busy={(loading && asked) || undefined}>
          <p className="dash-meta">
            <Msg id="dashboard.generatedAt" params={{ time: <Timestamp iso={data.generatedAt} /> }} />
            <span className="dash-updating" role="status">
              {loading && asked ? t('dashboard.updating') : ''}
            </span>
          </p>
          <KeyFigures data={data} />
          <ReferralFigures generation={generation} />
          <div className="dash-grid">
            <PerDayChart perDay={data.perDay} days={days} />
            <FacetBarChart
              title={t('dashboard.backlog.title')}
              subtitle={t('dashboard.backlog.subtitle')}
              column={t('dashboard.col.status')}
              sizeFor={firstRow}
              items={[...data.backlogByStatus].sort((a, b) => statusRank(a.value) - statusRank(b.value)).map(({ value, count }) => ({
                key: value,
                label: statusName(t, value),
                count,
                colour: barColour(!isOpenQueueStatus(value)),
              }))}
            />
            <FacetBarChart
              title={t('dashboard.overdueByCategory.title')}
              subtitle={t('dashboard.overdueByCategory.subtitle')}
              column={t('dashboard.col.category')}
              sizeFor={firstRow}
              empty={t('dashboard.overdueByCategory.none')}
              sort
              items={data.overdueByCategory.map(({ value, count }) => ({
                key: value,
                label: categoryName(t, value),
                count,
                colour: categoryColour(value),
              }))}
            />
            <FacetBarChart
              title={t('dashboard.platform.title')}
              subtitle={t('dashboard.periodSubtitle', { count: days })}
              column={t('dashboard.col.platform')}
              sizeFor={secondRow}
              sort
              items={data.byPlatform.map(({ value, count }) => ({ key: value, label: platformName(t, value), count }))}
            />
            <FacetBarChart
              title={t('dashboard.region.title')}
              subtitle={t('dashboard.periodSubtitle', { count: days })}
              column={t('dashboard.col.region')}
              sizeFor={secondRow}
              sort
              items={data.byRegion.map(({ value, count }) => ({ key: value, label: regionName(t, value), count }))}
            />
            <ClustersTable clusters={data.topClusters} onOpenCluster={onOpenCluster} />
          </div>
        </div>
      ) : null}
    </>
  );
}
