/** A select of the interface languages, each named in itself. */
import type { ReactNode } from 'react';
import { UiLocale } from '../../../shared/schemas.ts';
import type { ControlProps } from '../components/Field.tsx';
import { useI18n } from '../i18n/index.ts';

interface LocaleSelectProps {
  readonly control: ControlProps;
  readonly value: UiLocale;
  readonly onChange: (locale: UiLocale) => void;
}

export function LocaleSelect({ control, value, onChange }: LocaleSelectProps): ReactNode {
  const { t } = useI18n();
  return (
    <select {...control} className="input" value={value} onChange={(event) => onChange(UiLocale.parse(event.target.value))}>
      {UiLocale.options.map((option) => (
        <option key={option} value={option} lang={option}>
          {t(`lang.name.${option}`)}
        </option>
      ))}
    </select>
  );
}
