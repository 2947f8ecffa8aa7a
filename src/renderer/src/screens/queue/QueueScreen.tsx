/**
 * The triage queue: every report the workstation holds, filtered, counted,
 * sorted and grouped by the core, shown in a virtualized grid that reads only
 * the rows in view. Keyboard first (see ShortcutsHelp); the selected reports
 * (or the active row) can be claimed or given a status in one go, and a
 * report opens in the side panel.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTable, type ColumnVisibilityState, type SortingState, type Updater } from '@tanstack/react-table';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { ReportStatus } from '../../../../shared/schemas.ts';
import { QueueColumn, type QueueFilters, type QueueRow, type SavedView, type ViewState } from '../../../../shared/triage.ts';
import { subscribe } from '../../api/client.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import type { ScreenId } from '../../shell/screens.ts';
import { ReportPanel } from '../report/ReportPanel.tsx';
import '../../styles/queue.css';
import { ActionBar } from './ActionBar.tsx';
import { ColumnChooser } from './ColumnChooser.tsx';
import { columnForSortKey, queueColumns, queueFeatures, SNIPPET_COLUMN, sortKeyOfColumn } from './columns.ts';
import { FilterChips } from './FilterChips.tsx';
import { FiltersPanel, type Facets } from './FiltersPanel.tsx';
import { reportStatusLabel } from './labels.ts';
import { QueueTable, type QueueTableColumn, type RowPointer } from './QueueTable.tsx';
import { DEFAULT_VIEW, filtersKey, hasFilters, normalizeColumns, without } from './queueState.ts';
import { BLOCK_SIZE, RowCache, type FetchBlock, type QuerySpec } from './rowCache.ts';
import { SavedViews } from './SavedViews.tsx';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';

interface QueueScreenProps {
  readonly onNavigate: (screen: ScreenId) => void;
  /** Another screen (the dashboard's top clusters) asks to open one cluster's reports. */
  readonly clusterRequest?: { clusterId: number; nonce: number } | null;
}

/** Typing in the search box is applied after this pause. */
const SEARCH_DEBOUNCE_MS = 150;
/** Data changes (a sync running) refresh the view at most this often. */
const CHANGE_THROTTLE_MS = 700;
/** Loading indicators wait this long, so that quick answers show none. */
const CALM_DELAY_MS = 200;
/** The bulk channel takes this many reports per call. */
const BULK_MAX = 500;

const NO_ROWS: QueueRow[] = [];

type Outcome =
  | { readonly kind: 'ok'; readonly key: MessageKey; readonly params: Readonly<Record<string, string | number>>; readonly status: ReportStatus }
  | { readonly kind: 'error'; readonly error: AppErrorShape };
/** A confirmation goes away after this long; an error stays until the next action. */
const OUTCOME_MS = 6000;

interface ClusterTrail {
  /** The view to go back to, and its active row. */
  readonly previous: ViewState;
  readonly active: number | null;
  readonly clusterId: number;
  /** Reports in the cluster, when known. */
  readonly size: number | null;
}

/** Query part of a view, canonical: a cache key. */
function specKey(view: ViewState): string {
  return JSON.stringify({ f: filtersKey(view.filters), s: view.sort, g: view.grouping });
}

function viewKey(view: ViewState): string {
  return `${specKey(view)}|${view.columns.join(',')}`;
}

/** True after `flag` has stayed true for `delay` ms. */
function useCalm(flag: boolean, delay = CALM_DELAY_MS): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!flag) return;
    const timer = setTimeout(() => setShown(true), delay);
    return () => {
      clearTimeout(timer);
      setShown(false);
    };
  }, [flag, delay]);
  return flag && shown;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

