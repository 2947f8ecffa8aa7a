/**
 * Offline diagnostics of the report's URLs (diagnostics.offline): what the
 * text of each URL says by itself, with no traffic. One block per URL: the
 * URL defanged, the host in Unicode and in ASCII (punycode), the scripts of
 * each label, warnings as badges in words (a homograph of a known site and
 * how, a shortener, user@host, an IP, a port…), the registrable domain and
 * what the canonicaliser read (platform, account, post).
 *
 * Everything from the report is inert text (UserText), isolated left to right
 * inside Arabic text; URLs and host names are defanged, never links.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { defangUrl } from '../../../../shared/defang.ts';
import type { OfflineDiagnoseResult, OfflineUrlDiagnosis, UrlFlag } from '../../../../shared/diagnostics.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { UserText } from '../../components/safe/UserText.tsx';
import { isMessageKey, useI18n, type Translate } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import { OnlineBanner, OnlineUrl, useOnlineDiagnostics } from './OnlineDiagnostics.tsx';
import { platformLabel } from './reportLabels.ts';
import { Section } from './Section.tsx';
import './url-diagnostics.css';

const LIST_LOCALE = { fr: 'fr-MA', ar: 'ar-MA' } as const;

/** How much a flag weighs: danger (red), warn (amber), info (grey). */
const FLAG_TONE: Record<UrlFlag, 'danger' | 'warn' | 'info'> = {
  confusable_platform: 'danger',
  mixed_script: 'danger',
  userinfo: 'danger',
  invisible_chars: 'danger',
  shortener: 'warn',
  ip_literal: 'warn',
  non_default_port: 'warn',
  punycode_label: 'warn',
  idn: 'info',
  very_long: 'info',
  many_subdomains: 'warn',
};

/** Badge order: the most telling first. */
const FLAG_ORDER: readonly UrlFlag[] = ['userinfo', 'mixed_script', 'invisible_chars', 'shortener', 'ip_literal', 'non_default_port', 'punycode_label', 'many_subdomains', 'idn', 'very_long'];

function scriptWord(t: Translate, script: string): string {
  const key = `urlDiag.script.${script}`;
  return isMessageKey(key) ? t(key) : script;
}

function scriptsAdjective(t: Translate, script: string): string {
  const key = `urlDiag.scripts.${script}`;
  return isMessageKey(key) ? t(key) : t('urlDiag.scripts.other', { script });
}

