/**
 * The Electron shell: a thin, hardened host for the renderer and the core.
 * Everything that touches Electron lives in ./shell/; the core knows nothing of it.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { utilityImageDecoder } from './shell/image-decoder-utility.ts';
import { electronPageCapture } from './shell/page-capture.ts';
import { closeDossierWindows, electronDossierPdf, prepareElectronDossierPdf } from './shell/dossier-pdf.ts';
import { createCore, type Core } from './core.ts';
import { handleAppScheme, registerAppScheme } from './shell/app-protocol.ts';
import { hasForbiddenDebugSwitch } from './shell/debug-switches.ts';
import { hardenAllWebContents, hardenDefaultSession } from './shell/hardening.ts';
import { bindCoreToWindow } from './shell/ipc.ts';
import { bindLifecycle } from './shell/lifecycle.ts';
import { installMenu } from './shell/menu.ts';
import { configurePaths } from './shell/paths.ts';
import { claimSingleInstance } from './shell/single-instance.ts';
import { createMainWindow } from './shell/window.ts';

let mainWindow: BrowserWindow | null = null;

async function start(paths: ReturnType<typeof configurePaths>): Promise<void> {
  await app.whenReady();
  hardenDefaultSession();
  handleAppScheme(paths.rendererRoot);
  const devTools = !app.isPackaged;
  installMenu({ devTools });

  let core: Core;
  try {
    core = createCore({ storeDir: paths.storeDir, host: 'electron', version: app.getVersion(), imageDecoder: utilityImageDecoder, pageCapture: electronPageCapture, dossierPdf: electronDossierPdf, dossierPdfPrepare: prepareElectronDossierPdf });
  } catch (error) {
    console.error('createCore failed', error);
    dialog.showErrorBox('Iblagh Workstation', 'The workstation could not open its store folder and will close.');
    app.exit(1);
    return;
  }
  bindLifecycle(core);
  bindCoreToWindow(core, () => mainWindow);

  mainWindow = createMainWindow({ preload: paths.preload, devTools });
  mainWindow.on('closed', () => {
    mainWindow = null;
    // The dossier's prepared hidden window goes too: the app quits when its last window is closed.
    void closeDossierWindows();
  });
}

function main(): void {
  if (hasForbiddenDebugSwitch()) {
    console.error('Iblagh Workstation: refusing to start with a debugging switch.');
    app.exit(1);
    return;
  }
  // All of this must happen before 'ready'.
  const paths = configurePaths();
  app.enableSandbox();
  registerAppScheme();
  hardenAllWebContents();

  if (!claimSingleInstance(() => mainWindow)) {
    app.quit();
    return;
  }
  start(paths).catch((error: unknown) => {
    console.error('Iblagh Workstation failed to start', error);
    app.exit(1);
  });
}

main();
