/** The diagnostics fragment's channels (shared/contract/diagnostics.ts). */
import type { HandlersOf } from '../../shared/contract.ts';
import type { diagnosticsChannels } from '../../shared/contract/diagnostics.ts';
import type { OfflineDiagnoseResult } from '../../shared/diagnostics.ts';
import { AppError } from '../errors.ts';
import { currentPayloads } from '../reports/report-rows.ts';
import type { Session } from '../session/session.ts';
import type { Db } from '../store/database.ts';
import { diagnoseUrlOffline } from './url-offline.ts';

export interface DiagnosticsHandlerDeps {
  session: Session;
}

/**
 * Every URL of a report's current revision, diagnosed offline. Access as for reports.get: any unlocked
 * analyst, NOT_FOUND for a report the store does not hold.
 */
export function diagnoseReportOffline(db: Db, reportId: string): OfflineDiagnoseResult {
  const [row] = currentPayloads(db, [reportId]);
  if (row === undefined) throw new AppError('NOT_FOUND', `No report ${reportId}.`);
  const payload = JSON.parse(row.payload) as { revision?: unknown; content?: { urls?: unknown } };
  const urls = Array.isArray(payload.content?.urls) ? payload.content.urls.filter((u): u is string => typeof u === 'string') : [];
  return {
    reportId,
    revision: typeof payload.revision === 'number' && Number.isInteger(payload.revision) ? payload.revision : null,
    urls: urls.map((url) => diagnoseUrlOffline(url)),
  };
}

export function diagnosticsHandlers({ session }: DiagnosticsHandlerDeps): HandlersOf<typeof diagnosticsChannels> {
  return {
    'diagnostics.offline': (input) => {
      const { db } = session.unlocked();
      if ('reportId' in input) return diagnoseReportOffline(db, input.reportId);
      return { reportId: null, revision: null, urls: [diagnoseUrlOffline(input.url)] };
    },
  };
}
