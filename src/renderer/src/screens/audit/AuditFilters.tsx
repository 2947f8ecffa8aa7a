/**
 * The journal's filters: analyst, action, report, case and period. The form
 * is applied on submit; "clear" empties it. Values go to the core as they
 * are (bound parameters there), never into a query string.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { AuditFilters as Filters } from '../../../../shared/contract/audit.ts';
import { AuditAction } from '../../../../shared/schemas.ts';
import { DateField } from '../../components/DateField.tsx';
import { useI18n } from '../../i18n/index.ts';

interface AuditFiltersProps {
  readonly analysts: readonly { readonly id: string; readonly name: string }[];
  readonly onApply: (filters: Filters) => void;
}

interface Draft {
  analystId: string;
  action: string;
  reportId: string;
  caseRef: string;
  from: string;
  to: string;
}

const EMPTY: Draft = { analystId: '', action: '', reportId: '', caseRef: '', from: '', to: '' };

function toFilters(draft: Draft): Filters {
  const filters: Filters = {};
  if (draft.analystId) filters.analystId = draft.analystId;
  const action = AuditAction.safeParse(draft.action);
  if (action.success) filters.action = action.data;
  if (draft.reportId.trim()) filters.reportId = draft.reportId.trim();
  if (draft.caseRef.trim()) filters.caseRef = draft.caseRef.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(draft.from)) filters.from = draft.from;
  if (/^\d{4}-\d{2}-\d{2}$/.test(draft.to)) filters.to = draft.to;
  return filters;
}

export function AuditFilters({ analysts, onApply }: AuditFiltersProps): ReactNode {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const set = (key: keyof Draft) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: event.target.value }));
  const actions = [...AuditAction.options].map((action) => ({ action, label: t(`audit.action.${action}`) })).sort((a, b) => a.label.localeCompare(b.label));

  function submit(event: FormEvent): void {
    event.preventDefault();
    onApply(toFilters(draft));
  }

  function clear(): void {
    setDraft(EMPTY);
    onApply({});
  }

  return (
    <form className="audit-filters" onSubmit={submit} aria-label={t('audit.filter.title')}>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-analyst`}>
          {t('audit.filter.analyst')}
        </label>
        <select id={`${id}-analyst`} className="input" value={draft.analystId} onChange={set('analystId')}>
          <option value="">{t('audit.filter.any')}</option>
          {analysts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-action`}>
          {t('audit.filter.action')}
        </label>
        <select id={`${id}-action`} className="input" value={draft.action} onChange={set('action')}>
          <option value="">{t('audit.filter.any')}</option>
          {actions.map((a) => (
            <option key={a.action} value={a.action}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-report`}>
          {t('audit.filter.report')}
        </label>
        <input id={`${id}-report`} className="input mono" dir="ltr" value={draft.reportId} onChange={set('reportId')} placeholder="IBL-2026-0000041" maxLength={64} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-case`}>
          {t('audit.filter.case')}
        </label>
        <input id={`${id}-case`} className="input mono" dir="ltr" value={draft.caseRef} onChange={set('caseRef')} maxLength={64} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-from`}>
          {t('audit.filter.from')}
        </label>
        <DateField id={`${id}-from`} value={draft.from} max={draft.to || undefined} onChange={(day) => setDraft((d) => ({ ...d, from: day }))} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-to`}>
          {t('audit.filter.to')}
        </label>
        <DateField id={`${id}-to`} value={draft.to} min={draft.from || undefined} onChange={(day) => setDraft((d) => ({ ...d, to: day }))} />
      </div>
      <div className="audit-filters-actions">
        <button type="submit" className="btn btn-primary">
          {t('audit.filter.apply')}
        </button>
        <button type="button" className="btn" onClick={clear}>
          {t('audit.filter.clear')}
        </button>
      </div>
    </form>
  );
}
