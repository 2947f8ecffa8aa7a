/**
 * The largest groups of reports about the same content. The key and the
 * sample report id come from the intake service: text only, isolated in <bdi>.
 */
import { defangUrl } from '../../../../shared/defang.ts';
import { clusterKeyPlatform } from '../../../../shared/labels/cluster-key.ts';
import { clusterContent } from '../../i18n/labels.ts';
import { useId, type ReactNode } from 'react';
import type { Dashboard } from '../../../../shared/triage.ts';
import { DataTable, type DataColumn } from '../../components/DataTable.tsx';
import { formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { categoryName, platformName } from './dashboardLabels.ts';
import { categorySwatchClass } from './palette.ts';

type Cluster = Dashboard['topClusters'][number];

interface ClustersTableProps {
  readonly clusters: Dashboard['topClusters'];
  readonly onOpenCluster?: ((clusterId: number) => void) | undefined;
}

export function ClustersTable({ clusters, onOpenCluster }: ClustersTableProps): ReactNode {
  const { t, locale } = useI18n();
  const titleId = useId();
  const columns: (DataColumn<Cluster> | null)[] = [
    { key: 'size', header: t('dashboard.clusters.col.size'), headerClassName: 'dash-num', className: 'dash-num', cell: (cluster) => formatNumber(cluster.size, locale) },
    {
      key: 'key',
      header: t('dashboard.clusters.col.key'),
      rowHeader: true,
      className: 'dash-cluster-key',
      cell: (cluster) => <ClusterContent clusterKey={cluster.key} />,
    },
    {
      key: 'platform',
      header: t('dashboard.clusters.col.platform'),
      // The platform the content is on (a WhatsApp group is WhatsApp's), else the one the reporter chose.
      cell: (cluster) => <bdi>{platformName(t, clusterKeyPlatform(cluster.key) ?? cluster.platform)}</bdi>,
    },
    {
      key: 'category',
      header: t('dashboard.clusters.col.category'),
      cell: (cluster) => (
        <span className="dash-category">
          <span className={categorySwatchClass(cluster.category)} aria-hidden="true" />
          <bdi>{categoryName(t, cluster.category)}</bdi>
        </span>
      ),
    },
    {
      key: 'sample',
      header: t('dashboard.clusters.col.sample'),
      cell: (cluster) => (
        <bdi className="mono" dir="ltr">
          {cluster.sampleReportId}
        </bdi>
      ),
    },
    onOpenCluster
      ? {
          key: 'actions',
          header: t('dashboard.clusters.col.actions'),
          className: 'cell-actions',
          cell: (cluster) => (
            <button type="button" className="btn btn-small" aria-label={t('dashboard.clusters.openNamed', { id: cluster.sampleReportId })} onClick={() => onOpenCluster(cluster.clusterId)}>
              {t('dashboard.clusters.open')}
            </button>
          ),
        }
      : null,
  ];
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
        <DataTable caption={t('dashboard.clusters.caption')} className="dash-clusters" columns={columns} rows={clusters} rowKey={(cluster) => cluster.clusterId} />
      )}
    </section>
  );
}

/** What a cluster groups, in words ("Groupe WhatsApp"), with the content's id or defanged URL under it: never the internal key. */
function ClusterContent({ clusterKey }: { readonly clusterKey: string | null }): ReactNode {
  const { t } = useI18n();
  if (clusterKey === null) return <span className="muted">{t('common.none')}</span>;
  const { label, detail, isUrl } = clusterContent(t, clusterKey);
  return (
    <span className="dash-cluster-content">
      <span className="dash-cluster-kind">{label}</span>
      {detail !== null ? (
        <bdi className="mono dash-cluster-detail" dir={isUrl ? 'ltr' : 'auto'}>
          {isUrl ? defangUrl(detail) : detail}
        </bdi>
      ) : null}
    </span>
  );
}
