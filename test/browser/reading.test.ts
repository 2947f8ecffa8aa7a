/**
 * Reading the screens, in French and Arabic, with text that goes against the
 * interface's direction and codes the interface does not know: the search
 * extract keeps its match inside the cell in either direction and marks bidi
 * controls; an over-long search is cut to what the core accepts, and said;
 * unknown categories and platforms are marked as such; channel, language and
 * cluster keys are words; an account named by a URL shows; group rows say what
 * they group; signed numbers keep their sign on the left in Arabic; Arabic day
 * counts agree; a right-to-left filter value is cut at its end, not its start.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { utcSeconds, type ReportPayload } from '../../src/intake/contract.ts';
import { startIntakeServer, type IntakeServer } from '../../src/intake/server.ts';
import { SEARCH_MAX_LENGTH } from '../../src/shared/triage.ts';
import { ARTEFACTS, closeBrowser, openWorkstation, screenshot } from './harness.ts';
import { setUpAndSync } from './url-reports.ts';

after(() => closeBrowser());

const ARABIC_FILLER = 'تم نشر هذا المحتوى في عدة مجموعات على الشبكات الاجتماعية وقد شاهده كثير من الناس في المدينة ';
const LATIN_FILLER = 'Le contenu a été publié dans plusieurs groupes et partagé de nombreuses fois par des comptes inconnus ';
/** Words found only in the reports below. */
const ARABIC_WORD = 'زعفرانيات';
const LATIN_WORD = 'mandragoreux';
const RLO_WORD = 'factureurgente';

/** A fresh report, then its next revision with these changes (signed by the service like any other). */
function appendReport(server: IntakeServer, change: (payload: ReportPayload) => ReportPayload): string {
  const at = utcSeconds(Date.now() - 3 * 3_600_000);
  const donor = JSON.parse(server.appendReport({ category: 'fraud', at }).payload) as ReportPayload;
  const next = change({ ...donor, revision: donor.revision + 1, updated_at: utcSeconds(Date.parse(donor.updated_at) + 60_000) });
  server.appendRaw('report', JSON.stringify(next));
  return donor.id;
}

function withContent(payload: ReportPayload, content: Partial<ReportPayload['content']>): ReportPayload {
  const rest: Partial<ReportPayload['content']> = { ...payload.content };
  delete rest.account_handle;
  return { ...payload, content: { ...(rest as ReportPayload['content']), ...content } };
}

function grid(page: Page): Locator {
  return page.locator('[role="grid"]');
}

async function search(page: Page, text: string): Promise<void> {
  const input = page.locator('#q-search-input');
  await input.fill(text);
  await input.press('Enter');
}

/** The mark's box and its cell's box, in CSS pixels. */
async function markInCell(page: Page, word: string): Promise<{ mark: DOMRect; cell: DOMRect; before: DOMRect; text: string }> {
  const mark = grid(page).locator('.q-snippet mark', { hasText: word }).first();
  await mark.waitFor();
  return mark.evaluate((element) => {
    const cell = element.closest('[role="gridcell"]');
    if (!cell) throw new Error('no cell');
    const before = cell.querySelector('.q-snippet-before');
    if (!before) throw new Error('no text before the match');
    return {
      mark: element.getBoundingClientRect().toJSON() as DOMRect,
      cell: cell.getBoundingClientRect().toJSON() as DOMRect,
      before: before.getBoundingClientRect().toJSON() as DOMRect,
      text: element.textContent ?? '',
    };
  });
}

function assertInside(inner: DOMRect, outer: DOMRect, what: string): void {
  assert.ok(inner.width > 0, `${what}: has a size`);
  assert.ok(inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5, `${what}: x ${inner.left}–${inner.right} inside the cell ${outer.left}–${outer.right}`);
}

