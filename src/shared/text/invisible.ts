/**
 * Characters of untrusted text that do not show, or show as something else:
 * bidi controls (which reorder text), zero-width and other invisible format
 * characters, control characters and unusual spaces. Pure functions: what the
 * "show invisible characters" view replaces with visible marks, and what the
 * "contains N invisible characters" indicator counts.
 *
 * Tab, line feed and carriage return are ordinary layout: never flagged.
 * U+FE0E/U+FE0F (text/emoji presentation selectors) follow most emoji: not flagged.
 */

/** Why a character is flagged. `bidi` is the dangerous one: it reorders what is around it. */
export type InvisibleKind = 'bidi' | 'invisible' | 'control' | 'space' | 'invalid';

export interface InvisibleMark {
  readonly kind: 'mark';
  readonly category: InvisibleKind;
  readonly codePoint: number;
  /** `U+202E`. */
  readonly code: string;
  /** Short name where there is a usual one: `RLO`, `ZWSP`, `NBSP`. */
  readonly abbr: string | null;
}

export type Segment = { readonly kind: 'text'; readonly text: string } | InvisibleMark;

const ABBREVIATIONS: ReadonlyMap<number, string> = new Map([
  [0x00a0, 'NBSP'],
  [0x00ad, 'SHY'],
  [0x034f, 'CGJ'],
  [0x061c, 'ALM'],
  [0x115f, 'HF'],
  [0x1160, 'HF'],
  [0x1680, 'OSM'],
  [0x180e, 'MVS'],
  [0x200b, 'ZWSP'],
  [0x200c, 'ZWNJ'],
  [0x200d, 'ZWJ'],
  [0x200e, 'LRM'],
  [0x200f, 'RLM'],
  [0x2028, 'LSEP'],
  [0x2029, 'PSEP'],
  [0x202a, 'LRE'],
  [0x202b, 'RLE'],
  [0x202c, 'PDF'],
  [0x202d, 'LRO'],
  [0x202e, 'RLO'],
  [0x202f, 'NNBSP'],
  [0x205f, 'MMSP'],
  [0x2060, 'WJ'],
  [0x2066, 'LRI'],
  [0x2067, 'RLI'],
  [0x2068, 'FSI'],
  [0x2069, 'PDI'],
  [0x3000, 'IDSP'],
  [0x3164, 'HF'],
  [0x007f, 'DEL'],
  [0x0085, 'NEL'],
  [0xfeff, 'BOM'],
  [0xffa0, 'HF'],
]);

/** The category of a flagged code point, or null for an ordinary character. */
export function classifyCodePoint(cp: number): InvisibleKind | null {
  if (cp === 0x09 || cp === 0x0a || cp === 0x0d) return null;
  // Bidi: embeddings, overrides, isolates and marks.
  if (cp === 0x061c || cp === 0x200e || cp === 0x200f) return 'bidi';
  if (cp >= 0x202a && cp <= 0x202e) return 'bidi';
  if (cp >= 0x2066 && cp <= 0x2069) return 'bidi';
  // Control characters: C0, DEL, C1, interlinear annotation.
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return 'control';
  if (cp >= 0xfff9 && cp <= 0xfffb) return 'control';
  // Lone surrogates (a broken UTF-16 string).
  if (cp >= 0xd800 && cp <= 0xdfff) return 'invalid';
  // Spaces that look like an ordinary space, or like nothing, or break lines.
  if (cp === 0x00a0 || cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f || cp === 0x3000) return 'space';
  if (cp === 0x2028 || cp === 0x2029) return 'space';
  // Zero-width and other invisible format characters.
  if (cp >= 0x200b && cp <= 0x200d) return 'invisible';
  if (cp >= 0x2060 && cp <= 0x2065) return 'invisible';
  if (cp >= 0x206a && cp <= 0x206f) return 'invisible';
  if (cp === 0xfeff || cp === 0x00ad || cp === 0x034f || cp === 0x180e) return 'invisible';
  if (cp === 0x115f || cp === 0x1160 || cp === 0x3164 || cp === 0xffa0 || cp === 0x17b4 || cp === 0x17b5) return 'invisible';
  if (cp >= 0xfe00 && cp <= 0xfe0d) return 'invisible';
  if (cp >= 0x1d173 && cp <= 0x1d17a) return 'invisible';
  // Tag characters (hidden ASCII) and the supplementary variation selectors.
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'invisible';
  if (cp >= 0xe0100 && cp <= 0xe01ef) return 'invisible';
  return null;
}

/** `U+202E`, `U+E0041`. */
export function formatCodePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function markOf(cp: number, category: InvisibleKind): InvisibleMark {
  const abbr = ABBREVIATIONS.get(cp) ?? (category === 'control' && cp < 0x20 ? 'C0' : category === 'control' && cp >= 0x80 && cp <= 0x9f ? 'C1' : cp >= 0xe0000 && cp <= 0xe007f ? 'TAG' : null);
  return { kind: 'mark', category, codePoint: cp, code: formatCodePoint(cp), abbr };
}

/**
 * The text cut into ordinary runs and one mark per flagged character, in
 * logical order. Joining the text runs gives the text without the flagged
 * characters. `transform` applies to each run (defanging a URL run by run:
 * a mark between "ht" and "tps://" leaves both halves harmless).
 */
export function revealInvisible(text: string, transform?: (run: string) => string): Segment[] {
  const segments: Segment[] = [];
  let run = '';
  // for..of walks code points; a lone surrogate comes out as itself.
  for (const char of text) {
    const cp = char.codePointAt(0) as number;
    const category = classifyCodePoint(cp);
    if (category === null) {
      run += char;
      continue;
    }
    if (run) segments.push({ kind: 'text', text: transform ? transform(run) : run });
    run = '';
    segments.push(markOf(cp, category));
  }
  if (run) segments.push({ kind: 'text', text: transform ? transform(run) : run });
  return segments;
}

/** The visible label of a mark: `⟦U+202E RLO⟧`. */
export function markLabel(mark: InvisibleMark): string {
  return `⟦${mark.code}${mark.abbr ? ` ${mark.abbr}` : ''}⟧`;
}

/** The text with every flagged character replaced by its label, as plain text. */
export function revealInvisibleText(text: string): string {
  return revealInvisible(text)
    .map((segment) => (segment.kind === 'text' ? segment.text : markLabel(segment)))
    .join('');
}

/** How many flagged characters the text holds, and how many of them are bidi controls. */
export interface InvisibleCount {
  readonly total: number;
  readonly bidi: number;
}

export function countInvisible(text: string): InvisibleCount {
  let total = 0;
  let bidi = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    // Printable ASCII, the common case: nothing to look at.
    if (cp >= 0x20 && cp < 0x7f) continue;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    const category = classifyCodePoint(cp);
    if (category === null) continue;
    // French typography puts no-break spaces before « : ; ! ? » and inside guillemets: shown
    // as marks on demand, but not counted, or ordinary French text would always raise the flag.
    if (cp === 0x00a0 || cp === 0x202f) continue;
    total++;
    if (category === 'bidi') bidi++;
  }
  return { total, bidi };
}

/** Sum of the counts of several texts (nulls skipped). */
export function countInvisibleIn(texts: Iterable<string | null | undefined>): InvisibleCount {
  let total = 0;
  let bidi = 0;
  for (const text of texts) {
    if (!text) continue;
    const count = countInvisible(text);
    total += count.total;
    bidi += count.bidi;
  }
  return { total, bidi };
}

/** Lines of a text, for per-line direction: CRLF, CR and LF all end a line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
