import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicaliseUrl } from '../../src/main/urls/canonical-url.ts';
import { PLATFORM_PARSERS } from '../../src/main/urls/platforms/index.ts';
import { KNOWN_PLATFORMS } from '../../src/shared/triage.ts';

/** Known platforms that are not one site, so have no URL shapes of their own. */
const WITHOUT_URL_SHAPES: readonly string[] = ['website', 'other'];

test('no host, own or alias, belongs to two platform parsers', () => {
  const owner = new Map<string, string>();
  for (const parser of PLATFORM_PARSERS) {
    for (const host of [...parser.hosts, ...(parser.aliases ?? [])]) {
      assert.equal(owner.get(host), undefined, `${host}: ${owner.get(host)} and ${parser.platform}`);
      owner.set(host, parser.platform);
    }
  }
});

test('hash-bang hosts are the parser’s own', () => {
  for (const parser of PLATFORM_PARSERS) for (const host of parser.hashBangHosts ?? []) assert.ok(parser.hosts.includes(host), `${parser.platform}: #! on ${host}`);
});

test('one parser per platform, and every known platform with URL shapes has one', () => {
  const platforms = PLATFORM_PARSERS.map((parser) => parser.platform);
  assert.equal(new Set(platforms).size, platforms.length);
  const known: readonly string[] = KNOWN_PLATFORMS;
  for (const platform of platforms) assert.ok(known.includes(platform), `${platform} is not in KNOWN_PLATFORMS`);
  for (const platform of known) if (!WITHOUT_URL_SHAPES.includes(platform)) assert.ok(platforms.includes(platform), `no parser for ${platform}`);
});

test('each owned and alias host is read as its parser’s platform', () => {
  for (const parser of PLATFORM_PARSERS) {
    for (const host of [...parser.hosts, ...(parser.aliases ?? [])]) {
      const url = canonicaliseUrl(`https://${host}/`);
      assert.equal(url?.platform, parser.platform, host);
      assert.equal(url?.host, parser.aliases?.includes(host) === true ? parser.hosts[0] : host);
    }
  }
});
