/**
 * Node's on-disk compile cache for the command line: V8 keeps the code it
 * compiled for the sources and their libraries (playwright-core alone is 7 MB
 * of JavaScript), so a command after the first starts about 0.2 s sooner and
 * the dossier renderer loads 0.1 s sooner (docs/benchmarks.md).
 *
 * The cache holds compiled code, which Node loads and runs: it lives in the
 * user's own cache folder (XDG_CACHE_HOME or ~/.cache), in a folder only its
 * owner can enter, and is not used at all when that folder is anyone else's or
 * open to others (never the shared temporary folder, Node's default). It holds
 * no store data. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The cache folder, or null when there is no safe one (no home, or a folder someone else could write to). */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const base = env['XDG_CACHE_HOME'] || (homedir() ? join(homedir(), '.cache') : '');
  if (!base.startsWith('/')) return null;
  const own = join(base, 'iblagh-ws');
  const dir = join(own, 'compile-cache');
  const uid = process.getuid?.();
  // Ours and closed to others, the folder and the one above it (whoever may write there could swap the folder).
  const isPrivate = (path: string): boolean => {
    const stat = lstatSync(path);
    return stat.isDirectory() && (uid === undefined || stat.uid === uid) && (stat.mode & 0o077) === 0;
  };
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return isPrivate(own) && isPrivate(dir) ? dir : null;
  } catch {
    return null;
  }
}

/** Turns the cache on for every module loaded from now on; any failure leaves it off (only slower). */
export function enableCliCompileCache(): void {
  const dir = compileCacheDir();
  if (dir === null) return;
  try {
    enableCompileCache(dir);
  } catch {
    // Off: the command runs as it would without.
  }
}
