/**
 * Locks the workstation after `minutes` without keyboard or pointer input,
 * and tells the core the analyst is active (at most every 15 s) so that its
 * own backstop timer does not fire first.
 *
 * Built on Date.now() and setTimeout only, so that a test clock
 * (Playwright's page.clock) can fast-forward it.
 */
import { useEffect } from 'react';
import { call } from '../api/client.ts';
import type { SessionState } from '../../../shared/schemas.ts';
import type { ChangeReason } from './model.ts';

const ACTIVITY_REPORT_EVERY_MS = 15_000;
/** Re-check at least this often, so that a suspended or adjusted clock is noticed. */
const MAX_CHECK_INTERVAL_MS = 15_000;
const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel'] as const;

export function useIdleLock(minutes: number, onLocked: (state: SessionState, reason: ChangeReason) => void): void {
  useEffect(() => {
    const idleMs = Math.max(1, minutes) * 60_000;
    let lastInput = Date.now();
    let lastReport = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const onInput = (): void => {
      const now = Date.now();
      lastInput = now;
      if (now - lastReport >= ACTIVITY_REPORT_EVERY_MS) {
        lastReport = now;
        void call('session.activity');
      }
    };

    const check = (): void => {
      if (stopped) return;
      const remaining = lastInput + idleMs - Date.now();
      if (remaining <= 0) {
        stopped = true;
        void call('session.lock', { reason: 'idle' }).then((result) => {
          if (result.ok) onLocked(result.value, 'idle');
        });
        return;
      }
      timer = setTimeout(check, Math.min(remaining, MAX_CHECK_INTERVAL_MS));
    };

    const options: AddEventListenerOptions = { capture: true, passive: true };
    for (const name of INPUT_EVENTS) window.addEventListener(name, onInput, options);
    check();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput, options);
    };
  }, [minutes, onLocked]);
}
