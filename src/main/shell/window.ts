/** The workstation's single window. */
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './origin.ts';

/** The renderer's page background (--bg in src/renderer/src/styles/base.css), shown before the first paint. */
const BACKGROUND = '#eceef1';

export function createMainWindow(options: { preload: string; devTools: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Iblagh Workstation',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: BACKGROUND,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: options.devTools,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
