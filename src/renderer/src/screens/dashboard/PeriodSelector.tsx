/** The period of the per-day chart: 7, 30 or 90 days, as a group of radio buttons (arrow keys move within it). */
import { useId, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';

export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];

interface PeriodSelectorProps {
  readonly value: Period;
  readonly onChange: (days: Period) => void;
}

export function PeriodSelector({ value, onChange }: PeriodSelectorProps): ReactNode {
  const { t } = useI18n();
  const name = useId();
  return (
    <fieldset className="dash-period">
      <legend className="visually-hidden">{t('dashboard.period')}</legend>
      {PERIODS.map((days) => (
        <label key={days} className="dash-period-option">
          <input type="radio" name={name} value={days} checked={value === days} onChange={() => onChange(days)} />
          <span>{t(`dashboard.period.${days}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
