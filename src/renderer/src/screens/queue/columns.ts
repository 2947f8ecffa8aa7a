/**
 * The queue's columns, declared once for TanStack Table (headless): their ids,
 * header labels, which can sort (the core sorts: manual sorting), which can
 * be hidden, and, in `meta`, the grid track and cell component the virtual
 * rows render.
 */
import type { ComponentType } from 'react';
import { columnVisibilityFeature, createColumnHelper, rowSortingFeature, tableFeatures } from '@tanstack/react-table';
import type { QueueColumn, QueueRow, SortKey } from '../../../../shared/triage.ts';
import type { MessageKey } from '../../i18n/index.ts';
import {
  AccountCell,
  AttachmentsCell,
  CasesCell,
  CategoryCell,
  ClusterCell,
  DeadlineCell,
  IdCell,
  LocationCell,
  PlatformCell,
  PriorityCell,
  ReporterCell,
  SnippetCell,
  StatusCell,
  SubmittedCell,
  UrlCell,
  type CellProps,
} from './cells.tsx';

export interface QueueColumnMeta {
  /** CSS grid track of the column. */
  readonly track: string;
  readonly label: MessageKey;
  /** Shorter header text, when the label is long. */
  readonly short?: MessageKey;
  readonly Cell: ComponentType<CellProps>;
  /** The core's sort key for this column. */
  readonly sortKey?: SortKey;
  readonly align?: 'end';
}

export const queueFeatures = tableFeatures({
  columnVisibilityFeature,
  rowSortingFeature,
  columnMeta: {} as QueueColumnMeta,
});

const helper = createColumnHelper<typeof queueFeatures, QueueRow>();

/** The snippet column: not a saved column, shown while a search is active. */
export const SNIPPET_COLUMN = 'snippet';

export const queueColumns = helper.columns([
  helper.accessor((row) => row.priority, {
    id: 'priority',
    sortDescFirst: true,
    meta: { track: '72px', label: 'queue.column.priority', Cell: PriorityCell, sortKey: 'priority' },
  }),
  helper.accessor((row) => row.id, {
    id: 'id',
    enableHiding: false,
    meta: { track: '166px', label: 'queue.column.id', Cell: IdCell, sortKey: 'id' },
  }),
  helper.display({
    id: SNIPPET_COLUMN,
    enableHiding: false,
    meta: { track: 'minmax(220px, 2.5fr)', label: 'queue.column.snippet', Cell: SnippetCell },
  }),
  helper.accessor((row) => row.category, {
    id: 'category',
    meta: { track: 'minmax(104px, 1.3fr)', label: 'queue.column.category', Cell: CategoryCell, sortKey: 'category' },
  }),
  // What and where, side by side: both stay in view beside an open report (their widths are measured: fitColumns.ts).
  helper.accessor((row) => row.region ?? row.country, {
    id: 'location',
    meta: { track: 'minmax(96px, 1fr)', label: 'queue.column.location', Cell: LocationCell, sortKey: 'region' },
  }),
  helper.accessor((row) => row.platform, {
    id: 'platform',
    meta: { track: '94px', label: 'queue.column.platform', Cell: PlatformCell, sortKey: 'platform' },
  }),
  helper.accessor((row) => row.status, {
    id: 'status',
    meta: { track: 'minmax(96px, 0.9fr)', label: 'queue.column.status', Cell: StatusCell, sortKey: 'status' },
  }),
  helper.display({
    id: 'cases',
    meta: { track: 'minmax(196px, 1.1fr)', label: 'queue.column.cases', Cell: CasesCell },
  }),
  helper.accessor((row) => row.submittedAt, {
    id: 'submittedAt',
    sortDescFirst: true,
    meta: { track: '112px', label: 'queue.column.submittedAt', Cell: SubmittedCell, sortKey: 'submittedAt' },
  }),
  helper.accessor((row) => row.deadlineAt, {
    id: 'deadline',
    meta: { track: '128px', label: 'queue.column.deadline', Cell: DeadlineCell, sortKey: 'deadline' },
  }),
  helper.display({
    id: 'reporterMode',
    meta: { track: '96px', label: 'queue.column.reporterMode', Cell: ReporterCell },
  }),
  helper.display({
    id: 'attachments',
    meta: { track: '64px', label: 'queue.column.attachments', short: 'queue.column.attachmentsShort', Cell: AttachmentsCell, align: 'end' },
  }),
  helper.accessor((row) => row.clusterSize, {
    id: 'cluster',
    sortDescFirst: true,
    meta: { track: '104px', label: 'queue.column.cluster', Cell: ClusterCell, sortKey: 'clusterSize' },
  }),
  helper.display({
    id: 'account',
    meta: { track: 'minmax(110px, 1fr)', label: 'queue.column.account', Cell: AccountCell },
  }),
  helper.display({
    id: 'url',
    meta: { track: 'minmax(150px, 1.4fr)', label: 'queue.column.url', Cell: UrlCell },
  }),
]);

/** In cluster grouping the cluster column comes first after the priority, wider. */
export const CLUSTER_TRACK = 'minmax(190px, 1.2fr)';

/** The column that sorts by a core sort key. */
export function columnForSortKey(key: SortKey): string {
  for (const column of queueColumns) {
    if (column.meta?.sortKey === key) return column.id ?? key;
  }
  return key;
}

export function sortKeyOfColumn(id: string): SortKey | null {
  return queueColumns.find((column) => column.id === id)?.meta?.sortKey ?? null;
}

export type { QueueColumn };
