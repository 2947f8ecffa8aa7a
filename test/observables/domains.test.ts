import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractObservables, normaliseObservable, ObservableError, registrableDomain } from '../../src/main/observables/index.ts';

function domains(urls: string[], description = ''): string[] {
  return extractObservables({ urls, description }).filter((o) => o.type === 'domain').map((o) => o.value);
}

/** [host or URL as written, registrable domain (Unicode, lower case), its ASCII form]. */
const TABLE: ReadonlyArray<readonly [string, string, string]> = [
  ['https://www.example.com/a', 'example.com', 'example.com'],
  ['https://a.b.example.co.uk/x', 'example.co.uk', 'example.co.uk'],
  ['https://www.justice.gov.ma/fr', 'justice.gov.ma', 'justice.gov.ma'],
  ['https://sub.dgsn.gov.ma', 'dgsn.gov.ma', 'dgsn.gov.ma'],
  ['https://www.hespress.ma/x', 'hespress.ma', 'hespress.ma'],
  ['https://shop.co.ma', 'shop.co.ma', 'shop.co.ma'],
  ['https://arnaque-promo.blogspot.com/2024/01/post.html', 'arnaque-promo.blogspot.com', 'arnaque-promo.blogspot.com'],
  ['https://someone.github.io/page', 'someone.github.io', 'someone.github.io'],
  ['https://blogspot.com', 'blogspot.com', 'blogspot.com'],
  ['https://münchen.de/x', 'münchen.de', 'xn--mnchen-3ya.de'],
  ['https://xn--mnchen-3ya.de/x', 'münchen.de', 'xn--mnchen-3ya.de'],
  ['https://MÜNCHEN.DE', 'münchen.de', 'xn--mnchen-3ya.de'],
  ['https://www.bücher.co.uk', 'bücher.co.uk', 'xn--bcher-kva.co.uk'],
  ['https://موقع.المغرب/صفحة', 'موقع.المغرب', 'xn--4gbrim.xn--mgbc0a9azcg'],
  ['https://xn--4gbrim.xn--mgbc0a9azcg/x', 'موقع.المغرب', 'xn--4gbrim.xn--mgbc0a9azcg'],
  ['https://sub.موقع.المغرب', 'موقع.المغرب', 'xn--4gbrim.xn--mgbc0a9azcg'],
];

describe('registrable domains', () => {
  for (const [written, value, ascii] of TABLE) {
    test(written, () => {
      const found = extractObservables({ urls: [written], description: '' }).filter((o) => o.type === 'domain');
      assert.equal(found.length, 1);
      assert.equal(found[0]?.value, value);
      assert.equal(found[0]?.detail?.ascii, ascii);
      assert.equal(found[0]?.detail?.idn, value !== ascii);
      assert.equal(normaliseObservable('domain', written), value);
    });
  }

  test('Unicode, punycode and upper-case spellings are one observable', () => {
    assert.deepEqual(domains(['https://münchen.de/a', 'http://XN--MNCHEN-3YA.DE/b', 'https://www.München.de/c']), ['münchen.de']);
  });

  test('public suffix details', () => {
    assert.equal(registrableDomain('a.b.gov.ma')?.publicSuffix, 'gov.ma');
    assert.equal(registrableDomain('x.blogspot.com')?.privateSuffix, true);
    assert.equal(registrableDomain('x.co.uk')?.privateSuffix, false);
    assert.equal(registrableDomain('gov.ma'), null);
    assert.equal(registrableDomain('localhost'), null);
    assert.equal(registrableDomain('1.2.3.4'), null);
  });

  test('domains in the description: links, www., bare host names', () => {
    assert.deepEqual(domains([], 'chouf www.arnaque.ma/promo w evil-site.com, w hxxps://phish[.]example[.]org/login'), ['arnaque.ma', 'evil-site.com', 'example.org']);
    // File names are not domains; a real TLD that is also an extension needs a path.
    assert.deepEqual(domains([], 'voir notes.zip et readme.md, fichier.pdf, rapport.docx'), []);
    assert.deepEqual(domains([], 'telecharger evil.zip/payload'), ['evil.zip']);
    // Sentences glued without a space after the dot are not domains when the "TLD" is not one.
    assert.deepEqual(domains([], 'Bonjour.Merci de voir.Ceci'), []);
  });

  test('a bare host name gives a domain, not a URL; a link gives both', () => {
    const bare = extractObservables({ urls: [], description: 'site: evil-site.com' });
    assert.deepEqual(bare.map((o) => o.type), ['domain']);
    const link = extractObservables({ urls: [], description: 'site: https://evil-site.com/x?utm_source=fb' });
    assert.deepEqual(link.map((o) => [o.type, o.value]), [['url', 'https://evil-site.com/x'], ['domain', 'evil-site.com']]);
  });

  test('IP hosts give an IP, not a domain', () => {
    const found = extractObservables({ urls: ['http://185.23.4.10/login', 'http://[2001:DB8:0:0::1]:8080/x'], description: '' });
    assert.deepEqual(found.filter((o) => o.type !== 'url').map((o) => [o.type, o.value]), [['ip', '185.23.4.10'], ['ip', '2001:db8::1']]);
  });

  test('normaliseObservable(domain) refuses what is not a host', () => {
    for (const bad of ['localhost', 'gov.ma', 'not a domain', 'a@b.com', '']) {
      assert.throws(() => normaliseObservable('domain', bad), (e: unknown) => e instanceof ObservableError, bad);
    }
  });
});
