/**
 * The intake connection and the sync status, shared by the whole unlocked
 * shell: the top bar needs the demo flag on every screen, and the settings,
 * sync and queue screens follow the same live status.
 */
import { createContext, useContext } from 'react';
import type { AppErrorShape } from '../../../shared/contract.ts';
import type { IntakeSettingsView, SyncStatus } from '../../../shared/schemas.ts';

export interface IntakeState {
  /** The connection as last read or saved; null until the first answer. */
  readonly settings: IntakeSettingsView | null;
  /** The sync status, kept current by the `sync.progress` events; null until the first answer. */
  readonly sync: SyncStatus | null;
  /** Why the connection or the sync status could not be read, if one could not. */
  readonly error: AppErrorShape | null;
  /** True when the reports come from the built-in demo service: they are fictitious. */
  readonly demo: boolean;
  /** Adopts a connection returned by `intake.update` or `intake.startDemo`, and reads the sync status again. */
  readonly adoptSettings: (settings: IntakeSettingsView) => void;
  /** Adopts a status returned by `sync.start` or `sync.cancel`. */
  readonly adoptSync: (status: SyncStatus) => void;
}

export const IntakeContext = createContext<IntakeState>({
  settings: null,
  sync: null,
  error: null,
  demo: false,
  adoptSettings: () => {},
  adoptSync: () => {},
});

export function useIntake(): IntakeState {
  return useContext(IntakeContext);
}
