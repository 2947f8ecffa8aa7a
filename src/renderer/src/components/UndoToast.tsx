/**
 * What follows every status set: the confirmation with an "Annuler" button,
 * for UNDO_SHOWN_MS (the core keeps the change undoable a little longer,
 * reports/status-undo.ts). After an undo, what it did stays a few seconds.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.ts';
import './undo-toast.css';

/** How long the undo is offered. */
export const UNDO_SHOWN_MS = 10_000;

interface UndoToastProps {
  /** The confirmation ("Statut « Classé sans suite » enregistré…"). */
  readonly message: string;
  /** Takes the change back; resolves once the core answered. */
  readonly onUndo: () => Promise<void>;
  /** The window is over (the toast goes). */
  readonly onExpire: () => void;
}

export function UndoToast({ message, onUndo, onExpire }: UndoToastProps): ReactNode {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (busy) return;
    const timer = setTimeout(onExpire, UNDO_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [busy, onExpire]);

  return (
    <div className="notice notice-ok undo-toast" role="status">
      <p>{message}</p>
      <button
        type="button"
        className="btn btn-small undo-toast-action"
        aria-disabled={busy || undefined}
        onClick={() => {
          if (busy) return;
          setBusy(true);
          void onUndo().finally(() => setBusy(false));
        }}
      >
        {busy ? t('statusUndo.undoing') : t('statusUndo.undo')}
      </button>
    </div>
  );
}
