/**
 * "Test the connection": GET /health with the saved settings, and what it
 * says, or why it failed, in the analyst's language (the core's English
 * detail is for the command line and logs). The same two notices tell what
 * the test of new settings found before they are saved (IntakeSaveDialog).
 */
import { useState, type ReactNode } from 'react';
import type { AppErrorShape, ErrorCode } from '../../../../shared/contract.ts';
import type { IntakeHealth } from '../../../../shared/schemas.ts';
import { Busy } from '../../components/Busy.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatNumber } from '../../format.ts';
import { errorMessage } from '../../i18n/errors.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';

export function IntakeTest(): ReactNode {
  const { t } = useI18n();
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
      {health ? <IntakeTestSuccess health={health} keyChecked={null} /> : null}
      {error ? <IntakeTestFailure code={error.code} httpStatus={null} /> : null}
    </div>
  );
}

interface IntakeTestSuccessProps {
  readonly health: IntakeHealth;
  /** Whether the newest change's signature was checked with the key (null: not part of this test). */
  readonly keyChecked: boolean | null;
}

export function IntakeTestSuccess({ health, keyChecked }: IntakeTestSuccessProps): ReactNode {
  const { t, locale } = useI18n();
  return (
    <div className="notice notice-ok" role="status">
      <p className="strong">{t('settings.intake.testOk')}</p>
      {keyChecked === null ? null : <p>{t(keyChecked ? 'settings.intake.testKeyChecked' : 'settings.intake.testKeyUnchecked')}</p>}
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
  );
}

interface IntakeTestFailureProps {
  readonly code: ErrorCode;
  /** The HTTP status the service answered, when it answered. */
  readonly httpStatus: number | null;
}

export function IntakeTestFailure({ code, httpStatus }: IntakeTestFailureProps): ReactNode {
  const { t } = useI18n();
  return (
    <div className="notice notice-error" role="alert">
      <p className="strong">{t('settings.intake.testFailed')}</p>
      <p>{errorMessage(t, { code, message: '' })}</p>
      {httpStatus === null ? null : (
        <p className="notice-secondary">
          {t('settings.intake.testHttpStatus', { status: String(httpStatus) })}
        </p>
      )}
    </div>
  );
}
