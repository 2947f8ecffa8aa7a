/**
 * The audit trail, newest first, 100 events at a time; "load older" pages
 * back from the oldest event shown.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { AuditEvent } from '../../../../shared/schemas.ts';
import { Loading } from '../../components/Loading.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import { AuditTable } from './AuditTable.tsx';

const PAGE_SIZE = 100;

interface AuditData {
  readonly events: readonly AuditEvent[];
  readonly total: number;
}

export function AuditScreen(): ReactNode {
  const { t } = useI18n();
  const api = useApi();
  const [data, setData] = useState<AuditData | null>(null);
  const [profileNames, setProfileNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    void Promise.all([api('audit.list', { limit: PAGE_SIZE }), api('profiles.list')]).then(([page, profiles]) => {
      if (cancelled) return;
      setLoading(false);
      if (page.ok) {
        setData({ events: page.value.events, total: page.value.total });
        setError(null);
      } else {
        setError(page.error);
      }
      if (profiles.ok) setProfileNames(new Map(profiles.value.map((p) => [p.id, p.name])));
    });
    return () => {
      cancelled = true;
    };
  }, [api, generation]);

  const refresh = useCallback(() => {
    setLoading(true);
    setGeneration((n) => n + 1);
  }, []);

  async function loadOlder(): Promise<void> {
    const oldest = data?.events.at(-1);
    if (!data || !oldest) return;
    setLoading(true);
    const page = await api('audit.list', { limit: PAGE_SIZE, before: oldest.id });
    setLoading(false);
    if (!page.ok) {
      setError(page.error);
      return;
    }
    setError(null);
    setData({ events: [...data.events, ...page.value.events], total: page.value.total });
  }

  const events = data?.events ?? [];
  const hasOlder = data !== null && events.length < data.total && events.length > 0;

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
      <ErrorNotice error={error} />
      {data === null && loading ? <Loading /> : null}
      {data !== null && events.length === 0 ? <p className="empty-line">{t('audit.empty')}</p> : null}
      {events.length > 0 && data ? (
        <>
          <p className="table-summary" role="status">
            {t('audit.count', { shown: events.length, total: data.total })}
          </p>
          <AuditTable events={events} profileNames={profileNames} />
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
