/** The profiles of the workstation, with Disable (confirmed inline) and Enable actions. */
import { useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { Profile } from '../../../../shared/schemas.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';

interface ProfilesTableProps {
  readonly profiles: readonly Profile[];
  readonly selfId: string;
  readonly onDisabled: () => void;
  readonly onEnable: (profile: Profile) => void;
}

export function ProfilesTable({ profiles, selfId, onDisabled, onEnable }: ProfilesTableProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  async function disable(profile: Profile): Promise<void> {
    setBusy(true);
    const result = await api('profiles.disable', { profileId: profile.id });
    setBusy(false);
    setConfirming(null);
    if (result.ok) {
      setError(null);
      onDisabled();
    } else {
      setError(result.error);
    }
  }

  return (
    <>
      <ErrorNotice error={error} context="disableProfile" />
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('settings.profiles.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.profiles.col.name')}</th>
              <th scope="col">{t('settings.profiles.col.service')}</th>
              <th scope="col">{t('settings.profiles.col.role')}</th>
              <th scope="col">{t('settings.profiles.col.status')}</th>
              <th scope="col">{t('settings.profiles.col.created')}</th>
              <th scope="col">{t('settings.profiles.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {profiles.map((profile) => (
              <tr key={profile.id} className={profile.disabled ? 'row-disabled' : undefined}>
                <th scope="row" className="cell-name">
                  <bdi>{profile.name}</bdi>
                  {profile.id === selfId ? <span className="muted"> {t('settings.profiles.you')}</span> : null}
                </th>
                <td>
                  <bdi>{profile.service}</bdi>
                </td>
                <td>{t(`role.${profile.role}`)}</td>
                <td>
                  <span className={profile.disabled ? 'badge badge-off' : 'badge badge-on'}>
                    {t(profile.disabled ? 'status.disabled' : 'status.active')}
                  </span>
                </td>
                <td className="nowrap">
                  <Timestamp iso={profile.createdAt} dateOnly />
                </td>
                <td className="cell-actions">
                  {profile.id === selfId ? null : profile.disabled ? (
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={t('settings.profiles.enableNamed', { name: profile.name })}
                      onClick={() => onEnable(profile)}
                    >
                      {t('settings.profiles.enable')}
                    </button>
                  ) : confirming === profile.id ? (
                    <div className="confirm" role="group" aria-label={t('settings.profiles.disableNamed', { name: profile.name })}>
                      <p className="confirm-text">
                        <Msg id="settings.profiles.confirmDisable" params={{ name: <bdi className="strong">{profile.name}</bdi> }} />
                      </p>
                      <div className="confirm-actions">
                        <button
                          type="button"
                          className="btn btn-small btn-danger"
                          disabled={busy}
                          autoFocus
                          onClick={() => void disable(profile)}
                        >
                          {t('settings.profiles.confirmDisableButton')}
                        </button>
                        <button type="button" className="btn btn-small" disabled={busy} onClick={() => setConfirming(null)}>
                          {t('common.cancel')}
                        </button>
                      </div>
                    </div>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={t('settings.profiles.disableNamed', { name: profile.name })}
                      onClick={() => {
                        setError(null);
                        setConfirming(profile.id);
                      }}
                    >
                      {t('settings.profiles.disable')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
