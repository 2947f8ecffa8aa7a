/**
 * Status safety as an analyst meets it (issue 14), in Chromium against the
 * real core and the reference intake service: from the queue, `c` on reports
 * one of which another workstation analyses says how many and asks; closing
 * from the queue and from the report view asks for a reason ("....." is
 * refused with the rule's message, French and Arabic); every status set is
 * followed by an undo that works; the reveal form applies the same rule.
 * Screenshots in French and Arabic (test-results/screenshots/status-*).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startIntakeServer } from '../../src/intake/server.ts';
import { SUPERVISOR, value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, screenshot, type Workstation } from './harness.ts';

after(() => closeBrowser());

const WORD = 'quokkaserein';
const OTHER_WORD = 'wombatcalme';
const REASON_FR = 'Aucune infraction constatée après vérification';
const REASON_AR = 'بلاغ مكرر لبلاغ سابق';

function statusOf(ws: Workstation, id: string): { status: string; status_workstation: string | null; status_reference: string | null } {
  return ws.core.unlockedStore().db.prepare('SELECT status, status_workstation, status_reference FROM reports WHERE id = ?').get(id) as {
    status: string;
    status_workstation: string | null;
    status_reference: string | null;
  };
}

async function search(page: Page, text: string): Promise<void> {
  await page.locator('[role="grid"]').focus();
  await page.keyboard.press('/');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Waits for the grid to show exactly these report ids. */
async function waitRows(page: Page, ids: readonly string[]): Promise<void> {
  await page.waitForFunction((wanted) => {
    const rows = [...document.querySelectorAll('[role="grid"] [role="row"][aria-rowindex]')].filter((row) => row.querySelector('[role="gridcell"]'));
    return rows.length === wanted.length && wanted.every((id) => rows.some((row) => row.textContent?.includes(id)));
  }, ids);
}

