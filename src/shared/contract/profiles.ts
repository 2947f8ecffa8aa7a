/** Analyst profiles (supervisors manage them) and each analyst's preferences. */
import { z } from 'zod';
import { EnableProfileInput, NewProfileInput, PassphraseChangeInput, PreferencesInput, Profile, ProfileIdInput, SessionState } from '../schemas.ts';
import { channel, None, Ok } from './channel.ts';

export const profilesChannels = {
  'profiles.list': channel({ input: None, output: z.array(Profile), errors: ['LOCKED'], access: 'analyst' }),
  'profiles.create': channel({
    input: NewProfileInput,
    output: Profile,
    errors: ['LOCKED', 'FORBIDDEN', 'CONFLICT', 'WEAK_PASSPHRASE'],
    access: 'supervisor',
  }),
  'profiles.disable': channel({
    input: ProfileIdInput,
    output: Profile,
    errors: ['LOCKED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
    access: 'supervisor',
  }),
  'profiles.enable': channel({
    input: EnableProfileInput,
    output: Profile,
    errors: ['LOCKED', 'FORBIDDEN', 'NOT_FOUND', 'WEAK_PASSPHRASE'],
    access: 'supervisor',
  }),
  'profiles.changePassphrase': channel({
    input: PassphraseChangeInput,
    output: Ok,
    errors: ['LOCKED', 'WRONG_PASSPHRASE', 'WEAK_PASSPHRASE', 'THROTTLED'],
    access: 'analyst',
  }),

  'preferences.update': channel({ input: PreferencesInput, output: SessionState, errors: ['LOCKED'], access: 'analyst' }),
} as const;
