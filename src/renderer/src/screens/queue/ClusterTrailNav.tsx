/** The way back from one cluster's reports: a breadcrumb with the cluster and, when known, its size. */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';
import type { ClusterTrail } from './useClusterTrail.ts';

interface ClusterTrailNavProps {
  readonly clusterId: number;
  readonly trail: ClusterTrail | null;
  readonly onBack: () => void;
}

export function ClusterTrailNav({ clusterId, trail, onBack }: ClusterTrailNavProps): ReactNode {
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
          {t('queue.trailCluster', { id: String(clusterId) })}
          {trail && trail.clusterId === clusterId && trail.size !== null ? <span className="muted"> · {t('queue.reportedTimes', { count: trail.size })}</span> : null}
        </li>
      </ol>
    </nav>
  );
}
