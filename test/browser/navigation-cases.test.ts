/**
 * The ways between the queue and the Cases screen, in Chromium against the
 * real core: a case made with `n` opens from the queue's notice; its
 * observables and its reports open the queue filtered on them; a report's
 * list of cases opens the case; a note's `#DOS-…` reference opens the other
 * case, and Back returns to the first. French, then Arabic.
 */
import assert from 'node:assert/strict';
import { after, test, type TestContext } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startIntakeServer } from '../../src/intake/server.ts';
import { SUPERVISOR, value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, screenshot, type Workstation } from './harness.ts';

after(() => closeBrowser());

const REPORTS = 150;
/**
 * A workstation id of 7 characters: the note parser (src/shared/text/markdown.ts) reads case
 * references with an id of 2 to 8 characters, while references allow up to 10 (WSRABAT03 is 9).
 */
const WORKSTATION = 'ws-fes-02';
const CASE_REF = /DOS-\d{4}-WSFES02-\d{5}/;
const TITLE = 'Hameçonnage bancaire — même faux site';
const OTHER_TITLE = 'Compte usurpé, faux service client';

async function openQueue(t: TestContext): Promise<{ ws: Workstation; otherRef: string }> {
  const server = await startIntakeServer({ seed: 5, count: REPORTS, attachmentFraction: 0 });
  t.after(() => server.close());
  const ws = await openWorkstation(t);
  await value(ws.core, 'session.setup', SUPERVISOR);
  await value(ws.core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: WORKSTATION, syncIntervalMinutes: 0 });
  await value(ws.core, 'sync.start');
  await ws.core.syncIdle();
  // Another case, made elsewhere, that a note will name.
  const last = await value(ws.core, 'queue.query', { sort: { key: 'priority', dir: 'asc' }, limit: 1, facets: false });
  const other = await value(ws.core, 'cases.create', { title: OTHER_TITLE, reportIds: last.rows.map((row) => row.id) });
  await ws.page.reload();
  await grid(ws.page).waitFor();
  return { ws, otherRef: other.ref };
}

function grid(page: Page): Locator {
  return page.locator('[role="grid"]');
}

function rowAt(page: Page, index: number): Locator {
  return grid(page).locator(`[role="row"][aria-rowindex="${index + 2}"]:not([aria-busy])`);
}

async function waitTotal(page: Page, total: number): Promise<void> {
  try {
    await page.waitForFunction((n) => Number((document.querySelector('.q-total')?.textContent ?? '').replace(/[^\d]/g, '')) === n, total, { timeout: 10_000 });
  } catch (error) {
    await screenshot(page, 'navigation-cases-failure');
    const shown = (await page.locator('.q-total').textContent()) ?? '';
    throw new Error(`total ${shown}, not ${total}`, { cause: error });
  }
}

/** The case view shows this case (its title as the screen's heading, its reference). */
async function caseShown(page: Page, ref: string, title: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.locator('.case-ref').filter({ hasText: ref }).waitFor();
}

/** Nothing in the content area is wider than it. */
async function assertNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const content = document.querySelector('.content');
    return { doc: document.documentElement.scrollWidth - document.documentElement.clientWidth, content: content ? content.scrollWidth - content.clientWidth : 0 };
  });
  assert.ok(overflow.doc <= 0, `${where}: the page overflows sideways by ${overflow.doc}px`);
  assert.ok(overflow.content <= 1, `${where}: the content overflows sideways by ${overflow.content}px`);
}

