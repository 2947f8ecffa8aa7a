/**
 * The audit journal: the state of its hash chain and of its anchors at the
 * intake service, filters (analyst, action, report, case, period), the
 * matching entries newest first, 100 at a time ("load older" pages back from
 * the oldest shown), and the export of what matches as CSV or JSON, made by
 * the core and recorded there.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { AuditFilters as Filters } from '../../../../shared/contract/audit.ts';
import type { AuditEvent } from '../../../../shared/schemas.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { saveDownload } from '../../components/saveDownload.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { AuditFilters } from './AuditFilters.tsx';
import { AuditTable } from './AuditTable.tsx';
import { ChainState } from './ChainState.tsx';
import './audit.css';

const PAGE_SIZE = 100;

interface AuditData {
  readonly events: readonly AuditEvent[];
  readonly matching: number;
  readonly analysts: readonly { readonly id: string; readonly name: string }[];
}

export function AuditScreen({ supervisor }: { readonly supervisor: boolean }): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [data, setData] = useState<AuditData | null>(null);
  const [filters, setFilters] = useState<Filters>({});
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const [exported, setExported] = useState<{ fileName: string; entries: number } | null>(null);

  useEffect(() => {
    let cancelled = false;
    void api('audit.search', { filters, limit: PAGE_SIZE }).then((page) => {
      if (cancelled) return;
      setLoading(false);
      if (page.ok) {
        setData(page.value);
        setError(null);
      } else {
        setError(page.error);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [api, generation, filters]);

  const refresh = useCallback(() => {
    setLoading(true);
    setGeneration((n) => n + 1);
  }, []);

  function apply(next: Filters): void {
    setLoading(true);
    setExported(null);
    setFilters(next);
  }

  async function loadOlder(): Promise<void> {
    const oldest = data?.events.at(-1);
    if (!data || !oldest) return;
    setLoading(true);
    const page = await api('audit.search', { filters, limit: PAGE_SIZE, before: oldest.id });
    setLoading(false);
    if (!page.ok) {
      setError(page.error);
      return;
    }
    setError(null);
    setData({ ...page.value, events: [...data.events, ...page.value.events] });
  }

  async function exportAs(format: 'csv' | 'json'): Promise<void> {
    setExported(null);
    const file = await api('audit.export', { format, filters });
    if (!file.ok) {
      setError(file.error);
      return;
    }
    saveDownload(file.value.text, file.value.fileName, file.value.mediaType);
    setExported({ fileName: file.value.fileName, entries: file.value.entries });
    // The export is itself an entry of the journal: show it.
    setGeneration((n) => n + 1);
  }

  const events = data?.events ?? [];
  const hasOlder = data !== null && events.length < data.matching && events.length > 0;

  return (
    <>
      <ScreenHeader
        title={t('nav.audit')}
        intro={t('audit.intro')}
        actions={
          <button type="button" className="btn" onClick={refresh} disabled={loading}>
            {t('audit.refresh')}
          </button>
        }
      />
      <ChainState generation={generation} supervisor={supervisor} />
      <AuditFilters analysts={data?.analysts ?? []} onApply={apply} />
      <div className="audit-export">
        <button type="button" className="btn btn-small" onClick={() => void exportAs('csv')}>
          {t('audit.export.csv')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => void exportAs('json')}>
          {t('audit.export.json')}
        </button>
        {exported ? (
          <span className="small muted" role="status">
            {t('audit.export.done', { file: exported.fileName, count: exported.entries })}
          </span>
        ) : null}
      </div>
      <ErrorNotice error={error} />
      {data === null && loading ? <Loading /> : null}
      {data !== null && events.length === 0 ? <p className="empty-line">{t('audit.empty')}</p> : null}
      {events.length > 0 && data ? (
        <>
          <p className="table-summary" role="status">
            {t('audit.count', { shown: events.length, total: data.matching })}
          </p>
          <AuditTable events={events} analysts={data.analysts} />
          {hasOlder ? (
            <div className="table-more">
              <button type="button" className="btn" onClick={() => void loadOlder()} disabled={loading}>
                {t('audit.loadOlder')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}
