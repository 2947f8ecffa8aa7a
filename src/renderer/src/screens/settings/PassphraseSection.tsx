/** Changing one's own passphrase: current, new, confirmation, with the strength meter. */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { Busy } from '../../components/Busy.tsx';
import { Field } from '../../components/Field.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { PassphraseInput } from '../../forms/PassphraseInput.tsx';
import { confirmationProblem, newPassphraseProblem } from '../../forms/validation.ts';
import { useCountdown } from '../../hooks/useCountdown.ts';
import { usePassphraseAssessment } from '../../hooks/usePassphraseAssessment.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { SettingsSection } from './SettingsSection.tsx';
import { type Profile } from '../../../../shared/schemas.ts';
import { NewPassphraseField } from '../../forms/NewPassphraseField.tsx';
import { PassphraseField } from '../../forms/PassphraseField.tsx';

interface Problems {
  readonly current?: MessageKey | undefined;
  readonly next?: MessageKey | undefined;
  readonly confirmation?: MessageKey | undefined;
}

export function PassphraseSection({ self }: { readonly self: Profile }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const strength = usePassphraseAssessment(next, [self.name, self.service]);
  const waitSeconds = useCountdown(retryAt);
  /** A field's setter that also clears that field's problem. */
  const changed =
    (field: keyof Problems, set: (value: string) => void) =>
    (value: string): void => {
      set(value);
      setProblems((current) => ({ ...current, [field]: undefined }));
      setDone(false);
    };

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy || waitSeconds > 0) return;
    const found: Problems = {
      current: current === '' ? 'validation.passphraseRequired' : undefined,
      next: newPassphraseProblem(next, strength) ?? undefined,
      confirmation: confirmationProblem(next, confirmation) ?? undefined,
    };
    setProblems(found);
    setError(null);
    setDone(false);
    if (found.current || found.next || found.confirmation) return;
    setBusy(true);
    const result = await api('profiles.changePassphrase', { current, next });
    setBusy(false);
    if (result.ok) {
      setCurrent('');
      setNext('');
      setConfirmation('');
      setDone(true);
      return;
    }
    if (result.error.retryAfterMs) setRetryAt(Date.now() + result.error.retryAfterMs);
    if (result.error.code === 'WRONG_PASSPHRASE') setCurrent('');
    setError(result.error);
  }

  return (
    <SettingsSection title={t('settings.passphrase.title')} intro={t('settings.passphrase.intro')}>
      <form className="form form-narrow" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <Field label={t('settings.passphrase.current')} error={problems.current ? t(problems.current) : null}>
          {(control) => (
            <PassphraseInput
              control={control}
              value={current}
              onChange={changed('current', setCurrent)}
              autoComplete="current-password"
            />
          )}
        </Field>
        <NewPassphraseField
          label={t('settings.passphrase.next')}
          value={next}
          onChange={changed('next', setNext)}
          strength={strength}
          error={problems.next ? t(problems.next) : null}
        />
        <PassphraseField
          label={t('settings.passphrase.confirm')}
          value={confirmation}
          onChange={changed('confirmation', setConfirmation)}
          error={problems.confirmation ? t(problems.confirmation) : null}
          autoComplete="new-password"
        />
        {error && error.code !== 'THROTTLED' ? <ErrorNotice error={error} context="currentPassphrase" /> : null}
        {waitSeconds > 0 ? <MessageNotice tone="error">{t('error.throttledFor', { seconds: waitSeconds })}</MessageNotice> : null}
        {done ? <MessageNotice tone="ok">{t('settings.passphrase.done')}</MessageNotice> : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || waitSeconds > 0}>
            {t('settings.passphrase.submit')}
          </button>
          {busy ? <Busy label={t('settings.passphrase.busy')} /> : null}
        </div>
      </form>
    </SettingsSection>
  );
}
