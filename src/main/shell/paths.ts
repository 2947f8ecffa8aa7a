/**
 * Where the shell finds its built files and keeps its data. Environment
 * overrides exist for tests and for a store kept on a dedicated volume.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { app } from 'electron';

/** Folder of the encrypted store. Default: <userData>/store. */
export const ENV_STORE_DIR = 'IBLAGH_STORE_DIR';
/** Chromium profile folder (Electron's userData). Default: the OS's per-user app data folder. */
export const ENV_USER_DATA_DIR = 'IBLAGH_USER_DATA_DIR';

export interface ShellPaths {
  readonly storeDir: string;
  /** The renderer's build folder, served as app://iblagh/. */
  readonly rendererRoot: string;
  readonly preload: string;
}

function fromEnv(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? resolve(value) : undefined;
}

/**
 * Sets userData and returns the paths. Must run before the app is ready and
 * before the single-instance lock, which is keyed to userData.
 */
export function configurePaths(): ShellPaths {
  const storeOverride = fromEnv(ENV_STORE_DIR);
  const userDataOverride = fromEnv(ENV_USER_DATA_DIR);

  if (userDataOverride) {
    mkdirSync(userDataOverride, { recursive: true, mode: 0o700 });
    app.setPath('userData', userDataOverride);
  } else if (storeOverride) {
    // A store elsewhere (a test, a second workstation) must not share the real
    // profile, nor its single-instance lock: give it a throwaway one.
    const scratch = mkdtempSync(join(tmpdir(), 'iblagh-userdata-'));
    app.setPath('userData', scratch);
    app.once('quit', () => {
      try {
        rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        // Chromium may still hold a file open (Windows): the OS temp cleaner gets the rest.
      }
    });
  }

  // import.meta.dirname is out/main in the build (inside app.asar when packaged).
  const outDir = resolve(import.meta.dirname, '..');
  return {
    storeDir: storeOverride ?? join(app.getPath('userData'), 'store'),
    rendererRoot: join(outDir, 'renderer'),
    preload: join(outDir, 'preload', 'index.cjs'),
  };
}
