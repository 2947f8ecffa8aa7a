/**
 * Backups (supervisors): the recovery key that opens every backup when no
 * profile's passphrase is left. Generated here (or with `iblagh-ws backup
 * recovery-key`), shown once to be written down; only its fingerprint is
 * shown afterwards. Backups are made, checked and restored with the command
 * line, which the section names.
 */
import { useCallback, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { NewRecoveryKey } from '../../../../shared/contract/backup.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { SettingsSection } from './SettingsSection.tsx';

export function BackupSection(): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const loaded = useLoad(useCallback(() => api('backup.recoveryKey'), [api]));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [shown, setShown] = useState<NewRecoveryKey | null>(null);
  const current = loaded.value?.current ?? null;

  async function generate(): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await api('backup.generateRecoveryKey');
    setBusy(false);
    setConfirming(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setShown(result.value);
    loaded.reload();
  }

  return (
    <SettingsSection title={t('backup.settings.title')} intro={t('backup.settings.intro')}>
      {loaded.loading && loaded.value === null ? <Loading /> : null}
      <ErrorNotice error={loaded.error ?? error} />
      {loaded.value ? (
        <dl className="facts">
          <div className="fact fact-wide">
            <dt>{t('backup.settings.current')}</dt>
            <dd>
              {current ? (
                <>
                  <bdi className="mono" dir="ltr">
                    {current.fingerprint}
                  </bdi>{' '}
                  (<Timestamp iso={current.createdAt} />)
                </>
              ) : (
                t('backup.settings.none')
              )}
            </dd>
          </div>
        </dl>
      ) : null}
      {shown ? (
        <div className="notice notice-warning" role="status" data-testid="recovery-key">
          <p className="strong">{t('backup.settings.shownOnce')}</p>
          <p dir="ltr" className="damaged-command">
            <code>{shown.recoveryKey}</code>
          </p>
          <p>{t('backup.settings.fingerprint', { fingerprint: shown.fingerprint })}</p>
          <button type="button" className="btn btn-small" onClick={() => setShown(null)}>
            {t('backup.settings.written')}
          </button>
        </div>
      ) : null}
      {confirming ? (
        <MessageNotice tone="error">{t('backup.settings.replaceWarning')}</MessageNotice>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || loaded.value === null}
          onClick={() => {
            if (current && !confirming) setConfirming(true);
            else void generate();
          }}
        >
          {t(current ? (confirming ? 'backup.settings.confirmReplace' : 'backup.settings.replace') : 'backup.settings.generate')}
        </button>
        {confirming ? (
          <button type="button" className="btn" disabled={busy} onClick={() => setConfirming(false)}>
            {t('backup.settings.cancel')}
          </button>
        ) : null}
      </div>
      <p className="muted">{t('backup.settings.commands')}</p>
      <p dir="ltr" className="damaged-command">
        <code>{`iblagh-ws backup create --store ${t('backup.damaged.placeholder.folder')} --out ${t('backup.damaged.placeholder.file')}`}</code>
      </p>
    </SettingsSection>
  );
}
