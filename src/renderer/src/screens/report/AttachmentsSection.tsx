/**
 * The report's attachments: file name (untrusted: path separators, bidi
 * tricks), declared type, size, SHA-256 with copy, and state. Verified
 * images of a category that may be viewed can be shown on request: the bytes
 * come through the bridge, become a blob: URL (the CSP allows blob:, never
 * data:) and show blurred and grey; one at a time can be revealed on explicit
 * request. Blob URLs are revoked when hidden and when the panel closes.
 * Categories where viewing is not allowed show hashes and metadata only.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { NO_VIEW_CATEGORIES, type ReportAttachment, type ReportView } from '../../../../shared/triage.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { CopyButton } from '../../components/safe/CopyButton.tsx';
import { UserText } from '../../components/safe/UserText.tsx';
import { useI18n } from '../../i18n/index.ts';
import { categoryLabel } from '../../i18n/labels.ts';
import { useApi } from '../../session/SessionContext.ts';
import { Fact, Section } from './Section.tsx';
import { formatBytes } from './reportLabels.ts';

/** Whether this report's attachments may be shown at all. */
export function categoryAllowsViewing(category: string): boolean {
  return !NO_VIEW_CATEGORIES.includes(category);
}

export function AttachmentsSection({ view }: { readonly view: ReportView }): ReactNode {
  const { t } = useI18n();
  // The one image shown unblurred, if any.
  const [revealedId, setRevealedId] = useState<string | null>(null);
  const viewingAllowed = categoryAllowsViewing(view.category);
  const category = categoryLabel(t, view.category) ?? view.category;
  return (
    <Section title={t('reportView.attachments')} aside={<span className="count-badge">{view.attachments.length}</span>}>
      {view.attachments.length === 0 ? <p className="muted">{t('reportView.noAttachments')}</p> : null}
      {view.attachments.length > 0 && !viewingAllowed ? (
        <p className="rp-noview" role="note">
          {t('reportView.noViewCategory', { category })}
        </p>
      ) : null}
      {view.attachments.length > 0 ? (
        <ol className="rp-attachments">
          {view.attachments.map((attachment, index) => (
            <li key={attachment.id} className="rp-attachment">
              <AttachmentItem
                reportId={view.id}
                attachment={attachment}
                index={index + 1}
                categoryAllowsViewing={viewingAllowed}
                revealed={revealedId === attachment.id}
                onReveal={(on) => setRevealedId(on ? attachment.id : null)}
              />
            </li>
          ))}
        </ol>
      ) : null}
    </Section>
  );
}

interface AttachmentItemProps {
  readonly reportId: string;
  readonly attachment: ReportAttachment;
  readonly index: number;
  readonly categoryAllowsViewing: boolean;
  readonly revealed: boolean;
  readonly onReveal: (on: boolean) => void;
}

function AttachmentItem({ reportId, attachment, index, categoryAllowsViewing, revealed, onReveal }: AttachmentItemProps): ReactNode {
  const { t, locale } = useI18n();
  // Shown only on request, and only a verified image (by its bytes) of a category that may be viewed.
  const showable = categoryAllowsViewing && attachment.viewable && attachment.image && attachment.state === 'verified';
  return (
    <>
      <div className="rp-attachment-head">
        <span className="rp-attachment-index num">{index}.</span>
        <p className="rp-attachment-name">
          <UserText text={attachment.filename} className="rp-filename" />
        </p>
        <span className={`badge rp-att-state rp-att-state-${attachment.state}`}>{t(`reportView.att.state.${attachment.state}`)}</span>
      </div>
      <dl className="rp-facts rp-facts-compact">
        <Fact term={t('reportView.att.type')}>
          <UserText text={attachment.mediaType} mono />
          {attachment.image ? <span className="muted small"> · {t('reportView.att.isImage')}</span> : null}
        </Fact>
        <Fact term={t('reportView.att.size')}>
          <span className="num">{formatBytes(t, locale, attachment.size)}</span>
        </Fact>
        <Fact term={t('reportView.att.sha256')} wide>
          <span className="rp-hash">
            <bdi className="mono fingerprint" dir="ltr">
              {attachment.sha256}
            </bdi>
            <CopyButton value={attachment.sha256} label={t('safe.copy')} accessibleName={t('reportView.att.copyHash', { n: index })} />
          </span>
        </Fact>
        {attachment.lastError ? (
          <Fact term={t('reportView.att.lastError')} wide>
            <UserText text={attachment.lastError} />
          </Fact>
        ) : null}
      </dl>
      {showable ? (
        <ImageViewer reportId={reportId} attachment={attachment} index={index} revealed={revealed} onReveal={onReveal} />
      ) : !categoryAllowsViewing ? null : attachment.state !== 'verified' ? (
        <p className="muted small">{t('reportView.att.notVerified')}</p>
      ) : !attachment.image ? (
        <p className="muted small">{t('reportView.att.notImage')}</p>
      ) : null}
    </>
  );
}

/** Decodes base64 into bytes without going through a data: URL. */
function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

interface ImageViewerProps {
  readonly reportId: string;
  readonly attachment: ReportAttachment;
  readonly index: number;
  readonly revealed: boolean;
  readonly onReveal: (on: boolean) => void;
}

function ImageViewer({ reportId, attachment, index, revealed, onReveal }: ImageViewerProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  // Bytes that arrive after the panel closed never become a blob URL.
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // The blob URL lives as long as it is shown: revoked when replaced, hidden or unmounted.
  useEffect(() => {
    if (!url) return;
    return () => URL.revokeObjectURL(url);
  }, [url]);

  async function show(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await api('reports.attachment', { reportId, attachmentId: attachment.id });
    if (!mounted.current) return;
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const blob = new Blob([base64ToBytes(result.value.base64)], { type: result.value.mediaType });
    setUrl(URL.createObjectURL(blob));
  }

  function hide(): void {
    if (revealed) onReveal(false);
    setUrl(null);
  }

  if (!url) {
    return (
      <div className="rp-image-actions">
        <button type="button" className="btn btn-small" aria-disabled={busy || undefined} onClick={() => void show()} aria-label={t('reportView.att.showNamed', { n: index })}>
          {t('reportView.att.show')}
        </button>
        {busy ? (
          <span className="busy small" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('common.loading')}
          </span>
        ) : null}
        <ErrorNotice error={error} />
      </div>
    );
  }
  return (
    <figure className="rp-figure">
      <div className={`rp-image-frame${revealed ? ' rp-image-frame-revealed' : ''}`}>
        <img
          className={`rp-image${revealed ? '' : ' rp-image-blurred'}`}
          src={url}
          alt={t(revealed ? 'reportView.att.altRevealed' : 'reportView.att.altBlurred', { n: index })}
          draggable={false}
          referrerPolicy="no-referrer"
          decoding="async"
        />
        {revealed ? null : (
          <span className="rp-image-veil" aria-hidden="true">
            {t('reportView.att.blurred')}
          </span>
        )}
      </div>
      <figcaption className="rp-image-actions">
        {revealed ? (
          <button type="button" className="btn btn-small" onClick={() => onReveal(false)}>
            {t('reportView.att.blurAgain')}
          </button>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => onReveal(true)} aria-label={t('reportView.att.revealNamed', { n: index })}>
            {t('reportView.att.reveal')}
          </button>
        )}
        <button type="button" className="btn btn-small" onClick={hide} aria-label={t('reportView.att.hideNamed', { n: index })}>
          {t('reportView.att.hide')}
        </button>
      </figcaption>
    </figure>
  );
}
