/**
 * The installed Electron executable, or null. Mirrors node_modules/electron/index.js
 * without calling it: that module starts a download when the binary is missing.
 * Used by `npm start` and by the Electron-only tests to decide whether they can run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function installedElectron(): string | null {
  try {
    const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    let relative: string | undefined;
    try {
      relative = readFileSync(join(pkgDir, 'path.txt'), 'utf8');
    } catch {
      relative = undefined;
    }
    const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
    const executable = override ? join(override, relative || 'electron') : relative ? join(pkgDir, 'dist', relative) : null;
    return executable && existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}
