/**
 * A new passphrase: the field, the policy hint and the live strength meter,
 * as every form that sets one shows them (setup, new profile, own passphrase).
 */
import type { ReactNode } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/schemas.ts';
import { PassphraseMeter } from '../components/PassphraseMeter.tsx';
import type { Strength } from '../hooks/usePassphraseAssessment.ts';
import { useI18n } from '../i18n/index.ts';
import { PassphraseField } from './PassphraseField.tsx';

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
    <PassphraseField
      label={label}
      value={value}
      onChange={onChange}
      error={error}
      autoComplete="new-password"
      hint={
        <>
          <p>{t('field.passphraseHint', { count: MIN_PASSPHRASE_LENGTH })}</p>
          <PassphraseMeter strength={strength} />
        </>
      }
    />
  );
}
