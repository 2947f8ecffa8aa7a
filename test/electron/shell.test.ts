/**
 * The Electron shell's pure parts, in plain Node (no Electron binary needed):
 * URL-to-file mapping of the app:// handler, content types, the URL and frame
 * trust rules, and the IPC names both sides of the bridge must agree on.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { resolveAssetPath } from '../../src/main/shell/asset-path.ts';
import { contentTypeOf } from '../../src/main/shell/content-type.ts';
import { IPC_EVENT, IPC_INVOKE } from '../../src/main/shell/ipc-names.ts';
import { APP_ENTRY_URL, isAppEntryUrl, isAppUrl, isTrustedFrame } from '../../src/main/shell/origin.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER = resolve('/opt/iblagh/out/renderer');

test('app:// URLs map to files inside the renderer folder', () => {
  assert.equal(resolveAssetPath(RENDERER, APP_ENTRY_URL), join(RENDERER, 'index.html'));
  assert.equal(resolveAssetPath(RENDERER, 'app://iblagh/'), join(RENDERER, 'index.html'));
  assert.equal(resolveAssetPath(RENDERER, 'app://iblagh/assets/index-abc.js?v=1#x'), join(RENDERER, 'assets', 'index-abc.js'));
  assert.equal(resolveAssetPath(RENDERER, 'app://iblagh/assets/noto%20sans.woff2'), join(RENDERER, 'assets', 'noto sans.woff2'));
  // Dot segments are resolved by the URL parser, inside the root.
  assert.equal(resolveAssetPath(RENDERER, 'app://iblagh/assets/../index.html'), join(RENDERER, 'index.html'));
});

test('app:// URLs that climb out of the renderer folder are refused', () => {
  for (const url of [
    'app://iblagh/..%2f..%2fpackage.json',
    'app://iblagh/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://iblagh/assets/..%2f..%2f..%2fmain%2findex.js',
    'app://iblagh/%2e%2e%2f%2e%2e%2fpackage.json',
    'app://iblagh/..%2f',
  ]) {
    assert.equal(resolveAssetPath(RENDERER, url), null, url);
  }
  // A backslash is a separator on Windows only; either way nothing escapes.
  const backslash = resolveAssetPath(RENDERER, 'app://iblagh/..%5c..%5cpackage.json');
  assert.ok(backslash === null || backslash.startsWith(RENDERER + sep), String(backslash));
});

test('other hosts, ports, credentials, schemes and malformed URLs are refused', () => {
  for (const url of [
    'app://elsewhere/index.html',
    'app://iblagh.evil/index.html',
    'app://iblagh:8080/index.html',
    'app://user@iblagh/index.html',
    'file:///etc/passwd',
    'https://iblagh/index.html',
    'app://iblagh/%E0%A4%A',
    'app://iblagh/index.html%00.png',
    'not a url',
  ]) {
    assert.equal(resolveAssetPath(RENDERER, url), null, url);
  }
});

test('content types of built files', () => {
  assert.equal(contentTypeOf('/x/index.html'), 'text/html; charset=utf-8');
  assert.equal(contentTypeOf('/x/assets/index-abc.js'), 'text/javascript; charset=utf-8');
  assert.equal(contentTypeOf('/x/assets/index-abc.CSS'), 'text/css; charset=utf-8');
  assert.equal(contentTypeOf('/x/assets/noto.woff2'), 'font/woff2');
  assert.equal(contentTypeOf('/x/assets/logo.svg'), 'image/svg+xml');
  assert.equal(contentTypeOf('/x/assets/unknown.bin'), 'application/octet-stream');
  assert.equal(contentTypeOf('/x/LICENSE'), 'application/octet-stream');
});

test('only app://iblagh/ is ours, and only its index.html is a navigation target', () => {
  assert.ok(isAppUrl('app://iblagh/index.html'));
  assert.ok(isAppUrl('app://iblagh/assets/a.js'));
  assert.ok(!isAppUrl('app://iblagh'));
  assert.ok(!isAppUrl('app://iblagh.evil/index.html'));
  assert.ok(!isAppUrl('app://iblagh:1/index.html'));
  assert.ok(!isAppUrl('app://iblagh@evil/index.html'));
  assert.ok(!isAppUrl('https://iblagh/index.html'));
  assert.ok(!isAppUrl('file:///app/index.html'));

  assert.ok(isAppEntryUrl('app://iblagh/index.html'));
  assert.ok(isAppEntryUrl('app://iblagh/index.html#/audit'));
  assert.ok(!isAppEntryUrl('app://iblagh/other.html'));
  assert.ok(!isAppEntryUrl('app://iblagh/'));
  assert.ok(!isAppEntryUrl('https://example.invalid/'));
  assert.ok(!isAppEntryUrl('about:blank'));
});

test('only the top frame on app://iblagh/ is a trusted IPC sender', () => {
  const top = { url: 'app://iblagh/index.html', parent: null };
  assert.ok(isTrustedFrame(top));
  assert.ok(!isTrustedFrame(null));
  assert.ok(!isTrustedFrame(undefined));
  assert.ok(!isTrustedFrame({ url: 'app://iblagh/index.html', parent: top }));
  assert.ok(!isTrustedFrame({ url: 'https://example.invalid/', parent: null }));
  assert.ok(!isTrustedFrame({ url: 'about:blank', parent: null }));
  assert.ok(!isTrustedFrame({ url: '', parent: null }));
});

test('the preload uses the same IPC channel names as the main process', () => {
  const preload = readFileSync(join(ROOT, 'src/preload/index.ts'), 'utf8');
  assert.ok(preload.includes(`const IPC_INVOKE = '${IPC_INVOKE}';`), 'IPC_INVOKE differs');
  assert.ok(preload.includes(`const IPC_EVENT = '${IPC_EVENT}';`), 'IPC_EVENT differs');
});

const builtPreload = join(ROOT, 'out/preload/index.cjs');
test(
  'the built preload is one CommonJS file that requires only electron',
  { skip: existsSync(builtPreload) ? false : 'out/preload/index.cjs not built (npx electron-vite build)' },
  () => {
    const source = readFileSync(builtPreload, 'utf8');
    const requires = [...source.matchAll(/\brequire\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((match) => match[2]);
    assert.deepEqual([...new Set(requires)], ['electron']);
    assert.doesNotMatch(source, /^\s*import\s|^\s*export\s|\bimport\(/m);
  },
);
