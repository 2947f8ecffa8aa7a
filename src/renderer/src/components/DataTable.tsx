/**
 * A plain data table (sync outbox and quarantine, audit log, top clusters):
 * a caption for assistive technology, a header row, one row per item. Columns
 * say how to render their cell; the one that names the row is a row header.
 * Long tables scroll inside `.table-wrap`, never the page.
 */
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

/** One column: its header, its cell for an item, and their classes. */
export interface DataColumn<Row> {
  readonly key: string;
  readonly header: ReactNode;
  readonly cell: (row: Row) => ReactNode;
  readonly headerClassName?: string;
  /** The cells' class, the same for every row or chosen by the row. */
  readonly className?: string | ((row: Row) => string);
  /** The cell names its row: a `<th scope="row">` rather than a `<td>`. */
  readonly rowHeader?: boolean;
}

interface DataTableProps<Row> {
  /** Read by screen readers only. */
  readonly caption: string;
  /** Columns in order; a column left out (false, null) is not shown. */
  readonly columns: readonly (DataColumn<Row> | false | null)[];
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row) => string | number;
  /** Added to the wrapper's `table-wrap`. */
  readonly className?: string;
}

export function DataTable<Row>({ caption, columns, rows, rowKey, className }: DataTableProps<Row>): ReactNode {
  const shown = columns.filter((column): column is DataColumn<Row> => Boolean(column));
  const wrapRef = useRef<HTMLDivElement>(null);
  const scrolls = useScrollsSideways(wrapRef);
  return (
    <div
      ref={wrapRef}
      className={className ? `table-wrap ${className}` : 'table-wrap'}
      // Wider than the screen (long details, Arabic): the keyboard can reach it and scroll it.
      {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': caption } : {})}
    >
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {shown.map((column) => (
              <th key={column.key} scope="col" className={column.headerClassName}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {shown.map((column) => {
                const cellClass = typeof column.className === 'function' ? column.className(row) : column.className;
                return column.rowHeader ? (
                  <th key={column.key} scope="row" className={cellClass}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} className={cellClass}>
                    {column.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Whether the element is narrower than its content (it scrolls sideways), followed as it and its content resize. */
export function useScrollsSideways(ref: RefObject<HTMLElement | null>): boolean {
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (): void => setScrolls(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [ref]);
  return scrolls;
}
