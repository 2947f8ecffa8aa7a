/**
 * Text preparation shared by the finders. Every helper here keeps the length
 * of the text (one UTF-16 unit in, one out), so spans found in the prepared
 * text can be masked and compared; all of them are linear.
 */

import { removeInvisible } from '../../shared/defang.ts';
import { MAX_EXTRACT_TEXT } from './types.ts';

/** Arabic-Indic ٠-٩ (U+0660), Eastern Arabic-Indic/Persian ۰-۹ (U+06F0) and fullwidth ０-９ (U+FF10) digits to ASCII. */
export function foldDigits(text: string): string {
  if (!/[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x0660 && unit <= 0x0669) out += String.fromCharCode(0x30 + unit - 0x0660);
    else if (unit >= 0x06f0 && unit <= 0x06f9) out += String.fromCharCode(0x30 + unit - 0x06f0);
    else if (unit >= 0xff10 && unit <= 0xff19) out += String.fromCharCode(0x30 + unit - 0xff10);
    else out += text.charAt(i);
  }
  return out;
}

/**
 * The text the finders scan: at most MAX_EXTRACT_TEXT units (cut outside a
 * surrogate pair), invisible characters removed (a zero-width space inside a
 * phone number or an address would otherwise hide it), digits folded.
 */
export function prepareText(raw: string): string {
  let text = raw.length > MAX_EXTRACT_TEXT ? raw.slice(0, MAX_EXTRACT_TEXT) : raw;
  const last = text.charCodeAt(text.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) text = text.slice(0, -1);
  return foldDigits(removeInvisible(text));
}

/** The text with each span [start, end) replaced by spaces (same length). */
export function mask(text: string, spans: ReadonlyArray<{ start: number; end: number }>): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const { start, end } of sorted) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    out += text.slice(at, from) + ' '.repeat(end - from);
    at = end;
  }
  return out + text.slice(at);
}

/** ASCII letter or digit. */
export function isAsciiAlnum(char: string): boolean {
  return /^[A-Za-z0-9]$/.test(char);
}
