/**
 * Who reported: anonymous reports say so; for identified ones the identity
 * stays hidden until the analyst gives a reason, which the core records in
 * the audit trail with the analyst and the time. It can be hidden again, and
 * is forgotten when the panel closes.
 */
import { isSubstantialReason, REASON_MAX_LENGTH } from '../../../../shared/reason.ts';
import { ReasonField } from '../../components/ReasonField.tsx';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { ReporterIdentity, ReportView } from '../../../../shared/triage.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { UserText } from '../../components/safe/UserText.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useI18n } from '../../i18n/index.ts';
import { reporterModeLabel } from '../../i18n/labels.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import { Absent } from './ContentSections.tsx';
import { Fact, Section } from './Section.tsx';

/** The journal's one rule for a reason (shared/reason.ts), said before sending. */
const MAX_REASON = REASON_MAX_LENGTH;

interface Revealed {
  readonly identity: ReporterIdentity;
  readonly at: string;
  readonly analyst: string | null;
}

export function ReporterSection({ view }: { readonly view: ReportView }): ReactNode {
  const { t } = useI18n();
  const [dialogOpen, setDialogOpen] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const revealButton = useRef<HTMLButtonElement>(null);
  const identityRef = useRef<HTMLDivElement>(null);
  const mode = reporterModeLabel(t, view.reporter.mode);

  return (
    <Section title={t('reportView.reporter')}>
      <dl className="rp-facts">
        <Fact term={t('reportView.reporterMode')}>{mode ?? <UserText text={view.reporter.mode} />}</Fact>
      </dl>
      {!view.reporter.identified ? (
        <p className="rp-plain">{t('reportView.anonymous')}</p>
      ) : view.reporter.erasedAt ? (
        <p className="rp-plain">
          <Msg id="reportView.identityErased" params={{ at: <Timestamp iso={view.reporter.erasedAt} /> }} />
        </p>
      ) : revealed ? (
        <div className="rp-identity" ref={identityRef} tabIndex={-1} aria-label={t('reportView.identityShown')}>
          <dl className="rp-facts">
            <Fact term={t('reportView.id.fullName')}>{revealed.identity.fullName ? <UserText text={revealed.identity.fullName} /> : <Absent />}</Fact>
            <Fact term={t('reportView.id.nationalId')}>{revealed.identity.nationalId ? <UserText text={revealed.identity.nationalId} mono /> : <Absent />}</Fact>
            <Fact term={t('reportView.id.email')}>{revealed.identity.email ? <UserText text={revealed.identity.email} mono /> : <Absent />}</Fact>
            <Fact term={t('reportView.id.phone')}>{revealed.identity.phone ? <UserText text={revealed.identity.phone} mono /> : <Absent />}</Fact>
            <Fact term={t('reportView.id.consent')}>
              {revealed.identity.consentToContact === null ? <Absent /> : revealed.identity.consentToContact ? t('common.yes') : t('common.no')}
            </Fact>
          </dl>
          <p className="rp-recorded" role="status">
            {revealed.analyst ? (
              <Msg id="reportView.revealRecorded" params={{ analyst: <bdi>{revealed.analyst}</bdi>, at: <Timestamp iso={revealed.at} /> }} />
            ) : (
              <Msg id="reportView.revealRecordedNoName" params={{ at: <Timestamp iso={revealed.at} /> }} />
            )}
          </p>
          <div>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setRevealed(null);
                // The reveal button comes back: the focus goes to it.
                requestAnimationFrame(() => revealButton.current?.focus());
              }}
            >
              {t('reportView.hideIdentity')}
            </button>
          </div>
        </div>
      ) : (
        <div className="rp-identity-hidden">
          <p className="rp-plain">{t('reportView.identityHidden')}</p>
          <div>
            <button type="button" className="btn btn-small" ref={revealButton} onClick={() => setDialogOpen(true)}>
              {t('reportView.revealIdentity')}
            </button>
          </div>
        </div>
      )}
      {dialogOpen ? (
        <RevealDialog
          reportId={view.id}
          onCancel={() => {
            setDialogOpen(false);
            requestAnimationFrame(() => revealButton.current?.focus());
          }}
          onRevealed={(value) => {
            setDialogOpen(false);
            setRevealed(value);
            requestAnimationFrame(() => identityRef.current?.focus());
          }}
        />
      ) : null}
    </Section>
  );
}

interface RevealDialogProps {
  readonly reportId: string;
  readonly onCancel: () => void;
  readonly onRevealed: (revealed: Revealed) => void;
}

function RevealDialog({ reportId, onCancel, onRevealed }: RevealDialogProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function submit(): Promise<void> {
    if (busy) return;
    const trimmed = reason.trim();
    if (!isSubstantialReason(trimmed)) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await api('reports.revealReporter', { reportId, reason: trimmed });
    if (!result.ok) {
      setBusy(false);
      setError(result.error);
      return;
    }
    const at = new Date().toISOString();
    const session = await api('session.state');
    const analyst = session.ok && session.value.phase === 'unlocked' ? session.value.analyst.name : null;
    onRevealed({ identity: result.value, at, analyst });
  }

  return (
    <dialog
      ref={dialogRef}
      className="rp-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2 className="rp-dialog-title" id={`${id}-title`}>
          {t('reportView.revealTitle')}
        </h2>
        <p id={`${id}-body`}>{t('reportView.revealBody')}</p>
        <ReasonField
          id={`${id}-reason`}
          label={t('reportView.revealReason')}
          hint={t('reportView.revealReasonHint')}
          value={reason}
          onValue={setReason}
          invalid={invalid}
          onValid={() => setInvalid(false)}
          maxLength={MAX_REASON}
          className="input rp-reason"
        />
        <ErrorNotice error={error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" aria-disabled={busy || undefined}>
            {t('reportView.revealConfirm')}
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
