/** The evidence fragment's channels (shared/contract/evidence.ts). */
import type { HandlersOf } from '../../shared/contract.ts';
import type { evidenceChannels } from '../../shared/contract/evidence.ts';
import type { Session } from '../session/session.ts';
import { exportEvidence, importEvidence, listEvidence, openEvidence, verifyEvidence } from './evidence.ts';

export interface EvidenceHandlerDeps {
  session: Session;
  now: () => number;
}

export function evidenceHandlers({ session, now }: EvidenceHandlerDeps): HandlersOf<typeof evidenceChannels> {
  const actor = () => session.unlocked();
  return {
    'evidence.list': ({ target, offset, limit }) => listEvidence(actor(), target, { offset, limit }, new Date(now())),
    'evidence.get': ({ id }) => openEvidence(actor(), id, new Date(now())),
    'evidence.import': (input) => importEvidence(actor(), input, new Date(now())),
    'evidence.export': ({ id, fileName }) => exportEvidence(actor(), id, fileName, new Date(now())),
    'evidence.verify': () => verifyEvidence(actor(), new Date(now())),
  };
}
