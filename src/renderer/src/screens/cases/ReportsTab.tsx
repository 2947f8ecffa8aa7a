/**
 * The case's reports, most urgent first: id, category, platform, status,
 * submission date, deadline, in the look of the queue's rows. A report opens
 * in the report panel beside the list; removing one asks why (the reason
 * stays in the timeline). Reports are added by id (typed or pasted).
 *
 * The case carries the ids; each row is read with reports.get, a page at a
 * time, a few at once.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { ReportView } from '../../../../shared/triage.ts';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useI18n } from '../../i18n/index.ts';
import { categoryLabel, platformLabel, reportStatusLabel } from '../../i18n/labels.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import { ReportPanel } from '../report/ReportPanel.tsx';
import { reportIdsIn } from './caseLabels.ts';
import type { CaseContext } from './CaseView.tsx';
import { ReasonDialog } from './Dialog.tsx';

/** Rows shown before "show more". */
const PAGE = 50;
/** Reports read at once. */
const PARALLEL = 6;

type Loaded = { readonly ok: true; readonly view: ReportView } | { readonly ok: false; readonly error: AppErrorShape };

interface ReportsTabProps {
  readonly context: CaseContext;
  /** A report to open at once (named in a note). */
  readonly initialOpen?: string | null;
}

export function ReportsTab({ context, initialOpen = null }: ReportsTabProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const { view, apply } = context;
  const [shown, setShown] = useState(PAGE);
  const [loaded, setLoaded] = useState<ReadonlyMap<string, Loaded>>(new Map());
  const [openId, setOpenId] = useState<string | null>(initialOpen);
  const [removing, setRemoving] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const ids = view.reportIds.slice(0, shown);
  const idsKey = ids.join(',');
  // What is there already, for the reads to skip (a change of it alone starts no read).
  const loadedRef = useRef(loaded);
  useEffect(() => {
    loadedRef.current = loaded;
  });

  useEffect(() => {
    let cancelled = false;
    const wanted = idsKey ? idsKey.split(',') : [];
    const queue = wanted.filter((id) => !loadedRef.current.has(id));
    if (queue.length === 0) return;
    async function worker(): Promise<void> {
      for (let id = queue.shift(); id !== undefined && !cancelled; id = queue.shift()) {
        const result = await api('reports.get', { reportId: id });
        if (cancelled) return;
        const entry: Loaded = result.ok ? { ok: true, view: result.value } : { ok: false, error: result.error };
        const key = id;
        setLoaded((before) => new Map(before).set(key, entry));
      }
    }
    for (let i = 0; i < PARALLEL; i += 1) void worker();
    return () => {
      cancelled = true;
    };
  }, [api, idsKey, generation]);

  return (
    <div className={`cs-reports${openId ? ' cs-reports-split' : ''}`}>
      <div className="cs-reports-list">
        <AddReports context={context} />
        {view.reportIds.length === 0 ? (
          <p className="cs-empty muted">{t('cases.reports.none')}</p>
        ) : (
          <div className="table-wrap cs-report-table-wrap">
            <table className="table cs-report-table">
              <caption className="visually-hidden">{t('cases.tab.reports')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cases.reports.id')}</th>
                  <th scope="col">{t('cases.reports.category')}</th>
                  <th scope="col">{t('cases.reports.platform')}</th>
                  <th scope="col">{t('cases.reports.status')}</th>
                  <th scope="col">{t('cases.reports.submitted')}</th>
                  <th scope="col">{t('cases.reports.deadline')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('cases.reports.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {ids.map((id) => (
                  <ReportLine
                    key={id}
                    id={id}
                    entry={loaded.get(id)}
                    open={openId === id}
                    onOpen={() => setOpenId(id)}
                    onRemove={() => setRemoving(id)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {view.reportIds.length > shown ? (
          <button type="button" className="btn btn-small cs-more" onClick={() => setShown((n) => n + PAGE)}>
            {t('cases.reports.more', { count: Math.min(PAGE, view.reportIds.length - shown) })}
          </button>
        ) : null}
        {view.removedReports.length > 0 ? (
          <details className="cs-removed">
            <summary>{t('cases.reports.removed', { count: view.removedReports.length })}</summary>
            <ul>
              {view.removedReports.map((removed) => (
                <li key={`${removed.reportId}-${removed.at}`}>
                  <bdi dir="ltr" className="mono">
                    {removed.reportId}
                  </bdi>{' '}
                  <Msg
                    id="cases.reports.removedBy"
                    params={{
                      who: <bdi dir="auto">{removed.by ?? t('cases.someone')}</bdi>,
                      at: <Timestamp iso={removed.at} />,
                      reason: <bdi dir="auto">{removed.reason}</bdi>,
                    }}
                  />
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
      {openId ? (
        <section className="cs-report-panel" aria-label={t('cases.reports.panel', { id: openId })}>
          <ReportPanel
            key={openId}
            reportId={openId}
            onClose={() => setOpenId(null)}
            onChanged={() => {
              setLoaded((before) => {
                const next = new Map(before);
                next.delete(openId);
                return next;
              });
              setGeneration((n) => n + 1);
            }}
          />
        </section>
      ) : null}
      {removing ? (
        <ReasonDialog
          title={t('cases.reports.removeTitle', { id: removing })}
          intro={<p>{t('cases.reports.removeIntro')}</p>}
          submitLabel={t('cases.reports.remove')}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={async (reason) => {
            const result = await api('cases.removeReport', { ref: view.ref, reportId: removing, reason });
            if (result.ok) {
              apply(result.value);
              if (openId === removing) setOpenId(null);
            }
            return result;
          }}
          onDone={() => setRemoving(null)}
        />
      ) : null}
    </div>
  );
}

interface ReportLineProps {
  readonly id: string;
  readonly entry: Loaded | undefined;
  readonly open: boolean;
  readonly onOpen: () => void;
  readonly onRemove: () => void;
}

function ReportLine({ id, entry, open, onOpen, onRemove }: ReportLineProps): ReactNode {
  const { t } = useI18n();
  const report = entry?.ok ? entry.view : null;
  return (
    <tr className={`${open ? 'cs-line-open' : ''}${report?.imminentDanger ? ' cs-line-danger' : ''}`}>
      <th scope="row">
        <button type="button" className="cs-link" aria-label={t('cases.reports.open', { id })} aria-pressed={open} onClick={onOpen}>
          <bdi dir="ltr" className="mono">
            {id}
          </bdi>
        </button>
        {report?.demo ? <span className="demo-badge">{t('demo.badge')}</span> : null}
        {report?.imminentDanger ? <span className="cs-tag cs-tag-danger">{t('cases.imminentDanger')}</span> : null}
      </th>
      {entry === undefined ? (
        <td colSpan={5} className="muted">
          {t('common.loading')}
        </td>
      ) : !entry.ok ? (
        <td colSpan={5}>
          <ErrorNotice error={entry.error} />
        </td>
      ) : (
        <>
          <td>{categoryLabel(t, entry.view.category) ?? <bdi className="mono">{entry.view.category}</bdi>}</td>
          <td>{platformLabel(t, entry.view.platform) ?? <bdi className="mono">{entry.view.platform}</bdi>}</td>
          <td>
            <span className={`status-tag status-tag-${entry.view.status}`}>{reportStatusLabel(t, entry.view.status) ?? entry.view.status}</span>
          </td>
          <td className="cell-time">
            <Timestamp iso={entry.view.submittedAt} />
          </td>
          <td className={`cell-time${entry.view.overdue ? ' cs-overdue-text' : ''}`}>
            {entry.view.deadlineAt ? <Timestamp iso={entry.view.deadlineAt} /> : <span className="muted">{t('common.none')}</span>}
            {entry.view.overdue ? <span className="visually-hidden"> {t('cases.overdue')}</span> : null}
          </td>
        </>
      )}
      <td className="cell-actions">
        <button type="button" className="btn btn-small" onClick={onRemove} aria-label={t('cases.reports.removeNamed', { id })}>
          {t('cases.reports.remove')}
        </button>
      </td>
    </tr>
  );
}

function AddReports({ context }: { readonly context: CaseContext }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const { view, apply } = context;
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const [invalid, setInvalid] = useState(false);
  const ids = reportIdsIn(text);

  async function submit(): Promise<void> {
    setAdded(null);
    if (ids.length === 0) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    setError(null);
    const before = view.reportIds.length;
    const result = await api('cases.addReports', { ref: view.ref, reportIds: ids });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    apply(result.value);
    setAdded(result.value.reportIds.length - before);
    setText('');
  }

  return (
    <form
      className="cs-add-reports"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label className="field-label" htmlFor={id}>
        {t('cases.reports.add')}
      </label>
      <div className="cs-inline">
        <input
          id={id}
          className="input mono"
          dir="ltr"
          value={text}
          placeholder="IBL-2026-0000001"
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setText(event.target.value);
            setInvalid(false);
          }}
        />
        <button type="submit" className="btn btn-small" disabled={busy}>
          {t('cases.reports.addButton')}
        </button>
      </div>
      <span id={`${id}-hint`} className={invalid ? 'field-error' : 'field-hint'}>
        {invalid ? t('cases.reports.addInvalid') : t('cases.reports.addHint', { count: ids.length })}
      </span>
      {added !== null ? <MessageNotice tone="ok">{t('cases.reports.added', { count: added })}</MessageNotice> : null}
      <ErrorNotice error={error} />
    </form>
  );
}
