/** The images fragment's channels (shared/contract/images.ts): attachment analysis, previews, hash lists. */
import type { HandlersOf } from '../../../shared/contract.ts';
import type { imagesChannels } from '../../../shared/contract/images.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { Session } from '../../session/session.ts';
import { attachmentPreview, hashLists, reportImageAnalysis } from './report-images.ts';
import { importHashList } from './hash-lists.ts';
import { readPdqThreshold, writePdqThreshold } from './pdq-store.ts';
import type { ImageAnalysisService } from './service.ts';

export interface ImageHandlerDeps {
  session: Session;
  images: ImageAnalysisService;
  now: () => number;
  /** Reports flagged by a newly imported list (the queue reads its filter again). */
  matched: () => void;
}

export function imagesHandlers({ session, images, now, matched }: ImageHandlerDeps): HandlersOf<typeof imagesChannels> {
  const actor = () => session.unlocked();
  return {
    'images.report': async ({ reportId }) => {
      await images.analyseReport(reportId);
      return reportImageAnalysis(actor().db, reportId);
    },
    'images.preview': ({ reportId, attachmentId }) => attachmentPreview(actor(), reportId, attachmentId),
    'images.analysePending': async () => images.analysePending(),
    'images.settings': () => ({ pdqMaxDistance: readPdqThreshold(actor().db) }),
    'images.updateSettings': ({ pdqMaxDistance }) => {
      const { db, analyst } = actor();
      return db.transaction(() => {
        const before = readPdqThreshold(db);
        const value = writePdqThreshold(db, pdqMaxDistance, analyst.id, new Date(now()));
        recordAudit(db, analyst.id, 'images.settings_updated', { pdqMaxDistanceBefore: before, pdqMaxDistance: value }, new Date(now()));
        return { pdqMaxDistance: value };
      })();
    },
    'hashlists.import': async (input) => {
      // Attachments verified since the last pass are analysed first, so that the list meets all of them.
      await images.analysePending();
      const result = importHashList(actor(), input, new Date(now()));
      if (result.matches > 0) matched();
      return result;
    },
    'hashlists.list': () => hashLists(actor().db),
  };
}
