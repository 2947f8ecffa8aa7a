/**
 * Text folding for full-text search, and highlighting.
 *
 * The store keeps a contentless FTS5 index
 *   CREATE VIRTUAL TABLE report_search USING fts5(body, content='',
 *     contentless_delete=1, tokenize="unicode61 remove_diacritics 2")
 * into which FOLDED text is inserted; queries are folded the same way. SQLite's
 * unicode61 tokenizer lowercases and strips Latin diacritics only, so
 * everything Arabic (and the invisible characters that could split a word to
 * evade a search) is folded here, before SQLite sees the text.
 *
 * Folding is per character (UTF-16 unit, or code point outside the BMP),
 * through a table built once, on first use, for the whole BMP. A character:
 *  - is removed when it is invisible or a mark: every format character (Cf:
 *    zero-width spaces and joiners, bidi controls U+200E/F U+202A-E
 *    U+2066-9, U+061C, U+FEFF, soft hyphen...), every Default_Ignorable and
 *    noncharacter code point (variation selectors, Hangul fillers...), a lone
 *    surrogate, tatweel U+0640, the Quranic signs U+06D6-U+06ED, and every
 *    combining mark (M*), in whatever script: Arabic harakat U+064B-U+065F,
 *    superscript alef U+0670, U+0610-U+061A, Latin accents once decomposed;
 *  - otherwise goes through NFKC (Arabic presentation forms to base letters,
 *    lam-alef to two letters, full-width Latin to ASCII, "ﬁ" to "fi"...),
 *    lowercasing, and NFD with the marks dropped (é→e, ç→c, ï→i, أ→ا, ؤ→و,
 *    ئ→ي; also Greek tonos, Cyrillic й→и, Indic vowel signs, Japanese dakuten:
 *    recall over precision, the same for the index and the query);
 *  - then the letter table below: Latin letters without a decomposition
 *    (œ→oe, æ→ae, ß→ss, ø→o, ł→l, đ/ð→d, ħ→h, ı→i, þ→th), alef forms without
 *    one (ٱ ٲ ٳ ٵ → ا), ى→ي, ة→ه, Persian/Urdu/Maghrebi letter shapes
 *    (ک ڪ → ك; ی ے ۓ → ي; ھ ہ ۂ ۀ ە ۃ → ه; پ→ب; ڤ ڥ ڢ → ف; ڧ ٯ → ق), the
 *    Moroccan /g/ letters گ ڭ ݣ → ك (Darija writes /g/ with any of them or
 *    with ك; ق is left alone), and Arabic-Indic and Eastern Arabic-Indic
 *    digits → 0-9 ("٣" matches "3"; Latin-script Darija keeps its digit
 *    letters inside the word, "3afak", as unicode61 counts digits as token
 *    characters). The hamza on the line ء, چ and ژ stay as they are;
 *  - symbols and punctuation outside ASCII become a space. SQLite's Unicode
 *    tables predate Unicode 7, so to unicode61 a symbol assigned since (🤑,
 *    🥰, ₿, ₽...) is a token character and "arnaque🤑" would be one token;
 *  - a symbol that NFKC turns into letters ("™" → "tm", "①" → "1") or a
 *    ligature of several words ("ﷺ") is surrounded by spaces so as not to
 *    glue to its neighbours.
 * The table is applied to its own output until nothing changes, so folding is
 * idempotent (a folded query folds to itself). Changing any of this, or a
 * Node upgrade that changes its Unicode data, calls for a reindex.
 *
 * Tokens are what FTS5 unicode61 makes of folded text: maximal runs of token
 * characters, which are the categories L*, N*, Co and (as in SQLite, whose
 * tables leave them uncategorised) unassigned code points. On folded text
 * this agrees with SQLite 3.53 on every code point (the test checks the BMP).
 */

const DELETE = -1;
const HIGH_SURROGATE = -2;
/** Table values ≤ EXPANSION_BASE index `expansions` (value = EXPANSION_BASE - index). */
const EXPANSION_BASE = -3;

/** At most this many terms from a query, each at most this many UTF-16 units. */
export const MAX_SEARCH_TERMS = 16;
export const MAX_TERM_LENGTH = 64;

