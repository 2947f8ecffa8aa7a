/**
 * Notes are parsed in a Web Worker with a deadline (components/markdown/
 * noteParser.ts). The built bundle holds the worker as an asset of its own,
 * loaded same-origin under the page's CSP; in Chromium, against the real core,
 * a note on which the parser would run for tens of seconds leaves the page
 * responsive and ends as plain text with a notice (its worker terminated),
 * while ordinary notes, long and short, are formatted. Screenshots are kept.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Worker as PageWorker } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp.ts';
import { SUPERVISOR, value } from '../helpers/store.ts';
import { closeBrowser, openWorkstation, RENDERER_DIR, requireBuiltRenderer, screenshot } from './harness.ts';

after(() => closeBrowser());

const ASSETS = join(RENDERER_DIR, 'assets');

/** Lazy continuation lines of a quote: micromark is quadratic on them (~50 s of parsing for 96 kB). */
const PATHOLOGICAL = `> Citation du signalement\n${'b\nc\n'.repeat(24_000)}`;

/** An ordinary note, long enough to go to the worker (over 1,024 characters). */
const ORDINARY = [
  '# Analyse technique',
  '',
  'Le site de paiement **imite** celui de la banque ; voir le tableau. Caf&eacute; &amp; co &nope;',
  '',
  '| Indicateur | Valeur |',
  '|---|---|',
  '| Domaine | paiement-securise.example |',
  '| Hébergeur | AS64500 |',
  '',
  '## Constats',
  '',
  ...Array.from({ length: 20 }, (_, i) => `- Constat ${i + 1} : la page de connexion reprend le logo et les couleurs de la banque.`),
].join('\n');

test('the built bundle has the Markdown worker as an asset of its own, which the CSP allows', () => {
  requireBuiltRenderer();
  const files = readdirSync(ASSETS);
  const worker = files.find((file) => /^markdown\.worker-[\w-]+\.js$/.test(file));
  assert.ok(worker, `no markdown worker asset in ${files.join(', ')}`);
  const code = readFileSync(join(ASSETS, worker), 'utf8');
  assert.match(code, /postMessage\(\{type:`ready`\}\)/, 'the worker says when it is ready');
  assert.ok(!/\bimportScripts\b|\beval\(|new Function\b/.test(code), 'nothing the CSP forbids');
  // The page starts it same-origin, from the asset, as a module worker: not inlined, not a blob.
  const page = files.filter((file) => file.endsWith('.js') && file.includes(worker) === false).find((file) => readFileSync(join(ASSETS, file), 'utf8').includes(worker));
  assert.ok(page, 'a page chunk starts the worker');
  const pageCode = readFileSync(join(ASSETS, page), 'utf8');
  assert.match(pageCode, new RegExp(`new Worker\\(new URL\\(new URL\\(\`${worker.replace(/\./g, '\\.')}\`,import\\.meta\\.url\\)`));
  // (The same chunk may make object URLs for downloads: what matters is that no worker starts from one.)
  assert.ok(!/new Worker\([^;]*createObjectURL/.test(pageCode), 'no blob worker');
  const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]));
  assert.deepEqual(directives.get('worker-src'), ["'self'"]);
  assert.deepEqual(directives.get('script-src'), ["'self'"]);
});

