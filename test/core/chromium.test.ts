/**
 * The plain-Node Chromium (src/main/browser/chromium.ts): its flags keep
 * playwright-core's list of disabled features (Chromium reads only the last
 * `--disable-features`), the address bar's popups are not built, and the
 * browser's configuration (where Debian's Chromium keeps crash dumps) is a
 * private folder removed with it, never the user's `~/.config/chromium`.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  closeChromium,
  DISABLED_FEATURES,
  launchArgs,
  PLAYWRIGHT_DISABLED_FEATURES,
  runningConfigDirs,
  withChromium,
} from '../../src/main/browser/chromium.ts';
import { CAPTURE_LAUNCH_ARGS } from '../../src/main/diagnostics/screenshot/capture.ts';

// The test process's own configuration folder: the browser must leave it untouched.
const userConfig = mkdtempSync(join(tmpdir(), 'iblagh-chromium-test-home-'));
process.env['XDG_CONFIG_HOME'] = userConfig;

after(async () => {
  await closeChromium();
  rmSync(userConfig, { recursive: true, force: true });
});

/** The features the installed playwright-core turns off, read from its bundle. */
function playwrightFeatures(): string[] {
  const require = createRequire(import.meta.url);
  const bundle = readFileSync(join(require.resolve('playwright-core/package.json'), '..', 'lib', 'coreBundle.js'), 'utf8');
  const list = /disabledFeatures = \[([\s\S]*?)\]/.exec(bundle)?.[1];
  assert.ok(list, "playwright-core's list of disabled features was not found in its bundle");
  const features = [...list.matchAll(/^\s*"([A-Za-z0-9]+)"/gm)].map((match) => match[1]!);
  assert.ok(features.length >= 10, `only ${features.length} features read from playwright-core's list`);
  return features;
}

test("our list repeats every feature the installed playwright-core turns off", () => {
  const missing = playwrightFeatures().filter((feature) => !PLAYWRIGHT_DISABLED_FEATURES.includes(feature));
  assert.deepEqual(missing, [], `add these to PLAYWRIGHT_DISABLED_FEATURES: ${missing.join(', ')}`);
});

test('a launch has one --disable-features holding ours, playwright-core\'s and those of the extra flags', () => {
  for (const extra of [[], CAPTURE_LAUNCH_ARGS]) {
    const args = launchArgs(extra);
    const lists = args.filter((arg) => arg.startsWith('--disable-features='));
    assert.equal(lists.length, 1, args.join(' '));
    const features = lists[0]!.slice('--disable-features='.length).split(',');
    for (const feature of [...PLAYWRIGHT_DISABLED_FEATURES, ...DISABLED_FEATURES]) assert.ok(features.includes(feature), feature);
    assert.equal(args.at(-1), lists[0], 'the list comes last, after every other flag');
    for (const arg of extra) {
      if (arg.startsWith('--disable-features=')) for (const feature of arg.slice(19).split(',')) assert.ok(features.includes(feature), feature);
      else assert.ok(args.includes(arg), arg);
    }
  }
});

test("no address-bar popup is built, and the browser's configuration is a private folder removed with it", async () => {
  const { targets, configDir } = await withChromium(async (browser) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent('<p>x</p>');
      const session = await browser.newBrowserCDPSession();
      // Chromium 156 builds the popups as the first page opens: give it the time it takes without the flags.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const { targetInfos } = (await session.send('Target.getTargets', { filter: [{}] })) as { targetInfos: { type: string; url: string }[] };
      await session.detach();
      const dirs = runningConfigDirs();
      assert.equal(dirs.length, 1);
      return { targets: targetInfos, configDir: dirs[0]! };
    } finally {
      await context.close();
    }
  });
  assert.deepEqual(
    targets.filter((target) => target.url.startsWith('chrome:')).map((target) => target.url),
    [],
    'Chromium built pages of its own interface',
  );
  assert.ok(targets.some((target) => target.type === 'page' && target.url === 'about:blank'), JSON.stringify(targets));
  assert.equal(statSync(configDir).mode & 0o077, 0, 'the folder is private');
  assert.ok(configDir.startsWith(tmpdir()), configDir);
  assert.deepEqual(readdirSync(userConfig), [], "the browser wrote into the user's own configuration folder");
  await closeChromium();
  assert.equal(existsSync(configDir), false, 'the folder outlived the browser');
});
