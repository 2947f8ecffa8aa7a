/**
 * Demo mode, offered to supervisors while no intake service is configured:
 * starts the built-in intake service with generated, fictitious reports.
 */
import { useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { Busy } from '../../components/Busy.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useI18n } from '../../i18n/index.ts';
import { useIntake } from '../../intake/IntakeContext.ts';
import { useApi } from '../../session/SessionContext.ts';

interface DemoPanelProps {
  readonly onStarted: () => void;
}

export function DemoPanel({ onStarted }: DemoPanelProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const { adoptSettings } = useIntake();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  async function start(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await api('intake.startDemo');
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onStarted();
    adoptSettings(result.value);
  }

  return (
    <section className="subpanel demo-panel" aria-labelledby="demo-title">
      <h3 className="subpanel-title" id="demo-title">
        <span className="demo-badge" aria-hidden="true">
          {t('demo.badge')}
        </span>{' '}
        {t('settings.intake.demo.title')}
      </h3>
      <p>{t('settings.intake.demo.body')}</p>
      <p>{t('settings.intake.demo.marking')}</p>
      <ErrorNotice error={error} context="startDemo" />
      <div className="form-actions">
        <button type="button" className="btn btn-primary" aria-disabled={busy || undefined} onClick={() => void start()}>
          {t('settings.intake.demo.start')}
        </button>
        {busy ? <Busy label={t('settings.intake.demo.starting')} /> : null}
      </div>
    </section>
  );
}
