/** Exchanges with the intake service. None has happened: no intake service is configured on this workstation. */
import type { ReactNode } from 'react';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { useI18n } from '../../i18n/index.ts';
import type { ScreenId } from '../../shell/screens.ts';

interface SyncScreenProps {
  readonly onNavigate: (screen: ScreenId) => void;
}

export function SyncScreen({ onNavigate }: SyncScreenProps): ReactNode {
  const { t } = useI18n();
  return (
    <>
      <ScreenHeader title={t('nav.sync')} />
      <p className="status-line">
        <span className="status-dot status-dot-off" aria-hidden="true" />
        {t('settings.intake.status')}
      </p>
      <EmptyState title={t('sync.emptyTitle')} action={{ label: t('sync.toSettings'), onClick: () => onNavigate('settings') }}>
        <p>{t('sync.emptyBody')}</p>
      </EmptyState>
    </>
  );
}
