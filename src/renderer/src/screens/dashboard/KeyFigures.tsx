/** The four figures an analyst reads first, as large numbers; overdue and imminent danger stand out only when not zero. */
import type { ReactNode } from 'react';
import type { Dashboard } from '../../../../shared/triage.ts';
import { formatNumber } from '../../format.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';

interface Figure {
  readonly id: string;
  readonly label: MessageKey;
  readonly hint: MessageKey;
  readonly value: number;
  readonly tone?: 'warning' | 'danger';
}

export function KeyFigures({ data }: { readonly data: Dashboard }): ReactNode {
  const { t, locale } = useI18n();
  const figures: Figure[] = [
    { id: 'total', label: 'dashboard.figure.total', hint: 'dashboard.figure.totalHint', value: data.total },
    { id: 'open', label: 'dashboard.figure.open', hint: 'dashboard.figure.openHint', value: data.open },
    { id: 'overdue', label: 'dashboard.figure.overdue', hint: 'dashboard.figure.overdueHint', value: data.overdue, tone: 'warning' },
    { id: 'danger', label: 'dashboard.figure.danger', hint: 'dashboard.figure.dangerHint', value: data.imminentDangerOpen, tone: 'danger' },
  ];
  return (
    <section aria-labelledby="dash-figures-title">
      <h2 className="visually-hidden" id="dash-figures-title">
        {t('dashboard.figures')}
      </h2>
      <dl className="dash-figures">
        {figures.map((figure) => (
          <div
            key={figure.id}
            className={`dash-figure${figure.tone && figure.value > 0 ? ` dash-figure-${figure.tone}` : ''}`}
            data-figure={figure.id}
          >
            <dt className="dash-figure-label">{t(figure.label)}</dt>
            <dd className="dash-figure-value">{formatNumber(figure.value, locale)}</dd>
            <dd className="dash-figure-hint">{t(figure.hint)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
