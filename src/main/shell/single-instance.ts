/** One workstation process per profile: a second launch brings the first window forward. */
import { app, type BrowserWindow } from 'electron';

/** False when another instance holds the lock: the caller must quit at once. */
export function claimSingleInstance(getWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const window = getWindow();
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}
