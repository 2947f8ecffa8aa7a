/**
 * The dashboard screen. Its charts (and Chart.js with them) are loaded when
 * the screen first opens, not at startup; its styles, the navigation icon
 * among them, are part of the main stylesheet.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from '../../components/Loading.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { useI18n } from '../../i18n/index.ts';
import type { DashboardScreenProps } from './DashboardView.tsx';
import '../../styles/dashboard.css';

const DashboardView = lazy(() => import('./DashboardView.tsx'));

export function DashboardScreen(props: DashboardScreenProps): ReactNode {
  const { t } = useI18n();
  return (
    <Suspense
      fallback={
        <>
          <ScreenHeader title={t('nav.dashboard')} />
          <Loading />
        </>
      }
    >
      <DashboardView {...props} />
    </Suspense>
  );
}
