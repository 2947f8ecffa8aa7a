/**
 * The app's view of the session, kept in one reducer: the state the core
 * reported, and an epoch that changes every time someone unlocks, used as
 * the key of everything that holds data so that a lock drops it all.
 */
import type { AppErrorShape, EventPayload } from '../../../shared/contract.ts';
import type { SessionState } from '../../../shared/schemas.ts';

export type ChangeReason = EventPayload<'session.changed'>['reason'];
/** Locks that happened without the analyst asking, explained on the lock screen. */
export type LockReason = 'idle' | 'os-lock' | 'suspend';

export interface SessionModel {
  readonly state: SessionState | null;
  /** Incremented on each unlock (or change of analyst): the key of the unlocked tree. */
  readonly epoch: number;
  readonly lockReason: LockReason | null;
  /** Set when the state could not be read at all. */
  readonly failure: AppErrorShape | null;
}

export type SessionAction =
  | { readonly type: 'state'; readonly state: SessionState; readonly reason?: ChangeReason }
  | { readonly type: 'failed'; readonly error: AppErrorShape };

export const initialSessionModel: SessionModel = { state: null, epoch: 0, lockReason: null, failure: null };

function isLockReason(reason: ChangeReason | undefined): reason is LockReason {
  return reason === 'idle' || reason === 'os-lock' || reason === 'suspend';
}

export function sessionReducer(model: SessionModel, action: SessionAction): SessionModel {
  if (action.type === 'failed') return model.state ? model : { ...model, failure: action.error };
  const previous = model.state;
  const next = action.state;
  const newUnlock =
    next.phase === 'unlocked' && (previous?.phase !== 'unlocked' || previous.analyst.id !== next.analyst.id);
  let lockReason = model.lockReason;
  if (next.phase !== 'locked') lockReason = null;
  else if (isLockReason(action.reason)) lockReason = action.reason;
  // A manual lock clears the explanation, unless it is only the echo of a lock already explained
  // (the renderer's idle timer locks through the same channel as the Lock button).
  else if (action.reason === 'manual' && previous?.phase === 'unlocked') lockReason = null;
  return { state: next, epoch: newUnlock ? model.epoch + 1 : model.epoch, lockReason, failure: null };
}
