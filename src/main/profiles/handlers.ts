/** The profiles fragment's channels (shared/contract/profiles.ts). */
import type { HandlersOf } from '../../shared/contract.ts';
import type { profilesChannels } from '../../shared/contract/profiles.ts';
import type { ProfileService } from './profiles.ts';

export function profilesHandlers(profiles: ProfileService): HandlersOf<typeof profilesChannels> {
  return {
    'profiles.list': () => profiles.list(),
    'profiles.create': (input) => profiles.create(input),
    'profiles.disable': ({ profileId }) => profiles.disable(profileId),
    'profiles.enable': ({ profileId, passphrase }) => profiles.enable(profileId, passphrase),
    'profiles.changePassphrase': ({ current, next }) => profiles.changePassphrase(current, next),
    'preferences.update': ({ locale }) => profiles.setLocale(locale),
  };
}
