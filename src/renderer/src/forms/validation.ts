/** Local checks mirroring the contract's rules, so that mistakes are shown next to their field. */
import type { MessageKey } from '../i18n/index.ts';
import type { Strength } from '../hooks/usePassphraseAssessment.ts';

/** Same rule as the contract's PlainName: 2-80 characters once trimmed, no control or formatting characters. */
export function plainNameProblem(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length < 2 || trimmed.length > 80 || /[\p{Cc}\p{Cf}]/u.test(trimmed);
}

/** The problem with a new passphrase and its confirmation, if any. */
export function newPassphraseProblem(passphrase: string, strength: Strength): MessageKey | null {
  if (passphrase === '') return 'validation.passphraseRequired';
  if (strength.current && !strength.current.acceptable) return 'validation.passphraseWeak';
  return null;
}

export function confirmationProblem(passphrase: string, confirmation: string): MessageKey | null {
  return passphrase === confirmation ? null : 'validation.passphraseMismatch';
}
