/**
 * The triage queue as an analyst uses it, in Chromium against the real core:
 * a store synced from the reference intake service (20,000 reports), then
 * filters with live counts, search, sort, keyboard, claims, bulk status,
 * clusters, saved views, Arabic, and scrolling to the very last row.
 */
import assert from 'node:assert/strict';
import { after, test, type TestContext } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startIntakeServer } from '../../src/intake/server.ts';
import { SUPERVISOR, value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, screenshot, type Workstation } from './harness.ts';

after(() => closeBrowser());

const REPORTS = 20_000;
const fr = new Intl.NumberFormat('fr-MA');

/** A number as the French interface writes it (narrow no-break spaces), as a pattern. */
function frNumber(n: number): string {
  return fr.format(n).replace(/\s/g, '\\s');
}

async function openQueue(t: TestContext): Promise<Workstation> {
  const server = await startIntakeServer({ seed: 7, count: REPORTS, attachmentFraction: 0.02 });
  t.after(() => server.close());
  const ws = await openWorkstation(t);
  await value(ws.core, 'session.setup', SUPERVISOR);
  await value(ws.core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await value(ws.core, 'sync.start');
  await ws.core.syncIdle();
  await ws.page.reload();
  await grid(ws.page).waitFor();
  // At 1280 px the filters start folded, to leave the grid its columns.
  const toggle = ws.page.getByRole('button', { name: 'Filtres', exact: true });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  return ws;
}

function grid(page: Page): Locator {
  return page.locator('[role="grid"]');
}

/** The total the screen shows, as a number. */
async function shownTotal(page: Page): Promise<number> {
  const text = (await page.locator('.q-total').textContent()) ?? '';
  const digits = text.replace(/[^\d]/g, '');
  return Number(digits);
}

/** Waits until the total shown differs from `not`, and returns it. */
async function waitOtherTotal(page: Page, not: number): Promise<number> {
  await page.waitForFunction((n) => {
    const digits = (document.querySelector('.q-total')?.textContent ?? '').replace(/[^\d]/g, '');
    return digits !== '' && Number(digits) !== n;
  }, not);
  return shownTotal(page);
}

async function waitTotal(page: Page, total: number): Promise<void> {
  await page.locator('.q-total').filter({ hasText: new RegExp(`^${frNumber(total)}\\s`) }).waitFor();
}

/** The row at a 0-based index of the result, once loaded. */
function rowAt(page: Page, index: number): Locator {
  return grid(page).locator(`[role="row"][aria-rowindex="${index + 2}"]:not([aria-busy])`);
}

async function activeRowIndex(page: Page): Promise<number> {
  return page.evaluate(() => {
    const grid = document.querySelector('[role="grid"]');
    const id = grid?.getAttribute('aria-activedescendant');
    const row = id ? document.getElementById(id) : null;
    return row ? Number(row.getAttribute('aria-rowindex')) - 2 : -1;
  });
}

async function rowId(row: Locator): Promise<string> {
  const text = (await row.locator('.q-id-button').textContent()) ?? '';
  const id = /IBL-\d{4}-\d{7}/.exec(text)?.[0];
  assert.ok(id, `a report id in ${text}`);
  return id;
}

function statusOf(ws: Workstation, id: string): string {
  return (ws.core.unlockedStore().db.prepare('SELECT status FROM reports WHERE id = ?').get(id) as { status: string }).status;
}

test('the triage queue: filters, search, sort, keyboard, claims, clusters, views, Arabic, a huge scroll', async (t) => {
  const ws = await openQueue(t);
  const { page } = ws;
  const all = REPORTS;

  await t.test('open work first: the default view shows open reports only, a chip says so and removes it; finished ones have no priority and no danger mark', async () => {
    const open = (await value(ws.core, 'queue.query', { filters: { openOnly: true }, limit: 0, facets: false })).total;
    assert.ok(open > 0 && open < all, `${open} open of ${all}`);
    await waitTotal(page, open);
    const chip = page.getByRole('button', { name: 'Retirer le filtre Signalements ouverts uniquement' });
    await chip.waitFor();
    await rowAt(page, 0).waitFor();
    const statuses = await grid(page).locator('[role="row"]:not([aria-busy]) .q-status').allTextContents();
    assert.ok(statuses.length > 0 && statuses.every((status) => /Reçu|En analyse|Pris en charge/.test(status)), statuses.join(' | '));
    await screenshot(page, 'queue-open-only-fr');
    await chip.click();
    await waitTotal(page, all);
    // Everything, least urgent first: the finished reports, with no score and no danger mark.
    const priority = grid(page).getByRole('columnheader', { name: 'Priorité' });
    await priority.getByRole('button').click();
    assert.equal(await priority.getAttribute('aria-sort'), 'ascending');
    const finishedFirst = (await value(ws.core, 'queue.query', { sort: { key: 'priority', dir: 'asc' }, limit: 500, facets: false })).rows;
    assert.ok(finishedFirst.every((row) => row.priority === 0 && !/^(received|in_analysis)$/.test(row.status)), 'finished reports first, with no priority');
    const checkRow = async (index: number): Promise<void> => {
      const row = rowAt(page, index);
      await row.waitFor();
      assert.equal(await rowId(row), finishedFirst[index]!.id);
      assert.equal(await row.locator('.q-priority-finished').count(), 1, `row ${index}: no score`);
      assert.equal(await row.locator('.q-danger').count(), 0, `row ${index}: no "!"`);
      assert.doesNotMatch((await row.getAttribute('class')) ?? '', /qt-danger/);
    };
    for (let index = 0; index < 8; index += 1) await checkRow(index);
    await screenshot(page, 'queue-finished-last-fr');
    // A finished report in imminent danger, scrolled to: no "!" either.
    const danger = finishedFirst.findIndex((row) => row.imminentDanger);
    assert.ok(danger >= 0, 'a finished report in imminent danger among the first 500');
    const height = (await rowAt(page, 0).boundingBox())?.height ?? 32;
    await page.locator('.qt-scroller').evaluate((el, top) => el.scrollTo({ top }), Math.max(0, (danger - 2) * height));
    await checkRow(danger);
    await page.locator('.qt-scroller').evaluate((el) => el.scrollTo({ top: 0 }));
    await priority.getByRole('button').click();
    assert.equal(await priority.getAttribute('aria-sort'), 'descending');
  });

  await t.test('the whole queue, most urgent first', async () => {
    await waitTotal(page, all);
    await page.getByRole('grid', { name: 'File des signalements' }).waitFor();
    const priority = grid(page).getByRole('columnheader', { name: 'Priorité' });
    assert.equal(await priority.getAttribute('aria-sort'), 'descending');
    await rowAt(page, 0).waitFor();
    const scores = await grid(page).locator('[role="row"]:not([aria-busy]) .q-priority-score').allTextContents();
    const numbers = scores.slice(0, 15).map((s) => Number(s.replace(/[^\d]/g, '')));
    assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a), 'sorted by priority, descending');
    await screenshot(page, 'queue-fr');
    // Every control has an accessible name.
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('main button, main input, main select')]
        .filter((element) => {
          const labelled = element.getAttribute('aria-label') || element.getAttribute('aria-labelledby') || (element as HTMLInputElement).labels?.length;
          return !labelled && !(element.textContent ?? '').trim();
        })
        .map((element) => element.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unnamed, []);
  });

  await t.test('filters with live counts change the rows and the total', async () => {
    const panel = page.getByRole('complementary', { name: 'Filtres' });
    const danger = panel.getByRole('checkbox', { name: /Danger imminent/ });
    const dangerCount = Number(((await danger.locator('xpath=..').locator('.qf-count').textContent()) ?? '').replace(/[^\d]/g, ''));
    assert.ok(dangerCount > 0 && dangerCount < all);
    await danger.check();
    await waitTotal(page, dangerCount);
    // Every row shown is marked as imminent danger.
    await rowAt(page, 0).waitFor();
    const rows = grid(page).locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"]):not([aria-busy])');
    assert.equal(await rows.count(), await grid(page).locator('[role="row"].qt-danger').count());
    // The counts of the other filters follow: a platform's count is now within the danger reports.
    const facebook = panel.getByRole('checkbox', { name: /^Facebook/ });
    const fbCount = Number(((await facebook.locator('xpath=..').locator('.qf-count').textContent()) ?? '').replace(/[^\d]/g, ''));
    assert.ok(fbCount > 0 && fbCount < dangerCount, `facebook ${fbCount} within ${dangerCount}`);
    await facebook.check();
    await waitTotal(page, fbCount);
    // Active filters show as chips; removing one widens again.
    await page.getByRole('button', { name: 'Retirer le filtre Plateforme : Facebook' }).click();
    await waitTotal(page, dangerCount);
    await screenshot(page, 'queue-filtered-fr');
    await page.getByRole('button', { name: 'Tout effacer' }).click();
    await waitTotal(page, all);
    // A date range: Casablanca days, turned into instants for the core.
    await panel.getByText('Date de soumission').click();
    await panel.getByRole('textbox', { name: 'Du', exact: true }).fill('2026-04-10');
    const since = await waitOtherTotal(page, all);
    assert.ok(since > 0 && since < all, `${since} since April 10`);
    await page.getByRole('button', { name: /^Retirer le filtre Du : / }).waitFor();
    const times = await grid(page).locator('[role="row"]:not([aria-busy]) time').evaluateAll((list) => list.map((e) => e.getAttribute('datetime') ?? ''));
    assert.ok(times.length > 0 && times.every((iso) => iso >= '2026-04-09T23:00:00.000Z'), times.join(' '));
    await page.getByRole('button', { name: 'Tout effacer' }).click();
    await waitTotal(page, all);
    assert.equal(await panel.getByRole('textbox', { name: 'Du', exact: true }).inputValue(), '');
  });

  await t.test('search highlights the matches in a snippet, as text', async () => {
    await page.keyboard.press('Escape');
    // Somewhere inert (the navigation, now collapsible, reaches the left edge): the screen's title.
    await page.getByRole('heading', { level: 1 }).first().click();
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'q-search-input');
    await page.keyboard.type('compte');
    const total = await waitOtherTotal(page, all);
    assert.ok(total > 0 && total < all, `search total ${total}`);
    await grid(page).getByRole('columnheader', { name: 'Extrait' }).waitFor();
    const mark = grid(page).locator('.q-snippet mark').first();
    await mark.waitFor();
    assert.match((await mark.textContent()) ?? '', /compte/i);
    assert.equal(await grid(page).locator('.q-snippet bdi').count() > 0, true);
    await screenshot(page, 'queue-search-fr');
    await page.getByRole('button', { name: /Retirer le filtre Recherche/ }).click();
    await waitTotal(page, all);
    assert.equal(await page.locator('#q-search-input').inputValue(), '');
  });

  await t.test('sort by a column header', async () => {
    const header = grid(page).getByRole('columnheader', { name: 'Soumis le' });
    await header.getByRole('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    assert.equal(await grid(page).getByRole('columnheader', { name: 'Priorité' }).getAttribute('aria-sort'), null);
    await rowAt(page, 1).waitFor();
    const first = await rowAt(page, 0).locator('time').getAttribute('datetime');
    const second = await rowAt(page, 1).locator('time').getAttribute('datetime');
    assert.ok(first && second && first >= second, `${first} then ${second}`);
    await header.getByRole('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    await page.waitForFunction(() => {
      const times = [...document.querySelectorAll('[role="row"]:not([aria-busy]) time')].map((e) => e.getAttribute('datetime') ?? '');
      return times.length > 2 && times[0]! <= times[1]!;
    });
    await grid(page).getByRole('columnheader', { name: 'Priorité' }).getByRole('button').click();
    assert.equal(await grid(page).getByRole('columnheader', { name: 'Priorité' }).getAttribute('aria-sort'), 'descending');
  });

  await t.test('keyboard: move, open with Enter, claim with c', async () => {
    await grid(page).focus();
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('k');
    assert.equal(await activeRowIndex(page), 1);
    const row = rowAt(page, 1);
    const id = await rowId(row);
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: `Signalement ${id}` }).waitFor();
    await page.getByRole('region', { name: `Signalement ${id}` }).getByText(id).first().waitFor();
    await screenshot(page, 'queue-report-open-fr');
    // Escape closes the report and gives the keyboard back to the queue, on the same row.
    await page.keyboard.press('Escape');
    await page.getByRole('region', { name: `Signalement ${id}` }).waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'grid');
    assert.equal(await activeRowIndex(page), 1);
    // c claims the active report: shown at once, recorded by the core.
    assert.equal(statusOf(ws, id), 'received');
    await page.keyboard.press('c');
    await row.locator('.q-status').filter({ hasText: 'En analyse' }).waitFor();
    assert.equal(statusOf(ws, id), 'in_analysis');
    await page.getByRole('status').filter({ hasText: `Signalement ${id} pris en charge` }).waitFor();
  });

  await t.test('multi-select and a status for all of them', async () => {
    await grid(page).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.getByText('Sélection : 4').waitFor();
    // The selection is by report: read the ids of the selected rows.
    const selectedRows = grid(page).locator('[role="row"][aria-selected="true"]');
    assert.equal(await selectedRows.count(), 4);
    const ids = await Promise.all([0, 1, 2, 3].map((i) => rowId(selectedRows.nth(i))));
    await page.keyboard.press('s');
    const menu = page.getByRole('menu', { name: 'Changer le statut' });
    await menu.waitFor();
    await screenshot(page, 'queue-bulk-menu-fr');
    await menu.getByRole('menuitem', { name: 'Transmis' }).click();
    // Reports another workstation analyses: the queue says how many and asks first (taken over here, on purpose).
    const held = (await value(ws.core, 'reports.heldElsewhere', { reportIds: ids })).reports.length;
    if (held > 0) {
      const ask = page.getByRole('dialog', { name: 'Statut « Transmis »' });
      await ask.getByText(held === 1 ? '1 de ces signalements est pris en charge par un autre poste' : `${held} de ces signalements sont pris en charge par un autre poste`).waitFor();
      await ask.getByRole('radio', { name: /Les reprendre aussi/ }).check();
      await ask.getByRole('button', { name: 'Prendre quand même' }).click();
    }
    await page.getByRole('status').filter({ hasText: '4 signalements : statut « Transmis » enregistré' }).waitFor();
    for (const id of ids) assert.equal(statusOf(ws, id), 'referred');
    assert.equal(await grid(page).locator('[aria-selected="true"]').count(), 0, 'selection cleared after the action');
    // Shown at once: no row of these reports still reads "Reçu" (a closed report also loses its age points and moves down).
    await page.waitForFunction((wanted) => {
      const rows = [...document.querySelectorAll('[role="row"]')].filter((row) => wanted.some((id) => row.textContent?.includes(id)));
      return rows.every((row) => row.querySelector('.q-status')?.textContent === 'Transmis');
    }, ids);
    // Escape clears a selection.
    await grid(page).focus();
    await page.keyboard.press('Space');
    await page.getByText('Sélection : 1').waitFor();
    await page.keyboard.press('Escape');
    await page.getByText('Sélection : 1').waitFor({ state: 'detached' });
  });

  await t.test('a change made elsewhere shows at once, the selection and the scroll kept', async () => {
    // What the core counts "in analysis", the page shows once told of the change.
    const coreCount = async (): Promise<number> => {
      const answer = await value(ws.core, 'queue.query', { limit: 0, facets: true });
      return answer.facets?.['status']?.find((entry) => entry.value === 'in_analysis')?.count ?? 0;
    };
    const before = await coreCount();
    await grid(page).focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 8; i += 1) await page.keyboard.press('j');
    await page.keyboard.press('Space');
    await page.getByText('Sélection : 1').waitFor();
    const scrollTop = await page.locator('.qt-scroller').evaluate((el) => el.scrollTop);
    // Another analyst's action, through the core: the page is told by the queue.changed event.
    const target = await rowId(rowAt(page, 5));
    assert.equal(statusOf(ws, target), 'received');
    await value(ws.core, 'reports.setStatus', { reportId: target, status: 'in_analysis' });
    await grid(page).locator('[role="row"]', { hasText: target }).locator('.q-status').filter({ hasText: 'En analyse' }).waitFor();
    assert.equal(await coreCount(), before + 1);
    await page.waitForFunction((n) => {
      const label = [...document.querySelectorAll('.qf-option')].find((l) => l.textContent?.startsWith('En analyse'));
      return Number((label?.querySelector('.qf-count')?.textContent ?? '').replace(/[^\d]/g, '')) === n;
    }, before + 1);
    await page.getByText('Sélection : 1').waitFor();
    assert.equal(await activeRowIndex(page), 8);
    assert.equal(await page.locator('.qt-scroller').evaluate((el) => el.scrollTop), scrollTop);
    await page.keyboard.press('Escape');
    // Ctrl+A selects the rows in view; ? shows the shortcuts.
    await page.keyboard.press('Control+a');
    const visible = await grid(page).locator('[role="row"][aria-selected="true"]').count();
    assert.ok(visible >= 10, `${visible} visible rows selected`);
    await page.getByText(`Sélection : ${visible}`).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Raccourcis clavier' });
    await help.waitFor();
    await screenshot(page, 'queue-shortcuts-fr');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  await t.test('cluster grouping, and opening a cluster', async () => {
    await page.getByRole('button', { name: 'Groupes', exact: true }).click();
    await page.locator('.q-total').filter({ hasText: /groupes/ }).waitFor();
    const groups = await shownTotal(page);
    assert.ok(groups > 1 && groups < all, `${groups} groups`);
    await grid(page).getByRole('columnheader', { name: 'Groupe' }).getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('[role="columnheader"][aria-sort="descending"]')?.textContent?.includes('Groupe'));
    const first = rowAt(page, 0);
    await first.waitFor();
    const text = (await first.locator('.q-cluster').textContent()) ?? '';
    // "Publication Facebook · 12 signalements": what the group is about, then how many reports it holds.
    const size = Number(/·\s+([\d\s\u202f.]+)\s+signalements/.exec(text)?.[1]?.replace(/[^\d]/g, ''));
    assert.ok(size > 1, text);
    await screenshot(page, 'queue-clusters-fr');
    await grid(page).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: "Fil d'Ariane" }).waitFor();
    await waitTotal(page, size);
    await page.getByRole('button', { name: 'Retour aux groupes' }).click();
    await waitTotal(page, groups);
    await page.getByRole('button', { name: 'Signalements', exact: true }).click();
    await waitTotal(page, all);
  });

  await t.test('a saved view, round trip', async () => {
    const panel = page.getByRole('complementary', { name: 'Filtres' });
    await panel.getByRole('checkbox', { name: /^En retard/ }).check();
    await panel.getByRole('checkbox', { name: /^Sextorsion/ }).check();
    const filtered = await waitOtherTotal(page, all);
    await grid(page).getByRole('columnheader', { name: 'Échéance' }).getByRole('button').click();
    // Columns: URL shown, platform hidden.
    await page.getByRole('button', { name: 'Colonnes' }).click();
    const chooser = page.getByRole('dialog', { name: 'Colonnes affichées' });
    await chooser.getByRole('checkbox', { name: 'URL' }).check();
    await chooser.getByRole('checkbox', { name: 'Compte' }).check();
    await chooser.getByRole('checkbox', { name: 'Plateforme' }).uncheck();
    await page.keyboard.press('Escape');
    await grid(page).getByRole('columnheader', { name: 'URL' }).waitFor();
    // An account only the reported URL names is shown, marked as worked out from the link (not "—").
    const fromLink = grid(page).locator('[role="row"]:not([aria-busy]) [title*="compte d’après le lien signalé"]');
    await fromLink.first().waitFor();
    assert.match((await fromLink.first().textContent()) ?? '', /^\(lien\) \S+$/u);
    await screenshot(page, 'queue-columns-account-fr');
    assert.equal(await grid(page).getByRole('columnheader', { name: 'Plateforme' }).count(), 0);
    await page.getByRole('button', { name: 'Vues' }).click();
    await page.getByLabel('Nom de la vue').fill('Sextorsion en retard');
    await page.getByRole('button', { name: 'Enregistrer la vue actuelle' }).click();
    await page.getByRole('button', { name: 'Appliquer la vue Sextorsion en retard' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Tout effacer' }).click();
    await page.getByRole('button', { name: 'Colonnes' }).click();
    await page.getByRole('button', { name: 'Colonnes par défaut' }).click();
    await page.keyboard.press('Escape');
    await grid(page).getByRole('columnheader', { name: 'Plateforme' }).waitFor();
    await waitTotal(page, all);
    await page.getByRole('button', { name: 'Vues' }).click();
    await page.getByRole('button', { name: 'Appliquer la vue Sextorsion en retard' }).click();
    await waitTotal(page, filtered);
    await grid(page).getByRole('columnheader', { name: 'URL' }).waitFor();
    assert.equal(await grid(page).getByRole('columnheader', { name: 'Plateforme' }).count(), 0);
    assert.match((await rowAt(page, 0).locator('.q-url').textContent()) ?? '', /^hxxps?\[:\/\/\]/, 'URLs defanged, as text');
    assert.equal(await grid(page).locator('a[href]').count(), 0, 'no link in the grid');
    assert.equal(await grid(page).getByRole('columnheader', { name: 'Échéance' }).getAttribute('aria-sort'), 'ascending');
    assert.ok(await panel.getByRole('checkbox', { name: /^Sextorsion/ }).isChecked());
    // Deleted, it is gone from the list.
    await page.getByRole('button', { name: /^Vues/ }).click();
    await page.getByRole('button', { name: 'Supprimer la vue Sextorsion en retard' }).click();
    await page.getByText("Aucune vue enregistrée pour l'instant.").waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Colonnes' }).click();
    await page.getByRole('button', { name: 'Colonnes par défaut' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Tout effacer' }).click();
    await grid(page).getByRole('columnheader', { name: 'Priorité' }).getByRole('button').click();
    await waitTotal(page, all);
  });

  await t.test('the last of 20,000 rows: End, the scrollbar, the wheel', async () => {
    const last = all - 1;
    await grid(page).focus();
    await page.keyboard.press('End');
    await rowAt(page, last).waitFor();
    assert.equal(await activeRowIndex(page), last);
    await assertFullyVisible(page, rowAt(page, last));
    await page.keyboard.press('Home');
    await rowAt(page, 0).waitFor();
    // Dragging the scrollbar to its end is the scroll position's end.
    await page.locator('.qt-scroller').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await rowAt(page, last).waitFor();
    await assertFullyVisible(page, rowAt(page, last));
    await page.locator('.qt-scroller').evaluate((el) => el.scrollTo({ top: 0 }));
    await rowAt(page, 0).waitFor();
    // The wheel, from near the end.
    await page.locator('.qt-scroller').evaluate((el) => el.scrollTo({ top: el.scrollHeight - el.clientHeight - 2000 }));
    const box = await page.locator('.qt-scroller').boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 40; i += 1) await page.mouse.wheel(0, 400);
    await rowAt(page, last).waitFor();
    await assertFullyVisible(page, rowAt(page, last));
    await screenshot(page, 'queue-last-row-fr');
  });

  await t.test('in Arabic: mirrored, translated, ids kept left to right', async () => {
    await page.getByRole('button', { name: 'العربية' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'قائمة البلاغات' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await page.getByRole('complementary', { name: 'عوامل التصفية' }).getByRole('checkbox', { name: /خطر وشيك/ }).check();
    await page.locator('.q-chip').first().waitFor();
    // Open work only, from the status filters: its chip in Arabic.
    await page.getByRole('complementary', { name: 'عوامل التصفية' }).getByRole('checkbox', { name: /البلاغات المفتوحة فقط/ }).check();
    await page.getByRole('button', { name: /البلاغات المفتوحة فقط/ }).waitFor();
    await rowAt(page, 0).waitFor();
    // The filters sit at the inline start: the right in Arabic.
    const filters = await page.locator('.q-filters').boundingBox();
    const table = await page.locator('.qt-scroller').boundingBox();
    assert.ok(filters && table && filters.x > table.x, 'filters on the right of the grid');
    await screenshot(page, 'queue-ar');
  });

  assert.deepEqual(ws.foreignRequests, []);
  assert.deepEqual(ws.pageErrors, []);
});

async function assertFullyVisible(page: Page, row: Locator): Promise<void> {
  const rowBox = await row.boundingBox();
  const body = await page.locator('.qt-body').boundingBox();
  assert.ok(rowBox && body, 'row and body measured');
  assert.ok(rowBox.y >= body.y - 0.5 && rowBox.y + rowBox.height <= body.y + body.height + 0.5, `row ${JSON.stringify(rowBox)} inside ${JSON.stringify(body)}`);
}

/** A row of the synthetic million: deterministic from its index. */
function syntheticRow(index: number): Record<string, unknown> {
  const categories = ['fraud', 'sextortion', 'terrorism_apology', 'violence', 'other'];
  const platforms = ['facebook', 'tiktok', 'instagram', 'telegram', 'website'];
  return {
    id: `IBL-2026-${String(index + 1).padStart(7, '0')}`,
    category: categories[index % categories.length],
    platform: platforms[(index >> 1) % platforms.length],
    status: 'received',
    statusWorkstation: null,
    claimedByOther: false,
    submittedAt: new Date(Date.UTC(2026, 3, 1) + index * 30_000).toISOString(),
    region: index % 7 === 0 ? null : 'MA-06',
    country: index % 7 === 0 ? 'FR' : 'MA',
    reporterMode: index % 3 === 0 ? 'identified' : 'anonymous',
    imminentDanger: index % 97 === 0,
    attachments: index % 11 === 0 ? 2 : 0,
    accountHandle: index % 5 === 0 ? `@compte.${index}` : null,
    accountFromUrl: false,
    url: `hxxps[://]example[.]com/p/${index}`,
    priority: 150 - Math.floor((index * 150) / 1_000_000),
    deadlineAt: new Date(Date.now() + (index - 500_000) * 60_000).toISOString(),
    overdue: index < 500_000,
    clusterId: index + 1,
    clusterSize: 1,
    clusterMatches: null,
    demo: false,
    snippet: null,
  };
}

test('a million rows: every row reachable, smooth wheel scrolling', async (t) => {
  const TOTAL = 1_000_000;
  const asked: { offset: number; limit: number }[] = [];
  const ws = await openWorkstation(t, {
    beforeLoad: async (page) => {
      // The core's answers are replaced by a synthetic result of a million rows: the renderer alone is under test.
      await page.route('**/api/invoke/queue.query', async (route) => {
        const { input } = JSON.parse(route.request().postData() ?? '{}') as { input: { offset?: number; limit?: number; facets?: boolean } };
        const offset = input.offset ?? 0;
        const limit = input.limit ?? 100;
        asked.push({ offset, limit });
        const rows = [];
        for (let i = offset; i < Math.min(TOTAL, offset + limit); i += 1) rows.push(syntheticRow(i));
        await route.fulfill({ json: { ok: true, value: { total: TOTAL, offset, rows, facets: input.facets === false ? null : {}, generation: 1, tookMs: 1 } } });
      });
    },
  });
  const { page } = ws;
  await value(ws.core, 'session.setup', SUPERVISOR);
  await page.reload();
  await waitTotal(page, TOTAL);
  const scroller = page.locator('.qt-scroller');
  const height = await scroller.evaluate((el) => el.scrollHeight);
  assert.ok(height < 10_000_000, `the spacer is capped (${height} px)`);
  assert.equal(await grid(page).getAttribute('aria-rowcount'), String(TOTAL + 1));

  // End: the last row, fully in view.
  await grid(page).focus();
  await page.keyboard.press('End');
  await rowAt(page, TOTAL - 1).waitFor();
  await assertFullyVisible(page, rowAt(page, TOTAL - 1));
  assert.equal(await activeRowIndex(page), TOTAL - 1);
  // Up one row from the very end moves one row, not thousands.
  await page.keyboard.press('ArrowUp');
  assert.equal(await activeRowIndex(page), TOTAL - 2);
  await page.keyboard.press('Control+Home');
  await rowAt(page, 0).waitFor();

  // The scrollbar dragged to its end, then to the middle (headless Chromium draws no scrollbar to grab:
  // setting the scroll position is what a drag does).
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await rowAt(page, TOTAL - 1).waitFor();
  await assertFullyVisible(page, rowAt(page, TOTAL - 1));
  await scroller.evaluate((el) => el.scrollTo({ top: (el.scrollHeight - el.clientHeight) / 2 }));
  // The middle of the scrollbar is the middle of the list.
  await page.waitForFunction((total) => {
    const rows = [...document.querySelectorAll('[role="row"][aria-rowindex]:not([aria-rowindex="1"])')];
    const index = Number(rows[8]?.getAttribute('aria-rowindex'));
    return Math.abs(index - total / 2) < 1000;
  }, TOTAL);
  const middle = Number(await grid(page).locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])').nth(8).getAttribute('aria-rowindex'));
  await rowAt(page, middle).waitFor();
  // Blocks passed over while dragging are not all fetched.
  assert.ok(asked.length < 30, `${asked.length} block requests`);

  // The wheel moves by pixels, as finely as in a short list, and scrolls down to the last row.
  const box = await scroller.boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const before = await firstRenderedTop(page);
  await page.mouse.wheel(0, 70);
  await page.waitForFunction((b) => {
    const row = document.querySelector('[role="row"][aria-rowindex]:not([aria-rowindex="1"])');
    return row !== null && row.getBoundingClientRect().top !== b.top;
  }, before);
  const after = await firstRenderedTop(page);
  assert.ok(Math.abs(after.index * 35 - after.top - (before.index * 35 - before.top) - 70) <= 1, `the wheel moved 70 px: ${JSON.stringify({ before, after })}`);

  // Frames while scrolling with the wheel: measured in the page.
  await page.evaluate(() => {
    const frames: number[] = [];
    (window as unknown as { __frames: number[] }).__frames = frames;
    let last = performance.now();
    const tick = (now: number): void => {
      frames.push(now - last);
      last = now;
      if (frames.length < 400) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  for (let i = 0; i < 60; i += 1) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(16);
  }
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.slice(1));
  const sorted = [...frames].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  t.diagnostic(`wheel scrolling: ${frames.length} frames, median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`);
  assert.ok(p95 < 40, `p95 frame ${p95} ms`);
  // From near the end, the wheel reaches the last row.
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight - el.clientHeight - 100 }));
  for (let i = 0; i < 20; i += 1) await page.mouse.wheel(0, 400);
  await rowAt(page, TOTAL - 1).waitFor();
  await assertFullyVisible(page, rowAt(page, TOTAL - 1));
  await screenshot(page, 'queue-million-fr');
  assert.deepEqual(ws.pageErrors, []);
});

async function firstRenderedTop(page: Page): Promise<{ index: number; top: number }> {
  return page.evaluate(() => {
    const body = document.querySelector('.qt-body')!.getBoundingClientRect();
    const rows = [...document.querySelectorAll('[role="row"][aria-rowindex]:not([aria-rowindex="1"])')];
    const row = rows[0]!;
    return { index: Number(row.getAttribute('aria-rowindex')) - 2, top: row.getBoundingClientRect().top - body.top };
  });
}
