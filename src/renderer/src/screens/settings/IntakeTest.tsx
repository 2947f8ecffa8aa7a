/** "Test the connection": GET /health with the saved settings, and what it says, or why it failed. */
import { useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { IntakeHealth } from '../../../../shared/schemas.ts';
import { Busy } from '../../components/Busy.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';

export function IntakeTest(): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const [health, setHealth] = useState<IntakeHealth | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  async function test(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setHealth(null);
    setError(null);
    const result = await api('intake.test');
    setBusy(false);
    if (result.ok) setHealth(result.value);
    else setError(result.error);
  }

  return (
    <div className="intake-test">
      <div className="form-actions">
        <button type="button" className="btn" aria-disabled={busy || undefined} onClick={() => void test()}>
          {t('settings.intake.test')}
        </button>
        {busy ? <Busy label={t('settings.intake.testing')} /> : null}
      </div>
      {health ? (
        <div className="notice notice-ok" role="status">
          <p className="strong">{t('settings.intake.testOk')}</p>
          <dl className="facts facts-compact">
            <div className="fact">
              <dt>{t('settings.intake.testHead')}</dt>
              <dd className="num">{formatNumber(health.headSeq, locale)}</dd>
            </div>
            <div className="fact">
              <dt>{t('settings.intake.testTime')}</dt>
              <dd>
                <Timestamp iso={health.serverTime} />
              </dd>
            </div>
            <div className="fact">
              <dt>{t('settings.intake.testLatency')}</dt>
              <dd className="num">{t('settings.intake.latencyValue', { ms: Math.round(health.latencyMs) })}</dd>
            </div>
          </dl>
        </div>
      ) : null}
      <ErrorNotice error={error} />
    </div>
  );
}
