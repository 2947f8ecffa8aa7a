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

/** Bounds of the background sync interval, in minutes (0 turns it off), as in IntakeSettingsInput. */
export const SYNC_INTERVAL_MIN = 0;
export const SYNC_INTERVAL_MAX = 1440;

/** The core checks the rest (loopback-only http, reachability): here, a complete http(s) URL. */
export function intakeUrlProblem(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 2048) return true;
  try {
    const url = new URL(trimmed);
    return url.protocol !== 'https:' && url.protocol !== 'http:';
  } catch {
    return true;
  }
}

/** Same rule as IntakeSettingsInput.workstationId. */
export function workstationIdProblem(value: string): boolean {
  return !/^[A-Za-z0-9._-]{1,128}$/.test(value.trim());
}

/** The interval as a whole number of minutes, or null when it is not one within bounds. */
export function parseSyncInterval(value: string): number | null {
  if (!/^\s*\d+\s*$/.test(value)) return null;
  const minutes = Number(value);
  return minutes >= SYNC_INTERVAL_MIN && minutes <= SYNC_INTERVAL_MAX ? minutes : null;
}

/** Longest PEM text the contract accepts. */
export const MAX_PUBLIC_KEY_PEM = 10_000;

/** A public key pasted or loaded from a file must at least look like a PEM SubjectPublicKeyInfo. */
export function publicKeyProblem(pem: string): MessageKey | null {
  if (pem.length > MAX_PUBLIC_KEY_PEM) return 'validation.keyFileTooBig';
  return pem.includes('-----BEGIN PUBLIC KEY-----') ? null : 'validation.keyFormat';
}
