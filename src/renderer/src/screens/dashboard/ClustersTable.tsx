/**
 * The largest groups of reports about the same content. The key and the
 * sample report id come from the intake service: text only, isolated in <bdi>.
 */
import { defangUrl } from '../../../../shared/defang.ts';
import { useId, type ReactNode } from 'react';
import type { Dashboard } from '../../../../shared/triage.ts';
import { formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { categoryName, platformName } from './dashboardLabels.ts';
import { categorySwatchClass } from './palette.ts';

interface ClustersTableProps {
  readonly clusters: Dashboard['topClusters'];
  readonly onOpenCluster?: ((clusterId: number) => void) | undefined;
}

export function ClustersTable({ clusters, onOpenCluster }: ClustersTableProps): ReactNode {
  const { t, locale } = useI18n();
  const titleId = useId();
  return (
    <section className="dash-card dash-card-wide" aria-labelledby={titleId}>
      <div className="dash-card-head">
        <h2 className="dash-card-title" id={titleId}>
          {t('dashboard.clusters.title')}
        </h2>
        <p className="dash-card-subtitle">{t('dashboard.clusters.intro')}</p>
      </div>
      {clusters.length === 0 ? (
        <p className="dash-card-empty">{t('dashboard.clusters.empty')}</p>
      ) : (
        <div className="table-wrap dash-clusters">
          <table className="table">
            <caption className="visually-hidden">{t('dashboard.clusters.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="dash-num">
                  {t('dashboard.clusters.col.size')}
                </th>
                <th scope="col">{t('dashboard.clusters.col.key')}</th>
                <th scope="col">{t('dashboard.clusters.col.platform')}</th>
                <th scope="col">{t('dashboard.clusters.col.category')}</th>
                <th scope="col">{t('dashboard.clusters.col.sample')}</th>
                {onOpenCluster ? <th scope="col">{t('dashboard.clusters.col.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {clusters.map((cluster) => (
                <tr key={cluster.clusterId}>
                  <td className="dash-num">{formatNumber(cluster.size, locale)}</td>
                  <th scope="row" className="dash-cluster-key">
                    {cluster.key === null ? <span className="muted">{t('common.none')}</span> : <bdi>{defangUrl(cluster.key)}</bdi>}
                  </th>
                  <td>
                    <bdi>{platformName(t, cluster.platform)}</bdi>
                  </td>
                  <td>
                    <span className="dash-category">
                      <span className={categorySwatchClass(cluster.category)} aria-hidden="true" />
                      <bdi>{categoryName(t, cluster.category)}</bdi>
                    </span>
                  </td>
                  <td>
                    <bdi className="mono" dir="ltr">
                      {cluster.sampleReportId}
                    </bdi>
                  </td>
                  {onOpenCluster ? (
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={t('dashboard.clusters.openNamed', { id: cluster.sampleReportId })}
                        onClick={() => onOpenCluster(cluster.clusterId)}
                      >
                        {t('dashboard.clusters.open')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
