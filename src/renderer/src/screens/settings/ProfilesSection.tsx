/**
 * Supervisors manage the analyst profiles: list, add, disable (with a
 * confirmation), enable again with a new initial passphrase.
 */
import { useCallback, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { Profile } from '../../../../shared/schemas.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { EnableProfilePanel } from './EnableProfilePanel.tsx';
import { NewProfileForm } from './NewProfileForm.tsx';
import { ProfilesTable } from './ProfilesTable.tsx';
import { SettingsSection } from './SettingsSection.tsx';

interface ProfilesSectionProps {
  readonly self: Profile;
  /** Called after a profile was created, disabled or enabled. */
  readonly onChanged: () => void;
}

export function ProfilesSection({ self, onChanged }: ProfilesSectionProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const profiles = useLoad(useCallback(() => api('profiles.list'), [api]));
  const [enabling, setEnabling] = useState<Profile | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>(null);

  const reload = profiles.reload;
  const changed = useCallback(
    (message: MessageKey) => {
      setNotice(message);
      reload();
      onChanged();
    },
    [reload, onChanged],
  );

  return (
    <SettingsSection title={t('settings.profiles.title')}>
      {profiles.loading && !profiles.value ? <Loading /> : null}
      <ErrorNotice error={profiles.error} />
      {notice ? <MessageNotice tone="ok">{t(notice)}</MessageNotice> : null}
      {profiles.value ? (
        <ProfilesTable
          profiles={profiles.value}
          selfId={self.id}
          onDisabled={() => changed('settings.profiles.disabledDone')}
          onEnable={(profile) => {
            setNotice(null);
            setEnabling(profile);
          }}
        />
      ) : null}
      {enabling ? (
        <EnableProfilePanel
          key={enabling.id}
          profile={enabling}
          onCancel={() => setEnabling(null)}
          onEnabled={() => {
            setEnabling(null);
            changed('settings.profiles.enabledDone');
          }}
        />
      ) : null}
      <NewProfileForm onCreated={() => changed('settings.profiles.add.done')} />
      <LastLoginSetting />
    </SettingsSection>
  );
}

/** Whether the lock screen offers the last login name used here (off by default: the name would be in clear on disk). */
function LastLoginSetting(): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const setting = useLoad(useCallback(() => api('session.lastLogin', {}), [api]));
  // The choice shows at once; a refusal puts the previous one back.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  if (!setting.value) return <ErrorNotice error={setting.error} />;
  const remember = chosen ?? setting.value.remember;
  async function change(next: boolean): Promise<void> {
    setBusy(true);
    setError(null);
    setChosen(next);
    const result = await api('session.lastLogin', { remember: next });
    setBusy(false);
    if (result.ok) {
      setChosen(result.value.remember);
    } else {
      setChosen(remember);
      setError(result.error);
    }
  }
  return (
    <div className="form">
      <label className="choice">
        <input type="checkbox" checked={remember} disabled={busy} onChange={(event) => void change(event.target.checked)} />
        {t('settings.profiles.lastLogin.label')}
      </label>
      <p className="muted">{t('settings.profiles.lastLogin.hint')}</p>
      <ErrorNotice error={error} />
    </div>
  );
}
