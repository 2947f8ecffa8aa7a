import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { loadQualifications, parseQualificationTable, suggestQualifications } from '../../src/main/jurisdiction/qualifications.ts';
import { KNOWN_CATEGORIES } from '../../src/shared/triage.ts';

const raw = (): { entries: Array<Record<string, unknown>> } & Record<string, unknown> =>
  JSON.parse(readFileSync(new URL('../../resources/legal-qualifications.json', import.meta.url), 'utf8'));

describe('legal qualifications', () => {
  test('the bundled table is valid, with the notes saying it is a proposal', () => {
    const table = loadQualifications();
    assert.equal(table.version, 1);
    assert.match(table.note_fr, /parquet/);
    assert.match(table.note_ar, /النيابة العامة/);
  });

  test('the required offences are there, with their articles', () => {
    const byCode = new Map(loadQualifications().entries.map((e) => [e.code, e]));
    const expected: ReadonlyArray<readonly [string, string]> = [
      ['TERR-APOLOGY', 'Code pénal, art. 218-2'],
      ['TERR-INCITEMENT', 'Code pénal, art. 218-5'],
      ['PRIVACY-CAPTURE', 'Code pénal, art. 447-1'],
      ['PRIVACY-MONTAGE', 'Code pénal, art. 447-2'],
      ['THREAT-CRIME', 'Code pénal, art. 425'],
      ['THREAT-CRIME', 'Code pénal, art. 426'],
      ['THREAT-VIOLENCE', 'Code pénal, art. 429'],
      ['HATE-INCITEMENT', 'Code pénal, art. 431-1'],
      ['HATE-INCITEMENT', 'Code pénal, art. 431-5'],
      ['FRAUD', 'Code pénal, art. 540'],
      ['STAD', 'Code pénal, art. 607-3 à 607-11'],
      ['SEXUAL-HARASSMENT-ELECTRONIC', 'Code pénal, art. 503-1-1'],
      ['CHILD-PORNOGRAPHY', 'Code pénal, art. 503-2'],
    ];
    for (const [code, article] of expected) assert.ok(byCode.get(code)?.articles.includes(article), `${code}: ${article}`);
    assert.match(byCode.get('TERR-APOLOGY')?.label_ar ?? '', /الإشادة/);
    assert.match(byCode.get('TERR-INCITEMENT')?.label_ar ?? '', /تحريض/);
  });

  test('every entry has French and Arabic labels and known categories; only 218-2 and 218-5 are terrorism', () => {
    for (const entry of loadQualifications().entries) {
      assert.match(entry.label_ar, /[\u0600-\u06ff]/, entry.code);
      assert.match(entry.label_fr, /[a-zé]/, entry.code);
      for (const c of entry.categories) assert.ok((KNOWN_CATEGORIES as readonly string[]).includes(c), `${entry.code}: ${c}`);
      assert.equal(entry.terrorism, entry.code.startsWith('TERR-'), entry.code);
    }
  });

  test('suggestQualifications', () => {
    const codes = (categories: string[]): string[] => suggestQualifications(categories).map((e) => e.code);
    assert.deepEqual(codes(['terrorism_apology']), ['TERR-APOLOGY']);
    assert.deepEqual(codes(['terrorism_incitement']), ['TERR-INCITEMENT']);
    assert.deepEqual(codes(['hate_discrimination']), ['HATE-INCITEMENT']);
    assert.deepEqual(codes(['fraud']), ['FRAUD', 'STAD']);
    assert.deepEqual(codes(['child_sexual_exploitation']), ['CHILD-PORNOGRAPHY']);
    assert.deepEqual(codes(['privacy_defamation']), ['PRIVACY-CAPTURE', 'PRIVACY-MONTAGE']);
    assert.deepEqual(codes(['sextortion']), ['PRIVACY-CAPTURE', 'THREAT-CRIME', 'BLACKMAIL', 'SEXUAL-HARASSMENT-ELECTRONIC']);
    // Several categories: each entry once, in table order; case and spaces ignored; unknown ones give nothing.
    assert.deepEqual(codes([' FRAUD ', 'terrorism_apology', 'fraud']), ['TERR-APOLOGY', 'FRAUD', 'STAD']);
    assert.deepEqual(codes(['other', 'nonsense']), []);
    assert.deepEqual(codes([]), []);
  });

  test('a broken table is refused', () => {
    const duplicate = raw();
    duplicate.entries.push({ ...duplicate.entries[0] });
    assert.throws(() => parseQualificationTable(duplicate), /Duplicate code TERR-APOLOGY/);
    const noArabic = raw();
    (noArabic.entries[0] as Record<string, unknown>).label_ar = 'apology';
    assert.throws(() => parseQualificationTable(noArabic), /Arabic/);
    const noArticles = raw();
    (noArticles.entries[1] as Record<string, unknown>).articles = [];
    assert.throws(() => parseQualificationTable(noArticles));
    const extraKey = raw();
    (extraKey.entries[2] as Record<string, unknown>).surprise = true;
    assert.throws(() => parseQualificationTable(extraKey));
    assert.throws(() => parseQualificationTable({ ...raw(), version: 2 }));
    assert.throws(() => parseQualificationTable(null));
  });
});
