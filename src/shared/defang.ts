/**
 * Defanging for display: a reported URL is shown so that nothing (the app, a
 * mail client, a word processor it is pasted into) can click or auto-link it.
 *
 *   https://www.example.com/a.php  →  hxxps[://]www[.]example[.]com/a[.]php
 *
 * Pure string work with no Node API: it runs in the renderer too. Works on any
 * text (not only valid URLs) and is idempotent: defanging a defanged string
 * changes nothing.
 */

/**
 * Characters that do not show but change what a string is: C0 controls (but
 * tab, line feed and carriage return), DEL and C1 controls, bidi controls and
 * marks, zero-width and other invisible format characters (soft hyphen,
 * combining grapheme joiner, Hangul fillers, variation selectors, tag
 * characters...). The same set the renderer flags as "bidi", "control" and
 * "invisible" (spaces apart: they are visible as spaces).
 */
export function isInvisibleCodePoint(cp: number): boolean {
  if (cp === 0x09 || cp === 0x0a || cp === 0x0d) return false;
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0x3164 ||
    (cp >= 0xfe00 && cp <= 0xfe0d) ||
    cp === 0xfeff ||
    cp === 0xffa0 ||
    (cp >= 0xfff9 && cp <= 0xfffb) ||
    (cp >= 0x1d173 && cp <= 0x1d17a) ||
    (cp >= 0xe0000 && cp <= 0xe007f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/**
 * A superset of the invisible characters' UTF-16 units (astral ones by their high surrogate):
 * most texts hold none, and a native scan says so far faster than a loop over code points.
 */
// eslint-disable-next-line no-control-regex, no-misleading-character-class -- control, combining and lone surrogate units are what it looks for, one unit at a time
const MAYBE_INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0d\ufeff\uffa0\ufff9-\ufffb\ud834\udb40]/;

/** The text without its invisible characters (see isInvisibleCodePoint); linear, never throws. */
export function removeInvisible(text: string): string {
  if (!MAYBE_INVISIBLE.test(text)) return text;
  let out = '';
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    if (isInvisibleCodePoint(cp)) {
      out += text.slice(start, i);
      start = i + width;
    }
    i += width;
  }
  return start === 0 ? text : out + text.slice(start);
}

/** "http"/"https" (any case) used as a scheme: followed by ":" or an already defanged "[:". */
const HTTP_SCHEME = /(?<![\p{L}\p{N}_])(h)(tt)(ps?)(?=[[({]?:)/giu;
/** "ftp" used as a scheme. */
const FTP_SCHEME = /(?<![\p{L}\p{N}_])(f)(t)(p)(?=[[({]?:)/giu;
/** "://" not already inside brackets. */
const SCHEME_SEPARATOR = /(?<![[({]):\/\/(?![\])}])/g;
/** The host that follows a defanged separator: every dot in it, even next to "-" or at its end. */
const HOST_AFTER_SEPARATOR = /\[:\/\/\]([^\s/?#\\]*)/g;
/** Any dot (ASCII, ideographic, fullwidth, halfwidth) not already inside brackets. */
const LOOSE_DOT = /(?<![[({])[.。．｡](?![\])}])/g;
/** Any dot between two word characters, anywhere in the text. */
const WORD_DOT = /(?<=[\p{L}\p{N}_])[.。．｡](?=[\p{L}\p{N}_])/gu;

function toX(t: string): string {
  return t.replace(/t/g, 'x').replace(/T/g, 'X');
}

/** Display form of a reported URL (or of any text) that cannot be clicked or auto-linked: hxxp(s), [://], [.]. */
export function defangUrl(text: string): string {
  if (typeof text !== 'string') return '';
  return removeInvisible(text)
    .replace(HTTP_SCHEME, (_all, h: string, tt: string, rest: string) => `${h}${toX(tt)}${rest}`)
    .replace(FTP_SCHEME, (_all, f: string, t: string, p: string) => `${f}${toX(t)}${p}`)
    .replace(SCHEME_SEPARATOR, '[://]')
    .replace(HOST_AFTER_SEPARATOR, (_all, host: string) => `[://]${host.replace(LOOSE_DOT, '[.]')}`)
    .replace(WORD_DOT, '[.]');
}
