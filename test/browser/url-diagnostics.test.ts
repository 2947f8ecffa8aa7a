/**
 * The report panel's offline URL diagnostics, in Chromium on the real
 * renderer and core: a report synced from the reference intake service with
 * a homograph of facebook.com (Cyrillic а), a shortener, a userinfo trick, an
 * Arabic IDN and a javascript: link. Warnings in words, hosts both ways,
 * nothing clickable, nothing fetched; French, then Arabic (mirrored).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startIntakeServer, type IntakeServer } from '../../src/intake/server.ts';
import { utcSeconds, type ReportPayload } from '../../src/intake/contract.ts';
import { SUPERVISOR, value } from '../helpers/store.ts';
import { ARTEFACTS, closeBrowser, openWorkstation, screenshot, type Workstation } from './harness.ts';

after(() => closeBrowser());

const URLS = [
  'hxxps[://]fаcebook[.]com/login.php?next=account',
  'https://bit.ly/3xYzAbC',
  'https://www.facebook.com@secure-login.example/verify',
  'https://موقع.المغرب/تسجيل',
  'javascript:alert(document.cookie)',
];

function appendReport(server: IntakeServer): string {
  const donor = JSON.parse(server.appendReport({ category: 'fraud' }).payload) as ReportPayload;
  const revision = {
    ...donor,
    revision: donor.revision + 1,
    updated_at: utcSeconds(Date.parse(donor.updated_at) + 60_000),
    content: { ...donor.content, urls: URLS, platform: 'website', description: 'Faux message de sécurité Facebook reçu par SMS : « votre compte sera fermé ».' },
  };
  server.appendRaw('report', JSON.stringify(revision));
  return donor.id;
}

async function connectAndSync(ws: Workstation, server: IntakeServer): Promise<void> {
  await value(ws.core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await value(ws.core, 'sync.start');
  const deadline = Date.now() + 60_000;
  for (;;) {
    await ws.core.syncIdle();
    const status = await value(ws.core, 'sync.status');
    if (!status.running && status.cursor === server.headSeq()) break;
    assert.ok(Date.now() < deadline, 'sync did not finish');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function openReport(page: Page, id: string): Promise<Locator> {
  await page.keyboard.press('Alt+1');
  const open = page.getByRole('button', { name: `Ouvrir le signalement ${id}` });
  await open.waitFor();
  await open.click();
  const panel = page.locator('.report-panel');
  await panel.getByRole('heading', { level: 2 }).filter({ hasText: id }).waitFor();
  return panel;
}

/** The panel scrolled to the section, then a screenshot of the page, tall enough for the whole section, and of the section. */
async function shot(page: Page, section: Locator, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 1900 });
  await page.waitForFunction(() => window.innerHeight === 1900);
  await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, name);
  await section.screenshot({ path: join(ARTEFACTS, `${name}-section.png`) });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForFunction(() => window.innerHeight === 800);
}

async function noOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const panel = document.querySelector('.report-panel') as HTMLElement;
    return { panel: panel.scrollWidth - panel.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
  });
  assert.ok(overflow.panel <= 1 && overflow.page <= 1, JSON.stringify(overflow));
}

test('offline URL diagnostics in the report panel: homograph and shortener in words, hosts both ways, French and Arabic', async (t) => {
  const server = await startIntakeServer({ seed: 5, count: 8, attachments: 0 });
  t.after(() => server.close());
  const id = appendReport(server);

  const ws = await openWorkstation(t);
  const { page } = ws;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await value(ws.core, 'session.setup', SUPERVISOR);
  await connectAndSync(ws, server);
  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();

  const panel = await openReport(page, id);
  const section = panel.getByRole('region', { name: 'Diagnostic hors ligne des liens' });
  await section.waitFor();
  const items = section.locator('.ud-item');
  await items.first().waitFor();
  assert.equal(await items.count(), URLS.length);

  // The homograph: the warning in words, the host both ways, the substituted letter named.
  const homograph = items.nth(0);
  await homograph.getByText('Imite facebook.com : caractères cyrilliques').waitFor();
  await homograph.getByText('Mélange d’écritures dans un même libellé').waitFor();
  await homograph.getByText('xn--fcebook-2fg[.]com').waitFor();
  await homograph.getByText('fаcebook[.]com', { exact: true }).first().waitFor();
  await homograph.getByText('U+0430').waitFor();
  // The shortener.
  await items.nth(1).getByText('Raccourcisseur d’URL : bit.ly').waitFor();
  // user@host: the real host is after the @.
  await items.nth(2).getByText('Identifiant avant « @ » : le site est après').waitFor();
  await items.nth(2).getByText('Imite facebook.com : écrit avant « @ », le vrai site est après').waitFor();
  await items.nth(2).getByText('secure-login[.]example', { exact: true }).first().waitFor();
  // An Arabic IDN: both forms, no homograph.
  await items.nth(3).getByText('xn--4gbrim[.]xn--mgbc0a9azcg').waitFor();
  await items.nth(3).getByText('Nom de domaine internationalisé (IDN)').waitFor();
  // javascript: is no web address.
  await items.nth(4).getByText(/Adresse illisible : ce n’est pas une adresse web/).waitFor();

  // Inert: no link, and hosts and URLs sit left to right, isolated.
  assert.equal(await section.locator('a[href]').count(), 0);
  const notIsolated = await section.evaluate((root) =>
    [...root.querySelectorAll('.ud-ltr, .ud-value')].filter((el) => el.getAttribute('dir') !== 'ltr' || getComputedStyle(el).unicodeBidi !== 'isolate').length,
  );
  assert.equal(notIsolated, 0);
  await noOverflow(page);
  await shot(page, section, 'report-url-diagnostics-fr');

  // Arabic: mirrored, hosts still left to right.
  await page.getByRole('button', { name: 'العربية' }).first().click();
  const sectionAr = panel.getByRole('region', { name: 'تشخيص الروابط دون اتصال' });
  await sectionAr.waitFor();
  await sectionAr.getByText('ينتحل facebook.com: أحرف سيريلية').waitFor();
  await sectionAr.getByText('خدمة تقصير روابط: bit.ly').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  const hostDir = await sectionAr.getByText('xn--fcebook-2fg[.]com').evaluate((el) => getComputedStyle(el.closest('.ud-ltr') as Element).direction);
  assert.equal(hostDir, 'ltr');
  await noOverflow(page);
  await shot(page, sectionAr, 'report-url-diagnostics-ar');

  assert.deepEqual(ws.foreignRequests, [], 'nothing left the page');
  assert.deepEqual(ws.pageErrors, []);
});
