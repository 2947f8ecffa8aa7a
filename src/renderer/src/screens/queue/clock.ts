/**
 * One shared clock for the deadlines of the queue: it ticks each minute (on
 * the minute), only while something shows a deadline.
 */
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | undefined;

function schedule(): void {
  const wait = 60_000 - (Date.now() % 60_000) + 50;
  timer = setTimeout(() => {
    now = Date.now();
    for (const listener of listeners) listener();
    schedule();
  }, wait);
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) {
    now = Date.now();
    schedule();
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

function snapshot(): number {
  return now;
}

/** The current time (epoch ms), refreshed each minute. */
export function useMinuteClock(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
