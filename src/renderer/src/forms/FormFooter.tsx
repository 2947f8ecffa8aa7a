/**
 * The end of a form: the error the core answered (translated, in context),
 * any further notice (a confirmation), then the actions and, while the form
 * is sent, what is being done.
 */
import type { ReactNode } from 'react';
import type { AppErrorShape } from '../../../shared/contract.ts';
import { Busy } from '../components/Busy.tsx';
import { ErrorNotice } from '../components/Notice.tsx';
import type { ErrorContext } from '../i18n/errors.ts';

interface FormFooterProps {
  readonly error: AppErrorShape | null;
  readonly context?: ErrorContext;
  /** Notices under the error: a confirmation, a countdown. */
  readonly notices?: ReactNode;
  /** What is being done, while it is: shown beside the actions. */
  readonly busyLabel?: string | null;
  /** The form's buttons. */
  readonly children: ReactNode;
}

export function FormFooter({ error, context, notices, busyLabel, children }: FormFooterProps): ReactNode {
  return (
    <>
      <ErrorNotice error={error} context={context} />
      {notices}
      <div className="form-actions">
        {children}
        {busyLabel ? <Busy label={busyLabel} /> : null}
      </div>
    </>
  );
}
