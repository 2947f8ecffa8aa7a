/** The way back from one cluster's reports: a breadcrumb with what the cluster groups ("Groupe WhatsApp") and, when known, its size. */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { clusterContent } from '../../i18n/labels.ts';
import type { ClusterTrail } from './useClusterTrail.ts';

interface ClusterTrailNavProps {
  readonly clusterId: number;
  /** The key of the cluster shown (from its first row), once the rows are there. */
  readonly clusterKey: string | null;
  readonly trail: ClusterTrail | null;
  readonly onBack: () => void;
}

export function ClusterTrailNav({ clusterId, clusterKey, trail, onBack }: ClusterTrailNavProps): ReactNode {
  const { t } = useI18n();
  return (
    <nav className="q-trail" aria-label={t('queue.trail')}>
      <ol>
        <li>
          <button type="button" className="q-trail-back" onClick={onBack}>
            <span aria-hidden="true" className="q-trail-arrow" />
            {t(trail && trail.previous.grouping === 'reports' ? 'queue.trailBackQueue' : 'queue.trailBack')}
          </button>
        </li>
        <li aria-current="page">
          {clusterKey !== null ? t('queue.trailClusterOf', { content: clusterContent(t, clusterKey).label }) : t('queue.trailCluster', { id: String(clusterId) })}
          {trail && trail.clusterId === clusterId && trail.size !== null ? <span className="muted"> · {t('queue.clusterReports', { count: trail.size })}</span> : null}
        </li>
      </ol>
    </nav>
  );
}
