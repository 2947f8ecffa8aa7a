import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import {
  foldForSearch,
  foldWithMap,
  ftsMatchExpression,
  highlightRanges,
  MAX_SEARCH_TERMS,
  MAX_TERM_LENGTH,
  searchTerms,
  snippet,
} from '../../src/main/text/search-text.ts';

const CREATE_INDEX = `CREATE VIRTUAL TABLE report_search USING fts5(body, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 2")`;

/** The substrings of `text` that the ranges cover. */
function covered(text: string, ranges: Array<[number, number]>): string[] {
  return ranges.map(([start, end]) => text.slice(start, end));
}

describe('foldForSearch', () => {
  test('lowercases and strips Latin diacritics', () => {
    assert.equal(foldForSearch('Élève À Ça Où Ïle Ñandú ÿ ÂÊÎÔÛ ÄËÏÖÜ'), 'eleve a ca ou ile nandu y aeiou aeiou');
    assert.equal(foldForSearch('ARNAQUE Arnaqué arnaque'), 'arnaque arnaque arnaque');
    assert.equal(foldForSearch('e\u0301le\u0300ve'), 'eleve', 'decomposed accents too');
  });

  test('folds ligatures and letters without a decomposition', () => {
    assert.equal(foldForSearch('Œuvre cœur æther Straße STRAẞE'), 'oeuvre coeur aether strasse strasse');
    assert.equal(foldForSearch('ﬁnance ﬂux'), 'finance flux');
    assert.equal(foldForSearch('Øresund Łódź đ ı'), 'oresund lodz d i');
  });

  test('folds full-width Latin and digits to ASCII, and mathematical letters', () => {
    assert.equal(foldForSearch('ＡＲＮＡＱＵＥ ｐａｙｐａｌ １２３'), 'arnaque paypal 123');
    assert.equal(foldForSearch('𝐁𝐀𝐍𝐐𝐔𝐄 𝓅𝒶𝓎'), 'banque pay');
  });

  test('removes Arabic harakat, superscript alef, Quranic marks and tatweel', () => {
    assert.equal(foldForSearch('تَلَقَّيْتُ رِسَالَةً'), 'تلقيت رساله');
    assert.equal(foldForSearch('كِتَابٌ مُزَيَّفٌ'), 'كتاب مزيف');
    assert.equal(foldForSearch('هٰذا'), 'هذا');
    assert.equal(foldForSearch('الرَّحِيمِۖ ذَٰلِكَۚ'), 'الرحيم ذلك');
    assert.equal(foldForSearch('مــــرحبــا'), 'مرحبا');
    for (let cp = 0x064b; cp <= 0x065f; cp++) assert.equal(foldForSearch(`ب${String.fromCharCode(cp)}ب`), 'بب', cp.toString(16));
    for (let cp = 0x06d6; cp <= 0x06ed; cp++) assert.equal(foldForSearch(`ب${String.fromCharCode(cp)}ب`), 'بب', cp.toString(16));
  });

  test('folds alef variants, hamza carriers, alef maqsura and ta marbuta', () => {
    for (const alef of ['أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ', 'ا']) assert.equal(foldForSearch(`${alef}حمد`), 'احمد', alef);
    assert.equal(foldForSearch('مسؤول'), 'مسوول');
    assert.equal(foldForSearch('رئيس'), 'رييس');
    assert.equal(foldForSearch('على مستشفى'), 'علي مستشفي');
    assert.equal(foldForSearch('مدرسة الشرطة'), 'مدرسه الشرطه');
    assert.equal(foldForSearch('سماء'), 'سماء', 'the hamza on the line is a letter');
  });

  test('folds Persian, Urdu and Maghrebi letter shapes; Moroccan /g/ letters to kaf', () => {
    assert.equal(foldForSearch('کتاب'), 'كتاب');
    assert.equal(foldForSearch('فارسی'), 'فارسي');
    assert.equal(foldForSearch('ۀ ھ ہ ە ۃ'), 'ه ه ه ه ه');
    assert.equal(foldForSearch('گال ڭاع ݣلس'), 'كال كاع كلس');
    assert.equal(foldForSearch('ڤيديو پاپا'), 'فيديو بابا');
    assert.equal(foldForSearch('قال'), 'قال', 'qaf is not a /g/ variant');
    assert.equal(foldForSearch('چ ژ'), 'چ ژ');
  });

  test('folds Arabic-Indic and Eastern Arabic-Indic digits; Darija digit letters stay in the word', () => {
    assert.equal(foldForSearch('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹'), '0123456789 0123456789');
    assert.equal(foldForSearch('3lach 7na 9alb wa7ed 3AFAK'), '3lach 7na 9alb wa7ed 3afak');
    assert.deepEqual(searchTerms('3lach 7na 9alb'), ['3lach', '7na', '9alb']);
  });

  test('folds Arabic presentation forms to base letters', () => {
    assert.equal(foldForSearch('ﺍﻟﺒﻨﻚ ﺍﻟﺸﻌﺒﻲ'), 'البنك الشعبي');
    assert.equal(foldForSearch('ﻣﺮﺣﺒﺎ'), 'مرحبا');
    assert.equal(foldForSearch('ﻻ ﻷ ﻹ'), 'لا لا لا');
    assert.equal(foldForSearch('ﷲ'), 'الله');
    assert.equal(foldForSearch('ﺓ ﺉ ﺅ ﻯ'), 'ه ي و ي');
    assert.deepEqual(searchTerms('محمدﷺ'), ['محمد', 'صلي', 'الله', 'عليه', 'وسلم'], 'a multi-word ligature does not glue to its neighbour');
  });

  test('removes zero-width, bidi and other invisible characters', () => {
    const invisible = [
      ...Array.from({ length: 5 }, (_, i) => 0x200b + i),
      ...Array.from({ length: 5 }, (_, i) => 0x202a + i),
      ...Array.from({ length: 10 }, (_, i) => 0x2060 + i),
      0xfeff,
      0x061c,
      0x00ad, // soft hyphen
      0xfe0f, // variation selector
      0x034f, // combining grapheme joiner
      0x3164, // Hangul filler
    ];
    for (const cp of invisible) assert.equal(foldForSearch(`arn${String.fromCodePoint(cp)}aque`), 'arnaque', cp.toString(16));
    assert.equal(foldForSearch('\u202Eeuqanra\u202C'), 'euqanra');
    assert.equal(foldForSearch('ب\u200Cن\u200Dك'), 'بنك');
  });

  test('turns non-ASCII symbols and punctuation into spaces so that no emoji glues to a word', () => {
    assert.deepEqual(searchTerms('arnaque🤑 ₿0.5 «escroc» l’arnaque، الاحتيال؟'), ['arnaque', '0', '5', 'escroc', 'l', 'arnaque', 'الاحتيال']);
    assert.deepEqual(searchTerms('Brand™ ①'), ['brand', 'tm', '1']);
    assert.equal(foldForSearch('some.page, a-b'), 'some.page, a-b', 'ASCII punctuation is kept');
  });

  test('drops lone surrogates and keeps astral letters', () => {
    assert.equal(foldForSearch('ab\uD800cd\uDC00ef\uD83D'), 'abcdef');
    assert.equal(foldForSearch('𠀀𠀁'), '𠀀𠀁');
    assert.equal(foldForSearch('𐐀'), '𐐨', 'astral letters are lowercased');
  });

  test('folds mixed Arabic, French and Darija text in one pass', () => {
    assert.equal(
      foldForSearch('Le compte «واتساب» الإحتيالي demande 3AFAK ٥٠٠ درهم — Réf. ١٢'),
      'le compte  واتساب  الاحتيالي demande 3afak 500 درهم   ref. 12',
    );
  });

  test('is idempotent over the whole BMP and on mixed text', () => {
    for (let unit = 0; unit < 0x10000; unit++) {
      const once = foldForSearch(String.fromCharCode(unit));
      assert.equal(foldForSearch(once), once, unit.toString(16));
    }
    const mixed = 'Ｆｕｌｌ ﻻ ﷺ œ ß İstanbul 🤑 ٣ ۴ أَ ﺓ ™';
    assert.equal(foldForSearch(foldForSearch(mixed)), foldForSearch(mixed));
  });

  test('is fast (target ≥ 30 MB/s of mixed Arabic and French text)', (t) => {
    const french = "Bonjour, j'ai reçu un message frauduleux sur WhatsApp qui prétend être de la Banque Populaire. Le lien https://exemple-fraude.ma/login demande mes coordonnées. Œuvre à côté, déjà signalé. ";
    const arabic = 'السَّلامُ عليكم، تلقيت رسالة احتيالية على الواتساب تدّعي أنها من البنك الشعبي وتطلب مني إدخال معلوماتي البنكية في رابط مشبوه. المرجو التدخل عاجلاً ';
    const darija = 'salam 3afak chi wa7ed sift liya lien dyal 9tel, 7na khayfin bzaf ';
    const text = (french + arabic + darija).repeat(8000);
    const megabytes = Buffer.byteLength(text, 'utf8') / 1e6;
    foldForSearch(text); // build the table and warm up
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const start = performance.now();
      foldForSearch(text);
      best = Math.min(best, (performance.now() - start) / 1000);
    }
    let bestWithMap = Infinity;
    for (let round = 0; round < 3; round++) {
      const start = performance.now();
      foldWithMap(text);
      bestWithMap = Math.min(bestWithMap, (performance.now() - start) / 1000);
    }
    const rate = megabytes / best;
    t.diagnostic(`foldForSearch: ${rate.toFixed(0)} MB/s on ${megabytes.toFixed(1)} MB (foldWithMap: ${(megabytes / bestWithMap).toFixed(0)} MB/s)`);
    assert.ok(rate >= 10, `folding ran at ${rate.toFixed(1)} MB/s`);
  });
});

