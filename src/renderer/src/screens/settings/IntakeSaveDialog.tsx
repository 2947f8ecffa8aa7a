/**
 * Before intake settings are saved: what their connection test found, and
 * what saving them changes or deletes. Settings that fail the test are not
 * saved, unless the supervisor insists with a reason (kept in the audit
 * journal); leaving demo mode says, with counts from the store, exactly what
 * goes before anything does.
 */
import { useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { Reason } from '../../../../shared/cases.ts';
import type { DemoDeletion, IntakeCheck } from '../../../../shared/contract/sync.ts';
import { Field } from '../../components/Field.tsx';
import { ModalForm } from '../../components/ModalForm.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { IntakeTestFailure, IntakeTestSuccess } from './IntakeTest.tsx';

export interface SaveChoice {
  /** Set when the supervisor saves settings that failed the test. */
  readonly untestedReason: string | null;
}

interface IntakeSaveDialogProps {
  readonly check: IntakeCheck;
  readonly busy: boolean;
  readonly error: AppErrorShape | null;
  readonly onConfirm: (choice: SaveChoice) => void;
  readonly onCancel: () => void;
}

/** The lines of what leaving demo mode deletes, in the order an analyst thinks of them; a zero is left out. */
const DELETION_LINES: readonly (readonly [keyof DemoDeletion, MessageKey])[] = [
  ['reports', 'settings.intake.save.delete.reports'],
  ['attachments', 'settings.intake.save.delete.attachments'],
  ['statusesSetHere', 'settings.intake.save.delete.statuses'],
  ['outboxPending', 'settings.intake.save.delete.outboxPending'],
  ['quarantined', 'settings.intake.save.delete.quarantined'],
  ['cases', 'settings.intake.save.delete.cases'],
  ['notes', 'settings.intake.save.delete.notes'],
  ['evidence', 'settings.intake.save.delete.evidence'],
];

export function IntakeSaveDialog({ check, busy, error, onConfirm, onCancel }: IntakeSaveDialogProps): ReactNode {
  const { t } = useI18n();
  const [insist, setInsist] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonProblem, setReasonProblem] = useState(false);
  const failed = !check.test.ok;
  const deletes = check.deletes;

  function submit(): void {
    if (failed) {
      if (!insist) return;
      if (!Reason.safeParse(reason).success) {
        setReasonProblem(true);
        return;
      }
      onConfirm({ untestedReason: reason.trim() });
      return;
    }
    onConfirm({ untestedReason: null });
  }

  const submitKey: MessageKey = deletes ? 'settings.intake.save.confirmDelete' : failed ? 'settings.intake.save.saveUntested' : 'settings.intake.save.confirm';
  return (
    <ModalForm
      title={t(failed ? 'settings.intake.save.failedTitle' : 'settings.intake.save.title')}
      submitLabel={t(submitKey)}
      danger={deletes !== null || failed}
      noSubmit={failed && !insist}
      busy={busy}
      error={error}
      wide
      onSubmit={submit}
      onCancel={onCancel}
    >
      {check.test.ok ? <IntakeTestSuccess health={check.test.health} keyChecked={check.test.keyChecked} /> : <IntakeTestFailure code={check.test.code} httpStatus={check.test.httpStatus} />}
      {failed ? (
        <div className="intake-insist">
          <p>{t('settings.intake.save.notSaved')}</p>
          <label className="check">
            <input type="checkbox" checked={insist} onChange={(event) => setInsist(event.target.checked)} />
            <span>{t('settings.intake.save.insist')}</span>
          </label>
          {insist ? (
            <Field label={t('settings.intake.save.reason')} hint={t('settings.intake.save.reasonHint')} error={reasonProblem ? t('settings.intake.save.reasonProblem') : null}>
              {(control) => (
                <textarea
                  {...control}
                  className="input input-textarea"
                  rows={2}
                  maxLength={500}
                  value={reason}
                  onChange={(event) => {
                    setReason(event.target.value);
                    setReasonProblem(false);
                  }}
                />
              )}
            </Field>
          ) : null}
        </div>
      ) : null}
      {check.anotherService ? (
        <p>{t(check.feedRestarts ? 'settings.intake.save.anotherServiceFeed' : 'settings.intake.save.anotherService')}</p>
      ) : null}
      {deletes ? (
        <div className="notice notice-warning intake-deletes">
          <p className="strong">{t('settings.intake.save.deletesTitle')}</p>
          <ul>
            {DELETION_LINES.filter(([key]) => deletes[key] > 0).map(([key, message]) => (
              <li key={key}>{t(message, { count: deletes[key] })}</li>
            ))}
          </ul>
          <p>{t('settings.intake.save.kept')}</p>
        </div>
      ) : null}
    </ModalForm>
  );
}
