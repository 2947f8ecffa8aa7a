/**
 * Online URL diagnostics in Chromium, on the real renderer and core, against
 * the loopback lab (test/diagnostics/online/lab.ts): a report whose URLs name
 * site.test, resolved by the lab's DNS to 127.0.0.1 (the lab setting is on)
 * and fetched through the lab's SOCKS5 proxy. The button is disabled with its
 * reason until a supervisor enables the feature; the path in use is shown;
 * the result (redirects, headers, TLS said invalid, DNS, body preview) is
 * inert text: the page's <script> is shown, never run, and nothing links out.
 * French, then Arabic.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import { value } from '../helpers/store.ts';
import { makeCerts, startDns, startHttp, startHttps, startSocksProxy } from '../diagnostics/online/lab.ts';
import { ARTEFACTS, closeBrowser, openWorkstation, screenshot } from './harness.ts';
import { appendUrlReport, setUpAndSync } from './url-reports.ts';

after(() => closeBrowser());


test('online diagnostics in the report panel: disabled with the reason, then through the SOCKS5 proxy, results as inert text, French and Arabic', async (t) => {
  const certs = makeCerts();
  const dns = await startDns({ 'site.test': { A: ['127.0.0.1'], MX: [[10, 'mx.site.test']], TXT: ['v=spf1 -all'] } });
  const web = await startHttp();
  const secure = await startHttps(certs);
  const socks = await startSocksProxy();
  t.after(() => Promise.all([dns.close(), web.close(), secure.close(), socks.close()]));
  const server = await startIntakeServer({ seed: 5, count: 4, attachments: 0 });
  t.after(() => server.close());
  const httpsUrl = `https://site.test:${String(secure.port)}/ok`;
  const redirectUrl = `http://site.test:${String(web.port)}/redirect`;
  const id = appendUrlReport(server, [httpsUrl, redirectUrl]);

  const ws = await openWorkstation(t);
  const { page } = ws;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await setUpAndSync(ws, server);
  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();

  const openReport = async () => {
    await page.keyboard.press('Alt+1');
    const open = page.getByRole('button', { name: `Ouvrir le signalement ${id}` });
    await open.waitFor();
    await open.click();
    const panel = page.locator('.report-panel');
    await panel.getByRole('heading', { level: 2 }).filter({ hasText: id }).waitFor();
    return panel.getByRole('region', { name: 'Diagnostic hors ligne des liens' });
  };

  // Off by default: the buttons are disabled and say why.
  let section = await openReport();
  const buttons = section.getByRole('button', { name: 'Diagnostiquer en ligne' });
  await buttons.first().waitFor();
  assert.equal(await buttons.count(), 2);
  assert.equal(await buttons.first().isDisabled(), true);
  await section.getByText('Diagnostics en ligne désactivés : un superviseur doit les activer dans les Réglages.').first().waitFor();

  // A supervisor enables them in Settings (the lab setting, because every lab server is 127.0.0.1).
  await value(ws.core, 'diagnostics.onlineSettings', { enabled: true, proxyUrl: `socks5://127.0.0.1:${String(socks.port)}`, resolver: `127.0.0.1:${String(dns.port)}`, allowPrivate: true });
  await page.keyboard.press('Alt+6');
  const settings = page.getByRole('region', { name: 'Diagnostics en ligne des URL' });
  await settings.waitFor();
  await settings.getByText(`socks5://127.0.0.1:${String(socks.port)}`).first().waitFor();
  await settings.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await settings.screenshot({ path: join(ARTEFACTS, 'settings-online-diagnostics-fr.png') });

  section = await openReport();
  await section.getByText(`socks5://127.0.0.1:${String(socks.port)}`).first().waitFor();
  const items = section.locator('.ud-item');
  await items.nth(0).getByRole('button', { name: 'Diagnostiquer en ligne' }).click();
  await items.nth(0).getByText(/^En ligne · depuis le /).waitFor({ timeout: 30_000 });
  await items.nth(1).getByRole('button', { name: 'Diagnostiquer en ligne' }).click();
  await items.nth(1).getByText(/^En ligne · depuis le /).waitFor({ timeout: 30_000 });
  for (const summary of await section.locator('.od-result summary').all()) await summary.click();

  // The TLS certificate of the lab's CA is recorded and said invalid; the page's script is text.
  await items.nth(0).getByText('invalide', { exact: true }).waitFor();
  await items.nth(0).getByText(/<script>alert\(1\)<\/script>Bonjour/).waitFor();
  await items.nth(1).getByText('Redirections').waitFor();
  assert.ok(socks.targets.length >= 4, 'every hop went through the proxy');
  assert.equal(await section.locator('a[href], iframe, img, object, embed').count(), 0);
  assert.deepEqual(ws.foreignRequests, []);
  assert.deepEqual(ws.pageErrors, []);
  const overflow = await page.evaluate(() => {
    const panel = document.querySelector('.report-panel') as HTMLElement;
    return panel.scrollWidth - panel.clientWidth;
  });
  assert.ok(overflow <= 1, `the panel overflows by ${String(overflow)} px`);

  const shot = async (name: string) => {
    await page.setViewportSize({ width: 1280, height: 2400 });
    await page.waitForFunction(() => window.innerHeight === 2400);
    await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, name);
    await section.screenshot({ path: join(ARTEFACTS, `${name}-section.png`) });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForFunction(() => window.innerHeight === 800);
  };
  await shot('report-online-diagnostics-fr');

  await page.getByRole('button', { name: 'العربية' }).first().click();
  section = page.locator('.report-panel').getByRole('region', { name: 'تشخيص الروابط دون اتصال' });
  await section.getByRole('button', { name: 'تشخيص عبر الإنترنت' }).first().waitFor();
  await section.getByText(/^متاح · منذ /).first().waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  for (const summary of await section.locator('.od-result summary').all()) {
    if ((await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open)) === false) await summary.click();
  }
  await shot('report-online-diagnostics-ar');

  // The case: "diagnose all URLs of this case", above its evidence.
  await page.getByRole('button', { name: 'Français' }).first().click();
  const kase = await value(ws.core, 'cases.create', { title: 'Hameçonnage site.test', reportIds: [id] });
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: `Ouvrir le dossier ${kase.ref}` }).click();
  await page.getByRole('tab', { name: 'Éléments de preuve' }).click();
  const casePanel = page.getByRole('region', { name: 'Diagnostic en ligne' });
  await casePanel.getByRole('button', { name: 'Diagnostiquer toutes les URL du dossier' }).click();
  await casePanel.locator('.ud-item').nth(1).waitFor({ timeout: 30_000 });
  await casePanel.getByText(/^En ligne · depuis le /).nth(1).waitFor();
  assert.equal(await casePanel.locator('a[href], iframe, img').count(), 0);
  await casePanel.screenshot({ path: join(ARTEFACTS, 'case-online-diagnostics-fr.png') });
  await page.getByRole('button', { name: 'العربية' }).first().click();
  const casePanelAr = page.getByRole('region', { name: 'التشخيص عبر الإنترنت' });
  await casePanelAr.getByRole('button', { name: 'تشخيص كل روابط الملف' }).waitFor();
  await casePanelAr.screenshot({ path: join(ARTEFACTS, 'case-online-diagnostics-ar.png') });
  assert.deepEqual(ws.foreignRequests, []);
});
