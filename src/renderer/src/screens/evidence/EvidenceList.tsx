/**
 * The evidence of a case (tab) or of a report (section): each item with its
 * id, nature, SHA-256 (monospace, selectable, isolated left to right so that
 * Arabic never reorders it), size, media type found from the bytes, when (UTC)
 * and by whom it was acquired, and for a signed intake original whether its
 * signature still holds with the intake key (fingerprint shown). Opening an
 * item shows its method and its chain of custody, and the core logs the
 * opening. A file can be imported (at most 50 MiB). Nothing here shows an
 * item's bytes. An item whose content may leave the store (`exportable`) is
 * exported as its exact bytes (evidence.export, which logs `exported` in its
 * custody and the audit journal) under a safe name made here (its id and an
 * extension from the type found in its bytes, never the untrusted label),
 * through a download of a Blob: Chromium saves it, Electron asks where.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import { MAX_IMPORT_BYTES, type CustodyEntry, type EvidenceDetail, type EvidenceItem, type EvidenceTarget } from '../../../../shared/evidence.ts';
import { ErrorNotice, MessageNotice } from '../../components/Notice.tsx';
import { CopyButton } from '../../components/safe/CopyButton.tsx';
import { UserText } from '../../components/safe/UserText.tsx';
import { formatUtc, parseInstant } from '../../format.ts';
import { useI18n, type MessageKey, type Translate } from '../../i18n/index.ts';
import { Msg } from '../../i18n/Msg.tsx';
import { useApi } from '../../session/SessionContext.ts';
import { formatBytes } from '../report/reportLabels.ts';
import '../../styles/evidence.css';
import { saveDownload } from '../../components/saveDownload.ts';

const PAGE = 100;

/** An id or a hash: monospace, selectable, always left to right. */
function Ltr({ children, className }: { readonly children: string; readonly className?: string }): ReactNode {
  return (
    <bdi dir="ltr" className={`mono ev-ltr${className ? ` ${className}` : ''}`}>
      {children}
    </bdi>
  );
}

function Utc({ iso }: { readonly iso: string }): ReactNode {
  const date = parseInstant(iso);
  return <Ltr className="ev-utc">{date ? `${formatUtc(date)} UTC` : iso}</Ltr>;
}

function kindLabel(t: Translate, kind: EvidenceItem['kind']): string {
  return t(`evidence.kind.${kind}` as MessageKey);
}

/** Extensions by the media type found from the bytes; anything else is `.bin` (never `.html`, `.svg` or a program's). */
const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/heic': '.heic',
  'application/pdf': '.pdf',
  'application/zip': '.zip',
  'application/gzip': '.gz',
  'application/json': '.json',
  'application/warc': '.warc',
  'application/x-pem-file': '.pem',
  'text/plain; charset=utf-8': '.txt',
};

/** The exported file's name: the item's id (letters, digits, dashes) and an extension from its sniffed type. */
export function exportFileName(item: Pick<EvidenceItem, 'id' | 'mediaType'>): string {
  return `${item.id.replace(/[^A-Za-z0-9-]/g, '_')}${EXTENSIONS[item.mediaType] ?? '.bin'}`;
}

/** Saves the item's exact bytes (base64 from the core) as a download. */
function saveBytes(base64: string, fileName: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  saveDownload(bytes, fileName, 'application/octet-stream');
}

function ExportButton({ item }: { readonly item: EvidenceItem }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState<string | null>(null);
  async function exportItem(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    const fileName = exportFileName(item);
    const result = await api('evidence.export', { id: item.id, fileName });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    saveBytes(result.value.base64, result.value.fileName);
    setDone(result.value.fileName);
  }
  return (
    <>
      <button type="button" className="btn btn-small ev-export" aria-disabled={busy || undefined} aria-label={t('evidence.exportNamed', { id: item.id })} onClick={() => void exportItem()}>
        {busy ? t('evidence.exporting') : t('evidence.export')}
      </button>
      {done ? (
        <span className="ev-exported small muted" role="status">
          {t('evidence.exported')} <Ltr>{done}</Ltr>
        </span>
      ) : null}
      <ErrorNotice error={error} />
    </>
  );
}

