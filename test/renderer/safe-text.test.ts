/**
 * The pure parts of the safe-text components: which characters are flagged
 * as invisible, how they are revealed (run by run through the shared URL
 * defanging) and counted.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defangUrl } from '../../src/shared/defang.ts';
import {
  classifyCodePoint,
  countInvisible,
  countInvisibleIn,
  formatCodePoint,
  revealInvisible,
  revealInvisibleText,
  splitLines,
} from '../../src/shared/text/invisible.ts';

test('bidi controls, zero-width, controls and unusual spaces are flagged; ordinary text is not', () => {
  for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
    assert.equal(classifyCodePoint(cp), 'bidi', formatCodePoint(cp));
  }
  for (const cp of [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0xe0041, 0xe0100, 0x3164]) {
    assert.equal(classifyCodePoint(cp), 'invisible', formatCodePoint(cp));
  }
  for (const cp of [0x00, 0x07, 0x1b, 0x7f, 0x85, 0x9f]) assert.equal(classifyCodePoint(cp), 'control', formatCodePoint(cp));
  for (const cp of [0x00a0, 0x2002, 0x2009, 0x200a, 0x202f, 0x3000, 0x2028, 0x2029]) assert.equal(classifyCodePoint(cp), 'space', formatCodePoint(cp));
  assert.equal(classifyCodePoint(0xdc00), 'invalid');
  // Layout whitespace, letters of both languages, emoji and their presentation selector are left alone.
  for (const char of ['\t', '\n', '\r', ' ', 'a', 'é', 'ب', 'ـ', '٣', '😀', '\ufe0f', '€']) {
    assert.equal(classifyCodePoint(char.codePointAt(0) as number), null, JSON.stringify(char));
  }
});

test('revealing replaces each flagged character with a mark, in logical order, and keeps the rest', () => {
  const spoof = 'facture\u202Efdp.exe';
  assert.equal(revealInvisibleText(spoof), 'facture⟦U+202E RLO⟧fdp.exe');
  const segments = revealInvisible(spoof);
  assert.deepEqual(segments, [
    { kind: 'text', text: 'facture' },
    { kind: 'mark', category: 'bidi', codePoint: 0x202e, code: 'U+202E', abbr: 'RLO' },
    { kind: 'text', text: 'fdp.exe' },
  ]);
  assert.equal(revealInvisibleText('pay\u200bpal'), 'pay⟦U+200B ZWSP⟧pal');
  assert.equal(revealInvisibleText('a\u00a0b'), 'a⟦U+00A0 NBSP⟧b');
  assert.equal(revealInvisibleText('\u2066x\u2069'), '⟦U+2066 LRI⟧x⟦U+2069 PDI⟧');
  assert.equal(revealInvisibleText('bell\u0007'), 'bell⟦U+0007 C0⟧');
  // Hidden ASCII in tag characters (E0041 = tag "A"), and a broken surrogate.
  assert.equal(revealInvisibleText('ok\u{E0041}'), 'ok⟦U+E0041 TAG⟧');
  assert.equal(revealInvisibleText('x\udc00y'), 'x⟦U+DC00⟧y');
  // Nothing to reveal: the same text, one run.
  assert.deepEqual(revealInvisible('بلاغ عن حساب 😀'), [{ kind: 'text', text: 'بلاغ عن حساب 😀' }]);
  assert.deepEqual(revealInvisible(''), []);
  // Only the flagged characters disappear from the text runs.
  const text = 'a\u202eb\u200dc\nd';
  const kept = revealInvisible(text)
    .filter((s) => s.kind === 'text')
    .map((s) => (s as { text: string }).text)
    .join('');
  assert.equal(kept, 'abc\nd');
});

test('counting: total and bidi controls, with surrogate pairs and lists of texts', () => {
  assert.deepEqual(countInvisible('plain text, نص عادي'), { total: 0, bidi: 0 });
  assert.deepEqual(countInvisible('a\u202eb\u200bc\u2066d\u2069'), { total: 4, bidi: 3 });
  assert.deepEqual(countInvisible('\u{E0041}\u{E0042}😀'), { total: 2, bidi: 0 });
  assert.deepEqual(countInvisible('x\ud800'), { total: 1, bidi: 0 });
  assert.deepEqual(countInvisible('tab\tline\r\nend'), { total: 0, bidi: 0 });
  assert.deepEqual(countInvisibleIn(['\u202e', null, undefined, 'a\u2009b', '']), { total: 2, bidi: 1 });
  // French no-break spaces are marked on demand but not counted: ordinary French text raises no flag.
  assert.deepEqual(countInvisible('« Arnaque » : payez\u202f!\u00a0'), { total: 0, bidi: 0 });
  // As many as revealInvisible marks.
  const hostile = '\u202e\u200b\u0000\u3000\u061c\u{E007F}\ufeff';
  assert.equal(countInvisible(hostile).total, revealInvisible(hostile).filter((s) => s.kind === 'mark').length);
});

test('a 5000-character string is handled quickly', () => {
  const long = 'A'.repeat(5000) + '\u202e';
  const started = performance.now();
  for (let i = 0; i < 100; i++) countInvisible(long);
  assert.ok(performance.now() - started < 500);
  assert.equal(revealInvisible(long).length, 2);
});

test('lines split on CRLF, CR and LF', () => {
  assert.deepEqual(splitLines('a\r\nb\rc\nd'), ['a', 'b', 'c', 'd']);
  assert.deepEqual(splitLines('one'), ['one']);
  assert.deepEqual(splitLines('\n'), ['', '']);
});

test('revealing with a transform (defanging) works run by run, the marks kept between the runs', () => {
  const raw = 'ht\u200btps://pay\u202epal.example/login';
  const segments = revealInvisible(raw, defangUrl);
  assert.deepEqual(
    segments.map((s) => (s.kind === 'text' ? s.text : s.code)),
    ['ht', 'U+200B', 'tps[://]pay', 'U+202E', 'pal[.]example/login'],
  );
  // No run is clickable or auto-linkable: no "://", no bare "http(s):".
  for (const segment of segments) {
    if (segment.kind !== 'text') continue;
    assert.ok(!segment.text.replaceAll('[://]', '').includes('://'), segment.text);
    assert.ok(!/https?:/i.test(segment.text), segment.text);
  }
  assert.equal(revealInvisibleText('https://a.example'), 'https://a.example');
  assert.deepEqual(revealInvisible('https://a.example', defangUrl), [{ kind: 'text', text: 'hxxps[://]a[.]example' }]);
});
