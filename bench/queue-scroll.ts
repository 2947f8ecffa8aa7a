/**
 * The queue in the real renderer (Debian's Chromium, through the browser
 * host, against the core of the benchmark's store): scrolls the table from
 * its first row to its last, the way a scrollbar drag does, over 20 seconds,
 * and records every frame's duration (requestAnimationFrame intervals); then
 * checks that the last row is there, with its data. Needs `npm run build`.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Core } from '../src/main/core.ts';
import type { QueuePage } from '../src/shared/triage.ts';
import { startWebHost } from '../src/web/server.ts';
import { percentile } from './measure.ts';

const RENDERER = resolve(import.meta.dirname, '../out/renderer');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const SECONDS = 20;

export async function scrollBenchmark(core: Core, log: (line: string) => void): Promise<void> {
  if (!existsSync(resolve(RENDERER, 'index.html'))) throw new Error('The renderer is not built: run `npm run build` first.');
  const first = await core.dispatch('queue.query', { limit: 1, facets: false });
  if (!first.ok) throw new Error(first.error.message);
  const total = (first.value as QueuePage).total;
  const last = await core.dispatch('queue.query', { offset: total - 1, limit: 1, facets: false });
  if (!last.ok) throw new Error(last.error.message);
  const lastId = (last.value as QueuePage).rows[0]!.id;

  const host = await startWebHost({ core, rendererDir: RENDERER });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' })).newPage();
    await page.goto(host.url);
    await page.waitForSelector('.qt-scroller [role="row"][aria-rowindex="2"]:not([aria-busy])', { timeout: 60_000 });
    // Warm-up: the first frames after load include the app's own start.
    await page.waitForTimeout(1000);
    const frames = await page.evaluate(async (seconds) => {
      // This function runs in the page (this project's Node types have no DOM).
      interface Scroller {
        scrollTop: number;
        scrollHeight: number;
        clientHeight: number;
      }
      const { document, requestAnimationFrame } = globalThis as unknown as {
        document: { querySelector(selector: string): Scroller | null };
        requestAnimationFrame(callback: (now: number) => void): number;
      };
      const scroller = document.querySelector('.qt-scroller');
      if (!scroller) throw new Error('no queue table');
      const durations: number[] = [];
      return new Promise<number[]>((done) => {
        let start = 0;
        let previous = 0;
        const step = (now: number): void => {
          if (start === 0) start = previous = now;
          else durations.push(now - previous);
          previous = now;
          const progress = Math.min(1, (now - start) / (seconds * 1000));
          // Read each frame: the layout around the table may settle meanwhile.
          scroller.scrollTop = Math.round(progress * (scroller.scrollHeight - scroller.clientHeight));
          if (progress < 1) requestAnimationFrame(step);
          else done(durations);
        };
        requestAnimationFrame(step);
      });
    }, SECONDS);
    const lastRow = page.locator(`.qt-scroller [role="row"][aria-rowindex="${total + 1}"]:not([aria-busy])`);
    try {
      await lastRow.waitFor({ timeout: 10_000 });
    } catch (error) {
      const shown = await page.locator('.qt-scroller [role="row"][aria-rowindex]').evaluateAll((rows) =>
        rows.map((row) => {
          // The node type-check has no DOM library: say what is used of the element.
          const r = row as unknown as { getAttribute(name: string): string | null };
          return `${r.getAttribute('aria-rowindex')}${r.getAttribute('aria-busy') ? '…' : ''}`;
        }),
      );
      const position = await page.locator('.qt-scroller').evaluate((element) => {
        const el = element as unknown as { scrollTop: number; scrollHeight: number; clientHeight: number };
        return [el.scrollTop, el.scrollHeight, el.clientHeight];
      });
      await page.screenshot({ path: resolve(import.meta.dirname, '../.tmp/queue-scroll-end.png') });
      throw new Error(`the last row did not show: rows ${shown.join(' ')}; scroll ${position.join('/')}`, { cause: error });
    }
    const shown = await lastRow.textContent();
    if (!shown?.includes(lastId)) throw new Error(`the last row shows "${shown}", expected ${lastId}`);
    log('');
    log(`browser: scrolled ${total} rows, first to last, in ${SECONDS} s (${frames.length} frames, Chromium ${browser.version()})`);
    log(
      `  frame time p50 ${percentile(frames, 50).toFixed(1)} ms, p95 ${percentile(frames, 95).toFixed(1)} ms (target 17 ms), max ${Math.max(...frames).toFixed(1)} ms (target 100 ms); ` +
        `${frames.filter((f) => f > 17).length} frames over 17 ms; last row ${lastId} shown`,
    );
  } finally {
    await browser.close();
    await host.close();
  }
}
