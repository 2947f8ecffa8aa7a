/**
 * The filters, each value with its live count: how many reports it would
 * give with the other filters unchanged (computed by the core). Values keep a
 * fixed order (severity, the regions' order...) so that nothing jumps while
 * the counts change; countries come by count.
 */
import { memo, useId, useState, type ReactNode } from 'react';
import { KNOWN_CATEGORIES, KNOWN_PLATFORMS, REGIONS, type FacetCount, type QueueFilters } from '../../../../shared/triage.ts';
import { DateField } from '../../components/DateField.tsx';
import { formatNumber } from '../../format.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { facetValueLabel } from './labels.ts';
import {
  QUEUE_STATUSES,
  dayEnd,
  dayOf,
  dayStart,
  listValues,
  statusTotals,
  toggleValue,
  withFlag,
  withInCase,
  withOpenOnly,
  type FlagDimension,
  type ListDimension,
} from './queueState.ts';

export type Facets = Readonly<Record<string, readonly FacetCount[]>>;

interface FiltersPanelProps {
  readonly filters: QueueFilters;
  /** Null until the first counts arrive. */
  readonly facets: Facets | null;
  readonly onChange: (filters: QueueFilters) => void;
}

const FIXED_ORDER: Partial<Record<ListDimension, readonly string[]>> = {
  category: KNOWN_CATEGORIES,
  platform: KNOWN_PLATFORMS,
  status: QUEUE_STATUSES,
  region: [...REGIONS, 'none'],
  location: ['morocco', 'abroad'],
  reporterMode: ['anonymous', 'identified'],
};

const DIMENSION_LABEL: Record<ListDimension | FlagDimension | 'dates' | 'flags', MessageKey> = {
  category: 'queue.filter.category',
  platform: 'queue.filter.platform',
  status: 'queue.filter.status',
  region: 'queue.filter.region',
  country: 'queue.filter.country',
  location: 'queue.filter.location',
  reporterMode: 'queue.filter.reporterMode',
  imminentDanger: 'queue.filter.imminentDanger',
  overdue: 'queue.filter.overdue',
  hasAttachments: 'queue.filter.hasAttachments',
  quarantined: 'queue.filter.quarantined',
  hashMatch: 'queue.filter.hashMatch',
  dates: 'queue.filter.dates',
  flags: 'queue.filter.flags',
};

export function dimensionLabel(dimension: string): MessageKey {
  return DIMENSION_LABEL[dimension as keyof typeof DIMENSION_LABEL] ?? 'queue.filter.other';
}

/** Countries shown before "show all". */
const COUNTRIES_SHOWN = 6;

function countOf(facets: Facets | null, dimension: string, value: string): number | null {
  if (!facets) return null;
  const list = facets[dimension];
  if (!list) return null;
  return list.find((entry) => entry.value === value)?.count ?? 0;
}

/** The values to offer: the fixed ones, then any other the counts name, then selected ones missing from both. */
function valuesOf(dimension: ListDimension, facets: Facets | null, selected: readonly string[]): string[] {
  const fixed = FIXED_ORDER[dimension];
  const counted = facets?.[dimension] ?? [];
  if (!fixed) {
    const byCount = [...counted].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).map((entry) => entry.value);
    return [...byCount, ...selected.filter((value) => !byCount.includes(value))];
  }
  const extra = counted.map((entry) => entry.value).filter((value) => !fixed.includes(value));
  const all = [...fixed, ...extra];
  return [...all, ...selected.filter((value) => !all.includes(value))];
}

