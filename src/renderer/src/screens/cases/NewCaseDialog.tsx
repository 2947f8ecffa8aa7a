/**
 * "Nouveau dossier": a title, optionally the proposed qualifications and the
 * reports it starts with (ids typed or pasted, any separators). The core
 * claims reports still `received`.
 */
import { useCallback, useId, useState, type ReactNode } from 'react';
import type { CaseView } from '../../../../shared/cases.ts';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { reportIdsIn } from './caseLabels.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { QualificationPicker } from './QualificationPicker.tsx';

/** The contract's rule for a title: 3-200 characters, no control or direction characters. */
export function titleProblem(title: string): 'short' | 'long' | 'control' | null {
  const trimmed = title.trim();
  if (trimmed.length < 3) return 'short';
  if (trimmed.length > 200) return 'long';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(trimmed)) return 'control';
  return null;
}

interface NewCaseDialogProps {
  readonly onCancel: () => void;
  readonly onCreated: (view: CaseView) => void;
}

export function NewCaseDialog({ onCancel, onCreated }: NewCaseDialogProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const table = useLoad(useCallback(() => api('legal.table'), [api]));
  const [title, setTitle] = useState('');
  const [codes, setCodes] = useState<readonly string[]>([]);
  const [reports, setReports] = useState('');
  const [problem, setProblem] = useState<ReturnType<typeof titleProblem>>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const ids = reportIdsIn(reports);

  async function submit(): Promise<void> {
    const found = titleProblem(title);
    setProblem(found);
    if (found) return;
    setBusy(true);
    setError(null);
    const result = await api('cases.create', { title: title.trim(), qualifications: [...codes], reportIds: ids });
    setBusy(false);
    if (!result.ok) setError(result.error);
    else onCreated(result.value);
  }

  return (
    <ModalForm title={t('cases.new.title')} submitLabel={t('cases.new.create')} busy={busy} wide onCancel={onCancel} onSubmit={() => void submit()}>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-title`}>
          {t('cases.new.caseTitle')}
        </label>
        <input
          id={`${id}-title`}
          className="input"
          dir="auto"
          maxLength={200}
          value={title}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-title-error` : undefined}
          onChange={(event) => {
            setTitle(event.target.value);
            setProblem(null);
          }}
        />
        {problem ? (
          <p className="field-error" id={`${id}-title-error`}>
            {t(`cases.titleProblem.${problem}`)}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-reports`}>
          {t('cases.new.reports')}
        </label>
        <textarea
          id={`${id}-reports`}
          className="input cs-textarea mono"
          dir="ltr"
          rows={2}
          value={reports}
          placeholder="IBL-2026-0000001, IBL-2026-0000002"
          aria-describedby={`${id}-reports-hint`}
          onChange={(event) => setReports(event.target.value)}
        />
        <span className="field-hint" id={`${id}-reports-hint`}>
          {t('cases.new.reportsHint', { count: ids.length })}
        </span>
      </div>
      <fieldset className="cs-fieldset">
        <legend className="field-label">{t('cases.new.qualifications')}</legend>
        <ErrorNotice error={table.error} />
        {table.value ? <QualificationPicker table={table.value} selected={codes} onChange={setCodes} compact /> : null}
      </fieldset>
      <ErrorNotice error={error} />
    </ModalForm>
  );
}
