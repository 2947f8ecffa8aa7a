/** Messages shown after an action: errors (role=alert) and confirmations (role=status). */
import type { ReactNode } from 'react';
import type { AppErrorShape, ErrorCode } from '../../../shared/contract.ts';
import { errorMessage, type ErrorContext } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.ts';

/**
 * Codes whose message from the core says which field or what was refused. That
 * message is the core's (English, for the logs): never a sentence of the
 * screen, only inside the "technical detail" disclosure, as for INTERNAL.
 */
const DETAILED_CODES: ReadonlySet<ErrorCode> = new Set(['INTAKE_INVALID_CONFIG', 'INTAKE_REFUSED', 'DESTINATION_REFUSED', 'ONLINE_DISABLED']);

interface ErrorNoticeProps {
  readonly error: AppErrorShape | null;
  readonly context?: ErrorContext;
}

export function ErrorNotice({ error, context }: ErrorNoticeProps): ReactNode {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{errorMessage(t, error, context)}</p>
      {(DETAILED_CODES.has(error.code) || error.code === 'INTERNAL') && error.message ? (
        <details className="notice-detail">
          <summary>{t('common.technicalDetail')}</summary>
          <code dir="ltr">{error.message}</code>
        </details>
      ) : null}
    </div>
  );
}

interface MessageNoticeProps {
  readonly children: ReactNode;
  readonly tone?: 'ok' | 'info' | 'error';
}

/** A plain message: confirmation (ok), information, or a local validation error. */
export function MessageNotice({ children, tone = 'info' }: MessageNoticeProps): ReactNode {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <p>{children}</p>
    </div>
  );
}
