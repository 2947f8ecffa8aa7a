/**
 * The report's status, who has it (which workstation), the claim button
 * (in_analysis) and a menu to set any status with an optional reference.
 * A closing status (classé sans suite, doublon) asks for its reason instead
 * (the journal's one rule, sent as the status's reference). A report another
 * workstation analyses says so, and the buttons say they take it over.
 * The panel applies the change at once and reads the report again.
 */
import { useId, useState, type ReactNode } from 'react';
import { isSubstantialReason } from '../../../../shared/reason.ts';
import { ReportStatus } from '../../../../shared/schemas.ts';
import { isClosingStatus } from '../../../../shared/statuses.ts';
import type { ReportView } from '../../../../shared/triage.ts';
import { useI18n } from '../../i18n/index.ts';
import { reportStatusLabel } from '../../i18n/labels.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { ClosingReasonField } from '../../components/ReasonField.tsx';
import { UserText } from '../../components/safe/UserText.tsx';
import './status-controls.css';

interface StatusControlsProps {
  readonly view: ReportView;
  readonly busy: boolean;
  readonly onSet: (status: ReportStatus, options: StatusOptions) => void;
}

/** A status's extras: a reference, or a closing status's reason; `takeOver` once the analyst was told another workstation has it. */
export interface StatusOptions {
  readonly reference?: string;
  readonly reason?: string;
  readonly takeOver?: boolean;
}

const MAX_REFERENCE = 128;

export function StatusControls({ view, busy, onSet }: StatusControlsProps): ReactNode {
  const { t } = useI18n();
  const id = useId();
  const current = ReportStatus.safeParse(view.status).data ?? null;
  const [menuOpen, setMenuOpen] = useState(false);
  const [picked, setPicked] = useState<ReportStatus>(current ?? 'received');
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const [reasonInvalid, setReasonInvalid] = useState(false);
  const closing = isClosingStatus(picked);
  const takeOver = view.claimedByOther;
  const label = reportStatusLabel(t, view.status);
  // Claiming is for reports not yet taken (or taken elsewhere); the menu sets any other status.
  const canClaim = current === 'received' || current === null || view.claimedByOther;

  function apply(): void {
    if (busy) return;
    if (closing) {
      if (!isSubstantialReason(reason)) {
        setReasonInvalid(true);
        return;
      }
      onSet(picked, { reason: reason.trim(), ...(takeOver ? { takeOver } : {}) });
    } else {
      const trimmed = reference.trim();
      onSet(picked, { ...(trimmed ? { reference: trimmed } : {}), ...(takeOver ? { takeOver } : {}) });
    }
    setMenuOpen(false);
    setReference('');
    setReason('');
    setReasonInvalid(false);
  }

  return (
    <div className="rp-status">
      <p className="rp-status-line">
        <span className="rp-status-label">{t('reportView.status')}</span>{' '}
        <span className={`status-tag status-tag-${current ?? 'unknown'}`}>{label ?? <UserText text={view.status} />}</span>
        {view.statusWorkstation ? (
          <span className="rp-status-by">
            {current === 'in_analysis' && !view.claimedByOther ? (
              <Msg id="reportView.byStation" params={{ station: <UserText text={view.statusWorkstation} mono /> }} />
            ) : (
              <Msg id="reportView.byOther" params={{ station: <UserText text={view.statusWorkstation} mono /> }} />
            )}
          </span>
        ) : null}
      </p>
      {view.claimedByOther ? <p className="rp-claimed-other">{t('reportView.claimedByOtherHint')}</p> : null}
      <div className="rp-status-actions">
        {canClaim ? (
          <button type="button" className="btn btn-primary btn-small" aria-disabled={busy || undefined} onClick={() => !busy && onSet('in_analysis', takeOver ? { takeOver } : {})}>
            {view.claimedByOther ? t('reportView.claimAnyway') : t('reportView.claim')}
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-small"
          aria-expanded={menuOpen}
          aria-controls={`${id}-menu`}
          onClick={() => {
            setPicked(current ?? 'received');
            setMenuOpen((open) => !open);
          }}
        >
          {t('reportView.setStatus')}
          <span aria-hidden="true" className="rp-caret">
            ▾
          </span>
        </button>
        {busy ? (
          <span className="busy small" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('reportView.saving')}
          </span>
        ) : null}
      </div>
      {menuOpen ? (
        <form
          className="rp-status-menu"
          id={`${id}-menu`}
          onSubmit={(event) => {
            event.preventDefault();
            apply();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              // Closes the menu, not the panel.
              event.preventDefault();
              event.stopPropagation();
              setMenuOpen(false);
            }
          }}
        >
          <label className="field">
            <span className="field-label">{t('reportView.newStatus')}</span>
            <select className="input input-small" value={picked} onChange={(event) => setPicked(event.target.value as ReportStatus)}>
              {ReportStatus.options.map((status) => (
                <option key={status} value={status}>
                  {reportStatusLabel(t, status) ?? status}
                </option>
              ))}
            </select>
          </label>
          {closing ? (
            <ClosingReasonField
              id={`${id}-reason`}
              value={reason}
              onValue={setReason}
              invalid={reasonInvalid}
              onValid={() => setReasonInvalid(false)}
              rows={2}
              className="input input-small rp-status-reason"
            />
          ) : (
            <label className="field">
              <span className="field-label">{t('reportView.reference')}</span>
              <input className="input input-small" value={reference} maxLength={MAX_REFERENCE} onChange={(event) => setReference(event.target.value)} dir="auto" />
            </label>
          )}
          {takeOver && view.statusWorkstation ? (
            <p className="rp-claimed-other">
              <Msg id="reportView.takeOverNote" params={{ station: <UserText text={view.statusWorkstation} mono /> }} />
            </p>
          ) : null}
          <div className="rp-status-menu-actions">
            <button type="submit" className="btn btn-primary btn-small" aria-disabled={busy || undefined}>
              {takeOver ? t('reportView.applyAnyway') : t('reportView.apply')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setMenuOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
