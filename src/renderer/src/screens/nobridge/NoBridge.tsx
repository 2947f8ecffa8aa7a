/**
 * Shown when the page has no way to reach the workstation's core: opened
 * directly in a browser, or without the test host's token. In both
 * languages, since there is no session to pick one.
 */
import type { ReactNode } from 'react';
import { UiLocale } from '../../../../shared/schemas.ts';
import { I18nContext, i18nFor, useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';

export function NoBridge(): ReactNode {
  return (
    <main className="page-center" id="main">
      <div className="nobridge">
        {UiLocale.options.map((locale) => (
          <I18nContext key={locale} value={i18nFor(locale)}>
            <Explanation />
          </I18nContext>
        ))}
      </div>
    </main>
  );
}

function Explanation(): ReactNode {
  const { t, locale, dir } = useI18n();
  return (
    <section className="auth-card" lang={locale} dir={dir} aria-labelledby={`nobridge-${locale}`}>
      <p className="brand-name">{t('app.name')}</p>
      <h1 id={`nobridge-${locale}`}>{t('noBridge.title')}</h1>
      <p>{t('noBridge.body')}</p>
      <p>
        <Msg
          id="noBridge.howTo"
          params={{
            token: <code dir="ltr">#token=…</code>,
            command: <code dir="ltr">npm run web</code>,
          }}
        />
      </p>
    </section>
  );
}
