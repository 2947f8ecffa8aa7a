/** The header of the unlocked workstation: name, demo marking, who is unlocked, language, lock. */
import { useState, type ReactNode } from 'react';
import type { Profile, UiLocale } from '../../../shared/schemas.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useI18n } from '../i18n/index.ts';
import { useApi, useSession } from '../session/SessionContext.ts';

interface TopBarProps {
  readonly analyst: Profile;
  /** The reports come from the built-in demo service: say so on every screen. */
  readonly demo: boolean;
}

export function TopBar({ analyst, demo }: TopBarProps): ReactNode {
  const { t } = useI18n();
  const { apply } = useSession();
  const api = useApi();
  const [busy, setBusy] = useState(false);

  async function switchLocale(locale: UiLocale): Promise<void> {
    setBusy(true);
    const result = await api('preferences.update', { locale });
    setBusy(false);
    if (result.ok) apply(result.value);
  }

  async function lock(): Promise<void> {
    const result = await api('session.lock');
    if (result.ok) apply(result.value);
  }

  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.name')}</span>
        {demo ? (
          <span className="demo-flag" title={t('demo.flagTitle')}>
            <span className="demo-flag-long">{t('demo.flag')}</span>
            {/* Narrow windows: the short form, the long one in the tooltip. */}
            <span className="demo-flag-short">{t('demo.badge')}</span>
          </span>
        ) : null}
      </div>
      <div className="topbar-end">
        <p className="topbar-user" title={t('shell.user')}>
          <bdi className="topbar-user-name">{analyst.name}</bdi>
          <span className="topbar-user-role">{t(`role.${analyst.role}`)}</span>
          <bdi className="topbar-user-service">{analyst.service}</bdi>
        </p>
        <LanguageSwitch tone="dark" busy={busy} onChange={(locale) => void switchLocale(locale)} />
        <button type="button" className="btn btn-lock" title={t('shell.lockTitle')} onClick={() => void lock()}>
          <span className="lock-icon" aria-hidden="true" />
          {t('shell.lock')}
        </button>
      </div>
    </header>
  );
}