describe('foldWithMap', () => {
  const samples = [
    '',
    'Élève Œuvre',
    'مــرْحَبًا بِكُمْ',
    'ﻻ ﷺ ﷲ',
    'a\u200Bb\u202Ec',
    '𝐁𝐀𝐍𝐊 🤑 𠀀',
    'ab\uD800cd',
    'ﷺ'.repeat(500) + 'x', // expansions far beyond the input length
  ];

  test('gives the same text as foldForSearch', () => {
    for (const text of samples) assert.equal(foldWithMap(text).folded, foldForSearch(text), JSON.stringify(text));
  });

  test('maps each folded unit to the index of the original character it came from', () => {
    assert.deepEqual([...foldWithMap('Élève').map], [0, 1, 2, 3, 4]);
    assert.deepEqual([...foldWithMap('Œa').map], [0, 0, 1]);
    assert.deepEqual([...foldWithMap('مـرْح').map], [0, 2, 4]);
    assert.deepEqual([...foldWithMap('a\u200Bb').map], [0, 2]);
    assert.deepEqual([...foldWithMap('x𝐁y').map], [0, 1, 3]);
    assert.deepEqual([...foldWithMap('x𠀀y').map], [0, 1, 1, 3]);
    for (const text of samples) {
      const { folded, map } = foldWithMap(text);
      assert.equal(map.length, folded.length);
      for (let i = 1; i < map.length; i++) assert.ok((map[i] as number) >= (map[i - 1] as number), 'monotonic');
      for (const index of map) assert.ok(index >= 0 && index < text.length);
    }
  });
});

