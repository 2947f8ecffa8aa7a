/** FR / ع: switches the interface language. Each language is named in itself. */
import type { ReactNode } from 'react';
import { UiLocale } from '../../../shared/schemas.ts';
import { useI18n } from '../i18n/index.ts';

interface LanguageSwitchProps {
  readonly onChange: (locale: UiLocale) => void;
  readonly busy?: boolean;
  readonly tone?: 'light' | 'dark';
}

export function LanguageSwitch({ onChange, busy = false, tone = 'light' }: LanguageSwitchProps): ReactNode {
  const { t, locale } = useI18n();
  return (
    <div className={`lang-switch lang-switch-${tone}`} role="group" aria-label={t('lang.switch')}>
      {UiLocale.options.map((option) => (
        <button
          key={option}
          type="button"
          className="lang-switch-option"
          lang={option}
          aria-label={t(`lang.name.${option}`)}
          title={t(`lang.name.${option}`)}
          aria-pressed={option === locale}
          disabled={busy}
          onClick={() => {
            if (option !== locale) onChange(option);
          }}
        >
          {t(`lang.short.${option}`)}
        </button>
      ))}
    </div>
  );
}
