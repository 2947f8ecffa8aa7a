/**
 * Cases from the queue: `n` makes a new case of the selection (or the active
 * row, or in cluster grouping the active cluster), `a` adds the selection (or
 * the active row) to a case. The dialog to show, the rows patched at once
 * (case column, `received` now in analysis) before the core's change event
 * reads them again, and the outcome (it stays, with its way to the case,
 * until dismissed or replaced).
 */
import { useCallback, useState } from 'react';
import type { CaseView } from '../../../../shared/cases.ts';
import type { QueueRow } from '../../../../shared/triage.ts';
import { useI18n } from '../../i18n/index.ts';
import { useApi } from '../../session/SessionContext.ts';
import type { ClaimCounts } from '../report/ClaimNote.tsx';
import { suggestCaseTitle } from './caseTitle.ts';
import type { NewCaseSource } from './NewCaseDialog.tsx';
import type { RowCache } from './rowCache.ts';

export type CaseRequest =
  | { readonly kind: 'new'; readonly source: NewCaseSource; readonly suggestion: string; readonly claim: ClaimCounts }
  | { readonly kind: 'add'; readonly reportIds: readonly string[]; readonly claim: ClaimCounts };

export interface CaseOutcome {
  readonly kind: 'created' | 'added';
  readonly ref: string;
  readonly title: string;
  /** Reports in the case after the action (created), or reports added (added). */
  readonly count: number;
}

interface CaseActionsOptions {
  readonly cache: RowCache;
  readonly clusters: boolean;
  /** The selected reports, else the active row's. */
  readonly targetIds: () => string[];
  /** The active row (a cluster's in cluster grouping). */
  readonly activeRow: () => QueueRow | undefined;
  /** After a case took reports: counts read again, selection cleared. */
  readonly onApplied: () => void;
}

export interface CaseActions {
  readonly request: CaseRequest | null;
  readonly outcome: CaseOutcome | null;
  readonly openNew: () => void;
  readonly openAdd: () => void;
  readonly cancel: () => void;
  readonly created: (view: CaseView) => void;
  readonly added: (view: CaseView, count: number) => void;
  readonly dismiss: () => void;
}

/**
 * Statuses the core will change, from the rows the queue has loaded; `heldElsewhere`, when the core said it
 * (`reports.heldElsewhere`), counts the reports another workstation analyses among all of them, loaded or not.
 */
export function claimCounts(ids: readonly string[], rows: readonly QueueRow[], heldElsewhere: number | null = null): ClaimCounts {
  const claimedOther = heldElsewhere ?? rows.filter((row) => row.claimedByOther).length;
  if (rows.length < ids.length) return { received: null, claimedOther };
  return { received: rows.filter((row) => row.status === 'received').length, claimedOther };
}

/** How many of these reports another workstation analyses, as the core says (null if it could not say). */
async function countHeldElsewhere(api: ReturnType<typeof useApi>, ids: readonly string[]): Promise<number | null> {
  let held = 0;
  for (let start = 0; start < ids.length; start += 500) {
    const result = await api('reports.heldElsewhere', { reportIds: ids.slice(start, start + 500) });
    if (!result.ok) return null;
    held += result.value.reports.length;
  }
  return held;
}

export function useCaseActions({ cache, clusters, targetIds, activeRow, onApplied }: CaseActionsOptions): CaseActions {
  const { t } = useI18n();
  const api = useApi();
  const [request, setRequest] = useState<CaseRequest | null>(null);
  const [outcome, setOutcome] = useState<CaseOutcome | null>(null);

  const openNew = useCallback(() => {
    if (clusters) {
      const row = activeRow();
      if (!row) return;
      setRequest({
        kind: 'new',
        source: { kind: 'cluster', clusterId: row.clusterId, size: row.clusterSize },
        suggestion: suggestCaseTitle(t, [row], row.clusterSize),
        claim: { received: null, claimedOther: 0 },
      });
      return;
    }
    const ids = targetIds();
    if (ids.length === 0) return;
    const rows = cache.rowsOf(new Set(ids));
    // The rows loaded may be a few of a large selection: the core counts those held elsewhere among all of them.
    void countHeldElsewhere(api, ids).then((held) =>
      setRequest({ kind: 'new', source: { kind: 'reports', reportIds: ids }, suggestion: suggestCaseTitle(t, rows, ids.length), claim: claimCounts(ids, rows, held) }),
    );
  }, [clusters, activeRow, targetIds, cache, t, api]);

  const openAdd = useCallback(() => {
    if (clusters) return;
    const ids = targetIds();
    if (ids.length === 0) return;
    void countHeldElsewhere(api, ids).then((held) => setRequest({ kind: 'add', reportIds: ids, claim: claimCounts(ids, cache.rowsOf(new Set(ids)), held) }));
  }, [clusters, targetIds, cache, api]);

  /** The rows that joined the case show it at once; those still received are now in analysis here. */
  const patchRows = useCallback(
    (ref: string, joined: (row: QueueRow) => boolean) => {
      cache.patch((row) => {
        if (!joined(row)) return row;
        const cases = row.cases.includes(ref) ? row.cases : [...row.cases, ref];
        return row.status === 'received' ? { ...row, cases, status: 'in_analysis', statusWorkstation: null } : { ...row, cases };
      });
    },
    [cache],
  );

  const created = useCallback(
    (view: CaseView) => {
      const source = request?.kind === 'new' ? request.source : null;
      if (source?.kind === 'cluster') patchRows(view.ref, (row) => row.clusterId === source.clusterId);
      else {
        const ids = new Set(view.reportIds);
        patchRows(view.ref, (row) => ids.has(row.id));
      }
      setRequest(null);
      setOutcome({ kind: 'created', ref: view.ref, title: view.title, count: view.reports });
      onApplied();
    },
    [request, patchRows, onApplied],
  );

  const added = useCallback(
    (view: CaseView, count: number) => {
      const ids = new Set(request?.kind === 'add' ? request.reportIds : []);
      patchRows(view.ref, (row) => ids.has(row.id));
      setRequest(null);
      setOutcome({ kind: 'added', ref: view.ref, title: view.title, count });
      onApplied();
    },
    [request, patchRows, onApplied],
  );

  const cancel = useCallback(() => setRequest(null), []);
  const dismiss = useCallback(() => setOutcome(null), []);

  return { request, outcome, openNew, openAdd, cancel, created, added, dismiss };
}