test('reading: extracts in either direction, long searches, unknown codes in words, Arabic numbers and filter values', async (t) => {
  const server = await startIntakeServer({ seed: 14, count: 40, attachmentFraction: 0 });
  t.after(() => server.close());
  const arabicId = appendReport(server, (p) => withContent(p, { description: `${ARABIC_FILLER.repeat(4)}${ARABIC_WORD} ${ARABIC_FILLER.repeat(3)}`, platform: 'facebook' }));
  const latinId = appendReport(server, (p) => withContent(p, { description: `${LATIN_FILLER.repeat(4)}${LATIN_WORD} ${LATIN_FILLER.repeat(3)}`, platform: 'facebook' }));
  const rloId = appendReport(server, (p) => withContent(p, { description: `Pièce jointe ${RLO_WORD} nommée \u202Efdp.exe\u202C à ne pas ouvrir.`, platform: 'website' }));
  const unknownId = appendReport(server, (p) => ({
    ...withContent(p, { description: 'Paris en ligne sur une application de direct.', platform: 'bigo_live' }),
    category: 'online_gambling',
    channel: 'mobile_web',
    locale: 'en',
  }));
  const group = 'https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv';
  const whatsappIds = [0, 1].map(() => appendReport(server, (p) => withContent(p, { description: 'Groupe qui vend des faux papiers.', platform: 'website', urls: [group] })));
  const accountId = appendReport(server, (p) => withContent(p, { description: 'Compte qui menace des élèves.', platform: 'instagram', urls: ['https://www.instagram.com/menaces.lycee/'] }));

  const ws = await openWorkstation(t);
  const { page } = ws;
  await setUpAndSync(ws, server);
  await page.reload();
  await grid(page).waitFor();

  await t.test('French interface, Arabic text: the match is inside the Extrait cell, with the text before it', async () => {
    await search(page, ARABIC_WORD);
    await grid(page).getByRole('columnheader', { name: 'Extrait' }).waitFor();
    const { mark, cell, before, text } = await markInCell(page, ARABIC_WORD);
    assert.equal(text, ARABIC_WORD);
    assertInside(mark, cell, 'Arabic match in the French interface');
    assert.ok(before.left >= mark.right - 0.5, `what precedes the match is on its right (${before.left} ≥ ${mark.right})`);
    assertInside(before, cell, 'the text before the match');
    // Right to left: what comes before the match shows on its right, inside the cell.
    assert.ok(mark.right < cell.right - 40, `text before the match shows (${mark.right} vs ${cell.right})`);
    const direction = await grid(page).locator('.q-snippet').first().getAttribute('dir');
    assert.equal(direction, 'rtl');
    await screenshot(page, 'reading-extract-arabic-fr');
    assert.ok(arabicId);
  });

  await t.test('the extract marks a right-to-left override, as the report view does', async () => {
    await search(page, RLO_WORD);
    const snippet = grid(page).locator('.q-snippet').first();
    await snippet.locator('mark').waitFor();
    const marks = await snippet.locator('.invisible-mark-bidi').allTextContents();
    assert.deepEqual(marks, ['⟦U+202E RLO⟧', '⟦U+202C PDF⟧']);
    // The override no longer reorders anything: the characters around it read in order.
    assert.match((await snippet.textContent()) ?? '', /RLO.*fdp\.exe.*PDF/);
    assert.ok(rloId);
  });

  await t.test('a 10,000-character paste is cut to what the core accepts, and said; the table stays', async () => {
    await search(page, '');
    const total = (await page.locator('.q-total').textContent()) ?? '';
    assert.match(total, /\d/);
    const input = page.locator('#q-search-input');
    await input.focus();
    await input.fill(`${'arnaque '.repeat(1250)}`);
    assert.equal((await input.inputValue()).length, SEARCH_MAX_LENGTH);
    assert.equal(await input.getAttribute('maxlength'), String(SEARCH_MAX_LENGTH));
    await page.locator('#q-search-limit').filter({ hasText: `limitée à ${SEARCH_MAX_LENGTH} caractères` }).waitFor();
    await input.press('Enter');
    // The query runs: a count, rows or the empty result, never the error with its retry.
    await page.waitForFunction(() => /\d/.test(document.querySelector('.q-total')?.textContent ?? ''));
    assert.equal(await page.getByRole('button', { name: 'Réessayer' }).count(), 0);
    assert.equal(await page.getByText('Les données saisies ne sont pas valides').count(), 0);
    await screenshot(page, 'reading-search-limit-fr');
    await search(page, '');
    assert.equal(await page.locator('#q-search-limit').count(), 0);
  });

  await t.test('unknown codes shown verbatim and marked as unknown, in the queue and the report view', async () => {
    await search(page, unknownId);
    const row = grid(page).locator('[role="row"]', { hasText: unknownId });
    await row.waitFor();
    await row.getByText('online_gambling (catégorie inconnue)').waitFor();
    await row.getByText('bigo_live (plateforme inconnue)').waitFor();
    await row.locator('.q-id-button').click();
    const panel = page.locator('.rp-category');
    await panel.filter({ hasText: 'online_gambling (catégorie inconnue)' }).waitFor();
    const content = page.locator('.rp-facts').first();
    await content.getByText('bigo_live (plateforme inconnue)').waitFor();
    // Channel and language in words.
    await content.getByText('Formulaire web sur mobile · anglais').waitFor();
    assert.equal(await content.getByText('mobile_web').count(), 0);
    await screenshot(page, 'reading-unknown-codes-fr');
    await page.keyboard.press('Escape');
  });

  await t.test('the account a reported URL names shows under "Compte"', async () => {
    await search(page, accountId);
    const row = grid(page).locator('[role="row"]', { hasText: accountId });
    await row.locator('.q-id-button').click();
    const fact = page.locator('.rp-facts').first().locator('div', { has: page.locator('dt', { hasText: /^Compte$/ }) });
    await fact.getByText('menaces.lycee').waitFor();
    await fact.getByText('(d’après le lien signalé)').waitFor();
    await page.keyboard.press('Escape');
  });

  await t.test('group rows say what they group, with agreement; the trail names the content', async () => {
    await search(page, '');
    await page.getByRole('button', { name: 'Groupes', exact: true }).click();
    await search(page, whatsappIds[0]!);
    // The first group once the search's answer is shown (the list before it may still be on screen for a moment).
    const cell = grid(page).locator('.q-cluster-group').first();
    await page.waitForFunction(() => document.querySelectorAll('.q-cluster-group').length === 1, undefined, { timeout: 10_000 });
    assert.equal(await cell.textContent(), 'Groupe WhatsApp · 2 signalements, dont 1 correspond aux filtres');
    // Into the group: the trail names its content, not "Groupe n° 12".
    await grid(page).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    const trail = page.getByRole('navigation', { name: "Fil d'Ariane" });
    await trail.getByText('Contenu : Groupe WhatsApp').waitFor();
    assert.doesNotMatch((await trail.textContent()) ?? '', /n° \d/);
    await trail.getByRole('button').click();
    await cell.waitFor();
    await search(page, 'faux papiers');
    await grid(page).locator('.q-cluster-group', { hasText: 'Groupe WhatsApp · 2 signalements' }).first().waitFor();
    await page.getByRole('button', { name: 'Signalements', exact: true }).click();
  });

  await t.test('the dashboard names cluster contents in words, on the platform they are on', async () => {
    await search(page, '');
    await page.keyboard.press('Alt+2');
    const table = page.locator('.dash-clusters');
    await table.waitFor();
    const row = table.locator('tr', { hasText: 'Groupe WhatsApp' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /WhatsApp/);
    assert.doesNotMatch((await row.textContent()) ?? '', /Site web/);
    assert.equal(await table.getByText(/whatsapp:group:|url:hxxp|telegram:invite:/).count(), 0);
    await table.screenshot({ path: join(ARTEFACTS, 'reading-dashboard-clusters-fr.png') });
    // An unknown category in the charts' words (their spoken summaries and legends): verbatim, isolated, marked.
    const text = await page.locator('main').evaluate((element) => (element as HTMLElement).innerText + [...element.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')).join(' '));
    assert.ok(text.includes('\u2068online_gambling\u2069 (catégorie inconnue)'), 'the unknown category is named as such on the dashboard');
    assert.doesNotMatch(text, /(^|[^\u2068])online_gambling(?!\u2069 \(catégorie inconnue\))/);
  });

  await t.test('Arabic interface: Latin text centred on its match; signed numbers; day counts; a right-to-left filter value', async () => {
    await page.keyboard.press('Alt+1');
    await grid(page).waitFor();
    await page.getByRole('button', { name: /العربية/ }).first().click();
    await grid(page).getByRole('columnheader', { name: 'الأولوية' }).waitFor();
    await search(page, LATIN_WORD);
    const { mark, cell, before } = await markInCell(page, LATIN_WORD);
    assertInside(mark, cell, 'Latin match in the Arabic interface');
    assert.ok(before.right <= mark.left + 0.5, `what precedes the match is on its left (${before.right} ≤ ${mark.left})`);
    assertInside(before, cell, 'the text before the match');
    assert.ok(mark.left > cell.left + 40, `text before the match shows (${mark.left} vs ${cell.left})`);
    assert.equal(await grid(page).locator('.q-snippet').first().getAttribute('dir'), 'ltr');
    // The query runs left to right in a right-to-left field: the '/' hint is gone, not drawn over its first letters.
    await grid(page).focus();
    assert.equal(await page.locator('.q-search-kbd').isVisible(), false, 'the search hint leaves a field in use');
    await screenshot(page, 'reading-extract-latin-ar');
    assert.ok(latinId);

    // The priority reasons' points: "+N" with its sign on the left, in an Arabic sentence.
    await grid(page).locator('.q-id-button').first().click();
    const points = page.locator('.rp-points').first();
    await points.waitFor();
    const order = await points.evaluate((element) => {
      const node = element.firstChild;
      if (!node || node.nodeType !== Node.TEXT_NODE) throw new Error('no text');
      const text = node.textContent ?? '';
      const plus = text.indexOf('+');
      const range = document.createRange();
      range.setStart(node, plus);
      range.setEnd(node, plus + 1);
      const sign = range.getBoundingClientRect();
      range.setStart(node, plus + 1);
      range.setEnd(node, text.length);
      const digits = range.getBoundingClientRect();
      return { sign: sign.left, digits: digits.left, text };
    });
    assert.ok(order.sign < order.digits, `"${order.text}": the sign left of the digits (${order.sign} < ${order.digits})`);
    await screenshot(page, 'reading-report-ar');
    await page.keyboard.press('Escape');

    // Day counts agree with the number (Arabic plural rules: 3–10 أيام, 11–99 يومًا, 100+ يوم…).
    await search(page, '');
    await grid(page).locator('.q-overdue').first().waitFor();
    const overdue = await grid(page).locator('.q-overdue').allTextContents();
    const rules = new Intl.PluralRules('ar-MA');
    let checked = 0;
    for (const text of overdue) {
      const match = /(\d+) (يومًا|أيام|يوم)/u.exec(text);
      if (!match) continue;
      const expected = { few: 'أيام', many: 'يومًا', other: 'يوم' }[rules.select(Number(match[1])) as 'few' | 'many' | 'other'];
      if (expected) assert.equal(match[2], expected, text);
      checked += 1;
    }
    assert.ok(checked > 0, overdue.join(' | '));

    // A long Arabic search value in the French interface's chip is cut at its end (the left), its start shows.
    await page.getByRole('button', { name: /Français/ }).first().click();
    await grid(page).getByRole('columnheader', { name: 'Priorité' }).waitFor();
    const long = `${ARABIC_FILLER}${ARABIC_FILLER}`.trim();
    await search(page, long);
    const value = page.locator('.q-chip bdi.q-chip-value').first();
    await value.waitFor();
    const cut = await value.evaluate((element) => {
      const node = element.firstChild;
      if (!node) throw new Error('no text');
      const range = document.createRange();
      range.setStart(node, 0);
      range.setEnd(node, 3);
      const first = range.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      return { first: first.toJSON() as DOMRect, box: box.toJSON() as DOMRect, overflowing: element.scrollWidth > element.clientWidth, direction: getComputedStyle(element).direction };
    });
    assert.equal(cut.direction, 'rtl');
    assert.ok(cut.overflowing, 'the value is longer than its chip');
    assertInside(cut.first, cut.box, 'the first letters of the value');
    await screenshot(page, 'reading-chip-fr');

    // The dashboard's groups in Arabic: the content in words, on its platform.
    await search(page, '');
    await page.getByRole('button', { name: /العربية/ }).first().click();
    await page.keyboard.press('Alt+2');
    const row = page.locator('.dash-clusters tr', { hasText: 'مجموعة واتساب' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /واتساب/);
    await page.locator('.dash-clusters').screenshot({ path: join(ARTEFACTS, 'reading-dashboard-clusters-ar.png') });
  });
});
