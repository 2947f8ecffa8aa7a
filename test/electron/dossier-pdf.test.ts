/**
 * The dossier PDF's Electron twin (shell/dossier-pdf.ts). Against the
 * recording stand-in for 'electron' (fake-electron.ts): its own in-memory
 * partition, a hidden sandboxed window with no preload and no JavaScript,
 * every request but the page's own and data: cancelled (replacing the
 * hardening's listener), printToPDF with the plain-Node renderer's options,
 * the window destroyed, the temporary page deleted, the partition cleared, and
 * a render that fails when the page tried a request. With the Electron binary
 * (skipped with one line without it): the real printToPDF on the fixture,
 * read back with pdftotext, with a loopback server that must see no request.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { registerHooks } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import type * as FakeElectron from './fake-electron.ts';
import type * as DossierPdfModule from '../../src/main/shell/dossier-pdf.ts';
import { RequestAttemptedError } from '../../src/main/dossiers/document/render.ts';
import type { RenderedDossier } from '../../src/main/dossiers/document/template.ts';
import { installedElectron } from '../../scripts/electron-binary.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let fake: typeof FakeElectron;
let twin: typeof DossierPdfModule;

before(async () => {
  const fakeUrl = new URL('./fake-electron.ts', import.meta.url).href;
  registerHooks({
    resolve: (specifier, context, nextResolve) => (specifier === 'electron' ? { url: fakeUrl, shortCircuit: true } : nextResolve(specifier, context)),
  });
  fake = (await import(fakeUrl)) as typeof FakeElectron;
  const hardening = await import('../../src/main/shell/hardening.ts');
  hardening.hardenAllWebContents();
  if (!fake.app.isReady()) fake.fireReady();
  twin = await import('../../src/main/shell/dossier-pdf.ts');
});

const RENDERED: RenderedDossier = { html: '<!doctype html><html lang="fr"><body>x</body></html>' };

/** Calls `listener` when any dossier window, made before or during the render, loads its page. */
function onNavigate(listener: (contents: FakeElectron.FakeWebContents, url: string) => void | Promise<void>): () => void {
  const watch = (contents: FakeElectron.FakeWebContents): void => {
    contents.once('did-navigate', (_e: unknown, url: string) => void listener(contents, url));
  };
  for (const win of fake.BrowserWindow.windows) if (!win.destroyed) watch(win.webContents);
  const onCreated = (_event: unknown, contents: FakeElectron.FakeWebContents): void => watch(contents);
  fake.app.on('web-contents-created', onCreated);
  return () => fake.app.off('web-contents-created', onCreated);
}

/** Renders RENDERED; the web contents its page was loaded in. */
async function renderedIn(): Promise<FakeElectron.FakeWebContents | null> {
  let loadedIn: FakeElectron.FakeWebContents | null = null;
  const stop = onNavigate((contents) => {
    loadedIn = contents;
  });
  try {
    await twin.electronDossierPdf(RENDERED);
  } finally {
    stop();
  }
  return loadedIn;
}

