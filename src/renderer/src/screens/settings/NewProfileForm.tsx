/** Adding a profile: name, service, role, language, initial passphrase. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Role, type UiLocale } from '../../../../shared/schemas.ts';
import { Field } from '../../components/Field.tsx';
import { TextField } from '../../components/TextField.tsx';
import { FormFooter } from '../../forms/FormFooter.tsx';
import { LocaleSelect } from '../../forms/LocaleSelect.tsx';
import { newPassphraseProblem, plainNameProblem } from '../../forms/validation.ts';
import { useFormProblems } from '../../forms/useFormProblems.ts';
import { usePassphraseAssessment } from '../../hooks/usePassphraseAssessment.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { NewPassphraseField } from '../../forms/NewPassphraseField.tsx';

interface NewProfileFormProps {
  readonly onCreated: () => void;
}

type NewProfileField = 'name' | 'service' | 'passphrase';

export function NewProfileForm({ onCreated }: NewProfileFormProps): ReactNode {
  const { t, locale: uiLocale } = useI18n();
  const api = useApi();
  const [name, setName] = useState('');
  const [service, setService] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [locale, setLocale] = useState<UiLocale>(uiLocale);
  const [passphrase, setPassphrase] = useState('');
  const { problems, check, changed, error, setError } = useFormProblems<NewProfileField>();
  const [busy, setBusy] = useState(false);
  const strength = usePassphraseAssessment(passphrase, [name, service]);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const valid = check({
      name: plainNameProblem(name) ? 'validation.name' : null,
      service: plainNameProblem(service) ? 'validation.service' : null,
      passphrase: newPassphraseProblem(passphrase, strength),
    });
    if (!valid) return;
    setBusy(true);
    const result = await api('profiles.create', { name: name.trim(), service: service.trim(), role, locale, passphrase });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setName('');
    setService('');
    setRole('analyst');
    setPassphrase('');
    onCreated();
  }

  return (
    <div className="subpanel">
      <h3 className="subpanel-title" id="new-profile-title">
        {t('settings.profiles.add.title')}
      </h3>
      <p className="panel-intro">{t('settings.profiles.add.intro')}</p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="new-profile-title" aria-busy={busy}>
        <div className="form-row">
          <TextField
            label={t('field.name')}
            error={problems.name ? t(problems.name) : null}
            dir="auto"
            autoComplete="off"
            maxLength={80}
            value={name}
            onValue={changed('name', setName)}
          />
          <TextField
            label={t('field.service')}
            error={problems.service ? t(problems.service) : null}
            dir="auto"
            autoComplete="off"
            maxLength={80}
            value={service}
            onValue={changed('service', setService)}
          />
        </div>
        <div className="form-row">
          <Field label={t('field.role')}>
            {(control) => (
              <select {...control} className="input" value={role} onChange={(event) => setRole(Role.parse(event.target.value))}>
                {Role.options.map((option) => (
                  <option key={option} value={option}>
                    {t(`role.${option}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('field.locale')}>{(control) => <LocaleSelect control={control} value={locale} onChange={setLocale} />}</Field>
        </div>
        <NewPassphraseField
          label={t('settings.profiles.add.passphrase')}
          value={passphrase}
          onChange={changed('passphrase', setPassphrase)}
          strength={strength}
          error={problems.passphrase ? t(problems.passphrase) : null}
        />
        <FormFooter error={error} context="createProfile">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('settings.profiles.add.submit')}
          </button>
        </FormFooter>
      </form>
    </div>
  );
}