export function QueueScreen({ onNavigate, clusterRequest = null }: QueueScreenProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const gridRef = useRef<HTMLDivElement | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const setGrid = useCallback((el: HTMLDivElement | null) => {
    gridRef.current = el;
  }, []);

  const [view, setView] = useState<ViewState>(DEFAULT_VIEW);
  const [applied, setApplied] = useState<{ name: string; key: string } | null>(null);
  const [searchText, setSearchText] = useState('');
  const [trail, setTrail] = useState<ClusterTrail | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const [anchor, setAnchor] = useState<number | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [openId, setOpenId] = useState<string | null>(null);
  const [facets, setFacets] = useState<Facets | null>(null);
  const [facetsError, setFacetsError] = useState<AppErrorShape | null>(null);
  const [changeTick, setChangeTick] = useState(0);
  const [menuOpen, setMenuOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  // Open by default where the grid keeps room for its columns beside it.
  const [filtersOpen, setFiltersOpen] = useState(() => window.innerWidth >= 1400);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);

  const clusters = view.grouping === 'clusters';
  const key = specKey(view);

  // ---------------------------------------------------------------------------
  // Rows: one cache per query, reading blocks as the grid scrolls.

  const fetchBlock = useCallback<FetchBlock>(
    async (spec, offset, limit) => {
      const result = await api('queue.query', { filters: spec.filters, sort: spec.sort, grouping: spec.grouping, offset, limit, facets: false });
      return result.ok ? { ok: true, value: result.value } : result;
    },
    [api],
  );
  const cache = useMemo(() => {
    const parsed = JSON.parse(key) as { s: QuerySpec['sort']; g: QuerySpec['grouping'] };
    return new RowCache({ filters: view.filters, sort: parsed.s, grouping: parsed.g }, fetchBlock);
    // The key says everything the query depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, fetchBlock]);
  const snapshot = useSyncExternalStore(cache.subscribe, cache.getSnapshot);
  // Until a new query has its first answer, the previous rows stay on screen: nothing blinks.
  const [shownCache, setShownCache] = useState(cache);
  if (shownCache !== cache && (snapshot.total !== null || snapshot.error !== null)) setShownCache(cache);
  const shown = useSyncExternalStore(shownCache.subscribe, shownCache.getSnapshot);
  const pending = shownCache !== cache;
  const total = shown.total;
  const shownClusters = shownCache.spec.grouping === 'clusters';
  useEffect(() => {
    // The grid asks for the rows it shows; a query not shown yet needs its first block.
    cache.want(0, BLOCK_SIZE);
  }, [cache]);

  // A new query: the selection and the active row belong to the old one.
  const [queryKey, setQueryKey] = useState(key);
  if (queryKey !== key) {
    setQueryKey(key);
    setSelected(new Set());
    setAnchor(null);
    setActive(trail && trail.previous && specKey(trail.previous) === key ? trail.active : null);
  }

  // Fewer rows than before (a change elsewhere): the active row stays within them.
  if (!pending && active !== null && total !== null && active >= total) setActive(total > 0 ? total - 1 : null);

  // Live counts of every filter value: whenever the filters change, and when the data does.
  const facetsFilters = filtersKey(view.filters);
  useEffect(() => {
    let cancelled = false;
    void api('queue.query', { filters: view.filters, grouping: view.grouping, limit: 0, facets: true }).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setFacets(result.value.facets ?? {});
        setFacetsError(null);
      } else setFacetsError(result.error);
    });
    return () => {
      cancelled = true;
    };
    // facetsFilters stands for view.filters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, facetsFilters, view.grouping, changeTick]);

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

  // ---------------------------------------------------------------------------
  // Columns and sort, held by TanStack Table (headless; the core sorts).

  const columnVisibility = useMemo<ColumnVisibilityState>(() => {
    const visibility: ColumnVisibilityState = {};
    for (const column of QueueColumn.options) visibility[column] = view.columns.includes(column);
    visibility[SNIPPET_COLUMN] = Boolean(view.filters.search);
    return visibility;
  }, [view.columns, view.filters.search]);
  const sorting = useMemo<SortingState>(() => [{ id: columnForSortKey(view.sort.key), desc: view.sort.dir === 'desc' }], [view.sort]);

  const onSortingChange = useCallback((updater: Updater<SortingState>) => {
    setView((current) => {
      const before: SortingState = [{ id: columnForSortKey(current.sort.key), desc: current.sort.dir === 'desc' }];
      const next = typeof updater === 'function' ? updater(before) : updater;
      const first = next[0];
      const sortKey = first ? sortKeyOfColumn(first.id) : null;
      if (!first || !sortKey) return current;
      return { ...current, sort: { key: sortKey, dir: first.desc ? 'desc' : 'asc' } };
    });
  }, []);
  const onColumnVisibilityChange = useCallback((updater: Updater<ColumnVisibilityState>) => {
    setView((current) => {
      const before: ColumnVisibilityState = {};
      for (const column of QueueColumn.options) before[column] = current.columns.includes(column);
      const next = typeof updater === 'function' ? updater(before) : updater;
      const columns = normalizeColumns(QueueColumn.options.filter((column) => next[column] ?? before[column]));
      return { ...current, columns };
    });
  }, []);

  const table = useTable({
    features: queueFeatures,
    columns: queueColumns,
    data: NO_ROWS,
    state: { sorting, columnVisibility },
    onSortingChange,
    onColumnVisibilityChange,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    // Text and deadlines sort ascending first; the columns that mean "more urgent" say so themselves.
    sortDescFirst: false,
  });
  const allColumns = table.getAllLeafColumns() as QueueTableColumn[];
  const visibleColumns = useMemo(() => {
    const shown = allColumns.filter((column) => columnVisibility[column.id] !== false);
    if (!shownClusters) return shown;
    // Groups: how often it was reported comes right after the priority.
    const cluster = shown.filter((column) => column.id === 'cluster');
    const others = shown.filter((column) => column.id !== 'cluster');
    return [...others.slice(0, 1), ...cluster, ...others.slice(1)];
  }, [allColumns, columnVisibility, shownClusters]);

  // ---------------------------------------------------------------------------
  // Changing the view.

  const changeFilters = useCallback((filters: QueueFilters) => {
    setSearchText(filters.search ?? '');
    setView((current) => ({ ...current, filters }));
  }, []);

  // The search applies once typing pauses.
  const appliedSearch = view.filters.search ?? '';
  useEffect(() => {
    const wanted = searchText.trim();
    if (wanted === appliedSearch) return;
    const timer = setTimeout(() => {
      setView((current) => ({ ...current, filters: wanted ? { ...current.filters, search: wanted } : without(current.filters, 'search') }));
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [searchText, appliedSearch]);

  const clearAll = useCallback(() => {
    changeFilters(view.filters.clusterId ? { clusterId: view.filters.clusterId } : {});
  }, [changeFilters, view.filters.clusterId]);

  function applyView(saved: SavedView): void {
    const state: ViewState = { ...saved.state, columns: normalizeColumns(saved.state.columns) };
    setTrail(null);
    setSearchText(state.filters.search ?? '');
    setView(state);
    setApplied({ name: saved.name, key: viewKey(state) });
  }

  function setGrouping(grouping: ViewState['grouping']): void {
    setTrail(null);
    setView((current) => ({ ...current, grouping, filters: without(current.filters, 'clusterId') }));
  }

  const enterCluster = useCallback(
    (row: QueueRow, index: number | null) => {
      setTrail({ previous: view, active: index, clusterId: row.clusterId, size: row.clusterSize });
      setView((current) => ({ ...current, grouping: 'reports', filters: { ...current.filters, clusterId: row.clusterId } }));
    },
    [view],
  );

  /** From the report panel: the reports of its cluster, the report kept open. */
  function openCluster(clusterId: number): void {
    setTrail({ previous: view, active, clusterId, size: null });
    setView((current) => ({ ...current, grouping: 'reports', filters: { ...current.filters, clusterId } }));
  }

  // Opened from the dashboard: once per request.
  const handledRequest = useRef<number | null>(null);
  useEffect(() => {
    if (!clusterRequest || handledRequest.current === clusterRequest.nonce) return;
    handledRequest.current = clusterRequest.nonce;
    setTrail({ previous: DEFAULT_VIEW, active: null, clusterId: clusterRequest.clusterId, size: null });
    setView({ ...DEFAULT_VIEW, filters: { clusterId: clusterRequest.clusterId } });
  }, [clusterRequest]);

  function leaveCluster(): void {
    const previous = trail?.previous ?? { ...view, filters: without(view.filters, 'clusterId') };
    setView(previous);
    setSearchText(previous.filters.search ?? '');
    // The active row of the groups comes back with the query (see the query-change reset above).
    setTimeout(() => setTrail(null), 0);
    gridRef.current?.focus();
  }

  // ---------------------------------------------------------------------------
  // Rows: active, selection, opening.

  const focusGrid = useCallback(() => gridRef.current?.focus({ preventScroll: true }), []);

  const rangeIds = useCallback(
    (from: number, to: number): string[] => {
      const ids: string[] = [];
      for (let index = Math.min(from, to); index <= Math.max(from, to); index += 1) {
        const row = shownCache.row(index);
        if (row) ids.push(row.id);
      }
      return ids;
    },
    [shownCache],
  );

  const onMove = useCallback(
    (index: number, extend: boolean) => {
      setActive(index);
      if (extend && !shownClusters) {
        const start = anchor ?? active ?? index;
        setAnchor(start);
        setSelected((current) => new Set([...current, ...rangeIds(start, index)]));
      } else if (!extend) setAnchor(index);
    },
    [anchor, active, shownClusters, rangeIds],
  );

  const onToggle = useCallback(
    (index: number) => {
      const row = shownCache.row(index);
      if (!row || shownClusters) return;
      setActive(index);
      setAnchor(index);
      setSelected((current) => {
        const next = new Set(current);
        if (next.has(row.id)) next.delete(row.id);
        else next.add(row.id);
        return next;
      });
    },
    [shownCache, shownClusters],
  );

  const onActivate = useCallback(
    (index: number, pointer: RowPointer) => {
      if (pointer === 'toggle') onToggle(index);
      else if (pointer === 'range') onMove(index, true);
      else {
        setActive(index);
        setAnchor(index);
      }
    },
    [onMove, onToggle],
  );

  const onSelectRange = useCallback(
    (start: number, end: number) => {
      if (shownClusters) return;
      const ids = rangeIds(start, end - 1);
      setSelected((current) => (ids.every((id) => current.has(id)) ? new Set([...current].filter((id) => !ids.includes(id))) : new Set([...current, ...ids])));
    },
    [shownClusters, rangeIds],
  );

  const activeRef = useRef(active);
  useEffect(() => {
    activeRef.current = active;
  });
  const onOpen = useCallback(
    (row: QueueRow) => {
      if (shownClusters) {
        enterCluster(row, activeRef.current);
        return;
      }
      setOpenId(row.id);
    },
    [shownClusters, enterCluster],
  );

  const onEscape = useCallback(() => {
    if (selected.size > 0) setSelected(new Set());
    else if (openId) setOpenId(null);
  }, [selected, openId]);

  // ---------------------------------------------------------------------------
  // Status changes: shown at once, then read back from the core.

  const activeRow = active !== null ? shownCache.row(active) : undefined;
  const targetIds = useCallback((): string[] => {
    if (selected.size > 0) return [...selected];
    const row = activeRef.current !== null ? shownCache.row(activeRef.current) : undefined;
    return row ? [row.id] : [];
  }, [selected, shownCache]);

  const setStatus = useCallback(
    async (status: ReportStatus) => {
      const ids = targetIds();
      if (ids.length === 0 || busy || shownClusters) return;
      setBusy(true);
      const wanted = new Set(ids);
      shownCache.patch((row) => (wanted.has(row.id) ? { ...row, status, claimedByOther: false, statusWorkstation: null } : row));
      let updated = 0;
      let failure: AppErrorShape | null = null;
      for (let start = 0; start < ids.length && !failure; start += BULK_MAX) {
        const result = await api('reports.setStatusBulk', { reportIds: ids.slice(start, start + BULK_MAX), status });
        if (result.ok) {
          updated += result.value.updated;
          shownCache.markGeneration(result.value.generation);
        } else failure = result.error;
      }
      setBusy(false);
      setChangeTick((n) => n + 1);
      if (failure) {
        shownCache.refresh();
        setOutcome({ kind: 'error', error: failure });
        return;
      }
      const one = ids.length === 1;
      const claim = status === 'in_analysis';
      setOutcome({
        kind: 'ok',
        key: one ? (claim ? 'queue.claimedOne' : 'queue.statusSetOne') : claim ? 'queue.claimedMany' : 'queue.statusSetMany',
        params: one ? { id: ids[0] ?? '' } : { count: updated },
        status,
      });
      if (selected.size > 0) setSelected(new Set());
    },
    [targetIds, busy, shownClusters, shownCache, api, selected],
  );

  const onClaim = useCallback(() => void setStatus('in_analysis'), [setStatus]);
  const onStatusMenu = useCallback(() => setMenuOpen(true), []);

  useEffect(() => {
    if (outcome?.kind !== 'ok') return;
    const timer = setTimeout(() => setOutcome(null), OUTCOME_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  // ---------------------------------------------------------------------------
  // Screen-wide keys: / focuses the search, ? shows the shortcuts.

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) return;
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (event.key === '?') {
        event.preventDefault();
        setHelpOpen((open) => !open);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // ---------------------------------------------------------------------------

  const loading = useCalm((total === null || pending) && snapshot.error === null);
  const filtered = hasFilters(view.filters);
  const nothingAtAll = !pending && total === 0 && !filtered && view.filters.clusterId === undefined;
  const appliedName = applied && applied.key === viewKey(view) ? applied.name : null;
  const shownTotal = total ?? null;
  const filtersShown = filtersOpen && !openId;
  const titleId = 'queue-title';

  // The very first answer: only the title (and, if it takes a while, a quiet "loading"), so that nothing
  // focusable appears and then vanishes when the queue turns out to be empty.
  if (total === null && !pending && shown.error === null) {
    return (
      <div className="queue">
        <div className="q-top">
          <div className="q-titles">
            <h1 id="screen-title">{t('nav.queue')}</h1>
            <p className="q-total" role="status">
              {loading ? t('common.loading') : '\u00a0'}
            </p>
          </div>
        </div>
      </div>
    );
  }

  if (nothingAtAll) {
    return (
      <>
        <h1 id="screen-title" className="visually-hidden">
          {t('nav.queue')}
        </h1>
        <EmptyState title={t('queue.emptyTitle')} action={{ label: t('queue.toSettings'), onClick: () => onNavigate('settings') }}>
          <p>{t('queue.emptyBody')}</p>
          <p>{t('queue.emptyMore')}</p>
        </EmptyState>
      </>
    );
  }

  return (
    <div className={`queue${openId ? ' queue-with-report' : ''}`}>
      <div className="q-top">
        <div className="q-titles">
          <h1 id="screen-title">
            <span id={titleId}>{t('nav.queue')}</span>
          </h1>
          <p className={`q-total${loading ? ' q-stale' : ''}`} aria-live="polite" aria-atomic="true" aria-busy={pending || undefined}>
            {shownTotal === null
              ? loading
                ? t('common.loading')
                : '\u00a0'
              : t(shownClusters ? 'queue.totalClusters' : shownTotal === 1 ? 'queue.totalOne' : 'queue.total', { count: shownTotal })}
          </p>
        </div>
        <div className="q-search">
          <label className="visually-hidden" htmlFor="q-search-input">
            {t('queue.search')}
          </label>
          <input
            id="q-search-input"
            ref={searchRef}
            type="search"
            className="input q-search-input"
            placeholder={t('queue.searchPlaceholder')}
            value={searchText}
            aria-keyshortcuts="/"
            onChange={(event) => setSearchText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === 'ArrowDown') {
                event.preventDefault();
                const wanted = searchText.trim();
                if (wanted !== appliedSearch) changeFilters(wanted ? { ...view.filters, search: wanted } : without(view.filters, 'search'));
                focusGrid();
              } else if (event.key === 'Escape') {
                if (searchText) setSearchText('');
                else focusGrid();
              }
            }}
          />
          <kbd className="q-kbd q-search-kbd" aria-hidden="true">
            /
          </kbd>
        </div>
        <div className="q-tools">
          <SavedViews current={view} appliedName={appliedName} onApply={applyView} onSaved={(saved) => setApplied({ name: saved.name, key: viewKey(view) })} />
          <button type="button" className="btn btn-small q-help-button" aria-label={t('queue.keys.title')} aria-keyshortcuts="?" aria-expanded={helpOpen} onClick={() => setHelpOpen((open) => !open)}>
            ?
          </button>
        </div>
      </div>

      {helpOpen ? (
        <ShortcutsHelp
          onClose={() => {
            setHelpOpen(false);
            focusGrid();
          }}
        />
      ) : null}

      {view.filters.clusterId !== undefined ? (
        <nav className="q-trail" aria-label={t('queue.trail')}>
          <ol>
            <li>
              <button type="button" className="q-trail-back" onClick={leaveCluster}>
                <span aria-hidden="true" className="q-trail-arrow" />
                {t(trail && trail.previous.grouping === 'reports' ? 'queue.trailBackQueue' : 'queue.trailBack')}
              </button>
            </li>
            <li aria-current="page">
              {t('queue.trailCluster', { id: String(view.filters.clusterId) })}
              {trail && trail.clusterId === view.filters.clusterId && trail.size !== null ? <span className="muted"> · {t('queue.reportedTimes', { count: trail.size })}</span> : null}
            </li>
          </ol>
        </nav>
      ) : null}

      <FilterChips filters={view.filters} onChange={changeFilters} onClearAll={clearAll} />

      <div className="q-bar">
        {clusters ? (
          <p className="q-hint muted">{t('queue.clustersHint')}</p>
        ) : (
          <ActionBar
            selectedCount={selected.size}
            activeId={activeRow?.id ?? null}
            busy={busy}
            menuOpen={menuOpen}
            onMenuOpen={setMenuOpen}
            onClaim={onClaim}
            onStatus={(status) => void setStatus(status)}
            onClear={() => setSelected(new Set())}
            onDone={focusGrid}
          />
        )}
        <div className="q-view-tools">
          <div className="q-segmented" role="group" aria-label={t('queue.grouping')}>
            <button type="button" aria-pressed={!clusters} onClick={() => setGrouping('reports')}>
              {t('queue.grouping.reports')}
            </button>
            <button type="button" aria-pressed={clusters} onClick={() => setGrouping('clusters')}>
              {t('queue.grouping.clusters')}
            </button>
          </div>
          <button
            type="button"
            className="btn btn-small q-filters-toggle"
            aria-expanded={filtersShown}
            aria-controls="q-filters"
            onClick={() => {
              // The report panel and the filters share the side: showing the filters closes the report.
              if (openId) {
                setOpenId(null);
                setFiltersOpen(true);
              } else setFiltersOpen((open) => !open);
            }}
          >
            {t('queue.filters')}
          </button>
          <ColumnChooser columns={allColumns} visibleKey={view.columns.join(',')} onReset={() => setView((current) => ({ ...current, columns: [...DEFAULT_VIEW.columns] }))} />
        </div>
      </div>

      <div className="q-outcome">
        {outcome?.kind === 'ok' ? <MessageNotice tone="ok">{t(outcome.key, { ...outcome.params, status: reportStatusLabel(t, outcome.status) ?? outcome.status })}</MessageNotice> : null}
        {outcome?.kind === 'error' ? <ErrorNotice error={outcome.error} /> : null}
        {snapshot.error || shown.error || facetsError ? (
          <div className="q-error">
            <ErrorNotice error={snapshot.error ?? shown.error ?? facetsError} />
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                cache.refresh();
                if (shownCache !== cache) shownCache.refresh();
                setChangeTick((n) => n + 1);
              }}
            >
              {t('common.retry')}
            </button>
          </div>
        ) : null}
      </div>

      <div className="q-main">
        {filtersShown ? (
          <aside id="q-filters" className="q-filters" aria-label={t('queue.filters')}>
            <FiltersPanel filters={view.filters} facets={facets} onChange={changeFilters} />
          </aside>
        ) : null}
        <section className={`q-table${loading ? ' q-stale' : ''}`} aria-labelledby={titleId} aria-busy={pending || undefined}>
          {total === 0 ? (
            <div className="q-nomatch">
              <p className="q-nomatch-title">{t('queue.noMatch')}</p>
              <p className="muted">{t('queue.noMatchBody')}</p>
              <button type="button" className="btn btn-primary" onClick={clearAll}>
                {t('queue.clearFilters')}
              </button>
            </div>
          ) : (
            <QueueTable
              cache={shownCache}
              total={total ?? 0}
              columns={visibleColumns}
              clusters={shownClusters}
              selectable={!shownClusters}
              active={active}
              selected={selected}
              labelledBy={titleId}
              gridRef={setGrid}
              onActivate={onActivate}
              onMove={onMove}
              onToggle={onToggle}
              onSelectRange={onSelectRange}
              onOpen={onOpen}
              onClaim={onClaim}
              onStatusMenu={onStatusMenu}
              onEscape={onEscape}
            />
          )}
        </section>
        {openId ? (
          <section className="q-report" aria-label={t('queue.reportPanel', { id: openId })}>
            <ReportPanel
              key={openId}
              reportId={openId}
              onClose={() => {
                setOpenId(null);
                focusGrid();
              }}
              onChanged={() => {
                shownCache.refresh();
                setChangeTick((n) => n + 1);
              }}
              onOpenCluster={openCluster}
            />
          </section>
        ) : null}
      </div>
    </div>
  );
}
