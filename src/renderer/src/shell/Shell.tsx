/**
 * The unlocked workstation: header, navigation, and the current screen.
 * Mounted only while unlocked, under a key that changes with each unlock.
 * It also follows the intake connection and the sync status for every screen.
 */
import { memo, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { QueueFilters } from '../../../shared/triage.ts';
import type { UnlockedState } from '../session/SessionContext.ts';
import { useApi, useSession } from '../session/SessionContext.ts';
import { useIdleLock } from '../session/useIdleLock.ts';
import { useI18n } from '../i18n/index.ts';
import { SCREEN_TITLE_ID } from '../components/ScreenHeader.tsx';
import { IntakeContext } from '../intake/IntakeContext.ts';
import { useIntakeTracker } from '../intake/useIntakeTracker.ts';
import { AuditScreen } from '../screens/audit/AuditScreen.tsx';
import { CasesScreen } from '../screens/cases/CasesScreen.tsx';
import { DashboardScreen } from '../screens/dashboard/DashboardScreen.tsx';
import { QueueScreen } from '../screens/queue/QueueScreen.tsx';
import { SettingsScreen } from '../screens/settings/SettingsScreen.tsx';
import { SyncScreen } from '../screens/sync/SyncScreen.tsx';
import { PlaceContext, placeToResume, rememberPlace, type Place } from './place.ts';
import { screenForShortcut, type ScreenId } from './screens.ts';
import { Sidebar } from './Sidebar.tsx';
import { TopBar } from './TopBar.tsx';

interface ShellProps {
  readonly state: UnlockedState;
}

export function Shell({ state }: ShellProps): ReactNode {
  const { t } = useI18n();
  const { apply } = useSession();
  const api = useApi();
  const analystId = state.analyst.id;
  /** Where this analyst was when the workstation locked: the screen, and the report or case open there. */
  const [resume] = useState(() => placeToResume(analystId));
  const [screen, setScreen] = useState<ScreenId>(resume.screen);
  /**
   * What one screen asked another to show: a cluster (the dashboard → the queue), filters (a case's
   * observable or reports → the queue), a case (the queue's notice, a report's cases → the Cases
   * screen). The nonce makes the same request twice a new one. A request is dropped when the analyst
   * moves on through the navigation, so that coming back to a screen later starts it afresh.
   */
  const [requests, setRequests] = useState<ScreenRequests>(() => requestsToResume(resume));
  const [version, setVersion] = useState<string | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const intake = useIntakeTracker();

  useIdleLock(state.idleLockMinutes, apply);

  useEffect(() => rememberPlace(analystId, { screen }), [analystId, screen]);
  const remember = useCallback((change: Partial<Place>) => rememberPlace(analystId, change), [analystId]);

  useEffect(() => {
    let cancelled = false;
    void api('app.info').then((result) => {
      if (!cancelled && result.ok) setVersion(result.value.version);
    });
    return () => {
      cancelled = true;
    };
  }, [api]);

  // Alt+1..Alt+6 switch screens.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const target = screenForShortcut(event);
      if (!target) return;
      event.preventDefault();
      setRequests(NO_REQUESTS);
      setScreen(target);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // The new screen's content takes the focus, so that keyboard and screen reader users land on it,
  // and starts from its top: the scrolling container is shared by all screens.
  useEffect(() => {
    mainRef.current?.scrollTo({ top: 0 });
    mainRef.current?.focus();
  }, [screen]);

  const show = useCallback((target: ScreenId) => {
    setScreen(target);
    // Same screen again: still move the focus to its content.
    mainRef.current?.focus();
  }, []);

  const navigate = useCallback(
    (target: ScreenId) => {
      setRequests(NO_REQUESTS);
      show(target);
    },
    [show],
  );

  const openCluster = useCallback(
    (clusterId: number) => {
      setRequests({ ...NO_REQUESTS, cluster: { clusterId, nonce: nextNonce() } });
      show('queue');
    },
    [show],
  );

  const openQueue = useCallback(
    (filters: QueueFilters) => {
      setRequests({ ...NO_REQUESTS, filter: { filters, nonce: nextNonce() } });
      show('queue');
    },
    [show],
  );

  const openCase = useCallback(
    (ref: string) => {
      setRequests({ ...NO_REQUESTS, case: { ref, nonce: nextNonce() } });
      show('cases');
    },
    [show],
  );

  return (
    <IntakeContext value={intake}>
      <PlaceContext value={remember}>
        <div className="shell">
          <a
            className="skip-link"
            href="#main"
            onClick={(event) => {
              event.preventDefault();
              mainRef.current?.focus();
            }}
          >
            {t('shell.skip')}
          </a>
          <TopBar analyst={state.analyst} demo={intake.demo} />
          <Sidebar current={screen} onSelect={navigate} version={version} analystId={state.analyst.id} />
          <main className="content" id="main" ref={mainRef} tabIndex={-1} aria-labelledby={SCREEN_TITLE_ID}>
            <CurrentScreen
              screen={screen}
              state={state}
              onNavigate={navigate}
              clusterRequest={requests.cluster}
              filterRequest={requests.filter}
              caseRequest={requests.case}
              reportRequest={requests.report}
              onOpenCluster={openCluster}
              onOpenQueue={openQueue}
              onOpenCase={openCase}
            />
          </main>
        </div>
      </PlaceContext>
    </IntakeContext>
  );
}

interface ScreenRequests {
  readonly cluster: { readonly clusterId: number; readonly nonce: number } | null;
  readonly filter: { readonly filters: QueueFilters; readonly nonce: number } | null;
  readonly case: { readonly ref: string; readonly nonce: number } | null;
  /** The report to open in the queue's panel (the one open when the workstation locked). */
  readonly report: { readonly reportId: string; readonly nonce: number } | null;
}

const NO_REQUESTS: ScreenRequests = { cluster: null, filter: null, case: null, report: null };

/** What the screen resumed after an unlock opens again: the report open in the queue, the case open in Cases. */
function requestsToResume(place: Place): ScreenRequests {
  if (place.screen === 'queue' && place.reportId) return { ...NO_REQUESTS, report: { reportId: place.reportId, nonce: nextNonce() } };
  if (place.screen === 'cases' && place.caseRef) return { ...NO_REQUESTS, case: { ref: place.caseRef, nonce: nextNonce() } };
  return NO_REQUESTS;
}

let lastNonce = 0;
/** Increasing, even for two requests in the same millisecond. */
function nextNonce(): number {
  lastNonce = Math.max(lastNonce + 1, Date.now());
  return lastNonce;
}

interface CurrentScreenProps {
  readonly screen: ScreenId;
  readonly state: UnlockedState;
  readonly onNavigate: (screen: ScreenId) => void;
  readonly clusterRequest: ScreenRequests['cluster'];
  readonly filterRequest: ScreenRequests['filter'];
  readonly caseRequest: ScreenRequests['case'];
  readonly reportRequest: ScreenRequests['report'];
  readonly onOpenCluster: (clusterId: number) => void;
  readonly onOpenQueue: (filters: QueueFilters) => void;
  readonly onOpenCase: (ref: string) => void;
}

/**
 * Memoized: sync progress re-renders the shell ten times a second; a screen
 * re-renders only when its own props change or it reads the intake context.
 */
const CurrentScreen = memo(function CurrentScreen({
  screen,
  state,
  onNavigate,
  clusterRequest,
  filterRequest,
  caseRequest,
  reportRequest,
  onOpenCluster,
  onOpenQueue,
  onOpenCase,
}: CurrentScreenProps): ReactNode {
  switch (screen) {
    case 'queue':
      return <QueueScreen onNavigate={onNavigate} clusterRequest={clusterRequest} filterRequest={filterRequest} reportRequest={reportRequest} onOpenCase={onOpenCase} supervisor={state.analyst.role === 'supervisor'} />;
    case 'dashboard':
      return <DashboardScreen onNavigate={onNavigate} onOpenCluster={onOpenCluster} />;
    case 'cases':
      return <CasesScreen onNavigate={onNavigate} caseRequest={caseRequest} onOpenQueue={onOpenQueue} />;
    case 'sync':
      return <SyncScreen onNavigate={onNavigate} supervisor={state.analyst.role === 'supervisor'} />;
    case 'audit':
      return <AuditScreen supervisor={state.analyst.role === 'supervisor'} />;
    case 'settings':
      return <SettingsScreen state={state} onNavigate={onNavigate} />;
  }
});
