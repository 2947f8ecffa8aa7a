/** A loading indicator that waits: quick answers show none. */
import { useEffect, useState } from 'react';

/** Loading indicators wait this long, so that quick answers show none. */
export const CALM_DELAY_MS = 200;

/** True after `flag` has stayed true for `delay` ms. */
export function useCalm(flag: boolean, delay = CALM_DELAY_MS): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!flag) return;
    const timer = setTimeout(() => setShown(true), delay);
    return () => {
      clearTimeout(timer);
      setShown(false);
    };
  }, [flag, delay]);
  return flag && shown;
}