export function UrlDiagnosticsSection({ reportId, generation }: { readonly reportId: string; readonly generation: number }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [result, setResult] = useState<OfflineDiagnoseResult | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  useEffect(() => {
    let cancelled = false;
    void api('diagnostics.offline', { reportId }).then((answer) => {
      if (cancelled) return;
      if (answer.ok) {
        setResult(answer.value);
        setError(null);
      } else setError(answer.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api, reportId, generation]);
  const urls = result?.urls ?? null;
  const online = useOnlineDiagnostics({ reportId });
  return (
    <Section title={t('urlDiag.section')} className="rp-url-diag" aside={urls ? <span className="count-badge">{urls.length}</span> : null}>
      {urls === null && error === null ? <Loading /> : null}
      <ErrorNotice error={error} />
      {urls && urls.length === 0 ? <p className="muted">{t('urlDiag.none')}</p> : null}
      {urls && urls.length > 0 ? <OnlineBanner state={online} /> : null}
      {urls && urls.length > 0 ? (
        <ul className="ud-list">
          {urls.map((d, index) => (
            <li key={index} className="ud-item">
              <UrlDiagnosis d={d} />
              {d.parsed ? <OnlineUrl url={onlineUrl(d)} state={online} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {urls && urls.length > 0 ? <p className="rp-hint">{t('urlDiag.offlineHint')}</p> : null}
    </Section>
  );
}

/** The URL an online diagnostic requests: as read offline (scheme added, defanging undone). */
function onlineUrl(d: OfflineUrlDiagnosis): string {
  return d.url ?? d.input;
}

/** Left to right, isolated, inert, defanged: a host or a URL from the report. */
function Ltr({ text, defang = true }: { readonly text: string; readonly defang?: boolean }): ReactNode {
  return (
    <bdi dir="ltr" className="ud-ltr">
      <UserText text={text} mono transform={defang ? defangUrl : undefined} />
    </bdi>
  );
}

function UrlDiagnosis({ d }: { readonly d: OfflineUrlDiagnosis }): ReactNode {
  const { t } = useI18n();
  const warnings = [...d.flags].filter((f) => f !== 'confusable_platform').sort((a, b) => FLAG_ORDER.indexOf(a) - FLAG_ORDER.indexOf(b));
  return (
    <>
      <div className="ud-url">
        <Ltr text={d.input} />
      </div>
      {!d.parsed ? (
        <p className="ud-badges">
          <span className="badge badge-warn">{t('urlDiag.unreadable', { reason: t(`urlDiag.error.${d.error ?? 'unparseable'}`) })}</span>
        </p>
      ) : (
        <>
          <div className="ud-badges">
            {d.confusable ? <ImitationBadge d={d} /> : null}
            {warnings.map((flag) => (
              <span key={flag} className={`badge ud-badge-${FLAG_TONE[flag]}`}>
                {flag === 'shortener' ? (
                  <Msg id="urlDiag.flag.shortener" params={{ service: <Value text={d.shortenerService ?? ''} /> }} />
                ) : flag === 'non_default_port' ? (
                  <Msg id="urlDiag.flag.non_default_port" params={{ port: <Value text={d.port ?? ''} /> }} />
                ) : (
                  t(`urlDiag.flag.${flag}`)
                )}
              </span>
            ))}
            {d.flags.length === 0 ? <span className="badge badge-on">{t('urlDiag.noWarning')}</span> : null}
          </div>
          {d.confusable && d.confusable.substitutions.length > 0 ? (
            <ul className="ud-substitutions">
              {d.confusable.substitutions.map((s) => (
                <li key={s.codePoint}>
                  <Msg
                    id="urlDiag.substitution"
                    params={{ char: <Value text={s.char} />, codePoint: <Value text={s.codePoint} />, script: scriptWord(t, s.script), looksLike: <Value text={s.looksLike} /> }}
                  />
                </li>
              ))}
            </ul>
          ) : null}
          <dl className="ud-facts">
            {d.host ? (
              <>
                <div className={d.host.isIdn ? 'ud-fact ud-fact-wide' : 'ud-fact'}>
                  <dt>{t('urlDiag.hostUnicode')}</dt>
                  <dd>
                    <Ltr text={d.host.unicode} />
                  </dd>
                </div>
                <div className={d.host.isIdn ? 'ud-fact ud-fact-wide' : 'ud-fact'}>
                  <dt>{t('urlDiag.hostAscii')}</dt>
                  <dd>
                    <Ltr text={d.host.ascii} />
                  </dd>
                </div>
              </>
            ) : null}
            {d.registrableDomain ? (
              <div className="ud-fact">
                <dt>{t('urlDiag.registrable')}</dt>
                <dd>
                  <Ltr text={d.registrableDomain} />
                </dd>
              </div>
            ) : null}
            {d.publicSuffix ? (
              <div className="ud-fact">
                <dt>{t('urlDiag.suffix')}</dt>
                <dd>
                  <Ltr text={d.publicSuffix} />
                </dd>
              </div>
            ) : null}
            {d.scripts.length > 0 ? (
              <div className="ud-fact ud-fact-wide">
                <dt>{t('urlDiag.scripts')}</dt>
                <dd>
                  <ul className="ud-scripts">
                    {d.scripts.map((label, index) => (
                      <li key={index} className={label.mixed ? 'ud-script-mixed' : undefined}>
                        <Ltr text={label.label} defang={false} />
                        <span className="ud-script-names">{label.scripts.length === 0 ? t('urlDiag.noScript') : label.scripts.map((s) => scriptWord(t, s)).join(' + ')}</span>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ) : null}
            {d.platform ? (
              <div className="ud-fact">
                <dt>{t('safe.url.platform')}</dt>
                <dd>{platformLabel(t, d.platform) ?? <bdi>{d.platform}</bdi>}</dd>
              </div>
            ) : null}
            {d.account ? (
              <div className="ud-fact">
                <dt>{t('safe.url.account')}</dt>
                <dd>
                  <Ltr text={d.account} defang={false} />
                </dd>
              </div>
            ) : null}
            {d.postId ? (
              <div className="ud-fact">
                <dt>{t('safe.url.postId')}</dt>
                <dd>
                  <Ltr text={d.postId} defang={false} />
                </dd>
              </div>
            ) : null}
          </dl>
        </>
      )}
    </>
  );
}

/** "Imite facebook.com : caractères cyrilliques". */
function ImitationBadge({ d }: { readonly d: OfflineUrlDiagnosis }): ReactNode {
  const { t, locale } = useI18n();
  const match = d.confusable;
  if (!match) return null;
  const scripts = [...new Set(match.substitutions.map((s) => s.script).filter((s) => s !== 'Common' && s !== 'Inherited' && s !== 'Latin'))];
  const digits = match.substitutions.some((s) => /^\p{Nd}$/u.test(s.char));
  const list = new Intl.ListFormat(LIST_LOCALE[locale], { type: 'conjunction' }).format(scripts.map((s) => scriptsAdjective(t, s)));
  const how =
    match.kind === 'embedded' || match.kind === 'same_name' || match.kind === 'userinfo'
      ? scripts.length > 0 || digits
        ? `${t(`urlDiag.how.${match.kind}`)} (${scripts.length > 0 && digits ? t('urlDiag.how.scriptsAndDigits', { scripts: list }) : scripts.length > 0 ? t('urlDiag.how.scripts', { scripts: list }) : t('urlDiag.how.digits')})`
        : t(`urlDiag.how.${match.kind}`)
      : scripts.length > 0 && digits
        ? t('urlDiag.how.scriptsAndDigits', { scripts: list })
        : scripts.length > 0
          ? t('urlDiag.how.scripts', { scripts: list })
          : digits
            ? t('urlDiag.how.digits')
            : t('urlDiag.how.letters');
  return (
    <span className="badge ud-badge-danger ud-imitates">
      <Msg id="urlDiag.imitates" params={{ target: <Value text={match.imitates} />, how }} />
    </span>
  );
}

/** A value from data inside a sentence: left to right, isolated, inert. */
function Value({ text }: { readonly text: string }): ReactNode {
  return (
    <bdi dir="ltr" className="mono ud-value">
      <UserText text={text} noIndicator />
    </bdi>
  );
}
