/** The queue's top bar: title and total, the search box, saved views and the shortcuts button. */
import type { ReactNode, RefObject } from 'react';
import { SEARCH_MAX_LENGTH, type SavedView } from '../../../../shared/triage.ts';
import { textDirection } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { SavedViews } from './SavedViews.tsx';
import type { QueueView } from './useQueueView.ts';

interface QueueTitleProps {
  readonly loading: boolean;
}

/** Before the first answer: the title alone, and "loading" if the answer takes a while. */
export function QueueTitle({ loading }: QueueTitleProps): ReactNode {
  const { t } = useI18n();
  return (
    <div className="q-titles">
      <h1 id="screen-title">{t('nav.queue')}</h1>
      <p className="q-total" role="status">
        {loading ? t('common.loading') : '\u00a0'}
      </p>
    </div>
  );
}

interface QueueHeaderProps {
  readonly titleId: string;
  /** Rows in the result shown; null before the first answer. */
  readonly total: number | null;
  readonly clusters: boolean;
  readonly loading: boolean;
  readonly pending: boolean;
  readonly queueView: QueueView;
  readonly searchRef: RefObject<HTMLInputElement | null>;
  readonly helpOpen: boolean;
  readonly onApplySaved: (saved: SavedView) => void;
  readonly onToggleHelp: () => void;
  /** Enter, ↓ or Escape in the search box: back to the grid. */
  readonly onSearchDone: () => void;
}

export function QueueHeader({ titleId, total, clusters, loading, pending, queueView, searchRef, helpOpen, onApplySaved, onToggleHelp, onSearchDone }: QueueHeaderProps): ReactNode {
  const { t } = useI18n();
  const { view, searchText, setSearchText } = queueView;
  // The field holds what the core accepts: a longer paste is cut there, and the analyst is told.
  const searchFull = searchText.length >= SEARCH_MAX_LENGTH;
  return (
    <div className="q-top">
      <div className="q-titles">
        <h1 id="screen-title">
          <span id={titleId}>{t('nav.queue')}</span>
        </h1>
        <p className={`q-total${loading ? ' q-stale' : ''}`} aria-live="polite" aria-atomic="true" aria-busy={pending || undefined}>
          {total === null ? (loading ? t('common.loading') : '\u00a0') : t(clusters ? 'queue.totalClusters' : 'queue.total', { count: total })}
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
          dir={searchText ? textDirection(searchText) : undefined}
          maxLength={SEARCH_MAX_LENGTH}
          aria-describedby={searchFull ? 'q-search-limit' : undefined}
          aria-keyshortcuts="/"
          onChange={(event) => setSearchText(event.target.value.slice(0, SEARCH_MAX_LENGTH))}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === 'ArrowDown') {
              event.preventDefault();
              queueView.submitSearch();
              onSearchDone();
            } else if (event.key === 'Escape') {
              if (searchText) setSearchText('');
              else onSearchDone();
            }
          }}
        />
        <kbd className="q-kbd q-search-kbd" aria-hidden="true">
          /
        </kbd>
        {searchFull ? (
          <p id="q-search-limit" className="q-search-limit" role="status">
            {t('queue.searchTooLong', { max: SEARCH_MAX_LENGTH })}
          </p>
        ) : null}
      </div>
      <div className="q-tools">
        <SavedViews current={view} appliedName={queueView.appliedName} onApply={onApplySaved} onSaved={queueView.noteSaved} />
        <button type="button" className="btn btn-small q-help-button" aria-label={t('queue.keys.title')} aria-keyshortcuts="?" aria-expanded={helpOpen} onClick={onToggleHelp}>
          ?
        </button>
      </div>
    </div>
  );
}
