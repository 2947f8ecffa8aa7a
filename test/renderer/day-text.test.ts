/** Days typed and shown as the interface writes them (dd/mm/yyyy), whatever the browser's locale. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDay, parseDay } from '../../src/renderer/src/components/dayText.ts';

const unmarked = (text: string): string => text.replace(/[\u200e\u200f\u061c]/g, '');

test('a day is shown day/month/year in French and Arabic', () => {
  assert.equal(formatDay('2026-04-02', 'fr'), '02/04/2026');
  assert.equal(unmarked(formatDay('2026-04-02', 'ar')), '02/04/2026');
  assert.equal(formatDay('', 'fr'), '');
});

test('what is typed: day/month/year with any separator, Arabic-Indic digits, direction marks, or an ISO day', () => {
  for (const typed of ['02/04/2026', '2/4/2026', '02.04.2026', '02-04-2026', ' 02 / 04 / 2026 ', '٠٢/٠٤/٢٠٢٦', '۰۲/۰۴/۲۰۲۶', formatDay('2026-04-02', 'ar'), '2026-04-02']) {
    assert.equal(parseDay(typed), '2026-04-02', typed);
  }
  assert.equal(parseDay(''), '');
  assert.equal(parseDay('29/02/2028'), '2028-02-29');
});

test('what is not a real day is refused, never guessed (no mm/dd swap, no rollover)', () => {
  for (const typed of ['31/02/2026', '29/02/2027', '04/13/2026', '00/04/2026', '02/04/26', '02/04', 'avril 2026', '2026-4-31', '12/31/2026']) {
    assert.equal(parseDay(typed), null, typed);
  }
});
