/**
 * Runs `onChange` when the data under the queue changes (`queue.changed`:
 * a sync applied changes, a status was set) and when a sync run ends, at
 * most once per `throttleMs`; the last change is always delivered.
 */
import { useEffect, useEffectEvent } from 'react';
import { subscribe } from '../api/client.ts';
import { throttled } from './throttle.ts';

export function useQueueChanged(onChange: () => void, throttleMs: number): void {
  const trigger = useEffectEvent(onChange);

  useEffect(() => {
    const { request, cancel } = throttled(() => trigger(), throttleMs);
    const unsubscribeQueue = subscribe('queue.changed', request);
    // The end of a run too: its changes are all applied by then, whatever the queue told.
    const unsubscribeSync = subscribe('sync.progress', (status) => {
      if (!status.running) request();
    });
    return () => {
      unsubscribeQueue();
      unsubscribeSync();
      cancel();
    };
  }, [throttleMs]);
}
