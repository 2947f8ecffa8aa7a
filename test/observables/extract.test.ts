import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractObservables, normaliseObservable, ObservableError, OBSERVABLE_TYPES, type Observable } from '../../src/main/observables/index.ts';

function pairs(found: readonly Observable[], type?: string): Array<[string, string]> {
  return found.filter((o) => type === undefined || o.type === type).map((o) => [o.type, o.value]);
}

describe('handles', () => {
  const rows: ReadonlyArray<readonly [string, { urls?: string[]; description?: string; accountHandle?: string | null; platform?: string | null }, readonly string[]]> = [
    ['accountHandle with @, case folded', { accountHandle: '@Scam.Shop', platform: 'instagram' }, ['instagram:scam.shop']],
    ['accountHandle without @', { accountHandle: 'Scam_Shop', platform: 'Instagram' }, ['instagram:scam_shop']],
    ['accountHandle as a profile URL', { accountHandle: 'https://www.instagram.com/Scam.Shop/', platform: 'instagram' }, ['instagram:scam.shop']],
    ['twitter is x', { accountHandle: '@Nassab_1', platform: 'twitter' }, ['x:nassab_1']],
    ['youtube handles keep their @', { accountHandle: '@SomeChannel', platform: 'youtube' }, ['youtube:@somechannel']],
    ['unknown platform keeps the case', { accountHandle: '@SomeOne', platform: 'website' }, ['unknown:SomeOne']],
    ['mentions read with the platform', { description: 'had @Fake.Page w @other_page kaynasbou', platform: 'facebook' }, ['facebook:fake.page', 'facebook:other_page']],
    ['mention at sentence end', { description: 'Compte: @nassab.', platform: 'tiktok' }, ['tiktok:nassab']],
    ['handles from URLs', { urls: ['https://www.tiktok.com/@Nassab/video/7312345678901234567', 'https://x.com/SomeUser/status/1790000000000000000', 'https://t.me/SomeChannel/12'] }, ['tiktok:nassab', 'x:someuser', 'telegram:somechannel']],
    ['facebook numeric profile', { urls: ['https://facebook.com/profile.php?id=100012345678'] }, ['facebook:id:100012345678']],
    ['an e-mail is not a mention', { description: 'mail: a.b@gmail.com', platform: 'instagram' }, []],
    ['invalid telegram name (too short) is not a handle', { description: '@ab', platform: 'telegram' }, []],
  ];
  for (const [name, input, expected] of rows) {
    test(name, () => {
      const found = extractObservables({ urls: input.urls ?? [], description: input.description ?? '', accountHandle: input.accountHandle ?? null, platform: input.platform ?? null });
      assert.deepEqual(found.filter((o) => o.type === 'handle').map((o) => o.value), expected);
    });
  }

  test('a WhatsApp account handle that is a number is a phone', () => {
    const found = extractObservables({ urls: [], description: '', accountHandle: '+212 6 12 34 56 78', platform: 'whatsapp' });
    assert.deepEqual(pairs(found), [['phone', '+212612345678']]);
  });

  test('wa.me and t.me/+ links give phones, not handles', () => {
    const found = extractObservables({ urls: ['https://wa.me/212612345678', 'https://t.me/+212698765432'], description: '' });
    assert.deepEqual(pairs(found, 'phone'), [['phone', '+212612345678'], ['phone', '+212698765432']]);
    assert.deepEqual(pairs(found, 'handle'), []);
  });
});

describe('invite links', () => {
  const rows: ReadonlyArray<readonly [string, string]> = [
    ['https://t.me/joinchat/AbCdEfGh_12-x', 'https://t.me/+AbCdEfGh_12-x'],
    ['t.me/+AbCdEfGh_12-x', 'https://t.me/+AbCdEfGh_12-x'],
    ['https://telegram.me/joinchat/AbCdEfGh_12-x', 'https://t.me/+AbCdEfGh_12-x'],
    ['http://www.t.me/+AbCdEfGh_12-x?utm_source=x', 'https://t.me/+AbCdEfGh_12-x'],
    ['https://chat.whatsapp.com/HxYz1234AbCdEf5678', 'https://chat.whatsapp.com/HxYz1234AbCdEf5678'],
    ['chat.whatsapp.com/invite/HxYz1234AbCdEf5678', 'https://chat.whatsapp.com/HxYz1234AbCdEf5678'],
  ];
  for (const [written, value] of rows) {
    test(written, () => {
      assert.deepEqual(pairs(extractObservables({ urls: [written], description: '' }), 'invite_link'), [['invite_link', value]]);
      assert.deepEqual(pairs(extractObservables({ urls: [], description: `join: ${written} !` }), 'invite_link'), [['invite_link', value]]);
      assert.equal(normaliseObservable('invite_link', written), value);
    });
  }

  test('codes are case-sensitive', () => {
    const found = extractObservables({ urls: ['https://t.me/+AbCdEfGh12', 'https://t.me/+abcdefgh12'], description: '' });
    assert.deepEqual(pairs(found, 'invite_link').map(([, v]) => v), ['https://t.me/+AbCdEfGh12', 'https://t.me/+abcdefgh12']);
  });

  test('a channel is not an invite', () => {
    assert.deepEqual(pairs(extractObservables({ urls: ['https://t.me/somechannel'], description: '' }), 'invite_link'), []);
    assert.throws(() => normaliseObservable('invite_link', 'https://t.me/somechannel'), (e: unknown) => e instanceof ObservableError && e.code === 'observable.invalid_invite_link');
  });
});

