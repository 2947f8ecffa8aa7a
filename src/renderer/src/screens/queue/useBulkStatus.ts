/**
 * Status changes from the queue (claim, or any status) on the selected
 * reports, else the active row: shown at once in the rows, sent in batches,
 * then read back from the core; the outcome is said for a while.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { ReportStatus } from '../../../../shared/schemas.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import type { RowCache } from './rowCache.ts';

/** The bulk channel takes this many reports per call. */
const BULK_MAX = 500;
/** A confirmation goes away after this long; an error stays until the next action. */
const OUTCOME_MS = 6000;

export type Outcome =
  | { readonly kind: 'ok'; readonly key: MessageKey; readonly params: Readonly<Record<string, string | number>>; readonly status: ReportStatus }
  | { readonly kind: 'error'; readonly error: AppErrorShape };

interface BulkStatusOptions {
  readonly cache: RowCache;
  /** Groups are not given statuses. */
  readonly enabled: boolean;
  /** The reports an action applies to, read when it runs. */
  readonly targetIds: () => string[];
  /** After the core answered: the counts are read again, the selection cleared. */
  readonly onApplied: (succeeded: boolean) => void;
}

export interface BulkStatus {
  readonly busy: boolean;
  readonly outcome: Outcome | null;
  readonly setStatus: (status: ReportStatus) => Promise<void>;
}

/** What the outcome says: one report by its id, several by their count. */
export function outcomeMessage(status: ReportStatus, ids: readonly string[], updated: number): Pick<Extract<Outcome, { kind: 'ok' }>, 'key' | 'params'> {
  const claim = status === 'in_analysis';
  if (ids.length === 1) return { key: claim ? 'queue.claimedReport' : 'queue.statusSetReport', params: { id: ids[0] ?? '' } };
  return { key: claim ? 'queue.claimed' : 'queue.statusSet', params: { count: updated } };
}

export function useBulkStatus({ cache, enabled, targetIds, onApplied }: BulkStatusOptions): BulkStatus {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const setStatus = useCallback(
    async (status: ReportStatus) => {
      const ids = targetIds();
      if (ids.length === 0 || busy || !enabled) return;
      setBusy(true);
      const wanted = new Set(ids);
      cache.patch((row) => (wanted.has(row.id) ? { ...row, status, claimedByOther: false, statusWorkstation: null } : row));
      let updated = 0;
      let failure: AppErrorShape | null = null;
      for (let start = 0; start < ids.length && !failure; start += BULK_MAX) {
        const result = await api('reports.setStatusBulk', { reportIds: ids.slice(start, start + BULK_MAX), status });
        if (result.ok) {
          updated += result.value.updated;
          cache.markGeneration(result.value.generation);
        } else failure = result.error;
      }
      setBusy(false);
      if (failure) {
        cache.refresh();
        setOutcome({ kind: 'error', error: failure });
        onApplied(false);
        return;
      }
      setOutcome({ kind: 'ok', ...outcomeMessage(status, ids, updated), status });
      onApplied(true);
    },
    [targetIds, busy, enabled, cache, api, onApplied],
  );

  useEffect(() => {
    if (outcome?.kind !== 'ok') return;
    const timer = setTimeout(() => setOutcome(null), OUTCOME_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  return { busy, outcome, setStatus };
}
