/**
 * The near-duplicate threshold for images (PDQ Hamming distance, 0-128 of
 * 256 bits; 31 is PDQ's recommendation): editable by supervisors, shown as a
 * sentence to analysts. Known-hash lists' PDQ entries match within it too.
 */
import { useCallback, type ReactNode } from 'react';
import type { Role } from '../../../../shared/schemas.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { IntegerSettingForm } from './IntegerSettingForm.tsx';
import { SettingsSection } from './SettingsSection.tsx';

const MIN = 0;
const MAX = 128;

export function ImageSimilaritySection({ role }: { readonly role: Role }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const settings = useLoad(useCallback(() => api('images.settings'), [api]));
  const distance = settings.value?.pdqMaxDistance ?? null;
  return (
    <SettingsSection title={t('settings.images.title')} intro={t('settings.images.intro')}>
      {settings.loading && distance === null ? <Loading /> : null}
      <ErrorNotice error={settings.error} />
      {distance !== null && role === 'supervisor' ? <ThresholdForm saved={distance} /> : null}
      {distance !== null && role !== 'supervisor' ? <p className="readonly-value">{t('settings.images.readOnly', { d: distance })}</p> : null}
    </SettingsSection>
  );
}

function ThresholdForm({ saved }: { readonly saved: number }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  return (
    <IntegerSettingForm
      saved={saved}
      min={MIN}
      max={MAX}
      label={t('settings.images.label')}
      rangeError={t('settings.images.range', { min: MIN, max: MAX })}
      saveLabel={t('settings.images.save')}
      savedMessage={t('settings.images.saved')}
      save={async (pdqMaxDistance) => {
        const result = await api('images.updateSettings', { pdqMaxDistance });
        return result.ok ? { ok: true, value: result.value.pdqMaxDistance } : result;
      }}
    />
  );
}
