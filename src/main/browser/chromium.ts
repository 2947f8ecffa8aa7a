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
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';

/**
 * Where Chromium is looked for: CHROMIUM_PATH, then Debian's and other distributions' usual paths. Debian's
 * binary comes before its `/usr/bin/chromium`, a shell script that runs it with flags of its own (remote
 * extensions allowed, an extension folder to load, GPU rasterisation) after a `findmnt` of its own.
 */
const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome'];

/**
 * playwright-core's own `--disable-features` list (1.65): mostly what keeps Chromium from calling Google's
 * services at start (optimisation hints, network time, search preconnects). Chromium reads only the last
 * `--disable-features` it is given, so a list of ours must repeat it; test/core/chromium.test.ts checks that
 * it still holds every feature the installed playwright-core turns off.
 */
export const PLAYWRIGHT_DISABLED_FEATURES: readonly string[] = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Features turned off on top of playwright-core's. Chromium 156's headless browser builds the address bar's
 * popups (`chrome://omnibox-popup.top-chrome/`, and its AI-mode page) as web pages in a renderer of their own as
 * soon as the first page opens: 160 MB and about a second of processor, on a two-core machine while the
 * dossier's page starts and lays out. Nothing here has an address bar. Measured on the cold export of a
 * 52-page dossier (docs/benchmarks.md, session 23): median 3.3-3.5 s instead of 4.1-4.8 s from loading
 * playwright-core to the PDF.
 */
export const DISABLED_FEATURES: readonly string[] = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

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

const DISABLE_FEATURES = '--disable-features=';

/**
 * The flags of a launch: the closed-network ones, then `extraArgs`, with every feature to turn off (ours,
 * playwright-core's, those of `extraArgs`) in one `--disable-features`, since Chromium reads only the last one.
 */
export function launchArgs(extraArgs: readonly string[]): string[] {
  const features = [...PLAYWRIGHT_DISABLED_FEATURES, ...DISABLED_FEATURES];
  const others: string[] = [];
  for (const arg of extraArgs) {
    if (arg.startsWith(DISABLE_FEATURES)) features.push(...arg.slice(DISABLE_FEATURES.length).split(',').filter(Boolean));
    else others.push(arg);
  }
  return [...sandboxArgs(), ...CHROMIUM_ARGS, ...others, `${DISABLE_FEATURES}${[...new Set(features)].join(',')}`];
}

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
  /** The browser's XDG_CONFIG_HOME: a private folder of its own, removed when it closes. */
  configDir: string;
}

/**
 * A private, empty configuration folder for one browser (mode 0700, under the system's temporary folder).
 * Debian's Chromium starts a crash handler whose database, and the dumps of any crashed process (which hold
 * that process's memory: a dossier, a fetched page), would otherwise go to `~/.config/chromium/Crash Reports`
 * and stay there for 30 days. Here they go to this folder, removed with the browser. (Chromium's
 * `--disable-crashpad-for-testing` removes the handler too, but made the cold export 0.7 s slower, measured.)
 */
function makeConfigDir(): string {
  return mkdtempSync(join(tmpdir(), 'iblagh-chromium-config-'));
}

function removeConfigDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The configuration folders of the browsers running now (tests). */
export function runningConfigDirs(): string[] {
  return [...warm.values()].map((entry) => entry.configDir);
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
    const configDir = makeConfigDir();
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: configDir };
    delete env['CHROME_CONFIG_HOME'];
    const browser = import('playwright-core').then(({ chromium }) =>
      chromium.launch({ executablePath: chromiumPath(), args: launchArgs(extraArgs), env }),
    );
    const launched: Warm = { browser, users: 0, timer: null, configDir };
    entry = launched;
    warm.set(key, launched);
    const forget = (): void => {
      if (warm.get(key) === launched) warm.delete(key);
      removeConfigDir(configDir);
    };
    browser.then((running) => running.on('disconnected', forget), forget);
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
  removeConfigDir(entry.configDir);
}

/** Closes every browser this module launched (the CLI before it exits; tests). */
export async function closeChromium(): Promise<void> {
  await Promise.all([...warm.entries()].map(([key, entry]) => closeEntry(key, entry)));
}
