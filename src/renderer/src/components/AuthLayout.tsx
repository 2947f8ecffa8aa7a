/**
 * The frame of the screens shown before anyone is unlocked (first run and
 * lock screen): the workstation's name, the language switch, and one card.
 */
import { useState, type ReactNode } from 'react';
import type { UiLocale } from '../../../shared/schemas.ts';
import { call } from '../api/client.ts';
import { useI18n } from '../i18n/index.ts';
import { useSession } from '../session/SessionContext.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

interface AuthLayoutProps {
  readonly titleId: string;
  readonly children: ReactNode;
  readonly wide?: boolean;
}

export function AuthLayout({ titleId, children, wide = false }: AuthLayoutProps): ReactNode {
  const { t } = useI18n();
  const { apply } = useSession();
  const [switching, setSwitching] = useState(false);

  async function switchLocale(locale: UiLocale): Promise<void> {
    setSwitching(true);
    const result = await call('session.lockScreenLocale', locale);
    setSwitching(false);
    if (result.ok) apply(result.value);
  }

  return (
    <div className="auth">
      <header className="auth-bar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <LanguageSwitch tone="dark" busy={switching} onChange={(locale) => void switchLocale(locale)} />
      </header>
      <main className="auth-main" id="main">
        <section className={wide ? 'auth-card auth-card-wide' : 'auth-card'} aria-labelledby={titleId}>
          {children}
        </section>
        <p className="auth-tagline">{t('app.tagline')}</p>
      </main>
    </div>
  );
}
