/**
 * Online URL diagnostics (issue #11): supervisors switch them on and set the
 * path (proxy, resolver, direct connection, lab setting), the body cap and the
 * still-online re-check interval; analysts see the path in use.
 */
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { OnlineStatus } from '../../../../shared/diagnostics-online.ts';
import type { Role } from '../../../../shared/schemas.ts';
import { TextField } from '../../components/TextField.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { SettingsSection } from './SettingsSection.tsx';

const MB = 1024 * 1024;

export function OnlineDiagnosticsSection({ role }: { readonly role: Role }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const loaded = useLoad(useCallback(() => api('diagnostics.onlineStatus'), [api]));
  const [savedStatus, setStatus] = useState<OnlineStatus | null>(null);
  const status = savedStatus ?? loaded.value ?? null;
  return (
    <SettingsSection title={t('settings.online.title')} intro={t('settings.online.intro')}>
      {loaded.loading && status === null ? <Loading /> : null}
      <ErrorNotice error={loaded.error} />
      {status ? <PathLine status={status} /> : null}
      {status && role === 'supervisor' ? <OnlineForm saved={status} onSaved={setStatus} /> : null}
      {status && role !== 'supervisor' ? <p className="readonly-value">{t('settings.online.readOnly')}</p> : null}
    </SettingsSection>
  );
}

function PathLine({ status }: { readonly status: OnlineStatus }): ReactNode {
  const { t } = useI18n();
  if (status.disabledReason !== null) return <p className="readonly-value">{t(`online.disabled.${status.disabledReason}`)}</p>;
  return (
    <p className="readonly-value">
      {status.route === 'direct' ? t('online.route.direct') : `${t('online.route.proxy')} `}
      {status.route !== 'direct' ? <bdi dir="ltr" className="mono">{status.route}</bdi> : null}
      {status.settings.allowPrivate ? ` · ${t('online.lab')}` : ''}
    </p>
  );
}

function Check({ label, checked, onChange }: { readonly label: string; readonly checked: boolean; readonly onChange: (checked: boolean) => void }): ReactNode {
  return (
    <label className="checkbox-line">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} /> {label}
    </label>
  );
}

function OnlineForm({ saved, onSaved }: { readonly saved: OnlineStatus; readonly onSaved: (status: OnlineStatus) => void }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const s = saved.settings;
  const [enabled, setEnabled] = useState(s.enabled);
  const [proxy, setProxy] = useState(s.proxyUrl ?? '');
  const [resolver, setResolver] = useState(s.resolver ?? '');
  const [allowDirect, setAllowDirect] = useState(s.allowDirect);
  const [allowPrivate, setAllowPrivate] = useState(s.allowPrivate);
  const [cap, setCap] = useState(String(Math.round(s.bodyCapBytes / MB)));
  const [recheck, setRecheck] = useState(String(s.recheckHours));
  const [screenshotJs, setScreenshotJs] = useState(s.screenshotJavaScript);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setDone(false);
    setError(null);
    if (busy) return;
    setBusy(true);
    const result = await api('diagnostics.onlineSettings', {
      enabled,
      proxyUrl: proxy.trim() === '' ? null : proxy.trim(),
      resolver: resolver.trim() === '' ? null : resolver.trim(),
      allowDirect,
      allowPrivate,
      bodyCapBytes: Math.round(Number(cap) * MB),
      recheckHours: Number(recheck),
      screenshotJavaScript: screenshotJs,
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onSaved(result.value);
    setDone(true);
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <Check label={t('settings.online.enabled')} checked={enabled} onChange={setEnabled} />
      <TextField label={t('settings.online.proxy')} dir="ltr" className="input" value={proxy} placeholder="socks5://127.0.0.1:9050" onValue={setProxy} />
      <TextField label={t('settings.online.resolver')} dir="ltr" className="input" value={resolver} placeholder="9.9.9.9:53" onValue={setResolver} />
      <Check label={t('settings.online.allowDirect')} checked={allowDirect} onChange={setAllowDirect} />
      <Check label={t('settings.online.allowPrivate')} checked={allowPrivate} onChange={setAllowPrivate} />
      <TextField label={t('settings.online.bodyCap')} className="input input-number" type="number" min={1} max={100} step={1} value={cap} onValue={setCap} />
      <TextField label={t('settings.online.recheck')} className="input input-number" type="number" min={0} max={720} step={1} value={recheck} onValue={setRecheck} />
      <Check label={t('settings.online.screenshotJs')} checked={screenshotJs} onChange={setScreenshotJs} />
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('settings.online.save')}
        </button>
      </div>
      {done ? <MessageNotice tone="ok">{t('settings.online.saved')}</MessageNotice> : null}
      <ErrorNotice error={error} />
    </form>
  );
}