describe('searchTerms', () => {
  test('cuts like FTS5 unicode61: runs of letters and digits, everything else separates', () => {
    assert.deepEqual(searchTerms("l'arnaque"), ['l', 'arnaque']);
    assert.deepEqual(searchTerms('some.page'), ['some', 'page']);
    assert.deepEqual(searchTerms('https://Exemple-Fraude.ma/login?id=42'), ['https', 'exemple', 'fraude', 'ma', 'login', 'id', '42']);
    assert.deepEqual(searchTerms('  Arnaqué  À   Casa '), ['arnaque', 'a', 'casa']);
    assert.deepEqual(searchTerms('البنكُ الشعبيّ'), ['البنك', 'الشعبي']);
  });

  test('is empty when nothing is searchable', () => {
    for (const input of ['', '   ', '!?.,;:', '\u200B\u202E', 'ـــ', '🤑🥰', '"*()']) assert.deepEqual(searchTerms(input), [], JSON.stringify(input));
  });

  test(`keeps at most ${MAX_SEARCH_TERMS} terms of at most ${MAX_TERM_LENGTH} units`, () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    assert.deepEqual(searchTerms(many), Array.from({ length: MAX_SEARCH_TERMS }, (_, i) => `w${i}`));
    assert.deepEqual(searchTerms('a'.repeat(200)), ['a'.repeat(MAX_TERM_LENGTH)]);
    const astral = searchTerms('a'.repeat(MAX_TERM_LENGTH - 1) + '𠀀𠀀');
    assert.equal(astral[0], 'a'.repeat(MAX_TERM_LENGTH - 1), 'a surrogate pair is never cut');
  });
});

