/**
 * Runs `onTrigger` when a sync run ends, and, with `onApplied`, every time a
 * run applies more changes: screens use it to read their lists again. Calls
 * are throttled to one per `throttleMs`, the last one always delivered.
 */
import { useEffect, useEffectEvent } from 'react';
import type { SyncStatus } from '../../../shared/schemas.ts';
import { subscribe } from '../api/client.ts';
import { throttled } from '../hooks/throttle.ts';

interface SyncTriggerOptions {
  /** Also trigger while a run goes on, each time `applied` grows. */
  readonly onApplied?: boolean;
  readonly throttleMs?: number;
}

export function useSyncTrigger(onTrigger: () => void, { onApplied = false, throttleMs = 0 }: SyncTriggerOptions = {}): void {
  const trigger = useEffectEvent(onTrigger);

  useEffect(() => {
    let previous: SyncStatus | null = null;
    const { request, cancel } = throttled(() => trigger(), throttleMs);

    const unsubscribe = subscribe('sync.progress', (status) => {
      // Events are pushed while a run goes on and when it ends: a first event that is not running is an end.
      const ended = !status.running && (previous === null || previous.running);
      const grew = status.running && status.applied > (previous?.running ? previous.applied : 0);
      previous = status;
      if (ended || (onApplied && grew)) request();
    });
    return () => {
      unsubscribe();
      cancel();
    };
  }, [onApplied, throttleMs]);
}
