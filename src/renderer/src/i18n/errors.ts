/**
 * Error codes to sentences. A context can refine a code (a wrong passphrase
 * means something else on the lock screen and when changing it); the raw
 * message from the core is never the main text.
 */
import type { AppErrorShape } from '../../../shared/contract.ts';
import { fr, type MessageKey } from './fr.ts';
import type { Translate } from './index.ts';

export type ErrorContext = 'unlock' | 'currentPassphrase' | 'initialPassphrase' | 'createProfile' | 'disableProfile' | 'startDemo' | 'intakeSave' | 'setStatus' | 'undoStatus';

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(fr, key);
}

export function errorMessage(t: Translate, error: AppErrorShape, context?: ErrorContext): string {
  const refined = context ? `error.${context}.${error.code}` : '';
  if (refined && isMessageKey(refined)) return t(refined);
  return t(`error.${error.code}`);
}
