/**
 * A new case from the queue (`n`): from the selected reports (or the active
 * row), or from a whole cluster in cluster grouping. Asks the title, starting
 * from a suggestion (caseTitle.ts); says which statuses the core will change.
 */
import { useId, useState, type ReactNode } from 'react';
import type { CaseView } from '../../../../shared/cases.ts';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { ClaimNote, type ClaimCounts } from '../report/ClaimNote.tsx';
import { ModalForm } from '../../components/ModalForm.tsx';
import '../report/cases-links.css';
import { isCaseTitle, TITLE_MAX, TITLE_MIN } from './caseTitle.ts';

/** The reports a new case starts with. */
export type NewCaseSource =
  | { readonly kind: 'reports'; readonly reportIds: readonly string[] }
  | { readonly kind: 'cluster'; readonly clusterId: number; readonly size: number };

interface NewCaseDialogProps {
  readonly source: NewCaseSource;
  readonly suggestion: string;
  readonly claim: ClaimCounts;
  readonly onCancel: () => void;
  readonly onCreated: (view: CaseView) => void;
}

export function NewCaseDialog({ source, suggestion, claim, onCancel, onCreated }: NewCaseDialogProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const [title, setTitle] = useState(suggestion);
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const count = source.kind === 'reports' ? source.reportIds.length : source.size;

  async function submit(): Promise<void> {
    if (busy) return;
    if (!isCaseTitle(title)) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    setError(null);
    const input = source.kind === 'reports' ? { title: title.trim(), reportIds: [...source.reportIds] } : { title: title.trim(), clusterId: source.clusterId };
    const result = await api('cases.create', input);
    setBusy(false);
    if (result.ok) onCreated(result.value);
    else setError(result.error);
  }

  return (
    <ModalForm title={t('queue.newCase.title')} submitLabel={t('queue.newCase.submit')} busy={busy} error={error} onSubmit={() => void submit()} onCancel={onCancel}>
      <p>{source.kind === 'cluster' ? t('queue.newCase.fromCluster', { count }) : t('queue.newCase.fromReports', { count })}</p>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-title`}>
          {t('queue.newCase.caseTitle')}
        </label>
        <input
          id={`${id}-title`}
          className="input"
          value={title}
          dir="auto"
          maxLength={TITLE_MAX}
          autoComplete="off"
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setTitle(event.target.value);
            if (invalid && isCaseTitle(event.target.value)) setInvalid(false);
          }}
          onFocus={(event) => event.target.select()}
        />
        <span id={`${id}-hint`} className={invalid ? 'field-error' : 'field-hint'}>
          {invalid ? t('queue.newCase.titleInvalid', { min: TITLE_MIN, max: TITLE_MAX }) : t('queue.newCase.titleHint')}
        </span>
      </div>
      <ClaimNote counts={claim} />
    </ModalForm>
  );
}
