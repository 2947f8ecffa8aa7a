/**
 * The queue's columns and sort, held by TanStack Table (headless: the core
 * sorts) and written back into the view.
 */
import { useCallback, useMemo, type Dispatch, type SetStateAction } from 'react';
import { useTable, type ColumnVisibilityState, type SortingState, type Updater } from '@tanstack/react-table';
import { QueueColumn, type QueueRow, type ViewState } from '../../../../shared/triage.ts';
import { columnForSortKey, queueColumns, queueFeatures, SNIPPET_COLUMN, sortKeyOfColumn } from './columns.ts';
import type { QueueTableColumn } from './QueueTable.tsx';
import { normalizeColumns } from './queueState.ts';

const NO_ROWS: QueueRow[] = [];

export interface QueueColumns {
  /** Every column, for the column chooser. */
  readonly all: QueueTableColumn[];
  /** The columns the grid shows, in order. */
  readonly visible: QueueTableColumn[];
}

export function useQueueColumns(view: ViewState, setView: Dispatch<SetStateAction<ViewState>>, clusters: boolean): QueueColumns {
  const columnVisibility = useMemo<ColumnVisibilityState>(() => {
    const visibility: ColumnVisibilityState = {};
    for (const column of QueueColumn.options) visibility[column] = view.columns.includes(column);
    visibility[SNIPPET_COLUMN] = Boolean(view.filters.search);
    return visibility;
  }, [view.columns, view.filters.search]);
  const sorting = useMemo<SortingState>(() => [{ id: columnForSortKey(view.sort.key), desc: view.sort.dir === 'desc' }], [view.sort]);

  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      setView((current) => {
        const before: SortingState = [{ id: columnForSortKey(current.sort.key), desc: current.sort.dir === 'desc' }];
        const next = typeof updater === 'function' ? updater(before) : updater;
        const first = next[0];
        const sortKey = first ? sortKeyOfColumn(first.id) : null;
        if (!first || !sortKey) return current;
        return { ...current, sort: { key: sortKey, dir: first.desc ? 'desc' : 'asc' } };
      });
    },
    [setView],
  );
  const onColumnVisibilityChange = useCallback(
    (updater: Updater<ColumnVisibilityState>) => {
      setView((current) => {
        const before: ColumnVisibilityState = {};
        for (const column of QueueColumn.options) before[column] = current.columns.includes(column);
        const next = typeof updater === 'function' ? updater(before) : updater;
        const columns = normalizeColumns(QueueColumn.options.filter((column) => next[column] ?? before[column]));
        return { ...current, columns };
      });
    },
    [setView],
  );

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
  const all = table.getAllLeafColumns() as QueueTableColumn[];
  const visible = useMemo(() => {
    const shown = all.filter((column) => columnVisibility[column.id] !== false);
    if (!clusters) return shown;
    // Groups: how often it was reported comes right after the priority.
    const cluster = shown.filter((column) => column.id === 'cluster');
    const others = shown.filter((column) => column.id !== 'cluster');
    return [...others.slice(0, 1), ...cluster, ...others.slice(1)];
  }, [all, columnVisibility, clusters]);
  return { all, visible };
}
