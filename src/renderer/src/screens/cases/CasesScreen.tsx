/** Cases group related reports. None can exist before reports arrive: the screen explains the way there. */
import type { ReactNode } from 'react';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { useI18n } from '../../i18n/index.ts';
import type { ScreenId } from '../../shell/screens.ts';

interface CasesScreenProps {
  readonly onNavigate: (screen: ScreenId) => void;
}

export function CasesScreen({ onNavigate }: CasesScreenProps): ReactNode {
  const { t } = useI18n();
  return (
    <>
      <ScreenHeader title={t('nav.cases')} />
      <EmptyState title={t('cases.emptyTitle')} action={{ label: t('cases.toQueue'), onClick: () => onNavigate('queue') }}>
        <p>{t('cases.emptyBody')}</p>
      </EmptyState>
    </>
  );
}
