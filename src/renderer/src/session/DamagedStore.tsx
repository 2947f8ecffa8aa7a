/**
 * The lock screen's state when the unlock found the store damaged
 * (STORE_CORRUPT): says that nothing was opened or changed, that the folder
 * must be kept as it is, and offers the restore from a backup, step by step
 * with the commands to type (`iblagh-ws backup verify` and `restore`, or the
 * recovery key when no passphrase is left). The app never deletes, replaces
 * or repairs a damaged store itself.
 */
import { useState, type ReactNode } from 'react';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { MessageNotice } from '../components/Notice.tsx';
import { useI18n } from '../i18n/index.ts';

interface DamagedStoreProps {
  /** Back to the unlock form (another profile, or after the files were put back). */
  readonly onBack: () => void;
}

function Command({ children }: { readonly children: string }): ReactNode {
  return (
    <p dir="ltr" className="damaged-command">
      <code>{children}</code>
    </p>
  );
}

export function DamagedStore({ onBack }: DamagedStoreProps): ReactNode {
  const { t } = useI18n();
  const [showSteps, setShowSteps] = useState(false);
  const file = t('backup.damaged.placeholder.file');
  const folder = t('backup.damaged.placeholder.folder');

  return (
    <AuthLayout titleId="damaged-title" wide>
      <h1 id="damaged-title">{t('backup.damaged.title')}</h1>
      <MessageNotice tone="error">{t('backup.damaged.intro')}</MessageNotice>
      <p className="auth-intro">{t('backup.damaged.keep')}</p>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" aria-expanded={showSteps} aria-controls="restore-steps" onClick={() => setShowSteps((shown) => !shown)}>
          {t('backup.damaged.restore')}
        </button>
        <button type="button" className="btn" onClick={onBack}>
          {t('backup.damaged.back')}
        </button>
      </div>
      {showSteps ? (
        <section id="restore-steps" aria-labelledby="restore-steps-title" data-testid="restore-steps">
          <h2 id="restore-steps-title">{t('backup.damaged.stepsTitle')}</h2>
          <ol>
            <li>
              {t('backup.damaged.step.verify')}
              <Command>{`iblagh-ws backup verify ${file} --analyst ${t('backup.damaged.placeholder.name')}`}</Command>
            </li>
            <li>{t('backup.damaged.step.aside')}</li>
            <li>
              {t('backup.damaged.step.restore')}
              <Command>{`iblagh-ws backup restore ${file} --store ${folder} --analyst ${t('backup.damaged.placeholder.name')}`}</Command>
            </li>
            <li>{t('backup.damaged.step.unlock')}</li>
          </ol>
          <p>{t('backup.damaged.step.recovery')}</p>
          <Command>{`iblagh-ws backup restore ${file} --store ${folder} --recovery-key-file ${t('backup.damaged.placeholder.key')} --analyst ${t('backup.damaged.placeholder.name')}`}</Command>
        </section>
      ) : null}
    </AuthLayout>
  );
}
