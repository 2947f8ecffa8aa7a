/**
 * First unlock of a profile a supervisor created (or enabled again): the
 * passphrase the supervisor gave must be replaced by the analyst's own before
 * anything else opens. Nothing of the store is shown meanwhile; locking
 * returns to the lock screen.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { SessionState } from '../../../../shared/schemas.ts';
import { call } from '../../api/client.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { Busy } from '../../components/Busy.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { NewPassphraseField } from '../../forms/NewPassphraseField.tsx';
import { PassphraseField } from '../../forms/PassphraseField.tsx';
import { confirmationProblem, newPassphraseProblem } from '../../forms/validation.ts';
import { usePassphraseAssessment } from '../../hooks/usePassphraseAssessment.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useSession } from '../../session/SessionContext.ts';

export type PassphraseChangeState = Extract<SessionState, { phase: 'passphrase-change' }>;

export function InitialPassphraseScreen({ state }: { readonly state: PassphraseChangeState }): ReactNode {
  const { t } = useI18n();
  const { apply, refresh } = useSession();
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problems, setProblems] = useState<{ next?: MessageKey | undefined; confirmation?: MessageKey | undefined }>({});
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const strength = usePassphraseAssessment(next, [state.name]);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const found = { next: newPassphraseProblem(next, strength) ?? undefined, confirmation: confirmationProblem(next, confirmation) ?? undefined };
    setProblems(found);
    setError(null);
    if (found.next || found.confirmation) return;
    setBusy(true);
    const result = await call('session.changeInitialPassphrase', { next });
    setBusy(false);
    if (result.ok) {
      setNext('');
      setConfirmation('');
      apply(result.value, 'unlock');
      return;
    }
    if (result.error.code === 'WRONG_PHASE') void refresh();
    setError(result.error);
  }

  async function lock(): Promise<void> {
    const result = await call('session.lock', { reason: 'manual' });
    if (result.ok) apply(result.value, 'manual');
    else void refresh();
  }

  return (
    <AuthLayout titleId="initial-passphrase-title">
      <h1 id="initial-passphrase-title">{t('lock.initial.title')}</h1>
      <p className="auth-intro">{t('lock.initial.intro', { name: state.name })}</p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <NewPassphraseField
          label={t('lock.initial.next')}
          value={next}
          onChange={(value) => {
            setNext(value);
            setProblems((current) => ({ ...current, next: undefined }));
          }}
          strength={strength}
          error={problems.next ? t(problems.next) : null}
        />
        <PassphraseField
          label={t('lock.initial.confirm')}
          value={confirmation}
          onChange={(value) => {
            setConfirmation(value);
            setProblems((current) => ({ ...current, confirmation: undefined }));
          }}
          error={problems.confirmation ? t(problems.confirmation) : null}
          autoComplete="new-password"
        />
        <ErrorNotice error={error} context="initialPassphrase" />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary btn-wide" disabled={busy}>
            {t('lock.initial.submit')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void lock()}>
            {t('lock.initial.cancel')}
          </button>
          {busy ? <Busy label={t('lock.initial.busy')} /> : null}
        </div>
      </form>
    </AuthLayout>
  );
}
