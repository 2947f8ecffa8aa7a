/**
 * The built main process (out/main/index.js) run under plain Node against a
 * recording stand-in for 'electron' (fake-electron.ts) and the real core on a
 * temporary store: checks what the shell asks of Electron, in which order, and
 * what its handlers answer. Electron's own behaviour is hardening.test.ts's job.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../src/shared/csp.ts';
import type * as FakeElectron from './fake-electron.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'out/main/index.js');
const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((file) =>
  existsSync(join(ROOT, file)),
);
const skip = built ? false : 'out/ not built (npx electron-vite build): the built main process is what this tests';

type Handler = (...args: unknown[]) => unknown;
interface Prevented {
  url: string;
  isMainFrame: boolean;
  prevented: boolean;
  preventDefault(): void;
}

function navigationEvent(url: string, isMainFrame = true): Prevented {
  return {
    url,
    isMainFrame,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((resolveLater) => setTimeout(resolveLater, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('the built main process drives Electron as intended', { skip, timeout: 60_000 }, async (t) => {
  const scratch = mkdtempSync(join(tmpdir(), 'iblagh-shell-main-'));
  after(() => rmSync(scratch, { recursive: true, force: true, maxRetries: 3 }));
  process.env.IBLAGH_USER_DATA_DIR = join(scratch, 'user-data');
  process.env.IBLAGH_STORE_DIR = join(scratch, 'store');

  const fakeUrl = new URL('./fake-electron.ts', import.meta.url).href;
  registerHooks({
    resolve: (specifier, context, nextResolve) =>
      specifier === 'electron' ? { url: fakeUrl, shortCircuit: true } : nextResolve(specifier, context),
  });
  const fake = (await import(fakeUrl)) as typeof FakeElectron;
  await import(pathToFileURL(MAIN).href);

  await t.test('before ready: profile path, sandbox, privileged scheme, single-instance lock', () => {
    assert.deepEqual(fake.calls, [
      'app.setPath:userData',
      'app.enableSandbox',
      'protocol.registerSchemesAsPrivileged',
      'app.requestSingleInstanceLock',
    ]);
    assert.equal(fake.app.getPath('userData'), join(scratch, 'user-data'));
    assert.deepEqual(fake.protocol.privileged, [
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  fake.fireReady();
  await until(() => fake.BrowserWindow.windows.length === 1, 'the window');
  const window = fake.BrowserWindow.windows[0]!;
  const contents = window.webContents;

  await t.test('after ready: session hardened, protocol handled, IPC bound, then the window', () => {
    const order = fake.calls.slice(fake.calls.indexOf('ready'));
    assert.deepEqual(order, [
      'ready',
      'protocol.handle:app',
      'ipcMain.handle:iblagh:invoke',
      'window.loadURL:app://iblagh/index.html',
    ]);
    assert.equal(fake.app.exitCode, null);
    assert.deepEqual(fake.dialog.errors, []);
  });

  await t.test('the window: hardened webPreferences, built preload, shown when ready', () => {
    const { webPreferences, ...rest } = window.options as { webPreferences: Record<string, unknown>; title: unknown; show: unknown };
    assert.deepEqual(webPreferences, {
      preload: join(ROOT, 'out/preload/index.cjs'),
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
      devTools: true,
    });
    assert.equal(rest.title, 'Iblagh Workstation');
    assert.equal(rest.show, false);
    assert.equal(window.shown, false);
    window.emit('ready-to-show');
    assert.equal(window.shown, true);
  });

  await t.test('the default session: no permission, no device, no spellchecker, only app:', () => {
    const ses = fake.session.defaultSession;
    let granted: boolean | undefined;
    (ses.permissionRequest as Handler)(contents, 'media', (value: boolean) => (granted = value), {});
    assert.equal(granted, false);
    assert.equal((ses.permissionCheck as Handler)(contents, 'notifications', 'app://iblagh', {}), false);
    assert.equal((ses.devicePermission as Handler)({ deviceType: 'usb' }), false);
    assert.equal(ses.spellChecker, false);

    const cancelled = (url: string): boolean | undefined => {
      let answer: { cancel?: boolean } | undefined;
      (ses.webRequest.beforeRequest as Handler)({ url }, (response: { cancel?: boolean }) => (answer = response));
      return answer?.cancel;
    };
    assert.equal(cancelled('app://iblagh/assets/index.js'), false);
    assert.equal(cancelled('devtools://devtools/bundled/inspector.html'), false);
    for (const url of ['https://example.invalid/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'ws://127.0.0.1/', 'data:text/html,x', 'ftp://x/']) {
      assert.equal(cancelled(url), true, url);
    }
  });

  await t.test('every web contents: no navigation away, no redirect, no webview, no new window', () => {
    for (const url of ['https://example.invalid/', 'file:///etc/passwd', 'app://iblagh/other.html', 'app://elsewhere/index.html']) {
      const navigate = navigationEvent(url);
      contents.emit('will-navigate', navigate, url);
      assert.equal(navigate.prevented, true, `will-navigate ${url}`);
      const frame = navigationEvent(url);
      contents.emit('will-frame-navigate', frame);
      assert.equal(frame.prevented, true, `will-frame-navigate ${url}`);
      const redirect = navigationEvent(url);
      contents.emit('will-redirect', redirect, url);
      assert.equal(redirect.prevented, true, `will-redirect ${url}`);
    }
    const self = navigationEvent('app://iblagh/index.html');
    contents.emit('will-navigate', self, self.url);
    assert.equal(self.prevented, false, 'reloading the app itself is allowed');
    const subframe = navigationEvent('app://iblagh/index.html', false);
    contents.emit('will-frame-navigate', subframe);
    assert.equal(subframe.prevented, true, 'no subframe, even of our own page');

    const webview = navigationEvent('');
    contents.emit('will-attach-webview', webview, {}, {});
    assert.equal(webview.prevented, true);
    assert.deepEqual((contents.windowOpenHandler as Handler)({ url: 'https://example.invalid/' }), { action: 'deny' });
  });

  await t.test('app:// serves the renderer with the security headers, and nothing else', async () => {
    const handler = fake.protocol.handlers.get('app') as (request: { url: string; method: string }) => Promise<Response>;
    const get = (url: string, method = 'GET') => handler({ url, method });

    const index = await get('app://iblagh/index.html');
    assert.equal(index.status, 200);
    assert.equal(await index.text(), readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8'));
    assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) assert.equal(index.headers.get(name), value, name);
    assert.equal(index.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);

    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8'))?.[1];
    assert.ok(script, 'index.html loads a script');
    const asset = await get(`app://iblagh/${script}`);
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('content-type'), 'text/javascript; charset=utf-8');

    const head = await get('app://iblagh/index.html', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');

    for (const url of [
      'app://iblagh/..%2f..%2fpackage.json',
      'app://iblagh/..%2f..%2fmain%2findex.js',
      'app://iblagh/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://iblagh/assets',
      'app://iblagh/no-such-file.js',
      'app://elsewhere/index.html',
    ]) {
      const response = await get(url);
      assert.equal(response.status, 404, url);
      assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, url);
    }
    const post = await get('app://iblagh/index.html', 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  });

  const invoke = fake.ipcMain.handlers.get('iblagh:invoke') as Handler;
  const trusted = { sender: contents, senderFrame: contents.mainFrame };

  await t.test('IPC: the top frame of our window reaches the core', async () => {
    assert.deepEqual(await invoke(trusted, 'app.info', undefined), {
      ok: true,
      value: { version: '0.1.0-fake', host: 'electron' },
    });
    const unknown = (await invoke(trusted, 'no.such.channel', 1)) as { ok: boolean; error: { code: string } };
    assert.equal(unknown.error.code, 'INVALID_INPUT');
    const notString = (await invoke(trusted, { toString: () => 'app.info' }, undefined)) as { error: { code: string } };
    assert.equal(notString.error.code, 'INVALID_INPUT');
  });

  await t.test('IPC: any other sender is refused before the core sees it', async () => {
    const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: 'untrusted sender' } };
    const other = new fake.FakeWebContents();
    await other.loadURL('app://iblagh/index.html');
    const cases = {
      'another web contents': { sender: other, senderFrame: other.mainFrame },
      'a destroyed frame': { sender: contents, senderFrame: null },
      'a subframe': { sender: contents, senderFrame: new fake.FakeFrame('app://iblagh/index.html', contents.mainFrame) },
      'a foreign page': { sender: contents, senderFrame: new fake.FakeFrame('https://example.invalid/', null) },
    };
    for (const [name, event] of Object.entries(cases)) {
      assert.deepEqual(await invoke(event, 'app.info', undefined), forbidden, name);
    }
  });

  await t.test('core events reach the window; OS lock and suspend lock the store', async () => {
    const setup = (await invoke(trusted, 'session.setup', {
      name: 'Karima Benali',
      service: 'BNPJ Rabat',
      passphrase: 'orange tapis falaise 42 nuage',
      locale: 'fr',
    })) as { ok: boolean; value: { phase: string } };
    assert.equal(setup.ok, true, JSON.stringify(setup));
    assert.equal(setup.value.phase, 'unlocked');
    const events = () => contents.sent.map(([channel, name, payload]) => [channel, name, (payload as { reason: string }).reason]);
    assert.deepEqual(events(), [['iblagh:event', 'session.changed', 'setup']]);

    fake.powerMonitor.emit('lock-screen');
    assert.deepEqual(events().at(-1), ['iblagh:event', 'session.changed', 'os-lock']);
    const state = (await invoke(trusted, 'session.state', undefined)) as { value: { phase: string } };
    assert.equal(state.value.phase, 'locked');
    // Already locked: nothing to announce.
    fake.powerMonitor.emit('suspend');
    assert.equal(contents.sent.length, 2);
  });

  await t.test('the menu has no Help (remote links) and DevTools only unpackaged', () => {
    const flat = JSON.stringify(fake.Menu.current?.template);
    assert.ok(!flat.includes('"help"'), flat);
    assert.ok(!/https?:/.test(flat), flat);
    assert.ok(flat.includes('toggleDevTools'));
  });

  await t.test('closing the last window quits, and quitting closes (so locks) the core', async () => {
    const unlocked = (await invoke(trusted, 'session.unlock', {
      name: 'Karima Benali',
      passphrase: 'orange tapis falaise 42 nuage',
    })) as { ok: boolean; value: { phase: string } };
    assert.equal(unlocked.value.phase, 'unlocked', JSON.stringify(unlocked));

    fake.app.emit('window-all-closed');
    assert.ok(fake.calls.includes('app.quit'));
    const reasons = contents.sent.map(([, , payload]) => (payload as { reason: string }).reason);
    assert.deepEqual(reasons.slice(-2), ['unlock', 'manual']);
    const after = (await invoke(trusted, 'session.state', undefined)) as { value: { phase: string } };
    assert.equal(after.value.phase, 'locked');
  });
});
