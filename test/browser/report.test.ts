/**
 * The report panel with hostile reports: the real renderer in Chromium, the
 * real core, and a reference intake service on loopback that serves a report
 * whose every text field tries something (HTML, scripts, RLO spoofing, zero
 * width characters, a 3000-character unbroken string, path tricks in file
 * names), and a child sexual exploitation report whose images must never show.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startIntakeServer, type IntakeServer } from '../../src/intake/server.ts';
import { utcSeconds, type ReportPayload } from '../../src/intake/contract.ts';
import { SUPERVISOR, value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, screenshot, type Workstation } from './harness.ts';

after(() => closeBrowser());

const RLO = '\u202E';
const ZWSP = '\u200B';
const LONG = 'A'.repeat(3000);
const HOSTILE_HTML = '<img src=x onerror=alert(1)>';
const HOSTILE_SCRIPT = '<script>alert(2)</script>';
const RAW_URL = 'https://evil.example/login.php?next=https://bank.example/';
const SPOOF_FILENAME = `..\\..\\Windows\\photo${RLO}gnp.exe`;
const REVEAL_REASON = 'Réquisition judiciaire n° 2026/117';
const REPORTER_NAME = `Karim ${RLO}Bennani`;

/**
 * A fraud report with two images whose first revision already carries a
 * spoofed file name (the workstation keeps an attachment's first metadata),
 * then a second revision where every text is hostile.
 */
function appendHostileReport(server: IntakeServer): string {
  // A generated report lends its images (and its shape) to the hostile one.
  const donor = JSON.parse(server.appendReport({ attachments: 2, category: 'fraud', imminentDanger: true }).payload) as ReportPayload;
  const n = Number(donor.id.slice(9)) + 1;
  const id = `${donor.id.slice(0, 9)}${String(n).padStart(7, '0')}`;
  const refs = donor.attachments.map((ref, index) => {
    const stored = server.store.attachment(ref.id);
    assert.ok(stored);
    const copy = { ...ref, id: `att_hostile${index + 1}` };
    server.store.addAttachment({ id: copy.id, reportId: id, mediaType: stored.media_type, bytes: stored.bytes });
    return copy;
  });
  const [a, b] = refs;
  assert.ok(a && b);
  const at = Date.parse(donor.updated_at) + 60_000;
  const first = {
    ...donor,
    id,
    submitted_at: utcSeconds(at),
    updated_at: utcSeconds(at),
    attachments: [{ ...a, filename: SPOOF_FILENAME }, b],
  };
  server.appendRaw('report', JSON.stringify(first));
  const second = {
    ...first,
    revision: 2,
    updated_at: utcSeconds(at + 60_000),
    content: {
      ...first.content,
      urls: [RAW_URL, `https://pay${ZWSP}pal.example/verify`, 'javascript:alert(3)'],
      platform: 'website',
      account_handle: `@support${RLO}lapyap`,
      description: [
        `Bonjour, voici le contenu ${HOSTILE_HTML} et ${HOSTILE_SCRIPT}`,
        `Le fichier envoyé : facture${RLO}fdp.exe, le compte pay${ZWSP}pal.`,
        'رسالة بالعربية تطلب الدفع فورًا',
        LONG,
      ].join('\n'),
    },
    reporter: { mode: 'identified', full_name: REPORTER_NAME, national_id: 'BE123456', email: 'k.bennani@example.ma', phone: '+212600000000', consent_to_contact: true },
    reporter_location: { country: 'MA', region: 'MA-06', city: `Casa${RLO}<b>blanca</b>` },
    x_note: '<svg onload=alert(4)>',
  };
  server.appendRaw('report', JSON.stringify(second));
  return id;
}

