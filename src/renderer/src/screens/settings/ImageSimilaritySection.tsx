/**
 * The near-duplicate threshold for images (PDQ Hamming distance, 0-128 of
 * 256 bits; 31 is PDQ's recommendation): editable by supervisors, shown as a
 * sentence to analysts. Known-hash lists' PDQ entries match within it too.
 */
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { Role } from '../../../../shared/schemas.ts';
import { TextField } from '../../components/TextField.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
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
  const [value, setValue] = useState(String(saved));
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const distance = Number(value);
    const valid = /^\s*\d+\s*$/.test(value) && distance >= MIN && distance <= MAX;
    setInvalid(!valid);
    setDone(false);
    setError(null);
    if (!valid || busy) return;
    setBusy(true);
    const result = await api('images.updateSettings', { pdqMaxDistance: distance });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setValue(String(result.value.pdqMaxDistance));
    setDone(true);
  }

  return (
    <form className="form form-inline" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <TextField
        label={t('settings.images.label')}
        error={invalid ? t('settings.images.range', { min: MIN, max: MAX }) : null}
        className="input input-number"
        type="number"
        inputMode="numeric"
        min={MIN}
        max={MAX}
        step={1}
        value={value}
        onValue={(text) => {
          setValue(text);
          setDone(false);
        }}
      />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('settings.images.save')}
      </button>
      {done ? <MessageNotice tone="ok">{t('settings.images.saved')}</MessageNotice> : null}
      <ErrorNotice error={error} />
    </form>
  );
}
