/**
 * "Start the demo mode": the built-in intake service with generated,
 * fictitious reports. Offered to supervisors where a workstation without
 * reports sends them: the empty queue, the empty sync screen and Settings.
 */
import { useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../shared/contract.ts';
import { Busy } from '../components/Busy.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import { useI18n } from '../i18n/index.ts';
import { useApi } from '../session/SessionContext.ts';
import { useIntake } from './IntakeContext.ts';

interface StartDemoButtonProps {
  /** After the demo service started (its settings are adopted already). */
  readonly onStarted?: () => void;
}

export function StartDemoButton({ onStarted }: StartDemoButtonProps): ReactNode {
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
    onStarted?.();
    adoptSettings(result.value);
  }

  return (
    <div className="start-demo">
      <ErrorNotice error={error} context="startDemo" />
      <div className="form-actions">
        <button type="button" className="btn btn-primary" data-action="start-demo" aria-disabled={busy || undefined} onClick={() => void start()}>
          {t('settings.intake.demo.start')}
        </button>
        {busy ? <Busy label={t('settings.intake.demo.starting')} /> : null}
      </div>
    </div>
  );
}

/** On an empty screen, for supervisors: the demo offered while no intake service is configured. */
export function DemoOffer(): ReactNode {
  const { t } = useI18n();
  const { settings } = useIntake();
  if (settings?.configured !== false) return null;
  return (
    <>
      <p>{t('sync.emptyDemo')}</p>
      <StartDemoButton />
    </>
  );
}
