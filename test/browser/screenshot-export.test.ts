/**
 * Page screenshots and evidence export in Chromium, on the real renderer and
 * core, against the loopback lab (the lab setting on: every server is
 * 127.0.0.1). The analyst ticks "avec capture d'écran" and diagnoses a
 * report's URL: the page is rendered by the core's own disposable browser
 * through the SOCKS5 proxy, and the report view shows the screenshot only as
 * the decoder's greyscale pixels on a canvas, blurred, never as an image the
 * renderer decodes; the page's requests are listed as text. Then the
 * screenshot is exported from the evidence list: the download's bytes have the
 * item's SHA-256, and the custody log says `exported`. French, then Arabic.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startIntakeServer } from '../../src/intake/server.ts';
import { closeChromium } from '../../src/main/browser/chromium.ts';
import { value } from '../helpers/store.ts';
import { startDns, startSocksProxy } from '../diagnostics/online/lab.ts';
import { ARTEFACTS, closeBrowser, openWorkstation } from './harness.ts';
import { appendUrlReport, setUpAndSync } from './url-reports.ts';

after(async () => {
  await closeBrowser();
  await closeChromium();
});


test('a page screenshot shown blurred in the report view, then exported from the evidence list with the same SHA-256', { timeout: 170_000 }, async (t) => {
  const dns = await startDns({ 'page.test': { A: ['127.0.0.1'] } });
  const socks = await startSocksProxy();
  const site = http.createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><body style="margin:0;background:#fff"><h1 style="font:bold 64px sans-serif">Banque Populaire — connexion</h1><div style="width:600px;height:300px;background:#c00"></div></body>');
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const port = (site.address() as net.AddressInfo).port;
  t.after(() => Promise.all([dns.close(), socks.close(), new Promise((resolve) => site.close(resolve))]));
  const server = await startIntakeServer({ seed: 5, count: 3, attachments: 0 });
  t.after(() => server.close());
  const url = `http://page.test:${String(port)}/`;
  const id = appendUrlReport(server, [url]);

  const ws = await openWorkstation(t);
  const { page } = ws;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await setUpAndSync(ws, server);
  await value(ws.core, 'diagnostics.onlineSettings', { enabled: true, proxyUrl: `socks5://127.0.0.1:${String(socks.port)}`, resolver: `127.0.0.1:${String(dns.port)}`, allowPrivate: true });
  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  await page.keyboard.press('Alt+1');
  await page.getByRole('button', { name: `Ouvrir le signalement ${id}` }).click();
  const panel = page.locator('.report-panel');
  await panel.getByRole('heading', { level: 2 }).filter({ hasText: id }).waitFor();
  const section = panel.getByRole('region', { name: 'Diagnostic hors ligne des liens' });

  // Ticked, then diagnosed: the screenshot comes with the result.
  const choice = section.getByRole('checkbox', { name: 'avec capture d’écran' });
  await choice.check();
  await section.getByRole('button', { name: 'Diagnostiquer en ligne' }).click();
  await section.getByText(/^En ligne · depuis le /).waitFor({ timeout: 60_000 });
  await section.locator('.od-result summary').first().click();
  await section.getByText('Capture d’écran', { exact: true }).waitFor();
  await section.getByText(/1280 × \d+ px, JavaScript désactivé/).waitFor();
  assert.ok(socks.targets.includes(`127.0.0.1:${String(port)}`), 'the page went through the SOCKS5 proxy');
  await section.getByText(`Requêtes de la page`, { exact: false }).click();
  const firstRequest = await section.locator('.od-screenshot-requests li').first().innerText();
  assert.match(firstRequest, new RegExp(`autorisée\\s+GET hxxp.*page\\[\\.\\]test.*${String(port)}`), firstRequest);

  // Shown on request, blurred and grey: pixels drawn on a canvas, no <img>, nothing fetched by the renderer.
  await section.getByRole('button', { name: 'Afficher la capture d’écran' }).click();
  const canvas = section.getByRole('img', { name: 'Capture d’écran de la page, floutée' });
  await canvas.waitFor();
  const drawn = await canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let grey = true;
    const values = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) grey = false;
      values.add(data[i] ?? 0);
    }
    return { width: c.width, height: c.height, grey, shades: values.size, filter: getComputedStyle(c).filter };
  });
  assert.ok(drawn.width > 0 && drawn.width <= 256 && drawn.height <= 256, JSON.stringify(drawn));
  assert.equal(drawn.grey, true);
  assert.ok(drawn.shades > 2, 'the page was drawn (white, text, the red block in grey)');
  assert.match(drawn.filter, /blur\(/);
  assert.match(drawn.filter, /grayscale\(1\)/);
  assert.equal(await panel.locator('img, iframe, object, embed').count(), 0);
  assert.deepEqual(ws.foreignRequests, []);
  await section.locator('.od-screenshot').screenshot({ path: join(ARTEFACTS, 'report-page-screenshot-fr.png') });

  // Exported from the report's evidence: the exact bytes, downloaded, under a safe name; the custody says so.
  const items = await value(ws.core, 'evidence.list', { target: { reportId: id } });
  const shot = items.items.find((i) => i.kind === 'screenshot');
  assert.ok(shot);
  // The report opened again: its evidence list now holds the captures.
  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  await page.keyboard.press('Alt+1');
  await page.getByRole('button', { name: `Ouvrir le signalement ${id}` }).click();
  await panel.getByRole('heading', { level: 2 }).filter({ hasText: id }).waitFor();
  const evidence = panel.getByRole('region', { name: 'Éléments de preuve' });
  const exportButton = evidence.getByRole('button', { name: `Exporter ${shot.id} (ses octets exacts)` });
  await exportButton.scrollIntoViewIfNeeded();
  const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
  assert.equal(download.suggestedFilename(), `${shot.id}.png`);
  const bytes = readFileSync(await download.path());
  assert.equal(createHash('sha256').update(bytes).digest('hex'), shot.sha256);
  await evidence.getByText(`${shot.id}.png`).waitFor();
  const custody = (await value(ws.core, 'evidence.get', { id: shot.id })).custody;
  const exported = custody.find((c) => c.action === 'exported');
  assert.ok(exported, 'the export is in the custody log');
  assert.equal(exported.detail['sha256'], shot.sha256);
  assert.equal(exported.detail['file'], `${shot.id}.png`);
  // The intake original is exportable too; nothing else was downloaded.
  assert.equal(await evidence.getByRole('button', { name: /^Exporter EV-/ }).count(), items.items.filter((i) => i.exportable).length);
  const shotItem = panel.locator('.rp-evidence .ev-item').filter({ hasText: shot.id }).first();
  await shotItem.screenshot({ path: join(ARTEFACTS, 'evidence-export-fr.png') });

  // Arabic: mirrored, the same actions.
  await page.getByRole('button', { name: 'العربية' }).first().click();
  await panel.getByRole('button', { name: 'تصدير' }).first().waitFor();
  await panel.getByText('مع لقطة شاشة').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  await panel.locator('.od-result summary').first().click();
  await panel.getByRole('button', { name: 'عرض لقطة الشاشة' }).click();
  await panel.getByRole('img', { name: 'لقطة شاشة الصفحة، مموّهة' }).waitFor();
  await panel.locator('.od-screenshot').screenshot({ path: join(ARTEFACTS, 'report-page-screenshot-ar.png') });
  await shotItem.screenshot({ path: join(ARTEFACTS, 'evidence-export-ar.png') });

  // A supervisor lets screenshots run the page's JavaScript, in Settings.
  await page.getByRole('button', { name: 'Français' }).first().click();
  await page.keyboard.press('Alt+6');
  const settings = page.getByRole('region', { name: 'Diagnostics en ligne des URL' });
  await settings.getByRole('checkbox', { name: 'Exécuter le JavaScript des pages lors des captures d’écran (désactivé par défaut)' }).check();
  await settings.getByRole('button', { name: 'Enregistrer' }).click();
  await settings.getByText('Réglages enregistrés.').waitFor();
  assert.equal((await value(ws.core, 'diagnostics.onlineStatus')).settings.screenshotJavaScript, true);
  assert.deepEqual(ws.pageErrors, []);
  assert.deepEqual(ws.foreignRequests, []);
});
