/**
 * First run: creates the encrypted store and its first profile, a supervisor.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { type UiLocale } from '../../../../shared/schemas.ts';
import { call } from '../../api/client.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { Field } from '../../components/Field.tsx';
import { TextField } from '../../components/TextField.tsx';
import { FormFooter } from '../../forms/FormFooter.tsx';
import { LocaleSelect } from '../../forms/LocaleSelect.tsx';
import { confirmationProblem, newPassphraseProblem, plainNameProblem } from '../../forms/validation.ts';
import { useFormProblems } from '../../forms/useFormProblems.ts';
import { usePassphraseAssessment } from '../../hooks/usePassphraseAssessment.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSession } from '../../session/SessionContext.ts';
import { NewPassphraseField } from '../../forms/NewPassphraseField.tsx';
import { PassphraseField } from '../../forms/PassphraseField.tsx';

type SetupField = 'name' | 'service' | 'passphrase' | 'confirmation';

export function SetupScreen(): ReactNode {
  const { t, locale: uiLocale } = useI18n();
  const { apply, refresh } = useSession();
  const [name, setName] = useState('');
  const [service, setService] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  // Follows the interface language until the analyst picks one.
  const [chosenLocale, setChosenLocale] = useState<UiLocale | null>(null);
  const { problems, check, changed, error, setError } = useFormProblems<SetupField>();
  const [busy, setBusy] = useState(false);
  const strength = usePassphraseAssessment(passphrase, [name, service]);
  const locale = chosenLocale ?? uiLocale;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const valid = check({
      name: plainNameProblem(name) ? 'validation.name' : null,
      service: plainNameProblem(service) ? 'validation.service' : null,
      passphrase: newPassphraseProblem(passphrase, strength),
      confirmation: confirmationProblem(passphrase, confirmation),
    });
    if (!valid) return;
    setBusy(true);
    const result = await call('session.setup', { name: name.trim(), service: service.trim(), passphrase, locale });
    setBusy(false);
    if (result.ok) {
      apply(result.value);
    } else if (result.error.code === 'WRONG_PHASE') {
      // Set up meanwhile (another window): show the lock screen.
      void refresh();
    } else {
      setError(result.error);
    }
  }

  return (
    <AuthLayout titleId="setup-title" wide>
      <h1 id="setup-title">{t('setup.title')}</h1>
      <p className="auth-intro">{t('setup.intro')}</p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <div className="form-row">
          <TextField
            label={t('field.name')}
            hint={t('field.nameHint')}
            error={problems.name ? t(problems.name) : null}
            dir="auto"
            autoComplete="name"
            maxLength={80}
            autoFocus
            value={name}
            onValue={changed('name', setName)}
          />
          <TextField
            label={t('field.service')}
            hint={t('field.serviceHint')}
            error={problems.service ? t(problems.service) : null}
            dir="auto"
            autoComplete="organization"
            maxLength={80}
            value={service}
            onValue={changed('service', setService)}
          />
        </div>
        <p className="callout">{t('setup.passphraseWarning')}</p>
        <NewPassphraseField
          label={t('field.passphrase')}
          value={passphrase}
          onChange={changed('passphrase', setPassphrase)}
          strength={strength}
          error={problems.passphrase ? t(problems.passphrase) : null}
        />
        <PassphraseField
          label={t('field.passphraseConfirm')}
          value={confirmation}
          onChange={changed('confirmation', setConfirmation)}
          error={problems.confirmation ? t(problems.confirmation) : null}
          autoComplete="new-password"
        />
        <Field label={t('setup.locale')} className="field-narrow">
          {(control) => <LocaleSelect control={control} value={locale} onChange={setChosenLocale} />}
        </Field>
        <FormFooter error={error} busyLabel={busy ? t('setup.busy') : null}>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('setup.submit')}
          </button>
        </FormFooter>
      </form>
    </AuthLayout>
  );
}
