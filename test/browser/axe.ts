/**
 * axe-core, the accessibility engine of the browsers' own developer tools, run
 * in the page as it is: `expectAccessible(page, 'queue-fr')` fails with every
 * violation of the chosen impacts, each with its rule, impact and the nodes.
 *
 * Impacts: serious and critical always fail; so does moderate by default
 * (landmarks, headings order, regions: they are what a screen reader user
 * navigates by), and `minor` never does. A test that must tolerate a moderate
 * rule names it in `allow`, with a reason in its comment.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

const RANK: Readonly<Record<Impact, number>> = { minor: 0, moderate: 1, serious: 2, critical: 3 };

export interface AxeViolation {
  readonly id: string;
  readonly impact: Impact | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: string; readonly summary: string }[];
}

export interface AxeOptions {
  /** The lowest impact that fails: 'moderate' unless said. */
  readonly failOn?: Impact;
  /** Rule ids not to run here. */
  readonly allow?: readonly string[];
  /** A CSS selector to check instead of the whole document. */
  readonly include?: string;
}

/** Runs axe-core on the page (injected once per document) and returns the violations at or above `failOn`. */
export async function axeViolations(page: Page, options: AxeOptions = {}): Promise<AxeViolation[]> {
  // Through the DevTools protocol, not a <script> element: the page's Content-Security-Policy forbids inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const threshold = RANK[options.failOn ?? 'moderate'];
  const all = await page.evaluate(
    async ({ allow, include }) => {
      const axe = (window as unknown as { axe: AxeApi }).axe;
      const rules = Object.fromEntries(allow.map((id) => [id, { enabled: false }]));
      const result = await axe.run(include ?? document, { rules, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300) })),
      }));
    },
    { allow: [...(options.allow ?? [])], include: options.include ?? null },
  );
  return all.filter((v) => RANK[v.impact ?? 'minor'] >= threshold);
}

/** Fails with a readable list when axe-core finds a violation at or above the threshold. */
export async function expectAccessible(page: Page, where: string, options: AxeOptions = {}): Promise<void> {
  const violations = await axeViolations(page, options);
  if (violations.length === 0) return;
  const lines = violations.flatMap((v) => [
    `${v.impact ?? '?'} ${v.id} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'}): ${v.help}`,
    ...v.nodes.slice(0, 6).map((n) => `    ${n.target} — ${n.summary}`),
  ]);
  throw new Error(`axe-core on ${where}:\n${lines.join('\n')}`);
}

/** The part of axe-core's API used here (it ships its own types, for a module this file does not import). */
interface AxeApi {
  run(
    context: Document | string,
    options: { rules: Record<string, { enabled: boolean }>; resultTypes: string[] },
  ): Promise<{ violations: { id: string; impact?: Impact | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }>;
}
