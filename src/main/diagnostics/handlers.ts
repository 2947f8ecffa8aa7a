/** The diagnostics fragment's channels (shared/contract/diagnostics.ts). */
import type { HandlersOf } from '../../shared/contract.ts';
import type { diagnosticsChannels } from '../../shared/contract/diagnostics.ts';
import type { OfflineDiagnoseResult } from '../../shared/diagnostics.ts';
import type { OnlineDiagnoseResult, OnlineStatus } from '../../shared/diagnostics-online.ts';
import { recordAudit } from '../audit/audit.ts';
import { visibleCase } from '../cases/access.ts';
import { AppError } from '../errors.ts';
import { currentPayloads } from '../reports/report-rows.ts';
import type { Session } from '../session/session.ts';
import { readOnlineSettings, writeOnlineSettings } from '../settings/online-diagnostics.ts';
import type { Db } from '../store/database.ts';
import { parseResolver } from './online/dns.ts';
import type { FetchConfig, FetchDeps } from './online/fetch.ts';
import { parseProxyUrl } from './online/tunnel.ts';
import { onlineReadiness, runOnlineDiagnostic, urlHistory, type DiagnoseTarget } from './online/online.ts';
import { screenshotBytes } from '../evidence/evidence.ts';
import type { DecodeResult } from './images/image-decoder.ts';
import type { PageCapture } from './screenshot/capture.ts';
import { diagnoseUrlOffline } from './url-offline.ts';

export interface DiagnosticsHandlerDeps {
  session: Session;
  /** Tests only: the connector (loopback lab), extra roots, shorter deadlines. */
  online?: FetchDeps & { timeouts?: FetchConfig['timeouts'] };
  /** The browser page screenshots are taken with (plain Node: screenshot/capture.ts; the Electron shell gives its own). */
  pageCapture: PageCapture;
  /** Decodes an image in the decoder process (never here, never in the renderer): the screenshot's greyscale preview. */
  decodeImage: (bytes: Uint8Array) => Promise<DecodeResult>;
}

function reportUrls(db: Db, reportIds: readonly string[]): Map<string, string> {
  const urls = new Map<string, string>();
  const rows = db
    .prepare(
      `SELECT r.id AS id, v.payload AS payload FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.revision = r.revision
        WHERE r.id IN (SELECT value FROM json_each(?)) ORDER BY r.id`,
    )
    .all(JSON.stringify(reportIds)) as { id: string; payload: string }[];
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as { content?: { urls?: unknown } };
    const list = Array.isArray(payload.content?.urls) ? payload.content.urls : [];
    for (const text of list) {
      if (typeof text !== 'string') continue;
      // As the report view requests it: scheme added, defanging undone (the offline reading).
      const url = diagnoseUrlOffline(text).url;
      if (url !== null && !urls.has(url)) urls.set(url, row.id);
    }
  }
  return urls;
}

