/**
 * Offline URL diagnostics: pure, no traffic. Table-driven: IDN both ways,
 * scripts, homographs of the platforms and institutions in
 * resources/diagnostics/url-targets.json, real domains left alone,
 * shorteners, URL tricks, defanged and hostile input.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import targets from '../../resources/diagnostics/url-targets.json' with { type: 'json' };
import confusablesTable from '../../resources/diagnostics/confusables.json' with { type: 'json' };
import shorteners from '../../resources/diagnostics/url-shorteners.json' with { type: 'json' };
import { CONFUSABLES_VERSION, confusable, hostSkeleton, skeleton } from '../../src/main/diagnostics/confusables.ts';
import { isMixedScript, scriptsOf } from '../../src/main/diagnostics/scripts.ts';
import { diagnoseUrlOffline } from '../../src/main/diagnostics/url-offline.ts';
import { OfflineUrlDiagnosis } from '../../src/shared/diagnostics.ts';

describe('UTS #39 skeleton', () => {
  test('the table is Unicode’s confusables.txt, whole', () => {
    assert.equal(CONFUSABLES_VERSION, '16.0.0');
    const sources = Object.values(confusablesTable.prototypes as Record<string, string>).flatMap((s) => s.split(' '));
    assert.equal(sources.length, confusablesTable.mappings);
    assert.equal(new Set(sources).size, sources.length, 'each character has one prototype');
    assert.ok(confusablesTable.mappings > 6000);
  });

  // Examples from UTS #39 (section 4, "Confusable Detection") and lines of confusables.txt.
  const PAIRS: [string, string, boolean][] = [
    ['paypal', 'pаypal', true], // U+0430 CYRILLIC SMALL LETTER A
    ['scope', 'ѕсоре', true], // whole-script Cyrillic
    ['søs', 'so\u0337s', true], // ø and o + COMBINING SHORT SOLIDUS OVERLAY
    ['paypal', 'paypa1', true], // DIGIT ONE → l
    ['rn', 'm', true], // m → rn
    ['Å', 'A\u030a', true], // NFD first
    ['ab', 'a\u00adb', true], // default ignorables removed (soft hyphen)
    ['paypal', 'paypa', false],
    ['apple', 'appie', false],
  ];
  for (const [a, b, same] of PAIRS) {
    test(`${JSON.stringify(a)} ${same ? '≈' : '≠'} ${JSON.stringify(b)}`, () => {
      assert.equal(confusable(a, b), same);
    });
  }

  test('known prototypes', () => {
    assert.equal(skeleton('0'), 'O');
    assert.equal(skeleton('I'), 'l');
    assert.equal(skeleton('ǉ'), 'lj');
    assert.equal(skeleton('ℐ'), 'l');
    assert.equal(hostSkeleton('faceb00k'), 'facebook', 'host names fold case after the mapping');
  });
});

describe('scripts', () => {
  test('per label, Common and Inherited left out', () => {
    assert.deepEqual(scriptsOf('аpple'), ['Cyrillic', 'Latin']);
    assert.deepEqual(scriptsOf('مثال'), ['Arabic']);
    assert.deepEqual(scriptsOf('paypa1-2'), ['Latin']);
    assert.deepEqual(scriptsOf('ⵜⴰⵎⴰⵣⵉⵖⵜ'), ['Tifinagh']);
  });
  test('"highly restrictive" mixing (UTS #39 5.2)', () => {
    assert.equal(isMixedScript('paypal'), false);
    assert.equal(isMixedScript('pаypal'), true);
    assert.equal(isMixedScript('مثال٣'), false, 'Arabic-Indic digits go with Arabic (Script_Extensions)');
    assert.equal(isMixedScript('ドメイン名例'), false, 'Katakana + Han');
    assert.equal(isMixedScript('abc東京'), false, 'Latin + Han');
    assert.equal(isMixedScript('xyzαβγ'), true, 'Latin + Greek');
    assert.equal(isMixedScript('مثالabc'), true, 'Arabic + Latin');
    assert.equal(isMixedScript('123-'), false);
  });
});

interface Row {
  input: string;
  unicode?: string;
  ascii?: string;
  registrable?: string | null;
  suffix?: string | null;
  flags?: string[];
  imitates?: string | null;
  kind?: string;
  substitutedScripts?: string[];
  shortener?: string | null;
  platform?: string | null;
  account?: string | null;
  postId?: string | null;
  scripts?: string[][];
}

const ROWS: Row[] = [
  // IDN both ways.
  { input: 'https://مثال.إختبار/', unicode: 'مثال.إختبار', ascii: 'xn--mgbh0fb.xn--kgbechtv', registrable: 'مثال.إختبار', suffix: 'إختبار', flags: ['idn'], imitates: null, scripts: [['Arabic'], ['Arabic']] },
  { input: 'http://xn--mgbh0fb.xn--kgbechtv/', unicode: 'مثال.إختبار', ascii: 'xn--mgbh0fb.xn--kgbechtv', flags: ['idn', 'punycode_label'] },
  { input: 'https://موقع.المغرب/ar', unicode: 'موقع.المغرب', ascii: 'xn--4gbrim.xn--mgbc0a9azcg', registrable: 'موقع.المغرب', suffix: 'المغرب', flags: ['idn'] },
  { input: 'https://bücher.ma', unicode: 'bücher.ma', ascii: 'xn--bcher-kva.ma', registrable: 'bücher.ma', suffix: 'ma', flags: ['idn'], imitates: null },
  { input: 'https://xn--bcher-kva.ma/x', unicode: 'bücher.ma', ascii: 'xn--bcher-kva.ma', flags: ['idn', 'punycode_label'] },
  { input: 'https://сайт.рф', unicode: 'сайт.рф', ascii: 'xn--80aswg.xn--p1ai', flags: ['idn'], imitates: null },
  { input: 'https://ドメイン名例.jp', ascii: 'xn--eckwd4c7cu47r2wf.jp', flags: ['idn'], scripts: [['Katakana', 'Han'], ['Latin']] },
  // Cyrillic and Greek homographs.
  { input: 'https://аpple.com', ascii: 'xn--pple-43d.com', imitates: 'apple.com', kind: 'homograph', substitutedScripts: ['Cyrillic'], flags: ['idn', 'mixed_script', 'confusable_platform'] },
  { input: 'http://xn--pple-43d.com', unicode: 'аpple.com', imitates: 'apple.com', flags: ['idn', 'punycode_label', 'mixed_script', 'confusable_platform'] },
  { input: 'https://xn--80ak6aa92e.com', unicode: 'аррӏе.com', imitates: 'apple.com', kind: 'homograph', substitutedScripts: ['Cyrillic'], flags: ['idn', 'punycode_label', 'confusable_platform'] },
  { input: 'https://fаcebook.com/login', imitates: 'facebook.com', kind: 'homograph', substitutedScripts: ['Cyrillic'], flags: ['idn', 'mixed_script', 'confusable_platform'] },
  { input: 'https://instagrаm.com/p/abc', imitates: 'instagram.com', kind: 'homograph', substitutedScripts: ['Cyrillic'] },
  { input: 'https://gοogle.com', imitates: 'google.com', kind: 'homograph', substitutedScripts: ['Greek'], flags: ['idn', 'mixed_script', 'confusable_platform'] },
  { input: 'https://раураl.com', imitates: 'paypal.com', kind: 'homograph', substitutedScripts: ['Cyrillic'], flags: ['idn', 'mixed_script', 'confusable_platform'] },
  { input: 'https://ѕсоре.com', imitates: null, flags: ['idn'], scripts: [['Cyrillic'], ['Latin']] },
  { input: 'https://х.com/someone/status/1', ascii: 'xn--u1a.com', imitates: 'x.com', kind: 'homograph', substitutedScripts: ['Cyrillic'] },
  { input: 'https://сnss.ma', imitates: 'cnss.ma', kind: 'homograph', substitutedScripts: ['Cyrillic'] },
  { input: 'https://wһatsapp.com', imitates: 'whatsapp.com', kind: 'homograph', substitutedScripts: ['Cyrillic'] },
  { input: 'https://attijаriwafabank.com', imitates: 'attijariwafabank.com', kind: 'homograph' },
  // Digit and letter substitutions.
  { input: 'paypa1.com', imitates: 'paypal.com', kind: 'homograph', substitutedScripts: ['Common'], flags: ['confusable_platform'] },
  { input: 'hxxps[://]faceb00k-login[.]com/x', unicode: 'faceb00k-login.com', imitates: 'facebook.com', kind: 'embedded', flags: ['confusable_platform'] },
  { input: 'https://www.1nstagram-verify.com', imitates: 'instagram.com', kind: 'embedded' },
  { input: 'https://rnicrosoft.com', imitates: 'microsoft.com', kind: 'homograph' },
  { input: 'https://g00gle.co.ma', imitates: 'google.com', kind: 'homograph' },
  { input: 'https://netfl1x-billing.com', imitates: 'netflix.com', kind: 'embedded' },
  // The name inside other hosts.
  { input: 'https://www.attijariwafabank-secure.com', imitates: 'attijariwafabank.com', kind: 'embedded' },
  { input: 'https://paypal.com.verify.example.com', imitates: 'paypal.com', kind: 'embedded', registrable: 'example.com' },
  { input: 'https://tax.gov.ma.secure.xyz', imitates: 'tax.gov.ma', kind: 'embedded' },
  { input: 'https://dgsn-plainte.com', imitates: 'dgsn.gov.ma', kind: 'embedded' },
  { input: 'https://cihbank-ma.net', imitates: 'cihbank.ma', kind: 'embedded' },
  { input: 'https://facebook.net.ma', imitates: 'facebook.net', kind: 'embedded' },
  { input: 'https://facebook.co.ma', imitates: 'facebook.com', kind: 'same_name' },
  { input: 'https://instagram.support-team.example', imitates: 'instagram.com', kind: 'same_name' },
  { input: 'https://iblagh-ma.com', imitates: 'iblagh.ma', kind: 'embedded' },
  // Real domains and their subdomains: never flagged.
  { input: 'https://www.facebook.com/some.page/posts/123', imitates: null, flags: [], platform: 'facebook', account: 'some.page', registrable: 'facebook.com' },
  { input: 'https://business.facebook.com/x', imitates: null, flags: [] },
  { input: 'https://m.facebook.com/story.php?story_fbid=1&id=2', imitates: null, platform: 'facebook', postId: '1' },
  { input: 'https://www.paypal.com/signin', imitates: null, flags: [] },
  { input: 'https://mail.google.com', imitates: null, flags: [] },
  { input: 'https://google.co.ma', imitates: null, flags: [], registrable: 'google.co.ma', suffix: 'co.ma' },
  { input: 'https://google.fr', imitates: null },
  { input: 'https://amazon.co.uk', imitates: null },
  { input: 'https://www.attijariwafabank.com', imitates: null },
  { input: 'https://attijarinet.ma', imitates: null },
  { input: 'https://www.dgsn.gov.ma/fr', imitates: null, registrable: 'dgsn.gov.ma', suffix: 'gov.ma' },
  { input: 'https://portail.tax.gov.ma', imitates: null },
  { input: 'https://www.cnss.ma', imitates: null },
  { input: 'https://iam.ma', imitates: null },
  { input: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', imitates: null, platform: 'youtube', postId: 'dQw4w9WgXcQ' },
  { input: 'youtu.be/dQw4w9WgXcQ', imitates: null, platform: 'youtube', postId: 'dQw4w9WgXcQ' },
  { input: 'https://t.me/somechannel', imitates: null, platform: 'telegram', account: 'somechannel' },
  { input: 'https://tiktok.com/@user/video/7', imitates: null, platform: 'tiktok' },
  // Ordinary sites that only share letters with a name.
  { input: 'https://pineapple.com', imitates: null, flags: [] },
  { input: 'https://outlookindia.com', imitates: null },
  { input: 'https://x.ma', imitates: null },
  { input: 'https://maximum.com', imitates: null },
  { input: 'https://william.fr', imitates: null },
  { input: 'https://chaabi-music.com', imitates: null },
  { input: 'https://appie.com', imitates: null },
  { input: 'https://hespress.com', imitates: null, flags: [] },
  { input: 'https://www.google-analytics.com/analytics.js', imitates: null },
  { input: 'https://www.banquepopulaire.fr', imitates: null },
  { input: 'https://le360.ma', imitates: null, flags: [] },
  { input: 'https://www.avito.ma/fr/maroc', imitates: null, flags: [] },
  { input: 'https://www.oncf.ma', imitates: null, flags: [] },
  // Shorteners.
  { input: 'bit.ly/abc', shortener: 'bit.ly', flags: ['shortener'], imitates: null },
  { input: 'https://tinyurl.com/xyz', shortener: 'tinyurl.com' },
  { input: 'https://preview.tinyurl.com/xyz', shortener: 'tinyurl.com' },
  { input: 'https://t.co/abc', shortener: 't.co', imitates: null },
  { input: 'hxxps://cutt[.]ly/q1', shortener: 'cutt.ly' },
  { input: 'https://qrco.de/b', shortener: 'qrco.de' },
  { input: 'https://rb.gy/x', shortener: 'rb.gy' },
  { input: 'https://bitly.example.com', shortener: null },
  // URL tricks.
  { input: 'https://facebook.com@evil.example/', unicode: 'evil.example', imitates: 'facebook.com', kind: 'userinfo', flags: ['userinfo', 'confusable_platform'] },
  { input: 'https://user:pw@paypal.com/', unicode: 'paypal.com', imitates: null, flags: ['userinfo'] },
  { input: 'http://192.168.1.1:8080/a', unicode: '192.168.1.1', registrable: null, flags: ['ip_literal', 'non_default_port'] },
  { input: 'http://0x7f.1/', unicode: '127.0.0.1', flags: ['ip_literal'] },
  { input: 'https://[2001:db8::1]:8443/', unicode: '[2001:db8::1]', flags: ['ip_literal', 'non_default_port'] },
  { input: 'https://example.com:443/', flags: [] },
  { input: 'http://example.com:80/', flags: [] },
  { input: 'http://example.com:443/', flags: [] },
  { input: 'https://example.com:8443/', flags: ['non_default_port'] },
  { input: 'https://a.b.c.d.example.com', flags: ['many_subdomains'] },
  { input: 'https://a.b.c.example.com', flags: [] },
  { input: `https://example.com/${'a'.repeat(600)}`, flags: ['very_long'] },
  { input: `https://${'a'.repeat(60)}.${'b'.repeat(20)}.com`, flags: ['very_long'] },
  { input: 'https://pay\u200bpal.com/verify', unicode: 'paypal.com', flags: ['invisible_chars'] },
  // Defanged forms.
  { input: 'hxxp://x[.]y[.]z', unicode: 'x.y.z' },
  { input: 'hxxps[://]www[.]facebook[.]com/some.page', unicode: 'www.facebook.com', platform: 'facebook', account: 'some.page', imitates: null },
  { input: '« https://bit.ly/3abc »', shortener: 'bit.ly' },
];

describe('one URL, offline', () => {
  for (const row of ROWS) {
    test(row.input.length > 80 ? `${row.input.slice(0, 60)}… (${row.input.length})` : row.input, () => {
      const d = diagnoseUrlOffline(row.input);
      OfflineUrlDiagnosis.parse(d);
      assert.equal(d.parsed, true, `parsed (${d.error})`);
      if (row.unicode !== undefined) assert.equal(d.host?.unicode, row.unicode);
      if (row.ascii !== undefined) assert.equal(d.host?.ascii, row.ascii);
      if (row.registrable !== undefined) assert.equal(d.registrableDomain, row.registrable);
      if (row.suffix !== undefined) assert.equal(d.publicSuffix, row.suffix);
      if (row.flags !== undefined) assert.deepEqual([...d.flags].sort(), [...row.flags].sort());
      if (row.imitates !== undefined) assert.equal(d.confusable?.imitates ?? null, row.imitates, JSON.stringify(d.confusable));
      if (row.kind !== undefined) assert.equal(d.confusable?.kind, row.kind);
      if (row.substitutedScripts !== undefined) assert.deepEqual([...new Set(d.confusable?.substitutions.map((s) => s.script))], row.substitutedScripts);
      if (row.shortener !== undefined) {
        assert.equal(d.shortenerService, row.shortener);
        assert.equal(d.shortener, row.shortener !== null);
      }
      if (row.platform !== undefined) assert.equal(d.platform, row.platform);
      if (row.account !== undefined) assert.equal(d.account, row.account);
      if (row.postId !== undefined) assert.equal(d.postId, row.postId);
      if (row.scripts !== undefined) assert.deepEqual(d.scripts.map((s) => s.scripts), row.scripts);
      assert.equal(d.host?.isIdn, d.flags.includes('idn'));
    });
  }

  test('what a substitution says', () => {
    const d = diagnoseUrlOffline('https://аpple.com');
    assert.deepEqual(d.confusable?.substitutions, [{ char: 'а', codePoint: 'U+0430', script: 'Cyrillic', looksLike: 'a' }]);
    assert.equal(d.confusable?.label, 'аpple');
    assert.equal(d.confusable?.skeleton, 'apple');
    assert.equal(d.canonical, 'https://xn--pple-43d.com');
  });

  test('no real domain of a target is flagged, nor its www. and other subdomains', () => {
    for (const target of targets.targets) {
      for (const domain of target.domains) {
        for (const host of [domain, `www.${domain}`, `login.secure.${domain}`]) {
          const d = diagnoseUrlOffline(`https://${host}/`);
          assert.equal(d.confusable, null, `${host}: ${JSON.stringify(d.confusable)}`);
          assert.ok(!d.flags.includes('confusable_platform'), host);
        }
      }
    }
  });

  test('every target name, written with a look-alike (Cyrillic, Greek, Canadian syllabics, IPA), is flagged as its target', () => {
    const LOOK_ALIKE: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і', s: 'ѕ', j: 'ј', h: 'һ', d: 'ԁ', w: 'ԝ', q: 'ԛ', n: 'ո', v: 'ν', u: 'υ', g: 'ɡ', b: 'ᑲ', r: 'г' };
    for (const target of targets.targets) {
      for (const name of target.names) {
        const index = [...name].findIndex((ch) => LOOK_ALIKE[ch] !== undefined);
        if (index < 0) continue;
        const chars = [...name];
        chars[index] = LOOK_ALIKE[chars[index]!]!;
        const spoof = `${chars.join('')}.com`;
        const d = diagnoseUrlOffline(`https://${spoof}/`);
        assert.equal(d.confusable?.target, target.id, `${spoof} (${name}): ${JSON.stringify(d.confusable)}`);
        assert.equal(d.confusable?.kind, 'homograph', spoof);
      }
    }
  });
});

describe('bad input never throws, is refused with a code, and is fast', () => {
  const REFUSED: [unknown, string][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u0000'.repeat(100), 'empty'],
    ['javascript:alert(1)', 'unsupported_scheme'],
    ['JaVaScRiPt:alert(document.cookie)', 'unsupported_scheme'],
    ['data:text/html,<script>alert(1)</script>', 'unsupported_scheme'],
    ['vbscript:x', 'unsupported_scheme'],
    ['file:///etc/passwd', 'unsupported_scheme'],
    ['mailto:a@b.c', 'unsupported_scheme'],
    ['a'.repeat(4097), 'too_long'],
    [`https://example.com/${'x'.repeat(5000)}`, 'too_long'],
    ['just some words', 'no_host'],
    ['0661234567', 'no_host'],
    ['.'.repeat(4096), 'invalid_host'],
    [`https://${'a.'.repeat(2000)}`, 'invalid_host'],
    [`https://${'a-'.repeat(1000)}.com`, 'invalid_host'],
    [`https://${'ꙮ'.repeat(60)}.com`, 'invalid_host'],
    ['https://a..b.com', 'invalid_host'],
    ['https://%00.com', 'unparseable'],
    ['http://[::1', 'unparseable'],
    [`https://${'\u0301'.repeat(4000)}.com`, 'unparseable'],
    [42, 'empty'],
    [null, 'empty'],
  ];
  for (const [input, error] of REFUSED) {
    const label = typeof input === 'string' ? JSON.stringify(input.slice(0, 40)) + (input.length > 40 ? `… (${input.length})` : '') : String(input);
    test(`${label} → ${error}`, () => {
      const d = diagnoseUrlOffline(input);
      OfflineUrlDiagnosis.parse(d);
      assert.equal(d.parsed, false);
      assert.equal(d.error, error);
      assert.equal(d.host, null);
      assert.ok(d.input.length <= 4096);
    });
  }

  test('a corpus of hostile strings: no throw, every answer valid, under 250 ms each (a shared, loaded machine)', () => {
    const corpus: string[] = [
      '@'.repeat(4000),
      '['.repeat(4000),
      `https://${'xn--'.repeat(1000)}`,
      'https://xn--.com',
      'https://xn--zzzzzzzz.com',
      '\ud800\udc00\ud800',
      'https://\u202emoc.evil',
      `https://${'ا'.repeat(4000)}`,
      `https://faceb00k.com/${'%'.repeat(3000)}`,
      `https://${'1'.repeat(63)}.${'0'.repeat(63)}.com`,
      `${'hxxps[://]'.repeat(400)}x[.]com`,
      `https://${'а'.repeat(63)}.com`,
      `https://${Array.from({ length: 120 }, () => 'f').join('.')}.com`,
      `https://${'faceb00k-'.repeat(7)}x.com`,
      `https://user@${'@'.repeat(1000)}example.com`,
      '\u0000\u0001\u0002https://example.com',
    ];
    for (let cp = 0x2000; cp < 0x2100; cp++) corpus.push(`https://a${String.fromCodePoint(cp)}b.com`);
    for (const input of corpus) {
      const start = performance.now();
      const d = diagnoseUrlOffline(input);
      const ms = performance.now() - start;
      OfflineUrlDiagnosis.parse(d);
      assert.ok(ms < 250, `${JSON.stringify(input.slice(0, 40))} took ${ms.toFixed(1)} ms`);
    }
  });
});

describe('the data lists', () => {
  test('targets: unique ids, lower-case names and real domains that are registrable domains', () => {
    const ids = targets.targets.map((t) => t.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const target of targets.targets) {
      assert.ok(['substring', 'token', 'label'].includes(target.match), target.id);
      for (const name of target.names) assert.match(name, /^[a-z0-9]+$/, `${target.id}: ${name}`);
      for (const domain of target.domains) assert.match(domain, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/, `${target.id}: ${domain}`);
      assert.ok(target.domains.some((d) => target.display === d || target.display.endsWith(`.${d}`)), `${target.id}: ${target.display} is one of its domains`);
    }
  });
  test('shorteners: unique lower-case hosts, each flagged as itself', () => {
    const hosts = shorteners.shorteners;
    assert.equal(new Set(hosts).size, hosts.length);
    for (const host of hosts) {
      assert.match(host, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      assert.equal(diagnoseUrlOffline(`https://${host}/abc`).shortenerService, host);
    }
  });
});
