/**
 * A value that stays the same object for as long as its key does: an object
 * rebuilt on every render (a query spec) becomes a dependency that changes only
 * when what it stands for changes.
 */
import { useState } from 'react';

export function useKeyed<T>(key: string, value: T): T {
  const [held, setHeld] = useState({ key, value });
  if (held.key !== key) {
    // Adjusting state while rendering (React re-renders at once): the new value is used from this render on.
    setHeld({ key, value });
    return value;
  }
  return held.value;
}
