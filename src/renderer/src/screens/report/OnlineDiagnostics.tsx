/**
 * Online diagnostics of a report's or a case's URLs (issue #11): the path in
 * use (via proxy … / direct connection allowed), a button per URL (disabled
 * with the reason when a supervisor has not enabled them), and the last
 * result of each URL with its still-online state and since when.
 *
 * Nothing fetched is ever rendered: the final URL, redirects, headers, TLS
 * names and the body preview are inert text (UserText), left to right,
 * defanged; the body is a capped text or hex preview. A page screenshot
 * (asked for with "avec capture d'écran") is never decoded here either: its
 * greyscale preview's pixels come from the core's decoder process
 * (diagnostics.screenshotPreview) and are drawn blurred, like attachments.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { defangUrl } from '../../../../shared/defang.ts';
import type { HistoryResult, OnlineDiagnostic, OnlineStatus } from '../../../../shared/diagnostics-online.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { UserText } from '../../components/safe/UserText.tsx';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { ImageViewer } from './AttachmentsSection.tsx';
import './online-diagnostics.css';

export type OnlineTarget = { reportId: string } | { caseRef: string };

export interface OnlineState {
  status: OnlineStatus | null;
  history: Map<string, HistoryResult['urls'][number]>;
  busy: ReadonlySet<string>;
  error: AppErrorShape | null;
  run: (url: string) => Promise<void>;
  runAll: (() => Promise<void>) | null;
  refused: { url: string; message: string }[];
  /** Whether the next diagnostics also take a page screenshot. */
  screenshot: boolean;
  setScreenshot: (on: boolean) => void;
}

