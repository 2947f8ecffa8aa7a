/**
 * The command line's compile cache (src/cli/compile-cache.ts): compiled code
 * that Node loads and runs, so it is only ever kept in a folder that its
 * owner alone can enter, and the command line really uses it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { compileCacheDir } from '../../src/cli/compile-cache.ts';
import { tempDir } from '../helpers/store.ts';

const BIN = resolve(import.meta.dirname, '../../bin/iblagh-ws.js');

test('the compile cache folder is the user’s own, private, and refused when open to others', (t) => {
  const base = tempDir(t);
  const dir = compileCacheDir({ XDG_CACHE_HOME: base });
  assert.equal(dir, join(base, 'iblagh-ws', 'compile-cache'));
  assert.equal(statSync(dir).mode & 0o777, 0o700, 'made for its owner alone');
  assert.equal(statSync(join(base, 'iblagh-ws')).mode & 0o777, 0o700);

  // A folder others may write to (made so by someone, or by mistake) is not used: its code could be anyone's.
  const open = tempDir(t);
  mkdirSync(join(open, 'iblagh-ws', 'compile-cache'), { recursive: true });
  chmodSync(join(open, 'iblagh-ws', 'compile-cache'), 0o777);
  assert.equal(compileCacheDir({ XDG_CACHE_HOME: open }), null);
  chmodSync(join(open, 'iblagh-ws', 'compile-cache'), 0o750);
  assert.equal(compileCacheDir({ XDG_CACHE_HOME: open }), null, 'group access is refused too');
  chmodSync(join(open, 'iblagh-ws', 'compile-cache'), 0o700);
  chmodSync(join(open, 'iblagh-ws'), 0o777);
  assert.equal(compileCacheDir({ XDG_CACHE_HOME: open }), null, 'a folder above it others may write to is refused');
  chmodSync(join(open, 'iblagh-ws'), 0o700);
  assert.equal(compileCacheDir({ XDG_CACHE_HOME: open }), join(open, 'iblagh-ws', 'compile-cache'), 'and used once both are private');

  // A relative XDG_CACHE_HOME is invalid by the XDG rules: not used (it would land in the current folder).
  assert.equal(compileCacheDir({ XDG_CACHE_HOME: 'relative/cache' }), null);
});

test('the command line fills the cache on its first run, and runs the same without one', (t) => {
  const base = tempDir(t);
  const inherited = { ...process.env };
  delete inherited['NODE_DISABLE_COMPILE_CACHE'];
  const run = (env: NodeJS.ProcessEnv): string => execFileSync(process.execPath, [BIN, '--help'], { env: { ...inherited, ...env }, encoding: 'utf8' });
  const withCache = run({ XDG_CACHE_HOME: base });
  const cache = join(base, 'iblagh-ws', 'compile-cache');
  const entries = readdirSync(cache, { recursive: true });
  assert.ok(entries.length > 0, 'compiled code was kept');
  assert.equal(run({ XDG_CACHE_HOME: base, NODE_DISABLE_COMPILE_CACHE: '1' }), withCache, 'the same help without the cache');
});