const LETTER_MAP: ReadonlyMap<number, string> = new Map<number, string>([
  // Latin letters without a canonical decomposition, and ligatures.
  [0x0153, 'oe'], // œ
  [0x00e6, 'ae'], // æ
  [0x00df, 'ss'], // ß
  [0x00f8, 'o'], // ø
  [0x0142, 'l'], // ł
  [0x0111, 'd'], // đ
  [0x00f0, 'd'], // ð
  [0x0127, 'h'], // ħ
  [0x0131, 'i'], // dotless ı
  [0x0167, 't'], // ŧ
  [0x00fe, 'th'], // þ
  // Alef variants (آ أ إ decompose to ا + mark and need no entry).
  [0x0671, '\u0627'], // ٱ alef wasla
  [0x0672, '\u0627'], // ٲ alef with wavy hamza above
  [0x0673, '\u0627'], // ٳ alef with wavy hamza below
  [0x0675, '\u0627'], // ٵ high hamza alef
  [0x0676, '\u0648'], // ٶ high hamza waw
  [0x0678, '\u064a'], // ٸ high hamza yeh
  [0x0649, '\u064a'], // ى alef maqsura → ي
  [0x0629, '\u0647'], // ة ta marbuta → ه
  // Yeh shapes.
  [0x06cc, '\u064a'], // ی Farsi yeh
  [0x06d2, '\u064a'], // ے yeh barree (ۓ decomposes to it)
  // Heh shapes.
  [0x06be, '\u0647'], // ھ heh doachashmee
  [0x06c1, '\u0647'], // ہ heh goal (ۂ decomposes to it)
  [0x06d5, '\u0647'], // ە ae (ۀ decomposes to it)
  [0x06c3, '\u0647'], // ۃ teh marbuta goal
  // Kaf shapes, and the letters Darija uses for /g/.
  [0x06a9, '\u0643'], // ک keheh
  [0x06aa, '\u0643'], // ڪ swash kaf
  [0x06af, '\u0643'], // گ gaf
  [0x06ad, '\u0643'], // ڭ ng (Moroccan /g/)
  [0x0763, '\u0643'], // ݣ keheh with three dots above (Moroccan /g/)
  // Other loan-letter and Maghrebi shapes.
  [0x067e, '\u0628'], // پ peh → ب
  [0x06a4, '\u0641'], // ڤ veh → ف
  [0x06a5, '\u0641'], // ڥ veh with dots below → ف
  [0x06a2, '\u0641'], // ڢ Maghrebi feh → ف
  [0x06a7, '\u0642'], // ڧ Maghrebi qaf → ق
  [0x066f, '\u0642'], // ٯ dotless qaf → ق
  // Arabic-Indic ٠-٩ and Eastern Arabic-Indic ۰-۹ digits → ASCII.
  ...Array.from({ length: 10 }, (_, d): [number, string] => [0x0660 + d, String(d)]),
  ...Array.from({ length: 10 }, (_, d): [number, string] => [0x06f0 + d, String(d)]),
]);

const IGNORABLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}]$/u;
const MARK = /^\p{M}$/u;
const SYMBOL_OR_PUNCTUATION = /^[\p{S}\p{P}]$/u;
/** What FTS5 unicode61 counts as a token character: its default categories L* N* Co, plus what its (older) tables leave unassigned. */
const TOKEN_CHAR = /^[\p{L}\p{N}\p{Co}\p{Cn}]$/u;

/** Characters removed outright, before any normalisation. */
function isRemoved(cp: number, ch: string): boolean {
  if (cp >= 0xd800 && cp <= 0xdfff) return true; // lone surrogate
  if (cp === 0x0640) return true; // tatweel
  // Quranic annotation signs, some of which are not marks (U+06DD, U+06DE, U+06E5, U+06E6, U+06E9).
  if (cp >= 0x06d6 && cp <= 0x06ed) return true;
  // Vowel signs that were combining marks when SQLite's tables were made and are letters now.
  if ((cp >= 0x19b0 && cp <= 0x19c0) || cp === 0x19c8 || cp === 0x19c9 || cp === 0x1cf2 || cp === 0x1cf3) return true;
  return IGNORABLE.test(ch) || MARK.test(ch);
}

