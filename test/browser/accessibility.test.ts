/**
 * axe-core on every screen of the workstation, in French and in Arabic, in
 * Chromium against the real core and a store synced from the reference
 * intake service: setup, lock, queue, report view, dashboard, cases (the list
 * and a case, its tabs, the referral dossier tab), sync, audit and settings.
 * No violation of impact moderate, serious or critical may come back (see
 * test/browser/axe.ts for the threshold). Every screen is checked before the
 * first failure is reported, so one run lists them all.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startIntakeServer } from '../../src/intake/server.ts';
import { closeChromium } from '../../src/main/browser/chromium.ts';
import { SUPERVISOR, value } from '../helpers/store.ts';
import { axeViolations, type AxeViolation } from './axe.ts';
import { closeBrowser, openWorkstation, setUpAndSync, type Workstation } from './harness.ts';

after(() => Promise.all([closeBrowser(), closeChromium()]));

type Locale = 'fr' | 'ar';

/** Every violation found, by screen, so that one failure lists them all. */
class Findings {
  readonly #found = new Map<string, AxeViolation[]>();
  async check(page: Page, where: string): Promise<void> {
    const violations = await axeViolations(page);
    if (violations.length > 0) this.#found.set(where, violations);
  }
  assertNone(): void {
    const lines: string[] = [];
    for (const [where, violations] of this.#found) {
      lines.push(`${where}:`);
      for (const v of violations) {
        lines.push(`  ${v.impact ?? '?'} ${v.id} (${v.nodes.length}): ${v.help}`);
        for (const n of v.nodes.slice(0, 4)) lines.push(`      ${n.target} — ${n.summary}`);
      }
    }
    assert.equal(lines.length, 0, `axe-core violations:\n${lines.join('\n')}`);
  }
}

/** Switches the interface language with the header's (or the lock screen's) switch. */
async function switchTo(page: Page, locale: Locale): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) === locale) return;
  await page.locator(`.lang-switch-option[lang="${locale}"]`).first().click();
  await page.locator(`html[lang="${locale}"]`).waitFor();
}

/** Waits for the screen's title and for nothing in the content to be loading. */
async function settled(page: Page): Promise<void> {
  await page.locator('#screen-title').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('main [aria-busy="true"]').length === 0, undefined, { timeout: 30_000 });
  // Transitions (colours) finish: axe measures contrast on what is drawn.
  await page.waitForTimeout(400);
}

async function screen(page: Page, key: string): Promise<void> {
  await page.keyboard.press(`Alt+${key}`);
  await settled(page);
}

async function syncedWorkstation(t: Parameters<typeof openWorkstation>[0]): Promise<{ ws: Workstation; caseRef: string }> {
  const server = await startIntakeServer({ seed: 14, count: 120, attachmentFraction: 0.05 });
  t.after(() => server.close());
  const ws = await openWorkstation(t);
  const { core } = ws;
  await setUpAndSync(core, server);
  const ids = core.unlockedStore().db.prepare("SELECT id FROM reports WHERE category <> 'child_sexual_exploitation' ORDER BY rowid LIMIT 4").pluck().all() as string[];
  const c = await value(core, 'cases.create', { title: 'Apologie du terrorisme — حساب يمجّد الإرهاب', reportIds: ids });
  await value(core, 'notes.add', { target: { caseRef: c.ref }, text: 'Plusieurs comptes relaient les mêmes messages.', summary: true });
  await ws.page.reload();
  await ws.page.getByRole('navigation').first().waitFor();
  return { ws, caseRef: c.ref };
}

test('setup and lock screens: no accessibility violation, French and Arabic', async (t) => {
  const ws = await openWorkstation(t);
  const { page } = ws;
  const findings = new Findings();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await findings.check(page, 'setup-fr');
  await switchTo(page, 'ar');
  await findings.check(page, 'setup-ar');

  await value(ws.core, 'session.setup', SUPERVISOR);
  await value(ws.core, 'session.lock');
  await page.reload();
  await page.locator('input[type="password"]').first().waitFor();
  await switchTo(page, 'fr');
  await findings.check(page, 'lock-fr');
  await switchTo(page, 'ar');
  await findings.check(page, 'lock-ar');
  findings.assertNone();
});

test('every unlocked screen, a report, a case and its dossier: no accessibility violation, French and Arabic', { timeout: 600_000 }, async (t) => {
  const { ws, caseRef } = await syncedWorkstation(t);
  const { page } = ws;
  const findings = new Findings();
  for (const locale of ['fr', 'ar'] as const) {
    await switchTo(page, locale);

    await screen(page, '1');
    await page.locator('[role="grid"] [role="row"][aria-rowindex="2"]:not([aria-busy])').waitFor();
    await findings.check(page, `queue-${locale}`);
    await page.locator('[role="grid"] .q-id-button').first().click();
    await page.locator('.report-panel h2').first().waitFor();
    await settled(page);
    await findings.check(page, `report-${locale}`);

    await screen(page, '2');
    await page.locator('.dashboard canvas').first().waitFor();
    await findings.check(page, `dashboard-${locale}`);

    await screen(page, '3');
    await page.locator('.cs-open').first().waitFor();
    await findings.check(page, `cases-list-${locale}`);
    await page.locator('.cs-open').filter({ hasText: caseRef }).first().click();
    const tabs = page.locator('.case-tabs [role="tab"]');
    await tabs.first().waitFor();
    const count = await tabs.count();
    for (let i = 0; i < count; i += 1) {
      const tab = tabs.nth(i);
      await tab.click();
      await settled(page);
      const name = (await tab.getAttribute('id'))?.replace(/^.*-tab-/, '') ?? String(i);
      if (name === 'dossier') await page.locator('.dossier-page canvas[data-rendered]').first().waitFor({ timeout: 90_000 });
      await findings.check(page, `case-${name}-${locale}`);
    }

    await screen(page, '4');
    await findings.check(page, `sync-${locale}`);
    await screen(page, '5');
    await page.locator('main table tbody tr, main [role="row"]').nth(1).waitFor();
    await findings.check(page, `audit-${locale}`);
    await screen(page, '6');
    await findings.check(page, `settings-${locale}`);
  }
  findings.assertNone();
  assert.deepEqual(ws.foreignRequests, []);
});
