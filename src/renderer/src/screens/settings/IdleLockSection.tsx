/**
 * The idle lock delay: editable by supervisors (1-60 minutes), shown as a
 * sentence to analysts.
 */
import { useCallback, type ReactNode } from 'react';
import { IDLE_LOCK_MAX, IDLE_LOCK_MIN, type Role } from '../../../../shared/schemas.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi, useSession } from '../../session/SessionContext.ts';
import { IntegerSettingForm } from './IntegerSettingForm.tsx';
import { SettingsSection } from './SettingsSection.tsx';

interface IdleLockSectionProps {
  readonly role: Role;
}

export function IdleLockSection({ role }: IdleLockSectionProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const settings = useLoad(useCallback(() => api('settings.get'), [api]));
  const minutes = settings.value?.idleLockMinutes ?? null;

  return (
    <SettingsSection title={t('settings.idle.title')} intro={t('settings.idle.intro')}>
      {settings.loading && minutes === null ? <Loading /> : null}
      <ErrorNotice error={settings.error} />
      {minutes !== null && role === 'supervisor' ? <IdleLockForm saved={minutes} /> : null}
      {minutes !== null && role !== 'supervisor' ? <p className="readonly-value">{t('settings.idle.readOnly', { count: minutes })}</p> : null}
    </SettingsSection>
  );
}

function IdleLockForm({ saved }: { readonly saved: number }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const { refresh } = useSession();
  return (
    <IntegerSettingForm
      saved={saved}
      min={IDLE_LOCK_MIN}
      max={IDLE_LOCK_MAX}
      label={t('settings.idle.label')}
      rangeError={t('validation.idleRange', { min: IDLE_LOCK_MIN, max: IDLE_LOCK_MAX })}
      saveLabel={t('settings.idle.save')}
      savedMessage={t('settings.idle.saved')}
      save={async (idleLockMinutes) => {
        const result = await api('settings.update', { idleLockMinutes });
        if (!result.ok) return result;
        // The session carries the delay the idle timer uses: read it again.
        void refresh();
        return { ok: true, value: result.value.idleLockMinutes };
      }}
    />
  );
}