/** One folding pass over one character: the reference the table is built from. */
function foldCharOnce(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (isRemoved(cp, ch)) return '';
  const mapped = LETTER_MAP.get(cp);
  if (mapped !== undefined) return mapped;
  const compatible = ch.normalize('NFKC');
  let out = '';
  for (const part of compatible.toLowerCase().normalize('NFD')) {
    const partCp = part.codePointAt(0) ?? 0;
    if (isRemoved(partCp, part)) continue;
    if (partCp >= 0x80 && SYMBOL_OR_PUNCTUATION.test(part)) out += ' ';
    else out += LETTER_MAP.get(partCp) ?? part;
  }
  out = out.normalize('NFC');
  // A symbol that expands to letters ("™" → "tm", "①" → "1") or a ligature of
  // several words ("ﷺ") must not glue to its neighbours.
  if (compatible !== ch && (compatible.includes(' ') || SYMBOL_OR_PUNCTUATION.test(ch))) out = ` ${out} `;
  return out;
}

/** The fold of one character, iterated to a fixed point. */
function foldCharSlow(ch: string): string {
  let current = foldCharOnce(ch);
  for (let round = 0; round < 8; round++) {
    let next = '';
    for (const part of current) next += part === ch ? part : foldCharOnce(part);
    if (next === current) break;
    current = next;
  }
  return current;
}

interface Tables {
  /** Per UTF-16 unit: the single replacement unit (≥ 0), DELETE, HIGH_SURROGATE, or an expansion index. */
  fold: Int32Array;
  expansions: Uint16Array[];
  /** Per UTF-16 unit of folded text: 1 when FTS5 unicode61 counts it as a token character. */
  token: Uint8Array;
  astralFold: Map<number, Uint16Array>;
  astralToken: Map<number, boolean>;
}

let tables: Tables | null = null;

function toUnits(s: string): Uint16Array {
  const units = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) units[i] = s.charCodeAt(i);
  return units;
}

function buildTables(): Tables {
  const fold = new Int32Array(0x10000);
  const token = new Uint8Array(0x10000);
  const expansions: Uint16Array[] = [];
  for (let unit = 0; unit < 0x10000; unit++) {
    const ch = String.fromCharCode(unit);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      fold[unit] = HIGH_SURROGATE;
      continue;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) {
      fold[unit] = DELETE;
      continue;
    }
    token[unit] = TOKEN_CHAR.test(ch) ? 1 : 0;
    const folded = foldCharSlow(ch);
    if (folded.length === 0) fold[unit] = DELETE;
    else if (folded.length === 1) fold[unit] = folded.charCodeAt(0);
    else {
      fold[unit] = EXPANSION_BASE - expansions.length;
      expansions.push(toUnits(folded));
    }
  }
  return { fold, expansions, token, astralFold: new Map(), astralToken: new Map() };
}

function getTables(): Tables {
  tables ??= buildTables();
  return tables;
}

function astralFold(t: Tables, cp: number): Uint16Array {
  let folded = t.astralFold.get(cp);
  if (folded === undefined) {
    folded = toUnits(foldCharSlow(String.fromCodePoint(cp)));
    t.astralFold.set(cp, folded);
  }
  return folded;
}

function isAstralToken(t: Tables, cp: number): boolean {
  let isToken = t.astralToken.get(cp);
  if (isToken === undefined) {
    isToken = TOKEN_CHAR.test(String.fromCodePoint(cp));
    t.astralToken.set(cp, isToken);
  }
  return isToken;
}

const utf16 = new TextDecoder('utf-16le');

