/**
 * What the queue shows: the view (filters, sort, grouping, columns), the
 * search text as typed (applied once typing pauses), and the saved view last
 * applied, while the view still matches it.
 */
import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { QueueFilters, SavedView, ViewState } from '../../../../shared/triage.ts';
import { DEFAULT_VIEW, normalizeColumns, without } from './queueState.ts';
import { specKey } from './useQueueRows.ts';

/** Typing in the search box is applied after this pause. */
const SEARCH_DEBOUNCE_MS = 150;

function viewKey(view: ViewState): string {
  return `${specKey(view)}|${view.columns.join(',')}`;
}

export interface QueueView {
  readonly view: ViewState;
  readonly setView: Dispatch<SetStateAction<ViewState>>;
  /** The search box's text, and the search the view applies. */
  readonly searchText: string;
  readonly setSearchText: (text: string) => void;
  readonly appliedSearch: string;
  /** New filters, the search box following them. */
  readonly changeFilters: (filters: QueueFilters) => void;
  /** Another whole view (a saved one, the way back from a cluster), the search box following it. */
  readonly replaceView: (view: ViewState) => void;
  /** Applies the search as typed at once (Enter). */
  readonly submitSearch: () => void;
  /** Removes every filter but the cluster being looked at. */
  readonly clearAll: () => void;
  readonly applySaved: (saved: SavedView) => void;
  readonly noteSaved: (saved: SavedView) => void;
  /** The saved view's name while the view is still the one applied or saved. */
  readonly appliedName: string | null;
  readonly setGrouping: (grouping: ViewState['grouping']) => void;
  readonly resetColumns: () => void;
}

export function useQueueView(): QueueView {
  const [view, setView] = useState<ViewState>(DEFAULT_VIEW);
  const [searchText, setSearchText] = useState('');
  const [applied, setApplied] = useState<{ name: string; key: string } | null>(null);

  const changeFilters = useCallback((filters: QueueFilters) => {
    setSearchText(filters.search ?? '');
    setView((current) => ({ ...current, filters }));
  }, []);

  const replaceView = useCallback((next: ViewState) => {
    setSearchText(next.filters.search ?? '');
    setView(next);
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

  const submitSearch = useCallback(() => {
    const wanted = searchText.trim();
    if (wanted !== appliedSearch) changeFilters(wanted ? { ...view.filters, search: wanted } : without(view.filters, 'search'));
  }, [searchText, appliedSearch, changeFilters, view.filters]);

  const clusterId = view.filters.clusterId;
  const clearAll = useCallback(() => {
    changeFilters(clusterId ? { clusterId } : {});
  }, [changeFilters, clusterId]);

  const applySaved = useCallback(
    (saved: SavedView) => {
      const state: ViewState = { ...saved.state, columns: normalizeColumns(saved.state.columns) };
      replaceView(state);
      setApplied({ name: saved.name, key: viewKey(state) });
    },
    [replaceView],
  );
  const noteSaved = useCallback((saved: SavedView) => setApplied({ name: saved.name, key: viewKey(view) }), [view]);

  const setGrouping = useCallback((grouping: ViewState['grouping']) => {
    setView((current) => ({ ...current, grouping, filters: without(current.filters, 'clusterId') }));
  }, []);
  const resetColumns = useCallback(() => setView((current) => ({ ...current, columns: [...DEFAULT_VIEW.columns] })), []);

  return {
    view,
    setView,
    searchText,
    setSearchText,
    appliedSearch,
    changeFilters,
    replaceView,
    submitSearch,
    clearAll,
    applySaved,
    noteSaved,
    appliedName: applied && applied.key === viewKey(view) ? applied.name : null,
    setGrouping,
    resetColumns,
  };
}
