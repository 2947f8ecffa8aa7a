/** The last run's failure in plain words, by kind, with the core's own words as a secondary detail. */
import type { ReactNode } from 'react';
import type { SyncStatus } from '../../../../shared/schemas.ts';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
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
      {sync.lastError ? (
        <p className="notice-secondary">
          <Msg id="error.detail" params={{ detail: <bdi>{sync.lastError}</bdi> }} />
        </p>
      ) : null}
      {kind === 'config' ? (
        <button type="button" className="btn btn-small notice-action" onClick={() => onNavigate('settings')}>
          {t('sync.error.toSettings')}
        </button>
      ) : null}
    </div>
  );
}
