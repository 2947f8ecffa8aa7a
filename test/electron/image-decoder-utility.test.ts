/**
 * The image decoder as an Electron utility process (shell/image-decoder-utility.ts)
 * on the built app: Electron runs a small main script that analyses a JPEG
 * through out/main/image-decoder.js. Without the binary the file is skipped
 * with one line; the decoder itself is tested under plain Node in
 * test/diagnostics/image-decoder.test.ts (the same ForkImageDecoder, a child process).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { installedElectron } from '../../scripts/electron-binary.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const electron = installedElectron();
const skip = !electron
  ? 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): the utility-process decoder needs it'
  : !existsSync(join(ROOT, 'out/main/image-decoder.js'))
    ? 'out/ not built (npx electron-vite build)'
    : false;

test('the image decoder runs as an Electron utility process', { skip, timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'iblagh-utility-'));
  try {
    const main = join(dir, 'main.mjs');
    writeFileSync(
      main,
      `import { app, utilityProcess } from 'electron';
app.whenReady().then(() => {
  const child = utilityProcess.fork(${JSON.stringify(join(ROOT, 'out/main/image-decoder.js'))}, [], { execArgv: ['--disallow-code-generation-from-strings'] });
  child.on('message', (m) => { if (m.ready) child.postMessage({ id: 1, bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) }); else { console.log(JSON.stringify(m)); app.quit(); } });
});`,
    );
    const run = spawnSync(String(electron), [main], { encoding: 'utf8', timeout: 50_000 });
    const answer = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { id?: number; ok?: boolean };
    assert.equal(answer.id, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