/** Reads a file as base64 without a data: URL. */
async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

interface EvidenceListProps {
  readonly target: EvidenceTarget;
  /** In a case, each item says which report it belongs to. */
  readonly showReport?: boolean;
  /** Tells the parent how many there are (a tab or section count). */
  readonly onTotal?: (total: number) => void;
}

export function EvidenceList({ target, showReport = false, onTotal }: EvidenceListProps): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [items, setItems] = useState<EvidenceItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [generation, setGeneration] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const caseRef = 'caseRef' in target ? target.caseRef : null;
  const reportId = 'reportId' in target ? target.reportId : null;
  const stable = useMemo<EvidenceTarget>(() => (caseRef !== null ? { caseRef } : { reportId: reportId ?? '' }), [caseRef, reportId]);

  useEffect(() => {
    let cancelled = false;
    void api('evidence.list', { target: stable, offset: 0, limit: PAGE }).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setItems(result.value.items);
        setTotal(result.value.total);
        setError(null);
        onTotal?.(result.value.total);
      } else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api, stable, generation, onTotal]);

  const more = useCallback(async () => {
    const loaded = items?.length ?? 0;
    const result = await api('evidence.list', { target: stable, offset: loaded, limit: PAGE });
    if (result.ok) {
      setItems((current) => [...(current ?? []), ...result.value.items]);
      setTotal(result.value.total);
    } else setError(result.error);
  }, [api, items, stable]);

  return (
    <div className="ev">
      <div className="ev-toolbar">
        <p className="ev-total muted">{items ? t('evidence.total', { count: total }) : t('common.loading')}</p>
        <ImportButton target={target} onImported={() => setGeneration((n) => n + 1)} />
      </div>
      <ErrorNotice error={error} />
      {items && items.length === 0 ? <p className="ev-empty muted">{t('evidence.none')}</p> : null}
      {items && items.length > 0 ? (
        <ol className="ev-items">
          {items.map((item) => (
            <li key={item.id} className={`ev-item${openId === item.id ? ' ev-item-open' : ''}`}>
              <ItemSummary item={item} showReport={showReport} open={openId === item.id} onToggle={() => setOpenId(openId === item.id ? null : item.id)} />
              {openId === item.id ? <ItemDetail id={item.id} /> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {items && items.length < total ? (
        <button type="button" className="btn btn-small ev-more" onClick={() => void more()}>
          {t('evidence.showMore')}
        </button>
      ) : null}
    </div>
  );
}

function SignatureLine({ signature }: { readonly signature: NonNullable<EvidenceItem['signature']> }): ReactNode {
  const { t } = useI18n();
  if (signature.erasedAt) {
    return (
      <p className="ev-signature ev-signature-erased" role="note">
        <Msg id="evidence.signature.erased" params={{ date: <Utc iso={signature.erasedAt} /> }} />
      </p>
    );
  }
  if (!signature.verified) {
    return (
      <p className="ev-signature ev-signature-failed" role="note">
        <span aria-hidden="true" className="ev-signature-mark">
          ✗
        </span>
        {t('evidence.signature.failed')}
      </p>
    );
  }
  return (
    <p className="ev-signature ev-signature-ok">
      <span aria-hidden="true" className="ev-signature-mark">
        ✓
      </span>
      <span>
        <Msg id="evidence.signature.verified" params={{ fingerprint: <Ltr className="fingerprint">{signature.keyFingerprint ?? ''}</Ltr> }} />
        {signature.currentKey ? null : <span className="ev-signature-old"> · {t('evidence.signature.oldKey')}</span>}
      </span>
    </p>
  );
}

function ItemSummary({ item, showReport, open, onToggle }: { readonly item: EvidenceItem; readonly showReport: boolean; readonly open: boolean; readonly onToggle: () => void }): ReactNode {
  const { t, locale } = useI18n();
  return (
    <>
      <div className="ev-head">
        <Ltr className="ev-id">{item.id}</Ltr>
        <span className={`badge ev-kind ev-kind-${item.kind}`}>{kindLabel(t, item.kind)}</span>
        {item.label && item.kind !== 'intake_original' ? <UserText text={item.label} className="ev-label" /> : null}
        <button type="button" className="btn btn-small ev-open" aria-expanded={open} aria-label={t(open ? 'evidence.closeNamed' : 'evidence.openNamed', { id: item.id })} onClick={onToggle}>
          {open ? t('evidence.close') : t('evidence.open')}
        </button>
        {item.exportable ? <ExportButton item={item} /> : null}
      </div>
      <div className="ev-hash">
        <span className="ev-hash-name">SHA-256</span>
        <Ltr className="fingerprint ev-sha">{item.sha256}</Ltr>
        <CopyButton value={item.sha256} label={t('safe.copy')} accessibleName={t('evidence.copyHash', { id: item.id })} />
      </div>
      <dl className="ev-facts">
        <div>
          <dt>{t('evidence.col.size')}</dt>
          <dd className="num">{formatBytes(t, locale, item.size)}</dd>
        </div>
        <div>
          <dt>{t('evidence.col.mediaType')}</dt>
          <dd>
            <Ltr>{item.mediaType}</Ltr>
          </dd>
        </div>
        <div>
          <dt>{t('evidence.col.acquired')}</dt>
          <dd>
            <Utc iso={item.acquiredAt} />
          </dd>
        </div>
        <div>
          <dt>{t('evidence.col.by')}</dt>
          <dd>{item.acquiredByName ? <bdi dir="auto">{item.acquiredByName}</bdi> : <span className="muted">{t('evidence.bySync')}</span>}</dd>
        </div>
        {showReport && item.reportId ? (
          <div>
            <dt>{t('evidence.col.report')}</dt>
            <dd>
              <Ltr>{item.reportId}</Ltr>
            </dd>
          </div>
        ) : null}
      </dl>
      {item.signature ? <SignatureLine signature={item.signature} /> : null}
    </>
  );
}

/** Method fields shown, in this order (the key's PEM is summed up by its fingerprint). */
const METHOD_HIDDEN = new Set(['intakeKeyPem', 'description']);

function MethodValue({ value }: { readonly value: unknown }): ReactNode {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // Values may come from outside (a file's name): shown as user text, its invisible and direction characters marked.
  return (
    <bdi dir="ltr" className="ev-ltr">
      <UserText text={text.length > 400 ? `${text.slice(0, 400)}…` : text} mono className="ev-method-value" />
    </bdi>
  );
}

function ItemDetail({ id }: { readonly id: string }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [detail, setDetail] = useState<EvidenceDetail | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    let cancelled = false;
    // Opening an item is logged in its chain of custody by the core.
    void api('evidence.get', { id }).then((result) => {
      if (cancelled) return;
      if (result.ok) setDetail(result.value);
      else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api, id]);

  if (error) return <ErrorNotice error={error} />;
  if (!detail) return <p className="muted small">{t('common.loading')}</p>;
  const { item, custody } = detail;
  const method = Object.entries(item.method).filter(([name]) => !METHOD_HIDDEN.has(name));
  return (
    <div className="ev-detail">
      <dl className="ev-facts ev-facts-detail">
        {item.label ? (
          <div>
            <dt>{t('evidence.detail.label')}</dt>
            <dd>
              <UserText text={item.label} />
            </dd>
          </div>
        ) : null}
        {item.declaredType ? (
          <div>
            <dt>{t('evidence.detail.declaredType')}</dt>
            <dd>
              <UserText text={item.declaredType} mono />
            </dd>
          </div>
        ) : null}
        <div className="ev-fact-wide">
          <dt>{t('evidence.detail.sha1')}</dt>
          <dd>
            <Ltr className="fingerprint">{item.sha1}</Ltr>
          </dd>
        </div>
        <div className="ev-fact-wide">
          <dt>{t('evidence.detail.md5')}</dt>
          <dd>
            <Ltr className="fingerprint">{item.md5}</Ltr>
          </dd>
        </div>
        <div>
          <dt>{t('evidence.detail.clock')}</dt>
          <dd>{item.clock === 'workstation' ? t('evidence.detail.clock.workstation') : <Ltr>{item.clock}</Ltr>}</dd>
        </div>
        <div>
          <dt>{t('evidence.detail.workstation')}</dt>
          <dd>{item.workstationId ? <Ltr>{item.workstationId}</Ltr> : <span className="muted">—</span>}</dd>
        </div>
        <div>
          <dt>{t('evidence.detail.tool')}</dt>
          <dd>
            <Ltr>{`${item.tool} ${item.toolVersion}`}</Ltr>
          </dd>
        </div>
        {item.sourceRef ? (
          <div>
            <dt>{t('evidence.detail.source')}</dt>
            <dd>
              <Ltr>{item.sourceRef}</Ltr>
            </dd>
          </div>
        ) : null}
      </dl>
      {!item.exportable ? (
        <p className="rp-noview" role="note">
          {t('evidence.detail.noExport')}
        </p>
      ) : null}
      <h4 className="ev-subtitle">{t('evidence.detail.method')}</h4>
      <dl className="ev-method">
        {method.map(([name, value]) => (
          <div key={name}>
            <dt>
              <Ltr>{name}</Ltr>
            </dt>
            <dd>
              <MethodValue value={value} />
            </dd>
          </div>
        ))}
      </dl>
      <h4 className="ev-subtitle">{t('evidence.custody')}</h4>
      <ol className="ev-custody">
        {custody.map((entry) => (
          <CustodyLine key={entry.id} entry={entry} />
        ))}
      </ol>
    </div>
  );
}

function CustodyLine({ entry }: { readonly entry: CustodyEntry }): ReactNode {
  const { t } = useI18n();
  const registeredAt = typeof entry.detail['registeredAt'] === 'string' ? entry.detail['registeredAt'] : null;
  const file = typeof entry.detail['file'] === 'string' ? entry.detail['file'] : typeof entry.detail['fileName'] === 'string' ? entry.detail['fileName'] : null;
  const hash = typeof entry.detail['sha256'] === 'string' && entry.action === 'exported' ? entry.detail['sha256'] : null;
  const reason = typeof entry.detail['reason'] === 'string' ? entry.detail['reason'] : null;
  return (
    <li className={`ev-custody-entry ev-custody-${entry.action}`}>
      <span className="ev-custody-action">{t(`evidence.custody.${entry.action}` as MessageKey)}</span>
      <span className="ev-custody-who">{entry.analystName ? <bdi dir="auto">{entry.analystName}</bdi> : <span className="muted">{t('evidence.bySync')}</span>}</span>
      <Utc iso={entry.at} />
      {registeredAt ? (
        <span className="ev-custody-detail muted small">
          <Msg id="evidence.custody.registeredLater" params={{ at: <Utc iso={registeredAt} /> }} />
        </span>
      ) : null}
      {file ? (
        <span className="ev-custody-detail small">
          <UserText text={file} mono />
        </span>
      ) : null}
      {hash ? (
        <span className="ev-custody-detail small">
          <Ltr>{`sha256 ${hash}`}</Ltr>
        </span>
      ) : null}
      {reason ? (
        <span className="ev-custody-detail small">
          <Ltr>{reason}</Ltr>
        </span>
      ) : null}
    </li>
  );
}

function ImportButton({ target, onImported }: { readonly target: EvidenceTarget; readonly onImported: () => void }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: ReactNode } | null>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    setMessage(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setMessage({ tone: 'error', text: t('evidence.tooBig') });
      return;
    }
    setBusy(true);
    const result = await api('evidence.import', { target, fileName: file.name, ...(file.type ? { declaredType: file.type } : {}), base64: await fileBase64(file), via: 'window' });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setMessage({ tone: 'ok', text: <Msg id="evidence.imported" params={{ id: <Ltr>{result.value.id}</Ltr> }} /> });
    onImported();
  }

  return (
    <div className="ev-import">
      <input ref={input} type="file" className="visually-hidden" tabIndex={-1} aria-hidden="true" onChange={(event) => void onFile(event)} />
      <button type="button" className="btn btn-small" aria-disabled={busy || undefined} onClick={() => !busy && input.current?.click()}>
        {busy ? t('evidence.importing') : t('evidence.import')}
      </button>
      {message ? <MessageNotice tone={message.tone}>{message.text}</MessageNotice> : null}
      <ErrorNotice error={error} />
    </div>
  );
}
