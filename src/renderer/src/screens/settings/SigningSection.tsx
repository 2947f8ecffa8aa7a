/**
 * Dossier signature: the workstation's PDF signing certificate (subject,
 * issuer, validity, SHA-256 fingerprint, self-signed or imported, its chain,
 * the certificates it replaced) and the sealed packages' manifest key
 * fingerprint; the certificate downloads as PEM for the prosecutor's office.
 * Supervisors replace it with a PKCS#12 file from the service's PKI (read
 * here as bytes, checked and decrypted in the core; a refused file says why).
 */
import { useCallback, useId, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { Role } from '../../../../shared/schemas.ts';
import { MAX_PKCS12_BYTES, type CertificateSummary, type Pkcs12Problem, type SigningCertificateView } from '../../../../shared/signing.ts';
import { Field } from '../../components/Field.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { PassphraseInput } from '../../forms/PassphraseInput.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import { SettingsSection } from './SettingsSection.tsx';
import { saveDownload } from '../../components/saveDownload.ts';

export function SigningSection({ role }: { readonly role: Role }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const loaded = useLoad(useCallback(() => api('signing.certificate'), [api]));
  const view = loaded.value;
  return (
    <SettingsSection title={t('settings.signing.title')} intro={t('settings.signing.intro')}>
      {loaded.loading && view === null ? <Loading /> : null}
      <ErrorNotice error={loaded.error} />
      {view ? <CertificateFacts view={view} /> : null}
      {view ? <ExportButton view={view} /> : null}
      {role === 'supervisor' ? <ImportForm onImported={loaded.reload} /> : <p className="muted">{t('settings.signing.analystOnly')}</p>}
    </SettingsSection>
  );
}

function Dn({ value }: { readonly value: string }): ReactNode {
  return (
    <bdi className="mono" dir="ltr">
      {value}
    </bdi>
  );
}

function Validity({ certificate }: { readonly certificate: CertificateSummary }): ReactNode {
  return <Msg id="settings.signing.validityValue" params={{ from: <Timestamp iso={certificate.notBefore} dateOnly />, to: <Timestamp iso={certificate.notAfter} dateOnly /> }} />;
}

function CertificateFacts({ view }: { readonly view: SigningCertificateView }): ReactNode {
  const { t } = useI18n();
  const c = view.certificate;
  return (
    <>
      <dl className="facts">
        <div className="fact fact-wide">
          <dt>{t('settings.signing.subject')}</dt>
          <dd>
            <Dn value={c.subject} />
          </dd>
        </div>
        <div className="fact fact-wide">
          <dt>{t('settings.signing.issuer')}</dt>
          <dd>
            <Dn value={c.issuer} />
          </dd>
        </div>
        <div className="fact fact-wide">
          <dt>{t('settings.signing.origin')}</dt>
          <dd>
            <span className={view.source === 'imported' ? 'badge badge-on' : 'badge badge-off'}>{t(view.source === 'imported' ? 'settings.signing.imported' : 'settings.signing.selfSigned')}</span>
          </dd>
        </div>
        <div className="fact">
          <dt>{t('settings.signing.validity')}</dt>
          <dd>
            <Validity certificate={c} />
          </dd>
        </div>
        <div className="fact">
          <dt>{t('settings.signing.algorithm')}</dt>
          <dd>
            <bdi dir="ltr">{view.algorithm}</bdi>
          </dd>
        </div>
        <div className="fact">
          <dt>{t('settings.signing.createdAt')}</dt>
          <dd>
            <Timestamp iso={view.createdAt} />
          </dd>
        </div>
        <div className="fact fact-wide">
          <dt>{t('settings.signing.fingerprint')}</dt>
          <dd>
            <code className="fingerprint" dir="ltr">
              {c.fingerprint}
            </code>
          </dd>
        </div>
        {view.chain.length > 0 ? (
          <div className="fact fact-wide">
            <dt>{t('settings.signing.chain')}</dt>
            <dd>
              <ol>
                {view.chain.map((issuer) => (
                  <li key={issuer.fingerprint}>
                    <Dn value={issuer.subject} />
                  </li>
                ))}
              </ol>
            </dd>
          </div>
        ) : null}
        <div className="fact fact-wide">
          <dt>{t('settings.signing.manifestKey')}</dt>
          <dd>
            <code className="fingerprint" dir="ltr">
              {view.manifestKeyFingerprint}
            </code>
          </dd>
        </div>
      </dl>
      {view.retired.length > 0 ? (
        <details>
          <summary>{t('settings.signing.retired')}</summary>
          <ul>
            {view.retired.map((old) => (
              <li key={old.fingerprint}>
                <Dn value={old.subject} /> — <Msg id="settings.signing.retiredOn" params={{ date: <Timestamp iso={old.retiredAt} /> }} />
                <br />
                <code className="fingerprint" dir="ltr">
                  {old.fingerprint}
                </code>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/** The certificate's file name: its subject's common name and the fingerprint's first bytes, letters and digits only. */
function pemFileName(view: SigningCertificateView): string {
  const cn = /CN=([^,]+)/.exec(view.certificate.subject)?.[1] ?? 'certificat';
  return `${cn.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${view.certificate.fingerprint.replace(/:/g, '').slice(0, 8)}.pem`;
}

function ExportButton({ view }: { readonly view: SigningCertificateView }): ReactNode {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  function download(): void {
    saveDownload(view.pem, pemFileName(view), 'application/x-pem-file');
    setDone(true);
  }
  return (
    <div className="form-actions">
      <button type="button" className="btn btn-small" onClick={download}>
        {t('settings.signing.export')}
      </button>
      {done ? (
        <span className="muted small" role="status">
          {t('settings.signing.exported')}
        </span>
      ) : null}
    </div>
  );
}

type FileIssue = 'needFile' | 'tooBig' | 'unreadable';

function ImportForm({ onImported }: { readonly onImported: () => void }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [fileIssue, setFileIssue] = useState<FileIssue | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [problem, setProblem] = useState<Pkcs12Problem | null>(null);
  const [imported, setImported] = useState<string | null>(null);

  async function pick(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    setFileIssue(null);
    if (!chosen) return;
    if (chosen.size > MAX_PKCS12_BYTES) {
      setFile(null);
      setFileIssue('tooBig');
      return;
    }
    try {
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      setFile({ name: chosen.name, base64: btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join('')) });
    } catch {
      setFile(null);
      setFileIssue('unreadable');
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setError(null);
    setProblem(null);
    setImported(null);
    if (!file) {
      setFileIssue('needFile');
      return;
    }
    if (busy) return;
    setBusy(true);
    const result = await api('signing.importPkcs12', { pkcs12Base64: file.base64, password });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    if (!result.value.imported) {
      setProblem(result.value.problem);
      return;
    }
    setImported(result.value.view.certificate.subject);
    setFile(null);
    setPassword('');
    onImported();
  }

  return (
    <div className="subpanel">
      <h3 className="subpanel-title" id={`${id}-title`}>
        {t('settings.signing.importTitle')}
      </h3>
      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy} aria-labelledby={`${id}-title`}>
        <p className="muted">{t('settings.signing.importHint')}</p>
        <div className="field">
          <span className="field-label" id={`${id}-label`}>
            {t('settings.signing.file')}
          </span>
          <div className="file-picker">
            <input
              id={id}
              className="file-picker-input"
              type="file"
              accept=".p12,.pfx,application/x-pkcs12"
              aria-labelledby={`${id}-label ${id}-button`}
              aria-describedby={fileIssue ? `${id}-name ${id}-error` : `${id}-name`}
              aria-invalid={fileIssue ? true : undefined}
              onChange={(event) => void pick(event)}
            />
            <label htmlFor={id} className="btn btn-small file-picker-button" id={`${id}-button`}>
              {t('file.choose')}
            </label>
            <span className="file-picker-name" id={`${id}-name`}>
              {file ? <bdi>{file.name}</bdi> : t('file.none')}
            </span>
          </div>
          {fileIssue ? (
            <p className="field-error" id={`${id}-error`}>
              {t(`settings.signing.${fileIssue}`)}
            </p>
          ) : null}
        </div>
        <Field label={t('settings.signing.password')}>{(control) => <PassphraseInput control={control} value={password} onChange={setPassword} autoComplete="off" />}</Field>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('settings.signing.importing') : t('settings.signing.import')}
        </button>
        {imported ? (
          <MessageNotice tone="ok">
            <Msg id="settings.signing.importedOk" params={{ subject: <Dn value={imported} /> }} />
          </MessageNotice>
        ) : null}
        {problem ? <MessageNotice tone="error">{t(`settings.signing.problem.${problem}`)}</MessageNotice> : null}
        <ErrorNotice error={error} />
      </form>
    </div>
  );
}
