/**
 * The audit channels (shared/contract/audit.ts). They sit here, in the api
 * layer, because they join the journal (audit/, below the session) with the
 * session, the intake settings (for the anchors' key and workstation id) and
 * the service's list of anchors (sync/).
 */
import type { KeyObject } from 'node:crypto';
import type { HandlersOf } from '../../shared/contract.ts';
import type { auditChannels } from '../../shared/contract/audit.ts';
import { NO_VIEW_CATEGORIES } from '../../shared/triage.ts';
import { recordAudit } from '../audit/audit.ts';
import { anchorQueueCounts, intakePublicKey, readAnchorEvery, writeAnchorEvery } from '../audit/anchors.ts';
import { exportAudit, searchAudit } from '../audit/journal.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import { AppError } from '../errors.ts';
import { screenshotUnblurred } from '../evidence/evidence.ts';
import type { Session } from '../session/session.ts';
import { readIntakeConfig } from '../settings/intake-config.ts';
import { fetchServiceAnchors } from '../sync/audit-anchoring.ts';
import { intakeFailure } from '../sync/intake-settings.ts';

export function auditHandlers({ session, now }: { session: Session; now: () => number }): HandlersOf<typeof auditChannels> {
  return {
    'audit.search': (input) => searchAudit(session.unlocked().db, input),

    'audit.verify': async ({ online }) => {
      const { db } = session.unlocked();
      const config = readIntakeConfig(db);
      let key: KeyObject | null;
      try {
        key = config ? intakePublicKey(config.publicKeyPem) : null;
      } catch {
        // A key that no longer parses checks nothing: verify says the receipts are unchecked.
        key = null;
      }
      let service;
      if (online) {
        if (!config) throw new AppError('INTAKE_NOT_CONFIGURED', 'No intake service is configured: the anchors cannot be fetched.');
        try {
          service = await fetchServiceAnchors(config);
        } catch (error) {
          throw intakeFailure(error);
        }
      }
      // The store may have locked while the list was fetched.
      const current = session.unlocked().db;
      const result = verifyAuditChain(current, { key, workstationId: config?.workstationId ?? null, ...(service ? { service } : {}) });
      return { ...result, queue: anchorQueueCounts(current), checkedAt: new Date(now()).toISOString() };
    },

    'audit.export': ({ format, filters }) => {
      const { db, analyst } = session.unlocked();
      return db.transaction(() => {
        const file = exportAudit(db, format, filters, new Date(now()));
        // The filters as flat fields (never a JSON text in a field: the screen translates each).
        const detail = {
          format,
          entries: file.entries,
          filterAnalyst: filters.analystId ?? null,
          filterAction: filters.action ?? null,
          filterReport: filters.reportId ?? null,
          filterCase: filters.caseRef ?? null,
          filterFrom: filters.from ?? null,
          filterTo: filters.to ?? null,
        };
        recordAudit(db, analyst.id, 'audit.exported', Object.fromEntries(Object.entries(detail).filter(([, v]) => v !== null)), new Date(now()));
        return file;
      }).immediate();
    },

    'audit.anchorSettings': () => ({ anchorEvery: readAnchorEvery(session.unlocked().db) }),

    'audit.updateAnchorSettings': ({ anchorEvery }) => {
      const { db, analyst } = session.requireSupervisor();
      return db.transaction(() => {
        const before = readAnchorEvery(db);
        writeAnchorEvery(db, anchorEvery, analyst.id, new Date(now()));
        recordAudit(db, analyst.id, 'settings.updated', { auditAnchorEveryBefore: before, auditAnchorEvery: anchorEvery }, new Date(now()));
        return { anchorEvery };
      }).immediate();
    },

    'audit.imageUnblurred': (input) => {
      if ('evidenceId' in input) {
        screenshotUnblurred(session.unlocked(), input.evidenceId, new Date(now()));
        return { recorded: true as const };
      }
      const { reportId, attachmentId } = input;
      const { db, analyst } = session.unlocked();
      // Read-only, the same attachment-of-this-report check as images.preview (diagnostics/images/report-images.ts).
      const row = db
        .prepare(
          `SELECT r.category FROM attachments a JOIN reports r ON r.id = a.report_id
            WHERE a.id = ? AND a.report_id = ? AND EXISTS (SELECT 1 FROM json_each(r.attachment_ids) j WHERE j.value = a.id)`,
        )
        .get(attachmentId, reportId) as { category: string } | undefined;
      if (!row) throw new AppError('NOT_FOUND', `No attachment ${attachmentId} on report ${reportId}.`);
      if (NO_VIEW_CATEGORIES.includes(row.category)) throw new AppError('FORBIDDEN', 'Attachments of this category are never shown.');
      recordAudit(db, analyst.id, 'report.attachment_unblurred', { reportId, attachmentId }, new Date(now()));
      return { recorded: true as const };
    },
  };
}
