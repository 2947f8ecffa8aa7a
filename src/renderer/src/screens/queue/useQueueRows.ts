/**
 * The rows of the queue's current view: one RowCache per query (filters, sort,
 * grouping), read block by block as the grid scrolls; the previous query's
 * rows kept on screen until the new one answers; the live facet counts; and
 * both read again when the core says the data changed.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { ViewState } from '../../../../shared/triage.ts';
import { subscribe } from '../../api/client.ts';
import { useKeyed } from '../../hooks/useKeyed.ts';
import { useApi } from '../../session/SessionContext.ts';
import type { Facets } from './FiltersPanel.tsx';
import { filtersKey } from './queueState.ts';
import { BLOCK_SIZE, RowCache, type CacheSnapshot, type FetchBlock, type QuerySpec } from './rowCache.ts';

/** Data changes (a sync running) refresh the view at most this often. */
const CHANGE_THROTTLE_MS = 700;

/** Query part of a view, canonical: a cache key. */
export function specKey(view: ViewState): string {
  return JSON.stringify({ f: filtersKey(view.filters), s: view.sort, g: view.grouping });
}

export interface QueueRows {
  /** The cache of the current query, and its snapshot. */
  readonly cache: RowCache;
  readonly snapshot: CacheSnapshot;
  /** The cache on screen: the previous query's until the current one has its first answer. */
  readonly shownCache: RowCache;
  readonly shown: CacheSnapshot;
  /** The current query has not answered yet (the rows shown are the previous query's). */
  readonly pending: boolean;
  /** Rows in the result shown; null before the first answer. */
  readonly total: number | null;
  /** Whether the rows shown are groups of reports. */
  readonly shownClusters: boolean;
  readonly facets: Facets | null;
  readonly error: AppErrorShape | null;
  /** Reads the counts again (after a status set here). */
  readonly countsChanged: () => void;
  /** Reads everything again (after an error, or a change the core did not announce). */
  readonly refresh: () => void;
}

export function useQueueRows(view: ViewState): QueueRows {
  const api = useApi();
  const key = specKey(view);
  const spec = useKeyed<QuerySpec>(key, { filters: view.filters, sort: view.sort, grouping: view.grouping });
  const [changeTick, setChangeTick] = useState(0);
  const countsChanged = useCallback(() => setChangeTick((n) => n + 1), []);

  const fetchBlock = useCallback<FetchBlock>(
    async (query, offset, limit) => {
      const result = await api('queue.query', { filters: query.filters, sort: query.sort, grouping: query.grouping, offset, limit, facets: false });
      return result.ok ? { ok: true, value: result.value } : result;
    },
    [api],
  );
  const cache = useMemo(() => new RowCache(spec, fetchBlock), [spec, fetchBlock]);
  const snapshot = useSyncExternalStore(cache.subscribe, cache.getSnapshot);
  // Until a new query has its first answer, the previous rows stay on screen: nothing blinks.
  const [shownCache, setShownCache] = useState(cache);
  if (shownCache !== cache && (snapshot.total !== null || snapshot.error !== null)) setShownCache(cache);
  const shown = useSyncExternalStore(shownCache.subscribe, shownCache.getSnapshot);
  useEffect(() => {
    // The grid asks for the rows it shows; a query not shown yet needs its first block.
    cache.want(0, BLOCK_SIZE);
  }, [cache]);

  // Live counts of every filter value: whenever the filters change, and when the data does.
  const facetsQuery = useKeyed(`${filtersKey(view.filters)}|${view.grouping}`, { filters: view.filters, grouping: view.grouping });
  const [facets, setFacets] = useState<Facets | null>(null);
  const [facetsError, setFacetsError] = useState<AppErrorShape | null>(null);
  useEffect(() => {
    let cancelled = false;
    const { filters, grouping } = facetsQuery;
    // "In a case" is not one of the core's facets: its two counts are two totals, the other filters unchanged.
    const inCaseTotal = (inCase: boolean): Promise<number | null> =>
      api('queue.query', { filters: { ...filters, inCase }, grouping, limit: 0, facets: false }).then((result) => (result.ok ? result.value.total : null));
    void Promise.all([api('queue.query', { filters, grouping, limit: 0, facets: true }), inCaseTotal(true), inCaseTotal(false)]).then(([result, inCase, notInCase]) => {
      if (cancelled) return;
      if (result.ok) {
        const counted = result.value.facets ?? {};
        setFacets(
          inCase !== null && notInCase !== null
            ? { ...counted, inCase: [{ value: 'true', count: inCase }, { value: 'false', count: notInCase }] }
            : counted,
        );
        setFacetsError(null);
      } else setFacetsError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api, facetsQuery, changeTick]);

  // The core says the data changed (a sync, a status set): stale blocks are read again, the counts too.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let latest = -1;
    let lastAt = 0;
    const fire = (): void => {
      timer = undefined;
      lastAt = Date.now();
      cache.markGeneration(latest);
      if (shownCache !== cache) shownCache.markGeneration(latest);
      setChangeTick((n) => n + 1);
    };
    const unsubscribe = subscribe('queue.changed', ({ generation }) => {
      latest = Math.max(latest, generation);
      if (timer !== undefined) return;
      timer = setTimeout(fire, Math.max(0, lastAt + CHANGE_THROTTLE_MS - Date.now()));
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [cache, shownCache]);

  const refresh = useCallback(() => {
    cache.refresh();
    if (shownCache !== cache) shownCache.refresh();
    setChangeTick((n) => n + 1);
  }, [cache, shownCache]);

  return {
    cache,
    snapshot,
    shownCache,
    shown,
    pending: shownCache !== cache,
    total: shown.total,
    shownClusters: shownCache.spec.grouping === 'clusters',
    facets,
    error: snapshot.error ?? shown.error ?? facetsError,
    countsChanged,
    refresh,
  };
}
