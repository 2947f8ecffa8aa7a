/**
 * The triage queue: every report the workstation holds, filtered, counted,
 * sorted and grouped by the core, shown in a virtualized grid that reads only
 * the rows in view. Keyboard first (see ShortcutsHelp); the selected reports
 * (or the active row) can be claimed or given a status in one go, made into
 * a case or added to one, and a report opens in the side panel.
 *
 * This file is the layout; the state lives in the hooks beside it (view,
 * rows, columns, cluster trail, selection, bulk status, case actions,
 * shortcuts).
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { QueueFilters, QueueRow } from '../../../../shared/triage.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { useCalm } from '../../hooks/useCalm.ts';
import { useI18n } from '../../i18n/index.ts';
import { DemoOffer } from '../../intake/StartDemoButton.tsx';
import { useRememberPlace } from '../../shell/place.ts';
import type { ScreenId } from '../../shell/screens.ts';
import { AddToCaseDialog } from '../report/AddToCaseDialog.tsx';
import { ClaimNote } from '../report/ClaimNote.tsx';
import { ReportPanel } from '../report/ReportPanel.tsx';
import '../../styles/queue.css';
import './queue-cases.css';
import { ActionBar } from './ActionBar.tsx';
import { CaseOutcomeNotice } from './CaseOutcomeNotice.tsx';
import { ClusterTrailNav } from './ClusterTrailNav.tsx';
import { ColumnChooser } from './ColumnChooser.tsx';
import { FilterChips } from './FilterChips.tsx';
import { FiltersPanel } from './FiltersPanel.tsx';
import { reportStatusLabel } from './labels.ts';
import { QueueHeader, QueueTitle } from './QueueHeader.tsx';
import { NewCaseDialog } from './NewCaseDialog.tsx';
import { QueueTable } from './QueueTable.tsx';
import { DEFAULT_VIEW, hasFilters, statusTotals } from './queueState.ts';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { StatusConfirmDialog } from './StatusConfirmDialog.tsx';
import { UndoToast } from '../../components/UndoToast.tsx';
import { useBulkStatus } from './useBulkStatus.ts';
import { useCaseActions } from './useCaseActions.ts';
import { useClusterTrail, type ClusterRequest } from './useClusterTrail.ts';
import { useQueueColumns } from './useQueueColumns.ts';
import { specKey, useQueueRows } from './useQueueRows.ts';
import { useQueueSelection } from './useQueueSelection.ts';
import { useQueueShortcuts } from './useQueueShortcuts.ts';
import { useQueueView } from './useQueueView.ts';

interface QueueScreenProps {
  readonly onNavigate: (screen: ScreenId) => void;
  /** Another screen (the dashboard's top clusters) asks to open one cluster's reports. */
  readonly clusterRequest?: ClusterRequest | null;
  /**
   * Another screen asks for the queue with these filters (a case's observable: `{ observableId }`,
   * a case's reports: `{ caseRef }`); `nonce` tells requests apart.
   */
  readonly filterRequest?: { readonly filters: QueueFilters; readonly nonce: number } | null;
  /** Opens a case in the Cases screen (the notice after `n`/`a`, the report panel's cases). */
  readonly onOpenCase?: (ref: string) => void;
  /** The report to show open when the queue appears (the one open when the workstation locked). */
  readonly reportRequest?: { readonly reportId: string; readonly nonce: number } | null;
  /** A supervisor may start the demo mode from the empty queue. */
  readonly supervisor?: boolean;
}

const TITLE_ID = 'queue-title';

