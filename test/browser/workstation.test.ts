/**
 * The workstation as an analyst meets it: the real renderer in Chromium,
 * against the real core and an encrypted store in a temporary folder.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ANALYST, SUPERVISOR } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, screenshot, type Workstation, setUpSupervisor } from './harness.ts';

after(() => closeBrowser());

async function unlock(page: Page, passphrase: string, name: string = SUPERVISOR.name): Promise<void> {
  await page.getByLabel('Nom de connexion', { exact: true }).fill(name);
  await page.getByLabel('Phrase secrète', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
}

function assertClean(ws: Workstation): void {
  assert.deepEqual(ws.foreignRequests, [], 'no request leaves the page');
  assert.deepEqual(ws.pageErrors, [], 'no error in the page');
}

test('first run: the analyst creates the supervisor profile and lands in the workstation', async (t) => {
  const ws = await openWorkstation(t);
  const { page } = ws;
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  await screenshot(page, 'setup-fr');

  // A weak passphrase is judged live and refused.
  await page.getByLabel('Phrase secrète', { exact: true }).fill('azerty123');
  await page.getByRole('meter', { name: 'Robustesse de la phrase secrète' }).waitFor();
  await page.getByText(/12 caractères au minimum/).waitFor();

  await setUpSupervisor(page);
  await page.getByText(SUPERVISOR.name).first().waitFor();
  const state = await ws.core.dispatch('session.state', undefined);
  assert.equal(state.ok && (state.value as { phase: string }).phase, 'unlocked');
  // The empty queue says what will appear and how to get it.
  await page.getByText(/Aucun signalement pour l'instant/).waitFor();
  await screenshot(page, 'queue-empty-fr');
  assertClean(ws);
});

test('lock, then unlock with a wrong and then the right passphrase', async (t) => {
  const ws = await openWorkstation(t);
  const { page } = ws;
  await setUpSupervisor(page);
  await page.getByRole('button', { name: 'Verrouiller', exact: true }).click();
  await page.getByRole('button', { name: 'Déverrouiller' }).waitFor();
  // Nothing of the data stays in the page while locked.
  assert.equal(await page.getByRole('navigation', { name: 'Navigation principale' }).count(), 0);
  assert.equal(await page.getByText(SUPERVISOR.service).count(), 0);
  assert.equal((await ws.core.dispatch('store.status', undefined)).ok, false);

  // The lock screen names nobody: a login name to type, no list of profiles.
  assert.equal(await page.getByText(SUPERVISOR.name).count(), 0);
  assert.equal(await page.getByRole('combobox').count(), 0);
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  await page.getByText('Saisissez votre nom de connexion.').waitFor();
  await unlock(page, 'ceci nest pas la bonne phrase');
  await page.getByRole('alert').filter({ hasText: 'Nom de connexion ou phrase secrète incorrect.' }).waitFor();
  await screenshot(page, 'unlock-wrong-fr');
  await unlock(page, SUPERVISOR.passphrase, '  karima   BENALI ');
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  assertClean(ws);
});

test('a profile a supervisor created replaces its initial passphrase at first unlock, in Arabic', async (t) => {
  const ws = await openWorkstation(t);
  const { page, core } = ws;
  await setUpSupervisor(page);
  // Through the channel, as the settings screen does: the flag stays set.
  const created = await core.dispatch('profiles.create', ANALYST);
  assert.equal(created.ok, true);
  await page.getByRole('button', { name: 'Verrouiller', exact: true }).click();
  await unlock(page, ANALYST.passphrase, ANALYST.name);
  // The analyst's language (Arabic, right to left); nothing of the store opens before the change.
  await page.getByRole('heading', { name: 'اختر عبارة المرور الخاصة بك' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.getByRole('navigation').count(), 0);
  assert.equal((await core.dispatch('store.status', undefined)).ok, false);
  await screenshot(page, 'initial-passphrase-ar');
  // The same passphrase again is refused.
  await page.getByLabel('عبارة المرور الجديدة', { exact: true }).fill(ANALYST.passphrase);
  await page.getByLabel('تأكيد عبارة المرور الجديدة', { exact: true }).fill(ANALYST.passphrase);
  await page.getByRole('button', { name: 'حفظ وفتح' }).click();
  await page.getByRole('alert').filter({ hasText: 'اختر عبارة مرور مختلفة عن تلك التي سلّمك إياها المشرف.' }).waitFor();
  const own = 'ma propre phrase de nuit 2027 sable';
  await page.getByLabel('عبارة المرور الجديدة', { exact: true }).fill(own);
  await page.getByLabel('تأكيد عبارة المرور الجديدة', { exact: true }).fill(own);
  await page.getByRole('button', { name: 'حفظ وفتح' }).click();
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).waitFor();
  // The next unlock takes the analyst's own passphrase only.
  await core.dispatch('session.lock', undefined);
  assert.equal((await core.dispatch('session.unlock', { name: ANALYST.name, passphrase: ANALYST.passphrase })).ok, false);
  const again = await core.dispatch('session.unlock', { name: ANALYST.name, passphrase: own });
  assert.equal(again.ok && (again.value as { phase: string }).phase, 'unlocked');
  assertClean(ws);
});

test('the workstation locks itself after ten idle minutes', async (t) => {
  const ws = await openWorkstation(t, { beforeLoad: (page) => page.clock.install() });
  const { page } = ws;
  await setUpSupervisor(page);
  await page.clock.fastForward('09:00');
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  await page.mouse.move(200, 200);
  await page.mouse.move(220, 240);
  // Input at 9 minutes postpones the lock: 9 more minutes is not enough…
  await page.clock.fastForward('09:00');
  assert.equal(await page.getByRole('navigation', { name: 'Navigation principale' }).count(), 1);
  // …but ten minutes without input locks.
  await page.clock.fastForward('01:30');
  await page.getByRole('button', { name: 'Déverrouiller' }).waitFor();
  const state = await ws.core.dispatch('session.state', undefined);
  assert.equal(state.ok && (state.value as { phase: string }).phase, 'locked');
  const audit = await unlockAndReadAudit(ws);
  assert.ok(audit.some((event) => event.action === 'session.locked' && event.detail['reason'] === 'idle'));
  assertClean(ws);
});

async function unlockAndReadAudit(ws: Workstation): Promise<{ action: string; detail: Record<string, unknown> }[]> {
  await unlock(ws.page, SUPERVISOR.passphrase);
  await ws.page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  const result = await ws.core.dispatch('audit.list', {});
  assert.ok(result.ok);
  return (result.value as { events: { action: string; detail: Record<string, unknown> }[] }).events;
}

test('switching to Arabic mirrors the whole layout, and the choice is remembered', async (t) => {
  const ws = await openWorkstation(t);
  const { page } = ws;
  await setUpSupervisor(page);
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  const ltrBox = await nav.boundingBox();
  await page.getByRole('button', { name: 'العربية' }).first().click();
  const arNav = page.getByRole('navigation', { name: 'التنقل الرئيسي' });
  await arNav.waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
  const rtlBox = await arNav.boundingBox();
  const width = page.viewportSize()?.width ?? 1280;
  assert.ok(ltrBox && rtlBox);
  assert.ok(ltrBox.x < width / 2, 'navigation on the left in French');
  assert.ok(rtlBox.x > width / 2, 'navigation on the right in Arabic');
  // The bundled Arabic font is the one in use, not a system fallback.
  assert.ok(await page.evaluate(() => document.fonts.check('16px "Noto Sans Arabic"', 'محطة')));
  await page.getByRole('button', { name: 'الإعدادات' }).click();
  await screenshot(page, 'settings-ar');

  await page.getByRole('button', { name: 'قفل', exact: true }).click();
  await page.getByRole('button', { name: 'فتح القفل' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl', 'the lock screen keeps the analyst language');
  await screenshot(page, 'lock-ar');
  assertClean(ws);
});

test('every screen is reachable from the keyboard, with a visible focus', async (t) => {
  const ws = await openWorkstation(t);
  const { page } = ws;
  await setUpSupervisor(page);
  const screens = [
    ['Alt+1', 'File des signalements'],
    ['Alt+2', 'Tableau de bord'],
    ['Alt+3', 'Dossiers'],
    ['Alt+4', 'Synchronisation'],
    ['Alt+5', "Journal d'audit"],
    ['Alt+6', 'Paramètres'],
  ] as const;
  for (const [keys, name] of screens) {
    await page.keyboard.press(keys);
    const current = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('button', { name });
    await page.waitForFunction((label) => document.querySelector(`nav [aria-current="page"]`)?.textContent?.includes(label) ?? false, name);
    assert.equal(await current.getAttribute('aria-current'), 'page');
    await page.getByRole('heading', { level: 1, name }).or(page.getByRole('heading', { level: 2, name })).first().waitFor();
  }
  // The audit screen shows real events of this session.
  await page.keyboard.press('Alt+5');
  await page.getByRole('table').getByText('Base chiffrée créée').first().waitFor();

  // Tab walks the controls; the focused one is outlined.
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    return { width: style.outlineWidth, style: style.outlineStyle, shadow: style.boxShadow };
  });
  assert.ok(outline, 'something has the focus');
  assert.ok(outline.style !== 'none' || outline.shadow !== 'none', `focus is visible: ${JSON.stringify(outline)}`);

  // Every control has an accessible name.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('button, input, select, textarea, a[href]')]
      .filter((element) => {
        const labelled = element.getAttribute('aria-label') || element.getAttribute('aria-labelledby') || (element as HTMLInputElement).labels?.length;
        return !labelled && !(element.textContent ?? '').trim();
      })
      .map((element) => element.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unnamed, []);
  assertClean(ws);
});

test('a supervisor lets the lock screen offer the last login name; off again, the name is gone', async (t) => {
  const ws = await openWorkstation(t);
  const { page } = ws;
  await setUpSupervisor(page);
  await page.keyboard.press('Alt+6');
  const offer = page.getByRole('checkbox', { name: /dernier nom de connexion utilisé/ });
  await offer.waitFor();
  assert.equal(await offer.isChecked(), false);
  await offer.check();
  // Saved once the core answered: the box is enabled again.
  await page.waitForFunction(() => !document.querySelector('input[type=checkbox]:disabled'));
  await page.getByRole('button', { name: 'Verrouiller', exact: true }).click();
  await page.getByRole('button', { name: 'Déverrouiller' }).waitFor();
  assert.equal(await page.getByLabel('Nom de connexion', { exact: true }).inputValue(), SUPERVISOR.name);
  await page.getByLabel('Phrase secrète', { exact: true }).fill(SUPERVISOR.passphrase);
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  await page.keyboard.press('Alt+6');
  await offer.uncheck();
  await page.waitForFunction(() => !document.querySelector('input[type=checkbox]:disabled'));
  await page.getByRole('button', { name: 'Verrouiller', exact: true }).click();
  await page.getByRole('button', { name: 'Déverrouiller' }).waitFor();
  assert.equal(await page.getByLabel('Nom de connexion', { exact: true }).inputValue(), '');
  assertClean(ws);
});