test('from the queue to a case and back: the notice, observables, reports, a report’s cases, a note’s reference', async (t) => {
  const { ws, otherRef } = await openQueue(t);
  const { page, core } = ws;
  // Every report, finished ones too: the counts below are over the whole store.
  await page.getByRole('button', { name: 'Retirer le filtre Signalements ouverts uniquement' }).click();
  await waitTotal(page, REPORTS);
  let ref = '';
  let caseIds: string[] = [];

  await t.test('n, then the notice opens that very case', async () => {
    await rowAt(page, 0).waitFor();
    await grid(page).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+ArrowDown');
    await page.getByText('Sélection : 2').waitFor();
    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'Nouveau dossier' });
    await dialog.getByLabel('Titre du dossier').fill(TITLE);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const notice = page.locator('.q-case-outcome');
    await notice.getByText(/créé avec 2 signalements/).waitFor();
    ref = CASE_REF.exec((await notice.textContent()) ?? '')?.[0] ?? '';
    assert.ok(ref && ref !== otherRef, 'a new case reference');
    caseIds = [...(await value(core, 'cases.get', { ref })).reportIds];
    assert.equal(caseIds.length, 2);
    await screenshot(page, 'navigation-notice-fr');
    await notice.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await caseShown(page, ref, TITLE);
    assert.equal(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('button', { name: 'Dossiers' }).getAttribute('aria-current'), 'page');
    for (const id of caseIds) await page.getByRole('button', { name: `Ouvrir le signalement ${id}` }).waitFor();
  });

  let observableValue = '';
  await t.test('an observable of the case opens the queue filtered on it', async () => {
    await page.getByRole('tab', { name: 'Observables' }).click();
    const observables = await value(core, 'observables.list', { caseRef: ref });
    const best = [...observables].sort((a, b) => b.seenInReports - a.seenInReports)[0];
    assert.ok(best && best.seenInReports > 0, 'an observable seen in reports');
    const line = page.locator('.cs-obs-table tbody tr').nth(observables.indexOf(best));
    observableValue = ((await line.locator('.cs-obs-value').textContent()) ?? '').trim();
    const button = line.getByRole('button', { name: /^(Voir le signalement|Voir les \d+ signalements) contenant .* dans la file$/ });
    assert.equal(((await button.textContent()) ?? '').trim(), best.seenInReports === 1 ? 'Voir le signalement' : `Voir les ${best.seenInReports} signalements`);
    await assertNoHorizontalOverflow(page, 'observables tab');
    await screenshot(page, 'navigation-case-observables-fr');
    await button.click();
    await waitTotal(page, best.seenInReports);
    await page.locator('.q-chip').filter({ hasText: observableValue }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('button', { name: 'File des signalements' }).getAttribute('aria-current'), 'page');
    await screenshot(page, 'navigation-queue-observable-fr');
  });

  await t.test('the navigation starts a screen afresh: the cases list, then the queue unfiltered', async () => {
    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await page.getByRole('button', { name: `Ouvrir le dossier ${ref}` }).waitFor();
    await page.keyboard.press('Alt+1');
    // Afresh is the default view: open work only, its chip alone.
    const open = await value(core, 'queue.query', { filters: { openOnly: true }, limit: 0, facets: false });
    await waitTotal(page, open.total);
    assert.deepEqual(await page.locator('.q-chip').allTextContents(), ['Signalements ouverts uniquement×']);
  });

  await t.test('"Voir dans la file" shows the case’s reports in the queue; a report’s cases open the case', async () => {
    await page.keyboard.press('Alt+3');
    await page.getByRole('button', { name: `Ouvrir le dossier ${ref}` }).click();
    await caseShown(page, ref, TITLE);
    await page.getByRole('button', { name: 'Voir dans la file' }).click();
    await waitTotal(page, 2);
    await page.locator('.q-chip').filter({ hasText: ref }).waitFor();
    // The report panel lists its cases; the reference opens the case.
    const id = caseIds[0] ?? '';
    await grid(page).locator('[role="row"]', { hasText: id }).getByRole('button', { name: `Ouvrir le signalement ${id}` }).click();
    const cases = page.locator('.report-panel').getByRole('region', { name: 'Dossiers' });
    await cases.getByRole('button', { name: `Ouvrir le dossier ${ref}` }).click();
    await caseShown(page, ref, TITLE);
  });

  await t.test('a note’s #DOS- reference opens the other case; Back returns to the first', async () => {
    await page.getByRole('tab', { name: 'Notes' }).click();
    await page.getByLabel('Nouvelle note').fill(`Même escroc que dans #${otherRef} : comparer les numéros.`);
    await page.getByRole('button', { name: 'Ajouter la note' }).click();
    const reference = page.locator('.cs-note-body button').filter({ hasText: otherRef });
    await reference.waitFor();
    await screenshot(page, 'navigation-note-reference-fr');
    await reference.click();
    await caseShown(page, otherRef, OTHER_TITLE);
    const back = page.getByRole('button', { name: `Retour au dossier ${ref}` });
    await back.waitFor();
    await screenshot(page, 'navigation-other-case-fr');
    await back.click();
    await caseShown(page, ref, TITLE);
    await page.getByRole('button', { name: 'Retour aux dossiers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
  });

  await t.test('in Arabic: the observables’ way to the queue, and back', async () => {
    await page.getByRole('button', { name: 'العربية' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'القضايا' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await page.getByRole('button', { name: `فتح القضية ${ref}` }).first().click();
    await caseShown(page, ref, TITLE);
    await page.getByRole('button', { name: 'عرض في قائمة البلاغات' }).waitFor();
    await page.getByRole('tab', { name: 'المؤشرات' }).click();
    const button = page.locator('.cs-obs-to-queue').first();
    await button.waitFor();
    assert.match((await button.textContent()) ?? '', /^عرض البلاغ/);
    await assertNoHorizontalOverflow(page, 'observables tab, Arabic');
    await screenshot(page, 'navigation-case-observables-ar');
    await button.click();
    await page.locator('.q-chip').first().waitFor();
    await screenshot(page, 'navigation-queue-observable-ar');
  });

  assert.ok(observableValue.length > 0);
  assert.deepEqual(ws.foreignRequests, []);
  assert.deepEqual(ws.pageErrors, []);
});
