/**
 * The audit chain's state above the journal: verified up to which entry,
 * anchored at the intake service when, or the first problem found (audit.verify,
 * translated by code); "check with the service" fetches its list of anchors.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { AppErrorShape, ChannelOutput } from '../../../../shared/contract.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { formatDateTime, formatNumber, parseInstant } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { AnchorSetting } from './AnchorSetting.tsx';

type Verification = ChannelOutput<'audit.verify'>;

export function ChainState({ generation, supervisor }: { readonly generation: number; readonly supervisor: boolean }): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const [state, setState] = useState<{ result: Verification; online: boolean } | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void api('audit.verify', { online: false }).then((result) => {
      if (cancelled) return;
      if (result.ok) setState({ result: result.value, online: false });
      else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api, generation]);

  async function checkOnline(): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await api('audit.verify', { online: true });
    setBusy(false);
    if (result.ok) setState({ result: result.value, online: true });
    else setError(result.error);
  }

  const n = (value: number): string => formatNumber(value, locale);
  const when = (iso: string): string => {
    const date = parseInstant(iso);
    return date ? formatDateTime(date, locale) : iso;
  };
  const result = state?.result;
  const first = result?.problems[0];
  return (
    <section className={`audit-chain${result ? (result.ok ? ' audit-chain-ok' : ' audit-chain-broken') : ''}`} aria-labelledby="audit-chain-title">
      <h2 id="audit-chain-title" className="audit-chain-title">
        {t('audit.chain.title')}
      </h2>
      {result ? (
        <div className="audit-chain-body" role="status">
          <p className="audit-chain-line">
            {result.ok
              ? t('audit.chain.verified', { n: n(result.verified_up_to), total: n(result.entries) })
              : t('audit.chain.brokenAt', { n: n(result.verified_up_to) })}
            {' '}
            {result.anchored
              ? t('audit.chain.anchored', { n: n(result.anchored.head_index), at: when(result.anchored.accepted_at) })
              : t('audit.chain.notAnchored')}
          </p>
          {first ? (
            <p className="audit-chain-problem">
              {first.index === null ? t(`audit.problem.${first.code}`) : t('audit.problem.at', { problem: t(`audit.problem.${first.code}`), n: n(first.index) })}
              {result.problems.length > 1 ? ` ${t('audit.problem.more', { count: n(result.problems.length - 1) })}` : ''}
            </p>
          ) : null}
          <p className="audit-chain-queue muted small">
            {t('audit.chain.queue', { pending: n(result.queue.pending), sent: n(result.queue.sent), rejected: n(result.queue.rejected) })}
            {state.online ? ` ${t('audit.chain.checkedOnline', { count: n(result.receipts.service ?? 0) })}` : ''}
          </p>
        </div>
      ) : null}
      <div className="audit-chain-actions">
        <button type="button" className="btn btn-small" aria-disabled={busy || undefined} onClick={() => void (busy ? undefined : checkOnline())}>
          {t('audit.chain.checkOnline')}
        </button>
        {busy ? (
          <span className="busy small" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('common.loading')}
          </span>
        ) : null}
      </div>
      <ErrorNotice error={error} />
      <AnchorSetting supervisor={supervisor} />
    </section>
  );
}
