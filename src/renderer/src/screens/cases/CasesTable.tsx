/**
 * The cases as an ARIA grid: a header that sorts (the core sorts: TanStack
 * Table holds the sort state), one row per case, the next page read when the
 * scroll nears the end. The grid keeps the focus; the active row is its
 * aria-activedescendant. ↑/↓ (or k/j), Home/End, Page Up/Down move, Enter
 * opens.
 */
import { useCallback, useEffect, useId, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTable, type SortingState, type Updater } from '@tanstack/react-table';
import type { CaseRow } from '../../../../shared/cases.ts';
import { useI18n } from '../../i18n/index.ts';
import { caseColumns, caseFeatures, columnForSortKey, sortKeyOfColumn, type CaseTableColumn } from './columns.tsx';
import type { CaseSort } from './useCaseList.ts';

const NO_ROWS: CaseRow[] = [];
/** Ask for the next page when the scroll comes this close to the end (px). */
const MORE_MARGIN = 600;

interface CasesTableProps {
  readonly rows: readonly CaseRow[];
  readonly total: number;
  readonly sort: CaseSort;
  readonly onSort: (sort: CaseSort) => void;
  readonly active: number | null;
  readonly onActive: (index: number) => void;
  readonly onOpen: (row: CaseRow) => void;
  readonly onMore: () => void;
  readonly labelledBy: string;
  readonly gridRef: (el: HTMLDivElement | null) => void;
}

export function CasesTable({ rows, total, sort, onSort, active, onActive, onOpen, onMore, labelledBy, gridRef }: CasesTableProps): ReactNode {
  const { t } = useI18n();
  const idPrefix = useId();
  const scroller = useRef<HTMLDivElement | null>(null);
  const sorting = useMemo<SortingState>(() => [{ id: columnForSortKey(sort.key), desc: sort.dir === 'desc' }], [sort]);
  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      const key = first ? sortKeyOfColumn(first.id) : null;
      if (first && key) onSort({ key, dir: first.desc ? 'desc' : 'asc' });
    },
    [sorting, onSort],
  );
  const table = useTable({
    features: caseFeatures,
    columns: caseColumns,
    data: NO_ROWS,
    state: { sorting },
    onSortingChange,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    sortDescFirst: false,
  });
  const columns = table.getAllLeafColumns() as CaseTableColumn[];
  const tracks = columns.map((column) => column.columnDef.meta?.track ?? '100px');
  const template = tracks.join(' ');
  // Every row is its own grid: the same width for all keeps their columns aligned.
  const minWidth = tracks.reduce((sum, track) => sum + Number(/(\d+)px/.exec(track)?.[1] ?? 0), 0);

  const setRefs = useCallback(
    (el: HTMLDivElement | null) => {
      scroller.current = el;
      gridRef(el);
    },
    [gridRef],
  );

  // A short first page that does not fill the grid: read on until it scrolls or all is there.
  useEffect(() => {
    const el = scroller.current;
    if (el && rows.length < total && el.scrollHeight <= el.clientHeight + MORE_MARGIN) onMore();
  }, [rows.length, total, onMore]);

  // The active row stays in view.
  useEffect(() => {
    if (active === null) return;
    document.getElementById(`${idPrefix}-row-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, idPrefix]);

  function onScroll(): void {
    const el = scroller.current;
    if (el && rows.length < total && el.scrollTop + el.clientHeight >= el.scrollHeight - MORE_MARGIN) onMore();
  }

  function move(to: number): void {
    if (rows.length === 0) return;
    const index = Math.max(0, Math.min(rows.length - 1, to));
    onActive(index);
    if (index >= rows.length - 5) onMore();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const at = active ?? -1;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / 36) - 1);
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        event.preventDefault();
        move(at + 1);
        return;
      case 'ArrowUp':
      case 'k':
        event.preventDefault();
        move(at < 0 ? 0 : at - 1);
        return;
      case 'PageDown':
        event.preventDefault();
        move(at + page);
        return;
      case 'PageUp':
        event.preventDefault();
        move(at - page);
        return;
      case 'Home':
        event.preventDefault();
        move(0);
        return;
      case 'End':
        event.preventDefault();
        move(rows.length - 1);
        return;
      case 'Enter': {
        const row = active !== null ? rows[active] : undefined;
        if (row) {
          event.preventDefault();
          onOpen(row);
        }
        return;
      }
      default:
        return;
    }
  }

  const activeRendered = active !== null && active < rows.length;
  return (
    <div
      ref={setRefs}
      className="cs-grid"
      role="grid"
      tabIndex={0}
      aria-labelledby={labelledBy}
      aria-rowcount={total + 1}
      aria-colcount={columns.length}
      aria-activedescendant={activeRendered ? `${idPrefix}-row-${active}` : undefined}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      style={{ ['--cs-columns' as string]: template, ['--cs-width' as string]: `max(100%, ${minWidth}px)` }}
    >
      <div role="rowgroup" className="cs-head">
        <div role="row" aria-rowindex={1} className="cs-row cs-headrow">
          {columns.map((column) => (
            <HeaderCell key={column.id} column={column} />
          ))}
        </div>
      </div>
      <div role="rowgroup">
        {rows.map((row, index) => (
          <div
            key={row.ref}
            role="row"
            id={`${idPrefix}-row-${index}`}
            aria-rowindex={index + 2}
            aria-selected={index === active}
            className={`cs-row${index === active ? ' cs-active' : ''}${row.imminentDanger ? ' cs-row-danger' : ''}`}
            onClick={() => onActive(index)}
            onDoubleClick={() => onOpen(row)}
          >
            {columns.map((column) => {
              const meta = column.columnDef.meta;
              if (!meta) return null;
              const Cell = meta.Cell;
              return (
                <div role="gridcell" key={column.id} className={`cs-cell${meta.align === 'end' ? ' cs-end' : ''}`}>
                  {column.id === 'ref' ? (
                    <button
                      type="button"
                      className="cs-open"
                      tabIndex={-1}
                      aria-label={t('cases.openNamed', { ref: row.ref })}
                      onClick={(event) => {
                        event.stopPropagation();
                        onOpen(row);
                      }}
                    >
                      <Cell row={row} />
                    </button>
                  ) : (
                    <Cell row={row} />
                  )}
                </div>
              );
            })}
          </div>
        ))}
        {rows.length < total ? (
          <div role="row" className="cs-row cs-row-more" aria-busy="true">
            <div role="gridcell" className="cs-cell muted">
              {t('common.loading')}
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function HeaderCell({ column }: { readonly column: CaseTableColumn }): ReactNode {
  const { t } = useI18n();
  const meta = column.columnDef.meta;
  const label = meta ? t(meta.label) : column.id;
  const sorted = column.getIsSorted();
  const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined;
  return (
    <div role="columnheader" aria-sort={ariaSort} className={`cs-cell cs-th${meta?.align === 'end' ? ' cs-end' : ''}`}>
      {column.getCanSort() && meta?.sortKey ? (
        <button type="button" className={`cs-sort${sorted ? ' cs-sorted' : ''}`} onClick={column.getToggleSortingHandler()}>
          <span>{label}</span>
          <span className={`cs-sort-icon cs-sort-${sorted || 'none'}`} aria-hidden="true" />
        </button>
      ) : (
        <span>{label}</span>
      )}
    </div>
  );
}
