/**
 * A case's referral dossier (issue #12): the choices beside the real pages of
 * the PDF (refreshed, debounced, as the choices change; the previous pages
 * stay while the next arrive), the warnings and the export, then the case's
 * referral history with the answers and the form to record one.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { DossierChoices, DossierPreview, ExportedDossier } from '../../../../shared/dossiers.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { useCalm } from '../../hooks/useCalm.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import type { CaseContext } from '../cases/CaseView.tsx';
import { DossierChoicesPanel } from './DossierChoicesPanel.tsx';
import { draftBlocker, draftOptions, initialDraft, type DossierDraft } from './dossierDraft.ts';
import { ExportPanel, ExportResult } from './ExportPanel.tsx';
import { PdfPreview } from './PdfPreview.tsx';
import { ReferralHistory } from './ReferralHistory.tsx';
import './dossier.css';

/** Choices changed within this delay make one preview. */
const PREVIEW_DEBOUNCE_MS = 600;

export function DossierTab({ context }: { readonly context: CaseContext }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const ref = context.view.ref;
  const choices = useLoad(useCallback(() => api('dossiers.choices', { ref }), [api, ref]));
  const history = useLoad(useCallback(() => api('dossiers.history', { ref }), [api, ref]));
  // The defaults until the analyst changes a choice; kept as the analyst leaves them when the choices are read again.
  const [edited, setDraft] = useState<DossierDraft | null>(null);
  const loaded = choices.value;
  const defaults = useMemo(() => (loaded ? initialDraft(loaded) : null), [loaded]);
  const draft = edited ?? defaults;

  const { reload: reloadChoices } = choices;
  const { reload: reloadHistory } = history;
  const { reload: reloadCase } = context;
  // A status moved in the case's header (marked ready) changes what export allows: read the choices again.
  const status = context.view.status;
  const seenStatus = useRef(status);
  useEffect(() => {
    if (seenStatus.current === status) return;
    seenStatus.current = status;
    reloadChoices();
  }, [status, reloadChoices]);

  const [exported, setExported] = useState<ExportedDossier | null>(null);
  const onExported = useCallback((result: ExportedDossier) => {
    setExported(result);
    reloadChoices();
    reloadHistory();
    reloadCase();
  }, [reloadChoices, reloadHistory, reloadCase]);
  const onAnswered = useCallback(() => {
    reloadHistory();
    reloadCase();
  }, [reloadHistory, reloadCase]);

  return (
    <div className="dossier">
      <p className="dossier-intro muted">{t('dossier.intro')}</p>
      {loaded === null && choices.loading ? <Loading /> : null}
      <ErrorNotice error={choices.error} />
      {loaded && draft ? <DossierWorkbench choices={loaded} draft={draft} onDraft={setDraft} onExported={onExported} /> : null}
      {exported ? <ExportResult result={exported} /> : null}
      <ErrorNotice error={history.error} />
      {history.value ? <ReferralHistory history={history.value} onAnswered={onAnswered} /> : null}
    </div>
  );
}

interface WorkbenchProps {
  readonly choices: DossierChoices;
  readonly draft: DossierDraft;
  readonly onDraft: (draft: DossierDraft) => void;
  readonly onExported: (result: ExportedDossier) => void;
}

interface Shown extends DossierPreview {
  /** The options it was rendered from. */
  readonly key: string;
}

function DossierWorkbench({ choices, draft, onDraft, onExported }: WorkbenchProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const options = useMemo(() => draftOptions(choices.ref, choices, draft), [choices, draft]);
  const key = JSON.stringify(options);
  const blocker = draftBlocker(draft);
  const [shown, setShown] = useState<Shown | null>(null);
  const [failure, setFailure] = useState<{ key: string; error: AppErrorShape } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const asked = useRef(false);

  // Read again (new choices after an export, a retry) or changed, the options make a new preview.
  useEffect(() => {
    if (blocker !== null) return;
    let cancelled = false;
    // The first preview is asked at once; later ones wait for the analyst to finish ticking.
    const delay = asked.current ? PREVIEW_DEBOUNCE_MS : 0;
    asked.current = true;
    const timer = setTimeout(() => {
      void api('dossiers.preview', options).then((result) => {
        if (cancelled) return;
        if (result.ok) {
          setShown({ ...result.value, key: JSON.stringify(options) });
          setFailure(null);
        } else setFailure({ key: JSON.stringify(options), error: result.error });
      });
    }, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, options, blocker, attempt]);

  const waiting = blocker === null && shown?.key !== key && failure?.key !== key;
  const calmWaiting = useCalm(waiting);
  const status = (
    <>
      <p className="dossier-preview-status" role="status">
        {calmWaiting ? (
          <span className="loading">
            <span className="spinner" aria-hidden="true" />
            {t(shown === null ? 'dossier.preview.loading' : 'dossier.preview.updating')}
          </span>
        ) : blocker !== null ? (
          t('dossier.preview.waiting')
        ) : shown !== null && shown.key === key ? (
          <span className="muted">{t('dossier.preview.unsigned')}</span>
        ) : shown !== null ? (
          t('dossier.preview.stale')
        ) : null}
      </p>
      {failure?.key === key ? (
        <div className="dossier-preview-failure">
          <ErrorNotice error={failure.error} />
          <button type="button" className="btn btn-small" onClick={() => {
              setFailure(null);
              setAttempt((n) => n + 1);
            }}>
            {t('dossier.preview.retry')}
          </button>
        </div>
      ) : null}
    </>
  );

  return (
    <div className="dossier-workbench">
      <aside className="dossier-side" aria-label={t('dossier.options.title')}>
        <DossierChoicesPanel choices={choices} draft={draft} onChange={onDraft} />
        <ExportPanel choices={choices} options={options} warnings={shown?.warnings ?? null} blocked={blocker !== null} onExported={onExported} />
      </aside>
      <PdfPreview pdfBase64={shown?.pdfBase64 ?? null} status={status} />
    </div>
  );
}