function foldCore(text: string, wantMap: boolean): { folded: string; map: Int32Array } {
  const t = getTables();
  const table = t.fold;
  const n = text.length;
  let capacity = n + 32;
  let out = new Uint16Array(capacity);
  let map = new Int32Array(wantMap ? capacity : 0);
  let o = 0;
  // Invariant: capacity - o ≥ n - i, so a one-to-one or deleting step never overflows.
  const reserve = (extra: number, remainingInput: number): void => {
    if (capacity - o >= extra + remainingInput) return;
    capacity = Math.max(capacity * 2, o + extra + remainingInput + 32);
    const grown = new Uint16Array(capacity);
    grown.set(out.subarray(0, o));
    out = grown;
    if (wantMap) {
      const grownMap = new Int32Array(capacity);
      grownMap.set(map.subarray(0, o));
      map = grownMap;
    }
  };
  for (let i = 0; i < n; i++) {
    const unit = text.charCodeAt(i);
    const value = table[unit] as number;
    if (value >= 0) {
      if (wantMap) map[o] = i;
      out[o++] = value;
    } else if (value === DELETE) {
      continue;
    } else if (value === HIGH_SURROGATE) {
      const low = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (low < 0xdc00 || low > 0xdfff) continue; // lone high surrogate
      const expansion = astralFold(t, ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
      reserve(expansion.length, n - i - 2);
      out.set(expansion, o);
      if (wantMap) map.fill(i, o, o + expansion.length);
      o += expansion.length;
      i++;
    } else {
      const expansion = t.expansions[EXPANSION_BASE - value] as Uint16Array;
      reserve(expansion.length, n - i - 1);
      out.set(expansion, o);
      if (wantMap) map.fill(i, o, o + expansion.length);
      o += expansion.length;
    }
  }
  return { folded: utf16.decode(out.subarray(0, o)), map: wantMap ? map.slice(0, o) : map };
}

/** The folded form of `text`: what is indexed, and what queries are matched against. */
export function foldForSearch(text: string): string {
  return foldCore(text, false).folded;
}

/**
 * foldForSearch, plus, for each UTF-16 unit of `folded`, the index in `text`
 * of the character it came from (the high surrogate for a pair).
 */
export function foldWithMap(text: string): { folded: string; map: Int32Array } {
  return foldCore(text, true);
}

/** Token spans [start, end) of an already folded string, as unicode61 cuts it. */
function tokenSpans(folded: string): number[] {
  const t = getTables();
  const spans: number[] = [];
  let start = -1;
  const n = folded.length;
  for (let i = 0; i < n; i++) {
    const unit = folded.charCodeAt(i);
    let isToken: boolean;
    let width = 1;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < n) {
      const low = folded.charCodeAt(i + 1);
      isToken = low >= 0xdc00 && low <= 0xdfff && isAstralToken(t, ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
      if (low >= 0xdc00 && low <= 0xdfff) width = 2;
    } else {
      isToken = t.token[unit] === 1;
    }
    if (isToken) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      spans.push(start, i);
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) spans.push(start, n);
  return spans;
}

interface ParsedQuery {
  terms: string[];
  prefix: boolean[];
}

function parseQuery(input: string): ParsedQuery {
  const { folded, map } = foldWithMap(input);
  const spans = tokenSpans(folded);
  const count = Math.min(spans.length / 2, MAX_SEARCH_TERMS);
  const terms: string[] = [];
  const prefix: boolean[] = [];
  for (let k = 0; k < count; k++) {
    let term = folded.slice(spans[2 * k], spans[2 * k + 1]);
    let truncated = false;
    if (term.length > MAX_TERM_LENGTH) {
      const last = term.charCodeAt(MAX_TERM_LENGTH - 1);
      term = term.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_TERM_LENGTH - 1 : MAX_TERM_LENGTH);
      truncated = true;
    }
    terms.push(term);
    // A term cut to MAX_TERM_LENGTH can only match as a prefix of the real token.
    prefix.push(truncated);
  }
  // The word being typed: the last word of the input, when the input does not
  // end with whitespace (invisible characters, which folding drops, aside).
  const lastIsInputEnd = spans.length / 2 <= MAX_SEARCH_TERMS;
  const lastTerm = terms[terms.length - 1];
  const endsWithSpace = /^\s$/u.test(input.charAt(map[map.length - 1] ?? 0));
  if (lastTerm !== undefined && lastIsInputEnd && !endsWithSpace && codePointLength(lastTerm) >= 2) {
    prefix[prefix.length - 1] = true;
  }
  return { terms, prefix };
}

