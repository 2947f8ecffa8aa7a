/**
 * Copies a text to the clipboard (navigator.clipboard.writeText) and says so
 * for a moment; the text copied is exactly the value given, never what is
 * displayed (a defanged URL copies the URL as typed).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';
import '../../styles/report.css';

interface CopyButtonProps {
  readonly value: string;
  /** Visible label ("Copy"). */
  readonly label: string;
  /** Accessible name, when the visible label needs context ("Copy the URL as typed"). */
  readonly accessibleName?: string;
}

const SHOWN_MS = 2000;

export function CopyButton({ value, label, accessibleName }: CopyButtonProps): ReactNode {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <span className="copy">
      <button type="button" className="btn btn-small btn-copy" aria-label={accessibleName} onClick={() => void copy()}>
        {label}
      </button>
      <span className={`copy-state copy-state-${state}`} role="status">
        {state === 'copied' ? t('safe.copied') : state === 'failed' ? t('safe.copyFailed') : ''}
      </span>
    </span>
  );
}
