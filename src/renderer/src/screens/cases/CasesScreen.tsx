/**
 * Cases: the list (filters with live counts, search, sort, paging by scroll,
 * keyboard first) and, opened from it, one case across the full width. The
 * list keeps its query and active row while a case is open.
 *
 * Keys: ↑/↓ or j/k move, Enter opens, `/` searches; in a case, Escape (or
 * the back button) returns to the list.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CaseFilters, CaseRow, CaseView as CaseViewData } from '../../../../shared/cases.ts';
import type { QueueFilters } from '../../../../shared/triage.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useCalm } from '../../hooks/useCalm.ts';
import { useI18n } from '../../i18n/index.ts';
import { useRememberPlace } from '../../shell/place.ts';
import type { ScreenId } from '../../shell/screens.ts';
import '../../styles/cases.css';
import { CaseFiltersPanel } from './CaseFiltersPanel.tsx';
import { CasesTable } from './CasesTable.tsx';
import { CaseView } from './CaseView.tsx';
import { NewCaseDialog } from './NewCaseDialog.tsx';
import { DEFAULT_CASE_QUERY, useCaseList, type CaseListQuery, type CaseSort } from './useCaseList.ts';

interface CasesScreenProps {
  readonly onNavigate: (screen: ScreenId) => void;
  /** Another screen asks for one case (the queue's notice, a report's cases); `nonce` tells requests apart. */
  readonly caseRequest?: { readonly ref: string; readonly nonce: number } | null;
  /** Shows the queue with these filters (a case's reports, an observable's reports). */
  readonly onOpenQueue?: (filters: QueueFilters) => void;
}

const TITLE_ID = 'cases-title';

function hasFilters(filters: CaseFilters): boolean {
  return Object.keys(filters).length > 0;
}

export function CasesScreen({ onNavigate, caseRequest = null, onOpenQueue }: CasesScreenProps): ReactNode {
  /** The open case, after the cases it was reached from (a note's reference, a report's cases): Back returns along them. */
  const [trail, setTrail] = useState<readonly string[]>(() => (caseRequest ? [caseRequest.ref] : []));
  const openRef = trail.at(-1) ?? null;
  useRememberPlace('caseRef', openRef);
  const [query, setQuery] = useState<CaseListQuery>(DEFAULT_CASE_QUERY);
  const [active, setActive] = useState<number | null>(null);
  const list = useCaseList(query);
  const { reload } = list;
  const back = useCallback(() => {
    setTrail((before) => before.slice(0, -1));
    reload();
  }, [reload]);
  const openFromCase = useCallback((ref: string) => setTrail((before) => (before.at(-1) === ref ? before : [...before.filter((other) => other !== ref), ref])), []);

  // A case asked for by another screen while this one is shown: it opens on its own.
  const handledRequest = useRef(caseRequest?.nonce ?? null);
  useEffect(() => {
    if (!caseRequest || handledRequest.current === caseRequest.nonce) return;
    handledRequest.current = caseRequest.nonce;
    setTrail([caseRequest.ref]);
  }, [caseRequest]);

  if (openRef) {
    return <CaseView key={openRef} caseRef={openRef} previousRef={trail.at(-2) ?? null} onBack={back} onOpenCase={openFromCase} onOpenQueue={onOpenQueue} />;
  }
  return (
    <CasesList
      query={query}
      onQuery={(next) => {
        setQuery(next);
        setActive(null);
      }}
      list={list}
      active={active}
      onActive={setActive}
      onOpen={(ref) => setTrail([ref])}
      onNavigate={onNavigate}
    />
  );
}

interface CasesListProps {
  readonly query: CaseListQuery;
  readonly onQuery: (query: CaseListQuery) => void;
  readonly list: ReturnType<typeof useCaseList>;
  readonly active: number | null;
  readonly onActive: (index: number) => void;
  readonly onOpen: (ref: string) => void;
  readonly onNavigate: (screen: ScreenId) => void;
}