export function QueueScreen({ onNavigate, clusterRequest = null, filterRequest = null, onOpenCase, reportRequest = null, supervisor = false }: QueueScreenProps): ReactNode {
  const { t } = useI18n();
  const gridRef = useRef<HTMLDivElement | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const setGrid = useCallback((el: HTMLDivElement | null) => {
    gridRef.current = el;
  }, []);
  const focusGrid = useCallback(() => gridRef.current?.focus({ preventScroll: true }), []);

  const queueView = useQueueView();
  const { view, setView } = queueView;
  const trail = useClusterTrail({ view, setView, replaceView: queueView.replaceView, request: clusterRequest });
  const rows = useQueueRows(view);
  const { shownCache, shownClusters, total, pending } = rows;
  const columns = useQueueColumns(view, setView, shownClusters);
  const selection = useQueueSelection(specKey(view), trail.trail, rows);
  const { selected, active } = selection.state;

  const [openId, setOpenId] = useState<string | null>(reportRequest?.reportId ?? null);
  useRememberPlace('reportId', openId);
  const [menuOpen, setMenuOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  // Open by default where the grid keeps room for its columns beside it.
  const [filtersOpen, setFiltersOpen] = useState(() => window.innerWidth >= 1400);
  useQueueShortcuts(searchRef, () => setHelpOpen((open) => !open));

  // ---------------------------------------------------------------------------
  // Status changes: on the selection, else on the active row.

  const { readLatest } = selection;
  const targetIds = useCallback((): string[] => {
    const { selected: chosen, active: at } = readLatest();
    if (chosen.size > 0) return [...chosen];
    const row = at !== null ? shownCache.row(at) : undefined;
    return row ? [row.id] : [];
  }, [readLatest, shownCache]);
  const { countsChanged, refresh } = rows;
  const clearSelection = selection.clear;
  const onApplied = useCallback(
    (succeeded: boolean) => {
      countsChanged();
      if (succeeded) clearSelection();
    },
    [countsChanged, clearSelection],
  );
  const bulk = useBulkStatus({ cache: shownCache, enabled: !shownClusters, targetIds, onApplied });
  const { setStatus } = bulk;
  const onClaim = useCallback(() => void setStatus('in_analysis'), [setStatus]);
  const onStatusMenu = useCallback(() => setMenuOpen(true), []);

  // ---------------------------------------------------------------------------
  // Cases: a new one from the selection (or the active row, or cluster), or add to one.

  const activeRowNow = useCallback((): QueueRow | undefined => {
    const at = readLatest().active;
    return at !== null ? shownCache.row(at) : undefined;
  }, [readLatest, shownCache]);
  const onCasesApplied = useCallback(() => onApplied(true), [onApplied]);
  const caseActions = useCaseActions({ cache: shownCache, clusters: shownClusters, targetIds, activeRow: activeRowNow, onApplied: onCasesApplied });
  const { openNew: onNewCase, openAdd: onAddToCase } = caseActions;
  // Once the dialog has left (it holds the focus while open), the keyboard goes back to the grid.
  const focusGridSoon = useCallback(() => setTimeout(focusGrid, 0), [focusGrid]);

  // ---------------------------------------------------------------------------
  // Filters asked for from elsewhere: an observable of the open report, another screen.

  const { changeFilters, replaceView } = queueView;
  const { forget: forgetTrail } = trail;
  const onFilterObservable = useCallback(
    (observableId: number) => {
      forgetTrail();
      changeFilters({ observableId });
    },
    [forgetTrail, changeFilters],
  );
  const handledFilterRequest = useRef<number | null>(null);
  useEffect(() => {
    if (!filterRequest || handledFilterRequest.current === filterRequest.nonce) return;
    handledFilterRequest.current = filterRequest.nonce;
    forgetTrail();
    replaceView({ ...DEFAULT_VIEW, filters: filterRequest.filters });
  }, [filterRequest, forgetTrail, replaceView]);

  // ---------------------------------------------------------------------------
  // Opening a row: a report in the panel, a group's reports in the grid.

  const { enterCluster } = trail;
  const onOpen = useCallback(
    (row: QueueRow) => {
      if (shownClusters) enterCluster(row, readLatest().active);
      else setOpenId(row.id);
    },
    [shownClusters, enterCluster, readLatest],
  );
  const onEscape = useCallback(() => {
    if (readLatest().selected.size > 0) clearSelection();
    else setOpenId(null);
  }, [readLatest, clearSelection]);

  function leaveCluster(): void {
    trail.leaveCluster();
    gridRef.current?.focus();
  }

  // ---------------------------------------------------------------------------

  const loading = useCalm((total === null || pending) && rows.snapshot.error === null);
  const clusters = view.grouping === 'clusters';
  // Open work only hides finished reports: the store is empty only if the status counts (which leave that out) are all 0.
  const nothingAtAll = !pending && total === 0 && !hasFilters(view.filters) && view.filters.clusterId === undefined && !(statusTotals(rows.facets?.['status'])?.finished ?? 0);
  const filtersShown = filtersOpen && !openId;
  const activeRow = active !== null ? shownCache.row(active) : undefined;

  // The very first answer: only the title (and, if it takes a while, a quiet "loading"), so that nothing
  // focusable appears and then vanishes when the queue turns out to be empty.
  if (total === null && !pending && rows.shown.error === null) {
    return (
      <div className="queue">
        <div className="q-top">
          <QueueTitle loading={loading} />
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
          {supervisor ? <DemoOffer /> : null}
        </EmptyState>
      </>
    );
  }

  return (
    <div className={`queue${openId ? ' queue-with-report' : ''}`}>
      <QueueHeader
        titleId={TITLE_ID}
        total={total}
        clusters={shownClusters}
        loading={loading}
        pending={pending}
        queueView={queueView}
        searchRef={searchRef}
        helpOpen={helpOpen}
        onApplySaved={(saved) => {
          trail.forget();
          queueView.applySaved(saved);
        }}
        onToggleHelp={() => setHelpOpen((open) => !open)}
        onSearchDone={focusGrid}
      />

      {helpOpen ? (
        <ShortcutsHelp
          onClose={() => {
            setHelpOpen(false);
            focusGrid();
          }}
        />
      ) : null}

      {view.filters.clusterId !== undefined ? <ClusterTrailNav clusterId={view.filters.clusterId} clusterKey={shownCache.row(0)?.clusterKey ?? null} trail={trail.trail} onBack={leaveCluster} /> : null}

      <FilterChips filters={view.filters} onChange={queueView.changeFilters} onClearAll={queueView.clearAll} />

      <div className="q-bar">
        {clusters ? (
          <div className="q-cluster-actions">
            <p className="q-hint muted">{t('queue.clustersHint')}</p>
            <button type="button" className="btn btn-small" aria-disabled={!activeRow || undefined} aria-keyshortcuts="n" onClick={onNewCase}>
              {t('queue.newCase.fromClusterAction')}
              <kbd className="q-kbd" aria-hidden="true">
                n
              </kbd>
            </button>
          </div>
        ) : (
          <ActionBar
            selectedCount={selected.size}
            activeId={activeRow?.id ?? null}
            busy={bulk.busy}
            menuOpen={menuOpen}
            onMenuOpen={setMenuOpen}
            onClaim={onClaim}
            onNewCase={onNewCase}
            onAddToCase={onAddToCase}
            onStatus={(status) => void setStatus(status)}
            onClear={clearSelection}
            onDone={focusGrid}
          />
        )}
        <div className="q-view-tools">
          <div className="q-segmented" role="group" aria-label={t('queue.grouping')}>
            {(['reports', 'clusters'] as const).map((grouping) => (
              <button
                key={grouping}
                type="button"
                aria-pressed={view.grouping === grouping}
                onClick={() => {
                  trail.forget();
                  queueView.setGrouping(grouping);
                }}
              >
                {t(`queue.grouping.${grouping}`)}
              </button>
            ))}
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
          <ColumnChooser columns={columns.all} visibleKey={view.columns.join(',')} onReset={queueView.resetColumns} />
        </div>
      </div>

      <div className="q-outcome">
        {bulk.outcome?.kind === 'ok' ? (
          <UndoToast
            key={bulk.outcome.undoIds.join(',')}
            message={t(bulk.outcome.key, { ...bulk.outcome.params, status: reportStatusLabel(t, bulk.outcome.status) ?? bulk.outcome.status })}
            onUndo={bulk.undo}
            onExpire={bulk.dismiss}
          />
        ) : null}
        {bulk.outcome?.kind === 'undone' ? (
          <MessageNotice tone="ok">
            {[
              ...(bulk.outcome.restored > 0 ? [t('statusUndo.restored', { count: bulk.outcome.restored })] : []),
              ...(bulk.outcome.resent > 0 ? [t('statusUndo.resent', { count: bulk.outcome.resent })] : []),
              ...(bulk.outcome.skipped > 0 ? [t('statusUndo.skipped', { count: bulk.outcome.skipped })] : []),
            ].join(' ')}
          </MessageNotice>
        ) : null}
        {bulk.outcome?.kind === 'error' ? <ErrorNotice error={bulk.outcome.error} context={bulk.outcome.context} /> : null}
        {caseActions.outcome ? (
          <CaseOutcomeNotice
            outcome={caseActions.outcome}
            onOpenCases={() => {
              const ref = caseActions.outcome?.ref;
              if (ref && onOpenCase) onOpenCase(ref);
              else onNavigate('cases');
            }}
            onDismiss={caseActions.dismiss}
          />
        ) : null}
        {rows.error ? (
          <div className="q-error">
            <ErrorNotice error={rows.error} />
            <button type="button" className="btn btn-small" onClick={refresh}>
              {t('common.retry')}
            </button>
          </div>
        ) : null}
      </div>

      <div className="q-main">
        {filtersShown ? (
          <aside id="q-filters" className="q-filters" aria-label={t('queue.filters')}>
            <FiltersPanel filters={view.filters} facets={rows.facets} onChange={queueView.changeFilters} />
          </aside>
        ) : null}
        <section className={`q-table${loading ? ' q-stale' : ''}`} aria-labelledby={TITLE_ID} aria-busy={pending || undefined}>
          {total === 0 ? (
            <div className="q-nomatch">
              <p className="q-nomatch-title">{t('queue.noMatch')}</p>
              <p className="muted">{t('queue.noMatchBody')}</p>
              <button type="button" className="btn btn-primary" onClick={queueView.clearAll}>
                {t('queue.clearFilters')}
              </button>
            </div>
          ) : (
            <QueueTable
              cache={shownCache}
              total={total ?? 0}
              columns={columns.visible}
              clusters={shownClusters}
              selectable={!shownClusters}
              active={active}
              selected={selected}
              labelledBy={TITLE_ID}
              gridRef={setGrid}
              onActivate={selection.onActivate}
              onMove={selection.onMove}
              onToggle={selection.onToggle}
              onSelectRange={selection.onSelectRange}
              onOpen={onOpen}
              onClaim={onClaim}
              onStatusMenu={onStatusMenu}
              onNewCase={onNewCase}
              onAddToCase={onAddToCase}
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
                countsChanged();
              }}
              onOpenCluster={(clusterId) => trail.openCluster(clusterId, active)}
              onFilterObservable={onFilterObservable}
              onOpenCase={onOpenCase}
              onOpenReport={setOpenId}
            />
          </section>
        ) : null}
      </div>

      {bulk.request ? (
        <StatusConfirmDialog
          request={bulk.request}
          busy={bulk.busy}
          error={null}
          onCancel={() => {
            bulk.cancel();
            focusGridSoon();
          }}
          onConfirm={(choice) => {
            bulk.confirm(choice);
            focusGridSoon();
          }}
        />
      ) : null}
      {caseActions.request?.kind === 'new' ? (
        <NewCaseDialog
          source={caseActions.request.source}
          suggestion={caseActions.request.suggestion}
          claim={caseActions.request.claim}
          onCancel={() => {
            caseActions.cancel();
            focusGridSoon();
          }}
          onCreated={(created) => {
            caseActions.created(created);
            focusGridSoon();
          }}
        />
      ) : null}
      {caseActions.request?.kind === 'add' ? (
        <AddToCaseDialog
          reportIds={caseActions.request.reportIds}
          claimNote={<ClaimNote counts={caseActions.request.claim} />}
          onCancel={() => {
            caseActions.cancel();
            focusGridSoon();
          }}
          onAdded={(updated, count) => {
            caseActions.added(updated, count);
            focusGridSoon();
          }}
        />
      ) : null}
    </div>
  );
}
