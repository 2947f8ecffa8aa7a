/**
 * Demo mode, offered to supervisors while no intake service is configured,
 * or while the one configured brought nothing yet (it is then replaced):
 * starts the built-in intake service with generated, fictitious reports.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { StartDemoButton } from '../../intake/StartDemoButton.tsx';

interface DemoPanelProps {
  /** A real service is configured (with nothing received yet): starting the demo replaces its settings. */
  readonly replacesService: boolean;
  readonly onStarted: () => void;
}

export function DemoPanel({ replacesService, onStarted }: DemoPanelProps): ReactNode {
  const { t } = useI18n();
  return (
    <section className="subpanel demo-panel" aria-labelledby="demo-title">
      <h3 className="subpanel-title" id="demo-title">
        <span className="demo-badge" aria-hidden="true">
          {t('demo.badge')}
        </span>{' '}
        {t('settings.intake.demo.title')}
      </h3>
      <p>{t('settings.intake.demo.body')}</p>
      <p>{t('settings.intake.demo.marking')}</p>
      {replacesService ? <p className="callout">{t('settings.intake.demo.replaces')}</p> : null}
      <StartDemoButton onStarted={onStarted} />
    </section>
  );
}
