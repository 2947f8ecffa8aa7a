/**
 * When the core must lock or close: OS screen lock (on Linux through
 * os-lock.ts), suspend, shutdown, quit.
 * The app holds sensitive data, so closing the window quits on every
 * platform (no lingering macOS process).
 */
import { app, powerMonitor } from 'electron';
import type { Core } from '../core.ts';
import { watchLinuxScreenLock } from './os-lock.ts';

export function bindLifecycle(core: Core): void {
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    try {
      core.close();
    } catch (error) {
      console.error('core.close failed', error);
    }
  };

  // macOS and Windows only: Linux is watched through logind and the idle state (os-lock.ts).
  powerMonitor.on('lock-screen', () => core.lock('os-lock'));
  if (process.platform === 'linux') {
    const stop = watchLinuxScreenLock({ idleState: powerMonitor, onLock: () => core.lock('os-lock') });
    app.on('will-quit', stop);
  }
  powerMonitor.on('suspend', () => core.lock('suspend'));
  // The OS is going down: 'before-quit' may never come.
  powerMonitor.on('shutdown', close);
  // A renderer that crashed (or was crashed) comes back to a locked store, not an open one.
  app.on('render-process-gone', () => core.lock('manual'));

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', close);
  app.on('will-quit', close);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      close();
      app.quit();
    });
  }
}
