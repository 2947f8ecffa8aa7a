/**
 * Reads the intake connection and the sync status once, then follows the
 * `sync.progress` events. Used by the shell, which hands the result down
 * through IntakeContext; everything is dropped with the shell at lock.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppErrorShape } from '../../../shared/contract.ts';
import type { IntakeSettingsView, SyncStatus } from '../../../shared/schemas.ts';
import { subscribe } from '../api/client.ts';
import { throttled } from '../hooks/throttle.ts';
import { useApi } from '../session/SessionContext.ts';
import type { IntakeState } from './IntakeContext.ts';

const PROGRESS_REDRAW_MS = 250;

export function useIntakeTracker(): IntakeState {
  const api = useApi();
  const [settings, setSettings] = useState<IntakeSettingsView | null>(null);
  const [sync, setSync] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [generation, setGeneration] = useState(0);
  // Counts the events received, so that an answer to `sync.status` older than an event does not overwrite it.
  const events = useRef(0);

  // Progress comes up to ten times a second; the screens that show it are drawn at most four
  // times a second (the latest status always wins), which keeps the page's work small during a sync.
  useEffect(() => {
    let latest: SyncStatus | null = null;
    const { request, cancel } = throttled(() => setSync(latest), PROGRESS_REDRAW_MS);
    const unsubscribe = subscribe('sync.progress', (status) => {
      events.current += 1;
      latest = status;
      request();
    });
    return () => {
      unsubscribe();
      cancel();
    };
  }, []);

  useEffect(() => {
    let cancelled = false;
    const before = events.current;
    void Promise.all([api('intake.get'), api('sync.status')]).then(([intake, status]) => {
      if (cancelled) return;
      if (intake.ok) setSettings(intake.value);
      if (status.ok && events.current === before) setSync(status.value);
      setError(intake.ok ? (status.ok ? null : status.error) : intake.error);
    });
    return () => {
      cancelled = true;
    };
  }, [api, generation]);

  const adoptSettings = useCallback((next: IntakeSettingsView) => {
    setSettings(next);
    setError(null);
    setGeneration((n) => n + 1);
  }, []);

  const adoptSync = useCallback((status: SyncStatus) => {
    events.current += 1;
    setSync(status);
  }, []);

  const demo = settings?.demo === true || sync?.demo === true;
  return useMemo(() => ({ settings, sync, error, demo, adoptSettings, adoptSync }), [settings, sync, error, demo, adoptSettings, adoptSync]);
}