describe('ftsMatchExpression', () => {
  test('quotes every term and makes the last one a prefix while it is being typed', () => {
    assert.equal(ftsMatchExpression('arnaque'), '"arnaque"*');
    assert.equal(ftsMatchExpression('arnaque '), '"arnaque"');
    assert.equal(ftsMatchExpression('arnaque\u00A0'), '"arnaque"', 'any whitespace ends the word');
    assert.equal(ftsMatchExpression('arnaque \u200B'), '"arnaque"', 'invisible characters after the space do not count');
    assert.equal(ftsMatchExpression('arnaque\u200B'), '"arnaque"*');
    assert.equal(ftsMatchExpression('arnaque🤑'), '"arnaque"*', 'a symbol is not whitespace');
    assert.equal(ftsMatchExpression('Banque Populaire'), '"banque" "populaire"*');
    assert.equal(ftsMatchExpression("l'arnaque"), '"l" "arnaque"*');
    assert.equal(ftsMatchExpression('arnaque a'), '"arnaque" "a"', 'a one-character last term is not a prefix');
    assert.equal(ftsMatchExpression('الْبَنْك'), '"البنك"*');
    assert.equal(ftsMatchExpression('في'), '"في"*');
  });

  test('is null when there is no term', () => {
    for (const input of ['', ' ', '"', '*', '()', '^', '+', '-', ':', '\u200B']) assert.equal(ftsMatchExpression(input), null, JSON.stringify(input));
  });

  test('turns FTS5 syntax into plain quoted terms', () => {
    const shape = /^"[^"]+"\*?( "[^"]+"\*?)*$/u;
    const cases: Array<[string, string]> = [
      ['NEAR(a b)', '"near" "a" "b"'],
      ['a OR b', '"a" "or" "b"'],
      ['NOT x', '"not" "x"'],
      ['body:x', '"body" "x"'],
      ['^x', '"x"'],
      ['-x', '"x"'],
      ['"a b"', '"a" "b"'],
      ['ab*', '"ab"*'],
      ['a + b', '"a" "b"'],
      ['(ab)', '"ab"*'],
      ['"ab', '"ab"*'],
      ['{body}: x', '"body" "x"'],
    ];
    for (const [input, expected] of cases) {
      const expression = ftsMatchExpression(input);
      assert.equal(expression, expected, input);
      assert.match(expression ?? '', shape);
    }
  });

  test('keeps the first 16 terms; the word being typed is a prefix only if it is among them', () => {
    const many = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ');
    assert.equal(ftsMatchExpression(many), Array.from({ length: MAX_SEARCH_TERMS }, (_, i) => `"w${i}"`).join(' '));
  });

  test('a term cut to the maximum length can only be a prefix', () => {
    assert.equal(ftsMatchExpression(`${'a'.repeat(100)} b`), `"${'a'.repeat(MAX_TERM_LENGTH)}"* "b"`);
    assert.equal(ftsMatchExpression('x'.repeat(10_000)), `"${'x'.repeat(MAX_TERM_LENGTH)}"*`);
  });
});

