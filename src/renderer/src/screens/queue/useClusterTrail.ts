/**
 * Looking at one cluster's reports: from the groups (Enter on a group), from
 * the report panel (its cluster), or from the dashboard (a top cluster). The
 * trail remembers the view to go back to and its active row.
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { QueueRow, ViewState } from '../../../../shared/triage.ts';
import { DEFAULT_VIEW, without } from './queueState.ts';

export interface ClusterTrail {
  /** The view to go back to, and its active row. */
  readonly previous: ViewState;
  readonly active: number | null;
  readonly clusterId: number;
  /** Reports in the cluster, when known. */
  readonly size: number | null;
}

/** A request from another screen (the dashboard) to open one cluster's reports; `nonce` tells requests apart. */
export interface ClusterRequest {
  readonly clusterId: number;
  readonly nonce: number;
}

interface ClusterTrailOptions {
  readonly view: ViewState;
  readonly setView: Dispatch<SetStateAction<ViewState>>;
  /** Goes back to a whole view, the search box with it. */
  readonly replaceView: (view: ViewState) => void;
  readonly request: ClusterRequest | null;
}

export interface ClusterTrailControls {
  readonly trail: ClusterTrail | null;
  /** Enter on a group: its reports, the group's row to come back to. */
  readonly enterCluster: (row: QueueRow, active: number | null) => void;
  /** From the report panel: the reports of its cluster. */
  readonly openCluster: (clusterId: number, active: number | null) => void;
  /** Back to the view the cluster was opened from. */
  readonly leaveCluster: () => void;
  /** Another view chosen: there is no way back any more. */
  readonly forget: () => void;
}

export function useClusterTrail({ view, setView, replaceView, request }: ClusterTrailOptions): ClusterTrailControls {
  const [trail, setTrail] = useState<ClusterTrail | null>(null);

  const showCluster = useCallback(
    (clusterId: number) => setView((current) => ({ ...current, grouping: 'reports', filters: { ...current.filters, clusterId } })),
    [setView],
  );

  const enterCluster = useCallback(
    (row: QueueRow, active: number | null) => {
      setTrail({ previous: view, active, clusterId: row.clusterId, size: row.clusterSize });
      showCluster(row.clusterId);
    },
    [view, showCluster],
  );

  const openCluster = useCallback(
    (clusterId: number, active: number | null) => {
      setTrail({ previous: view, active, clusterId, size: null });
      showCluster(clusterId);
    },
    [view, showCluster],
  );

  // Opened from the dashboard: once per request.
  const handledRequest = useRef<number | null>(null);
  useEffect(() => {
    if (!request || handledRequest.current === request.nonce) return;
    handledRequest.current = request.nonce;
    setTrail({ previous: DEFAULT_VIEW, active: null, clusterId: request.clusterId, size: null });
    setView({ ...DEFAULT_VIEW, filters: { clusterId: request.clusterId } });
  }, [request, setView]);

  const leaveCluster = useCallback(() => {
    replaceView(trail?.previous ?? { ...view, filters: without(view.filters, 'clusterId') });
    // The active row of the groups comes back with the query (see useQueueSelection), which reads the trail first.
    setTimeout(() => setTrail(null), 0);
  }, [replaceView, trail, view]);

  const forget = useCallback(() => setTrail(null), []);

  return { trail, enterCluster, openCluster, leaveCluster, forget };
}
