/**
 * The lock screen: type your login name and passphrase, unlock. Nobody is
 * listed: the workstation does not show who works on it. Wrong attempts are
 * throttled by the core (per login name); the wait is shown as a countdown.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { call } from '../../api/client.ts';
import { Busy } from '../../components/Busy.tsx';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { Field } from '../../components/Field.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { PassphraseInput } from '../../forms/PassphraseInput.tsx';
import { useCountdown } from '../../hooks/useCountdown.ts';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useSession, type LockedState } from '../../session/SessionContext.ts';
import type { LockReason } from '../../session/model.ts';
import { DamagedStore } from '../../session/DamagedStore.tsx';

interface LockScreenProps {
  readonly state: LockedState;
  readonly reason: LockReason | null;
}

export function LockScreen({ state, reason }: LockScreenProps): ReactNode {
  const { t } = useI18n();
  const { apply, refresh } = useSession();
  // The last login name used here, only if a supervisor allowed offering it.
  const [name, setName] = useState(state.lastName ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [missingName, setMissingName] = useState(false);
  const [missingPassphrase, setMissingPassphrase] = useState(false);
  // Throttling is per login name: when each may try again (epoch ms). Typed names are untrusted: a Map, never object keys.
  const [retryAt, setRetryAt] = useState<ReadonlyMap<string, number>>(new Map());
  const nameRef = useRef<HTMLInputElement>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);

  const nameKey = loginKey(name);
  const waitSeconds = useCountdown(retryAt.get(nameKey) ?? null);
  const throttled = waitSeconds > 0;

  async function unlock(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy || throttled) return;
    setMissingName(nameKey === '');
    setMissingPassphrase(passphrase === '');
    if (nameKey === '' || passphrase === '') {
      setError(null);
      (nameKey === '' ? nameRef : passphraseRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await call('session.unlock', { name, passphrase });
    setBusy(false);
    if (result.ok) {
      setPassphrase('');
      apply(result.value);
      return;
    }
    const failure = result.error;
    if (failure.retryAfterMs && failure.retryAfterMs > 0) {
      const until = Date.now() + failure.retryAfterMs;
      setRetryAt((current) => new Map(current).set(nameKey, until));
    }
    // Already unlocked (another window) or no longer set up: follow the core.
    if (failure.code === 'WRONG_PHASE') void refresh();
    // A throttled attempt is explained by the countdown alone.
    setError(failure.code === 'THROTTLED' ? null : failure);
    if (failure.code === 'WRONG_PASSPHRASE' || failure.code === 'THROTTLED') {
      setPassphrase('');
      passphraseRef.current?.focus();
    }
  }

  if (error?.code === 'STORE_CORRUPT') return <DamagedStore onBack={() => setError(null)} />;
  return (
    <AuthLayout titleId="lock-title">
      <h1 id="lock-title">{t('lock.title')}</h1>
      {reason ? <MessageNotice>{t(`lock.reason.${reason}`)}</MessageNotice> : null}
      <p className="auth-intro">{t('lock.intro')}</p>
      <form className="form" noValidate onSubmit={(event) => void unlock(event)} aria-busy={busy}>
        <Field label={t('lock.name')} error={missingName ? t('lock.nameRequired') : null}>
          {(control) => (
            <input
              {...control}
              ref={nameRef}
              className="input"
              type="text"
              value={name}
              disabled={busy}
              autoComplete="username"
              autoCapitalize="off"
              spellCheck={false}
              dir="auto"
              autoFocus={state.lastName === null}
              onChange={(event) => {
                setName(event.target.value);
                setMissingName(false);
                setError(null);
              }}
            />
          )}
        </Field>
        <Field label={t('lock.passphrase')} error={missingPassphrase ? t('validation.passphraseRequired') : null}>
          {(control) => (
            <PassphraseInput
              control={control}
              inputRef={passphraseRef}
              value={passphrase}
              onChange={(value) => {
                setPassphrase(value);
                setMissingPassphrase(false);
              }}
              autoComplete="current-password"
              autoFocus={state.lastName !== null}
            />
          )}
        </Field>
        <ErrorNotice error={error} context="unlock" />
        {throttled ? (
          <div className="notice notice-error" role="alert">
            <p>
              <Msg id="error.throttledFor" params={{ seconds: <span aria-live="off" className="countdown">{waitSeconds}</span> }} />
            </p>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary btn-wide" disabled={busy || throttled}>
            {t('lock.submit')}
          </button>
          {busy ? <Busy label={t('lock.busy')} /> : null}
        </div>
      </form>
    </AuthLayout>
  );
}

/** The key of a login name for the countdowns: the same name in another case or spacing is the same analyst. */
function loginKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}
