/**
 * Seconds left until a deadline (epoch milliseconds), ticking with Date.now()
 * and setInterval so that a test clock can drive it. 0 once passed or when
 * there is no deadline.
 */
import { useEffect, useState } from 'react';

function secondsLeft(deadline: number | null): number {
  if (deadline === null) return 0;
  return Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
}

export function useCountdown(deadline: number | null): number {
  const [, setTick] = useState(0);
  const left = secondsLeft(deadline);
  useEffect(() => {
    if (deadline === null || secondsLeft(deadline) === 0) return;
    const timer = setInterval(() => {
      setTick((tick) => tick + 1);
      if (secondsLeft(deadline) === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [deadline]);
  return left;
}
