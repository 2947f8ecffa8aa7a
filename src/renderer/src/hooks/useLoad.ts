/**
 * Loads something from the core when a component mounts (and again on
 * `reload`, or when `load` changes: memoise it), keeping the last value, the error if any, and whether it is
 * loading. Answers that arrive after unmount are dropped.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorShape, Result } from '../../../shared/contract.ts';

export interface Loaded<T> {
  readonly value: T | null;
  readonly error: AppErrorShape | null;
  readonly loading: boolean;
  readonly reload: () => void;
}

export function useLoad<T>(load: () => Promise<Result<T>>): Loaded<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    void load().then((result) => {
      if (cancelled) return;
      setLoading(false);
      if (result.ok) {
        setValue(result.value);
        setError(null);
      } else {
        setError(result.error);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [load, generation]);

  const reload = useCallback(() => {
    setLoading(true);
    setGeneration((n) => n + 1);
  }, []);

  return { value, error, loading, reload };
}
