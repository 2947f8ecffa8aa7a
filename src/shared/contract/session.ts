/** Setup, unlock, lock and the passphrase policy: callable while locked. */
import { z } from 'zod';
import { InitialPassphraseInput, LastLoginInput, LastLoginSetting, LockInput, PassphraseAssessment, PassphraseInput, SessionState, SetupInput, UiLocale, UnlockInput } from '../schemas.ts';
import { channel, None, Ok } from './channel.ts';

export const sessionChannels = {
  'session.state': channel({ input: None, output: SessionState, errors: [], access: 'locked' }),
  'session.setup': channel({
    input: SetupInput,
    output: SessionState,
    errors: ['WRONG_PHASE', 'WEAK_PASSPHRASE'],
    access: 'locked',
  }),
  'session.unlock': channel({
    input: UnlockInput,
    output: SessionState,
    errors: ['WRONG_PHASE', 'WRONG_PASSPHRASE', 'THROTTLED', 'PROFILE_DISABLED', 'STORE_CORRUPT', 'STORE_TOO_NEW'],
    access: 'locked',
  }),
  /** In the passphrase-change phase: the analyst's own passphrase replaces the supervisor's; answers the unlocked state. */
  'session.changeInitialPassphrase': channel({
    input: InitialPassphraseInput,
    output: SessionState,
    errors: ['WRONG_PHASE', 'WEAK_PASSPHRASE', 'CONFLICT'],
    access: 'locked',
  }),
  /** Supervisors: whether the lock screen offers the last login name used here (off by default). */
  'session.lastLogin': channel({ input: LastLoginInput, output: LastLoginSetting, errors: ['LOCKED', 'FORBIDDEN'], access: 'supervisor' }),
  'session.lock': channel({ input: LockInput, output: SessionState, errors: [], access: 'locked' }),
  /** The analyst touched the keyboard or mouse: postpones the idle lock. */
  'session.activity': channel({ input: None, output: Ok, errors: [], access: 'locked' }),
  /** Language of the lock screen, before anyone is unlocked. */
  'session.lockScreenLocale': channel({ input: UiLocale, output: SessionState, errors: [], access: 'locked' }),

  'passphrase.assess': channel({ input: PassphraseInput, output: PassphraseAssessment, errors: [], access: 'locked' }),
} as const;

export const sessionEvents = {
  /** The session changed without the renderer asking: idle lock, OS lock, suspend. */
  'session.changed': z.object({
    state: SessionState,
    reason: z.enum(['manual', 'idle', 'os-lock', 'suspend', 'unlock', 'setup']),
  }),
} as const;
