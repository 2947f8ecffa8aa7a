import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { defangUrl, isInvisibleCodePoint, removeInvisible } from '../../src/shared/defang.ts';
import { canonicaliseUrl } from '../../src/main/urls/canonical-url.ts';

/** [input, expected display form]. */
const CASES: readonly (readonly [string, string])[] = [
  ['https://www.example.com/a.php?x=1', 'hxxps[://]www[.]example[.]com/a[.]php?x=1'],
  ['http://example.com', 'hxxp[://]example[.]com'],
  ['HTTP://EXAMPLE.COM/', 'HXXP[://]EXAMPLE[.]COM/'],
  ['Https://Example.com', 'Hxxps[://]Example[.]com'],
  ['hTtP://example.com', 'hXxP[://]example[.]com'],
  ['ftp://files.example.org/x', 'fxp[://]files[.]example[.]org/x'],
  ['https://facebook.com/some.page/posts/123', 'hxxps[://]facebook[.]com/some[.]page/posts/123'],
  ['https://192.168.1.1:8080/admin', 'hxxps[://]192[.]168[.]1[.]1:8080/admin'],
  ['https://[::1]/x', 'hxxps[://][::1]/x'],
  ['https://user:pass@evil.example/', 'hxxps[://]user:pass@evil[.]example/'],
  ['https://example.com./a', 'hxxps[://]example[.]com[.]/a'],
  ['https://a-.example/x', 'hxxps[://]a-[.]example/x'],
  ['https://xn--bcher-kva.example/', 'hxxps[://]xn--bcher-kva[.]example/'],
  ['https://مثال.إختبار/', 'hxxps[://]مثال[.]إختبار/'],
  ['https://example。com/a', 'hxxps[://]example[.]com/a'],
  ['https://example．com/a', 'hxxps[://]example[.]com/a'],
  ['www.example.com', 'www[.]example[.]com'],
  ['example.com/path', 'example[.]com/path'],
  ['t.me/some_channel/12', 't[.]me/some_channel/12'],
  ['wa.me/212612345678', 'wa[.]me/212612345678'],
  ['see example.com and http://1.2.3.4/x', 'see example[.]com and hxxp[://]1[.]2[.]3[.]4/x'],
  ['user@mail.example.ma', 'user@mail[.]example[.]ma'],
  ['//example.com/a', '//example[.]com/a'],
  ['://example.com', '[://]example[.]com'],
  ['javascript://example.com/%0Aalert(1)', 'javascript[://]example[.]com/%0Aalert(1)'],
  ['https:\\\\evil.example', 'hxxps:\\\\evil[.]example'],
  ['http//example.com', 'http//example[.]com'],
  ['https://a.com https://b.com', 'hxxps[://]a[.]com hxxps[://]b[.]com'],
  ['https://a.com\nhttps://b.com', 'hxxps[://]a[.]com\nhxxps[://]b[.]com'],
  // Already defanged, in our style or another: unchanged.
  ['hxxps[://]www[.]example[.]com/a[.]php', 'hxxps[://]www[.]example[.]com/a[.]php'],
  ['hxxp://example[.]com', 'hxxp[://]example[.]com'],
  ['hxxps[:]//example[.]com', 'hxxps[:]//example[.]com'],
  ['example(.)com', 'example(.)com'],
  ['example{.}com', 'example{.}com'],
  ['http[://]example.com', 'hxxp[://]example[.]com'],
  // Plain text: sentence dots and the word "http" are left alone.
  ['Hello. World', 'Hello. World'],
  ['the http protocol', 'the http protocol'],
  ['httpbin', 'httpbin'],
  ['version 1.2', 'version 1[.]2'],
  ['', ''],
  ['ma3raftch lien', 'ma3raftch lien'],
  ['انظر الصورة المرفقة', 'انظر الصورة المرفقة'],
  // Invisible characters cannot hide a scheme or a dot, nor reorder the display.
  ['ht\u200btps://exa\u200bmple.com', 'hxxps[://]example[.]com'],
  ['https://example\u202e.com', 'hxxps[://]example[.]com'],
  ['\ufeffhttps://example.com', 'hxxps[://]example[.]com'],
  ['h\u00adttp://e\u2066xample.com', 'hxxp[://]example[.]com'],
  ['http:\u0000//example.com', 'hxxp[://]example[.]com'],
  ['ht\u{E0074}tp://exa\u034fmple.com', 'hxxp[://]example[.]com'],
  ['https://example.com/\u{1F600}', 'hxxps[://]example[.]com/\u{1F600}'],
];

