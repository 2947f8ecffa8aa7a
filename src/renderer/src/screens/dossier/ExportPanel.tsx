/**
 * Before and after export: the preview's warnings (translated; a code this
 * interface does not know is shown as it is), why export is not possible yet,
 * the confirmation that says what exporting does, the progress while the core
 * renders, signs and seals; and the result (version, paths, pages, files, the
 * manifest's SHA-256 kept whole and copyable), which the tab shows full width.
 */
import { useState, type ReactNode } from 'react';
import { CASE_STATUSES, type CaseStatus } from '../../../../shared/cases.ts';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { DossierChoices, DossierOptions, ExportedDossier } from '../../../../shared/dossiers.ts';
import { ModalForm } from '../../components/ModalForm.tsx';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { CopyButton } from '../../components/safe/CopyButton.tsx';
import { formatNumber } from '../../format.ts';
import { useI18n, type Translate } from '../../i18n/index.ts';
import { stationList } from '../../i18n/labels.ts';
import { useApi } from '../../session/SessionContext.ts';
import { caseStatusLabel } from '../cases/caseLabels.ts';
import { warningText } from './warnings.ts';

function statusText(t: Translate, status: string): string {
  return (CASE_STATUSES as readonly string[]).includes(status) ? caseStatusLabel(t, status as CaseStatus) : status;
}

interface ExportPanelProps {
  readonly choices: DossierChoices;
  readonly options: DossierOptions;
  /** The preview's warnings, once a preview arrived. */
  readonly warnings: readonly string[] | null;
  /** Why the choices cannot be exported as they are (an identity without its reason, no report). */
  readonly blocked: boolean;
  readonly onExported: (exported: ExportedDossier) => void;
}

export function ExportPanel({ choices, options, warnings, blocked, onExported }: ExportPanelProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const identities = options.identities?.length ?? 0;
  // Exporting refers the chosen reports: those another workstation has in analysis are said here, and the
  // confirmation is what lets the core refer them (takeOver).
  const chosen = new Set(options.reportIds ?? choices.reports.map((r) => r.id));
  const held = choices.reports.flatMap((r) => (chosen.has(r.id) && r.heldBy !== null ? [r.heldBy] : []));
  const stations = stationList(held);

  async function run(): Promise<void> {
    setConfirming(false);
    setExporting(true);
    setError(null);
    const answer = await api('dossiers.export', { ...options, takeOver: held.length > 0 });
    setExporting(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    onExported(answer.value);
  }

  return (
    <section className="dossier-export" aria-labelledby="dossier-export-title">
      <h2 id="dossier-export-title" className="visually-hidden">
        {t('dossier.export.button', { version: choices.nextVersion })}
      </h2>
      {warnings && warnings.length > 0 ? (
        <div className="notice notice-warning dossier-warnings">
          <p className="strong">{t('dossier.warnings.title')}</p>
          <ul>
            {warnings.map((code) => (
              <li key={code} data-warning={code}>
                {warningText(t, code)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!choices.canExport ? (
        <p className="dossier-not-ready">
          {t('dossier.export.notReady', { ready: statusText(t, 'ready'), status: statusText(t, choices.status) })}
        </p>
      ) : null}
      {choices.canExport && blocked ? <p className="field-error">{t('dossier.export.blocked')}</p> : null}
      <div className="dossier-export-actions">
        <button type="button" className="btn btn-primary" disabled={!choices.canExport || blocked || exporting} onClick={() => setConfirming(true)}>
          {t('dossier.export.button', { version: choices.nextVersion })}
        </button>
        {exporting ? (
          <span className="loading" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('dossier.export.progress')}
          </span>
        ) : null}
      </div>
      <ErrorNotice error={error} />
      {confirming ? (
        <ModalForm
          title={t('dossier.export.confirmTitle', { version: choices.nextVersion })}
          submitLabel={t('dossier.export.submit')}
          onCancel={() => setConfirming(false)}
          onSubmit={() => void run()}
        >
          <ul className="dossier-confirm">
            <li>{t('dossier.export.confirmVersion', { version: choices.nextVersion })}</li>
            <li>{t('dossier.export.confirmStatus')}</li>
            <li>{identities > 0 ? t('dossier.export.confirmIdentities', { count: identities }) : t('dossier.export.confirmNoIdentity')}</li>
            {held.length > 0 ? (
              <li className="dossier-confirm-held strong">{t('common.heldReferredToo', { count: held.length, stations })}</li>
            ) : null}
          </ul>
        </ModalForm>
      ) : null}
    </section>
  );
}

/** What the export made: shown under the preview, where a hash fits on one line. */
export function ExportResult({ result }: { readonly result: ExportedDossier }): ReactNode {
  const { t, locale } = useI18n();
  return (
    <div className="dossier-result">
      <MessageNotice tone="ok">{t('dossier.export.done', { version: result.version })}</MessageNotice>
      <dl className="facts dossier-result-facts">
        <Fact label={t('dossier.result.reference')} value={result.reference} copy />
        <Fact label={t('dossier.result.pdf')} value={result.pdf} copy />
        <Fact label={t('dossier.result.package')} value={result.package} copy />
        {result.zip ? <Fact label={t('dossier.result.zip')} value={result.zip} copy /> : null}
        <div className="fact">
          <dt>{t('dossier.result.pages')}</dt>
          <dd className="num">{formatNumber(result.pages, locale)}</dd>
        </div>
        <div className="fact">
          <dt>{t('dossier.result.files')}</dt>
          <dd className="num">{formatNumber(result.files, locale)}</dd>
        </div>
        <Fact label={t('dossier.result.manifest')} value={result.manifest_sha256} copy hash />
      </dl>
    </div>
  );
}

/** A value kept left to right and whole (a path breaks at any character, a hash never), with a copy button. */
export function Fact({ label, value, copy = false, hash = false }: { readonly label: string; readonly value: string; readonly copy?: boolean; readonly hash?: boolean }): ReactNode {
  const { t } = useI18n();
  return (
    <div className="fact fact-wide">
      <dt>{label}</dt>
      <dd className="dossier-value">
        <code className={hash ? 'dossier-hash' : 'dossier-path'} dir="ltr">
          {value}
        </code>
        {copy ? <CopyButton value={value} label={t('dossier.result.copy')} accessibleName={t('dossier.result.copyNamed', { label })} /> : null}
      </dd>
    </div>
  );
}
