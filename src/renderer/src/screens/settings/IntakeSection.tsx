/**
 * The intake service connection: what is configured (never the token), a
 * connection test, and for supervisors the form to change it, or the demo
 * mode when nothing is configured yet.
 */
import { useState, type ReactNode } from 'react';
import type { IntakeSettingsView, Role } from '../../../../shared/schemas.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/index.ts';
import { useIntake } from '../../intake/IntakeContext.ts';
import type { ScreenId } from '../../shell/screens.ts';
import { DemoPanel } from './DemoPanel.tsx';
import { IntakeForm } from './IntakeForm.tsx';
import { IntakeTest } from './IntakeTest.tsx';
import { SettingsSection } from './SettingsSection.tsx';

interface IntakeSectionProps {
  readonly role: Role;
  readonly onNavigate: (screen: ScreenId) => void;
}

export function IntakeSection({ role, onNavigate }: IntakeSectionProps): ReactNode {
  const { t } = useI18n();
  const { settings, sync, error } = useIntake();
  const [demoStarted, setDemoStarted] = useState(false);
  // The form starts again from the saved values once the demo service has filled them in.
  const formKey = demoStarted ? 'demo' : 'initial';
  const supervisor = role === 'supervisor';

  return (
    <SettingsSection title={t('settings.intake.title')} intro={t('settings.intake.intro')}>
      {!settings && !error ? <Loading /> : null}
      <ErrorNotice error={error} />
      {settings ? (
        <>
          <IntakeStatusLine settings={settings} />
          {settings.configured ? <IntakeFacts settings={settings} /> : <p>{t('settings.intake.body')}</p>}
          {settings.demo ? <p className="callout callout-demo">{t('settings.intake.demo.active')}</p> : null}
          {demoStarted ? (
            <div className="notice notice-ok" role="status">
              <p>{t('settings.intake.demo.started')}</p>
              <button type="button" className="btn btn-small notice-action" autoFocus onClick={() => onNavigate('sync')}>
                {t('settings.intake.demo.toSync')}
              </button>
            </div>
          ) : null}
          {settings.configured ? <IntakeTest /> : null}
          {/* A real service that brought nothing yet (no report, nothing refused) can still give way to the demo. */}
          {supervisor && (!settings.configured || (!settings.demo && sync !== null && sync.reports === 0 && sync.quarantined === 0)) ? (
            <DemoPanel replacesService={settings.configured} onStarted={() => setDemoStarted(true)} />
          ) : null}
          {supervisor ? (
            <IntakeForm key={formKey} saved={settings} />
          ) : (
            <p className="muted">{t('settings.intake.analystOnly')}</p>
          )}
        </>
      ) : null}
    </SettingsSection>
  );
}

function IntakeStatusLine({ settings }: { readonly settings: IntakeSettingsView }): ReactNode {
  const { t } = useI18n();
  const key = !settings.configured ? 'settings.intake.status' : settings.demo ? 'settings.intake.statusDemo' : 'settings.intake.statusConfigured';
  return (
    <p className="status-line">
      <span className={`status-dot ${settings.configured ? 'status-dot-on' : 'status-dot-off'}`} aria-hidden="true" />
      {t(key)}
    </p>
  );
}

/** The saved connection, read-only: the token only as "set" or not. */
function IntakeFacts({ settings }: { readonly settings: IntakeSettingsView }): ReactNode {
  const { t } = useI18n();
  const notSet = <span className="muted">{t('settings.intake.notSet')}</span>;
  return (
    <dl className="facts">
      <div className="fact fact-wide">
        <dt>{t('settings.intake.url')}</dt>
        <dd>
          {settings.url ? (
            <bdi className="mono" dir="ltr">
              {settings.url}
            </bdi>
          ) : (
            notSet
          )}
        </dd>
      </div>
      <div className="fact">
        <dt>{t('settings.intake.workstationId')}</dt>
        <dd>
          {settings.workstationId ? (
            <bdi className="mono" dir="ltr">
              {settings.workstationId}
            </bdi>
          ) : (
            notSet
          )}
        </dd>
      </div>
      <div className="fact">
        <dt>{t('settings.intake.backgroundSync')}</dt>
        <dd>
          {settings.syncIntervalMinutes > 0
            ? t('settings.intake.intervalValue', { minutes: settings.syncIntervalMinutes })
            : t('settings.intake.intervalOff')}
        </dd>
      </div>
      <div className="fact">
        <dt>{t('settings.intake.token')}</dt>
        <dd>
          <span className={settings.tokenSet ? 'badge badge-on' : 'badge badge-off'}>
            {t(settings.tokenSet ? 'settings.intake.tokenSet' : 'settings.intake.tokenNone')}
          </span>
        </dd>
      </div>
      <div className="fact fact-wide">
        <dt>{t('settings.intake.fingerprint')}</dt>
        <dd>{settings.keyFingerprint ? <code className="fingerprint" dir="ltr">{settings.keyFingerprint}</code> : notSet}</dd>
      </div>
    </dl>
  );
}
