/**
 * One report, in the queue's side panel: everything about it except the
 * reporter's identity (revealed on request, with a reason the core records),
 * its status with claim and set-status, and its attachments (images blurred,
 * never for categories where viewing is not allowed); the cases holding it
 * and the observables its content points at.
 *
 * Report text is untrusted and may be hostile: it is rendered as text only,
 * isolated (UserText), URLs defanged and never links (DefangedUrl), and the
 * panel loads nothing but bridge calls: no request ever goes to a reported URL.
 * Escape closes the panel (a dialog or menu inside it closes first).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useQueueChanged } from '../../hooks/useQueueChanged.ts';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { ReportStatus } from '../../../../shared/schemas.ts';
import type { ReportView } from '../../../../shared/triage.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { UndoToast } from '../../components/UndoToast.tsx';
import { countInvisibleIn } from '../../../../shared/text/invisible.ts';
import { ShowInvisibleContext } from '../../components/safe/ShowInvisibleContext.ts';
import { useI18n } from '../../i18n/index.ts';
import { reportStatusLabel } from '../../i18n/labels.ts';
import { useApi } from '../../session/SessionContext.ts';
import { AttachmentsSection } from './AttachmentsSection.tsx';
import { EvidenceSection } from './EvidenceSection.tsx';
import { CasesSection, ObservablesSection } from './CaseLinksSections.tsx';
import { ClusterSection, ContentSection, ExtraFieldsSection, LocationSection } from './ContentSections.tsx';
import { RevisionsSection, StatusHistorySection } from './HistorySections.tsx';
import { ReportHeader } from './ReportHeader.tsx';
import { ReporterSection } from './ReporterSection.tsx';
import { UrlDiagnosticsSection } from './UrlDiagnosticsSection.tsx';
import { StatusControls, type StatusOptions } from './StatusControls.tsx';
import '../../styles/report.css';

export interface ReportPanelProps {
  readonly reportId: string;
  readonly onClose: () => void;
  /** A status was set here: the queue reads its rows again. */
  readonly onChanged: () => void;
  /** Shows the reports of a cluster (the queue filtered on it). */
  readonly onOpenCluster?: (clusterId: number) => void;
  /** Shows the reports holding an observable (the queue filtered on it); without it, no such button. */
  readonly onFilterObservable?: (observableId: number) => void;
  /** Opens one of the cases holding the report; without it, their references are plain text. */
  readonly onOpenCase?: ((ref: string) => void) | undefined;
  /** Opens another report (a near-duplicate image's); without it, report ids are plain text. */
  readonly onOpenReport?: ((reportId: string) => void) | undefined;
}

/** Another report: all state (revealed identity, shown images) is dropped with the old one. */
export function ReportPanel(props: ReportPanelProps): ReactNode {
  return <ReportPanelView key={props.reportId} {...props} />;
}

/** Re-reads caused by sync are spaced by at least this much. */
const RELOAD_THROTTLE_MS = 2000;

/** After a status: the confirmation with its undo, what the undo did, or the error (in its context). */
type StatusOutcome =
  | { readonly kind: 'set'; readonly status: ReportStatus; readonly undoId: string }
  | { readonly kind: 'undone'; readonly text: string }
  | { readonly kind: 'error'; readonly error: AppErrorShape; readonly context: 'setStatus' | 'undoStatus' };

