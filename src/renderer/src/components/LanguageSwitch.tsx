/**
 * FR / ع: switches the interface language. Each language is named in itself.
 * The button's accessible name starts with what it shows ("FR — Français"):
 * speech input users say what they see (WCAG 2.5.3, label in name).
 */
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
          title={t(`lang.name.${option}`)}
          aria-pressed={option === locale}
          disabled={busy}
          onClick={() => {
            if (option !== locale) onChange(option);
          }}
        >
          {t(`lang.short.${option}`)}
          <span className="visually-hidden"> — {t(`lang.name.${option}`)}</span>
        </button>
      ))}
    </div>
  );
}
