/**
 * The workstation on a 1366×768 laptop screen, in Chromium against the real
 * core and the demo service: with a report open, what was reported (its
 * description) shows without scrolling and the queue's category and location
 * columns are not cut; the navigation folds to its icons and back, by mouse
 * and keyboard, kept for this analyst on this desktop, mirrored in Arabic;
 * the demo marking never covers the analyst's name, however long, at any
 * width. Screenshots in French and Arabic are kept.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { ANALYST, SUPERVISOR, value } from '../helpers/store.ts';
import { expectAccessible } from './axe.ts';
import { closeBrowser, openWorkstation, screenshot, type Workstation } from './harness.ts';

after(() => closeBrowser());

const LAPTOP = { width: 1366, height: 768 };
/** As long as a profile name may be (80 characters at most), in one piece where it starts. */
const LONG_NAME = 'Fatima-Zahra Benkirane El Idrissi Alaoui Mdaghri Ouazzani Chahdi';

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  assert.ok(b, 'the element is rendered');
  return b;
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function demoWorkstation(t: Parameters<typeof openWorkstation>[0]): Promise<Workstation> {
  const ws = await openWorkstation(t);
  await ws.page.setViewportSize(LAPTOP);
  await value(ws.core, 'session.setup', { ...SUPERVISOR, name: LONG_NAME });
  await value(ws.core, 'intake.startDemo');
  await ws.core.syncIdle();
  await ws.page.reload();
  await ws.page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  return ws;
}

function grid(page: Page): Locator {
  return page.locator('[role="grid"]');
}

/** Cells of a column whose text is cut: wider than its box, or more lines than its box shows. */
async function cutCells(page: Page, column: 'category' | 'location' | 'cluster'): Promise<string[]> {
  return page.evaluate((id) => {
    const cut: string[] = [];
    for (const cell of document.querySelectorAll<HTMLElement>(`[role="grid"] [role="gridcell"].qt-c-${id}`)) {
      // The cell and every box in it (its label): inline boxes have no client size and are skipped.
      for (const el of [cell, ...cell.querySelectorAll<HTMLElement>('*')]) {
        if (el.clientWidth === 0) continue;
        // A line more than the box shows adds a whole line's height; the tall Arabic glyphs overflowing
        // their line box by a few pixels are not a hidden line.
        const line = Number.parseFloat(getComputedStyle(el).lineHeight) || 16;
        if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + line / 2) {
          cut.push(`${(cell.textContent ?? '').trim()} (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`);
          break;
        }
      }
    }
    return cut;
  }, column);
}

function toggle(page: Page): Locator {
  return page.locator('.nav-toggle');
}

/** Folds the navigation from the keyboard: Tab onto its button, then Enter. */
async function foldByKeyboard(page: Page): Promise<void> {
  await toggle(page).focus();
  await page.keyboard.press('Enter');
  await page.locator('.sidebar[data-collapsed]').waitFor();
}

test('1366×768 with a report open and the navigation folded: the description above the fold, category and location whole and in view, French and Arabic', async (t) => {
  const ws = await demoWorkstation(t);
  const { page } = ws;
  await foldByKeyboard(page);
  for (const locale of ['fr', 'ar'] as const) {
    if (locale === 'ar') {
      await page.locator('.lang-switch-option[lang="ar"]').click();
      await page.locator('html[dir="rtl"]').waitFor();
    }
    await page.keyboard.press('Alt+1');
    await grid(page).locator('[role="row"][aria-rowindex="2"]:not([aria-busy])').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, `laptop-queue-${locale}`);
    assert.deepEqual(await cutCells(page, 'category'), [], `${locale}: no category cut`);
    assert.deepEqual(await cutCells(page, 'location'), [], `${locale}: no location cut`);
    assert.deepEqual(await cutCells(page, 'cluster'), [], `${locale}: no "reported n times" cut`);
    // Whatever the demo's groups are today: the widest counts of each language fit the column, in the big groups' bold.
    const widest = locale === 'fr' ? ['signalé 999 fois', 'signalé 100 fois'] : ['أُبلغ عنه 10 مرات', 'أُبلغ عنه 999 مرةً', 'أُبلغ عنه 110 مرات'];
    const fits = await page.evaluate((texts) => {
      const cell = document.querySelector<HTMLElement>('[role="grid"] [role="gridcell"].qt-c-cluster')!;
      const style = getComputedStyle(cell);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `600 ${style.fontSize} ${style.fontFamily}`;
      const room = cell.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      return texts.map((text) => ({ text, width: Math.ceil(context.measureText(text).width), room }));
    }, widest);
    for (const { text, width, room } of fits) assert.ok(width <= room, `${locale}: "${text}" (${width} px) fits the cluster column (${room} px)`);

    await grid(page).locator('.q-id-button').first().click();
    await page.locator('.report-panel .rp-description').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, `laptop-report-${locale}`);
    const description = await box(page.locator('.report-panel .rp-description').first());
    assert.ok(description.y + 60 <= LAPTOP.height, `${locale}: the description shows above the fold (top ${description.y})`);
    assert.deepEqual(await cutCells(page, 'category'), [], `${locale}: no category cut beside the report`);
    assert.deepEqual(await cutCells(page, 'location'), [], `${locale}: no location cut beside the report`);
    // Both columns in view beside the report, not scrolled away.
    const table = await box(grid(page));
    for (const name of locale === 'fr' ? ['Catégorie', 'Localisation'] : ['الصنف', 'الموقع']) {
      const header = await box(grid(page).getByRole('columnheader', { name, exact: true }));
      assert.ok(header.x >= table.x - 0.5 && header.x + header.width <= table.x + table.width + 0.5, `${locale}: the ${name} column is in view`);
    }
    await page.keyboard.press('Escape');
  }
  assert.deepEqual(ws.pageErrors, []);
});

