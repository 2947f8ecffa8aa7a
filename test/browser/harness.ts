/**
 * The real renderer (built by `npm run build`) in Debian's Chromium, driven by
 * Playwright, against the real core services through the browser host.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Core } from '../../src/main/core.ts';
import { startWebHost, type WebHost } from '../../src/web/server.ts';
import { SUPERVISOR, tempDir, testCore, value } from '../helpers/store.ts';

export const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer');
export const ARTEFACTS = resolve(import.meta.dirname, '../../test-results/screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Flags for a closed network: without them Chromium keeps trying to reach Google's services. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function requireBuiltRenderer(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('The renderer is not built: run `npm run build` (npm test does it).');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (see .ci/run).`);
}

let shared: Browser | null = null;

export async function browser(): Promise<Browser> {
  shared ??= await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return shared;
}

export async function closeBrowser(): Promise<void> {
  await shared?.close();
  shared = null;
}

export interface Workstation {
  core: Core;
  host: WebHost;
  page: Page;
  storeDir: string;
  /** Requests the page made to anywhere but the host. */
  foreignRequests: string[];
  /** Errors thrown in the page, and console errors. */
  pageErrors: string[];
}

export async function openWorkstation(
  t: TestContext,
  options: { storeDir?: string; locale?: string; beforeLoad?: (page: Page) => Promise<void> } = {},
): Promise<Workstation> {
  requireBuiltRenderer();
  const storeDir = options.storeDir ?? tempDir(t);
  const core = testCore(t, storeDir);
  const host = await startWebHost({ core, rendererDir: RENDERER_DIR });
  t.after(() => host.close());
  const context = await (await browser()).newContext({ viewport: { width: 1280, height: 800 }, locale: options.locale ?? 'fr-FR' });
  t.after(() => context.close());
  const page = await context.newPage();
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`${host.origin}/`)) foreignRequests.push(request.url());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await options.beforeLoad?.(page);
  await page.goto(host.url);
  return { core, host, page, storeDir, foreignRequests, pageErrors };
}

/** Sets the supervisor up through the core (not the screen), connects the reference service on loopback and syncs it to the end. */
export async function setUpAndSync(core: Core, server: { url: string; token: string; publicKeyPem: string }): Promise<void> {
  await value(core, 'session.setup', SUPERVISOR);
  await value(core, 'intake.update', { url: server.url, token: server.token, publicKeyPem: server.publicKeyPem, workstationId: 'ws-rabat-03', syncIntervalMinutes: 0 });
  await value(core, 'sync.start');
  await core.syncIdle();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const path = join(ARTEFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** First run through the setup screen: creates the supervisor profile and lands in the workstation. */
export async function setUpSupervisor(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.getByLabel('Nom', { exact: true }).fill(SUPERVISOR.name);
  await page.getByLabel('Service', { exact: true }).fill(SUPERVISOR.service);
  await page.getByLabel('Phrase secrète', { exact: true }).fill(SUPERVISOR.passphrase);
  await page.getByLabel('Confirmer la phrase secrète', { exact: true }).fill(SUPERVISOR.passphrase);
  await page.getByRole('button', { name: 'Créer le profil superviseur' }).click();
  await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
}
