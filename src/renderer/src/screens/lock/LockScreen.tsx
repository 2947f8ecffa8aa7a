/**
 * The lock screen: pick a profile, type its passphrase, unlock. Wrong
 * passphrases are throttled by the core; the wait is shown as a countdown.
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

interface LockScreenProps {
  readonly state: LockedState;
  readonly reason: LockReason | null;
}

export function LockScreen({ state, reason }: LockScreenProps): ReactNode {
  const { t } = useI18n();
  const { apply, refresh } = useSession();
  const [chosenProfileId, setChosenProfileId] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [missingPassphrase, setMissingPassphrase] = useState(false);
  // Throttling is per profile: when each may try again (epoch ms).
  const [retryAt, setRetryAt] = useState<Readonly<Record<string, number>>>({});
  const passphraseRef = useRef<HTMLInputElement>(null);

  const profiles = state.profiles;
  const profileId = profiles.some((p) => p.id === chosenProfileId) ? chosenProfileId : (profiles[0]?.id ?? null);
  const waitSeconds = useCountdown(profileId ? (retryAt[profileId] ?? null) : null);
  const throttled = waitSeconds > 0;

  async function unlock(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy || throttled || !profileId) return;
    setMissingPassphrase(passphrase === '');
    if (passphrase === '') {
      setError(null);
      passphraseRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await call('session.unlock', { profileId, passphrase });
    setBusy(false);
    if (result.ok) {
      setPassphrase('');
      apply(result.value);
      return;
    }
    const failure = result.error;
    if (failure.retryAfterMs && failure.retryAfterMs > 0) {
      const until = Date.now() + failure.retryAfterMs;
      setRetryAt((current) => ({ ...current, [profileId]: until }));
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

  return (
    <AuthLayout titleId="lock-title">
      <h1 id="lock-title">{t('lock.title')}</h1>
      {reason ? <MessageNotice>{t(`lock.reason.${reason}`)}</MessageNotice> : null}
      <p className="auth-intro">{t('lock.intro')}</p>
      {profiles.length === 0 ? (
        <MessageNotice tone="error">{t('lock.noProfiles')}</MessageNotice>
      ) : (
        <form className="form" noValidate onSubmit={(event) => void unlock(event)} aria-busy={busy}>
          <Field label={t('lock.profile')}>
            {(control) => (
              <select
                {...control}
                className="input"
                value={profileId ?? ''}
                disabled={busy}
                onChange={(event) => {
                  setChosenProfileId(event.target.value);
                  setError(null);
                }}
              >
                {profiles.map((profile) => (
                  <option key={profile.id} value={profile.id}>
                    {profile.name}
                  </option>
                ))}
              </select>
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
                autoFocus
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
      )}
    </AuthLayout>
  );
}
