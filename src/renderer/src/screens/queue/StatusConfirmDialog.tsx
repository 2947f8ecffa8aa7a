/**
 * What the queue asks before a status (claim `c`, or any status from the
 * menu `s`), on one report or many: a closing status's reason (the journal's
 * one rule, sent as the status's reference), and, when some of the reports are
 * in analysis at another workstation, how many and which workstations, with
 * the choice to leave them there (the default when there are others) or to
 * take them over. The report view asks the same (StatusControls).
 */
import { useId, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { isSubstantialReason } from '../../../../shared/reason.ts';
import { ClosingReasonField } from '../../components/ReasonField.tsx';
import { isClosingStatus, type ReportStatus } from '../../../../shared/statuses.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { useI18n } from '../../i18n/index.ts';
import { stationList } from '../../i18n/labels.ts';
import { reportStatusLabel } from './labels.ts';
import './status-confirm.css';

export interface StatusRequest {
  readonly status: ReportStatus;
  readonly reportIds: readonly string[];
  /** Reports of the list in analysis at another workstation. */
  readonly held: readonly { readonly reportId: string; readonly workstationId: string }[];
}

export interface StatusChoice {
  readonly reportIds: readonly string[];
  readonly reason?: string;
  readonly takeOver: boolean;
}

interface StatusConfirmDialogProps {
  readonly request: StatusRequest;
  readonly busy: boolean;
  readonly error: AppErrorShape | null;
  readonly onCancel: () => void;
  readonly onConfirm: (choice: StatusChoice) => void;
}

export function StatusConfirmDialog({ request, busy, error, onCancel, onConfirm }: StatusConfirmDialogProps): ReactNode {
  const { t } = useI18n();
  const id = useId();
  const closing = isClosingStatus(request.status);
  const heldCount = request.held.length;
  const others = request.reportIds.length - heldCount;
  // Leaving them to the other workstation is the default whenever something else remains to change.
  const [take, setTake] = useState(others === 0);
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const label = reportStatusLabel(t, request.status) ?? request.status;

  function submit(): void {
    if (closing && !isSubstantialReason(reason)) {
      setInvalid(true);
      return;
    }
    const heldIds = new Set(request.held.map((h) => h.reportId));
    const reportIds = take ? request.reportIds : request.reportIds.filter((reportId) => !heldIds.has(reportId));
    onConfirm({ reportIds, takeOver: take && heldCount > 0, ...(closing ? { reason: reason.trim() } : {}) });
  }

  return (
    <ModalForm
      title={t('queue.statusDialog.title', { status: label })}
      submitLabel={take && heldCount > 0 ? t('queue.statusDialog.submitTake') : t('queue.statusDialog.submit')}
      danger={closing || (take && heldCount > 0)}
      busy={busy}
      error={error}
      onCancel={onCancel}
      onSubmit={submit}
    >
      <p>{t('queue.statusDialog.targets', { count: request.reportIds.length })}</p>
      {heldCount > 0 ? (
        <fieldset className="q-status-held">
          <legend className="field-label">{t('queue.statusDialog.heldChoice')}</legend>
          <p>
            {t('queue.statusDialog.held', { count: heldCount, stations: stationList(request.held.map((h) => h.workstationId)) })}
          </p>
          {others > 0 ? (
            <label className="checkbox-line">
              <input type="radio" name={`${id}-held`} checked={!take} onChange={() => setTake(false)} />
              {t('queue.statusDialog.skipHeld', { count: others })}
            </label>
          ) : null}
          <label className="checkbox-line">
            <input type="radio" name={`${id}-held`} checked={take} onChange={() => setTake(true)} />
            {t('queue.statusDialog.takeHeld')}
          </label>
        </fieldset>
      ) : null}
      {closing ? (
        <ClosingReasonField
          id={`${id}-reason`}
          value={reason}
          onValue={setReason}
          invalid={invalid}
          onValid={() => setInvalid(false)}
          className="input q-status-reason"
        />
      ) : null}
    </ModalForm>
  );
}
