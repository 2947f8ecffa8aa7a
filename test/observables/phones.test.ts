import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractObservables, normaliseObservable, ObservableError } from '../../src/main/observables/index.ts';

function phones(description: string): string[] {
  return extractObservables({ urls: [], description }).filter((o) => o.type === 'phone').map((o) => o.value);
}

/** [text as written, expected E.164 numbers in order]. */
type Row = readonly [string, readonly string[]];

const MOROCCAN: readonly Row[] = [
  ['06 12 34 56 78', ['+212612345678']],
  ['0612345678', ['+212612345678']],
  ['06.12.34.56.78', ['+212612345678']],
  ['06-12-34-56-78', ['+212612345678']],
  ['061 234 5678', ['+212612345678']],
  ['0612 345 678', ['+212612345678']],
  ['07 00 11 22 33', ['+212700112233']],
  ['0522 12 34 56 (fixe Casablanca)', ['+212522123456']],
  ['05 37 12 34 56', ['+212537123456']],
  ['+212 6 12 34 56 78', ['+212612345678']],
  ['+212612345678', ['+212612345678']],
  ['+212 (0)6 12 34 56 78', ['+212612345678']],
  ['+212 06 12 34 56 78', ['+212612345678']],
  ['+212-6-12-34-56-78', ['+212612345678']],
  ['00212 6 12 34 56 78', ['+212612345678']],
  ['00212612345678', ['+212612345678']],
  ['00 212 6 12 34 56 78', ['+212612345678']],
  ['212-612345678', ['+212612345678']],
  ['212 6 12 34 56 78', ['+212612345678']],
  ['٠٦١٢٣٤٥٦٧٨', ['+212612345678']],
  ['٠٦ ١٢ ٣٤ ٥٦ ٧٨', ['+212612345678']],
  ['۰۶۱۲۳۴۵۶۷۸', ['+212612345678']],
  ['+٢١٢٦١٢٣٤٥٦٧٨', ['+212612345678']],
  ['3ayto l had nmra 0612345678 rah nassab', ['+212612345678']],
  ['الرقم ديالو: 06 12 34 56 78 عافاكم', ['+212612345678']],
  ['Tel:0612345678.', ['+212612345678']],
  ['(0612345678)', ['+212612345678']],
  ['06 12 34 56 78 / 07 11 22 33 44', ['+212612345678', '+212711223344']],
  ['0612345678 0698765432', ['+212612345678', '+212698765432']],
  ['0612345678\n0698765432', ['+212612345678', '+212698765432']],
  ['06\u200b12\u200b34\u200b56\u200b78', ['+212612345678']],
];

const INTERNATIONAL: readonly Row[] = [
  ['+33 6 12 34 56 78', ['+33612345678']],
  ['+33 (0)6 12 34 56 78', ['+33612345678']],
  ['0033 6 12 34 56 78', ['+33612345678']],
  ['+34 612 34 56 78', ['+34612345678']],
  ['+1 202 555 0123', ['+12025550123']],
  ['+1 (212) 736-5000', ['+12127365000']],
  ['+44 20 7946 0958', ['+442079460958']],
  ['+49 151 12345678', ['+4915112345678']],
  ['+966 50 123 4567', ['+966501234567']],
];

const NOT_PHONES: readonly Row[] = [
  ['Le 06.12.2024 à 15h30', []],
  ['le 06-12-2024 15 personnes', []],
  ['le 06.12.24 18:30', []],
  ['2024-12-06 06:12', []],
  ['06/12/2024', []],
  ['Référence IBL-2026-0000041', []],
  ['Report IBL-2026-0612345', []],
  ['Montant: 1 500 000 DH', []],
  ['virement de 0612345678 DH', []],
  ['0612345678 dirhams', []],
  ['0612345678%', []],
  ['prix 600000000 MAD', []],
  ['RIB 011 780 0000123456789012 34', []],
  ['0612345678901234', []],
  ['https://example.com/watch?v=0612345678', []],
  ['https://facebook.com/story.php?story_fbid=0612345678', []],
  ['tel0612345678', []],
  ['order #0612345678', []],
  ['12 34 56 78 90', []],
  ['+212 6 12 34', []],
  ['+999 612 345 678', []],
  ['1234567890', []],
];

describe('phones', () => {
  for (const [name, rows] of [['Moroccan forms', MOROCCAN], ['international', INTERNATIONAL], ['not phones', NOT_PHONES]] as const) {
    describe(name, () => {
      for (const [text, expected] of rows) {
        test(JSON.stringify(text), () => assert.deepEqual(phones(text), expected));
      }
    });
  }

  test('display keeps the written form, detail the country', () => {
    const [phone] = extractObservables({ urls: [], description: 'appelle +212 (0)6 12 34 56 78 vite' }).filter((o) => o.type === 'phone');
    assert.equal(phone?.display, '+212 (0)6 12 34 56 78');
    assert.equal(phone?.detail?.country, 'MA');
  });

  test('normaliseObservable(phone)', () => {
    assert.equal(normaliseObservable('phone', '06 12 34 56 78'), '+212612345678');
    assert.equal(normaliseObservable('phone', '٠٦١٢٣٤٥٦٧٨'), '+212612345678');
    assert.equal(normaliseObservable('phone', '00 33 6 12 34 56 78'), '+33612345678');
    assert.equal(normaliseObservable('phone', '+212 (0)5 22 12 34 56'), '+212522123456');
    for (const bad of ['12345', '06 12', 'abc', '+212 9 99', '06-12-34-56-78-90-12']) {
      assert.throws(() => normaliseObservable('phone', bad), (e: unknown) => e instanceof ObservableError && e.code === 'observable.invalid_phone', bad);
    }
  });
});
