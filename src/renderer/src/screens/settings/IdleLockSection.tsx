/**
 * The idle lock delay: editable by supervisors (1-60 minutes), shown as a
 * sentence to analysts.
 */
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { IDLE_LOCK_MAX, IDLE_LOCK_MIN, type Role } from '../../../../shared/schemas.ts';
import { TextField } from '../../components/TextField.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi, useSession } from '../../session/SessionContext.ts';
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

interface IdleLockFormProps {
  readonly saved: number;
}

function IdleLockForm({ saved }: IdleLockFormProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const { refresh } = useSession();
  const [value, setValue] = useState(String(saved));
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const minutes = Number(value);
    const valid = /^\s*\d+\s*$/.test(value) && minutes >= IDLE_LOCK_MIN && minutes <= IDLE_LOCK_MAX;
    setInvalid(!valid);
    setDone(false);
    setError(null);
    if (!valid || busy) return;
    setBusy(true);
    const result = await api('settings.update', { idleLockMinutes: minutes });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setValue(String(result.value.idleLockMinutes));
    setDone(true);
    // The session carries the delay the idle timer uses: read it again.
    void refresh();
  }

  return (
    <form className="form form-inline" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <TextField
        label={t('settings.idle.label')}
        error={invalid ? t('validation.idleRange', { min: IDLE_LOCK_MIN, max: IDLE_LOCK_MAX }) : null}
        className="input input-number"
        type="number"
        inputMode="numeric"
        min={IDLE_LOCK_MIN}
        max={IDLE_LOCK_MAX}
        step={1}
        value={value}
        onValue={(text) => {
          setValue(text);
          setDone(false);
        }}
      />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {t('settings.idle.save')}
      </button>
      {done ? <MessageNotice tone="ok">{t('settings.idle.saved')}</MessageNotice> : null}
      <ErrorNotice error={error} />
    </form>
  );
}
