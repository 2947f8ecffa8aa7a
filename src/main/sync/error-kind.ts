/**
 * What kind of failure ended a sync run. Decided where the error object is (in
 * the worker thread, by class), and carried across the thread boundary as
 * this kind: an error's class does not survive structured cloning.
 */
import type { SyncStatus } from '../../shared/schemas.ts';
import { IntakeAuthError, IntakeProtocolError, IntakeRefusedError, IntakeUnreachableError } from './intake-client.ts';
import { IntakeKeyError } from '../crypto/intake-key.ts';
import { isDiskFull } from '../errors.ts';

export type SyncErrorKind = NonNullable<SyncStatus['lastErrorKind']>;

export function syncErrorKind(error: unknown): SyncErrorKind {
  if (error instanceof IntakeAuthError) return 'auth';
  if (error instanceof IntakeUnreachableError) return 'unreachable';
  if (error instanceof IntakeProtocolError) return 'protocol';
  if (error instanceof IntakeRefusedError) return 'refused';
  if (error instanceof IntakeKeyError) return 'config';
  if (isDiskFull(error)) return 'disk_full';
  return 'other';
}
