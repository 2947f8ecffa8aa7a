/** The session fragment's channels (shared/contract/session.ts). */
import type { HandlersOf } from '../../shared/contract.ts';
import type { sessionChannels } from '../../shared/contract/session.ts';
import { assessPassphrase } from './passphrase-policy.ts';
import type { Session } from './session.ts';

export function sessionHandlers(session: Session): HandlersOf<typeof sessionChannels> {
  return {
    'session.state': () => session.state(),
    'session.setup': (input) => session.setup(input),
    'session.unlock': (input) => session.unlock(input),
    'session.changeInitialPassphrase': ({ next }) => session.changeInitialPassphrase(next),
    'session.lastLogin': ({ remember }) => session.lastLogin(remember),
    'session.lock': (input) => session.lock(input?.reason ?? 'manual'),
    'session.activity': () => {
      session.activity();
      return null;
    },
    'session.lockScreenLocale': (locale) => session.setLockScreenLocale(locale),
    'passphrase.assess': ({ passphrase, context }) => assessPassphrase(passphrase, context),
  };
}