test('statuses ask first (held elsewhere, closing reason), every one can be undone; French and Arabic', async (t) => {
  const server = await startIntakeServer({ seed: 7, count: 60, attachments: 0 });
  t.after(() => server.close());
  const base = JSON.parse(server.appendReport({ category: 'terrorism_incitement', imminentDanger: true }).payload) as Record<string, unknown> & { content: Record<string, unknown> };
  const ids = [1, 2, 3].map((n) => {
    const id = `IBL-2026-99100${String(n).padStart(2, '0')}`;
    server.appendRaw('report', JSON.stringify({ ...base, id, revision: 1, content: { ...base.content, description: `Appel à la violence ${WORD} numéro ${n}` } }));
    return id;
  });
  const [held, b, c] = ids as [string, string, string];
  // Another open report, found by another word (closed reports leave the default view, which shows open work).
  const open = 'IBL-2026-9910009';
  server.appendRaw('report', JSON.stringify({ ...base, id: open, revision: 1, content: { ...base.content, description: `Menace ${OTHER_WORD} contre une école` } }));
  server.appendStatus({ reportId: held, status: 'in_analysis', workstationId: 'ws-casa-02', acceptedAt: new Date().toISOString() });

  const ws = await openWorkstation(t);
  await value(ws.core, 'session.setup', SUPERVISOR);
  await value(ws.core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await value(ws.core, 'sync.start');
  await ws.core.syncIdle();
  assert.equal(statusOf(ws, held).status_workstation, 'ws-casa-02');
  const { page } = ws;
  await page.reload();
  await page.locator('[role="grid"]').waitFor();

  await t.test('c on three reports, one held elsewhere: says how many and where, leaves it by default; undo', async () => {
    await search(page, WORD);
    await waitRows(page, ids);
    await page.locator('[role="grid"]').focus();
    await page.keyboard.press('Control+a');
    await page.getByText('Sélection : 3').waitFor();
    // A new case from them says the same, counted by the core (loaded rows or not), and changes nothing until confirmed.
    await page.keyboard.press('n');
    const newCase = page.getByRole('dialog', { name: 'Nouveau dossier' });
    await newCase.getByText('1 signalement est pris en charge par un autre poste').waitFor();
    await newCase.getByRole('button', { name: 'Annuler' }).click();
    await newCase.waitFor({ state: 'detached' });
    await page.getByText('Sélection : 3').waitFor();
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'Statut « En analyse »' });
    await dialog.waitFor();
    await dialog.getByText('1 de ces signalements est pris en charge par un autre poste').waitFor();
    assert.match((await dialog.textContent()) ?? '', /ws-casa-02/);
    assert.equal(await dialog.getByRole('radio', { name: /Les laisser à l’autre poste/ }).isChecked(), true);
    await screenshot(page, 'status-held-elsewhere-fr');
    // Nothing changed while the question is asked.
    assert.equal(statusOf(ws, b).status, 'received');
    await dialog.getByRole('button', { name: 'Appliquer' }).click();
    const toast = page.locator('.undo-toast');
    await toast.filter({ hasText: '2 signalements pris en charge' }).waitFor();
    assert.equal(statusOf(ws, held).status_workstation, 'ws-casa-02', 'left to the other workstation');
    assert.equal(statusOf(ws, b).status, 'in_analysis');
    assert.equal(statusOf(ws, c).status, 'in_analysis');
    await screenshot(page, 'status-undo-toast-fr');
    await toast.getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('status').filter({ hasText: 'Annulé' }).waitFor();
    assert.equal(statusOf(ws, b).status, 'received');
    assert.equal(statusOf(ws, c).status, 'received');
    assert.equal(statusOf(ws, held).status_workstation, 'ws-casa-02');
  });

  await t.test('closing from the queue asks a reason: "....." refused with the rule, then taken over on purpose', async () => {
    await page.locator('[role="grid"]').focus();
    await page.keyboard.press('Control+a');
    await page.getByText('Sélection : 3').waitFor();
    await page.keyboard.press('s');
    await page.getByRole('menu', { name: 'Changer le statut' }).getByRole('menuitem', { name: 'Classé sans suite' }).click();
    const dialog = page.getByRole('dialog', { name: 'Statut « Classé sans suite »' });
    await dialog.waitFor();
    const reason = dialog.getByRole('textbox', { name: 'Motif (obligatoire)' });
    await reason.fill('.....');
    await dialog.getByRole('button', { name: 'Appliquer' }).click();
    await dialog.getByText('Donnez le motif en quelques mots : au moins 3 mots ou 10 lettres').waitFor();
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'status-close-reason-refused-fr');
    for (const id of ids) assert.notEqual(statusOf(ws, id).status, 'closed_no_action');
    await reason.fill(REASON_FR);
    await dialog.getByRole('radio', { name: /Les reprendre aussi/ }).check();
    await dialog.getByRole('button', { name: 'Prendre quand même' }).click();
    await page.locator('.undo-toast').filter({ hasText: '3 signalements : statut « Classé sans suite » enregistré' }).waitFor();
    for (const id of ids) assert.deepEqual(statusOf(ws, id), { status: 'closed_no_action', status_workstation: 'ws-rabat-03', status_reference: REASON_FR });
  });

  await t.test('Arabic: the report view asks the reason, says the rule in Arabic, and undoes', async () => {
    await value(ws.core, 'preferences.update', { locale: 'ar' });
    await page.reload();
    await page.locator('[role="grid"]').waitFor();
    await search(page, OTHER_WORD);
    await waitRows(page, [open]);
    await page.locator('[role="grid"]').focus();
    await page.keyboard.press('Home');
    // The queue's question in Arabic: the reason and the rule, right to left; cancelled, nothing changes.
    await page.keyboard.press('s');
    await page.getByRole('menu', { name: 'تغيير الحالة' }).getByRole('menuitem', { name: 'حُفظ دون متابعة' }).click();
    const ask = page.getByRole('dialog', { name: 'الحالة «حُفظ دون متابعة»' });
    await ask.getByRole('textbox', { name: 'السبب (إلزامي)' }).fill('...');
    await ask.getByRole('button', { name: 'تطبيق' }).click();
    await ask.getByText('اذكر السبب في بضع كلمات', { exact: false }).waitFor();
    await screenshot(page, 'status-queue-dialog-ar');
    await ask.getByRole('button', { name: 'إلغاء' }).click();
    await ask.waitFor({ state: 'detached' });
    assert.equal(statusOf(ws, open).status, 'received');
    await page.locator('[role="grid"]').focus();
    await page.keyboard.press('Enter');
    const panel = page.locator('.report-panel');
    await panel.getByText(open).first().waitFor();
    const id = open;
    await panel.getByRole('button', { name: 'تغيير الحالة' }).click();
    await panel.getByRole('combobox', { name: 'الحالة الجديدة' }).selectOption('duplicate');
    const reason = panel.getByRole('textbox', { name: 'السبب (إلزامي)' });
    await reason.fill('مممممممممم');
    await panel.getByRole('button', { name: 'تطبيق' }).click();
    await panel.getByText('اذكر السبب في بضع كلمات: ثلاث كلمات أو عشرة أحرف على الأقل').waitFor();
    await screenshot(page, 'status-close-reason-refused-ar');
    assert.equal(statusOf(ws, id).status, 'received');
    await reason.fill(REASON_AR);
    await panel.getByRole('button', { name: 'تطبيق' }).click();
    const toast = panel.locator('.undo-toast');
    await toast.waitFor();
    assert.deepEqual(statusOf(ws, id), { status: 'duplicate', status_workstation: 'ws-rabat-03', status_reference: REASON_AR });
    await screenshot(page, 'status-undo-toast-ar');
    // The toast reads right to left: its button sits at the inline end, left of the text.
    const [textBox, buttonBox] = await Promise.all([toast.locator('p').boundingBox(), toast.getByRole('button', { name: 'تراجع' }).boundingBox()]);
    assert.ok(textBox && buttonBox && buttonBox.x + buttonBox.width <= textBox.x + 1, `button ${JSON.stringify(buttonBox)} left of text ${JSON.stringify(textBox)}`);
    await toast.getByRole('button', { name: 'تراجع' }).click();
    await panel.getByRole('status').filter({ hasText: 'أُلغي التغيير' }).waitFor();
    assert.equal(statusOf(ws, id).status, 'received');
  });

  assert.deepEqual(ws.pageErrors, []);
  assert.deepEqual(ws.foreignRequests, []);
});
