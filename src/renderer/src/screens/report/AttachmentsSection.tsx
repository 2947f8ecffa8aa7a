/**
 * The report's attachments: file name (untrusted: path separators, bidi
 * tricks), declared type, size, SHA-256 with copy, and state; then what the
 * core's decoder process read (images.report): the type from the bytes
 * against the declared one, dimensions, metadata (camera, software, dates,
 * GPS as coordinates text, never a map), near duplicates in other reports,
 * and known-hash list matches. Verified images of a category that may be
 * viewed can be shown on request: the renderer never decodes citizen-supplied
 * bytes, it gets a small greyscale preview's pixels (images.preview) and
 * draws them on a canvas, blurred; one at a time can be revealed on explicit
 * request. Categories where viewing is not allowed show hashes and metadata
 * only, match or not.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppErrorShape, Result } from '../../../../shared/contract.ts';
import type { AttachmentAnalysis, HashMatch, PreviewPixels, ReportImageAnalysis } from '../../../../shared/images.ts';
import { NO_VIEW_CATEGORIES, type ReportAttachment, type ReportView } from '../../../../shared/triage.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { CopyButton } from '../../components/safe/CopyButton.tsx';
import { UserText } from '../../components/safe/UserText.tsx';
import { useI18n } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { categoryLabel } from '../../i18n/labels.ts';
import { useApi } from '../../session/SessionContext.ts';
import { Fact, Section } from './Section.tsx';
import { formatBytes } from './reportLabels.ts';

/** Whether this report's attachments may be shown at all. */
export function categoryAllowsViewing(category: string): boolean {
  return !NO_VIEW_CATEGORIES.includes(category);
}

