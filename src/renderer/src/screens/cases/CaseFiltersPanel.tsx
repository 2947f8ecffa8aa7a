/**
 * The cases' filters, each value with its live count (how many cases it would
 * give with the other filters unchanged, from the core). Statuses keep their
 * life order; assignees, qualifications and regions come by count.
 */
import { useId, type ReactNode } from 'react';
import { CASE_STATUSES, type CaseFilters, type CasePage, type CaseStatus } from '../../../../shared/cases.ts';
import { formatNumber } from '../../format.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { regionLabel } from '../../i18n/labels.ts';
import { caseStatusLabel } from './caseLabels.ts';

type Facets = CasePage['facets'];
type ListDimension = 'status' | 'assignee' | 'qualification' | 'region';

interface CaseFiltersPanelProps {
  readonly filters: CaseFilters;
  readonly facets: Facets | null;
  readonly onChange: (filters: CaseFilters) => void;
}

const TITLE: Record<ListDimension | 'overdue', MessageKey> = {
  status: 'cases.filter.status',
  assignee: 'cases.filter.assignee',
  qualification: 'cases.filter.qualification',
  region: 'cases.filter.region',
  overdue: 'cases.filter.overdue',
};

export function listOf(filters: CaseFilters, dimension: ListDimension): readonly string[] {
  return filters[dimension] ?? [];
}

/** The filters with one value of a dimension turned on or off. */
export function toggled(filters: CaseFilters, dimension: ListDimension, value: string): CaseFilters {
  const current = listOf(filters, dimension);
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const copy: CaseFilters = { ...filters };
  if (next.length === 0) delete copy[dimension];
  else if (dimension === 'status') copy.status = next as CaseStatus[];
  else copy[dimension] = next;
  return copy;
}

export function CaseFiltersPanel({ filters, facets, onChange }: CaseFiltersPanelProps): ReactNode {
  const { t, locale } = useI18n();
  const overdueCount = facets?.['overdue']?.find((entry) => entry.value === 'true')?.count ?? null;
  return (
    <div className="cs-filters-body">
      <FacetGroup title={t(TITLE.overdue)}>
        <label className={`cs-option${filters.overdue ? ' cs-option-on' : ''}${overdueCount === 0 ? ' cs-option-zero' : ''}`}>
          <input
            type="checkbox"
            checked={Boolean(filters.overdue)}
            onChange={() => {
              const copy: CaseFilters = { ...filters };
              if (filters.overdue) delete copy.overdue;
              else copy.overdue = true;
              onChange(copy);
            }}
          />
          <span className="cs-option-label">{t('cases.filter.overdueOnly')}</span>
          {overdueCount !== null ? <span className="cs-option-count num">{formatNumber(overdueCount, locale)}</span> : null}
        </label>
      </FacetGroup>
      {(['status', 'assignee', 'qualification', 'region'] as const).map((dimension) => (
        <ListGroup key={dimension} dimension={dimension} filters={filters} facets={facets} onChange={onChange} />
      ))}
    </div>
  );
}

function FacetGroup({ title, children }: { readonly title: string; readonly children: ReactNode }): ReactNode {
  const id = useId();
  return (
    <div className="cs-facet" role="group" aria-labelledby={id}>
      <p className="cs-facet-title" id={id}>
        {title}
      </p>
      {children}
    </div>
  );
}

function ListGroup({ dimension, filters, facets, onChange }: { readonly dimension: ListDimension } & CaseFiltersPanelProps): ReactNode {
  const { t, locale } = useI18n();
  const counted = facets?.[dimension] ?? [];
  const selected = listOf(filters, dimension);
  const values: { value: string; label: string | null }[] =
    dimension === 'status'
      ? CASE_STATUSES.map((value) => ({ value, label: null }))
      : [...counted].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).map((entry) => ({ value: entry.value, label: entry.label }));
  for (const value of selected) if (!values.some((entry) => entry.value === value)) values.push({ value, label: null });

  function labelOf(value: string, label: string | null): ReactNode {
    if (dimension === 'status') return caseStatusLabel(t, value as CaseStatus);
    if (dimension === 'assignee') return value === 'none' ? t('cases.unassigned') : <bdi dir="auto">{label ?? value}</bdi>;
    if (dimension === 'region') return value === 'none' ? t('cases.filter.noRegion') : (regionLabel(t, value) ?? <bdi>{value}</bdi>);
    return (
      <bdi dir="ltr" className="mono" title={label ?? undefined}>
        {value}
      </bdi>
    );
  }

  return (
    <FacetGroup title={t(TITLE[dimension])}>
      {values.length === 0 ? <p className="cs-option-none muted">{t('common.none')}</p> : null}
      {values.map(({ value, label }) => {
        const count = facets ? (counted.find((entry) => entry.value === value)?.count ?? 0) : null;
        const on = selected.includes(value);
        return (
          <label key={value} className={`cs-option${on ? ' cs-option-on' : ''}${count === 0 ? ' cs-option-zero' : ''}`}>
            <input type="checkbox" checked={on} onChange={() => onChange(toggled(filters, dimension, value))} />
            <span className="cs-option-label">{labelOf(value, label)}</span>
            {count !== null ? <span className="cs-option-count num">{formatNumber(count, locale)}</span> : null}
          </label>
        );
      })}
    </FacetGroup>
  );
}
