/**
 * Worker threads for a benchmark, bundled as the app ships them. The app
 * starts its sync and verifier threads from JavaScript that electron-vite
 * bundled (out/main); started from TypeScript, each new thread strips the
 * types of every module it loads, and V8's helper threads compile the
 * stripper (a WebAssembly module) again for it: about 200 ms of their time
 * per thread, at the sync's start, that the app does not spend.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const ROOT = resolve(import.meta.dirname, '..');

/** Bundles each entry (name → source file, from the project's root) into `outDir` as `<name>.js`; gives their URLs. */
export async function bundleEntries(entries: Record<string, string>, outDir: string): Promise<Record<string, URL>> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  // As electron-vite's externalizeDeps: the packages (the native SQLite module among them) load from node_modules.
  const packages = Object.keys(pkg.dependencies ?? {});
  const external = (id: string): boolean => id.startsWith('node:') || builtinModules.includes(id) || packages.some((name) => id === name || id.startsWith(`${name}/`));
  const input = Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(ROOT, file)]));
  await build({ input, platform: 'node', external, logLevel: 'warn', output: { dir: outDir, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' } });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, pathToFileURL(join(outDir, `${name}.js`))]));
}
