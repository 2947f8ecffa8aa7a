/**
 * A new passphrase: the field, the policy hint and the live strength meter,
 * as every form that sets one shows them (setup, new profile, own passphrase).
 */
import type { ReactNode } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/schemas.ts';
import { Field } from '../components/Field.tsx';
import { PassphraseMeter } from '../components/PassphraseMeter.tsx';
import type { Strength } from '../hooks/usePassphraseAssessment.ts';
import { useI18n } from '../i18n/index.ts';
import { PassphraseInput } from './PassphraseInput.tsx';

interface NewPassphraseFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly strength: Strength;
  readonly error: string | null;
}

export function NewPassphraseField({ label, value, onChange, strength, error }: NewPassphraseFieldProps): ReactNode {
  const { t } = useI18n();
  return (
    <Field
      label={label}
      hint={
        <>
          <p>{t('field.passphraseHint', { min: MIN_PASSPHRASE_LENGTH })}</p>
          <PassphraseMeter strength={strength} />
        </>
      }
      error={error}
    >
      {(control) => <PassphraseInput control={control} value={value} onChange={onChange} autoComplete="new-password" />}
    </Field>
  );
}
