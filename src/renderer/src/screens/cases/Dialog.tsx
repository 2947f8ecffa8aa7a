/**
 * The dialog that asks for a reason the journal keeps (closing, reopening,
 * removing a report): a few real words, as the contract's Reason says
 * (shared/reason.ts).
 */
import { useId, useState, type ReactNode } from 'react';
import type { AppErrorShape, Result } from '../../../../shared/contract.ts';
import { isSubstantialReason, REASON_MAX_LENGTH } from '../../../../shared/reason.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { useI18n } from '../../i18n/index.ts';

/** Whether a reason passes the contract's one rule (shared/reason.ts): a few real words, at most 500 characters. */
export function isReason(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length <= REASON_MAX_LENGTH && isSubstantialReason(trimmed);
}

interface ReasonDialogProps {
  readonly title: string;
  readonly intro?: ReactNode;
  readonly submitLabel: string;
  readonly danger?: boolean;
  readonly onCancel: () => void;
  /** Does the change; its error is shown in the dialog, success closes it. */
  readonly onConfirm: (reason: string) => Promise<Result<unknown>>;
  readonly onDone: () => void;
}

export function ReasonDialog({ title, intro, submitLabel, danger, onCancel, onConfirm, onDone }: ReasonDialogProps): ReactNode {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  async function submit(): Promise<void> {
    if (!isReason(reason)) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await onConfirm(reason.trim());
    setBusy(false);
    if (!result.ok) setError(result.error);
    else onDone();
  }

  return (
    <ModalForm title={title} submitLabel={submitLabel} danger={danger} busy={busy} error={error} onCancel={onCancel} onSubmit={() => void submit()}>
      {intro ? <div className="cs-dialog-intro">{intro}</div> : null}
      <div className="field">
        <label className="field-label" htmlFor={`${id}-reason`}>
          {t('cases.reason.label')}
        </label>
        <textarea
          id={`${id}-reason`}
          className="input cs-textarea cs-reason"
          rows={3}
          maxLength={500}
          dir="auto"
          value={reason}
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setReason(event.target.value);
            if (invalid && isReason(event.target.value)) setInvalid(false);
          }}
        />
        <span id={`${id}-hint`} className={invalid ? 'field-error' : 'field-hint'}>
          {invalid ? t('validation.reason') : t('field.reasonHint')}
        </span>
      </div>
    </ModalForm>
  );
}
