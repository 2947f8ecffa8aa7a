/**
 * The system Chromium, driven by playwright-core, for the core's own pages
 * under plain Node: the referral dossier's PDF (dossiers/document) and the
 * diagnostics' page screenshots (diagnostics/screenshot). Inside the app the
 * Electron shell does the same work with its own Chromium (printToPDF and
 * offscreen windows); this is their plain-Node twin, used by the CLI and tests.
 *
 * The browser is launched for a closed network: no background services, no
 * component updates, no QUIC, and every profile is a fresh temporary one.
 * Each use takes its own context (its own cookies, cache and storage),
 * closed after use; the browser itself is kept warm between uses and closed
 * after a quiet minute, or with `closeChromium()`.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Where Chromium is looked for: CHROMIUM_PATH, then Debian's and other distributions' usual paths. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/snap/bin/chromium', '/usr/bin/google-chrome'];

/** Flags for a closed network: without them Chromium keeps trying to reach Google's services. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
  '--no-pings',
  '--dns-prefetch-disable',
  '--disable-dev-shm-usage',
];

export class ChromiumMissingError extends Error {}

/** The Chromium executable to drive, or an error saying how to install one. */
export function chromiumPath(): string {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new ChromiumMissingError(`CHROMIUM_PATH names ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) throw new ChromiumMissingError('No Chromium found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
  return found;
}

/** Root has no user namespaces for Chromium's sandbox in most containers; elsewhere the sandbox stays on. */
function sandboxArgs(): string[] {
  return process.getuid?.() === 0 ? ['--no-sandbox'] : [];
}

const IDLE_CLOSE_MS = 60_000;

interface Warm {
  browser: Promise<Browser>;
  users: number;
  timer: NodeJS.Timeout | null;
}

const warm = new Map<string, Warm>();

/**
 * Runs `use` with a launched Chromium (launched with `extraArgs` on top of the
 * closed-network flags; browsers launched with the same extra flags are
 * shared). The browser stays up for a minute after the last use.
 */
export async function withChromium<T>(use: (browser: Browser) => Promise<T>, extraArgs: readonly string[] = []): Promise<T> {
  const key = extraArgs.join('\u0000');
  let entry = warm.get(key);
  if (!entry) {
    // Registered at once, before playwright-core is even loaded: `closeChromium` sees a launch still under way.
    const browser = import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath: chromiumPath(), args: [...sandboxArgs(), ...CHROMIUM_ARGS, ...extraArgs] }));
    entry = { browser, users: 0, timer: null };
    warm.set(key, entry);
    browser.then(
      (launched) => launched.on('disconnected', () => { if (warm.get(key) === entry) warm.delete(key); }),
      () => { if (warm.get(key) === entry) warm.delete(key); },
    );
  }
  const current = entry;
  if (current.timer) clearTimeout(current.timer);
  current.timer = null;
  current.users += 1;
  try {
    return await use(await current.browser);
  } finally {
    current.users -= 1;
    if (current.users === 0 && warm.get(key) === current) {
      current.timer = setTimeout(() => void closeEntry(key, current), IDLE_CLOSE_MS);
      current.timer.unref();
    }
  }
}

async function closeEntry(key: string, entry: Warm): Promise<void> {
  if (warm.get(key) === entry) warm.delete(key);
  if (entry.timer) clearTimeout(entry.timer);
  try {
    await (await entry.browser).close();
  } catch {
    // Already gone.
  }
}

/** Closes every browser this module launched (the CLI before it exits; tests). */
export async function closeChromium(): Promise<void> {
  await Promise.all([...warm.entries()].map(([key, entry]) => closeEntry(key, entry)));
}
