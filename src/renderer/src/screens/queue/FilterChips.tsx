/** The active filters as removable chips, and "clear all". */
import type { ReactNode } from 'react';
import type { QueueFilters } from '../../../../shared/triage.ts';
import { formatDateTime, parseInstant } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { dimensionLabel } from './FiltersPanel.tsx';
import { facetValueLabel } from './labels.ts';
import { FLAG_DIMENSIONS, LIST_DIMENSIONS, listValues, toggleValue, without } from './queueState.ts';

interface Chip {
  readonly key: string;
  readonly dimension: string;
  readonly text: string;
  /** The value comes from the data (unknown code, search text): isolate it. */
  readonly verbatim: boolean;
  readonly remove: (filters: QueueFilters) => QueueFilters;
}

interface FilterChipsProps {
  readonly filters: QueueFilters;
  readonly onChange: (filters: QueueFilters) => void;
  readonly onClearAll: () => void;
}

export function FilterChips({ filters, onChange, onClearAll }: FilterChipsProps): ReactNode {
  const { t, locale } = useI18n();
  const chips: Chip[] = [];
  if (filters.search) {
    chips.push({ key: 'search', dimension: t('queue.filter.search'), text: filters.search, verbatim: true, remove: (f) => without(f, 'search') });
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
            {chip.verbatim ? <bdi>{chip.text}</bdi> : chip.text}
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
