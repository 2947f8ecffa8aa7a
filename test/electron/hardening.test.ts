/**
 * End-to-end checks of the Electron shell's hardening, on the built app
 * (out/, from `npx electron-vite build`), driven by Playwright.
 *
 * Needs the Electron binary, and on Linux a display (run under `xvfb-run -a`).
 * Without the binary the whole file is skipped with one line.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp.ts';
import { installedElectron } from '../../scripts/electron-binary.ts';

const ROOT = resolve(import.meta.dirname, '../..');


const skip = installedElectron()
  ? false
  : 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): window hardening tests need it';

const ENTRY = 'app://iblagh/index.html';

test('Electron shell hardening', { skip, timeout: 180_000 }, async (t) => {
  for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    assert.ok(existsSync(join(ROOT, built)), `${built} is missing: run \`npx electron-vite build\` first`);
  }
  const { _electron } = await import('playwright-core');

  const scratch = mkdtempSync(join(tmpdir(), 'iblagh-electron-test-'));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE') env[name] = value;
  }
  env.IBLAGH_USER_DATA_DIR = join(scratch, 'user-data');
  env.IBLAGH_STORE_DIR = join(scratch, 'store');

  // Playwright finds the executable itself (the same one) and, unlike with
  // executablePath, injects its loader, which holds 'ready' until it is attached.
  const app = await _electron.launch({ args: [ROOT], cwd: ROOT, env, timeout: 60_000 });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');

    await t.test('the window shows app://iblagh/index.html and nothing else', async () => {
      assert.equal(page.url(), ENTRY);
      const windows = await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().map((window) => window.webContents.getURL()),
      );
      assert.deepEqual(windows, [ENTRY]);
    });

    await t.test('webPreferences: sandbox, context isolation, no Node', async () => {
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        // getLastWebPreferences exists at run time but is missing from electron.d.ts.
        const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
          getLastWebPreferences(): WebPreferences | null;
        };
        const p = contents.getLastWebPreferences();
        return p && {
          sandbox: p.sandbox,
          contextIsolation: p.contextIsolation,
          nodeIntegration: p.nodeIntegration,
          nodeIntegrationInSubFrames: p.nodeIntegrationInSubFrames,
          webSecurity: p.webSecurity,
          allowRunningInsecureContent: p.allowRunningInsecureContent,
          webviewTag: p.webviewTag,
        };
      });
      assert.deepEqual(prefs, {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
    });

    await t.test('the page has no Node globals', async () => {
      const globals = await page.evaluate(() => ({
        require: typeof (globalThis as Record<string, unknown>).require,
        process: typeof (globalThis as Record<string, unknown>).process,
        module: typeof (globalThis as Record<string, unknown>).module,
        Buffer: typeof (globalThis as Record<string, unknown>).Buffer,
        ipcRenderer: typeof (globalThis as Record<string, unknown>).ipcRenderer,
      }));
      assert.deepEqual(globals, {
        require: 'undefined',
        process: 'undefined',
        module: 'undefined',
        Buffer: 'undefined',
        ipcRenderer: 'undefined',
      });
    });

    await t.test('window.iblagh is the bridge and only the bridge', async () => {
      const shape = await page.evaluate(() => {
        const bridge = (globalThis as Record<string, unknown>).iblagh as Record<string, unknown> | undefined;
        return bridge && {
          keys: Object.keys(bridge).sort(),
          host: bridge.host,
          invoke: typeof bridge.invoke,
          on: typeof bridge.on,
        };
      });
      assert.deepEqual(shape, { keys: ['host', 'invoke', 'on'], host: 'electron', invoke: 'function', on: 'function' });
    });

    await t.test('the bridge reaches the core, and refuses unknown channels', async () => {
      const results = await page.evaluate(async () => {
        const bridge = (globalThis as unknown as { iblagh: { invoke(c: string, i: unknown): Promise<unknown> } }).iblagh;
        return { info: await bridge.invoke('app.info', undefined), unknown: await bridge.invoke('no.such.channel', 1) };
      });
      assert.deepEqual((results.info as { ok: boolean; value: { host: string } }).value.host, 'electron');
      assert.deepEqual((results.unknown as { error: { code: string } }).error.code, 'INVALID_INPUT');
    });

    await t.test('events reach listeners as their payload only, unknown events never', async () => {
      // A real session state, so the app's own listener stays happy with the probe.
      const state = await page.evaluate(async () => {
        const bridge = (globalThis as unknown as { iblagh: { invoke(c: string, i: unknown): Promise<{ value?: unknown }> } })
          .iblagh;
        const store = globalThis as unknown as { received: unknown[][] };
        store.received = [];
        (bridge as unknown as { on(e: string, l: (...a: unknown[]) => void): unknown }).on('session.changed', (...args) =>
          store.received.push(args),
        );
        return (await bridge.invoke('session.state', undefined)).value;
      });
      assert.ok(state, 'session.state answered');
      const payload = { state, reason: 'manual' };
      await app.evaluate(({ BrowserWindow }, probe) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents;
        contents.send('iblagh:event', 'not.an.event', { leak: true });
        contents.send('iblagh:event', 'session.changed', probe);
      }, payload);
      await page.waitForFunction(() => (globalThis as unknown as { received: unknown[] }).received.length > 0);
      const received = await page.evaluate(() => (globalThis as unknown as { received: unknown[][] }).received);
      assert.deepEqual(received, [[payload]]);
    });

    await t.test('every response carries the CSP and the security headers', async () => {
      const headers = await page.evaluate(async () => {
        const response = await fetch('/index.html', { cache: 'no-store' });
        return {
          status: response.status,
          csp: response.headers.get('content-security-policy'),
          nosniff: response.headers.get('x-content-type-options'),
          type: response.headers.get('content-type'),
        };
      });
      assert.deepEqual(headers, {
        status: 200,
        csp: CONTENT_SECURITY_POLICY,
        nosniff: 'nosniff',
        type: 'text/html; charset=utf-8',
      });
    });

    await t.test('the protocol serves nothing outside the renderer folder or host', async () => {
      const statuses = await app.evaluate(async ({ net }) => {
        const urls = [
          'app://iblagh/..%2f..%2fpackage.json',
          'app://iblagh/%2e%2e/%2e%2e/package.json',
          'app://iblagh/..%5c..%5cpackage.json',
          'app://iblagh/no-such-file.js',
          'app://elsewhere/index.html',
        ];
        const out: Record<string, { status: number; csp: boolean }> = {};
        for (const url of urls) {
          const response = await net.fetch(url);
          out[url] = { status: response.status, csp: response.headers.has('content-security-policy') };
        }
        return out;
      });
      for (const [url, { status, csp }] of Object.entries(statuses)) {
        assert.equal(status, 404, url);
        assert.equal(csp, true, `${url} has no CSP`);
      }
    });

    // The page-side snippets below are strings: this project's Node tsconfig has no DOM types.
    await t.test('navigation away from the app is refused', async () => {
      await page.evaluate(`window.location.href = 'https://example.invalid/'`).catch(() => {});
      await page
        .evaluate(
          `(() => {
            const link = document.createElement('a');
            link.href = 'https://example.invalid/link';
            document.body.append(link);
            link.click();
            link.remove();
          })()`,
        )
        .catch(() => {});
      await page.waitForTimeout(1000);
      assert.equal(page.url(), ENTRY);
      const url = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getURL());
      assert.equal(url, ENTRY);
    });

    await t.test('window.open opens nothing', async () => {
      const opened = await page.evaluate(
        `[window.open('https://example.invalid/') === null, window.open('app://iblagh/index.html') === null]`,
      );
      assert.deepEqual(opened, [true, true]);
      assert.equal(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length), 1);
    });

    await t.test('permission requests and checks are denied', async () => {
      const permission = await page.evaluate(`(async () => ({
        requested: await Notification.requestPermission(),
        queried: (await navigator.permissions.query({ name: 'notifications' })).state,
      }))()`);
      assert.deepEqual(permission, { requested: 'denied', queried: 'denied' });
    });

    await t.test('requests to any other scheme are cancelled by the session', async () => {
      // loadURL bypasses 'will-navigate': only the webRequest filter stands in the way,
      // so the error must be ERR_BLOCKED_BY_CLIENT, not a DNS failure.
      const error = await app.evaluate(async ({ BrowserWindow }) => {
        const probe = new BrowserWindow({ show: false });
        try {
          await probe.loadURL('https://example.invalid/');
          return 'loaded';
        } catch (failure) {
          return String(failure);
        } finally {
          probe.destroy();
        }
      });
      assert.match(error, /ERR_BLOCKED_BY_CLIENT/);
    });

    await t.test('IPC from any other window is refused', async () => {
      const result = await app.evaluate(async ({ BrowserWindow }, preload) => {
        const other = new BrowserWindow({
          show: false,
          webPreferences: { preload, sandbox: true, contextIsolation: true },
        });
        try {
          await other.loadURL('app://iblagh/index.html');
          return await other.webContents.executeJavaScript('window.iblagh.invoke("app.info", undefined)');
        } finally {
          other.destroy();
        }
      }, join(ROOT, 'out/preload/index.cjs'));
      assert.deepEqual(result, { ok: false, error: { code: 'FORBIDDEN', message: 'untrusted sender' } });
    });
  } finally {
    await app.close().catch(() => {});
    rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  }
});
