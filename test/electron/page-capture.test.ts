/**
 * The page screenshot's Electron twin (shell/page-capture.ts) against the
 * recording stand-in for 'electron' (fake-electron.ts): what it asks of
 * Electron (an in-memory partition of its own, the filtering proxy for
 * everything, loopback included, an offscreen sandboxed window with no
 * preload and JavaScript as set, no downloads, WebRTC inside the proxy, the
 * window destroyed and the partition cleared), and that the hardening of every
 * web contents lets a capture window follow http(s) pages while app windows
 * still may not. Chromium's rendering itself is tested under plain Node
 * (test/diagnostics/screenshot/screenshot.test.ts).
 */
import assert from 'node:assert/strict';
import { registerHooks } from 'node:module';
import { before, test } from 'node:test';
import type * as FakeElectron from './fake-electron.ts';
import type * as PageCaptureModule from '../../src/main/shell/page-capture.ts';

let fake: typeof FakeElectron;
let capture: typeof PageCaptureModule;

before(async () => {
  const fakeUrl = new URL('./fake-electron.ts', import.meta.url).href;
  registerHooks({
    resolve: (specifier, context, nextResolve) => (specifier === 'electron' ? { url: fakeUrl, shortCircuit: true } : nextResolve(specifier, context)),
  });
  fake = (await import(fakeUrl)) as typeof FakeElectron;
  const hardening = await import('../../src/main/shell/hardening.ts');
  hardening.hardenAllWebContents();
  fake.fireReady();
  capture = await import('../../src/main/shell/page-capture.ts');
});

const REQUEST = {
  url: 'http://page.test:8080/',
  proxyUrl: 'http://127.0.0.1:45678',
  javaScript: false,
  userAgent: 'IblaghWorkstation-Diagnostics/test (+police technical analysis)',
  viewport: { width: 1280, height: 800 },
  maxHeight: 6000,
  timeoutMs: 5000,
};

interface Prevented {
  url: string;
  isMainFrame: boolean;
  prevented: boolean;
  preventDefault(): void;
}

