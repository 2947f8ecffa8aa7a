import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractObservables, normaliseObservable, ObservableError } from '../../src/main/observables/index.ts';

function emails(description: string): string[] {
  return extractObservables({ urls: [], description }).filter((o) => o.type === 'email').map((o) => o.value);
}

const TABLE: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['contact: Scammer.Name@Gmail.COM', ['scammer.name@gmail.com']],
  ['name [at] domain [dot] com', ['name@domain.com']],
  ['name[at]domain[dot]com', ['name@domain.com']],
  ['name(at)domain(dot)com', ['name@domain.com']],
  ['name (at) domain (dot) co (dot) uk', ['name@domain.co.uk']],
  ['name{at}domain{dot}ma', ['name@domain.ma']],
  ['name <at> domain <dot> org', ['name@domain.org']],
  ['name [AT] domain [DOT] com', ['name@domain.com']],
  ['name [arobase] domain [point] fr', ['name@domain.fr']],
  ['name @ domain . com', ['name@domain.com']],
  ['name @ domain.com', ['name@domain.com']],
  ['name at domain dot com', ['name@domain.com']],
  ['name[@]domain[.]com', ['name@domain.com']],
  ['name [آت] domain [نقطة] com', ['name@domain.com']],
  ['name(ات)domain(دوت)ma', ['name@domain.ma']],
  ['name＠domain.com', ['name@domain.com']],
  ['sift l a.b+tag@sub.example.co.uk daba', ['a.b+tag@sub.example.co.uk']],
  ['write to a@b.com. Thanks', ['a@b.com']],
  ['a@b.com,c@d.org;e@f.net', ['a@b.com', 'c@d.org', 'e@f.net']],
  ['mailto:x@y.com', ['x@y.com']],
  // Not addresses.
  ['meet at cafe.ma', []],
  ['name@localhost', []],
  ['name@domain.invalidtld', []],
  ['.name@domain.com', []],
  ['na..me@domain.com', []],
  ['name@-domain.com', []],
  ['follow @someone on instagram', []],
  ['@Scam.Shop. Tel 0612345678', []],
  ['price 5@10.00', []],
];

describe('e-mail addresses', () => {
  for (const [text, expected] of TABLE) test(JSON.stringify(text), () => assert.deepEqual(emails(text), expected));

  test('the written form is kept as display', () => {
    const [email] = extractObservables({ urls: [], description: 'mail: name [at] domain [dot] com' }).filter((o) => o.type === 'email');
    assert.equal(email?.display, 'name [at] domain [dot] com');
  });

  test('normaliseObservable(email)', () => {
    assert.equal(normaliseObservable('email', ' Name@Domain.COM '), 'name@domain.com');
    assert.equal(normaliseObservable('email', 'name [at] domain [dot] com'), 'name@domain.com');
    assert.equal(normaliseObservable('email', 'mailto:Name@Domain.com'), 'name@domain.com');
    for (const bad of ['name', 'name@domain', 'a@b.com c@d.com', 'name@domain.com extra words', 'na..me@x.com']) {
      assert.throws(() => normaliseObservable('email', bad), (e: unknown) => e instanceof ObservableError && e.code === 'observable.invalid_email', bad);
    }
  });
});