function codePointLength(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/**
 * The folded tokens of a user's query, cut as FTS5 unicode61 cuts them (so
 * "l'arnaque" gives ["l", "arnaque"]): at most MAX_SEARCH_TERMS terms of at
 * most MAX_TERM_LENGTH UTF-16 units each; [] when nothing is searchable.
 */
export function searchTerms(input: string): string[] {
  return parseQuery(input).terms;
}

/**
 * A safe FTS5 MATCH string for a user's query, or null when it has no term.
 * Every term is a double-quoted string (so NEAR, OR, NOT, column filters, ^,
 * *, parentheses and + are plain text), terms are AND-ed, and the last term is
 * a prefix query ("term"*) while it is being typed: when the input does not
 * end with whitespace and the term has at least 2 characters. A term cut to
 * MAX_TERM_LENGTH is always a prefix query.
 */
export function ftsMatchExpression(input: string): string | null {
  const { terms, prefix } = parseQuery(input);
  if (terms.length === 0) return null;
  return terms.map((term, k) => `"${term.replaceAll('"', '""')}"${prefix[k] === true ? '*' : ''}`).join(' ');
}

function isHighSurrogateAt(s: string, index: number): boolean {
  const unit = s.charCodeAt(index);
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogateAt(s: string, index: number): boolean {
  const unit = s.charCodeAt(index);
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * Ranges [start, end) in UTF-16 units of `original` covering each of its
 * tokens whose folded form equals a query term (or starts with it, for a
 * prefix term: same rule as ftsMatchExpression). A range includes the
 * characters folding removed right after the token (harakat, tatweel,
 * zero-width characters). Sorted, non-overlapping, adjacent ranges merged.
 */
export function highlightRanges(original: string, input: string): Array<[number, number]> {
  const { terms, prefix } = parseQuery(input);
  if (terms.length === 0) return [];
  const exact = new Set<string>();
  const prefixes: string[] = [];
  terms.forEach((term, k) => (prefix[k] === true ? prefixes.push(term) : exact.add(term)));
  const { folded, map } = foldWithMap(original);
  const spans = tokenSpans(folded);
  const ranges: Array<[number, number]> = [];
  for (let k = 0; k < spans.length; k += 2) {
    const a = spans[k] as number;
    const b = spans[k + 1] as number;
    const token = folded.slice(a, b);
    if (!exact.has(token) && !prefixes.some((p) => token.startsWith(p))) continue;
    const start = map[a] as number;
    const lastSource = map[b - 1] as number;
    const lastEnd = lastSource + (isHighSurrogateAt(original, lastSource) && isLowSurrogateAt(original, lastSource + 1) ? 2 : 1);
    const end = Math.max(lastEnd, b < folded.length ? (map[b] as number) : original.length);
    const previous = ranges[ranges.length - 1];
    if (previous !== undefined && start <= previous[1]) previous[1] = Math.max(previous[1], end);
    else ranges.push([start, end]);
  }
  return ranges;
}

/**
 * A window of at most `maxLength` UTF-16 units of `original` around the first
 * match (or at the start when nothing matches), cut at a space when one is
 * near and never inside a surrogate pair, with the highlight ranges relative
 * to the window. clippedStart/clippedEnd tell the caller where to show "…".
 */
export function snippet(
  original: string,
  input: string,
  maxLength = 180,
): { text: string; ranges: Array<[number, number]>; clippedStart: boolean; clippedEnd: boolean } {
  if (!(maxLength >= 1)) throw new RangeError('snippet: maxLength must be at least 1');
  const limit = Math.floor(maxLength);
  const all = highlightRanges(original, input);
  const n = original.length;
  if (n <= limit) return { text: original, ranges: all, clippedStart: false, clippedEnd: false };

  const first = all[0];
  let start = 0;
  if (first !== undefined) {
    const matchLength = first[1] - first[0];
    start = matchLength >= limit ? first[0] : first[0] - Math.floor((limit - matchLength) / 3);
    start = Math.max(0, Math.min(start, n - limit));
  }
  let end = Math.min(n, start + limit);
  // Prefer to cut at a space, when one is close and the first match stays whole.
  const slack = Math.min(24, Math.floor(limit / 6));
  if (start > 0 && !/\s/u.test(original.charAt(start - 1))) {
    const matchStart = first?.[0] ?? n;
    for (let i = start; i < Math.min(start + slack, matchStart); i++) {
      if (/\s/u.test(original.charAt(i))) {
        start = i + 1;
        break;
      }
    }
  }
  if (end < n && !/\s/u.test(original.charAt(end))) {
    const matchEnd = first === undefined ? start : first[1];
    for (let i = end - 1; i > Math.max(end - slack, matchEnd); i--) {
      if (/\s/u.test(original.charAt(i))) {
        end = i;
        break;
      }
    }
  }
  if (start > 0 && isLowSurrogateAt(original, start) && isHighSurrogateAt(original, start - 1)) start++;
  if (end < n && isLowSurrogateAt(original, end) && isHighSurrogateAt(original, end - 1)) end = end - 1 > start ? end - 1 : end + 1;

  const ranges: Array<[number, number]> = [];
  for (const [a, b] of all) {
    if (b <= start || a >= end) continue;
    ranges.push([Math.max(a, start) - start, Math.min(b, end) - start]);
  }
  return { text: original.slice(start, end), ranges, clippedStart: start > 0, clippedEnd: end < n };
}
