/**
 * A modal dialog holding one form (native <dialog>: the focus stays inside,
 * Escape cancels): title, body, the core's error, submit and cancel. The case
 * dialogs of the queue, the report panel and the cases screen all use it.
 */
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../shared/contract.ts';
import { ErrorNotice } from './Notice.tsx';
import { useI18n } from '../i18n/index.ts';

interface ModalFormProps {
  readonly title: string;
  readonly submitLabel: string;
  readonly busy?: boolean;
  /** The core's error, shown above the actions (callers may also place their own notices in the body). */
  readonly error?: AppErrorShape | null;
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
  /** Hides the submit button (nothing to submit, e.g. no case to add to). */
  readonly noSubmit?: boolean;
  readonly wide?: boolean;
  /** The submit button says the action destroys or closes something. */
  readonly danger?: boolean;
  readonly children: ReactNode;
}

export function ModalForm({ title, submitLabel, busy = false, error = null, onSubmit, onCancel, noSubmit = false, wide = false, danger = false, children }: ModalFormProps): ReactNode {
  const { t } = useI18n();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  // Closed before it leaves the page (a layout effect's cleanup): the browser then gives the focus
  // back to where it was, rather than to the page's body.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal-form${wide ? ' modal-form-wide' : ''}`}
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      // Keys typed in the dialog are not the screen's shortcuts.
      onKeyDown={(event) => event.stopPropagation()}
    >
      <form
        className="form"
        noValidate
        aria-busy={busy || undefined}
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) onSubmit();
        }}
      >
        <h2 className="modal-form-title" id={`${id}-title`}>
          {title}
        </h2>
        {children}
        <ErrorNotice error={error} />
        <div className="form-actions">
          {noSubmit ? null : (
            <button type="submit" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} aria-disabled={busy || undefined}>
              {submitLabel}
            </button>
          )}
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
