/**
 * Runs `onChange` when the data under the queue changes (`queue.changed`:
 * a sync applied changes, a status was set) and when a sync run ends, at
 * most once per `throttleMs`; the last change is always delivered.
 */
import { useEffect, useEffectEvent } from 'react';
import { subscribe } from '../../api/client.ts';

export function useQueueChanged(onChange: () => void, throttleMs: number): void {
  const trigger = useEffectEvent(onChange);

  useEffect(() => {
    let lastAt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const fire = (): void => {
      timer = undefined;
      lastAt = Date.now();
      trigger();
    };
    const request = (): void => {
      if (timer !== undefined) return;
      const wait = lastAt + throttleMs - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    };
    const unsubscribeQueue = subscribe('queue.changed', request);
    // The end of a run too: its changes are all applied by then, whatever the queue told.
    const unsubscribeSync = subscribe('sync.progress', (status) => {
      if (!status.running) request();
    });
    return () => {
      unsubscribeQueue();
      unsubscribeSync();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [throttleMs]);
}
