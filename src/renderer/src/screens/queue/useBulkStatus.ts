/**
 * Status changes from the queue (claim `c`, or any status from the menu `s`)
 * on the selected reports, else the active row.
 *
 * First the core says which of them another workstation analyses
 * (`reports.heldElsewhere`); when some are, or the status closes the report
 * (a reason is needed), the StatusConfirmDialog asks: how many are held
 * elsewhere and whether to leave them or take them over, and the reason.
 * Then the change is shown at once in the rows, sent in batches and read back
 * from the core; the confirmation offers its undo (UndoToast) for a while.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorShape } from '../../../../shared/contract.ts';
import type { ReportStatus } from '../../../../shared/schemas.ts';
import { isClosingStatus } from '../../../../shared/statuses.ts';
import type { ErrorContext } from '../../i18n/errors.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import type { RowCache } from './rowCache.ts';
import type { StatusChoice, StatusRequest } from './StatusConfirmDialog.tsx';

/** The bulk channels take this many reports per call. */
const BULK_MAX = 500;
/** What the undo did stays this long. */
const OUTCOME_MS = 6000;

export type Outcome =
  | {
      readonly kind: 'ok';
      readonly key: MessageKey;
      readonly params: Readonly<Record<string, string | number>>;
      readonly status: ReportStatus;
      /** What `reports.undoStatus` takes back (one per batch). */
      readonly undoIds: readonly string[];
    }
  | { readonly kind: 'undone'; readonly restored: number; readonly resent: number; readonly skipped: number }
  | { readonly kind: 'error'; readonly error: AppErrorShape; readonly context: ErrorContext };

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
  /** What the dialog asks before the change (null: nothing to ask). */
  readonly request: StatusRequest | null;
  readonly setStatus: (status: ReportStatus) => Promise<void>;
  readonly confirm: (choice: StatusChoice) => void;
  readonly cancel: () => void;
  readonly undo: () => Promise<void>;
  readonly dismiss: () => void;
}

/** What the outcome says: one report by its id, several by their count. */
export function outcomeMessage(status: ReportStatus, ids: readonly string[], updated: number): { key: MessageKey; params: Record<string, string | number> } {
  const claim = status === 'in_analysis';
  if (ids.length === 1) return { key: claim ? 'queue.claimedReport' : 'queue.statusSetReport', params: { id: ids[0] ?? '' } };
  return { key: claim ? 'queue.claimed' : 'queue.statusSet', params: { count: updated } };
}

export function useBulkStatus({ cache, enabled, targetIds, onApplied }: BulkStatusOptions): BulkStatus {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [request, setRequest] = useState<StatusRequest | null>(null);

  const apply = useCallback(
    async (status: ReportStatus, ids: readonly string[], reason: string | undefined, takeOver: boolean) => {
      if (ids.length === 0) return;
      setBusy(true);
      const wanted = new Set(ids);
      cache.patch((row) => (wanted.has(row.id) ? { ...row, status, claimedByOther: false, statusWorkstation: null } : row));
      let updated = 0;
      const undoIds: string[] = [];
      let failure: AppErrorShape | null = null;
      for (let start = 0; start < ids.length && !failure; start += BULK_MAX) {
        const result = await api('reports.setStatusBulk', {
          reportIds: ids.slice(start, start + BULK_MAX),
          status,
          ...(reason !== undefined ? { reason } : {}),
          ...(takeOver ? { takeOver } : {}),
        });
        if (result.ok) {
          updated += result.value.updated;
          undoIds.push(result.value.undoId);
          cache.markGeneration(result.value.generation);
        } else failure = result.error;
      }
      setBusy(false);
      if (failure) {
        cache.refresh();
        setOutcome({ kind: 'error', error: failure, context: 'setStatus' });
        onApplied(false);
        return;
      }
      setOutcome({ kind: 'ok', ...outcomeMessage(status, ids, updated), status, undoIds });
      onApplied(true);
    },
    [api, cache, onApplied],
  );

  const setStatus = useCallback(
    async (status: ReportStatus) => {
      const ids = targetIds();
      if (ids.length === 0 || busy || !enabled) return;
      setBusy(true);
      setOutcome(null);
      // Which of them another workstation analyses: said and asked before anything changes.
      const held: { reportId: string; workstationId: string }[] = [];
      for (let start = 0; start < ids.length; start += BULK_MAX) {
        const result = await api('reports.heldElsewhere', { reportIds: ids.slice(start, start + BULK_MAX) });
        if (!result.ok) {
          setBusy(false);
          setOutcome({ kind: 'error', error: result.error, context: 'setStatus' });
          return;
        }
        held.push(...result.value.reports);
      }
      setBusy(false);
      if (held.length > 0 || isClosingStatus(status)) {
        setRequest({ status, reportIds: ids, held });
        return;
      }
      await apply(status, ids, undefined, false);
    },
    [targetIds, busy, enabled, api, apply],
  );

  const confirm = useCallback(
    (choice: StatusChoice) => {
      if (!request) return;
      setRequest(null);
      void apply(request.status, choice.reportIds, choice.reason, choice.takeOver);
    },
    [request, apply],
  );
  const cancel = useCallback(() => setRequest(null), []);

  const undo = useCallback(async () => {
    if (outcome?.kind !== 'ok') return;
    const totals = { restored: 0, resent: 0, skipped: 0 };
    for (const undoId of outcome.undoIds) {
      const result = await api('reports.undoStatus', { undoId });
      if (!result.ok) {
        setOutcome({ kind: 'error', error: result.error, context: 'undoStatus' });
        cache.refresh();
        onApplied(false);
        return;
      }
      totals.restored += result.value.restored;
      totals.resent += result.value.resent;
      totals.skipped += result.value.skipped;
      cache.markGeneration(result.value.generation);
    }
    cache.refresh();
    setOutcome({ kind: 'undone', ...totals });
    onApplied(false);
  }, [outcome, api, cache, onApplied]);
  const dismiss = useCallback(() => setOutcome(null), []);

  useEffect(() => {
    if (outcome?.kind !== 'undone') return;
    const timer = setTimeout(() => setOutcome(null), OUTCOME_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  return { busy, outcome, request, setStatus, confirm, cancel, undo, dismiss };
}
