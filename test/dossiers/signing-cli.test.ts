/**
 * `iblagh-ws signing certificate` and `signing import`, run as a user would:
 * the certificate printed and written as PEM (openssl reads the same
 * fingerprint), never over an existing file; a PKCS#12 made by openssl
 * imported with its password file; a wrong password and a garbage file
 * refused in one line, exit 1, no stack trace.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cliAsync, initStore } from '../helpers/cli.ts';
import { tempDir } from '../helpers/store.ts';

test('signing certificate and signing import from the command line', async (t) => {
  const dir = tempDir(t, 'iblagh-signing-cli-');
  const store = join(dir, 'store');
  await initStore(store, { service: 'BNPJ Rabat' });

  const pem = join(dir, 'poste.pem');
  const shown = await cliAsync(['signing', 'certificate', '--store', store, '--out', pem, '--json']);
  assert.equal(shown.status, 0, shown.stderr);
  const view = JSON.parse(shown.stdout) as { fingerprint: string; subject: string; self_signed: boolean; algorithm: string; manifest_key_fingerprint: string };
  assert.equal(view.subject, 'CN=Iblagh Workstation LOCAL, O=BNPJ Rabat');
  assert.equal(view.self_signed, true);
  assert.equal(view.algorithm, 'ECDSA P-256');
  const openssl = execFileSync('openssl', ['x509', '-in', pem, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
  assert.equal(openssl.trim().split('=')[1], view.fingerprint);
  const again = await cliAsync(['signing', 'certificate', '--store', store, '--out', pem]);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /the file exists/);
  const text = await cliAsync(['signing', 'certificate', '--store', store]);
  assert.match(text.stdout, new RegExp(`Fingerprint \\(SHA-256\\): ${view.fingerprint}`));

  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-subj', '/CN=BNPJ PKI Signature', '-days', '10'], { cwd: dir, stdio: 'ignore' });
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-out', 'id.p12', '-passout', 'pass:pki pass'], { cwd: dir });
  writeFileSync(join(dir, 'good'), 'pki pass\n');
  writeFileSync(join(dir, 'bad'), 'nope\n');
  writeFileSync(join(dir, 'junk.p12'), 'not a pkcs12 file');

  const wrong = await cliAsync(['signing', 'import', join(dir, 'id.p12'), '--store', store, '--password-file', join(dir, 'bad')]);
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /^iblagh-ws: .*not imported \(wrong_password\)/);
  assert.doesNotMatch(wrong.stderr, /\n\s+at /, 'no stack trace');
  const junk = await cliAsync(['signing', 'import', join(dir, 'junk.p12'), '--store', store, '--password-file', join(dir, 'good')]);
  assert.equal(junk.status, 1);
  assert.match(junk.stderr, /not_pkcs12/);
  const noPassword = await cliAsync(['signing', 'import', join(dir, 'id.p12'), '--store', store]);
  assert.equal(noPassword.status, 2);

  const imported = await cliAsync(['signing', 'import', join(dir, 'id.p12'), '--store', store, '--password-file', join(dir, 'good'), '--json']);
  assert.equal(imported.status, 0, imported.stderr);
  const after = JSON.parse(imported.stdout) as { subject: string; source: string; fingerprint: string };
  assert.equal(after.subject, 'CN=BNPJ PKI Signature');
  assert.equal(after.source, 'imported');
  assert.notEqual(after.fingerprint, view.fingerprint);
});