/** Loads the status and the history of a report's or a case's URLs; runs diagnostics. */
export function useOnlineDiagnostics(target: OnlineTarget): OnlineState {
  const api = useApi();
  const [status, setStatus] = useState<OnlineStatus | null>(null);
  const [history, setHistory] = useState(new Map<string, HistoryResult['urls'][number]>());
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [refused, setRefused] = useState<{ url: string; message: string }[]>([]);
  const [screenshot, setScreenshot] = useState(false);
  const key = 'reportId' in target ? `r:${target.reportId}` : `c:${target.caseRef}`;
  const fetchBoth = useCallback(
    () => Promise.all([api('diagnostics.onlineStatus'), api('diagnostics.history', 'reportId' in target ? { reportId: target.reportId } : { caseRef: target.caseRef })]),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the target is identified by its key
    [api, key],
  );
  const apply = useCallback(([s, h]: Awaited<ReturnType<typeof fetchBoth>>) => {
    if (s.ok) setStatus(s.value);
    if (h.ok) setHistory(new Map(h.value.urls.map((u) => [u.url, u])));
  }, []);
  const load = useCallback(async () => apply(await fetchBoth()), [apply, fetchBoth]);
  useEffect(() => {
    let cancelled = false;
    void fetchBoth().then((answers) => {
      if (!cancelled) apply(answers);
    });
    return () => {
      cancelled = true;
    };
  }, [fetchBoth, apply]);
  const run = useCallback(
    async (url: string) => {
      setBusy((b) => new Set([...b, url]));
      setError(null);
      const answer = await api('diagnostics.online', 'reportId' in target ? { url, reportId: target.reportId, screenshot } : { url, caseRef: target.caseRef, screenshot });
      setBusy((b) => new Set([...b].filter((u) => u !== url)));
      if (!answer.ok) setError(answer.error);
      await load();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the target is identified by its key
    [api, key, load, screenshot],
  );
  const runAll = useCallback(async () => {
    if ('reportId' in target) return;
    setBusy(new Set(['*']));
    setError(null);
    const answer = await api('diagnostics.online', { caseRef: target.caseRef, all: true, screenshot });
    setBusy(new Set());
    if (!answer.ok) setError(answer.error);
    else setRefused(answer.value.refused);
    await load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the target is identified by its key
  }, [api, key, load, screenshot]);
  return { status, history, busy, error, run, runAll: 'caseRef' in target ? runAll : null, refused, screenshot, setScreenshot };
}

/** Which path the traffic takes, or why online diagnostics are off. */
export function OnlineBanner({ state }: { readonly state: OnlineState }): ReactNode {
  const { t } = useI18n();
  const { status } = state;
  if (status === null) return null;
  return (
    <div className="od-banner" role="status">
      {status.disabledReason !== null ? (
        <span className="badge ud-badge-info">{t(`online.disabled.${status.disabledReason}`)}</span>
      ) : status.route === 'direct' ? (
        <span className="badge ud-badge-warn">{t('online.route.direct')}</span>
      ) : (
        <span className="badge badge-on">
          {t('online.route.proxy')} <Ltr text={status.route ?? ''} defang={false} />
        </span>
      )}
      {status.disabledReason === null && status.settings.allowPrivate ? <span className="badge ud-badge-danger">{t('online.lab')}</span> : null}
      {state.runAll ? (
        <button type="button" className="btn btn-small" disabled={status.disabledReason !== null || state.busy.size > 0} onClick={() => void state.runAll?.()}>
          {state.busy.has('*') ? t('online.running') : t('online.runAll')}
        </button>
      ) : null}
      {status.disabledReason === null ? (
        <label className="od-screenshot-choice" title={t('online.withScreenshotHint', { js: t(status.settings.screenshotJavaScript ? 'online.js.on' : 'online.js.off') })}>
          <input type="checkbox" checked={state.screenshot} disabled={state.busy.size > 0} onChange={(event) => state.setScreenshot(event.target.checked)} />
          {t('online.withScreenshot')}
        </label>
      ) : null}
      <ErrorNotice error={state.error} />
      {state.refused.map((r) => (
        <p key={r.url} className="od-refused">
          {t('online.refused')} <Ltr text={r.url} /> — <UserText text={r.message} />
        </p>
      ))}
    </div>
  );
}

function Ltr({ text, defang = true }: { readonly text: string; readonly defang?: boolean }): ReactNode {
  return (
    <bdi dir="ltr" className="ud-ltr">
      <UserText text={text} mono transform={defang ? defangUrl : undefined} />
    </bdi>
  );
}

/** The button and the last result for one URL. */
export function OnlineUrl({ url, state }: { readonly url: string; readonly state: OnlineState }): ReactNode {
  const { t, locale } = useI18n();
  const entry = state.history.get(url);
  const disabled = state.status === null || state.status.disabledReason !== null;
  const reason = state.status?.disabledReason ? t(`online.disabled.${state.status.disabledReason}`) : undefined;
  const when = (iso: string) => new Intl.DateTimeFormat(locale === 'ar' ? 'ar-MA' : 'fr-MA', { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC';
  return (
    <div className="od-url">
      <div className="od-actions">
        <button type="button" className="btn btn-small" disabled={disabled || state.busy.has(url) || state.busy.has('*')} title={reason} onClick={() => void state.run(url)}>
          {state.busy.has(url) ? t('online.running') : t('online.run')}
        </button>
        {entry ? (
          <span className={`badge od-state-${entry.state}`}>
            {t(`online.state.${entry.state}`)} · {t('online.since', { when: when(entry.since) })}
          </span>
        ) : null}
      </div>
      {entry ? <OnlineResult d={entry.last} /> : null}
    </div>
  );
}

function OnlineResult({ d }: { readonly d: OnlineDiagnostic }): ReactNode {
  const { t } = useI18n();
  return (
    <details className="od-result">
      <summary>
        {d.status !== null ? `HTTP ${String(d.status)}` : t('online.noAnswer')}
        {d.failure ? ` · ${t('online.failure')} ${d.failure.code}` : ''} · {d.finished_at.replace('T', ' ').slice(0, 19)} UTC
      </summary>
      <dl className="ud-facts">
        <Fact label={t('online.finalUrl')}>{d.final_url ? <Ltr text={d.final_url} /> : '—'}</Fact>
        <Fact label={t('online.routeUsed')}>
          <Ltr text={d.route} defang={false} />
        </Fact>
        {d.failure ? (
          <Fact label={t('online.failure')} wide>
            <UserText text={`${d.failure.code}: ${d.failure.message}`} />
          </Fact>
        ) : null}
        {d.redirects.length > 0 ? (
          <Fact label={t('online.redirects')} wide>
            <ol className="od-hops">
              {d.redirects.map((hop, index) => (
                <li key={index}>
                  <span className="mono">{hop.status ?? '—'}</span> <Ltr text={hop.url} /> → <Ltr text={hop.location ?? ''} />
                </li>
              ))}
            </ol>
          </Fact>
        ) : null}
        {d.tls ? (
          <Fact label={t('online.tls')} wide>
            <span className={`badge ${d.tls.valid ? 'badge-on' : 'ud-badge-danger'}`}>{d.tls.valid ? t('online.tlsValid') : t('online.tlsInvalid')}</span>
            <pre className="od-pre" dir="ltr">
              <UserText
                text={[`subject: ${d.tls.subject}`, `issuer: ${d.tls.issuer}`, `SAN: ${d.tls.san ?? '—'}`, `${d.tls.not_before} → ${d.tls.not_after}`, `SHA-256: ${d.tls.fingerprint_sha256}`, ...d.tls.errors].join('\n')}
                block
                mono
              />
            </pre>
          </Fact>
        ) : null}
        {d.dns.length > 0 ? (
          <Fact label={t('online.dns')} wide>
            <pre className="od-pre" dir="ltr">
              <UserText
                text={d.dns
                  .flatMap((lookup) => [`${lookup.name} @ ${lookup.resolver}`, ...lookup.answers.flatMap((a) => (a.records.length === 0 ? [`  ${a.type} ${a.rcode}`] : a.records.map((r) => `  ${r.type} ${r.data} (TTL ${String(r.ttl)})`)))])
                  .join('\n')}
                block
                mono
              />
            </pre>
          </Fact>
        ) : null}
        {d.headers.length > 0 ? (
          <Fact label={t('online.headers')} wide>
            <pre className="od-pre" dir="ltr">
              <UserText text={d.headers.map((h) => `${h.name}: ${h.value}`).join('\n')} block mono />
            </pre>
          </Fact>
        ) : null}
        {d.body ? (
          <Fact label={t('online.body')} wide>
            <p className="muted">
              {t('online.bodyFacts', { size: d.body.size, type: d.body.media_type })}
              {d.body.truncated ? ` · ${t('online.truncated')}` : ''}
            </p>
            <p className="mono od-hash">SHA-256 {d.body.sha256}</p>
            <pre className="od-pre od-preview" dir="ltr">
              <UserText text={d.body.preview.text} block mono />
            </pre>
          </Fact>
        ) : null}
        {d.warc ? (
          <Fact label="WARC">
            <span className="mono">{d.warc.evidence_id}</span>
          </Fact>
        ) : null}
        {d.screenshot || d.screenshot_refused ? (
          <Fact label={t('online.screenshot')} wide>
            <Screenshot d={d} />
          </Fact>
        ) : null}
      </dl>
    </details>
  );
}

/** The page screenshot: blurred greyscale pixels from the decoder process, its facts and every request the page made; or why there is none. */
function Screenshot({ d }: { readonly d: OnlineDiagnostic }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [revealed, setRevealed] = useState(false);
  const shot = d.screenshot;
  if (!shot) {
    const refusal = d.screenshot_refused;
    if (!refusal) return null;
    return (
      <p className="od-screenshot-none">
        {t(`online.screenshot.none.${refusal.code}`)} <UserText text={refusal.message} />
      </p>
    );
  }
  return (
    <div className="od-screenshot">
      <p className="muted">
        <span className="mono">{shot.evidence_id}</span> · {t('online.screenshot.facts', { width: String(shot.width), height: String(shot.height), js: t(shot.javascript ? 'online.js.on' : 'online.js.off') })}
      </p>
      <p className="mono od-hash">SHA-256 {shot.sha256}</p>
      <ImageViewer
        load={() => api('diagnostics.screenshotPreview', { evidenceId: shot.evidence_id })}
        names={{
          show: t('online.screenshot.show'),
          hide: t('online.screenshot.hide'),
          reveal: t('online.screenshot.reveal'),
          altBlurred: t('online.screenshot.altBlurred'),
          altRevealed: t('online.screenshot.altRevealed'),
        }}
        revealed={revealed}
        onReveal={(on) => {
          if (!on) return setRevealed(false);
          // Un-blurring is recorded first (audit.imageUnblurred); unrecorded, it stays blurred.
          void api('audit.imageUnblurred', { evidenceId: shot.evidence_id }).then((recorded) => {
            if (recorded.ok) setRevealed(true);
          });
        }}
      />
      <details className="od-screenshot-requests">
        <summary>{t('online.screenshot.requests', { count: shot.requests.length })}</summary>
        <ul dir="ltr">
          {shot.requests.map((r, index) => (
            <li key={index} className={r.allowed ? 'od-req-allowed' : 'od-req-refused'}>
              <span className={`badge ${r.allowed ? 'badge-on' : 'ud-badge-danger'}`}>{t(r.allowed ? 'online.screenshot.allowed' : 'online.screenshot.refused')}</span>{' '}
              <UserText text={`${r.method} ${r.target}${r.ip ? ` → ${r.ip}` : ''}${r.reason ? ` — ${r.reason}` : ''}`} mono transform={defangUrl} />
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function Fact({ label, wide = false, children }: { readonly label: string; readonly wide?: boolean; readonly children: ReactNode }): ReactNode {
  return (
    <div className={wide ? 'ud-fact ud-fact-wide' : 'ud-fact'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
