/**
 * Retention under law 09-08 (supervisors only): the three rules (empty =
 * off), a preview of what applying them would remove now (counts and dates,
 * never contents), and applying them after a confirmation dialog. The core
 * validates and journals; this form checks the same bounds first.
 */
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { RetentionApplyResult, RetentionCount, RetentionPreview, RetentionSettings } from '../../../../shared/retention.ts';
import { Loading } from '../../components/Loading.tsx';
import { ModalForm } from '../../components/ModalForm.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { TextField } from '../../components/TextField.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatNumber } from '../../format.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { SettingsSection } from './SettingsSection.tsx';

type Field = 'identityMonths' | 'purgeMonths' | 'caseMonths';
const FIELDS: readonly { key: Field; label: MessageKey; hint: MessageKey }[] = [
  { key: 'identityMonths', label: 'retention.identityMonths', hint: 'retention.identityHint' },
  { key: 'purgeMonths', label: 'retention.purgeMonths', hint: 'retention.purgeHint' },
  { key: 'caseMonths', label: 'retention.caseMonths', hint: 'retention.caseHint' },
];

/** A field's months, null when empty, undefined when not a whole number from 1 to 600. */
function months(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 600 ? n : undefined;
}

const asText = (n: number | null) => (n === null ? '' : String(n));

export function RetentionSection(): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const settings = useLoad(useCallback(() => api('retention.settings'), [api]));
  return (
    <SettingsSection title={t('retention.title')} intro={t('retention.intro')}>
      {settings.loading && settings.value === null ? <Loading /> : null}
      <ErrorNotice error={settings.error} />
      {settings.value ? <RetentionForm saved={settings.value} /> : null}
    </SettingsSection>
  );
}

function RetentionForm({ saved }: { readonly saved: RetentionSettings }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [text, setText] = useState<Record<Field, string>>({ identityMonths: asText(saved.identityMonths), purgeMonths: asText(saved.purgeMonths), caseMonths: asText(saved.caseMonths) });
  const [problems, setProblems] = useState<ReadonlyMap<Field, string>>(new Map());
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<RetentionPreview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [applied, setApplied] = useState<RetentionApplyResult | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const found = new Map<Field, string>();
    const values = { identityMonths: months(text.identityMonths), purgeMonths: months(text.purgeMonths), caseMonths: months(text.caseMonths) };
    for (const { key } of FIELDS) if (values[key] === undefined) found.set(key, t('retention.range'));
    if (!found.has('purgeMonths') && typeof values.identityMonths === 'number' && typeof values.purgeMonths === 'number' && values.purgeMonths <= values.identityMonths) {
      found.set('purgeMonths', t('retention.order'));
    }
    if (!found.has('caseMonths') && typeof values.caseMonths === 'number' && values.purgeMonths === null) found.set('caseMonths', t('retention.needsPurge'));
    setProblems(found);
    setDone(false);
    setError(null);
    if (found.size > 0) return;
    setBusy(true);
    const result = await api('retention.updateSettings', values as RetentionSettings);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setText({ identityMonths: asText(result.value.identityMonths), purgeMonths: asText(result.value.purgeMonths), caseMonths: asText(result.value.caseMonths) });
    setDone(true);
    setPreview(null);
  }

  async function showPreview(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    setApplied(null);
    const result = await api('retention.preview');
    setBusy(false);
    if (result.ok) setPreview(result.value);
    else setError(result.error);
  }

  async function apply(): Promise<void> {
    if (busy) return;
    setBusy(true);
    const result = await api('retention.apply', { confirm: true });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setConfirming(false);
    setApplied(result.value);
    setPreview(null);
  }

  return (
    <>
      <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
        {FIELDS.map(({ key, label, hint }) => (
          <TextField
            key={key}
            label={t(label)}
            hint={t(hint)}
            error={problems.get(key) ?? null}
            className="input input-number"
            type="number"
            inputMode="numeric"
            min={1}
            max={600}
            step={1}
            value={text[key]}
            onValue={(value) => {
              setText((previous) => ({ ...previous, [key]: value }));
              setDone(false);
            }}
          />
        ))}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('retention.save')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => void showPreview()}>
            {t('retention.preview')}
          </button>
        </div>
        {done ? <MessageNotice tone="ok">{t('retention.saved')}</MessageNotice> : null}
      </form>
      {!confirming ? <ErrorNotice error={error} /> : null}
      {preview ? <PreviewTable preview={preview} onApply={() => setConfirming(true)} busy={busy} /> : null}
      {applied ? (
        <MessageNotice tone="ok">
          {t('retention.done', { identities: applied.identitiesErased, reports: applied.reportsPurged, cases: applied.casesPurged, evidence: applied.evidencePurged })}{' '}
          {t(applied.compacted ? 'retention.compacted' : 'retention.notCompacted')}
        </MessageNotice>
      ) : null}
      {confirming && preview ? (
        <ModalForm
          title={t('retention.confirmTitle')}
          submitLabel={t('retention.confirm')}
          danger
          busy={busy}
          error={error}
          onSubmit={() => void apply()}
          onCancel={() => {
            setConfirming(false);
            setError(null);
          }}
        >
          <p>{t('retention.confirmBody')}</p>
          <Counts preview={preview} />
        </ModalForm>
      ) : null}
    </>
  );
}

const KINDS: readonly { key: 'identities' | 'reports' | 'cases' | 'evidence'; label: MessageKey }[] = [
  { key: 'identities', label: 'retention.kind.identities' },
  { key: 'reports', label: 'retention.kind.reports' },
  { key: 'cases', label: 'retention.kind.cases' },
  { key: 'evidence', label: 'retention.kind.evidence' },
];

function Counts({ preview }: { readonly preview: RetentionPreview }): ReactNode {
  const { t, locale } = useI18n();
  const cell = (count: RetentionCount, which: 'oldest' | 'newest') => {
    const iso = count[which];
    return iso === null ? '—' : <Timestamp iso={iso} dateOnly />;
  };
  return (
    <table className="table retention-table">
      <thead>
        <tr>
          <th scope="col">{t('retention.kind')}</th>
          <th scope="col">{t('retention.count')}</th>
          <th scope="col">{t('retention.oldest')}</th>
          <th scope="col">{t('retention.newest')}</th>
        </tr>
      </thead>
      <tbody>
        {KINDS.map(({ key, label }) => (
          <tr key={key}>
            <th scope="row">{t(label)}</th>
            <td>{formatNumber(preview[key].count, locale)}</td>
            <td>{cell(preview[key], 'oldest')}</td>
            <td>{cell(preview[key], 'newest')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PreviewTable({ preview, onApply, busy }: { readonly preview: RetentionPreview; readonly onApply: () => void; readonly busy: boolean }): ReactNode {
  const { t } = useI18n();
  if (!preview.active) return <MessageNotice tone="info">{t('retention.previewNone')}</MessageNotice>;
  const anything = preview.identities.count + preview.reports.count + preview.cases.count + preview.evidence.count > 0;
  return (
    <div className="retention-preview">
      <h3>{t('retention.previewTitle')}</h3>
      <Counts preview={preview} />
      {preview.heldByCases > 0 ? <p>{t('retention.held', { n: preview.heldByCases })}</p> : null}
      {anything ? (
        <button type="button" className="btn btn-danger" disabled={busy} onClick={onApply}>
          {t('retention.apply')}
        </button>
      ) : null}
    </div>
  );
}
