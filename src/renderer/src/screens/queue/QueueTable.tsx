/**
 * The queue as an ARIA grid with its own row virtualization: only the visible
 * rows (and a few more) exist in the DOM, each 35 px high, laid out in a
 * sticky window over a spacer that gives the scrollbar its size. The spacer is
 * capped (see virtualScroll.ts): for huge results the scroll position maps
 * onto the full list in proportion, and the wheel and the keyboard move in
 * virtual pixels, so every row — the last one included — can be reached.
 *
 * The grid keeps the focus; the active row is its aria-activedescendant.
 */
import { memo, useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type MouseEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { Column } from '@tanstack/react-table';
import type { QueueRow } from '../../../../shared/triage.ts';
import { isOpenQueueStatus } from '../../../../shared/statuses.ts';
import { useI18n } from '../../i18n/index.ts';
import { CLUSTER_TRACK, type queueFeatures } from './columns.ts';
import { fittedTrack, useFittedWidths } from './fitColumns.ts';
import type { RowCache } from './rowCache.ts';
import { stepForKey, type Frame, type Step } from './selection.ts';
import {
  OVERSCAN,
  ROW_HEIGHT,
  clampVirtual,
  pageRows,
  revealRow,
  rowWindow,
  scrollFromVirtual,
  spacerHeight,
  virtualFromScroll,
  wheelPixels,
  type Geometry,
} from './virtualScroll.ts';

export const HEADER_HEIGHT = 36;
const SELECT_TRACK = '32px';

export type QueueTableColumn = Column<typeof queueFeatures, QueueRow, unknown>;

export type RowPointer = 'set' | 'toggle' | 'range';

export interface QueueTableProps {
  readonly cache: RowCache;
  readonly total: number;
  readonly columns: readonly QueueTableColumn[];
  readonly clusters: boolean;
  readonly selectable: boolean;
  readonly active: number | null;
  readonly selected: ReadonlySet<string>;
  readonly labelledBy: string;
  readonly gridRef: (el: HTMLDivElement | null) => void;
  readonly onActivate: (index: number, pointer: RowPointer) => void;
  /** Keyboard move (see selection.ts); `extend` with Shift. */
  readonly onMove: (step: Step, extend: boolean, frame: Frame) => void;
  readonly onToggle: (index: number) => void;
  readonly onSelectRange: (start: number, end: number) => void;
  readonly onOpen: (row: QueueRow) => void;
  readonly onClaim: () => void;
  readonly onStatusMenu: () => void;
  /** `n`: a new case from the selection, the active row, or (in cluster grouping) the active cluster. */
  readonly onNewCase: () => void;
  /** `a`: add the selection (or the active row) to a case. */
  readonly onAddToCase: () => void;
  readonly onEscape: () => void;
}

interface ScrollView {
  readonly cache: RowCache;
  /** Virtual offset of the body's top, in px of the full list. */
  readonly top: number;
  /** The active row last brought into view. */
  readonly revealed: number | null;
}

export function QueueTable(props: QueueTableProps): ReactNode {
  const { cache, total, columns, clusters, selectable, active, selected, labelledBy, gridRef } = props;
  const { t } = useI18n();
  const fitted = useFittedWidths();
  const idPrefix = useId();
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  const [bodyHeight, setBodyHeight] = useState(0);
  const [view, setView] = useState<ScrollView>({ cache, top: 0, revealed: null });
  const g: Geometry = { rows: total, bodyHeight };

  // A new query starts at its top; the active row, when set, is then brought into view.
  let current = view;
  if (view.cache !== cache) {
    current = { cache, top: 0, revealed: null };
    setView(current);
  }
  if (active !== null && active !== current.revealed && bodyHeight > 0 && total > 0) {
    current = { ...current, top: revealRow(g, clampVirtual(g, current.top), Math.min(active, total - 1)), revealed: active };
    setView(current);
  }
  const top = Math.round(clampVirtual(g, current.top));
  const win = rowWindow(g, top);

  // Tell the cache which rows are needed.
  useEffect(() => {
    if (bodyHeight > 0) cache.want(win.start, Math.max(win.end, win.start + 1));
  }, [cache, win.start, win.end, bodyHeight]);

  // The latest geometry, for the native listeners.
  const live = useRef({ g, top });
  useLayoutEffect(() => {
    live.current = { g, top };
  });

  // The real scroll position follows the virtual one (moved by wheel, keyboard, or a change of total).
  const written = useRef<number | null>(null);
  // The last scroll position seen or set: reading `scrollTop` here, right after React changed
  // the rows, would force a layout in the middle of the frame.
  const lastScroll = useRef(0);
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el || bodyHeight === 0) return;
    const target = scrollFromVirtual(g, top);
    if (Math.abs(lastScroll.current - target) >= 1) {
      el.scrollTop = target;
      written.current = target;
      lastScroll.current = target;
    }
  });

  // The body's height follows the scroller's.
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const measure = (): void => setBodyHeight(Math.max(0, el.clientHeight - HEADER_HEIGHT));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Wheel: in virtual pixels, so that a scaled list scrolls as finely as a short one.
  useEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const onWheel = (event: WheelEvent): void => {
      const { g: geometry, top: from } = live.current;
      if (event.ctrlKey || geometry.rows * ROW_HEIGHT <= spacerHeight(geometry)) return; // native scrolling is exact
      const dy = wheelPixels(event.shiftKey ? 0 : event.deltaY, event.deltaMode, geometry.bodyHeight);
      if (dy === 0) return;
      event.preventDefault();
      if (event.deltaX) el.scrollLeft += event.deltaX;
      const next = clampVirtual(geometry, from + dy);
      live.current = { g: geometry, top: next };
      setView((v) => ({ ...v, top: next }));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const onScroll = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const position = el.scrollTop;
    lastScroll.current = position;
    if (written.current !== null && Math.abs(position - written.current) < 1) return;
    written.current = null;
    const next = virtualFromScroll(live.current.g, position);
    live.current = { ...live.current, top: next };
    setView((v) => ({ ...v, top: next }));
  }, []);

  const setRefs = useCallback(
    (el: HTMLDivElement | null) => {
      scrollerRef.current = el;
      gridRef(el);
    },
    [gridRef],
  );

  const { onActivate, onMove, onToggle, onSelectRange, onOpen, onClaim, onStatusMenu, onNewCase, onAddToCase, onEscape } = props;

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.target !== event.currentTarget || event.altKey) return;
    const mod = event.ctrlKey || event.metaKey;
    const step = stepForKey(event.key, mod);
    if (step !== null) {
      if (total === 0) return;
      event.preventDefault();
      onMove(step, event.shiftKey, { firstVisible: win.firstVisible, pageRows: pageRows(g) });
      return;
    }
    switch (event.key) {
      case 'Enter': {
        const row = active !== null ? cache.row(active) : undefined;
        if (row) {
          event.preventDefault();
          onOpen(row);
        }
        return;
      }
      case ' ':
        event.preventDefault();
        if (active !== null && selectable) onToggle(active);
        return;
      case 'a':
      case 'A':
        if (mod && selectable) {
          event.preventDefault();
          onSelectRange(win.firstVisible, win.endVisible);
        } else if (!mod && !event.shiftKey && selectable) {
          event.preventDefault();
          onAddToCase();
        }
        return;
      case 'n':
        if (!mod) {
          event.preventDefault();
          onNewCase();
        }
        return;
      case 'c':
        if (!mod && selectable) {
          event.preventDefault();
          onClaim();
        }
        return;
      case 's':
        if (!mod && selectable) {
          event.preventDefault();
          onStatusMenu();
        }
        return;
      case 'Escape':
        onEscape();
        return;
      default:
        return;
    }
  }

  const tracks = [
    selectable ? SELECT_TRACK : null,
    ...columns.map((column) => (clusters && column.id === 'cluster' ? CLUSTER_TRACK : fittedTrack(column.columnDef.meta?.track ?? '100px', fitted.get(column.id)))),
  ].filter((track) => track !== null);
  const gridTemplate = tracks.join(' ');
  const minWidth = tracks.reduce((sum, track) => sum + minTrackWidth(track), 0);
  const rows: ReactNode[] = [];
  // Rows are keyed by slot (index modulo the most rows a window can hold): a row scrolling out
  // hands its DOM to the row scrolling in, and a jump across the list updates the rows in place
  // rather than unmounting and creating them all.
  const slots = Math.ceil(bodyHeight / ROW_HEIGHT) + 2 * OVERSCAN + 2;
  for (let index = win.start; index < win.end; index += 1) {
    const row = cache.row(index);
    rows.push(
      <QueueRowView
        key={index % slots}
        idPrefix={idPrefix}
        index={index}
        row={row}
        columns={columns}
        clusters={clusters}
        selectable={selectable}
        active={index === active}
        selected={row !== undefined && selected.has(row.id)}
        onActivate={onActivate}
        onToggle={onToggle}
        onOpen={onOpen}
      />,
    );
  }
  const activeRendered = active !== null && active >= win.start && active < win.end;
  const visibleRows = win.endVisible - win.start;
  const allVisibleSelected =
    selectable && visibleRows > 0 && Array.from({ length: win.endVisible - win.firstVisible }, (_, i) => cache.row(win.firstVisible + i)).every((row) => row !== undefined && selected.has(row.id));

  return (
    <div
      ref={setRefs}
      className="qt-scroller"
      role="grid"
      tabIndex={0}
      aria-labelledby={labelledBy}
      aria-rowcount={total + 1}
      aria-colcount={columns.length + (selectable ? 1 : 0)}
      aria-multiselectable={selectable || undefined}
      aria-activedescendant={activeRendered ? `${idPrefix}-row-${active}` : undefined}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
      <div className="qt-spacer" role="presentation" style={{ blockSize: HEADER_HEIGHT + Math.max(spacerHeight(g), bodyHeight), inlineSize: `max(100%, ${minWidth}px)` }}>
        <div className="qt-window" role="presentation" style={{ blockSize: HEADER_HEIGHT + bodyHeight, ['--qt-columns' as string]: gridTemplate }}>
          <div role="rowgroup" className="qt-head">
            <div role="row" aria-rowindex={1} className="qt-row qt-headrow">
              {selectable ? (
                <div role="columnheader" className="qt-cell qt-select">
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    checked={allVisibleSelected}
                    aria-label={t('queue.selectVisible')}
                    title={t('queue.selectVisible')}
                    onChange={() => onSelectRange(win.firstVisible, win.endVisible)}
                  />
                </div>
              ) : null}
              {columns.map((column) => (
                <HeaderCell key={column.id} column={column} />
              ))}
            </div>
          </div>
          <div role="rowgroup" className="qt-body" style={{ blockSize: bodyHeight }}>
            <div role="presentation" className="qt-layer" style={{ transform: `translateY(${win.offset}px)` }}>
              {rows}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

/** The smallest width of a grid track: `78px` or `minmax(120px, 1fr)`. */
function minTrackWidth(track: string): number {
  const match = /(\d+(?:\.\d+)?)px/.exec(track);
  return match ? Number(match[1]) : 0;
}

function HeaderCell({ column }: { readonly column: QueueTableColumn }): ReactNode {
  const { t } = useI18n();
  const meta = column.columnDef.meta;
  const label = meta ? t(meta.label) : column.id;
  const short = meta?.short ? t(meta.short) : null;
  const sorted = column.getIsSorted();
  const canSort = column.getCanSort();
  const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined;
  const text = short ? (
    <>
      <span aria-hidden="true">{short}</span>
      <span className="visually-hidden">{label}</span>
    </>
  ) : (
    label
  );
  return (
    <div role="columnheader" aria-sort={ariaSort} className={`qt-cell qt-th${meta?.align === 'end' ? ' qt-end' : ''}`} title={short ? label : undefined}>
      {canSort ? (
        <button type="button" className={`qt-sort${sorted ? ' qt-sorted' : ''}`} onClick={column.getToggleSortingHandler()}>
          <span className="qt-th-text">{text}</span>
          <span className={`qt-sort-icon qt-sort-${sorted || 'none'}`} aria-hidden="true" />
        </button>
      ) : (
        <span className="qt-th-text">{text}</span>
      )}
    </div>
  );
}

interface QueueRowViewProps {
  readonly idPrefix: string;
  readonly index: number;
  readonly row: QueueRow | undefined;
  readonly columns: readonly QueueTableColumn[];
  readonly clusters: boolean;
  readonly selectable: boolean;
  readonly active: boolean;
  readonly selected: boolean;
  readonly onActivate: (index: number, pointer: RowPointer) => void;
  readonly onToggle: (index: number) => void;
  readonly onOpen: (row: QueueRow) => void;
}

const QueueRowView = memo(function QueueRowView({ idPrefix, index, row, columns, clusters, selectable, active, selected, onActivate, onToggle, onOpen }: QueueRowViewProps): ReactNode {
  const { t } = useI18n();
  const id = `${idPrefix}-row-${index}`;
  if (!row) {
    // One element, its skeleton drawn by CSS: dragging across a million rows shows mostly these,
    // a new set every frame, so they must cost next to nothing to lay out.
    return <div role="row" id={id} aria-rowindex={index + 2} aria-busy="true" className={`qt-row qt-placeholder${active ? ' qt-active' : ''}`} />;
  }
  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    onActivate(index, event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'set');
  };
  const classes = ['qt-row', active ? 'qt-active' : '', selected ? 'qt-selected' : '', row.imminentDanger && isOpenQueueStatus(row.status) ? 'qt-danger' : '', index % 2 ? 'qt-odd' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      role="row"
      id={id}
      aria-rowindex={index + 2}
      aria-selected={selectable ? selected : undefined}
      className={classes}
      onClick={onClick}
      onDoubleClick={() => onOpen(row)}
    >
      {selectable ? (
        <div role="gridcell" className="qt-cell qt-select">
          <input
            type="checkbox"
            tabIndex={-1}
            checked={selected}
            aria-label={t('queue.selectNamed', { id: row.id })}
            onClick={(event) => event.stopPropagation()}
            onChange={() => onToggle(index)}
          />
        </div>
      ) : null}
      {columns.map((column) => {
        const meta = column.columnDef.meta;
        if (!meta) return null;
        const Cell = meta.Cell;
        return (
          <div role="gridcell" key={column.id} className={`qt-cell qt-c-${column.id}${meta.align === 'end' ? ' qt-end' : ''}`}>
            <Cell row={row} clusters={clusters} onOpen={onOpen} />
          </div>
        );
      })}
    </div>
  );
});

