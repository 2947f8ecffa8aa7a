/**
 * What the case's reports point at (and what analysts added by hand): type,
 * value shown defanged as inert text (URLs, domains and e-mails can be neither
 * clicked nor auto-linked), where else it was seen, verdict and tags.
 *
 * A big case holds thousands of observables: they come in pages of 200, the
 * most widespread or the rarest first, of every type or of one, and "show
 * more" appends the next page.
 */
import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { OBSERVABLE_TYPES, type ObservableOrder, type ObservablePage, type ObservableRow, type ObservableType, type Verdict } from '../../../../shared/cases.ts';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { QueueFilters } from '../../../../shared/triage.ts';
import { defangUrl } from '../../../../shared/defang.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { UserText } from '../../components/safe/UserText.tsx';
import { formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import { OBSERVABLE_TYPE_KEY, VERDICT_KEY } from './caseLabels.ts';
import '../../styles/queue.css';
import './case-links.css';
import type { CaseContext } from './CaseView.tsx';

const DEFANGED: ReadonlySet<ObservableType> = new Set(['url', 'domain', 'email', 'invite_link']);
const VERDICTS: readonly Verdict[] = ['malicious', 'unknown', 'benign'];
const ORDERS: readonly ObservableOrder[] = ['widespread', 'rare'];
/** Observables per page (the contract allows up to 500). */
export const OBSERVABLE_PAGE = 200;

/** The value as shown: defanged where it could be followed. */
export function ObservableValue({ row }: { readonly row: Pick<ObservableRow, 'type' | 'value'> }): ReactNode {
  return <UserText text={row.value} mono transform={DEFANGED.has(row.type) ? defangUrl : undefined} />;
}

interface ObservablesTabProps {
  readonly context: CaseContext;
  /** Shows the queue's reports holding an observable; without it, no such button. */
  readonly onOpenQueue?: ((filters: QueueFilters) => void) | undefined;
}

/** The pages loaded so far for one case, order and type (`key`). */
interface Listing extends ObservablePage {
  readonly key: string;
}

/** The next page after those shown; a row already shown (the list moved meanwhile) is not repeated. */
function append(shown: readonly ObservableRow[], next: readonly ObservableRow[]): ObservableRow[] {
  const ids = new Set(shown.map((row) => row.id));
  return [...shown, ...next.filter((row) => !ids.has(row.id))];
}

export function ObservablesTab({ context, onOpenQueue }: ObservablesTabProps): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  const { view, reload: reloadCase } = context;
  const [order, setOrder] = useState<ObservableOrder>('widespread');
  const [type, setType] = useState<ObservableType | null>(null);
  const [generation, setGeneration] = useState(0);
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const key = `${view.ref}/${order}/${type ?? ''}/${generation}`;
  const query = useCallback(
    (offset: number) => api('observables.page', { caseRef: view.ref, order, ...(type === null ? {} : { type }), offset, limit: OBSERVABLE_PAGE }),
    [api, view.ref, order, type],
  );

  useEffect(() => {
    let cancelled = false;
    void query(0).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setListing({ ...result.value, key });
        setError(null);
      } else {
        setError(result.error);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [query, key]);

  async function showMore(): Promise<void> {
    if (!listing || listing.key !== key) return;
    setLoadingMore(true);
    const result = await query(listing.rows.length);
    setLoadingMore(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setListing((before) => (before && before.key === key ? { ...result.value, key, rows: append(before.rows, result.value.rows) } : before));
  }

  const replace = useCallback(
    (row: ObservableRow) => setListing((before) => before && { ...before, rows: before.rows.map((other) => (other.id === row.id ? { ...row, manual: other.manual } : other)) }),
    [],
  );

  const loading = listing?.key !== key;
  const rows = listing?.rows ?? [];
  const total = listing?.total ?? 0;
  const all = listing ? Object.values(listing.byType).reduce((sum, n) => sum + (n ?? 0), 0) : 0;
  const types = OBSERVABLE_TYPES.filter((option) => (listing?.byType[option] ?? 0) > 0 || option === type);

  return (
    <div className="cs-observables">
      <AddObservable
        caseRef={view.ref}
        onAdded={() => {
          setGeneration((n) => n + 1);
          reloadCase();
        }}
      />
      <ErrorNotice error={error} />
      {!listing && loading && !error ? <Loading /> : null}
      {listing && all === 0 ? <p className="cs-empty muted">{t('cases.obs.none')}</p> : null}
      {listing && all > 0 ? (
        <div className="cs-obs-tools" aria-busy={loading || undefined}>
          <div className="q-segmented" role="group" aria-label={t('cases.obs.order')}>
            {ORDERS.map((option) => (
              <button key={option} type="button" aria-pressed={order === option} onClick={() => setOrder(option)}>
                {t(`cases.obs.order.${option}`)}
              </button>
            ))}
          </div>
          <div className="cs-obs-types" role="group" aria-label={t('cases.obs.types')}>
            <button type="button" className="cs-obs-type-chip" aria-pressed={type === null} onClick={() => setType(null)}>
              {t('cases.obs.allTypes')} <span className="cs-obs-type-count">{formatNumber(all, locale)}</span>
            </button>
            {types.map((option) => (
              <button key={option} type="button" className="cs-obs-type-chip" aria-pressed={type === option} onClick={() => setType(option)}>
                {t(OBSERVABLE_TYPE_KEY[option])} <span className="cs-obs-type-count">{formatNumber(listing.byType[option] ?? 0, locale)}</span>
              </button>
            ))}
          </div>
          <p className="cs-obs-shown muted" aria-live="polite">
            {t('cases.obs.shown', { shown: rows.length, count: total })}
          </p>
        </div>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table cs-obs-table" aria-busy={loading || undefined}>
            <caption className="visually-hidden">{t('cases.tab.observables')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.obs.type')}</th>
                <th scope="col">{t('cases.obs.value')}</th>
                <th scope="col">{t('cases.obs.seen')}</th>
                <th scope="col">{t('cases.obs.verdict')}</th>
                <th scope="col">{t('cases.obs.tags')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <ObservableLine key={row.id} row={row} onChanged={replace} onOpenQueue={onOpenQueue} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {listing && !loading && total > rows.length ? (
        <button type="button" className="btn btn-small cs-more" disabled={loadingMore} aria-busy={loadingMore || undefined} onClick={() => void showMore()}>
          {t('cases.obs.more', { count: Math.min(OBSERVABLE_PAGE, total - rows.length) })}
        </button>
      ) : null}
    </div>
  );
}

interface ObservableLineProps {
  readonly row: ObservableRow;
  readonly onChanged: (row: ObservableRow) => void;
  readonly onOpenQueue?: ((filters: QueueFilters) => void) | undefined;
}

function ObservableLine({ row, onChanged, onOpenQueue }: ObservableLineProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  async function update(change: { verdict?: Verdict; tags?: string[] }): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await api('observables.tag', { observableId: row.id, ...change });
    setBusy(false);
    if (result.ok) onChanged(result.value);
    else setError(result.error);
  }

  function addTag(): void {
    const text = tag.trim().slice(0, 40);
    if (!text || row.tags.includes(text) || row.tags.length >= 20) return;
    setTag('');
    void update({ tags: [...row.tags, text] });
  }

  return (
    <tr className={row.verdict === 'malicious' ? 'cs-obs-malicious' : undefined}>
      <td className="cs-nowrap">
        {t(OBSERVABLE_TYPE_KEY[row.type])}
        {row.manual ? <span className="cs-tag">{t('cases.obs.manual')}</span> : null}
      </td>
      <th scope="row" className="cs-obs-value">
        <ObservableValue row={row} />
      </th>
      <td className="cs-small">
        <Msg
          id="cases.obs.seenIn"
          params={{
            reports: t('cases.obs.seenReports', { count: row.seenInReports }),
            cases: t('cases.obs.seenCases', { count: row.seenInCases }),
          }}
        />
        {onOpenQueue && row.seenInReports > 0 ? (
          <button
            type="button"
            className="btn btn-small cs-obs-to-queue"
            aria-label={t('cases.obs.toQueueNamed', { count: row.seenInReports, type: t(OBSERVABLE_TYPE_KEY[row.type]), value: DEFANGED.has(row.type) ? defangUrl(row.value) : row.value })}
            onClick={() => onOpenQueue({ observableId: row.id })}
          >
            {t('cases.obs.toQueue', { count: row.seenInReports })}
          </button>
        ) : null}
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`${id}-verdict`}>
          {t('cases.obs.verdict')}
        </label>
        <select
          id={`${id}-verdict`}
          className={`input input-small cs-verdict cs-verdict-${row.verdict}`}
          value={row.verdict}
          disabled={busy}
          onChange={(event) => void update({ verdict: event.target.value as Verdict })}
        >
          {VERDICTS.map((verdict) => (
            <option key={verdict} value={verdict}>
              {t(VERDICT_KEY[verdict])}
            </option>
          ))}
        </select>
      </td>
      <td>
        <div className="cs-tags">
          {row.tags.map((name) => (
            <span key={name} className="cs-chip">
              <bdi dir="auto">{name}</bdi>
              <button
                type="button"
                className="cs-chip-remove"
                disabled={busy}
                aria-label={t('cases.obs.removeTag', { tag: name })}
                title={t('cases.obs.removeTag', { tag: name })}
                onClick={() => void update({ tags: row.tags.filter((other) => other !== name) })}
              >
                <span aria-hidden="true">×</span>
              </button>
            </span>
          ))}
          <form
            className="cs-tag-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              addTag();
            }}
          >
            <label className="visually-hidden" htmlFor={`${id}-tag`}>
              {t('cases.obs.addTag')}
            </label>
            <input
              id={`${id}-tag`}
              className="input input-small cs-tag-input"
              dir="auto"
              maxLength={40}
              placeholder={t('cases.obs.addTag')}
              value={tag}
              onChange={(event) => setTag(event.target.value)}
            />
          </form>
        </div>
        <ErrorNotice error={error} />
      </td>
    </tr>
  );
}

function AddObservable({ caseRef, onAdded }: { readonly caseRef: string; readonly onAdded: () => void }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const [type, setType] = useState<ObservableType>('url');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [added, setAdded] = useState<ObservableRow | null>(null);

  async function submit(): Promise<void> {
    setAdded(null);
    setError(null);
    if (!value.trim()) {
      setError({ code: 'INVALID_INPUT', message: '' });
      return;
    }
    setBusy(true);
    const result = await api('observables.add', { caseRef, type, value: value.trim().slice(0, 2048) });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setAdded(result.value);
    setValue('');
    onAdded();
  }

  return (
    <form
      className="cs-obs-add"
      noValidate
      aria-busy={busy || undefined}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p className="field-label">{t('cases.obs.addTitle')}</p>
      <div className="cs-inline">
        <label className="visually-hidden" htmlFor={`${id}-type`}>
          {t('cases.obs.type')}
        </label>
        <select id={`${id}-type`} className="input cs-obs-type" value={type} onChange={(event) => setType(event.target.value as ObservableType)}>
          {OBSERVABLE_TYPES.map((option) => (
            <option key={option} value={option}>
              {t(OBSERVABLE_TYPE_KEY[option])}
            </option>
          ))}
        </select>
        <label className="visually-hidden" htmlFor={`${id}-value`}>
          {t('cases.obs.value')}
        </label>
        <input
          id={`${id}-value`}
          className="input mono cs-obs-input"
          dir="ltr"
          maxLength={2048}
          placeholder={t('cases.obs.valuePlaceholder')}
          value={value}
          aria-invalid={error?.code === 'INVALID_INPUT' || undefined}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="btn btn-small" disabled={busy}>
          {t('cases.obs.add')}
        </button>
      </div>
      {error?.code === 'INVALID_INPUT' ? (
        <p className="field-error" role="alert">
          {t('cases.obs.invalid', { type: t(OBSERVABLE_TYPE_KEY[type]) })}
        </p>
      ) : (
        <ErrorNotice error={error} />
      )}
      {added ? (
        <MessageNotice tone="ok">
          <Msg id="cases.obs.added" params={{ value: <ObservableValue row={added} /> }} />
        </MessageNotice>
      ) : null}
    </form>
  );
}
