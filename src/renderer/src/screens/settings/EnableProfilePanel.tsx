/** Enabling a disabled profile again needs a new initial passphrase, handed over in person. */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { Profile } from '../../../../shared/schemas.ts';
import { Field } from '../../components/Field.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { PassphraseMeter } from '../../components/PassphraseMeter.tsx';
import { PassphraseInput } from '../../forms/PassphraseInput.tsx';
import { newPassphraseProblem } from '../../forms/validation.ts';
import { usePassphraseAssessment } from '../../hooks/usePassphraseAssessment.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';

interface EnableProfilePanelProps {
  readonly profile: Profile;
  readonly onCancel: () => void;
  readonly onEnabled: () => void;
}

export function EnableProfilePanel({ profile, onCancel, onEnabled }: EnableProfilePanelProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const strength = usePassphraseAssessment(passphrase, [profile.name, profile.service]);
  const changePassphrase = (value: string): void => {
    setPassphrase(value);
    setProblem(null);
  };

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const found = newPassphraseProblem(passphrase, strength);
    setProblem(found);
    setError(null);
    if (found) return;
    setBusy(true);
    const result = await api('profiles.enable', { profileId: profile.id, passphrase });
    setBusy(false);
    if (result.ok) onEnabled();
    else setError(result.error);
  }

  return (
    <div className="subpanel">
      <h3 className="subpanel-title" id={`enable-${profile.id}`}>
        {t('settings.profiles.enableTitle')}
      </h3>
      <p>
        <Msg id="settings.profiles.enableIntro" params={{ name: <bdi className="strong">{profile.name}</bdi> }} />
      </p>
      <form
        className="form form-narrow"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-labelledby={`enable-${profile.id}`}
        aria-busy={busy}
      >
        <Field
          label={t('settings.profiles.enablePassphrase')}
          hint={<PassphraseMeter strength={strength} />}
          error={problem ? t(problem) : null}
        >
          {(control) => (
            <PassphraseInput
              control={control}
              value={passphrase}
              onChange={changePassphrase}
              autoComplete="new-password"
              autoFocus
            />
          )}
        </Field>
        <ErrorNotice error={error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('settings.profiles.enableSubmit')}
          </button>
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