export const FiltersPanel = memo(function FiltersPanel({ filters, facets, onChange }: FiltersPanelProps): ReactNode {
  const { t } = useI18n();
  return (
    <div className="qf">
      <FlagSection filters={filters} facets={facets} onChange={onChange} />
      <CasesSection filters={filters} facets={facets} onChange={onChange} />
      <ListSection dimension="status" filters={filters} facets={facets} onChange={onChange} defaultOpen lead={<OpenOnlyOption filters={filters} facets={facets} onChange={onChange} />} />
      <ListSection dimension="category" filters={filters} facets={facets} onChange={onChange} defaultOpen />
      <ListSection dimension="platform" filters={filters} facets={facets} onChange={onChange} defaultOpen />
      <ListSection dimension="location" filters={filters} facets={facets} onChange={onChange} defaultOpen />
      <ListSection dimension="region" filters={filters} facets={facets} onChange={onChange} />
      <ListSection dimension="country" filters={filters} facets={facets} onChange={onChange} />
      <ListSection dimension="reporterMode" filters={filters} facets={facets} onChange={onChange} />
      <Section title={t('queue.filter.attachments')} active={Boolean(filters.hasAttachments || filters.quarantined || filters.hashMatch)}>
        <Flag dimension="hasAttachments" filters={filters} facets={facets} onChange={onChange} />
        <Flag dimension="quarantined" filters={filters} facets={facets} onChange={onChange} />
        <Flag dimension="hashMatch" filters={filters} facets={facets} onChange={onChange} />
      </Section>
      <DatesSection filters={filters} onChange={onChange} />
    </div>
  );
});

interface SectionProps {
  readonly title: string;
  readonly active: boolean;
  readonly defaultOpen?: boolean;
  readonly children: ReactNode;
  readonly activeCount?: number;
}

function Section({ title, active, defaultOpen = false, activeCount, children }: SectionProps): ReactNode {
  const { t } = useI18n();
  const [open, setOpen] = useState(defaultOpen || active);
  return (
    <details className="qf-section" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="qf-summary">
        <span className="qf-title">{title}</span>
        {activeCount ? (
          <span className="qf-active" title={t('queue.filter.activeCount', { count: activeCount })}>
            <span aria-hidden="true">{activeCount}</span>
            <span className="visually-hidden">{t('queue.filter.activeCount', { count: activeCount })}</span>
          </span>
        ) : null}
      </summary>
      <div className="qf-values">{children}</div>
    </details>
  );
}

interface DimensionProps {
  readonly filters: QueueFilters;
  readonly facets: Facets | null;
  readonly onChange: (filters: QueueFilters) => void;
}

function ListSection({ dimension, filters, facets, onChange, defaultOpen, lead }: DimensionProps & { readonly dimension: ListDimension; readonly defaultOpen?: boolean; readonly lead?: ReactNode }): ReactNode {
  const { t, locale } = useI18n();
  const [all, setAll] = useState(false);
  const selected = listValues(filters, dimension);
  const values = valuesOf(dimension, facets, selected);
  const limited = dimension === 'country' && !all && values.length > COUNTRIES_SHOWN + 1;
  const shown = limited ? values.filter((value, index) => index < COUNTRIES_SHOWN || selected.includes(value)) : values;
  return (
    <Section title={t(dimensionLabel(dimension))} active={selected.length > 0} activeCount={selected.length} defaultOpen={defaultOpen}>
      {lead}
      {shown.map((value) => (
        <FacetOption
          key={value}
          label={facetValueLabel(t, locale, dimension, value)}
          value={value}
          count={countOf(facets, dimension, value)}
          checked={selected.includes(value)}
          onToggle={() => onChange(toggleValue(filters, dimension, value))}
        />
      ))}
      {values.length === 0 ? <p className="qf-none muted">{t('queue.filter.noValues')}</p> : null}
      {limited ? (
        <button type="button" className="qf-more" onClick={() => setAll(true)}>
          {t('queue.filter.showAll', { count: values.length })}
        </button>
      ) : null}
    </Section>
  );
}

/**
 * Open work only (the default view): with its count when no status is ticked
 * (the status counts leave it out, so they add up to what it gives).
 */
function OpenOnlyOption({ filters, facets, onChange }: DimensionProps): ReactNode {
  const { t } = useI18n();
  const checked = filters.openOnly === true;
  const totals = filters.status ? null : statusTotals(facets?.['status']);
  return (
    <div title={t('queue.filter.openOnlyHint')}>
      <FacetOption label={t('queue.filter.openOnly')} value="openOnly" count={totals ? totals.open : null} checked={checked} onToggle={() => onChange(withOpenOnly(filters, !checked))} />
    </div>
  );
}

function FlagSection({ filters, facets, onChange }: DimensionProps): ReactNode {
  const { t } = useI18n();
  return (
    <Section title={t('queue.filter.flags')} active defaultOpen>
      <Flag dimension="imminentDanger" filters={filters} facets={facets} onChange={onChange} />
      <Flag dimension="overdue" filters={filters} facets={facets} onChange={onChange} />
    </Section>
  );
}