describe('defangUrl', () => {
  for (const [input, expected] of CASES) {
    test(JSON.stringify(input), () => {
      assert.equal(defangUrl(input), expected);
    });
  }

  test('is idempotent', () => {
    const extra = ['hxxps[://]a[.]b', '[.][.][.]', '[://][://]', 'http[:]//a.b', 'a..b', '.a.', 'a.b.c.d.e', 'http://http://a.b', 'HTTPS:/a.b', 'https ://a.b'];
    for (const input of [...CASES.map(([i]) => i), ...extra]) {
      const once = defangUrl(input);
      assert.equal(defangUrl(once), once, JSON.stringify(input));
    }
  });

  test('leaves nothing a linkifier would pick up', () => {
    const urls = [
      'https://www.facebook.com/some.page/posts/123',
      'http://evil.example/login.php',
      'HTTPS://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ',
      'www.credit-rapide.ma/offre?id=12',
      'ftp://files.example.org',
      'https://t.me/some_channel/1234',
      'mail me at someone@example.com',
    ];
    for (const url of urls) {
      const out = defangUrl(url);
      assert.doesNotMatch(out, /(?:https?|ftp):/i, out);
      assert.doesNotMatch(out, /(?<!\[):\/\//, out);
      assert.doesNotMatch(out, /[\p{L}\p{N}_]\.[\p{L}\p{N}_]/u, out);
      assert.doesNotMatch(out, /www\./i, out);
    }
  });

  test('a defanged URL, pasted back, still clusters with the original', () => {
    for (const url of [
      'https://www.facebook.com/some.page/posts/123',
      'https://youtu.be/dQw4w9WgXcQ?t=42',
      'https://twitter.com/SomeUser/status/1790000000000000000?s=20',
      'https://t.me/s/some_channel/1234',
      'https://www.credit-rapide.ma/offre.php?id=12&ref=a.b',
      'https://192.168.1.1:8080/admin',
    ]) {
      assert.equal(canonicaliseUrl(defangUrl(url))?.contentKey, canonicaliseUrl(url)?.contentKey, url);
    }
  });

  test('is fast on long hostile text and never throws', () => {
    const inputs = ['.'.repeat(100_000), 'a.'.repeat(50_000), 'http:'.repeat(20_000), '://'.repeat(30_000), `https://${'a.'.repeat(40_000)}`, '[.]'.repeat(30_000), '\u200b'.repeat(100_000), `${'h'.repeat(50_000)}ttp://`];
    const started = performance.now();
    for (const input of inputs) assert.equal(typeof defangUrl(input), 'string');
    assert.ok(performance.now() - started < 2000);
    assert.equal(defangUrl(undefined as unknown as string), '');
  });

  test('removeInvisible drops invisible characters and keeps everything else, astral and broken characters included', () => {
    assert.equal(removeInvisible('a\u200bb\u202ec\u{E0041}d\u{E0100}e\u0000f\tg\nh'), 'abcdef\tg\nh');
    assert.equal(removeInvisible('\u{1F600}\ud800x\udc00'), '\u{1F600}\ud800x\udc00');
    assert.equal(removeInvisible('plain'), 'plain');
  });

  test('removeInvisible misses no invisible code point (its quick scan is a superset of the set)', () => {
    const missed: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if ((cp >= 0xd800 && cp <= 0xdfff) || !isInvisibleCodePoint(cp)) continue;
      if (removeInvisible(`a${String.fromCodePoint(cp)}b`) !== 'ab') missed.push(cp.toString(16));
    }
    assert.deepEqual(missed, []);
  });

  test('is pure: no imports, so the renderer can use it', () => {
    const source = readFileSync(new URL('../../src/shared/defang.ts', import.meta.url), 'utf8');
    assert.doesNotMatch(source, /^\s*import\s/m);
  });
});
