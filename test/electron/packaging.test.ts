/**
 * The packaging configuration (electron-builder.yml) holds what the security
 * review asked of it: the Windows installer goes per machine into Program
 * Files and offers no other folder, and the fuses the README describes are
 * set. Read as text (top-level sections, `key: value` lines), so that no YAML
 * parser is needed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const CONFIG = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The scalar `key: value` lines directly under a top-level section, comments left out. */
function section(name: string): Map<string, string> {
  const lines = CONFIG.split('\n');
  const start = lines.indexOf(`${name}:`);
  assert.ok(start >= 0, `section ${name}`);
  const values = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const match = /^ {2}([A-Za-z]+):\s*([^#\s][^#]*?)\s*(?:#.*)?$/.exec(line);
    if (match) values.set(match[1]!, match[2]!);
  }
  return values;
}

test('the Windows installer installs per machine into a protected folder the user cannot change', () => {
  const nsis = section('nsis');
  assert.equal(nsis.get('perMachine'), 'true');
  assert.equal(nsis.get('allowToChangeInstallationDirectory'), 'false');
  assert.equal(nsis.get('oneClick'), 'false');
  assert.equal(nsis.get('deleteAppDataOnUninstall'), 'false');
});

test('the fuses the README describes are set, and the README says where asar integrity stops', () => {
  const fuses = section('electronFuses');
  assert.equal(fuses.get('enableEmbeddedAsarIntegrityValidation'), 'true');
  assert.equal(fuses.get('onlyLoadAppFromAsar'), 'true');
  assert.equal(fuses.get('runAsNode'), 'false');
  assert.equal(fuses.get('enableNodeOptionsEnvironmentVariable'), 'false');
  assert.equal(fuses.get('enableNodeCliInspectArguments'), 'false');
  const packaging = README.slice(README.indexOf('## Packaging'), README.indexOf('## Benchmarks'));
  assert.match(packaging, /Electron does not support it on Linux/);
  assert.match(packaging, /app\.asar\.unpacked/);
  assert.match(packaging, /allowToChangeInstallationDirectory: false/);
  // Every module the config unpacks is named as not covered.
  for (const match of CONFIG.matchAll(/^ {2}- node_modules\/([^/]+)\/\*\*$/gm)) assert.ok(packaging.includes(match[1]!), match[1]);
});
