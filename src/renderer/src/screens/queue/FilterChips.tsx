/** The active filters as removable chips, and "clear all". */
import { useEffect, useState, type ReactNode } from 'react';
import type { ObservableRow } from '../../../../shared/cases.ts';
import { defangUrl, removeInvisible } from '../../../../shared/defang.ts';
import type { QueueFilters } from '../../../../shared/triage.ts';
import { formatDateTime, parseInstant } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { DEFANGED_TYPES, observableTypeWord } from '../report/caseWords.ts';
import { dimensionLabel } from './FiltersPanel.tsx';
import { facetValueLabel } from './labels.ts';
import { FLAG_DIMENSIONS, LIST_DIMENSIONS, listValues, toggleValue, without } from './queueState.ts';

interface Chip {
  readonly key: string;
  readonly dimension: string;
  readonly text: string;
  /** The value comes from the data (unknown code, search text): isolate it. */
  readonly verbatim: boolean;
  /** Left to right (an observable's value). */
  readonly ltr?: boolean;
  readonly remove: (filters: QueueFilters) => QueueFilters;
}

interface FilterChipsProps {
  readonly filters: QueueFilters;
  readonly onChange: (filters: QueueFilters) => void;
  readonly onClearAll: () => void;
}

export function FilterChips({ filters, onChange, onClearAll }: FilterChipsProps): ReactNode {
  const { t, locale } = useI18n();
  const observable = useObservable(filters.observableId);
  const chips: Chip[] = [];
  if (filters.openOnly) {
    // The default view's: removing it shows every report, finished ones after the open ones.
    chips.push({ key: 'openOnly', dimension: '', text: t('queue.filter.openOnly'), verbatim: false, remove: (f) => without(f, 'openOnly') });
  }
  if (filters.search) {
    chips.push({ key: 'search', dimension: t('queue.filter.search'), text: filters.search, verbatim: true, remove: (f) => without(f, 'search') });
  }
  if (filters.observableId !== undefined) {
    const known = observable?.id === filters.observableId ? observable : null;
    chips.push({
      key: 'observableId',
      dimension: known ? (observableTypeWord(t, known.type) ?? t('queue.filter.observable')) : t('queue.filter.observable'),
      text: known ? (DEFANGED_TYPES.has(known.type) ? defangUrl(known.value) : removeInvisible(known.value)) : t('queue.filter.observableN', { id: filters.observableId }),
      verbatim: known !== null,
      ltr: known !== null,
      remove: (f) => without(f, 'observableId'),
    });
  }
  if (filters.caseRef !== undefined) {
    chips.push({ key: 'caseRef', dimension: t('queue.column.cases'), text: filters.caseRef, verbatim: true, ltr: true, remove: (f) => without(f, 'caseRef') });
  }
  if (filters.inCase !== undefined) {
    chips.push({ key: 'inCase', dimension: '', text: t(filters.inCase ? 'queue.filter.inCase' : 'queue.filter.notInCase'), verbatim: false, remove: (f) => without(f, 'inCase') });
  }
  for (const dimension of FLAG_DIMENSIONS) {
    if (filters[dimension]) chips.push({ key: dimension, dimension: '', text: t(dimensionLabel(dimension)), verbatim: false, remove: (f) => without(f, dimension) });
  }
  for (const dimension of LIST_DIMENSIONS) {
    for (const value of listValues(filters, dimension)) {
      const label = facetValueLabel(t, locale, dimension, value);
      chips.push({
        key: `${dimension}:${value}`,
        dimension: t(dimensionLabel(dimension)),
        text: label ?? value,
        verbatim: label === null,
        remove: (f) => toggleValue(f, dimension, value),
      });
    }
  }
  for (const key of ['submittedFrom', 'submittedTo'] as const) {
    const date = filters[key] ? parseInstant(filters[key]) : null;
    if (date) {
      chips.push({
        key,
        dimension: t(key === 'submittedFrom' ? 'queue.filter.from' : 'queue.filter.to'),
        text: formatDateTime(date, locale, 'date'),
        verbatim: false,
        remove: (f) => without(f, key),
      });
    }
  }
  if (chips.length === 0) return null;
  return (
    <div className="q-chips" role="group" aria-label={t('queue.chips')}>
      {chips.map((chip) => (
        <span key={chip.key} className="q-chip">
          <span className="q-chip-text">
            {chip.dimension ? <span className="q-chip-dim">{t('queue.chipDimension', { dimension: chip.dimension })}</span> : null}
            {/* The value in its own direction, cut at its own end: an Arabic search in the French interface loses its end, not its start. */}
            {chip.verbatim ? (
              <bdi dir={chip.ltr ? 'ltr' : 'auto'} className={`q-chip-value${chip.ltr ? ' mono' : ''}`} title={chip.text}>
                {chip.text}
              </bdi>
            ) : (
              <span className="q-chip-value" title={chip.text}>
                {chip.text}
              </span>
            )}
          </span>
          <button
            type="button"
            className="q-chip-remove"
            aria-label={t('queue.removeFilter', { filter: chip.dimension ? t('queue.chipLabel', { dimension: chip.dimension, value: chip.text }) : chip.text })}
            title={t('queue.removeFilterShort')}
            onClick={() => onChange(chip.remove(filters))}
          >
            <span aria-hidden="true">×</span>
          </button>
        </span>
      ))}
      <button type="button" className="btn btn-small q-clear" onClick={onClearAll}>
        {t('queue.clearAll')}
      </button>
    </div>
  );
}

/** The observable a filter names, for its chip (null until read, or when it cannot be). */
function useObservable(observableId: number | undefined): ObservableRow | null {
  const api = useApi();
  const [row, setRow] = useState<ObservableRow | null>(null);
  useEffect(() => {
    if (observableId === undefined) return;
    let cancelled = false;
    void api('observables.list', { observableId }).then((result) => {
      if (!cancelled && result.ok) setRow(result.value[0] ?? null);
    });
    return () => {
      cancelled = true;
    };
  }, [api, observableId]);
  return row;
}
