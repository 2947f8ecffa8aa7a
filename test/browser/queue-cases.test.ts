/**
 * Cases from the queue and the report panel, in Chromium against the real
 * core: a store synced from the reference intake service, then `n` makes a
 * case of the selected reports, the case column and the "in a case" filter
 * show it, `a` adds a report (one claimed by another workstation: its status
 * stays), a cluster becomes a case, and the report panel lists its cases and
 * its observables (defanged, inert), one of which filters the queue. French,
 * then Arabic.
 */
import assert from 'node:assert/strict';
import { after, test, type TestContext } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startIntakeServer } from '../../src/intake/server.ts';
import { SUPERVISOR, value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, screenshot, type Workstation } from './harness.ts';

after(() => closeBrowser());

const REPORTS = 600;
const CASE_REF = /DOS-\d{4}-WSRABAT03-\d{5}/;

async function openQueue(t: TestContext): Promise<Workstation> {
  const server = await startIntakeServer({ seed: 5, count: REPORTS, attachmentFraction: 0 });
  t.after(() => server.close());
  const ws = await openWorkstation(t);
  await value(ws.core, 'session.setup', SUPERVISOR);
  await value(ws.core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await value(ws.core, 'sync.start');
  await ws.core.syncIdle();
  // The feed has reports claimed by other workstations already.
  const claimed = ws.core.unlockedStore().db.prepare("SELECT count(*) FROM reports WHERE status = 'in_analysis' AND status_workstation <> 'ws-rabat-03'").pluck().get() as number;
  assert.ok(claimed > 0, 'reports claimed elsewhere');
  await ws.page.reload();
  await grid(ws.page).waitFor();
  await ws.page.getByRole('button', { name: 'Filtres', exact: true }).click();
  return ws;
}

function grid(page: Page): Locator {
  return page.locator('[role="grid"]');
}

function rowAt(page: Page, index: number): Locator {
  return grid(page).locator(`[role="row"][aria-rowindex="${index + 2}"]:not([aria-busy])`);
}

async function rowId(row: Locator): Promise<string> {
  const text = (await row.locator('.q-id-button').textContent()) ?? '';
  const id = /IBL-\d{4}-\d{7}/.exec(text)?.[0];
  assert.ok(id, `a report id in ${text}`);
  return id;
}

async function shownTotal(page: Page): Promise<number> {
  return Number(((await page.locator('.q-total').textContent()) ?? '').replace(/[^\d]/g, ''));
}

async function waitTotal(page: Page, total: number): Promise<void> {
  try {
    await page.waitForFunction((n) => Number((document.querySelector('.q-total')?.textContent ?? '').replace(/[^\d]/g, '')) === n, total, { timeout: 10_000 });
  } catch (error) {
    await screenshot(page, 'queue-cases-failure');
    throw new Error(`total ${await shownTotal(page)}, not ${total}`, { cause: error });
  }
}

/** The live count beside a filter option. */
async function optionCount(option: Locator): Promise<number> {
  return Number(((await option.locator('xpath=..').locator('.qf-count').textContent()) ?? '').replace(/[^\d]/g, ''));
}

async function waitOptionCount(page: Page, label: string, count: number): Promise<void> {
  await page.waitForFunction(
    ([text, n]) => {
      const option = [...document.querySelectorAll('.qf-option')].find((l) => l.querySelector('.qf-label')?.textContent === text);
      return Number((option?.querySelector('.qf-count')?.textContent ?? '').replace(/[^\d]/g, '')) === n;
    },
    [label, count] as const,
  );
}

function statusOf(ws: Workstation, id: string): { status: string; status_workstation: string | null } {
  return ws.core.unlockedStore().db.prepare('SELECT status, status_workstation FROM reports WHERE id = ?').get(id) as { status: string; status_workstation: string | null };
}

test('cases from the queue: n, a, the case column and filter, a cluster, the report panel, observables', async (t) => {
  const ws = await openQueue(t);
  const { page } = ws;
  // Every report, finished ones too: the counts below are over the whole store.
  await page.getByRole('button', { name: 'Retirer le filtre Signalements ouverts uniquement' }).click();
  await waitTotal(page, REPORTS);
  const panel = page.getByRole('complementary', { name: 'Filtres' });
  let caseRef = '';
  let caseIds: string[] = [];

  await t.test('the shortcuts help lists n and a', async () => {
    await grid(page).focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Raccourcis clavier' });
    await help.getByText('Nouveau dossier à partir de la sélection, de la ligne active ou du groupe').waitFor();
    await help.getByText('Ajouter la sélection ou la ligne active à un dossier').waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  await t.test('n: a new case from three selected reports', async () => {
    // Nothing is in a case yet.
    const inCase = panel.getByRole('checkbox', { name: /^Dans un dossier/ });
    await waitOptionCount(page, 'Dans un dossier', 0);
    await waitOptionCount(page, 'Hors dossier', REPORTS);
    await rowAt(page, 0).waitFor();
    await grid(page).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.getByText('Sélection : 3').waitFor();
    const selected = grid(page).locator('[role="row"][aria-selected="true"]');
    caseIds = await Promise.all([0, 1, 2].map((i) => rowId(selected.nth(i))));
    const received = caseIds.filter((id) => statusOf(ws, id).status === 'received');
    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'Nouveau dossier' });
    await dialog.waitFor();
    await dialog.getByText('Le dossier réunira 3 signalements.').waitFor();
    const title = dialog.getByLabel('Titre du dossier');
    const suggested = await title.inputValue();
    assert.ok(suggested.length >= 3 && ![...suggested].some((ch) => ch < ' ' || /[\u202a-\u202e\u2066-\u2069]/.test(ch)), `suggested title: ${suggested}`);
    assert.ok(!/https?:\/\//.test(suggested), 'a host in a suggested title stays defanged');
    // The confirmation says which statuses change.
    if (received.length > 0) await dialog.locator('.cl-claim-note').getByText(new RegExp(`^${received.length} signalements? encore « reçus? » ser(a|ont) pris en charge par ce poste`)).waitFor();
    await screenshot(page, 'queue-new-case-fr');
    // Too short a title is refused before the core is asked.
    await title.fill('ab');
    await dialog.getByRole('button', { name: 'Créer le dossier' }).click();
    await dialog.getByText(/Un titre de 3 à 200 caractères/).waitFor();
    await title.fill('Escroquerie au faux support bancaire');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const notice = page.locator('.q-case-outcome');
    await notice.getByText(/créé avec 3 signalements/).waitFor();
    caseRef = CASE_REF.exec((await notice.textContent()) ?? '')?.[0] ?? '';
    assert.ok(caseRef, 'the new case reference is said');
    // The reference is an inert, left-to-right isolate.
    assert.equal(await notice.locator('bdi[dir="ltr"]').filter({ hasText: caseRef }).count(), 1);
    const view = await value(ws.core, 'cases.get', { ref: caseRef });
    assert.deepEqual([...view.reportIds].sort(), [...caseIds].sort());
    assert.equal(view.title, 'Escroquerie au faux support bancaire');
    for (const id of received) assert.equal(statusOf(ws, id).status, 'in_analysis', `${id} claimed by the core`);
    assert.equal(await grid(page).locator('[aria-selected="true"]').count(), 0, 'selection cleared');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'grid', 'the keyboard back in the grid');
    await waitOptionCount(page, 'Dans un dossier', 3);
    await waitOptionCount(page, 'Hors dossier', REPORTS - 3);
    assert.equal(await optionCount(inCase), 3);
  });

  await t.test('the case column and the "in a case" filter', async () => {
    await page.getByRole('button', { name: 'Colonnes', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Dossier', exact: true }).check();
    await page.keyboard.press('Escape');
    await grid(page).getByRole('columnheader', { name: 'Dossier' }).waitFor();
    for (const id of caseIds) {
      const cell = grid(page).locator('[role="row"]', { hasText: id }).locator('.q-cases');
      await cell.waitFor();
      assert.equal(await cell.locator('bdi[dir="ltr"]').first().textContent(), caseRef);
    }
    await panel.getByRole('checkbox', { name: /^Dans un dossier/ }).check();
    await waitTotal(page, 3);
    await page.locator('.q-chip').filter({ hasText: 'Dans un dossier' }).waitFor();
    // The two options exclude each other.
    await panel.getByRole('checkbox', { name: /^Hors dossier/ }).check();
    await waitTotal(page, REPORTS - 3);
    assert.equal(await panel.getByRole('checkbox', { name: /^Dans un dossier/ }).isChecked(), false);
    await page.getByRole('button', { name: 'Retirer le filtre Hors dossier' }).click();
    await waitTotal(page, REPORTS);
  });

  await t.test('a: a report claimed by another workstation added to the case, its status kept', async () => {
    const claimedOption = panel.getByRole('checkbox', { name: /^Pris en charge par un autre poste/ });
    const claimed = await optionCount(claimedOption);
    await claimedOption.check();
    await waitTotal(page, claimed);
    await rowAt(page, 0).waitFor();
    const claimedByOther = await rowId(rowAt(page, 0));
    const before = statusOf(ws, claimedByOther);
    assert.equal(before.status, 'in_analysis');
    assert.notEqual(before.status_workstation, 'ws-rabat-03');
    await rowAt(page, 0).click();
    await grid(page).focus();
    await page.keyboard.press('a');
    const dialog = page.getByRole('dialog', { name: 'Ajouter le signalement à un dossier' });
    await dialog.waitFor();
    await dialog.getByText('1 signalement est pris en charge par un autre poste').waitFor();
    await dialog.getByText("Aucun signalement n'est encore « reçu » : aucun statut ne change.").waitFor();
    const option = dialog.getByRole('radio', { name: new RegExp(caseRef) });
    await option.waitFor();
    // The filter narrows the list; Enter adds to the first case shown.
    await dialog.getByLabel('Filtrer les dossiers').fill('faux support');
    assert.equal(await dialog.getByRole('radio').count(), 1);
    await dialog.getByLabel('Filtrer les dossiers').fill('rien de tel');
    await dialog.getByText('Aucun dossier ne correspond.').waitFor();
    await dialog.getByLabel('Filtrer les dossiers').fill(caseRef.slice(-5));
    await screenshot(page, 'queue-add-to-case-fr');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.q-case-outcome').getByText(/1 signalement ajouté au dossier/).waitFor();
    const view = await value(ws.core, 'cases.get', { ref: caseRef });
    assert.ok(view.reportIds.includes(claimedByOther));
    assert.deepEqual(statusOf(ws, claimedByOther), before);
    await page.getByRole('button', { name: 'Tout effacer' }).click();
    await waitTotal(page, REPORTS);
    await waitOptionCount(page, 'Dans un dossier', 4);
  });

  let observableReports = 0;
  let observableValue = '';
  await t.test('the report panel: its cases and its observables, defanged; an observable filters the queue', async () => {
    const id = caseIds[0] ?? '';
    await grid(page).locator('[role="row"]', { hasText: id }).getByRole('button', { name: `Ouvrir le signalement ${id}` }).click();
    const report = page.locator('.report-panel');
    await report.getByRole('heading', { level: 2 }).filter({ hasText: id }).waitFor();
    const cases = report.getByRole('region', { name: 'Dossiers' });
    await cases.getByText(caseRef).waitFor();
    await cases.getByText('Escroquerie au faux support bancaire').waitFor();
    await cases.getByText('Ouvert').waitFor();
    const observables = report.getByRole('region', { name: 'Observables' });
    const items = observables.locator('.cl-obs');
    await items.first().waitFor();
    const expected = await value(ws.core, 'observables.list', { reportId: id });
    assert.equal(await items.count(), expected.length);
    // Never a link; URLs, domains and e-mails defanged.
    assert.equal(await report.locator('a').count(), 0);
    const shown = (await observables.locator('.cl-obs-value').allTextContents()).join('\n');
    for (const row of expected) {
      if (['url', 'domain', 'email'].includes(row.type)) {
        assert.ok(!shown.includes(row.value), `${row.value} not shown as is`);
        assert.match(shown, /\[\.\]/);
      }
    }
    assert.ok(!/https?:\/\//.test(shown), 'no live scheme');
    await observables.getByText(/vu dans \d+ signalements? et \d+ dossiers?/).first().waitFor();
    await report.locator('.rp-observables').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'report-cases-observables-fr');
    // The observable seen in most reports filters the queue.
    const best = [...expected].sort((a, b) => b.seenInReports - a.seenInReports)[0];
    assert.ok(best, 'an observable');
    observableReports = best.seenInReports;
    const item = items.nth(expected.indexOf(best));
    observableValue = ((await item.locator('.cl-obs-value').textContent()) ?? '').trim();
    await item.getByRole('button', { name: /^Afficher dans la file les signalements contenant/ }).click();
    await waitTotal(page, observableReports);
    const chip = page.locator('.q-chip').filter({ hasText: observableValue });
    await chip.waitFor();
    assert.equal(await chip.locator('bdi[dir="ltr"]').textContent(), observableValue);
    await screenshot(page, 'queue-observable-filter-fr');
  });

  await t.test('the report panel adds its report to a case', async () => {
    // A report outside every case. The report panel shares the side with the filters: closed first.
    await page.locator('.report-panel').getByRole('button', { name: 'Fermer' }).click();
    await page.getByRole('button', { name: 'Tout effacer' }).click();
    await waitTotal(page, REPORTS);
    await panel.getByRole('checkbox', { name: /^Hors dossier/ }).check();
    await waitTotal(page, REPORTS - 4);
    await rowAt(page, 0).waitFor();
    const id = await rowId(rowAt(page, 0));
    await rowAt(page, 0).getByRole('button', { name: `Ouvrir le signalement ${id}` }).click();
    const report = page.locator('.report-panel');
    await report.getByRole('heading', { level: 2 }).filter({ hasText: id }).waitFor();
    const cases = report.getByRole('region', { name: 'Dossiers' });
    await cases.getByText('Ce signalement ne figure dans aucun dossier.').waitFor();
    await cases.getByRole('button', { name: 'Ajouter à un dossier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ajouter le signalement à un dossier' });
    await dialog.getByRole('radio', { name: new RegExp(caseRef) }).check();
    await dialog.getByRole('button', { name: 'Ajouter', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await cases.locator('.cl-case-item').filter({ hasText: caseRef }).waitFor();
    await cases.getByRole('status').filter({ hasText: 'Signalement ajouté au dossier' }).waitFor();
    // The queue follows: the report left "outside every case".
    await waitTotal(page, REPORTS - 5);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Tout effacer' }).click();
    await waitTotal(page, REPORTS);
  });

  await t.test('n on a cluster row: the whole cluster becomes a case', async () => {
    await page.getByRole('button', { name: 'Groupes', exact: true }).click();
    await page.locator('.q-total').filter({ hasText: /groupes/ }).waitFor();
    await rowAt(page, 0).waitFor();
    // The first group of several reports that holds none of the case's yet.
    const query = await value(ws.core, 'queue.query', { grouping: 'clusters', filters: { inCase: false }, limit: 500, facets: false });
    const cluster = query.rows.find((row) => row.clusterSize > 1 && row.clusterMatches === row.clusterSize);
    assert.ok(cluster, 'a cluster of several reports outside any case');
    await grid(page).focus();
    await page.keyboard.press('Home');
    // Walk down to it (rows are sorted the same way in the grid).
    const all = await value(ws.core, 'queue.query', { grouping: 'clusters', limit: 500, facets: false });
    const at = all.rows.findIndex((row) => row.clusterId === cluster.clusterId);
    assert.ok(at >= 0);
    for (let i = 0; i < at; i += 1) await page.keyboard.press('j');
    await rowAt(page, at).waitFor();
    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'Nouveau dossier' });
    await dialog.getByText(`Le dossier réunira les ${cluster.clusterSize} signalements de ce groupe.`).waitFor();
    await dialog.getByRole('button', { name: 'Créer le dossier' }).click();
    await dialog.waitFor({ state: 'detached' });
    const notice = page.locator('.q-case-outcome');
    await notice.getByText(new RegExp(`créé avec ${cluster.clusterSize} signalements`)).waitFor();
    const ref = CASE_REF.exec((await notice.textContent()) ?? '')?.[0] ?? '';
    assert.ok(ref && ref !== caseRef);
    const view = await value(ws.core, 'cases.get', { ref });
    assert.equal(view.reports, cluster.clusterSize);
    await page.getByRole('button', { name: 'Signalements', exact: true }).click();
    await waitTotal(page, REPORTS);
    await waitOptionCount(page, 'Dans un dossier', 5 + cluster.clusterSize);
  });

  await t.test('in Arabic: the case column, the filter, the dialogs and the report panel', async () => {
    await page.getByRole('button', { name: 'العربية' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'قائمة البلاغات' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    const filters = page.getByRole('complementary', { name: 'عوامل التصفية' });
    await filters.getByRole('checkbox', { name: /^ضمن قضية/ }).check();
    await page.locator('.q-chip').filter({ hasText: 'ضمن قضية' }).waitFor();
    await grid(page).getByRole('columnheader', { name: 'القضية' }).waitFor();
    await rowAt(page, 0).waitFor();
    // References stay left to right inside the mirrored grid.
    assert.equal(await rowAt(page, 0).locator('.q-cases bdi').first().getAttribute('dir'), 'ltr');
    await screenshot(page, 'queue-cases-ar');
    await grid(page).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('a');
    const dialog = page.getByRole('dialog', { name: 'إضافة البلاغ إلى قضية' });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: new RegExp(caseRef) }).waitFor();
    await screenshot(page, 'queue-add-to-case-ar');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const id = await rowId(rowAt(page, 0));
    await rowAt(page, 0).getByRole('button', { name: new RegExp(id) }).click();
    const report = page.locator('.report-panel');
    await report.getByRole('heading', { level: 2 }).filter({ hasText: id }).waitFor();
    await report.getByRole('region', { name: 'القضايا' }).locator('.cl-case-item').first().waitFor();
    const observables = report.getByRole('region', { name: 'المؤشرات' });
    await observables.locator('.cl-obs').first().waitFor();
    await observables.getByText(/^ورد في /).first().waitFor();
    assert.equal(await observables.locator('.cl-obs-value').first().getAttribute('dir'), 'ltr');
    await report.locator('.rp-cases').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'report-cases-observables-ar');
    await page.keyboard.press('Escape');
  });

  assert.ok(observableReports > 0 && observableValue.length > 0);
  assert.ok((await shownTotal(page)) > 0);
  assert.deepEqual(ws.foreignRequests, []);
  assert.deepEqual(ws.pageErrors, []);
});
