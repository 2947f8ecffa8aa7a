/**
 * At most one call of `run` per `ms`; a request made meanwhile is delivered
 * when the time is up (so the last change is never lost). `cancel` drops a
 * pending call.
 */
export function throttled(run: () => void, ms: number): { request: () => void; cancel: () => void } {
  let lastAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = (): void => {
    timer = undefined;
    lastAt = Date.now();
    run();
  };
  return {
    request() {
      if (timer !== undefined) return;
      const wait = lastAt + ms - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