export function AttachmentsSection({ view, onOpenReport }: { readonly view: ReportView; readonly onOpenReport?: ((reportId: string) => void) | undefined }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  // The one image shown unblurred, if any.
  const [revealedId, setRevealedId] = useState<string | null>(null);
  const [analysis, setAnalysis] = useState<ReportImageAnalysis | null>(null);
  const viewingAllowed = categoryAllowsViewing(view.category);
  const category = categoryLabel(t, view.category) ?? view.category;
  const attachmentCount = view.attachments.length;
  useEffect(() => {
    if (attachmentCount === 0) return;
    let live = true;
    void api('images.report', { reportId: view.id }).then((result) => {
      if (live && result.ok) setAnalysis(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, view.id, view.revision, attachmentCount]);
  const matches = analysis?.hashMatches ?? [];
  return (
    <Section title={t('reportView.attachments')} aside={<span className="count-badge">{view.attachments.length}</span>}>
      {view.attachments.length === 0 ? <p className="muted">{t('reportView.noAttachments')}</p> : null}
      {matches.length > 0 ? (
        <p className="rp-hashmatch-banner" role="note">
          <span className="badge rp-hashmatch-badge">{t('reportView.hashMatches')}</span>
        </p>
      ) : null}
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
                analysis={analysis ? (analysis.attachments.find((a) => a.attachmentId === attachment.id) ?? null) : undefined}
                matches={matches.filter((m) => m.attachmentId === attachment.id)}
                onOpenReport={onOpenReport}
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
  /** undefined while the analysis is asked for; null: none for this attachment. */
  readonly analysis: AttachmentAnalysis | null | undefined;
  readonly matches: readonly HashMatch[];
  readonly onOpenReport?: ((reportId: string) => void) | undefined;
}

function AttachmentItem({ reportId, attachment, index, categoryAllowsViewing, revealed, onReveal, analysis, matches, onOpenReport }: AttachmentItemProps): ReactNode {
  const { t, locale } = useI18n();
  const api = useApi();
  // Shown only on request, and only a verified image (by its bytes) of a category that may be viewed, with a preview made by the decoder process.
  const showable = categoryAllowsViewing && attachment.viewable && attachment.image && attachment.state === 'verified' && analysis?.hasPreview !== false;
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
            {/* The core's (English) account, for support: the state says what happened; the words behind a disclosure. */}
            <details className="notice-detail">
              <summary>{t('common.technicalDetail')}</summary>
              <UserText text={attachment.lastError} mono />
            </details>
          </Fact>
        ) : null}
        {attachment.state === 'verified' && analysis === undefined ? (
          <Fact term={t('reportView.att.sniffed')}>
            <span className="muted small">{t('reportView.att.analysing')}</span>
          </Fact>
        ) : null}
        {analysis?.analysed ? <AnalysisFacts analysis={analysis} /> : null}
      </dl>
      {matches.length > 0 ? (
        <ul className="rp-hashmatches">
          {matches.map((m) => (
            <li key={`${m.listId}-${m.kind}-${m.value}`} className="rp-hashmatch">
              <span className="badge rp-hashmatch-badge">
                <Msg
                  id={m.kind === 'pdq' ? 'reportView.att.hashMatchPdq' : 'reportView.att.hashMatch'}
                  params={{
                    label: <bdi dir="auto">{m.label}</bdi>,
                    source: <bdi dir="auto">{m.source}</bdi>,
                    kind: <bdi dir="ltr">{m.kind.toUpperCase()}</bdi>,
                    d: <span className="num">{m.distance ?? 0}</span>,
                  }}
                />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {analysis && analysis.similar.length > 0 ? (
        <p className="rp-similar">
          <span>{t('reportView.att.similar')} </span>
          {analysis.similar.map((s, k) => (
            <span key={`${s.reportId}-${s.attachmentId}`}>
              {k > 0 ? ', ' : null}
              {onOpenReport ? (
                <button type="button" className="rp-similar-open mono" onClick={() => onOpenReport(s.reportId)} aria-label={t('reportView.att.similarOpen', { id: s.reportId, d: String(s.distance) })}>
                  <bdi dir="ltr">{s.reportId}</bdi>
                </button>
              ) : (
                <bdi className="mono" dir="ltr">
                  {s.reportId}
                </bdi>
              )}
              <span className="muted small"> ({t('reportView.att.similarDistance', { d: String(s.distance) })})</span>
            </span>
          ))}
        </p>
      ) : null}
      {showable ? (
        <ImageViewer
          load={() => api('images.preview', { reportId, attachmentId: attachment.id })}
          names={{
            show: t('reportView.att.showNamed', { n: index }),
            hide: t('reportView.att.hideNamed', { n: index }),
            reveal: t('reportView.att.revealNamed', { n: index }),
            altBlurred: t('reportView.att.altBlurred', { n: index }),
            altRevealed: t('reportView.att.altRevealed', { n: index }),
          }}
          revealed={revealed}
          onReveal={(on) => {
            if (!on) return onReveal(false);
            // Un-blurring is recorded in the audit journal first (audit.imageUnblurred); unrecorded, it stays blurred.
            void api('audit.imageUnblurred', { reportId, attachmentId: attachment.id }).then((recorded) => {
              if (recorded.ok) onReveal(true);
            });
          }}
        />
      ) : !categoryAllowsViewing ? null : attachment.state !== 'verified' ? (
        <p className="muted small">{t('reportView.att.notVerified')}</p>
      ) : !attachment.image ? (
        <p className="muted small">{t('reportView.att.notImage')}</p>
      ) : null}
    </>
  );
}

/** The preview's grey bytes as RGBA for a canvas: pixels only, nothing for the browser to decode. */
function greyToImageData(width: number, height: number, base64: string): ImageData {
  const binary = atob(base64);
  const data = new ImageData(width, height);
  const n = Math.min(binary.length, width * height);
  for (let i = 0; i < n; i++) {
    const v = binary.charCodeAt(i);
    data.data[i * 4] = v;
    data.data[i * 4 + 1] = v;
    data.data[i * 4 + 2] = v;
    data.data[i * 4 + 3] = 255;
  }
  return data;
}

function formatCoordinate(value: number): string {
  return value.toFixed(6);
}

function AnalysisFacts({ analysis }: { readonly analysis: AttachmentAnalysis }): ReactNode {
  const { t } = useI18n();
  const m = analysis.metadata;
  const dates: [string, string | null][] = m
    ? [
        ['reportView.att.dateOriginal', m.dates.original],
        ['reportView.att.dateDigitized', m.dates.digitized],
        ['reportView.att.dateModified', m.dates.modified],
      ]
    : [];
  return (
    <>
      <Fact term={t('reportView.att.sniffed')}>
        <bdi className="mono" dir="ltr">
          {analysis.sniffedType ?? t('reportView.att.sniffedUnknown')}
        </bdi>
        {analysis.typeMismatch ? (
          <span className="badge rp-att-mismatch" role="note">
            {' '}
            ⚠ {t('reportView.att.mismatch')}
          </span>
        ) : null}
        {!analysis.decoded && analysis.errorCode === null && analysis.sniffedType?.startsWith('image/') ? <span className="muted small"> · {t('reportView.att.notAnalysedType')}</span> : null}
      </Fact>
      {analysis.width !== null && analysis.height !== null ? (
        <Fact term={t('reportView.att.dimensions')}>
          <span className="num">{t('reportView.att.dimensionsValue', { w: String(analysis.width), h: String(analysis.height) })}</span>
        </Fact>
      ) : null}
      {analysis.pdq ? (
        <Fact term={t('reportView.att.pdq', { q: String(analysis.pdqQuality ?? 0) })} wide>
          <bdi className="mono fingerprint" dir="ltr">
            {analysis.pdq}
          </bdi>
        </Fact>
      ) : null}
      {analysis.errorCode ? (
        <Fact term={t('reportView.att.analysisFailed', { code: analysis.errorCode })} wide>
          <UserText text={analysis.error ?? ''} />
        </Fact>
      ) : null}
      {analysis.decoded || m ? (
        <Fact term={t('reportView.att.metadata')} wide>
          {m ? (
            <table className="rp-meta">
              <tbody>
                {m.camera ? (
                  <tr>
                    <th scope="row">{t('reportView.att.camera')}</th>
                    <td>
                      <UserText text={m.camera} />
                    </td>
                  </tr>
                ) : null}
                {m.software ? (
                  <tr>
                    <th scope="row">{t('reportView.att.software')}</th>
                    <td>
                      <UserText text={m.software} />
                    </td>
                  </tr>
                ) : null}
                {dates.map(([key, value]) =>
                  value ? (
                    <tr key={key}>
                      <th scope="row">{t(key as 'reportView.att.dateOriginal')}</th>
                      <td>
                        <UserText text={value} mono />
                      </td>
                    </tr>
                  ) : null,
                )}
                {m.gps ? (
                  <tr>
                    <th scope="row">{t('reportView.att.gps')}</th>
                    <td>
                      <bdi className="mono" dir="ltr">
                        {formatCoordinate(m.gps.latitude)}, {formatCoordinate(m.gps.longitude)}
                      </bdi>
                      {m.gps.altitude !== null ? <span className="muted small"> · {t('reportView.att.gpsAltitude', { m: String(m.gps.altitude) })}</span> : null}
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          ) : (
            <span className="muted small">{t('reportView.att.noMetadata')}</span>
          )}
          {m && m.fields.length > 0 ? (
            <details className="rp-meta-more">
              <summary>{t('reportView.att.otherFields', { count: m.fields.length })}</summary>
              <table className="rp-meta">
                <tbody>
                  {m.fields.map((f) => (
                    <tr key={`${f.group}:${f.name}`}>
                      <th scope="row">
                        <bdi dir="ltr">
                          {f.group}:{f.name}
                        </bdi>
                      </th>
                      <td>
                        <UserText text={f.value} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ) : null}
        </Fact>
      ) : null}
    </>
  );
}

interface ImageViewerProps {
  /** Asks the core for the preview's pixels (images.preview, diagnostics.screenshotPreview): never the file. */
  readonly load: () => Promise<Result<PreviewPixels>>;
  /** Accessible names: what is shown, blurred and revealed; the buttons. */
  readonly names: { readonly show: string; readonly hide: string; readonly reveal: string; readonly altBlurred: string; readonly altRevealed: string };
  readonly revealed: boolean;
  readonly onReveal: (on: boolean) => void;
}

/** A greyscale preview drawn on a canvas, blurred until revealed: shared by attachments and page screenshots. */
export function ImageViewer({ load, names, revealed, onReveal }: ImageViewerProps): ReactNode {
  const { t } = useI18n();
  const [pixels, setPixels] = useState<{ width: number; height: number; grey: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);

  // Pixels that arrive after the panel closed are dropped.
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // Drawn once the canvas is there; dropped (cleared) when hidden.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!pixels || !canvas) return;
    canvas.width = pixels.width;
    canvas.height = pixels.height;
    canvas.getContext('2d')?.putImageData(greyToImageData(pixels.width, pixels.height, pixels.grey), 0, 0);
    return () => {
      canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    };
  }, [pixels]);

  async function show(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await load();
    if (!mounted.current) return;
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setPixels(result.value);
  }

  function hide(): void {
    if (revealed) onReveal(false);
    setPixels(null);
  }

  if (!pixels) {
    return (
      <div className="rp-image-actions">
        <button type="button" className="btn btn-small" aria-disabled={busy || undefined} onClick={() => void show()} aria-label={names.show}>
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
        <canvas
          ref={canvasRef}
          className={`rp-image${revealed ? '' : ' rp-image-blurred'}`}
          role="img"
          aria-label={revealed ? names.altRevealed : names.altBlurred}
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
          <button type="button" className="btn btn-small" onClick={() => onReveal(true)} aria-label={names.reveal}>
            {t('reportView.att.reveal')}
          </button>
        )}
        <button type="button" className="btn btn-small" onClick={hide} aria-label={names.hide}>
          {t('reportView.att.hide')}
        </button>
      </figcaption>
    </figure>
  );
}
