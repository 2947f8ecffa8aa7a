/**
 * The web preferences every window the app opens on content it does not trust
 * shares (the dossier's hidden print window, a page capture's offscreen one):
 * its own session, no preload, sandboxed, context-isolated, no Node, no
 * plugins, webviews, WebGL, dialogs or drag-and-drop navigation.
 */
import type { Session } from 'electron';

export function isolatedWebPreferences(ses: Session, javascript: boolean): Electron.WebPreferences {
  return {
    session: ses,
    javascript,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    plugins: false,
    spellcheck: false,
    webgl: false,
    navigateOnDragDrop: false,
    disableDialogs: true,
    backgroundThrottling: false,
  };
}