function ReportPanelView({ reportId, onClose, onChanged, onOpenCluster, onFilterObservable, onOpenCase, onOpenReport }: ReportPanelProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [view, setView] = useState<ReportView | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const [showInvisible, setShowInvisible] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<StatusOutcome | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const focused = useRef(false);

  useEffect(() => {
    let cancelled = false;
    void api('reports.get', { reportId }).then((result) => {
      if (cancelled) return;
      setLoading(false);
      if (result.ok) {
        setView(result.value);
        setError(null);
      } else {
        setError(result.error);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [api, reportId, generation]);

  // The data under the report changed (sync, a status set elsewhere): read it again, at most every 2 s.
  useQueueChanged(() => setGeneration((n) => n + 1), RELOAD_THROTTLE_MS);

  // When the report first shows, the keyboard moves to its title (Escape then closes the panel).
  useEffect(() => {
    if (focused.current) return;
    if (view) {
      focused.current = true;
      titleRef.current?.focus();
    } else if (error) {
      rootRef.current?.focus();
    }
  }, [view, error]);

  const setStatus = useCallback(
    async (status: ReportStatus, options: StatusOptions): Promise<void> => {
      if (busy || !view) return;
      setBusy(true);
      setOutcome(null);
      const before = view;
      // Shown at once; the core's answer (and the report read again) replaces it.
      setView({ ...view, status, statusWorkstation: null, claimedByOther: false });
      const result = await api('reports.setStatus', { reportId, status, ...options });
      setBusy(false);
      if (result.ok) {
        setView((current) => (current ? { ...current, status: result.value.status, statusWorkstation: result.value.statusWorkstation } : current));
        setOutcome({ kind: 'set', status, undoId: result.value.undoId });
        setGeneration((n) => n + 1);
        onChanged();
      } else {
        setView(before);
        setOutcome({ kind: 'error', error: result.error, context: 'setStatus' });
        // Claimed elsewhere meanwhile (CONFLICT): read the report again, it says so now.
        setGeneration((n) => n + 1);
      }
    },
    [api, busy, onChanged, reportId, view],
  );

  const undoStatus = useCallback(
    async (undoId: string): Promise<void> => {
      const result = await api('reports.undoStatus', { undoId });
      if (result.ok) {
        const { restored, resent, skipped } = result.value;
        const parts = [
          ...(restored > 0 ? [t('statusUndo.restored', { count: restored })] : []),
          ...(resent > 0 ? [t('statusUndo.resent', { count: resent })] : []),
          ...(skipped > 0 ? [t('statusUndo.skipped', { count: skipped })] : []),
        ];
        setOutcome({ kind: 'undone', text: parts.join(' ') });
        onChanged();
      } else setOutcome({ kind: 'error', error: result.error, context: 'undoStatus' });
      setGeneration((n) => n + 1);
    },
    [api, onChanged, t],
  );
  const dismissOutcome = useCallback(() => setOutcome(null), []);

  // Added to a case here: the report (its status may be in analysis now) and the queue are read again.
  const onCasesChanged = useCallback(() => {
    setGeneration((n) => n + 1);
    onChanged();
  }, [onChanged]);

  const invisible = useMemo(() => (view ? countInvisibleIn(untrustedTexts(view)) : { total: 0, bidi: 0 }), [view]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    // A dialog inside the panel handles its own Escape.
    if (event.target instanceof Element && event.target.closest('dialog')) return;
    event.preventDefault();
    onClose();
  }

  return (
    // Not a landmark of its own: the queue puts it in its labelled side region.
    <div className="report-panel" ref={rootRef} tabIndex={-1} aria-busy={loading || undefined} onKeyDown={onKeyDown}>
      {view === null ? (
        <div className="rp-head">
          <div className="rp-title-row">
            <h2 className="rp-title">
              <bdi className="mono" dir="ltr">
                {reportId}
              </bdi>
            </h2>
            <button type="button" className="btn btn-small rp-close" onClick={onClose}>
              <span aria-hidden="true" className="rp-close-x">
                ×
              </span>
              {t('reportView.close')}
            </button>
          </div>
          {loading ? <Loading /> : null}
          <ErrorNotice error={error} />
          {error && error.code !== 'NOT_FOUND' ? (
            <div>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setLoading(true);
                  setGeneration((n) => n + 1);
                }}
              >
                {t('common.retry')}
              </button>
            </div>
          ) : null}
        </div>
      ) : (
        <ShowInvisibleContext value={showInvisible}>
          <div className="rp-top">
            <ReportHeader view={view} onClose={onClose} titleRef={titleRef} />
            <StatusControls view={view} busy={busy} onSet={(status, options) => void setStatus(status, options)} />
            {outcome?.kind === 'error' ? <ErrorNotice error={outcome.error} context={outcome.context} /> : null}
            {outcome?.kind === 'undone' ? <MessageNotice tone="ok">{outcome.text}</MessageNotice> : null}
            {outcome?.kind === 'set' ? (
              <UndoToast
                key={outcome.undoId}
                message={t('reportView.statusSet', { status: reportStatusLabel(t, outcome.status) ?? outcome.status })}
                onUndo={() => undoStatus(outcome.undoId)}
                onExpire={dismissOutcome}
              />
            ) : null}
            {error ? <ErrorNotice error={error} /> : null}
          </div>
          <div className="rp-body">
            <div className={`rp-invisible-bar${invisible.total > 0 ? ' rp-invisible-bar-found' : ''}`}>
              <p className="rp-invisible-summary">
                {invisible.total === 0
                  ? t('reportView.invisibleNone')
                  : invisible.bidi > 0
                    ? t('reportView.invisibleSomeBidi', { count: invisible.total, bidi: invisible.bidi })
                    : t('reportView.invisibleSome', { count: invisible.total })}
              </p>
              <button type="button" className="btn btn-small" aria-pressed={showInvisible} onClick={() => setShowInvisible((on) => !on)}>
                {t('reportView.showInvisible')}
              </button>
            </div>
            <ContentSection view={view} />
            <UrlDiagnosticsSection reportId={view.id} generation={generation} />
            <CasesSection view={view} generation={generation} onChanged={onCasesChanged} onOpenCase={onOpenCase} />
            <ObservablesSection reportId={reportId} generation={generation} onFilterObservable={onFilterObservable} />
            <ReporterSection view={view} />
            <LocationSection view={view} />
            <AttachmentsSection view={view} onOpenReport={onOpenReport} />
            <EvidenceSection reportId={view.id} generation={generation} />
            <RevisionsSection view={view} />
            <StatusHistorySection view={view} />
            <ExtraFieldsSection view={view} />
            <ClusterSection view={view} onOpenCluster={onOpenCluster} />
          </div>
        </ShowInvisibleContext>
      )}
    </div>
  );
}

/** Every untrusted text the panel shows, for the report-wide count of invisible characters. */
function* untrustedTexts(view: ReportView): Generator<string | null> {
  yield view.description;
  yield view.accountHandle;
  yield view.location.city;
  for (const url of view.urls) {
    yield url.raw;
    yield url.account;
    yield url.postId;
  }
  for (const field of view.extraFields) {
    yield field.path;
    yield field.value;
  }
  for (const attachment of view.attachments) yield attachment.filename;
  for (const revision of view.revisions) {
    for (const change of revision.changes) {
      yield change.before;
      yield change.after;
    }
  }
  for (const entry of view.statusHistory) yield entry.reference;
}
