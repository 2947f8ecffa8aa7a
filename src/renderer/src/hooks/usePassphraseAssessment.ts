/**
 * Live passphrase strength from the core's policy (`passphrase.assess`),
 * debounced so that typing does not flood the core.
 */
import { useEffect, useState } from 'react';
import type { PassphraseAssessment } from '../../../shared/schemas.ts';
import { call } from '../api/client.ts';

const DEBOUNCE_MS = 200;

export interface Strength {
  /** The verdict for the current text, or null while it is being assessed (or empty). */
  readonly current: PassphraseAssessment | null;
  /** What to show: the current verdict, or the previous one while the next is pending. */
  readonly shown: PassphraseAssessment | null;
  readonly pending: boolean;
  readonly empty: boolean;
}

/** `context`: the analyst's name and service, which a passphrase must not lean on. */
export function usePassphraseAssessment(passphrase: string, context: readonly string[] = []): Strength {
  const contextKey = context.join('\u0000');
  const [last, setLast] = useState<{ readonly text: string; readonly context: string; readonly assessment: PassphraseAssessment } | null>(null);

  useEffect(() => {
    if (passphrase === '') return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void call('passphrase.assess', { passphrase, context: contextKey ? contextKey.split('\u0000') : [] }).then((result) => {
        if (!cancelled && result.ok) setLast({ text: passphrase, context: contextKey, assessment: result.value });
      });
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [passphrase, contextKey]);

  if (passphrase === '') return { current: null, shown: null, pending: false, empty: true };
  const current = last?.text === passphrase && last.context === contextKey ? last.assessment : null;
  return { current, shown: current ?? last?.assessment ?? null, pending: current === null, empty: false };
}
