/**
 * The lock screen of a damaged store, in the real renderer (built by
 * `npm run build`) in Chromium: the unlock says the store is damaged, opens
 * nothing, and offers the restore from a backup; the store's file keeps its bytes.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createCore } from '../../src/main/core.ts';
import { TEST_SCRYPT } from '../../src/main/crypto/key-wrap.ts';
import { DATABASE_FILE } from '../../src/main/store/database.ts';
import { SUPERVISOR, tempDir, value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, screenshot } from '../browser/harness.ts';
import { sha256Of } from './helpers.ts';

after(() => closeBrowser());

test('unlocking a damaged store shows the damaged state and the restore steps, in French then Arabic; the file is untouched', async (t) => {
  const storeDir = tempDir(t);
  const maker = createCore({ storeDir, host: 'cli', version: 'test', scrypt: TEST_SCRYPT });
  await value(maker, 'session.setup', SUPERVISOR);
  await value(maker, 'session.lock');
  maker.close();
  const file = join(storeDir, DATABASE_FILE);
  const bytes = readFileSync(file);
  for (let i = 0; i < 32; i++) bytes[4096 + 200 + i] = (bytes[4096 + 200 + i] ?? 0) ^ 0x5a;
  writeFileSync(file, bytes);
  const hash = sha256Of(file);

  const ws = await openWorkstation(t, { storeDir });
  const { page } = ws;
  await page.getByLabel('Nom de connexion', { exact: true }).fill(SUPERVISOR.name);
  await page.getByLabel('Phrase secrète', { exact: true }).fill(SUPERVISOR.passphrase);
  await page.getByRole('button', { name: 'Déverrouiller' }).click();

  await page.getByRole('heading', { name: 'Base endommagée' }).waitFor();
  await page.getByText(/Rien n'a été ouvert et rien n'a été modifié/).waitFor();
  const restore = page.getByRole('button', { name: 'Restaurer depuis une sauvegarde' });
  assert.equal(await restore.getAttribute('aria-expanded'), 'false');
  await restore.click();
  assert.equal(await restore.getAttribute('aria-expanded'), 'true');
  const steps = page.getByTestId('restore-steps');
  await steps.getByText(/iblagh-ws backup verify/).waitFor();
  assert.match(await steps.innerText(), /iblagh-ws backup restore SAUVEGARDE\.iblagh-backup --store DOSSIER-DE-LA-BASE/);
  assert.match(await steps.innerText(), /--recovery-key-file/);
  await screenshot(page, 'damaged-store-fr');

  await page.getByRole('button', { name: 'العربية' }).first().click();
  await page.getByRole('heading', { name: 'المخزن تالف' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await screenshot(page, 'damaged-store-ar');

  const state = await ws.core.dispatch('session.state', undefined);
  assert.equal(state.ok && (state.value as { phase: string }).phase, 'locked', 'nothing was opened');
  assert.equal(sha256Of(file), hash, 'the damaged file keeps its bytes');
  assert.deepEqual(ws.foreignRequests, []);
  assert.deepEqual(ws.pageErrors, []);
});
