/** The reference intake service is another system: it imports nothing of the workstation. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { test } from 'node:test';

const DIR = new URL('../../src/intake/', import.meta.url);
const ALLOWED_PACKAGES = ['zod', 'better-sqlite3-multiple-ciphers'];

test('src/intake imports only its own modules, Node built-ins, zod and better-sqlite3', () => {
  const files = readdirSync(DIR).filter((name) => name.endsWith('.ts'));
  assert.ok(files.length >= 10);
  for (const file of files) {
    const source = readFileSync(new URL(file, DIR), 'utf8');
    for (const match of source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/gm)) {
      const specifier = match[1] ?? match[2] ?? match[3] ?? '';
      const ok =
        /^\.\/[\w-]+\.ts$/.test(specifier) ||
        (specifier.startsWith('node:') && builtinModules.includes(specifier.slice(5))) ||
        ALLOWED_PACKAGES.includes(specifier);
      assert.ok(ok, `${file} imports ${specifier}`);
    }
  }
});