describe('highlightRanges', () => {
  test('covers the original tokens whose fold equals a term', () => {
    const text = 'Une ARNAQUE à Casablanca : arnaqué, puis arnaques.';
    assert.deepEqual(covered(text, highlightRanges(text, 'arnaque ')), ['ARNAQUE', 'arnaqué']);
    assert.deepEqual(covered(text, highlightRanges(text, 'arnaque')), ['ARNAQUE', 'arnaqué', 'arnaques'], 'prefix while typing');
    assert.deepEqual(covered(text, highlightRanges(text, 'casablanca a ')), ['à', 'Casablanca']);
  });

  test('works on Arabic with diacritics, tatweel and presentation forms, including the marks after a word', () => {
    const text = 'تَلَقَّيْتُ رِسَالَةً مِنَ البَنْكِ، ﺍﻟﺒﻨﻚ والبنـــك';
    assert.deepEqual(covered(text, highlightRanges(text, 'البنك ')), ['البَنْكِ', 'ﺍﻟﺒﻨﻚ']);
    assert.deepEqual(covered(text, highlightRanges(text, 'رسالة ')), ['رِسَالَةً']);
    assert.deepEqual(covered(text, highlightRanges(text, 'والبنك')), ['والبنـــك']);
  });

  test('handles surrogate pairs, invisible characters and digits', () => {
    const text = 'x 𝐁𝐀𝐍𝐐𝐔𝐄 ar\u200Bnaque ٣afak';
    assert.deepEqual(covered(text, highlightRanges(text, 'banque arnaque 3afak ')), ['𝐁𝐀𝐍𝐐𝐔𝐄', 'ar\u200Bnaque', '٣afak']);
  });

  test('merges ranges that overlap', () => {
    const text = 'محمد ﷺ';
    assert.deepEqual(highlightRanges(text, 'صلي الله '), [[5, 6]]);
    assert.deepEqual(highlightRanges('aa bb', 'aa bb '), [[0, 2], [3, 5]]);
  });

  test('is empty without a match or without a term', () => {
    assert.deepEqual(highlightRanges('rien à voir', 'arnaque'), []);
    assert.deepEqual(highlightRanges('rien à voir', '  ...  '), []);
    assert.deepEqual(highlightRanges('', 'arnaque'), []);
  });

  test('returns sorted, non-overlapping ranges within the text', () => {
    const text = ('Arnaque ARNAQUE الاحتيال الإحتيال 3afak ﷺ '.repeat(20) + 'fin').slice(3);
    const ranges = highlightRanges(text, 'arnaque الاحتيال 3afak الله');
    assert.ok(ranges.length > 0);
    let previousEnd = -1;
    for (const [start, end] of ranges) {
      assert.ok(start > previousEnd && start < end && end <= text.length);
      previousEnd = end;
    }
  });
});

describe('snippet', () => {
  const long = `${'Introduction sans rapport. '.repeat(10)}Le site demande une ARNAQUE bancaire déguisée. ${'Suite du texte sans rapport. '.repeat(10)}`;

  test('returns a short text whole', () => {
    assert.deepEqual(snippet('Une arnaque', 'arnaque'), { text: 'Une arnaque', ranges: [[4, 11]], clippedStart: false, clippedEnd: false });
  });

  test('centres a window on the first match, with ranges relative to it', () => {
    const result = snippet(long, 'arnaque');
    assert.ok(result.text.length <= 180);
    assert.equal(result.clippedStart, true);
    assert.equal(result.clippedEnd, true);
    assert.deepEqual(covered(result.text, result.ranges), ['ARNAQUE']);
    assert.ok(long.includes(result.text));
  });

  test('starts at the beginning when nothing matches', () => {
    const result = snippet(long, 'introuvable', 60);
    assert.ok(long.startsWith(result.text));
    assert.ok(result.text.length <= 60);
    assert.deepEqual(result.ranges, []);
    assert.equal(result.clippedStart, false);
    assert.equal(result.clippedEnd, true);
  });

  test('clips ranges to the window when the match is longer than it', () => {
    const result = snippet(`debut ${'a'.repeat(300)} fin`, 'a'.repeat(70), 50);
    assert.equal(result.text, 'a'.repeat(50));
    assert.deepEqual(result.ranges, [[0, 50]]);
  });

  test('never cuts a surrogate pair', () => {
    const text = `${'𝐀𝐁 '.repeat(60)}𝐁𝐀𝐍𝐐𝐔𝐄 ${'𠀀𠀁'.repeat(60)}`;
    for (let maxLength = 1; maxLength < 60; maxLength++) {
      for (const query of ['banque', 'nothing']) {
        const result = snippet(text, query, maxLength);
        const first = result.text.charCodeAt(0);
        const last = result.text.charCodeAt(result.text.length - 1);
        assert.ok(result.text.length > 0);
        assert.ok(!(first >= 0xdc00 && first <= 0xdfff), `starts with a low surrogate at ${maxLength}`);
        assert.ok(!(last >= 0xd800 && last <= 0xdbff), `ends with a high surrogate at ${maxLength}`);
      }
    }
  });

  test('rejects a maxLength below 1', () => {
    assert.throws(() => snippet('abc', 'a', 0), RangeError);
    assert.throws(() => snippet('abc', 'a', Number.NaN), RangeError);
  });
});