function navigation(url: string, isMainFrame = true): Prevented {
  return {
    url,
    isMainFrame,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

test('a capture: its own in-memory partition, the filtering proxy for everything, an offscreen sandboxed window without preload, JavaScript off', async () => {
  const result = await capture.electronPageCapture(REQUEST);
  assert.deepEqual(result.png, fake.CAPTURED_PNG);
  assert.equal(result.status, 200);
  assert.equal(result.partial, false);

  const ses = fake.session.partitions.at(-1);
  assert.ok(ses);
  assert.match(ses.partition, /^iblagh-capture-[0-9a-f-]{36}$/);
  assert.ok(!ses.partition.startsWith('persist:'), 'in memory only');
  assert.deepEqual(ses.proxy, { mode: 'fixed_servers', proxyRules: 'http://127.0.0.1:45678', proxyBypassRules: '<-loopback>' });
  assert.equal(ses.userAgent, REQUEST.userAgent);

  const win = fake.BrowserWindow.windows.at(-1);
  assert.ok(win);
  const prefs = win.options['webPreferences'] as Record<string, unknown>;
  assert.equal(win.options['show'], false);
  assert.equal(prefs['session'], ses, 'the window uses the capture partition, not the app session');
  assert.equal(prefs['offscreen'], true);
  assert.equal(prefs['javascript'], false);
  assert.equal(prefs['preload'], undefined, 'no preload: no bridge');
  assert.equal(prefs['sandbox'], true);
  assert.equal(prefs['contextIsolation'], true);
  assert.equal(prefs['nodeIntegration'], false);
  assert.equal(prefs['webSecurity'], true);
  assert.equal(win.webContents.webRtcPolicy, 'disable_non_proxied_udp');
  assert.deepEqual(win.webContents.loadOptions, { userAgent: REQUEST.userAgent });
  assert.equal(win.destroyed, true, 'the window is destroyed after the capture');
  assert.equal(ses.cleared, 2, 'storage and cache cleared');

  // Only web schemes leave the page (to the proxy); no downloads; no permissions; no new windows.
  const cancelled = (url: string) => {
    let answer: { cancel: boolean } | null = null;
    ses.webRequest.beforeRequest?.({ url } as never, ((value: { cancel: boolean }) => (answer = value)) as never);
    return (answer as { cancel: boolean } | null)?.cancel;
  };
  assert.equal(cancelled('http://cdn.test/a.png'), false);
  assert.equal(cancelled('https://cdn.test/a.png'), false);
  assert.equal(cancelled('file:///etc/passwd'), true);
  assert.equal(cancelled('app://iblagh/index.html'), true);
  const download = navigation('http://x/');
  ses.emit('will-download', download);
  assert.equal(download.prevented, true);
  let granted: boolean | null = null;
  ses.permissionRequest?.({} as never, 'media' as never, ((ok: boolean) => (granted = ok)) as never);
  assert.equal(granted, false);
  assert.deepEqual(win.webContents.windowOpenHandler?.(), { action: 'deny' });
});

test('JavaScript follows the supervisor setting', async () => {
  await capture.electronPageCapture({ ...REQUEST, javaScript: true });
  const prefs = fake.BrowserWindow.windows.at(-1)?.options['webPreferences'] as Record<string, unknown>;
  assert.equal(prefs['javascript'], true);
  assert.equal(prefs['preload'], undefined);
});

test('hardening: a capture window follows http(s) redirects and frames; an app window still may not leave app://', async () => {
  await capture.electronPageCapture(REQUEST);
  const captureContents = fake.BrowserWindow.windows.at(-1)?.webContents;
  assert.ok(captureContents);
  const redirect = navigation('https://elsewhere.test/');
  captureContents.emit('will-redirect', redirect);
  assert.equal(redirect.prevented, false);
  const frame = navigation('http://frame.test/', false);
  captureContents.emit('will-frame-navigate', frame);
  assert.equal(frame.prevented, false);
  const file = navigation('file:///etc/passwd');
  captureContents.emit('will-navigate', file);
  assert.equal(file.prevented, true);

  const appWindow = new fake.BrowserWindow({ webPreferences: { preload: '/x/preload.cjs' } });
  const away = navigation('https://elsewhere.test/');
  appWindow.webContents.emit('will-redirect', away);
  assert.equal(away.prevented, true);
  assert.equal(capture.isCaptureSession(appWindow.webContents.session as never), false);
});

test('downloads: an evidence export (a Blob the app built) opens the save dialog; anything else, and anything in a capture, is refused', () => {
  const appSession = fake.session.fromPartition('app-like');
  const item = (url: string) => ({
    url,
    dialog: null as Record<string, unknown> | null,
    getURL() {
      return this.url;
    },
    getFilename: () => 'EV-2026-WSRABAT03-000017.png',
    setSaveDialogOptions(options: Record<string, unknown>) {
      this.dialog = options;
    },
  });
  const exported = item('blob:app://iblagh/6f1c2a9e-0000-4000-8000-000000000000');
  const event = navigation('');
  appSession.emit('will-download', event, exported);
  assert.equal(event.prevented, false);
  assert.deepEqual(exported.dialog, { title: 'Iblagh Workstation', defaultPath: 'EV-2026-WSRABAT03-000017.png' }, 'Electron asks where to save');
  const foreign = navigation('');
  appSession.emit('will-download', foreign, item('https://elsewhere.test/file.exe'));
  assert.equal(foreign.prevented, true);
  const captureSession = fake.session.partitions.find((s) => capture.isCaptureSession(s as never));
  assert.ok(captureSession);
  const inCapture = navigation('');
  captureSession.emit('will-download', inCapture, item('blob:app://iblagh/x'));
  assert.equal(inCapture.prevented, true);
});
