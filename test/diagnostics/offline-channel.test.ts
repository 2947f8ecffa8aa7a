/**
 * diagnostics.offline through the contract (on a report synced from the real
 * reference intake service into a real encrypted store), its access rules,
 * and `iblagh-ws diagnose URL --offline --json`.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { utcSeconds, type ReportPayload } from '../../src/intake/contract.ts';
import { OfflineDiagnoseResult, OfflineUrlDiagnosis } from '../../src/shared/diagnostics.ts';
import { cliAsync as cli, initStore } from '../helpers/cli.ts';
import { ANALYST, failure, tempDir, value, createProfile } from '../helpers/store.ts';
import { fixture } from '../sync/fixture.ts';

const HOMOGRAPH = 'hxxps[://]fаcebook[.]com/login';
const SHORTENER = 'https://bit.ly/3xYz';

test('diagnostics.offline: every URL of the current revision, access as for reports.get', async (t) => {
  const f = await fixture(t, { count: 10, attachments: 0 });
  const donor = JSON.parse(f.server.appendReport({ category: 'fraud' }).payload) as ReportPayload;
  const revision = {
    ...donor,
    revision: donor.revision + 1,
    updated_at: utcSeconds(Date.parse(donor.updated_at) + 60_000),
    content: { ...donor.content, urls: [HOMOGRAPH, SHORTENER, 'javascript:alert(1)', 'https://www.facebook.com/some.page'] },
  };
  f.server.appendRaw('report', JSON.stringify(revision));
  const status = await f.sync();
  assert.equal(status.lastError, null);

  const result = await value(f.core, 'diagnostics.offline', { reportId: donor.id });
  OfflineDiagnoseResult.parse(result);
  assert.equal(result.reportId, donor.id);
  assert.equal(result.revision, revision.revision, 'the current revision');
  assert.deepEqual(
    result.urls.map((u) => u.input),
    revision.content.urls,
  );
  const [homograph, shortener, script, real] = result.urls;
  assert.equal(homograph?.confusable?.imitates, 'facebook.com');
  assert.equal(homograph?.host?.ascii, 'xn--fcebook-2fg.com');
  assert.ok(homograph?.flags.includes('mixed_script'));
  assert.equal(shortener?.shortenerService, 'bit.ly');
  assert.equal(script?.parsed, false);
  assert.equal(script?.error, 'unsupported_scheme');
  assert.equal(real?.confusable, null);
  assert.equal(real?.platform, 'facebook');
  assert.equal(real?.account, 'some.page');

  // One URL.
  const one = await value(f.core, 'diagnostics.offline', { url: 'paypa1.com' });
  assert.equal(one.reportId, null);
  assert.equal(one.urls.length, 1);
  assert.equal(one.urls[0]?.confusable?.imitates, 'paypal.com');

  // Unknown report, bad input.
  assert.equal((await failure(f.core, 'diagnostics.offline', { reportId: 'IBL-2026-9999999' })).code, 'NOT_FOUND');
  assert.equal((await failure(f.core, 'diagnostics.offline', { reportId: 'not-a-report' })).code, 'INVALID_INPUT');
  assert.equal((await failure(f.core, 'diagnostics.offline', { reportId: donor.id, url: 'x.com' })).code, 'INVALID_INPUT');
  assert.equal((await failure(f.core, 'diagnostics.offline', { url: 'x'.repeat(20_000) })).code, 'INVALID_INPUT');
  const long = await value(f.core, 'diagnostics.offline', { url: 'x'.repeat(5_000) });
  assert.equal(long.urls[0]?.error, 'too_long');

  // Any unlocked analyst, as for reports.get; nobody while locked.
  await createProfile(f.core, { ...ANALYST });
  await value(f.core, 'session.lock');
  assert.equal((await failure(f.core, 'diagnostics.offline', { reportId: donor.id })).code, 'LOCKED');
  assert.equal((await failure(f.core, 'diagnostics.offline', { url: 'bit.ly/x' })).code, 'LOCKED');
  await value(f.core, 'session.unlock', { name: ANALYST.name, passphrase: ANALYST.passphrase });
  const asAnalyst = await value(f.core, 'diagnostics.offline', { reportId: donor.id });
  assert.deepEqual(asAnalyst, result);
});

test('iblagh-ws diagnose URL --offline --store DIR --json prints one object; usage errors exit 2', async (t) => {
  const store = join(tempDir(t), 'store');
  await initStore(store);

  const out = await cli(['diagnose', HOMOGRAPH, '--offline', '--store', store, '--json']);
  assert.equal(out.status, 0, out.stderr);
  const lines = out.stdout.trim().split('\n');
  assert.equal(lines.length, 1, 'one object');
  const d = OfflineUrlDiagnosis.parse(JSON.parse(lines[0]!));
  assert.equal(d.input, HOMOGRAPH);
  assert.equal(d.host?.unicode, 'fаcebook.com');
  assert.equal(d.host?.ascii, 'xn--fcebook-2fg.com');
  assert.equal(d.confusable?.imitates, 'facebook.com');
  assert.deepEqual(d.confusable?.substitutions.map((s) => [s.codePoint, s.script, s.looksLike]), [['U+0430', 'Cyrillic', 'a']]);
  assert.ok(d.flags.includes('confusable_platform'));

  const refused = await cli(['diagnose', 'javascript:alert(1)', '--offline', '--store', store, '--json']);
  assert.equal(refused.status, 0, 'a URL that cannot be read is a diagnosis, not a failure');
  assert.equal(JSON.parse(refused.stdout).error, 'unsupported_scheme');

  // Without --offline it is an online diagnostic, which a new store does not allow: exit 1, nothing sent.
  const noOffline = await cli(['diagnose', 'bit.ly/x', '--store', store, '--json']);
  assert.equal(noOffline.status, 1);
  assert.match(noOffline.stderr, /ONLINE_DISABLED/);
  // Without --json, the same diagnosis as `field  value` lines (issue #14: no command requires --json).
  const noJson = await cli(['diagnose', 'bit.ly/x', '--offline', '--store', store]);
  assert.equal(noJson.status, 0, noJson.stderr);
  assert.match(noJson.stdout, /^shortener +true$/m);
  const noUrl = await cli(['diagnose', '--offline', '--store', store, '--json']);
  assert.equal(noUrl.status, 2);
  assert.match(noUrl.stderr, /needs a URL/);
  const help = await cli(['--help']);
  assert.match(help.stdout, /iblagh-ws diagnose URL --offline --store DIR \[--json\]/);
});
