/** The four figures an analyst reads first, as large numbers; overdue and imminent danger stand out only when not zero. */
import type { ReactNode } from 'react';
import type { Dashboard } from '../../../../shared/triage.ts';
import { formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';

export interface Figure {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly value: number;
  readonly tone?: 'warning' | 'danger';
}

export function KeyFigures({ data }: { readonly data: Dashboard }): ReactNode {
  const { t } = useI18n();
  const figures: Figure[] = [
    { id: 'total', label: t('dashboard.figure.total'), hint: t('dashboard.figure.totalHint'), value: data.total },
    { id: 'open', label: t('dashboard.figure.open'), hint: t('dashboard.figure.openHint'), value: data.open },
    { id: 'overdue', label: t('dashboard.figure.overdue'), hint: t('dashboard.figure.overdueHint'), value: data.overdue, tone: 'warning' },
    { id: 'danger', label: t('dashboard.figure.danger'), hint: t('dashboard.figure.dangerHint'), value: data.imminentDangerOpen, tone: 'danger' },
  ];
  return <FigureList id="dash-figures-title" title={t('dashboard.figures')} figures={figures} />;
}

/** A row of key figures under a heading only screen readers need (`visibleTitle` shows it). */
export function FigureList({ id, title, figures, visibleTitle = false, className }: { readonly id: string; readonly title: string; readonly figures: readonly Figure[]; readonly visibleTitle?: boolean; readonly className?: string }): ReactNode {
  const { locale } = useI18n();
  return (
    <section aria-labelledby={id} className={className}>
      <h2 className={visibleTitle ? 'dash-card-title' : 'visually-hidden'} id={id}>
        {title}
      </h2>
      <dl className="dash-figures">
        {figures.map((figure) => (
          <div
            key={figure.id}
            className={`dash-figure${figure.tone && figure.value > 0 ? ` dash-figure-${figure.tone}` : ''}`}
            data-figure={figure.id}
          >
            <dt className="dash-figure-label">{figure.label}</dt>
            <dd className="dash-figure-value">{formatNumber(figure.value, locale)}</dd>
            <dd className="dash-figure-hint">{figure.hint}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