function onlineStatus(db: Db): OnlineStatus {
  const settings = readOnlineSettings(db);
  return { settings, ...onlineReadiness(settings) };
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

export function diagnosticsHandlers({ session, online = {}, pageCapture, decodeImage }: DiagnosticsHandlerDeps): HandlersOf<typeof diagnosticsChannels> {
  return {
    'diagnostics.onlineStatus': () => onlineStatus(session.unlocked().db),
    'diagnostics.onlineSettings': (input) => {
      const { db, analyst } = session.requireSupervisor();
      if (input.proxyUrl !== undefined && input.proxyUrl !== null && parseProxyUrl(input.proxyUrl) === null) {
        throw new AppError('INVALID_INPUT', 'The proxy must be http://HOST:PORT, https://HOST:PORT or socks5://HOST:PORT (no user, path or query).');
      }
      if (input.resolver !== undefined && input.resolver !== null && parseResolver(input.resolver) === null) {
        throw new AppError('INVALID_INPUT', 'The resolver must be IP:PORT or [IPv6]:PORT.');
      }
      return db.transaction(() => {
        writeOnlineSettings(db, input, analyst.id);
        const detail: Record<string, string | number | boolean | null> = {};
        for (const [key, value] of Object.entries(input)) detail[key] = value ?? null;
        recordAudit(db, analyst.id, 'diagnostics.online_settings_updated', detail);
        return onlineStatus(db);
      })();
    },
    'diagnostics.online': async (input): Promise<OnlineDiagnoseResult> => {
      const { db, analyst } = session.unlocked();
      const stored = readOnlineSettings(db);
      const override = 'override' in input ? input.override : undefined;
      if (override !== undefined && analyst.role !== 'supervisor') throw new AppError('FORBIDDEN', 'Only a supervisor may change the proxy, the resolver or the permissions for one run.');
      if (typeof override?.proxyUrl === 'string' && parseProxyUrl(override.proxyUrl) === null) throw new AppError('INVALID_INPUT', 'The proxy must be http://HOST:PORT, https://HOST:PORT or socks5://HOST:PORT.');
      if (typeof override?.resolver === 'string' && parseResolver(override.resolver) === null) throw new AppError('INVALID_INPUT', 'The resolver must be IP:PORT or [IPv6]:PORT.');
      // A supervisor's explicit run with its own path counts as enabling it for that run.
      const settings = override === undefined ? stored : { ...stored, ...override, enabled: true };
      const status = { settings, ...onlineReadiness(settings) };
      if (status.disabledReason !== null) {
        const why = { disabled: 'a supervisor has not enabled them in Settings', no_route: 'no proxy is configured and direct connections are not allowed', bad_proxy: 'the proxy setting is not a usable URL', bad_resolver: 'the resolver setting is not IP:PORT' }[status.disabledReason];
        throw new AppError('ONLINE_DISABLED', `Online diagnostics are not available: ${why}.`);
      }
      const targets: DiagnoseTarget[] = [];
      if (!('reportId' in input) && !('caseRef' in input)) {
        targets.push({ url: input.url, reportId: null, caseId: null, caseRef: null });
      } else if ('reportId' in input) {
        if (currentPayloads(db, [input.reportId]).length === 0) throw new AppError('NOT_FOUND', `No report ${input.reportId}.`);
        targets.push({ url: input.url, reportId: input.reportId, caseId: null, caseRef: null });
      } else {
        const row = visibleCase(db, analyst, input.caseRef);
        if ('url' in input) targets.push({ url: input.url, reportId: null, caseId: row.id, caseRef: row.ref });
        else {
          const ids = (db.prepare('SELECT report_id FROM case_reports WHERE case_id = ? AND removed_at IS NULL').pluck().all(row.id) as string[]);
          for (const [url, reportId] of reportUrls(db, ids)) targets.push({ url, reportId, caseId: row.id, caseRef: row.ref });
        }
      }
      const result: OnlineDiagnoseResult = { diagnostics: [], refused: [] };
      for (const target of targets) {
        try {
          const diagnostic = await runOnlineDiagnostic(db, analyst.id, target, status.settings, { ...online, screenshot: input.screenshot === true ? pageCapture : null });
          const shot: Record<string, string | null> = input.screenshot === true ? { screenshot: diagnostic.screenshot?.evidence_id ?? null, screenshotRefused: diagnostic.screenshot_refused?.code ?? null } : {};
          recordAudit(db, analyst.id, 'diagnostics.online_run', { url: target.url.slice(0, 500), reportId: target.reportId, caseRef: target.caseRef, state: diagnostic.state, route: diagnostic.route, warc: diagnostic.warc?.evidence_id ?? null, ...shot });
          result.diagnostics.push(diagnostic);
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'DESTINATION_REFUSED') throw error;
          recordAudit(db, analyst.id, 'diagnostics.online_run', { url: target.url.slice(0, 500), reportId: target.reportId, caseRef: target.caseRef, state: 'refused', refusal: error.message.slice(0, 500) });
          if (!('all' in input)) throw error;
          result.refused.push({ url: target.url, message: error.message });
        }
      }
      return result;
    },
    'diagnostics.history': (input) => {
      const { db, analyst } = session.unlocked();
      if ('reportId' in input) {
        if (currentPayloads(db, [input.reportId]).length === 0) throw new AppError('NOT_FOUND', `No report ${input.reportId}.`);
        return { urls: urlHistory(db, { reportId: input.reportId }) };
      }
      return { urls: urlHistory(db, { caseId: visibleCase(db, analyst, input.caseRef).id }) };
    },
    'diagnostics.screenshotPreview': async ({ evidenceId }) => {
      const bytes = screenshotBytes(session.unlocked(), evidenceId);
      const decoded = await decodeImage(bytes);
      const preview = decoded.ok ? decoded.analysis.preview : null;
      if (!preview) throw new AppError('NOT_FOUND', `The screenshot could not be decoded for a preview${decoded.ok ? '' : `: ${decoded.message}`}.`);
      return { width: preview.width, height: preview.height, grey: Buffer.from(preview.grey).toString('base64') };
    },
    'diagnostics.offline': (input) => {
      const { db } = session.unlocked();
      if ('reportId' in input) return diagnoseReportOffline(db, input.reportId);
      return { reportId: null, revision: null, urls: [diagnoseUrlOffline(input.url)] };
    },
  };
}
