/**
 * A reason the audit journal keeps: a required text area under the one shared
 * rule (shared/reason.ts). While the form has marked it invalid, its hint gives
 * way to the rule's message; typing a reason that meets the rule clears the mark.
 */
import type { ReactNode } from 'react';
import { isSubstantialReason } from '../../../shared/reason.ts';
import { STATUS_REASON_MAX_LENGTH } from '../../../shared/statuses.ts';
import { useI18n } from '../i18n/index.ts';

interface ReasonFieldProps {
  /** The text area's id; its hint is `${id}-hint`. */
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly invalid: boolean;
  readonly onValid: () => void;
  readonly maxLength: number;
  readonly rows?: number;
  readonly className: string;
}

export function ReasonField({ id, label, hint, value, onValue, invalid, onValid, maxLength, rows = 3, className }: ReasonFieldProps): ReactNode {
  const { t } = useI18n();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className={className}
        rows={rows}
        value={value}
        maxLength={maxLength}
        dir="auto"
        required
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          onValue(event.target.value);
          if (invalid && isSubstantialReason(event.target.value)) onValid();
        }}
      />
      <span id={`${id}-hint`} className={invalid ? 'field-error' : 'field-hint'}>
        {invalid ? t('validation.reason') : hint}
      </span>
    </div>
  );
}

type ClosingReasonProps = Pick<ReasonFieldProps, 'id' | 'value' | 'onValue' | 'invalid' | 'onValid' | 'rows' | 'className'>;

/** The reason a closing status asks (kept in the history, sent as the status's reference): the report view's and the queue's. */
export function ClosingReasonField(props: ClosingReasonProps): ReactNode {
  const { t } = useI18n();
  return <ReasonField {...props} label={t('reportView.closingReason')} hint={t('reportView.reasonNote')} maxLength={STATUS_REASON_MAX_LENGTH} />;
}