test('a pathological note leaves the page responsive and ends as plain text; ordinary notes are formatted', async (t) => {
  const ws = await openWorkstation(t);
  const { page } = ws;
  await value(ws.core, 'session.setup', SUPERVISOR);
  const created = await value(ws.core, 'cases.create', { title: 'Notes lourdes et notes ordinaires' });
  const ref = created.ref;
  const target = { caseRef: ref };
  await value(ws.core, 'notes.add', { target, text: PATHOLOGICAL });
  await value(ws.core, 'notes.add', { target, text: ORDINARY });
  await value(ws.core, 'notes.add', { target, text: '### Court\n\nUne note **courte** : formatée sur-le-champ.' });

  const workers: PageWorker[] = [];
  const closed: string[] = [];
  page.on('worker', (worker) => {
    workers.push(worker);
    worker.on('close', () => closed.push(worker.url()));
  });
  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();

  // Long tasks on the page's thread from now on: none may approach the parse's seconds.
  await page.evaluate(() => {
    const box = window as unknown as { __tasks: number[] };
    box.__tasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) box.__tasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
  });

  await page.keyboard.press('Alt+3');
  await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
  await page.getByRole('button', { name: `Ouvrir le dossier ${ref}` }).click();
  await page.getByRole('heading', { level: 1, name: 'Notes lourdes et notes ordinaires' }).waitFor();
  await page.getByRole('tab', { name: 'Notes' }).click();
  const opened = Date.now();
  await page.getByRole('heading', { name: '3 notes' }).waitFor();

  // While the heavy note is being parsed (and after), the page answers at once.
  const rounds: number[] = [];
  const notice = page.getByText('Mise en forme interrompue : note trop complexe');
  while (!(await notice.count()) && Date.now() - opened < 20_000) {
    const start = Date.now();
    assert.equal(await page.evaluate(() => 1), 1);
    rounds.push(Date.now() - start);
    await page.waitForTimeout(50);
  }
  if (!(await notice.count())) {
    const shown = await page.evaluate(() => [...document.querySelectorAll('.md-notice')].map((node) => node.textContent));
    assert.fail(`no timeout notice after 20 s: notices ${JSON.stringify(shown)}, workers ${workers.map((worker) => worker.url()).join(', ')}, errors ${ws.pageErrors.join(' | ')}`);
  }
  await notice.waitFor({ timeout: 1_000 });
  const noticeAfter = Date.now() - opened;
  // Its text is committed a chunk of lines at a time: the page still answers meanwhile.
  const heavy = page.locator('.md-unparsed').filter({ has: notice });
  const expectedLines = PATHOLOGICAL.split('\n').length;
  const plainLines = (): Promise<number> => page.evaluate(() => document.querySelectorAll('.md-unparsed .user-text-line').length);
  while ((await plainLines()) < expectedLines && Date.now() - opened < 60_000) {
    const start = Date.now();
    await page.evaluate(() => 1);
    rounds.push(Date.now() - start);
    await page.waitForTimeout(50);
  }
  const allShownAfter = Date.now() - opened;
  const slowest = Math.max(...rounds);
  t.diagnostic(`notice after ${noticeAfter} ms, whole text after ${allShownAfter} ms; ${rounds.length} round trips, slowest ${slowest} ms`);
  assert.ok(rounds.length >= 3, 'the page was probed while the note was parsed');
  // The page's own thread: no task near the parse's seconds (a long task is one over 50 ms; the budget is 300 ms).
  const tasks = await page.evaluate(() => (window as unknown as { __tasks: number[] }).__tasks);
  t.diagnostic(`long tasks on the page: ${tasks.join(', ') || 'none'} ms`);
  assert.ok(Math.max(0, ...tasks) < 300, `long tasks: ${tasks.join(', ')} ms`);
  // Round trips from the test add the load of a shared machine (two cores, other suites) on top: a looser bound.
  assert.ok(slowest < 1_000, `a round trip took ${slowest} ms: ${rounds.join(', ')}`);

  // The heavy note: its whole text, inert, one line per line, with the notice.
  assert.equal(await page.locator('.md-pending').count(), 0, 'nothing is left waiting');
  assert.equal(await heavy.locator('.user-text-line').count(), expectedLines);
  assert.equal(await heavy.locator('blockquote, .md-quote').count(), 0);
  await heavy.scrollIntoViewIfNeeded();
  await screenshot(page, 'markdown-worker-timeout-fr');

  // The ordinary long note: formatted (in the worker: it is over the synchronous size).
  const ordinary = page.locator('.md-note').filter({ has: page.getByRole('heading', { name: 'Analyse technique' }) });
  await ordinary.waitFor();
  await ordinary.getByRole('heading', { level: 1, name: 'Analyse technique' }).waitFor();
  await ordinary.getByRole('heading', { level: 2, name: 'Constats' }).waitFor();
  assert.equal(await ordinary.locator('table.md-table tbody tr').count(), 2);
  assert.equal(await ordinary.locator('li').count(), 20);
  // Character references decoded in the worker as on the page (its stand-in for the decoder's DOM element).
  assert.ok((await ordinary.textContent())?.includes('Café & co &nope;'));
  // The short one: parsed on the spot.
  await page.getByRole('heading', { level: 3, name: 'Court' }).waitFor();
  await ordinary.scrollIntoViewIfNeeded();
  await screenshot(page, 'markdown-worker-formatted-fr');

  // The worker of the runaway parse was terminated; a note added now is parsed by a fresh one.
  assert.ok(workers.length >= 1 && closed.includes(workers[0]?.url() ?? ''), 'the first worker was terminated');
  await page.getByLabel('Nouvelle note').fill(ORDINARY.replace('# Analyse technique', '# Deuxième analyse'));
  await page.getByRole('button', { name: 'Ajouter la note' }).click();
  await page.getByRole('heading', { name: '4 notes' }).waitFor();
  await page.getByRole('heading', { level: 1, name: 'Deuxième analyse' }).waitFor();
  assert.ok(workers.length >= 2, `${workers.length} worker(s)`);
  for (const worker of workers) assert.match(worker.url(), new RegExp(`^${ws.host.origin}/assets/markdown\\.worker-[\\w-]+\\.js$`));

  // Shown again (another tab and back): from the cache, no new parse, no new worker.
  const before = workers.length;
  await page.getByRole('tab', { name: 'Historique' }).click();
  await page.getByRole('tab', { name: 'Notes' }).click();
  await notice.waitFor();
  await page.getByRole('heading', { level: 1, name: 'Analyse technique' }).waitFor();
  assert.equal(await page.locator('.md-pending').count(), 0);
  assert.equal(workers.length, before);

  // Arabic: the notice in Arabic.
  await page.getByRole('button', { name: 'العربية' }).first().click();
  await page.getByText('توقّف التنسيق: الملاحظة معقّدة جدًا').waitFor();
  await page.locator('.md-unparsed').first().scrollIntoViewIfNeeded();
  await screenshot(page, 'markdown-worker-timeout-ar');

  assert.deepEqual(ws.foreignRequests, []);
  assert.deepEqual(ws.pageErrors, []);
});