test('the navigation folds and unfolds, by mouse and keyboard, kept per analyst on this desktop, mirrored in Arabic', async (t) => {
  const ws = await openWorkstation(t);
  const { page, core } = ws;
  await page.setViewportSize(LAPTOP);
  await value(core, 'session.setup', SUPERVISOR);
  await value(core, 'profiles.create', ANALYST);
  await page.reload();
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await nav.waitFor();
  const fold = page.getByRole('button', { name: 'Réduire la navigation' });
  assert.equal(await fold.getAttribute('aria-expanded'), 'true');
  const wide = await box(nav);
  await fold.click();
  const unfold = page.getByRole('button', { name: 'Déplier la navigation' });
  assert.equal(await unfold.getAttribute('aria-expanded'), 'false');
  const narrow = await box(nav);
  assert.ok(narrow.width <= 60 && wide.width >= 200, `folded to its icons: ${wide.width} → ${narrow.width}`);
  // The main area takes the room; every screen keeps its name for assistive technology and a tooltip.
  assert.ok((await box(page.locator('main'))).x < narrow.width + 1);
  const dashboard = nav.getByRole('button', { name: 'Tableau de bord' });
  assert.equal(await dashboard.getAttribute('title'), 'Tableau de bord (Alt+2)');
  await dashboard.click();
  await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
  await screenshot(page, 'nav-folded-fr');
  await expectAccessible(page, 'folded navigation, French');

  // Kept across a reload (and a lock) for this analyst.
  await page.reload();
  await page.getByRole('button', { name: 'Déplier la navigation' }).waitFor();
  // The keyboard: Space unfolds, Enter folds again.
  await page.getByRole('button', { name: 'Déplier la navigation' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Réduire la navigation' }).waitFor();
  assert.ok((await box(nav)).width >= 200);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Déplier la navigation' }).waitFor();

  // Another analyst on the same desktop starts unfolded (in Arabic, the navigation on the right).
  await page.getByRole('button', { name: 'Verrouiller', exact: true }).click();
  await page.getByLabel('Nom de connexion', { exact: true }).fill(ANALYST.name);
  await page.getByLabel('Phrase secrète', { exact: true }).fill(ANALYST.passphrase);
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  await page.locator('html[dir="rtl"]').waitFor();
  const navAr = page.getByRole('navigation', { name: 'التنقل الرئيسي' });
  // A profile a supervisor created replaces its first passphrase before anything else.
  await page.getByRole('heading', { name: 'اختر عبارة المرور الخاصة بك' }).waitFor();
  const own = 'نخلة حمراء قرب البحر 88 غيمة بيضاء';
  await page.getByLabel('عبارة المرور الجديدة', { exact: true }).fill(own);
  await page.getByLabel('تأكيد عبارة المرور الجديدة', { exact: true }).fill(own);
  await page.getByRole('button', { name: 'حفظ وفتح' }).click();
  await navAr.waitFor();
  const foldAr = page.getByRole('button', { name: 'طيّ شريط التنقل' });
  assert.equal(await foldAr.getAttribute('aria-expanded'), 'true', 'another analyst: unfolded');
  await foldAr.click();
  await page.getByRole('button', { name: 'توسيع شريط التنقل' }).waitFor();
  const navBox = await box(navAr);
  assert.ok(navBox.x + navBox.width >= LAPTOP.width - 1 && navBox.width <= 60, `mirrored: folded on the right (${JSON.stringify(navBox)})`);
  await screenshot(page, 'nav-folded-ar');
  await expectAccessible(page, 'folded navigation, Arabic');
  assert.deepEqual(ws.pageErrors, []);
});

test('the demo marking never covers the analyst’s name, however long, at any width, French and Arabic', async (t) => {
  const ws = await demoWorkstation(t);
  const { page } = ws;
  for (const locale of ['fr', 'ar'] as const) {
    if (locale === 'ar') {
      await page.locator('.lang-switch-option[lang="ar"]').click();
      await page.locator('html[dir="rtl"]').waitFor();
    }
    for (const width of [1366, 1200, 1024, 900, 800]) {
      await page.setViewportSize({ width, height: LAPTOP.height });
      await page.waitForTimeout(150);
      const flag = await box(page.locator('.demo-flag'));
      const name = page.locator('.topbar-user-name');
      const nameBox = await box(name);
      const user = await box(page.locator('.topbar-user'));
      assert.ok(!overlap(flag, nameBox), `${locale} ${width}px: the demo marking ${JSON.stringify(flag)} does not overlap the name ${JSON.stringify(nameBox)}`);
      // The name's first letters are in view: it gives way at its end (ellipsis), never at its start.
      const start = await name.evaluate((el) => {
        const range = document.createRange();
        range.setStart(el.firstChild ?? el, 0);
        range.setEnd(el.firstChild ?? el, 1);
        const r = range.getBoundingClientRect();
        return { x: r.x, width: r.width };
      });
      assert.ok(start.x >= user.x - 0.5 && start.x + start.width <= user.x + user.width + 0.5, `${locale} ${width}px: the name's first letter is shown`);
      // The name gives way; the language switch and the lock button keep their size.
      const squeezed = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.topbar .lang-switch-option, .topbar .btn-lock')].filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent),
      );
      assert.deepEqual(squeezed, [], `${locale} ${width}px: header buttons whole`);
      if (width === 1024) await screenshot(page, `topbar-demo-long-name-${locale}`);
    }
  }
  await page.setViewportSize(LAPTOP);
  assert.deepEqual(ws.pageErrors, []);
});
