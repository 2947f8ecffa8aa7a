/** The intake service connection: a plain status line, since none is configured on this workstation. */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.ts';
import { SettingsSection } from './SettingsSection.tsx';

export function IntakeSection(): ReactNode {
  const { t } = useI18n();
  return (
    <SettingsSection title={t('settings.intake.title')}>
      <p className="status-line">
        <span className="status-dot status-dot-off" aria-hidden="true" />
        {t('settings.intake.status')}
      </p>
      <p className="panel-intro">{t('settings.intake.body')}</p>
    </SettingsSection>
  );
}