/** Reports in a case the analyst may see, or in none: one or the other (ticking one unticks the other). */
function CasesSection({ filters, facets, onChange }: DimensionProps): ReactNode {
  const { t } = useI18n();
  const counts = facets?.['inCase'] ?? null;
  const countFor = (value: boolean): number | null => (counts ? (counts.find((entry) => entry.value === String(value))?.count ?? 0) : null);
  return (
    <Section title={t('queue.filter.cases')} active={filters.inCase !== undefined} activeCount={filters.inCase !== undefined ? 1 : 0} defaultOpen>
      {([true, false] as const).map((value) => {
        const checked = filters.inCase === value;
        return (
          <FacetOption
            key={String(value)}
            label={t(value ? 'queue.filter.inCase' : 'queue.filter.notInCase')}
            value={String(value)}
            count={countFor(value)}
            checked={checked}
            onToggle={() => onChange(withInCase(filters, checked ? undefined : value))}
          />
        );
      })}
    </Section>
  );
}

function flagCount(facets: Facets | null, dimension: FlagDimension): number | null {
  if (!facets) return null;
  const list = facets[dimension];
  if (!list) return null;
  return list.find((entry) => entry.value === 'true' || entry.value === '1' || entry.value === 'yes')?.count ?? 0;
}

function Flag({ dimension, filters, facets, onChange }: DimensionProps & { readonly dimension: FlagDimension }): ReactNode {
  const { t } = useI18n();
  const checked = filters[dimension] === true;
  return (
    <FacetOption
      label={t(dimensionLabel(dimension))}
      value={dimension}
      count={flagCount(facets, dimension)}
      checked={checked}
      tone={dimension === 'imminentDanger' ? 'danger' : dimension === 'overdue' ? 'warning' : undefined}
      onToggle={() => onChange(withFlag(filters, dimension, !checked))}
    />
  );
}

interface FacetOptionProps {
  /** Null: an unknown code, shown verbatim. */
  readonly label: string | null;
  readonly value: string;
  readonly count: number | null;
  readonly checked: boolean;
  readonly tone?: 'danger' | 'warning';
  readonly onToggle: () => void;
}

function FacetOption({ label, value, count, checked, tone, onToggle }: FacetOptionProps): ReactNode {
  const { locale } = useI18n();
  const zero = count === 0 && !checked;
  return (
    <label className={`qf-option${zero ? ' qf-zero' : ''}${checked ? ' qf-checked' : ''}${tone ? ` qf-${tone}` : ''}`}>
      <input type="checkbox" checked={checked} onChange={onToggle} />
      <span className="qf-label" title={label ?? value}>
        {label ?? <bdi className="mono">{value}</bdi>}
      </span>
      {count !== null ? <span className="qf-count num">{formatNumber(count, locale)}</span> : null}
    </label>
  );
}

function DatesSection({ filters, onChange }: Omit<DimensionProps, 'facets'>): ReactNode {
  const { t } = useI18n();
  const from = dayOf(filters.submittedFrom);
  const to = dayOf(filters.submittedTo);
  const activeCount = (from ? 1 : 0) + (to ? 1 : 0);
  const id = useId();
  // Typed as the interface writes days (dd/mm/yyyy), whatever the browser's locale.
  return (
    <Section title={t('queue.filter.dates')} active={activeCount > 0} activeCount={activeCount}>
      <div className="qf-date">
        <label htmlFor={`${id}-from`}>{t('queue.filter.from')}</label>
        <DateField
          id={`${id}-from`}
          className="input input-small"
          value={from}
          max={to || undefined}
          onChange={(day) => {
            const start = dayStart(day);
            const next = { ...filters };
            if (start) next.submittedFrom = start;
            else delete next.submittedFrom;
            onChange(next);
          }}
        />
      </div>
      <div className="qf-date">
        <label htmlFor={`${id}-to`}>{t('queue.filter.to')}</label>
        <DateField
          id={`${id}-to`}
          className="input input-small"
          value={to}
          min={from || undefined}
          onChange={(day) => {
            const end = dayEnd(day);
            const next = { ...filters };
            if (end) next.submittedTo = end;
            else delete next.submittedTo;
            onChange(next);
          }}
        />
      </div>
      <p className="qf-hint muted">{t('queue.filter.datesHint')}</p>
    </Section>
  );
}