async function connectAndSync(ws: Workstation, server: IntakeServer): Promise<void> {
  const saved = await ws.core.dispatch('intake.update', {
    url: server.url,
    token: server.token,
    publicKeyPem: server.publicKeyPem,
    workstationId: 'ws-rabat-03',
    syncIntervalMinutes: 0,
  });
  assert.ok(saved.ok, JSON.stringify(saved));
  const started = await ws.core.dispatch('sync.start', undefined);
  assert.ok(started.ok, JSON.stringify(started));
  const deadline = Date.now() + 60_000;
  for (;;) {
    await ws.core.syncIdle();
    const status = await ws.core.dispatch('sync.status', undefined);
    assert.ok(status.ok);
    const value = status.value as { running: boolean; cursor: number; headSeq: number };
    if (!value.running && value.cursor === server.headSeq()) break;
    assert.ok(Date.now() < deadline, `sync did not finish: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens a report from the queue; returns the panel. */
async function openReport(page: Page, id: string): Promise<Locator> {
  await page.keyboard.press('Alt+1');
  const open = page.getByRole('button', { name: `Ouvrir le signalement ${id}` });
  await open.waitFor();
  await open.click();
  const panel = page.locator('.report-panel');
  await panel.getByRole('heading', { level: 2 }).filter({ hasText: id }).waitFor();
  return panel;
}

/** Records clipboard writes (the page may not read the clipboard back: Permissions-Policy clipboard-read=()). */
async function recordClipboard(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const copied: string[] = [];
    (window as unknown as { __copied: string[] }).__copied = copied;
    if (navigator.clipboard) {
      navigator.clipboard.writeText = async (text: string) => {
        copied.push(text);
      };
    }
  });
}

/** The page with one part of the panel scrolled into view. */
async function shot(page: Page, part: Locator, name: string): Promise<void> {
  await part.first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, name);
}

function cleanRequests(ws: Workstation): string[] {
  // Blob URLs would be the page's own memory, not requests (images are canvas pixels now).
  return ws.foreignRequests.filter((url) => !url.startsWith(`blob:${ws.host.origin}/`));
}

test('a hostile report is shown as inert text, with its spoofing made visible, and its images blurred until revealed', async (t) => {
  const server = await startIntakeServer({ seed: 11, count: 12, attachments: 0 });
  t.after(() => server.close());
  const hostileId = appendHostileReport(server);
  const cse = server.appendReport({ attachments: 1, category: 'child_sexual_exploitation' });
  const cseId = (JSON.parse(cse.payload) as ReportPayload).id;

  const ws = await openWorkstation(t, { beforeLoad: recordClipboard });
  const { page } = ws;
  // No transitions: computed styles are final at once.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await value(ws.core, 'session.setup', SUPERVISOR);
  await connectAndSync(ws, server);
  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();

  const panel = await openReport(page, hostileId);
  const content = panel.getByRole('region', { name: 'Contenu signalé' });

  // Hostile HTML is text: no element made of it, no script run.
  await panel.getByText(HOSTILE_HTML, { exact: false }).first().waitFor();
  await panel.getByText(HOSTILE_SCRIPT, { exact: false }).first().waitFor();
  assert.equal(await page.locator('img[src="x"], svg[onload], .report-panel script, .report-panel b').count(), 0);
  assert.equal(await panel.locator('img').count(), 0, 'no image before one is asked for');
  assert.equal(await panel.locator('a[href]').count(), 0, 'no link anywhere in the panel');
  // Every piece of text holding a bidi control sits in an isolated, auto-directed <bdi>.
  const unisolated = await panel.evaluate((root, rlo) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const bad: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.includes(rlo)) continue;
      const bdi = node.parentElement?.closest('bdi');
      if (!bdi || bdi.getAttribute('dir') !== 'auto' || getComputedStyle(bdi).unicodeBidi !== 'isolate') bad.push(node.textContent.slice(0, 40));
    }
    return bad;
  }, RLO);
  assert.deepEqual(unisolated, []);
  // The 3000-character unbroken string wraps: nothing overflows the panel or the page.
  const overflow = await page.evaluate(() => {
    const panelEl = document.querySelector('.report-panel') as HTMLElement;
    return { panel: panelEl.scrollWidth - panelEl.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
  });
  assert.ok(overflow.panel <= 1 && overflow.page <= 1, JSON.stringify(overflow));

  // Invisible characters: counted, then shown as marks on request.
  await panel.getByText(/contient \d+ caractères invisibles/).first().waitFor();
  await panel.getByText(/Caractères invisibles ou inhabituels dans ce signalement/).waitFor();
  assert.equal(await panel.getByText('⟦U+202E RLO⟧').count(), 0);
  await screenshot(page, 'report-hostile-fr');
  const toggle = panel.getByRole('button', { name: 'Afficher les caractères invisibles' });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await content.getByText('⟦U+202E RLO⟧').first().waitFor();
  await content.getByText('⟦U+200B ZWSP⟧').first().waitFor();
  // The spoofed file name shows its real order: "photo", the override, then "gnp.exe".
  await panel.locator('.rp-attachment').first().getByText('⟦U+202E RLO⟧').waitFor();
  await shot(page, content.locator('.rp-description'), 'report-invisible-fr');
  await shot(page, panel.locator('.rp-attachment'), 'report-invisible-attachments-fr');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');

  // URLs: defanged, never links; Copy gives the URL exactly as typed.
  await content.getByText('hxxps[://]evil[.]example/login', { exact: false }).first().waitFor();
  assert.equal(await content.getByText('https://evil.example', { exact: false }).count(), 0);
  await content.getByRole('button', { name: "Copier l'URL telle que saisie" }).first().click();
  await content.getByText('Copié').first().waitFor();
  assert.deepEqual(await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied), [RAW_URL]);
  await shot(page, content.locator('.rp-urls'), 'report-urls-fr');

  // Revision 2 shows what changed.
  const revisions = panel.getByRole('region', { name: 'Révisions' });
  await revisions.getByText('Révision 2').waitFor();
  await revisions.getByText('content.description').waitFor();
  await revisions.getByText('Avant').first().waitFor();
  await revisions.locator('.rp-diff-after').filter({ hasText: 'Bonjour, voici le contenu' }).first().waitFor();

  // The reporter's identity: hidden, revealed with a reason (too short first), recorded, hidden again.
  const reporter = panel.getByRole('region', { name: 'Signalant' });
  assert.equal(await page.getByText('Bennani').count(), 0);
  await reporter.getByRole('button', { name: "Révéler l'identité" }).click();
  const dialog = page.getByRole('dialog', { name: "Révéler l'identité du signalant" });
  // The journal's one rule for reasons (shared/reason.ts): punctuation is not a reason.
  await dialog.getByLabel('Motif').fill('.....');
  await dialog.getByRole('button', { name: "Révéler l'identité" }).click();
  await dialog.getByText('Donnez le motif en quelques mots : au moins 3 mots ou 10 lettres').waitFor();
  await screenshot(page, 'report-reveal-dialog-fr');
  await dialog.getByLabel('Motif').fill(REVEAL_REASON);
  await dialog.getByRole('button', { name: "Révéler l'identité" }).click();
  await dialog.waitFor({ state: 'detached' });
  await reporter.getByText(REPORTER_NAME).waitFor();
  await reporter.getByText(`Consultation enregistrée au journal d'audit : ${SUPERVISOR.name},`, { exact: false }).waitFor();
  const audit = await ws.core.dispatch('audit.list', { limit: 50 });
  assert.ok(audit.ok);
  const events = (audit.value as { events: { action: string; analystName: string | null; detail: Record<string, unknown> }[] }).events;
  const revealed = events.find((event) => event.action === 'report.reporter_revealed');
  assert.ok(revealed, 'the reveal is in the audit trail');
  assert.equal(revealed.detail['reportId'], hostileId);
  assert.equal(revealed.detail['reason'], REVEAL_REASON);
  assert.equal(revealed.analystName, SUPERVISOR.name);
  await shot(page, reporter, 'report-identity-fr');
  await reporter.getByRole('button', { name: "Masquer l'identité" }).click();
  assert.equal(await page.getByText('Bennani').count(), 0);

  // Images: the renderer never decodes the citizen's bytes. The core's decoder process made a small
  // greyscale preview; its pixels are drawn on a canvas, blurred, revealed one at a time, hidden again.
  const attachments = panel.getByRole('region', { name: 'Pièces jointes' });
  await attachments.getByText('Type réel (octets)').first().waitFor();
  await attachments.getByText('Métadonnées (EXIF, XMP, IPTC)').first().waitFor();
  await shot(page, attachments, 'report-attachment-analysis-fr');
  await attachments.getByRole('button', { name: 'Afficher la pièce jointe 1' }).click();
  await attachments.getByRole('button', { name: 'Afficher la pièce jointe 2' }).click();
  const images = attachments.locator('canvas.rp-image');
  await images.nth(1).waitFor();
  assert.equal(await attachments.locator('img').count(), 0, 'no <img> of citizen bytes');
  for (const image of [images.nth(0), images.nth(1)]) {
    assert.match(await image.evaluate((el) => getComputedStyle(el).filter), /blur\(\d+px\) grayscale\(1\)/);
  }
  // Drawn: grey pixels (R = G = B), not an empty canvas.
  await page.waitForFunction(() =>
    [...document.querySelectorAll('canvas.rp-image')].every((c) => {
      const canvas = c as HTMLCanvasElement;
      if (canvas.width === 0) return false;
      const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let lit = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) return false;
        if (d[i + 3] === 255) lit++;
      }
      return lit > 0;
    }),
  );
  await shot(page, attachments, 'report-images-blurred-fr');
  await attachments.getByRole('button', { name: 'Révéler cette image (pièce jointe 1)' }).click();
  assert.equal(await images.nth(0).evaluate((el) => getComputedStyle(el).filter), 'none');
  await attachments.getByRole('button', { name: 'Révéler cette image (pièce jointe 2)' }).click();
  assert.equal(await images.nth(1).evaluate((el) => getComputedStyle(el).filter), 'none');
  assert.match(await images.nth(0).evaluate((el) => getComputedStyle(el).filter), /blur/, 'revealing one blurs the other again');
  await shot(page, attachments.locator('.rp-attachment').nth(1), 'report-image-revealed-fr');
  await attachments.getByRole('button', { name: 'Masquer la pièce jointe 1' }).click();
  assert.equal(await images.count(), 1);
  const viewed = await ws.core.dispatch('audit.list', { limit: 50 });
  assert.ok(viewed.ok);
  assert.equal((viewed.value as { events: { action: string }[] }).events.filter((e) => e.action === 'report.attachment_viewed').length, 2);

  // Claim: reflected at once, stored, and pending in the outbox until the next sync.
  await panel.getByRole('button', { name: 'Prendre en charge', exact: true }).click();
  await panel.locator('.rp-status-line').getByText('En analyse').waitFor();
  await panel.getByText(/pris en charge par ce poste/).waitFor();
  await panel.getByRole('status').filter({ hasText: 'Statut fixé : En analyse' }).waitFor();
  assert.deepEqual(ws.core.unlockedStore().db.prepare('SELECT status FROM reports WHERE id = ?').get(hostileId), { status: 'in_analysis' });
  assert.equal(await panel.getByRole('button', { name: 'Prendre en charge', exact: true }).count(), 0);
  // Set another status with a reference through the menu.
  await panel.getByRole('button', { name: 'Changer le statut' }).click();
  await panel.getByLabel('Nouveau statut').selectOption('referred');
  await panel.getByLabel('Référence (facultative)').fill('PV-2026-0042');
  await panel.getByRole('button', { name: 'Appliquer' }).click();
  await panel.locator('.rp-status-line').getByText('Transmis').waitFor();
  await panel.getByRole('region', { name: 'Historique des statuts' }).getByText('PV-2026-0042').waitFor();
  await shot(page, panel.locator('.rp-top'), 'report-claimed-fr');
  await shot(page, panel.getByRole('region', { name: 'Révisions' }), 'report-revisions-fr');
  await shot(page, panel.getByRole('region', { name: 'Historique des statuts' }), 'report-history-fr');

  // Escape closes the panel.
  await panel.getByRole('heading', { level: 2 }).click();
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });

  // Child sexual exploitation: hashes and metadata only, no image, no Show button, and the core refuses the bytes.
  const csePanel = await openReport(page, cseId);
  const cseAttachments = csePanel.getByRole('region', { name: 'Pièces jointes' });
  await cseAttachments.getByText(/les pièces jointes ne sont jamais affichées/).waitFor();
  await cseAttachments.getByText('SHA-256').first().waitFor();
  assert.equal(await cseAttachments.getByRole('button', { name: /Afficher/ }).count(), 0);
  assert.equal(await csePanel.locator('img, canvas').count(), 0);
  const cseAttachmentId = (JSON.parse(cse.payload) as ReportPayload).attachments[0]?.id;
  assert.ok(cseAttachmentId);
  const noPreview = await ws.core.dispatch('images.preview', { reportId: cseId, attachmentId: cseAttachmentId });
  assert.equal(noPreview.ok ? 'ok' : noPreview.error.code, 'FORBIDDEN');
  await shot(page, cseAttachments, 'report-cse-fr');

  // The same hostile report in Arabic: mirrored, nothing leaks.
  await page.getByRole('button', { name: 'العربية' }).first().click();
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).waitFor();
  await page.keyboard.press('Alt+1');
  // The report is referred now: finished work is out of the default view until its chip is removed.
  await page.getByRole('button', { name: /البلاغات المفتوحة فقط/ }).click();
  const openAr = page.locator('.q-id-button').filter({ hasText: hostileId });
  await openAr.waitFor();
  await openAr.click();
  const panelAr = page.locator('.report-panel');
  await panelAr.getByRole('heading', { level: 2 }).filter({ hasText: hostileId }).waitFor();
  await panelAr.getByRole('button', { name: 'إظهار الأحرف غير المرئية' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await screenshot(page, 'report-hostile-ar');
  await panelAr.getByRole('button', { name: 'عرض المرفق 2' }).click();
  await panelAr.locator('canvas.rp-image').waitFor();
  await panelAr.getByRole('button', { name: 'إظهار الأحرف غير المرئية' }).click();
  await shot(page, panelAr.locator('.rp-description'), 'report-invisible-ar');
  await shot(page, panelAr.locator('.rp-attachments'), 'report-attachments-ar');

  assert.deepEqual(dialogs, [], 'no script ran');
  assert.deepEqual(cleanRequests(ws), [], 'no request leaves the host');
  assert.deepEqual(ws.pageErrors, [], 'no error in the page');
});
