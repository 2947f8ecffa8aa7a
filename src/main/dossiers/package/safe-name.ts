/**
 * File names for the sealed package, made from untrusted text (attachment
 * names, labels): safe on every operating system and every zip tool, and
 * unable to mislead whoever reads them.
 *
 * A safe name has no path separator (nor a look-alike), no control, bidi,
 * invisible or private-use character, no leading dot, no trailing dot or
 * space, no run of dots, no character Windows refuses (`<>:"|?*`), is not a
 * reserved Windows device name (CON, NUL, COM1…), is in Unicode NFC and holds
 * in `maxBytes` UTF-8 bytes, its extension kept. `safeFileName` is idempotent,
 * and a package path is safe when each of its segments is its own safe name.
 */

/** Controls, format characters (bidi, zero width, soft hyphen, BOM, tags), line/paragraph separators, private use, unassigned, lone surrogates, fillers and variation selectors. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}\u115F\u1160\u3164\uFFA0\uFFF0-\uFFF8]|\u034F|\u17B4|\u17B5|[\u180B-\u180F]|[\uFE00-\uFE0F]/gu;
/** Path separators, their look-alikes, and what Windows refuses in a name. */
const SEPARATORS = /[/\\\u2044\u2215\u29F5\u29F8\u29F9\uFF0F\uFF3C<>:"|?*]/gu;
/** Reserved device names on Windows, whatever the extension (`nul.txt` is NUL too). */
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|clock\$|com[0-9¹²³]|lpt[0-9¹²³])$/iu;
const EXTENSION = /^[\p{L}\p{N}]{1,16}$/u;

export const DEFAULT_MAX_NAME_BYTES = 120;

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts `text` to at most `bytes` UTF-8 bytes, between grapheme clusters (a base letter is never left without its marks). */
function truncateBytes(text: string, bytes: number): string {
  if (utf8Length(text) <= bytes) return text;
  let out = '';
  for (const { segment } of new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)) {
    if (utf8Length(out) + utf8Length(segment) > bytes) break;
    out += segment;
  }
  return out;
}

/** Dots and spaces at either end go (hidden files, `..`, names Windows silently changes). */
function trimEnds(text: string): string {
  return text.replace(/^[.\s]+/u, '').replace(/[.\s]+$/u, '');
}

function clean(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(INVISIBLE, '')
      // `../../etc/passwd` is `etc_passwd`: segments of dots alone (`.`, `..`) go with their separators.
      .split(SEPARATORS)
      .filter((segment) => !/^[.\s]*$/u.test(segment))
      .join('_')
      .replace(/\s+/gu, ' ')
      .replace(/\.{2,}/gu, '.')
  );
}

/**
 * A file name made from untrusted text. `fallback` names what has nothing left
 * (an empty or all-invisible name).
 */
export function safeFileName(name: string, options: { maxBytes?: number; fallback?: string } = {}): string {
  const maxBytes = Math.max(16, options.maxBytes ?? DEFAULT_MAX_NAME_BYTES);
  let text = trimEnds(clean(name));
  const dot = text.lastIndexOf('.');
  let stem = dot > 0 ? text.slice(0, dot) : text;
  let ext = dot > 0 ? text.slice(dot + 1) : '';
  if (!EXTENSION.test(ext)) {
    stem = text;
    ext = '';
  }
  stem = trimEnds(stem);
  if (stem === '') stem = options.fallback ?? 'fichier';
  const device = stem.split('.')[0] ?? '';
  if (RESERVED.test(device.trim())) stem = `_${stem}`;
  const suffix = ext === '' ? '' : `.${ext}`;
  stem = trimEnds(truncateBytes(stem, maxBytes - utf8Length(suffix)));
  if (stem === '') stem = '_';
  text = `${stem}${suffix}`;
  return text;
}

/** Whether a package path (`evidence/EV-…-photo.jpg`) is relative, `/`-separated, and every segment its own safe name. */
export function isSafePackagePath(path: string, maxBytes = 1024): boolean {
  if (path === '' || utf8Length(path) > maxBytes) return false;
  return path.split('/').every((segment) => segment !== '' && safeFileName(segment, { maxBytes: 255 }) === segment);
}

/**
 * Gives each name once: a second `photo.jpg` becomes `photo-2.jpg`, a third
 * `photo-3.jpg`. Names are compared as case-insensitive file systems (Windows,
 * macOS) would, so `Photo.JPG` is taken by `photo.jpg`.
 */
export class UniqueNames {
  private readonly taken = new Set<string>();
  private readonly maxBytes: number;

  constructor(maxBytes = DEFAULT_MAX_NAME_BYTES) {
    this.maxBytes = maxBytes;
  }

  private static key(name: string): string {
    return name.normalize('NFC').toLocaleLowerCase('und');
  }

  /** The safe form of `name`, numbered if already given. */
  take(name: string): string {
    const safe = safeFileName(name, { maxBytes: this.maxBytes });
    let candidate = safe;
    for (let n = 2; this.taken.has(UniqueNames.key(candidate)); n += 1) {
      const dot = safe.lastIndexOf('.');
      const stem = dot > 0 ? safe.slice(0, dot) : safe;
      const suffix = dot > 0 ? safe.slice(dot) : '';
      candidate = safeFileName(`${truncateBytes(stem, this.maxBytes - utf8Length(`-${n}${suffix}`))}-${n}${suffix}`, { maxBytes: this.maxBytes });
    }
    this.taken.add(UniqueNames.key(candidate));
    return candidate;
  }
}
