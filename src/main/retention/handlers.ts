/** The retention fragment's channels (shared/contract/retention.ts): rules, preview, apply. Supervisors only. */
import type { HandlersOf } from '../../shared/contract.ts';
import type { retentionChannels } from '../../shared/contract/retention.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Session } from '../session/session.ts';
import { applyRetention, previewRetention } from './apply.ts';
import { readRetentionSettings, writeRetentionSettings } from './settings.ts';

export interface RetentionHandlerDeps {
  session: Session;
  now: () => number;
  /** Reports were removed outside a sync run: whatever caches them reads them again. */
  reportsRemoved: () => void;
  /**
   * Before a purge: the process's other connections to the store close (the queue's own). A snapshot they hold
   * would keep the WAL, with the purged pages' images, from being emptied, and their caches hold decrypted pages
   * the purge erases.
   */
  releaseReaders: () => void;
}

export function retentionHandlers({ session, now, reportsRemoved, releaseReaders }: RetentionHandlerDeps): HandlersOf<typeof retentionChannels> {
  return {
    'retention.settings': () => readRetentionSettings(session.requireSupervisor().db),
    'retention.updateSettings': (settings) => {
      const { db, analyst } = session.requireSupervisor();
      const at = new Date(now());
      return db.transaction(() => {
        const saved = writeRetentionSettings(db, settings, analyst.id, at);
        recordAudit(db, analyst.id, 'retention.settings_updated', { ...saved }, at);
        return saved;
      })();
    },
    'retention.preview': () => previewRetention(session.requireSupervisor().db, new Date(now())),
    'retention.apply': () => {
      const { db, analyst } = session.requireSupervisor();
      releaseReaders();
      const result = applyRetention(db, analyst.id, new Date(now()));
      if (result.reportsPurged > 0 || result.casesPurged > 0) reportsRemoved();
      return result;
    },
  };
}