describe('IP addresses', () => {
  const rows: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['server 185.23.4.10 and 8.8.8.8.', ['185.23.4.10', '8.8.8.8']],
    ['defanged 185[.]23[.]4[.]10', ['185.23.4.10']],
    ['v6 2001:DB8:0:0:0:0:0:1 and fe80::1', ['2001:db8::1', 'fe80::1']],
    ['mapped ::ffff:192.0.2.1', ['::ffff:c000:201']],
    ['not: 256.1.1.1, 1.2.3, 01.2.3.4, 12:30:45, aa:bb:cc:dd:ee:ff, ::', []],
  ];
  for (const [text, expected] of rows) test(text, () => assert.deepEqual(pairs(extractObservables({ urls: [], description: text }), 'ip').map(([, v]) => v), expected));

  test('normaliseObservable(ip)', () => {
    assert.equal(normaliseObservable('ip', '2001:0DB8::0001'), '2001:db8::1');
    assert.equal(normaliseObservable('ip', '[2001:db8::1]'), '2001:db8::1');
    assert.throws(() => normaliseObservable('ip', '300.1.1.1'), (e: unknown) => e instanceof ObservableError && e.code === 'observable.invalid_ip');
  });
});

describe('extractObservables', () => {
  test('a full report: every kind, deduplicated, in type order', () => {
    const found = extractObservables({
      urls: ['https://www.instagram.com/Scam.Shop/', 'https://chat.whatsapp.com/HxYz1234AbCdEf5678', 'https://Scam-Shop.ma/promo?fbclid=abc'],
      description:
        'Salam, had l compte @scam.shop kaybi3 iPhone b 2000 DH. Tel 06 12 34 56 78 wla +212 6 12 34 56 78 (nafs nmra). ' +
        'Mail: scam [at] gmail [dot] com. RIB 011 519 0000012050005349 21. BTC bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4. ' +
        'Site scam-shop.ma, serveur 185.23.4.10. Le 06.12.2024 à 15h30, réf IBL-2026-0000041.',
      accountHandle: '@Scam.Shop',
      platform: 'instagram',
    });
    assert.deepEqual(pairs(found), [
      ['url', 'https://instagram.com/Scam.Shop'],
      ['url', 'https://chat.whatsapp.com/HxYz1234AbCdEf5678'],
      ['url', 'https://scam-shop.ma/promo'],
      ['domain', 'instagram.com'],
      ['domain', 'whatsapp.com'],
      ['domain', 'scam-shop.ma'],
      ['ip', '185.23.4.10'],
      ['email', 'scam@gmail.com'],
      ['phone', '+212612345678'],
      ['handle', 'instagram:scam.shop'],
      ['crypto_address', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
      ['bank_account', '011519000001205000534921'],
      ['invite_link', 'https://chat.whatsapp.com/HxYz1234AbCdEf5678'],
    ]);
    const keys = found.map((o) => `${o.type}:${o.value}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  test('the first occurrence is kept (URL list, then account handle, then description)', () => {
    const found = extractObservables({ urls: ['https://wa.me/212612345678'], description: 'tel 0612345678' });
    assert.equal(found.find((o) => o.type === 'phone')?.detail?.source, 'url');
  });

  test('what is not a URL in the URL list is read as text', () => {
    const found = extractObservables({ urls: ['0612345678', 'scam [at] gmail [dot] com'], description: '' });
    assert.deepEqual(pairs(found), [['email', 'scam@gmail.com'], ['phone', '+212612345678']]);
  });

  test('only content goes in: the input has no reporter block', () => {
    // The reporter's identity is a separate part of a report; extraction receives content only.
    const input = { urls: [], description: 'contenu signalé', accountHandle: null, platform: 'facebook', reporter: { email: 'citizen@mail.ma', phone: '0611111111' } };
    const found = extractObservables(input as unknown as Parameters<typeof extractObservables>[0]);
    assert.deepEqual(found, []);
  });

  test('odd input never throws', () => {
    assert.deepEqual(extractObservables({ urls: [], description: '' }), []);
    assert.deepEqual(extractObservables({ urls: ['', ' ', 'javascript:alert(1)', 'x'.repeat(10_000)], description: '\u0000\uFFFF\uD800' }), []);
    assert.doesNotThrow(() => extractObservables({ urls: null as unknown as string[], description: null as unknown as string, accountHandle: 42 as unknown as string }));
  });

  test('long descriptions are truncated to 100 kB', () => {
    const found = extractObservables({ urls: [], description: `${'x '.repeat(60_000)} 0612345678` });
    assert.deepEqual(found, []);
  });

  describe('hostile inputs finish quickly (linear patterns)', () => {
    const N = 100_000;
    const inputs: ReadonlyArray<readonly [string, string]> = [
      ['digits', '1'.repeat(N)],
      ['spaced digits', '1 '.repeat(N / 2)],
      ['dotted digits', '1.'.repeat(N / 2)],
      ['dashed digits', '0-'.repeat(N / 2)],
      ['plus digits', '+1 (0) '.repeat(N / 7)],
      ['at signs', 'a@'.repeat(N / 2)],
      ['dotted labels', `a@${'a.'.repeat(N / 2 - 2)}`],
      ['obfuscation words', 'a [at] b [dot] '.repeat(N / 15)],
      ['spaces around at', `a${' '.repeat(N / 2)}@${' '.repeat(N / 2 - 2)}b`],
      ['at words', 'a at b dot '.repeat(N / 11)],
      ['mentions', '@'.repeat(N)],
      ['long mention', `@${'a'.repeat(N - 1)}`],
      ['hex', `0x${'a'.repeat(N - 2)}`],
      ['base58', `1${'z'.repeat(N - 1)}`],
      ['bech32', `bc1${'q'.repeat(N - 3)}`],
      ['colons', ':'.repeat(N)],
      ['hex and colons', 'a:'.repeat(N / 2)],
      ['ipv4 like', '1.2.3.4.'.repeat(N / 8)],
      ['urls', 'http://a.b/'.repeat(N / 11)],
      ['long url', `https://example.com/${'a'.repeat(N - 20)}`],
      ['dots', '.'.repeat(N)],
      ['domains', 'a.com '.repeat(N / 6)],
      ['IBAN like', `MA${'1 '.repeat(N / 2 - 1)}`],
      ['arabic digits', '٠'.repeat(N)],
      ['mixed', 'x@y.z 0612 1.2 @a 0x1 MA12 '.repeat(N / 28)],
    ];
    for (const [name, text] of inputs) {
      test(name, () => {
        const started = performance.now();
        extractObservables({ urls: [text.slice(0, 5000)], description: text, accountHandle: text.slice(0, 1000), platform: 'instagram' });
        const elapsed = performance.now() - started;
        assert.ok(elapsed < 1000, `${name}: ${elapsed.toFixed(0)} ms`);
      });
    }
  });
});

describe('normaliseObservable', () => {
  test('one value per type', () => {
    assert.equal(normaliseObservable('url', 'HTTP://WWW.Example.com/a/?utm_source=x'), 'https://example.com/a');
    assert.equal(normaliseObservable('domain', 'https://www.sub.example.co.uk/x'), 'example.co.uk');
    assert.equal(normaliseObservable('domain', 'xn--mnchen-3ya.de'), 'münchen.de');
    assert.equal(normaliseObservable('handle', 'instagram:Scam.Shop'), 'instagram:scam.shop');
    assert.equal(normaliseObservable('handle', 'https://www.tiktok.com/@Nassab'), 'tiktok:nassab');
    assert.equal(normaliseObservable('handle', 'facebook:id:100012345678'), 'facebook:id:100012345678');
    assert.equal(normaliseObservable('handle', '@SomeOne'), 'unknown:SomeOne');
    assert.equal(normaliseObservable('invite_link', 'telegram.me/joinchat/AbCdEfGh12'), 'https://t.me/+AbCdEfGh12');
  });

  test('hand-added and extracted values agree', () => {
    const found = extractObservables({
      urls: ['https://münchen.de/x', 'https://t.me/joinchat/AbCdEfGh12'],
      description: 'scam [at] gmail [dot] com 06 12 34 56 78 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed 185.23.4.10 MA64 0115 1900 0001 2050 0053 4921 @Scam.Shop',
      platform: 'instagram',
    });
    const raw: Record<string, string> = {
      url: 'https://münchen.de/x',
      domain: 'MÜNCHEN.de',
      email: 'SCAM@gmail.com',
      phone: '+212612345678',
      crypto_address: '0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED',
      ip: '185.23.4.10',
      bank_account: '011519000001205000534921',
      handle: 'instagram:scam.shop',
      invite_link: 'https://t.me/+AbCdEfGh12',
    };
    for (const type of OBSERVABLE_TYPES) {
      const value = normaliseObservable(type, raw[type] as string);
      assert.ok(found.some((o) => o.type === type && o.value === value), `${type}: ${value}`);
    }
  });

  test('clear error codes', () => {
    const code = (type: string, value: string): string | undefined => {
      try {
        normaliseObservable(type, value);
        return undefined;
      } catch (e) {
        return e instanceof ObservableError ? e.code : 'other';
      }
    };
    assert.equal(code('colour', 'red'), 'observable.unknown_type');
    assert.equal(code('url', '   '), 'observable.empty');
    assert.equal(code('url', 'x'.repeat(5000)), 'observable.too_long');
    assert.equal(code('url', 'javascript:alert(1)'), 'observable.invalid_url');
    assert.equal(code('handle', 'instagram:bad name!'), 'observable.invalid_handle');
    assert.equal(code('bank_account', '123'), 'observable.invalid_bank_account');
  });
});
