/** The backup fragment's channels (shared/contract/backup.ts): the recovery key. */
import type { HandlersOf } from '../../shared/contract.ts';
import type { backupChannels } from '../../shared/contract/backup.ts';
import type { Session } from '../session/session.ts';
import { generateRecoveryKey, recoveryFingerprint, recoveryPublicKey } from './recovery-key.ts';

export interface BackupHandlerDeps {
  session: Session;
  now: () => number;
}

export function backupHandlers({ session, now }: BackupHandlerDeps): HandlersOf<typeof backupChannels> {
  return {
    'backup.recoveryKey': async () => {
      const current = recoveryPublicKey(session.requireSupervisor().db);
      return { current: current ? { fingerprint: recoveryFingerprint(current.publicKey), createdAt: current.createdAt } : null };
    },
    'backup.generateRecoveryKey': async () => {
      const { db, analyst } = session.requireSupervisor();
      const replaced = recoveryPublicKey(db) !== null;
      const { printed, fingerprint } = generateRecoveryKey(db, analyst.id, new Date(now()));
      return { recoveryKey: printed, fingerprint, replaced };
    },
  };
}
