/**
 * The settings page's section navigation: a sticky list of every section,
 * which jumps to one (mouse or keyboard), shows the one being read, follows
 * the analyst's own scrolling, sits at the side (mirrored in Arabic) or at
 * the top of a narrow window.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { ARTEFACTS, closeBrowser, openWorkstation, screenshot, setUpSupervisor } from './harness.ts';

after(() => closeBrowser());

async function current(nav: Locator): Promise<string[]> {
  return nav.locator('a[aria-current="location"]').allTextContents();
}

async function waitCurrent(nav: Locator, title: string): Promise<void> {
  await nav.locator('a[aria-current="location"]').filter({ hasText: title }).waitFor();
  assert.deepEqual(await current(nav), [title]);
}

/** Top of the section titled `title`, from the top of the viewport. */
async function sectionTop(page: Page, title: string): Promise<number> {
  const box = await page.getByRole('region', { name: title, exact: true }).boundingBox();
  assert.ok(box, title);
  return box.y;
}

test('settings: a sticky section navigation that jumps, shows where the analyst is, works by keyboard, mirrors in Arabic', async (t) => {
  const ws = await openWorkstation(t);
  const { page } = ws;
  await page.setViewportSize({ width: 1400, height: 850 });
  await setUpSupervisor(page);
  await page.keyboard.press('Alt+6');
  const nav = page.getByRole('navigation', { name: 'Sections des paramètres' });
  await nav.waitFor();

  // Every section of the page is listed, in the page's order.
  const titles = await page.locator('.panels > section.panel > h2').allTextContents();
  const links = await nav.getByRole('link').allTextContents();
  assert.ok(titles.length >= 14, `${titles.length} sections`);
  assert.deepEqual(links, titles);
  await waitCurrent(nav, titles[0]!);
  const pageHeight = await page.locator('#main').evaluate((main) => main.scrollHeight);
  assert.ok(pageHeight > 3000, `a long page: ${pageHeight} px`);

  // A click jumps to a section far down; the list stays in view and marks it.
  const target = titles[5]!;
  await nav.getByRole('link', { name: target, exact: true }).click();
  await waitCurrent(nav, target);
  const top = await sectionTop(page, target);
  assert.ok(top >= 0 && top < 200, `${target} at ${top}px`);
  const navBox = await nav.boundingBox();
  assert.ok(navBox && navBox.y >= 0 && navBox.y < 120, `the list stays in view: ${JSON.stringify(navBox)}`);
  await screenshot(page, 'settings-nav-fr');

  // The keyboard: Tab reaches the links, Enter jumps and the focus moves into the section.
  const last = titles.at(-1)!;
  await nav.getByRole('link', { name: titles[0]!, exact: true }).focus();
  for (let i = 1; i < titles.length; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), last);
  await page.keyboard.press('Enter');
  await waitCurrent(nav, last);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby') !== null && document.activeElement?.tagName), 'SECTION');
  assert.equal(await page.evaluate(() => document.activeElement?.querySelector('h2')?.textContent), last);

  // The analyst's own scrolling moves the mark.
  await page.locator('#main').evaluate((main) => main.scrollTo({ top: 0 }));
  await waitCurrent(nav, titles[0]!);
  const middle = titles[Math.floor(titles.length / 2)]!;
  await page.getByRole('region', { name: middle, exact: true }).evaluate((section) => section.scrollIntoView({ block: 'start' }));
  await waitCurrent(nav, middle);

  // Arabic: the list moves to the right of the sections, and still jumps.
  await page.getByRole('button', { name: /العربية/ }).first().click();
  const arNav = page.getByRole('navigation', { name: 'أقسام الإعدادات' });
  await arNav.waitFor();
  const arTitles = await page.locator('.panels > section.panel > h2').allTextContents();
  assert.deepEqual(await arNav.getByRole('link').allTextContents(), arTitles);
  const listBox = await arNav.boundingBox();
  const panelsBox = await page.locator('.panels').boundingBox();
  assert.ok(listBox && panelsBox && listBox.x > panelsBox.x + panelsBox.width - 1, `list ${JSON.stringify(listBox)} right of ${JSON.stringify(panelsBox)}`);
  await arNav.getByRole('link', { name: arTitles[3]!, exact: true }).click();
  await waitCurrent(arNav, arTitles[3]!);
  await screenshot(page, 'settings-nav-ar');

  // A narrow window: the list sits above the sections, and stays at the top while scrolling.
  await page.setViewportSize({ width: 1000, height: 760 });
  await arNav.getByRole('link', { name: arTitles[8]!, exact: true }).click();
  await waitCurrent(arNav, arTitles[8]!);
  const narrow = await arNav.boundingBox();
  assert.ok(narrow && narrow.y >= 0 && narrow.y < 80 && narrow.height < 80, `a bar at the top: ${JSON.stringify(narrow)}`);
  // The section jumped to starts below the bar, its title readable.
  const below = await sectionTop(page, arTitles[8]!);
  assert.ok(below >= narrow.y + narrow.height - 1 && below < narrow.y + narrow.height + 80, `section at ${below}, bar ends at ${narrow.y + narrow.height}`);
  await page.screenshot({ path: join(ARTEFACTS, 'settings-nav-narrow-ar.png') });
  assert.deepEqual(ws.pageErrors, []);
});
