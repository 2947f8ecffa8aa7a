/** The analyst's interface language, remembered in their profile. */
import { useState, type ReactNode } from 'react';
import { UiLocale } from '../../../../shared/schemas.ts';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/index.ts';
import { useApi, useSession } from '../../session/SessionContext.ts';
import { SettingsSection } from './SettingsSection.tsx';

export function LanguageSection(): ReactNode {
  const { t, locale } = useI18n();
  const { apply } = useSession();
  const api = useApi();
  // The choice shows at once; the interface follows when the core has saved it.
  const [pending, setPending] = useState<UiLocale | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const busy = pending !== null;

  async function choose(next: UiLocale): Promise<void> {
    if (next === locale || busy) return;
    setPending(next);
    const result = await api('preferences.update', { locale: next });
    setPending(null);
    if (result.ok) {
      setError(null);
      apply(result.value);
    } else {
      setError(result.error);
    }
  }

  return (
    <SettingsSection title={t('settings.language.title')}>
      <fieldset className="choice-group" aria-busy={busy}>
        <legend>{t('settings.language.intro')}</legend>
        {UiLocale.options.map((option) => (
          <label key={option} className="choice" lang={option}>
            <input
              type="radio"
              name="ui-locale"
              value={option}
              checked={option === (pending ?? locale)}
              onChange={() => void choose(option)}
            />
            {t(`lang.name.${option}`)}
          </label>
        ))}
      </fieldset>
      <ErrorNotice error={error} />
    </SettingsSection>
  );
}
