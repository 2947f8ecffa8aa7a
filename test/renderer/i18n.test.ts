/**
 * The two message catalogues (French reference, Arabic) and `t`: the same
 * keys in both, feature by feature; plural messages with every category each
 * language's rules can select; the same placeholders on both sides; no
 * leftover "…One / …Many" pairs; and the form `t` picks for a count.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ar } from '../../src/renderer/src/i18n/ar.ts';
import { fr } from '../../src/renderer/src/i18n/fr.ts';
import { interpolate, isPlural, makeTranslate, selectMessage, splitMessage, type Message } from '../../src/renderer/src/i18n/translate.ts';

const I18N = join(import.meta.dirname, '../../src/renderer/src/i18n');
const features = readdirSync(I18N)
  .filter((name) => name.endsWith('.fr.ts'))
  .map((name) => name.slice(0, -'.fr.ts'.length))
  .sort();

async function load(feature: string, lang: 'fr' | 'ar'): Promise<Record<string, Message>> {
  const module = (await import(pathToFileURL(join(I18N, `${feature}.${lang}.ts`)).href)) as Record<string, Record<string, Message>>;
  const exported = module[`${feature}${lang === 'fr' ? 'Fr' : 'Ar'}`];
  assert.ok(exported, `${feature}.${lang}.ts exports ${feature}${lang === 'fr' ? 'Fr' : 'Ar'}`);
  return exported;
}

function forms(message: Message): string[] {
  return isPlural(message) ? Object.values(message) : [message];
}
function params(message: Message): Set<string> {
  return new Set(forms(message).flatMap((form) => splitMessage(form).filter((_, index) => index % 2 === 1)));
}

test('the messages are split by feature: each feature has both languages, with the same keys, and no key is in two features', async () => {
  assert.ok(features.length >= 10, `features: ${features.join(', ')}`);
  for (const expected of ['audit', 'dashboard', 'errors', 'lock', 'queue', 'report', 'settings', 'setup', 'shell', 'sync']) assert.ok(features.includes(expected), expected);
  const owner = new Map<string, string>();
  for (const feature of features) {
    const [frPart, arPart] = [await load(feature, 'fr'), await load(feature, 'ar')];
    assert.deepEqual(Object.keys(arPart).sort(), Object.keys(frPart).sort(), `${feature}: same keys`);
    for (const key of Object.keys(frPart)) {
      assert.equal(owner.get(key), undefined, `${key} in ${feature} and ${owner.get(key)}`);
      owner.set(key, feature);
    }
  }
  // The dictionaries are exactly the features merged.
  assert.deepEqual(Object.keys(fr).sort(), [...owner.keys()].sort());
  assert.deepEqual(Object.keys(ar).sort(), Object.keys(fr).sort());
});

test('no file of the catalogue is left over: fr.ts and ar.ts only merge the features', () => {
  const files = readdirSync(I18N).filter((name) => /\.(fr|ar)\.ts$/.test(name));
  assert.equal(files.length, features.length * 2);
});

test('plural messages: plural in both languages, with every category the language selects, and nothing else', () => {
  const categories = { fr: new Intl.PluralRules('fr-MA').resolvedOptions().pluralCategories, ar: new Intl.PluralRules('ar-MA').resolvedOptions().pluralCategories };
  assert.deepEqual([...categories.ar].sort(), ['few', 'many', 'one', 'other', 'two', 'zero']);
  let plurals = 0;
  for (const [key, message] of Object.entries(fr) as [keyof typeof fr, Message][]) {
    const arabic: Message = ar[key];
    assert.equal(isPlural(arabic), isPlural(message), `${key}: plural in both or neither`);
    if (!isPlural(message) || !isPlural(arabic)) continue;
    plurals += 1;
    assert.deepEqual(Object.keys(message).sort(), [...categories.fr].sort(), `${key} (fr)`);
    assert.deepEqual(Object.keys(arabic).sort(), [...categories.ar].sort(), `${key} (ar)`);
    for (const form of [...Object.values(message), ...Object.values(arabic)]) assert.ok(form.trim() !== '', `${key}: an empty form`);
  }
  assert.ok(plurals >= 25, `${plurals} plural messages`);
});

test('no "…One / …Many" key pairs are left: counts are plural messages', () => {
  const leftovers = Object.keys(fr).filter((key) => /(One|Two|Few|Many|Singular|Plural)$/.test(key) || /\.(zero|one|two|few|many)$/.test(key));
  assert.deepEqual(leftovers, []);
});

test('both languages use the same placeholders (a plural form may leave out the count it spells out)', () => {
  for (const [key, message] of Object.entries(fr) as [keyof typeof fr, Message][]) {
    const expected = params(message);
    const actual = params(ar[key]);
    expected.delete('count');
    actual.delete('count');
    assert.deepEqual([...actual].sort(), [...expected].sort(), key);
  }
});

test('t picks the plural form for the count in each language, and formats the count', () => {
  const tFr = makeTranslate('fr', fr);
  const tAr = makeTranslate('ar', ar);
  assert.equal(tFr('queue.total', { count: 0 }), '0 signalement');
  assert.equal(tFr('queue.total', { count: 1 }), '1 signalement');
  assert.equal(tFr('queue.total', { count: 2 }), '2 signalements');
  // Moroccan French groups digits with a dot.
  assert.equal(tFr('queue.total', { count: 12345 }), '12.345 signalements');
  assert.equal(tFr('queue.total', { count: 1_000_000 }), '1.000.000 de signalements');
  assert.deepEqual(
    [0, 1, 2, 3, 10, 11, 99, 100, 101, 102].map((count) => tAr('queue.total', { count })),
    ['لا بلاغات', 'بلاغ واحد', 'بلاغان', '3 بلاغات', '10 بلاغات', '11 بلاغًا', '99 بلاغًا', '100 بلاغ', '101 بلاغ', '102 بلاغ'],
  );
  assert.deepEqual(
    [1, 2, 3, 11, 100].map((count) => tAr('time.days', { count })),
    ['يوم واحد', 'يومان', '3 أيام', '11 يومًا', '100 يوم'],
  );
  assert.equal(tFr('safe.contains', { count: 1 }), 'contient 1 caractère invisible');
  assert.equal(tFr('queue.statusSet', { count: 4, status: 'Transmis' }), '4 signalements : statut « Transmis » enregistré.');
  assert.equal(tAr('dashboard.perDay.subtitle', { count: 7 }), 'آخر 7 أيام، حسب الفئة');
  assert.equal(tAr('dashboard.perDay.subtitle', { count: 30 }), 'آخر 30 يومًا، حسب الفئة');
  // Without a count, a plural message reads in its general form; plain messages are as before.
  assert.equal(tFr('settings.triage.unit.hours'), 'heures');
  assert.equal(tFr('common.shownOf', { shown: 50, total: 1200 }), 'Affichés : 50 sur 1.200');
});

test('selection and interpolation on their own', () => {
  const message = { one: 'un', two: 'deux', other: 'autres' };
  assert.equal(selectMessage(message, 'ar', 2), 'deux');
  assert.equal(selectMessage(message, 'ar', 5), 'autres', 'a missing category reads as other');
  assert.equal(selectMessage(message, 'fr', Number.NaN), 'autres');
  assert.equal(selectMessage('plain {x}', 'fr', 1), 'plain {x}');
  assert.equal(interpolate('{a} et {b}', 'fr', { a: 'x' }), 'x et {b}', 'an unknown placeholder stays as written');
  assert.equal(interpolate('{n}', 'fr', undefined), '{n}');
  // A key the dictionary lacks (a code newer than the interface) reads as itself rather than breaking the screen.
  assert.equal(makeTranslate('fr', fr)('audit.action.unknown.newer' as keyof typeof fr), 'audit.action.unknown.newer');
});
