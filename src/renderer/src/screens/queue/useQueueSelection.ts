/**
 * The selection reducer (selection.ts) wired to the rows on screen: reset when
 * the query changes (the trail's active row coming back with its view), kept
 * within the rows when their count drops, and the grid's callbacks.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { RowPointer } from './QueueTable.tsx';
import { NO_SELECTION, selectionReducer, type Frame, type RowSource, type SelectionState, type Step } from './selection.ts';
import type { ClusterTrail } from './useClusterTrail.ts';
import { specKey, type QueueRows } from './useQueueRows.ts';

export interface QueueSelection {
  readonly state: SelectionState;
  /** The latest state, for callbacks that must not change with it. */
  readonly readLatest: () => SelectionState;
  readonly onActivate: (index: number, pointer: RowPointer) => void;
  readonly onMove: (step: Step, extend: boolean, frame: Frame) => void;
  readonly onToggle: (index: number) => void;
  readonly onSelectRange: (start: number, end: number) => void;
  readonly clear: () => void;
}

export function useQueueSelection(queryKey: string, trail: ClusterTrail | null, rows: QueueRows): QueueSelection {
  const [state, dispatch] = useReducer(selectionReducer, NO_SELECTION);

  // A new query: the selection and the active row belong to the old one.
  const [seenKey, setSeenKey] = useState(queryKey);
  if (seenKey !== queryKey) {
    setSeenKey(queryKey);
    dispatch({ type: 'queryChanged', active: trail && specKey(trail.previous) === queryKey ? trail.active : null });
  }
  // Fewer rows than before (a change elsewhere): the active row stays within them.
  if (!rows.pending && rows.total !== null && state.active !== null && state.active >= rows.total) dispatch({ type: 'rowsChanged', total: rows.total });

  const { shownCache, shownClusters } = rows;
  const total = rows.total ?? 0;
  const source = useMemo<RowSource>(() => ({ total, selectable: !shownClusters, idAt: (index) => shownCache.row(index)?.id }), [total, shownClusters, shownCache]);

  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  });
  const readLatest = useCallback(() => latest.current, []);

  const onMove = useCallback((step: Step, extend: boolean, frame: Frame) => dispatch({ type: 'move', step, extend, frame, rows: source }), [source]);
  const onToggle = useCallback((index: number) => dispatch({ type: 'toggle', index, rows: source }), [source]);
  const onActivate = useCallback(
    (index: number, pointer: RowPointer) =>
      dispatch(pointer === 'toggle' ? { type: 'toggle', index, rows: source } : { type: 'moveTo', index, extend: pointer === 'range', rows: source }),
    [source],
  );
  const onSelectRange = useCallback((start: number, end: number) => dispatch({ type: 'selectRange', start, end, rows: source }), [source]);
  const clear = useCallback(() => dispatch({ type: 'clear' }), []);

  return { state, readLatest, onActivate, onMove, onToggle, onSelectRange, clear };
}
