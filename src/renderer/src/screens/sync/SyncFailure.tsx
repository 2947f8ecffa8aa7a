/** The last run's failure in plain words, by kind; the core's own (English) words only as a technical detail. */
import type { ReactNode } from 'react';
import type { SyncStatus } from '../../../../shared/schemas.ts';
import { useI18n } from '../../i18n/index.ts';
import type { ScreenId } from '../../shell/screens.ts';

interface SyncFailureProps {
  readonly sync: SyncStatus;
  readonly onNavigate: (screen: ScreenId) => void;
}

export function SyncFailure({ sync, onNavigate }: SyncFailureProps): ReactNode {
  const { t } = useI18n();
  if (sync.lastError === null && sync.lastErrorKind === null) return null;
  const kind = sync.lastErrorKind ?? 'other';
  return (
    <div className="notice notice-error" role="alert">
      <p className="strong">{t('sync.error.title')}</p>
      <p>{t(`sync.error.${kind}`)}</p>
      {/* The core's own words are English, for support: kept out of the sentence, behind a disclosure. */}
      {sync.lastError ? (
        <details className="notice-detail">
          <summary>{t('common.technicalDetail')}</summary>
          <code dir="ltr" lang="en">
            {sync.lastError}
          </code>
        </details>
      ) : null}
      {kind === 'config' ? (
        <button type="button" className="btn btn-small notice-action" onClick={() => onNavigate('settings')}>
          {t('sync.error.toSettings')}
        </button>
      ) : null}
    </div>
  );
}
