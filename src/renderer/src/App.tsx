/**
 * The root: follows the session (first run, locked, unlocked) and renders
 * the matching screen in the session's language. Everything shown while
 * unlocked lives under a key that changes with each unlock, and is unmounted
 * whenever the session is not unlocked: no data survives a lock.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, type ReactNode } from 'react';
import type { SessionState } from '../../shared/schemas.ts';
import { call, subscribe } from './api/client.ts';
import { ErrorNotice } from './components/Notice.tsx';
import { applyDocumentLocale, i18nFor, I18nContext, useI18n } from './i18n/index.ts';
import { InitialPassphraseScreen } from './screens/lock/InitialPassphraseScreen.tsx';
import { LockScreen } from './screens/lock/LockScreen.tsx';
import { SetupScreen } from './screens/setup/SetupScreen.tsx';
import { initialSessionModel, sessionReducer, type ChangeReason } from './session/model.ts';
import { SessionContext, type SessionApi } from './session/SessionContext.ts';
import { Shell } from './shell/Shell.tsx';

export function App(): ReactNode {
  const [model, dispatch] = useReducer(sessionReducer, initialSessionModel);

  const apply = useCallback(
    (state: SessionState, reason?: ChangeReason) => dispatch(reason ? { type: 'state', state, reason } : { type: 'state', state }),
    [],
  );
  const refresh = useCallback(async () => {
    const result = await call('session.state');
    dispatch(result.ok ? { type: 'state', state: result.value } : { type: 'failed', error: result.error });
  }, []);
  const api = useMemo<SessionApi>(() => ({ apply, refresh }), [apply, refresh]);

  useEffect(() => {
    const unsubscribe = subscribe('session.changed', (payload) =>
      dispatch({ type: 'state', state: payload.state, reason: payload.reason }),
    );
    void refresh();
    return unsubscribe;
  }, [refresh]);

  const locale = model.state?.locale ?? 'fr';
  useLayoutEffect(() => applyDocumentLocale(locale), [locale]);

  return (
    <I18nContext value={i18nFor(locale)}>
      <SessionContext value={api}>
        <Root model={model} onRetry={() => void refresh()} />
      </SessionContext>
    </I18nContext>
  );
}

interface RootProps {
  readonly model: ReturnType<typeof sessionReducer>;
  readonly onRetry: () => void;
}

function Root({ model, onRetry }: RootProps): ReactNode {
  const { state } = model;
  if (!state) return model.failure ? <Unreachable onRetry={onRetry} failure={model.failure} /> : <Starting />;
  switch (state.phase) {
    case 'setup':
      return <SetupScreen />;
    case 'locked':
      return <LockScreen state={state} reason={model.lockReason} />;
    case 'passphrase-change':
      return <InitialPassphraseScreen state={state} />;
    case 'unlocked':
      return <Shell key={model.epoch} state={state} />;
  }
}

function Starting(): ReactNode {
  const { t } = useI18n();
  return (
    <main className="page-center" id="main" aria-busy="true">
      <p className="loading" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('app.loading')}
      </p>
    </main>
  );
}

function Unreachable({ onRetry, failure }: { readonly onRetry: () => void; readonly failure: RootProps['model']['failure'] }): ReactNode {
  const { t } = useI18n();
  return (
    <main className="page-center" id="main">
      <section className="auth-card" aria-labelledby="unreachable-title">
        <h1 id="unreachable-title">{t('app.unreachable.title')}</h1>
        <p>{t('app.unreachable.body')}</p>
        <ErrorNotice error={failure} />
        <button type="button" className="btn btn-primary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      </section>
    </main>
  );
}