test('a render: its own in-memory partition, a hidden sandboxed window without preload or JavaScript, every other request cancelled, printToPDF as under Node', async () => {
  await twin.resetDossierWindows();
  let seenPage: string | null = null;
  let served: string | null = null;
  let servedAgain = 0;
  let used: FakeElectron.FakeWebContents | null = null;
  const stop = onNavigate(async (contents, url) => {
    used = contents;
    seenPage = url;
    const handler = contents.session?.protocol.handlers.get('iblagh-dossier');
    served = handler ? await (await handler({ url })).text() : null;
    servedAgain = handler ? (await handler({ url })).status : 0;
  });
  const out = await twin.electronDossierPdf(RENDERED);
  stop();
  assert.equal(out.pages, 1);
  assert.deepEqual(Buffer.from(out.pdf), fake.PRINTED_PDF);

  assert.ok(used);
  const usedContents: FakeElectron.FakeWebContents = used;
  const ses = usedContents.session;
  assert.ok(ses);
  assert.match(ses.partition, /^iblagh-dossier-[0-9a-f-]{36}$/);
  assert.ok(!ses.partition.startsWith('persist:'), 'in memory only');
  assert.equal(ses.partitionOptions['cache'], false);
  assert.ok(ses.cleared >= 2, 'storage and cache cleared after');

  const win = fake.BrowserWindow.windows.find((candidate) => candidate.webContents === usedContents);
  assert.ok(win);
  assert.equal(win.options['show'], false);
  const prefs = win.options['webPreferences'] as Record<string, unknown>;
  assert.equal(prefs['session'], ses, 'the window uses its own partition, not the app session');
  assert.equal(prefs['preload'], undefined, 'no bridge');
  assert.equal(prefs['sandbox'], true);
  assert.equal(prefs['contextIsolation'], true);
  assert.equal(prefs['nodeIntegration'], false);
  assert.equal(prefs['javascript'], false);
  assert.equal(win.destroyed, true, 'window destroyed after');

  // The page: served from memory by the partition's own protocol handler at a random URL, once; never on disk.
  assert.ok(seenPage);
  const pageUrl: string = seenPage;
  assert.match(pageUrl, /^iblagh-dossier:\/\/render\/[0-9a-f-]{36}\.html$/);
  assert.equal(served, RENDERED.html, 'the page was served from memory');
  assert.equal(servedAgain, 404, 'only once');
  assert.equal(ses.protocol.handlers.size, 0, 'the handler is removed after');

  // The request listener is the render's own (it replaced the hardening's): the page and data: only.
  const decide = (url: string): boolean => {
    let cancel: boolean | undefined;
    ses.webRequest.beforeRequest?.({ url } as never, ((answer: { cancel?: boolean }) => (cancel = answer.cancel)) as never);
    return cancel === true;
  };
  assert.equal(decide(pageUrl), false);
  assert.equal(decide('data:font/woff2;base64,AAAA'), false);
  for (const url of ['http://127.0.0.1:9/x.png', 'https://example.com/', 'file:///etc/passwd', `${pageUrl}?x`, 'app://iblagh/index.html', 'ws://127.0.0.1:9/']) {
    assert.equal(decide(url), true, url);
  }
  assert.equal(ses.permissionCheck?.(), false);

  const print = win.webContents.printOptions;
  assert.ok(print);
  assert.equal(print['pageSize'], 'A4');
  assert.equal(print['printBackground'], true);
  assert.equal(print['displayHeaderFooter'], false, 'the running header and footer are CSS margin boxes of the page');
  assert.equal(print['preferCSSPageSize'], true);
  assert.equal(print['headerTemplate'], undefined);
  const margins = print['margins'] as Record<string, number>;
  assert.ok(Math.abs((margins['left'] ?? 0) - 18 / 25.4) < 1e-9, 'margins in inches, as the page CSS has them in mm');
});

test('the window of the next render is made after a render, blank, in a partition of its own; the next render uses it once', async () => {
  await twin.resetDossierWindows();
  const before = fake.BrowserWindow.windows.length;
  await twin.electronDossierPdf(RENDERED);
  const first = fake.BrowserWindow.windows[before]!;
  const spare = fake.BrowserWindow.windows.at(-1)!;
  assert.equal(fake.BrowserWindow.windows.length, before + 2, 'the render’s window, then the next one’s');
  assert.equal(first.destroyed, true);
  assert.equal(spare.destroyed, false, 'kept for the next render');
  assert.notEqual(spare.webContents.session, first.webContents.session, 'a partition of its own');
  assert.equal(spare.webContents.getURL(), '', 'nothing loaded in it yet');
  const pageHandler = spare.webContents.session!.protocol.handlers.get('iblagh-dossier')!;
  assert.equal((await pageHandler({ url: 'iblagh-dossier://render/x.html' })).status, 404, 'it serves nothing before its render');
  assert.equal(await renderedIn(), spare.webContents, 'the second render used the prepared window');
  assert.equal(spare.destroyed, true, 'once');
  assert.equal(fake.BrowserWindow.windows.length, before + 3, 'and the window after it was prepared');
  await twin.resetDossierWindows();
  assert.equal(fake.BrowserWindow.windows.at(-1)!.destroyed, true);
});

test('opening the dossier choices prepares the first render’s window, once', async () => {
  await twin.resetDossierWindows();
  const before = fake.BrowserWindow.windows.length;
  twin.prepareElectronDossierPdf();
  twin.prepareElectronDossierPdf();
  assert.equal(fake.BrowserWindow.windows.length, before + 1, 'one window, made at once');
  const prepared = fake.BrowserWindow.windows.at(-1)!;
  assert.equal(await renderedIn(), prepared.webContents, 'the first render used it');
  await twin.resetDossierWindows();
});

