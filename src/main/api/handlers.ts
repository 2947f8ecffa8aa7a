/**
 * What each channel of the contract does, in one table. Inputs arrive here
 * already validated and access-checked by the dispatcher.
 */
import type { z } from 'zod';
import type { ChannelName, ChannelOutput, Channels } from '../../shared/contract.ts';
import { listAudit } from '../audit/audit.ts';
import type { ProfileService } from '../profiles/profiles.ts';
import { assessPassphrase } from '../session/passphrase-policy.ts';
import type { Session } from '../session/session.ts';
import { readSettings, writeSettings } from '../settings/settings.ts';
import { recordAudit } from '../audit/audit.ts';
import { storeStatus } from '../store/store-status.ts';

export type Handlers = {
  [K in ChannelName]: (input: z.output<Channels[K]['input']>) => Promise<ChannelOutput<K>> | ChannelOutput<K>;
};

export interface Services {
  session: Session;
  profiles: ProfileService;
  appInfo: ChannelOutput<'app.info'>;
}

export function createHandlers({ session, profiles, appInfo }: Services): Handlers {
  return {
    'app.info': () => appInfo,

    'session.state': () => session.state(),
    'session.setup': (input) => session.setup(input),
    'session.unlock': (input) => session.unlock(input),
    'session.lock': (input) => session.lock(input?.reason ?? 'manual'),
    'session.activity': () => {
      session.activity();
      return null;
    },
    'session.lockScreenLocale': (locale) => session.setLockScreenLocale(locale),

    'passphrase.assess': ({ passphrase, context }) => assessPassphrase(passphrase, context),

    'profiles.list': () => profiles.list(),
    'profiles.create': (input) => profiles.create(input),
    'profiles.disable': ({ profileId }) => profiles.disable(profileId),
    'profiles.enable': ({ profileId, passphrase }) => profiles.enable(profileId, passphrase),
    'profiles.changePassphrase': ({ current, next }) => profiles.changePassphrase(current, next),

    'preferences.update': ({ locale }) => profiles.setLocale(locale),

    'settings.get': () => readSettings(session.unlocked().db),
    'settings.update': (changes) => {
      const { db, analyst } = session.requireSupervisor();
      return db.transaction(() => {
        const settings = writeSettings(db, changes, analyst.id);
        recordAudit(db, analyst.id, 'settings.updated', { ...changes });
        return settings;
      })();
    },

    'store.status': () => storeStatus(session.unlocked().db),

    'audit.list': (query) => listAudit(session.unlocked().db, query),
  };
}
