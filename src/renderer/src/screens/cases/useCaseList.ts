/**
 * The cases list: the query (filters, search, sort) and its rows, read page
 * by page (offset/limit) as the table scrolls, with the live count of every
 * filter from the first page. A new query starts again from its top; answers
 * to an older query are dropped.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseFilters, CasePage, CaseRow } from '../../../../shared/cases.ts';
import type { AppErrorShape, Result } from '../../../../shared/contract.ts';
import { useApi } from '../../session/SessionContext.ts';

export type CaseSortKey = 'updatedAt' | 'createdAt' | 'ref' | 'title' | 'status' | 'reports' | 'assignee';
export interface CaseSort {
  readonly key: CaseSortKey;
  readonly dir: 'asc' | 'desc';
}

export interface CaseListQuery {
  readonly filters: CaseFilters;
  readonly sort: CaseSort;
}

export const DEFAULT_CASE_QUERY: CaseListQuery = { filters: {}, sort: { key: 'updatedAt', dir: 'desc' } };

/** Rows asked for at a time. */
export const CASE_PAGE = 100;

export interface CaseList {
  readonly rows: readonly CaseRow[];
  readonly total: number | null;
  readonly facets: CasePage['facets'] | null;
  readonly loading: boolean;
  readonly error: AppErrorShape | null;
  /** Reads the next page, if any and none is under way. */
  readonly more: () => void;
  /** Reads the query again from its top (after a change made here). */
  readonly reload: () => void;
}

interface Loaded {
  readonly key: string;
  readonly rows: readonly CaseRow[];
  readonly total: number;
  readonly facets: CasePage['facets'];
}

export function useCaseList(query: CaseListQuery): CaseList {
  const api = useApi();
  const key = JSON.stringify(query);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [generation, setGeneration] = useState(0);
  /** The query and generation last answered (rows or error): anything else is loading. */
  const [answered, setAnswered] = useState<{ key: string; generation: number } | null>(null);
  const latest = useRef<{ key: string; loaded: Loaded | null; busy: boolean; generation: number }>({ key, loaded, busy: false, generation });
  useEffect(() => {
    latest.current.key = key;
    latest.current.loaded = loaded;
    latest.current.generation = generation;
  });

  /** Adopts one page's answer, unless the query changed meanwhile. */
  const adopt = useCallback((result: Result<CasePage>, offset: number, forKey: string, forGeneration: number): void => {
    if (latest.current.key !== forKey) return;
    latest.current.busy = false;
    setMoreBusy(false);
    setAnswered({ key: forKey, generation: forGeneration });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    const page = result.value;
    setLoaded((before) => {
      const kept = offset > 0 && before?.key === forKey ? before.rows.slice(0, offset) : [];
      return { key: forKey, rows: [...kept, ...page.rows], total: page.total, facets: offset > 0 && before ? before.facets : page.facets };
    });
  }, []);

  // The query by content: a new object with the same filters reads nothing again.
  const stable = useMemo(() => JSON.parse(key) as CaseListQuery, [key]);
  useEffect(() => {
    const forKey = JSON.stringify(stable);
    latest.current.busy = true;
    void api('cases.list', { filters: stable.filters, sort: stable.sort, offset: 0, limit: CASE_PAGE }).then((result) => adopt(result, 0, forKey, generation));
  }, [api, adopt, stable, generation]);

  const more = useCallback(() => {
    const { loaded: now, busy, key: currentKey, generation: forGeneration } = latest.current;
    if (busy || !now || now.key !== currentKey || now.rows.length >= now.total) return;
    const parsed = JSON.parse(currentKey) as CaseListQuery;
    const offset = now.rows.length;
    latest.current.busy = true;
    setMoreBusy(true);
    void api('cases.list', { filters: parsed.filters, sort: parsed.sort, offset, limit: CASE_PAGE }).then((result) => adopt(result, offset, currentKey, forGeneration));
  }, [api, adopt]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  const current = loaded?.key === key ? loaded : null;
  return {
    rows: current?.rows ?? loaded?.rows ?? [],
    total: current?.total ?? loaded?.total ?? null,
    facets: current?.facets ?? loaded?.facets ?? null,
    loading: moreBusy || answered?.key !== key || answered.generation !== generation,
    error,
    more,
    reload,
  };
}