test('when the app’s window closes, the prepared window goes and none is made again: nothing hidden keeps the app running', async () => {
  await twin.resetDossierWindows();
  await twin.electronDossierPdf(RENDERED);
  const spare = fake.BrowserWindow.windows.at(-1)!;
  assert.equal(spare.destroyed, false);
  await twin.closeDossierWindows();
  assert.equal(spare.destroyed, true);
  assert.ok(spare.webContents.session!.cleared >= 2, 'its partition cleared');
  const count = fake.BrowserWindow.windows.length;
  twin.prepareElectronDossierPdf();
  assert.equal(fake.BrowserWindow.windows.length, count, 'nothing is prepared any more');
  await twin.electronDossierPdf(RENDERED);
  assert.equal(fake.BrowserWindow.windows.length, count + 1, 'a render still works, with a window of its own');
  assert.ok(fake.BrowserWindow.windows.every((win) => win.destroyed), 'and no window is left');
  await twin.resetDossierWindows();
});

test('a page that tries a request fails the render (RENDER_FAILED), and its window is still destroyed', async () => {
  await twin.resetDossierWindows();
  // Once in a new window, once in the prepared one.
  for (let k = 0; k < 2; k++) {
    let loaded: FakeElectron.FakeWebContents | null = null;
    const stop = onNavigate((contents) => {
      loaded = contents;
      contents.session?.webRequest.beforeRequest?.({ url: 'http://127.0.0.1:9/leak.png' } as never, (() => {}) as never);
    });
    await assert.rejects(twin.electronDossierPdf(RENDERED), (error: unknown) => error instanceof RequestAttemptedError && error.code === 'RENDER_FAILED' && error.attempted[0] === 'http://127.0.0.1:9/leak.png');
    stop();
    assert.ok(loaded);
    const contents: FakeElectron.FakeWebContents = loaded;
    assert.equal(fake.BrowserWindow.windows.find((win) => win.webContents === contents)?.destroyed, true);
  }
  await twin.resetDossierWindows();
});

const electron = installedElectron();
test('the real printToPDF in Electron: the fixture in French and Arabic, read back, no request', { skip: electron ? false : 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): the real printToPDF needs it', timeout: 180_000 }, async () => {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  // Bundled inside the repository so that the packages (fonts, the Markdown parser) resolve from node_modules.
  const bundleDir = join(ROOT, 'test-results', 'electron');
  mkdirSync(bundleDir, { recursive: true });
  const out = mkdtempSync(join(tmpdir(), 'iblagh-electron-dossier-'));
  try {
    const { rolldown } = await import('rolldown');
    const bundle = await rolldown({ input: join(import.meta.dirname, 'dossier-pdf-driver.ts'), external: (id) => !id.startsWith('.') && !id.startsWith('/'), platform: 'node' });
    const main = join(bundleDir, 'dossier-pdf-main.mjs');
    await bundle.write({ file: main, format: 'esm' });
    await bundle.close();
    const run = spawnSync(String(electron), [main], { encoding: 'utf8', timeout: 150_000, env: { ...process.env, DOSSIER_OUT: out, DOSSIER_PORT: String(port), ELECTRON_RUN_AS_NODE: '' } });
    const lines = run.stdout.trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { lang?: string; pages?: number; ms?: number; error?: string });
    assert.deepEqual(lines.filter((line) => line.error), [], run.stderr);
    assert.equal(lines.length, 2, run.stdout + run.stderr);
    for (const line of lines) console.log(`Electron printToPDF, ${line.lang}: ${line.pages} pages in ${line.ms} ms`);
    for (const lang of ['fr', 'ar']) {
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, `${lang}.pdf`), '-'], { encoding: 'utf8' }).replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '');
      assert.ok(text.includes('DOS-2026-WSRABAT03-00042'));
      assert.ok(text.includes('IBL-2026-0000008'));
      assert.ok(!text.includes('ZoubidaCanaryhidden'));
    }
    assert.deepEqual(hits, [], 'the loopback server was never reached');
  } finally {
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
});
