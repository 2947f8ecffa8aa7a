/** The triage fragment's channels (shared/contract/triage.ts): queue, saved views, priority settings, dashboard. */
import type { HandlersOf } from '../../shared/contract.ts';
import type { triageChannels } from '../../shared/contract/triage.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Session } from '../session/session.ts';
import { buildDashboard } from './dashboard.ts';
import { readTriageSettings, writeTriageSettings } from './priority.ts';
import type { QueueService } from './queue-service.ts';
import { deleteView, listViews, saveView } from './saved-views.ts';

export function triageHandlers({ session, queue, now }: { session: Session; queue: QueueService; now: () => number }): HandlersOf<typeof triageChannels> {
  return {
    'queue.query': (query) => queue.query(query),
    'queue.views': () => {
      const { db, analyst } = session.unlocked();
      return listViews(db, analyst.id);
    },
    'queue.saveView': ({ name, state }) => {
      const { db, analyst } = session.unlocked();
      return saveView(db, analyst.id, name, state);
    },
    'queue.deleteView': ({ id }) => {
      const { db, analyst } = session.unlocked();
      deleteView(db, analyst.id, id);
      return null;
    },

    'triage.settings': () => readTriageSettings(session.unlocked().db),
    'triage.updateSettings': (settings) => {
      const { db, analyst } = session.requireSupervisor();
      db.transaction(() => {
        writeTriageSettings(db, settings, analyst.id);
        recordAudit(db, analyst.id, 'triage.settings_updated', {});
      })();
      queue.rescore();
      return readTriageSettings(db);
    },

    'dashboard.get': async ({ days }) => {
      const { db, index } = await queue.ready();
      return buildDashboard(db, index, days, now());
    },
  };
}