function CasesList({ query, onQuery, list, active, onActive, onOpen, onNavigate }: CasesListProps): ReactNode {
  const { t } = useI18n();
  const gridRef = useRef<HTMLDivElement | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState(query.filters.search ?? '');
  const [creating, setCreating] = useState(false);
  // Open by default where the grid keeps room for its columns beside them.
  const [filtersOpen, setFiltersOpen] = useState(() => window.innerWidth >= 1400);
  const setGrid = useCallback((el: HTMLDivElement | null) => {
    gridRef.current = el;
  }, []);
  const loading = useCalm(list.loading);

  // `/` focuses the search, from anywhere but a field.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // The grid takes the focus once, when rows first show, so that the keys work at once.
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current && list.rows.length > 0 && document.activeElement?.id === 'main') {
      focused.current = true;
      gridRef.current?.focus({ preventScroll: true });
    }
  }, [list.rows.length]);

  const setFilters = (filters: CaseFilters): void => onQuery({ ...query, filters });
  function submitSearch(): void {
    const text = search.trim();
    const filters: CaseFilters = { ...query.filters };
    if (text) filters.search = text.slice(0, 500);
    else delete filters.search;
    setFilters(filters);
  }

  const nothingAtAll = list.total === 0 && !hasFilters(query.filters) && !list.loading;
  const header = (
    <div className="cs-top">
      <div className="cs-titles">
        <h1 id="screen-title">
          <span id={TITLE_ID}>{t('nav.cases')}</span>
        </h1>
        <p className="cs-total" aria-live="polite" aria-atomic="true">
          {list.total === null ? (loading ? t('common.loading') : '\u00a0') : t('cases.total', { count: list.total })}
        </p>
      </div>
      {nothingAtAll ? null : (
        <div className="cs-search">
          <label className="visually-hidden" htmlFor="cs-search-input">
            {t('cases.search')}
          </label>
          <input
            id="cs-search-input"
            ref={searchRef}
            type="search"
            className="input"
            dir="auto"
            placeholder={t('cases.searchPlaceholder')}
            value={search}
            aria-keyshortcuts="/"
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === 'ArrowDown') {
                event.preventDefault();
                submitSearch();
                gridRef.current?.focus();
              } else if (event.key === 'Escape') {
                if (search) setSearch('');
                else gridRef.current?.focus();
              }
            }}
          />
          <kbd className="cs-kbd" aria-hidden="true">
            /
          </kbd>
        </div>
      )}
      <div className="cs-tools">
        {nothingAtAll ? null : (
          <button type="button" className="btn btn-small" aria-expanded={filtersOpen} aria-controls="cs-filters" onClick={() => setFiltersOpen((open) => !open)}>
            {t('cases.filters')}
          </button>
        )}
        <button type="button" className="btn btn-primary btn-small" onClick={() => setCreating(true)}>
          {t('cases.new.button')}
        </button>
      </div>
    </div>
  );

  const dialog = creating ? (
    <NewCaseDialog
      onCancel={() => setCreating(false)}
      onCreated={(view: CaseViewData) => {
        setCreating(false);
        onOpen(view.ref);
      }}
    />
  ) : null;

  if (nothingAtAll) {
    return (
      <div className="cases">
        {header}
        <ErrorNotice error={list.error} />
        <EmptyState title={t('cases.emptyTitle')} action={{ label: t('cases.toQueue'), onClick: () => onNavigate('queue') }}>
          <p>{t('cases.emptyBody')}</p>
          <p>{t('cases.emptyCreate')}</p>
        </EmptyState>
        {dialog}
      </div>
    );
  }

  return (
    <div className="cases">
      {header}
      <ErrorNotice error={list.error} />
      <div className="cs-main">
        {filtersOpen ? (
          <aside id="cs-filters" className="cs-filters" aria-label={t('cases.filters')}>
            <CaseFiltersPanel filters={query.filters} facets={list.facets} onChange={setFilters} />
            {hasFilters(query.filters) ? (
              <button
                type="button"
                className="btn btn-small cs-clear"
                onClick={() => {
                  setSearch('');
                  setFilters({});
                }}
              >
                {t('cases.clearFilters')}
              </button>
            ) : null}
          </aside>
        ) : null}
        <section className={`cs-table${loading ? ' cs-stale' : ''}`} aria-labelledby={TITLE_ID} aria-busy={list.loading || undefined}>
          {list.total === 0 ? (
            <div className="cs-nomatch">
              <p className="cs-nomatch-title">{t('cases.noMatch')}</p>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setSearch('');
                  setFilters({});
                }}
              >
                {t('cases.clearFilters')}
              </button>
            </div>
          ) : (
            <CasesTable
              rows={list.rows}
              total={list.total ?? 0}
              sort={query.sort}
              onSort={(sort: CaseSort) => onQuery({ ...query, sort })}
              active={active}
              onActive={onActive}
              onOpen={(row: CaseRow) => onOpen(row.ref)}
              onMore={list.more}
              labelledBy={TITLE_ID}
              gridRef={setGrid}
            />
          )}
        </section>
      </div>
      {dialog}
    </div>
  );
}