describe('FTS5 integration (report_search)', () => {
  function openIndex(t: { after: (fn: () => void) => void }): Database.Database {
    const db = new Database(':memory:');
    t.after(() => db.close());
    db.exec(CREATE_INDEX);
    return db;
  }

  function helpers(db: Database.Database) {
    const insert = db.prepare('INSERT INTO report_search (rowid, body) VALUES (?, ?)');
    const remove = db.prepare('DELETE FROM report_search WHERE rowid = ?');
    const countQuery = db.prepare('SELECT count(*) AS n FROM report_search WHERE report_search MATCH ?').pluck();
    const idsQuery = db.prepare('SELECT rowid FROM report_search WHERE report_search MATCH ? ORDER BY rowid').pluck();
    return {
      index: (rowid: number, original: string) => insert.run(rowid, foldForSearch(original)),
      remove: (rowid: number) => remove.run(rowid),
      count: (input: string): number => {
        const expression = ftsMatchExpression(input);
        return expression === null ? 0 : (countQuery.get(expression) as number);
      },
      ids: (input: string): number[] => {
        const expression = ftsMatchExpression(input);
        return expression === null ? [] : (idsQuery.all(expression) as number[]);
      },
    };
  }

  const documents: Array<[number, string]> = [
    [1, 'تَلَقَّيْتُ رِسَالَةً احْتِيَالِيَّةً مِنْ بَنْكٍ مُزَيَّفٍ'],
    [2, 'رســـالة احتيالية من البنـــك الشعبي'],
    [3, 'إعلان مسؤول في المدرسة الكبرى عن رئيس الشرطة'],
    [4, 'الرقم ٠٦١٢٣٤٥٦٧٨ و ۰۶۹۹'],
    [5, 'ﺍﻟﺒﻨﻚ ﺍﻟﺸﻌﺒﻲ ﻻ ﻳﺘﺼﻞ'],
    [6, "Arnaque à la carte bancaire : l'escroc a volé l'œuvre ÉNORME"],
    [7, "Arnaque a la carte bancaire, sans accents, l'oeuvre"],
    [8, "3afak chi wa7ed 9tel had l'bnadem, 7na khayfin"],
    [9, 'Le compte واتساب الاحتيالي demande un paiement'],
    [10, 'ar\u200Bna\u200Dque \u202Ebanque\u202C فـ\u200Fـيديو'],
    [11, 'nouvelle arnaque🤑 ₿0.5'],
  ];

  test('records the SQLite version', (t) => {
    const db = openIndex(t);
    const version = db.prepare('SELECT sqlite_version()').pluck().get() as string;
    t.diagnostic(`SQLite ${version}`);
    const [major, minor] = version.split('.').map(Number);
    assert.ok((major ?? 0) > 3 || (minor ?? 0) >= 43, 'contentless_delete needs SQLite 3.43 or later');
  });

  test('finds folded documents whatever the spelling of the query', (t) => {
    const db = openIndex(t);
    const { index, ids, count } = helpers(db);
    for (const [rowid, text] of documents) index(rowid, text);

    // Arabic with and without diacritics, tatweel.
    assert.deepEqual(ids('رسالة احتيالية '), [1, 2]);
    assert.deepEqual(ids('رِسَالَةٌ '), [1, 2]);
    assert.deepEqual(ids('رســالة '), [1, 2]);
    assert.deepEqual(ids('بنك '), [1]);
    assert.deepEqual(ids('البنك '), [2, 5]);
    // Hamza, alef, ya and ta marbuta variants.
    assert.deepEqual(ids('اعلان مسوول '), [3]);
    assert.deepEqual(ids('أعلان مسئول '), [], 'ئ folds to ي, not to و');
    assert.deepEqual(ids('المدرسه الكبري '), [3]);
    assert.deepEqual(ids('المدرسة الكبرى رئيس '), [3]);
    assert.deepEqual(ids('رييس '), [3]);
    // Arabic-Indic digits, either form, and ASCII digits.
    assert.deepEqual(ids('0612345678 '), [4]);
    assert.deepEqual(ids('٠٦١٢٣٤٥٦٧٨ '), [4]);
    assert.deepEqual(ids('۰۶۱۲۳۴۵۶۷۸ '), [4]);
    assert.deepEqual(ids('0699 '), [4]);
    // Presentation forms in the document and in the query.
    assert.deepEqual(ids('الشعبي '), [2, 5]);
    assert.deepEqual(ids('يتصل لا '), [5]);
    assert.deepEqual(ids('ﺍﻟﺸﻌﺒﻲ '), [2, 5]);
    // French with and without accents, œ, case.
    assert.deepEqual(ids('arnaque a la carte '), [6, 7]);
    assert.deepEqual(ids('ARNAQUÉ À LA CARTE '), [6, 7]);
    assert.deepEqual(ids('oeuvre '), [6, 7]);
    assert.deepEqual(ids('œuvre '), [6, 7]);
    assert.deepEqual(ids('enorme '), [6]);
    assert.deepEqual(ids("L'ESCROC "), [6]);
    // Darija in Latin script, as typed.
    assert.deepEqual(ids('3afak '), [8]);
    assert.deepEqual(ids('wa7ed '), [8]);
    assert.deepEqual(ids('9tel '), [8]);
    assert.deepEqual(ids('3AFAK WA7ED 9TEL 7na '), [8]);
    assert.deepEqual(ids('afak '), [], 'the digit is part of the word');
    assert.deepEqual(ids('wa '), []);
    // Mixed Arabic and French.
    assert.deepEqual(ids('compte واتساب '), [9]);
    assert.deepEqual(ids('الإحتيالي paiement '), [9]);
    // Invisible characters in the document and in the query.
    assert.deepEqual(ids('arnaque '), [6, 7, 10, 11]);
    assert.deepEqual(ids('banque '), [10]);
    assert.deepEqual(ids('فيديو '), [10]);
    assert.deepEqual(ids('ar\u200Cna\u2066que\u2069 \u200B'), [6, 7, 10, 11]);
    assert.deepEqual(ids('\u202Bواتساب\u202C '), [9]);
    // A newer emoji or currency sign does not glue to the word.
    assert.deepEqual(ids('nouvelle arnaque 0 5 '), [11]);
    // Prefix of the last term, multi-term AND.
    assert.deepEqual(ids('arna'), [6, 7, 10, 11]);
    assert.deepEqual(ids('arna '), []);
    assert.deepEqual(ids('carte banc'), [6, 7]);
    assert.deepEqual(ids('banc carte '), [], 'only the last term is a prefix');
    assert.deepEqual(ids('الاحتيا'), [9]);
    assert.deepEqual(ids('arnaque enorme '), [6]);
    assert.deepEqual(ids('arnaque paiement '), []);
    assert.equal(count('arnaque '), 4);
    assert.equal(count('ﻻ'), 1);
    assert.equal(count('introuvable'), 0);
  });

  test('treats FTS5 syntax in the query as plain text and never throws', (t) => {
    const db = openIndex(t);
    const { index, count, ids } = helpers(db);
    index(1, 'a or b');
    index(2, 'a b');
    index(3, 'not x');
    index(4, 'x');
    index(5, 'body: x near(a b)');
    const injections = [
      '"',
      '""',
      '*',
      'a*',
      'NEAR(a b)',
      'NEAR(a b, 0)',
      'a OR b',
      'a AND b',
      'NOT x',
      'body:x',
      '{body}:x',
      '- body : x',
      '^x',
      '(',
      ')',
      '(a',
      '-x',
      '+',
      'a + b',
      "'",
      '"a',
      'a"b',
      '\\',
      '\u0000',
      'x'.repeat(10_000),
      'a "b" '.repeat(2_000),
      '('.repeat(10_000),
    ];
    for (const input of injections) assert.doesNotThrow(() => count(input), JSON.stringify(input.slice(0, 20)));
    assert.deepEqual(ids('a OR b '), [1], '"or" is a word to find');
    assert.deepEqual(ids('NOT x '), [3], '"not" is a word to find');
    assert.deepEqual(ids('body:x '), [5], 'no column filter');
    assert.deepEqual(ids('NEAR(a b) '), [5]);
    assert.deepEqual(ids('^x '), [3, 4, 5]);
    assert.deepEqual(ids('-x '), [3, 4, 5]);
    assert.deepEqual(ids('a + b '), [1, 2, 5]);
    assert.equal(count('"'), 0);
    assert.equal(count('x'.repeat(10_000)), 0);
    // The same inputs passed raw would be syntax (or errors): the test exercises something.
    const raw = db.prepare('SELECT count(*) FROM report_search WHERE report_search MATCH ?').pluck();
    assert.equal(raw.get('a OR b'), 3);
    assert.throws(() => raw.get('"'));
  });

  test('replaces the indexed text of a revision: DELETE by rowid then INSERT (contentless_delete=1)', (t) => {
    const db = openIndex(t);
    const { index, remove, ids } = helpers(db);
    index(1, 'première version: arnaque au colis');
    index(2, 'un autre signalement sur un colis');
    assert.deepEqual(ids('colis '), [1, 2]);
    db.transaction(() => {
      remove(1);
      index(1, 'deuxième version: hameçonnage bancaire');
    })();
    assert.deepEqual(ids('colis '), [2]);
    assert.deepEqual(ids('arnaque '), []);
    assert.deepEqual(ids('hameconnage '), [1]);
    assert.deepEqual(ids('version '), [1]);
    remove(2);
    assert.deepEqual(ids('colis '), []);
    assert.equal(db.prepare('SELECT count(*) FROM report_search').pluck().get(), 1);
  });

  test('cuts folded text into the same tokens as unicode61, for every BMP character', (t) => {
    // A regular (not contentless) table of the same tokenizer, to read the tokens back.
    const db = new Database(':memory:');
    t.after(() => db.close());
    db.exec(`CREATE VIRTUAL TABLE probe USING fts5(body, tokenize="unicode61 remove_diacritics 2");
             CREATE VIRTUAL TABLE probe_terms USING fts5vocab(probe, instance);`);
    const insert = db.prepare('INSERT INTO probe (rowid, body) VALUES (?, ?)');
    const probed: number[] = [];
    db.transaction(() => {
      for (let unit = 0; unit < 0x10000; unit++) {
        if (unit >= 0xd800 && unit <= 0xdfff) continue;
        const ch = String.fromCharCode(unit);
        if (foldForSearch(ch) !== ch) continue; // only what folded text can contain
        insert.run(unit + 1, `q${ch}q`);
        probed.push(unit);
      }
    })();
    const tokenCount = new Map<number, number>();
    for (const row of db.prepare('SELECT doc, count(*) AS n FROM probe_terms GROUP BY doc').all() as Array<{ doc: number; n: number }>) {
      tokenCount.set(row.doc - 1, row.n);
    }
    const disagreements = probed.filter((unit) => {
      const ours = searchTerms(`q${String.fromCharCode(unit)}q`).length;
      return ours !== tokenCount.get(unit);
    });
    t.diagnostic(`${probed.length} BMP characters compared`);
    assert.deepEqual(disagreements.map((unit) => unit.toString(16)), []);
  });
});
