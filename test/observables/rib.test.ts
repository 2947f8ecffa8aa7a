import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractObservables, ibanOfRib, normaliseObservable, ObservableError, ribKey } from '../../src/main/observables/index.ts';

/** Independent, straightforward reference: key = 97 - ((N × 100) mod 97), N the first 22 digits as one BigInt. */
function referenceKey(first22: string): string {
  return String(97n - ((BigInt(first22) * 100n) % 97n)).padStart(2, '0');
}

/** A RIB with a right key from bank, city and account parts. */
function rib(bank: string, city: string, account: string): string {
  const first22 = bank + city + account;
  return first22 + referenceKey(first22);
}

/** A wrong key for a RIB (the right one plus 1, wrapped into 01..97). */
function wrongKey(good: string): string {
  const key = Number(good.slice(22));
  return good.slice(0, 22) + String((key % 97) + 1).padStart(2, '0');
}

function banks(description: string): string[] {
  return extractObservables({ urls: [], description }).filter((o) => o.type === 'bank_account').map((o) => o.value);
}

const GOOD = [
  rib('007', '780', '0001234567890123'),
  rib('011', '810', '0000012345678901'),
  rib('145', '640', '2121112345670001'),
  rib('230', '780', '9999999999999999'),
  rib('350', '010', '0000000000000001'),
  '011519000001205000534921', // the SWIFT IBAN registry's Moroccan example (MA64 0115 1900 0001 2050 0053 4921)
];

describe('Moroccan RIB', () => {
  test('ribKey agrees with the BigInt reference', () => {
    for (const r of GOOD) assert.equal(ribKey(r.slice(0, 22)), referenceKey(r.slice(0, 22)), r);
    for (let i = 0; i < 200; i++) {
      const first22 = Array.from({ length: 22 }, (_, k) => String((i * 7 + k * 13 + (i * k) % 10) % 10)).join('');
      assert.equal(ribKey(first22), referenceKey(first22));
    }
  });

  describe('good keys are extracted, in any grouping', () => {
    for (const r of GOOD) {
      const forms = [
        r,
        `${r.slice(0, 3)} ${r.slice(3, 6)} ${r.slice(6, 22)} ${r.slice(22)}`,
        `${r.slice(0, 3)}-${r.slice(3, 6)}-${r.slice(6, 22)}-${r.slice(22)}`,
        r.replace(/(\d{4})(?=\d)/g, '$1 '),
        `${r.slice(0, 3)} ${r.slice(3, 8)} ${r.slice(8)}`,
      ];
      for (const form of forms) {
        test(form, () => {
          assert.deepEqual(banks(`RIB dyal l compte: ${form}, sift lih`), [r]);
          assert.equal(normaliseObservable('bank_account', form), r);
        });
      }
    }
  });

  describe('bad keys are not extracted', () => {
    for (const r of GOOD) {
      const bad = wrongKey(r);
      test(bad, () => {
        assert.deepEqual(banks(`RIB ${bad}`), []);
        assert.deepEqual(banks(`RIB ${bad.slice(0, 3)} ${bad.slice(3, 6)} ${bad.slice(6, 22)} ${bad.slice(22)}`), []);
        assert.throws(() => normaliseObservable('bank_account', bad), (e: unknown) => e instanceof ObservableError && e.code === 'observable.invalid_bank_account');
      });
    }
  });

  test('IBAN form: same value as the RIB, check digits verified', () => {
    assert.equal(ibanOfRib('011519000001205000534921'), 'MA64011519000001205000534921');
    for (const r of GOOD) {
      const iban = ibanOfRib(r);
      const grouped = iban.replace(/(.{4})(?=.)/g, '$1 ');
      assert.deepEqual(banks(`IBAN: ${grouped}`), [r]);
      assert.deepEqual(banks(`IBAN: ${iban.toLowerCase()}`), [r]);
      assert.equal(normaliseObservable('bank_account', grouped), r);
      const badCheck = `MA${String(((Number(iban.slice(2, 4)) + 1) % 97) + 2).padStart(2, '0')}${r}`;
      assert.deepEqual(banks(`IBAN ${badCheck}`), [], badCheck);
    }
    const [found] = extractObservables({ urls: [], description: 'IBAN MA64 0115 1900 0001 2050 0053 4921' }).filter((o) => o.type === 'bank_account');
    assert.equal(found?.detail?.iban, 'MA64011519000001205000534921');
    assert.equal(found?.detail?.bankCode, '011');
    assert.equal(found?.detail?.cityCode, '519');
    assert.equal(found?.detail?.key, '21');
  });

  test('RIB and IBAN of one account are one observable', () => {
    assert.deepEqual(banks('RIB 011519000001205000534921 ou IBAN MA64 0115 1900 0001 2050 0053 4921'), ['011519000001205000534921']);
  });

  test('24-digit windows inside longer digit runs are not RIBs', () => {
    const r = GOOD[0] as string;
    assert.deepEqual(banks(`9${r}`), []);
    assert.deepEqual(banks(`${r}1`), []);
    // A list of phone numbers holds 24-digit windows; none is read as a RIB.
    const list = Array.from({ length: 40 }, (_, i) => `06 ${String(10 + i)} 34 56 78`).join(' ');
    assert.deepEqual(banks(list), []);
  });
});
