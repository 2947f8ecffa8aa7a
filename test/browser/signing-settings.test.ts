/**
 * Settings → Signature des dossiers, in Chromium against the real core: the
 * workstation's certificate (subject, self-signed, validity, SHA-256
 * fingerprint left to right, the manifest key's fingerprint), its PEM
 * download (openssl reads the same fingerprint), and for a supervisor a
 * PKCS#12 made by openssl: a wrong password refused in words, the right one
 * imported, the old certificate listed as replaced. French and Arabic
 * (mirrored, fingerprints left to right), screenshots kept.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { value } from '../helpers/store.ts';
import { ARTEFACTS, closeBrowser, openWorkstation, setUpSupervisor } from './harness.ts';

after(() => closeBrowser());

/** The whole section: the screen scrolls inside the shell, so the window is made tall enough for it. */
async function shoot(page: Page, section: Locator, name: string): Promise<void> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = Math.ceil((await section.boundingBox())?.height ?? 1000) + 200;
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 4000) });
  await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await section.screenshot({ path: join(ARTEFACTS, `${name}.png`) });
  await page.setViewportSize(viewport);
}

test('the signing certificate is shown and exported; a supervisor imports a PKCS#12 (a wrong password refused in words)', async (t) => {
  const ws = await openWorkstation(t);
  const { page, core, storeDir } = ws;
  await setUpSupervisor(page);
  await page.keyboard.press('Alt+6');
  const section = page.getByRole('region', { name: 'Signature des dossiers' });
  await section.getByText('Auto-signé, créé sur ce poste').waitFor();
  const view = await value(core, 'signing.certificate');
  const fingerprint = section.locator('code.fingerprint').first();
  assert.equal(await fingerprint.textContent(), view.certificate.fingerprint);
  assert.equal(await fingerprint.getAttribute('dir'), 'ltr');
  await section.getByText(view.manifestKeyFingerprint).waitFor();
  assert.equal(await section.getByText(view.certificate.subject).count(), 2, 'subject and issuer (self-signed)');

  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Exporter le certificat (PEM)' }).click()]);
  const pemPath = join(storeDir, 'exported.pem');
  await download.saveAs(pemPath);
  assert.match(download.suggestedFilename(), /^Iblagh-Workstation-LOCAL-[0-9A-F]{8}\.pem$/);
  const openssl = execFileSync('openssl', ['x509', '-in', pemPath, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
  assert.equal(openssl.trim().split('=')[1], view.certificate.fingerprint);
  assert.equal(readFileSync(pemPath, 'utf8'), view.pem);
  await shoot(page, section, 'signing-settings-fr');

  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-subj', '/O=DGSN/CN=BNPJ Signature PKI', '-days', '30'], { cwd: storeDir, stdio: 'ignore' });
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-out', 'id.p12', '-passout', 'pass:bon mot de passe'], { cwd: storeDir });
  const form = section.getByRole('form', { name: 'Remplacer par un certificat du service (PKCS#12)' });
  await form.getByRole('button', { name: 'Importer' }).click();
  await form.getByText('Choisissez un fichier .p12 ou .pfx.').waitFor();
  await form.getByLabel('Fichier PKCS#12').setInputFiles(join(storeDir, 'id.p12'));
  await form.getByText('id.p12').waitFor();
  await form.getByLabel('Mot de passe du fichier').fill('mauvais');
  await form.getByRole('button', { name: 'Importer' }).click();
  await form.getByText('Mot de passe incorrect pour ce fichier.').waitFor();
  assert.equal((await value(core, 'signing.certificate')).certificate.fingerprint, view.certificate.fingerprint, 'nothing changed');
  await form.getByLabel('Mot de passe du fichier').fill('bon mot de passe');
  await form.getByRole('button', { name: 'Importer' }).click();
  await form.getByText(/Certificat importé/).waitFor();
  await section.getByText('Importé de l’infrastructure de clés du service (PKCS#12)').waitFor();
  await section.getByText('CN=BNPJ Signature PKI, O=DGSN').first().waitFor();
  await section.getByText('Certificats remplacés (les anciens dossiers restent vérifiables)').click();
  await section.getByText(view.certificate.fingerprint).waitFor();
  await shoot(page, section, 'signing-settings-imported-fr');

  await page.getByRole('button', { name: 'العربية' }).first().click();
  await page.keyboard.press('Alt+6');
  const arabic = page.getByRole('region', { name: 'توقيع ملفات الإحالة' });
  await arabic.getByText('مستوردة من البنية التحتية لمفاتيح المصلحة', { exact: false }).waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await arabic.locator('code.fingerprint').first().getAttribute('dir'), 'ltr');
  const sizes = await arabic.evaluate((el) => ({ section: el.scrollWidth - el.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth }));
  assert.ok(sizes.section <= 1 && sizes.page <= 0, `overflow: ${JSON.stringify(sizes)}`);
  await shoot(page, arabic, 'signing-settings-ar');
  assert.deepEqual(ws.foreignRequests, []);
  assert.deepEqual(ws.pageErrors, []);
});
