/**
 * The session as the components see it: the current state, a way to adopt a
 * state returned by a channel, and guarded calls that notice a lock.
 */
import { createContext, useContext, useMemo } from 'react';
import type { SessionState } from '../../../shared/schemas.ts';
import type { ChangeReason } from './model.ts';
import { call } from '../api/client.ts';

export type UnlockedState = Extract<SessionState, { phase: 'unlocked' }>;
export type LockedState = Extract<SessionState, { phase: 'locked' }>;
export type SetupState = Extract<SessionState, { phase: 'setup' }>;

export interface SessionApi {
  /** Adopts a state the core returned (setup, unlock, lock, language change), and why it changed if known. */
  readonly apply: (state: SessionState, reason?: ChangeReason) => void;
  /** Asks the core for the current state. */
  readonly refresh: () => Promise<void>;
}

export const SessionContext = createContext<SessionApi>({
  apply: () => {},
  refresh: async () => {},
});

export function useSession(): SessionApi {
  return useContext(SessionContext);
}

/**
 * `call`, but a LOCKED answer (the core locked behind our back) makes the app
 * re-read the session, which unmounts everything that held data.
 */
export function useApi(): typeof call {
  const { refresh } = useSession();
  return useMemo(() => {
    const guarded = async (...args: Parameters<typeof call>): Promise<Awaited<ReturnType<typeof call>>> => {
      const result = await call(...args);
      if (!result.ok && result.error.code === 'LOCKED') void refresh();
      return result;
    };
    return guarded as typeof call;
  }, [refresh]);
}
