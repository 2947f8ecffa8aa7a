/** `iblagh-ws hashlist import FILE --label TEXT --store DIR --json` on a store synced from the reference service. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import { cliAsync as cli, initSyncedStore } from '../helpers/cli.ts';
import { tempDir } from '../helpers/store.ts';

test('iblagh-ws hashlist import: imported and matches as JSON; malformed lists and missing options refused', async (t) => {
  const server = await startIntakeServer({ seed: 13, count: 20, attachments: 2 });
  t.after(() => server.close());
  const added = JSON.parse(server.appendReport({ attachments: 1 }).payload) as { attachments: { sha256: string }[] };
  const dir = tempDir(t);
  const store = await initSyncedStore(dir, server);

  const list = join(dir, 'known.csv');
  writeFileSync(list, `type,hash\nsha256,${added.attachments[0]!.sha256}\nmd5,${'a'.repeat(32)}\n`);
  const imported = await cli(['hashlist', 'import', list, '--label', 'Contenus connus', '--store', store, '--json']);
  assert.equal(imported.status, 0, imported.stderr);
  const out = JSON.parse(imported.stdout.trim()) as Record<string, unknown>;
  assert.equal(out['imported'], 2);
  assert.equal(out['matches'], 1);
  assert.equal(out['label'], 'Contenus connus');
  assert.equal(out['source'], 'known.csv');

  const json = join(dir, 'partner.json');
  writeFileSync(json, JSON.stringify([{ type: 'pdq', hash: 'f'.repeat(64) }]));
  const second = await cli(['hashlist', 'import', json, '--label', 'Partenaire', '--source', 'Europol', '--store', store, '--json']);
  assert.equal(second.status, 0, second.stderr);
  assert.equal((JSON.parse(second.stdout) as { imported: number; source: string }).source, 'Europol');

  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, `type,hash\nsha256,${added.attachments[0]!.sha256}\nsha1,abcd\n`);
  const refused = await cli(['hashlist', 'import', bad, '--label', 'Mauvaise', '--store', store, '--json']);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /Nothing imported: 1 bad entry: line 3: sha1 takes 40 hex digits, not 4 \(INVALID_INPUT\)/);
  assert.equal((await cli(['hashlist', 'import', list, '--store', store, '--json'])).status, 2);
  // Without --json (issue #14: no command requires it), the same result as `field  value` lines.
  const readable = await cli(['hashlist', 'import', list, '--label', 'Liste relue', '--store', store]);
  assert.equal(readable.status, 0, readable.stderr);
  assert.match(readable.stdout, /^label +Liste relue$/m);
  assert.match(readable.stdout, /^imported +\d+$/m);
});
