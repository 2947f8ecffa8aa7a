/**
 * The text a citizen typed, made into the parts of a URL: invisible characters, wrapping quotes and brackets and
 * trailing punctuation removed, defanging undone (hxxp, [.], [dot], " dot "), scheme checked, authority split from the rest.
 */

import { removeInvisible } from '../../shared/defang.ts';

/** How many layers of quotes, brackets and trailing punctuation are peeled off. */
const MAX_PEEL = 32;

/** Invisible characters (bidi, zero-width, controls...) and also tab, line feed, carriage return, which URL parsing drops too. */
export function stripInvisible(text: string): string {
  return removeInvisible(text).replace(/[\t\n\r]/g, '');
}

const CLOSER: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '`': '`',
  '“': '”',
  '”': '”',
  '„': '“',
  '‘': '’',
  '«': '»',
  '‹': '›',
  '<': '>',
  '(': ')',
  '[': ']',
  '{': '}',
};
const OPENER_OF: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
/** Leading characters that are never part of a typed URL. */
const LEADING_JUNK = new Set(['"', "'", '`', '“', '”', '„', '‘', '’', '«', '»', '‹', '›', '<', '>', ',', ';', '!', '?', '•', '*', '-', '–', '—']);
/** Trailing characters that are sentence punctuation, not URL (Latin and Arabic). */
const TRAILING_JUNK = new Set(['.', ',', ';', ':', '!', '?', '»', '«', '›', '"', "'", '`', '”', '“', '’', '‘', '>', '<', '…', '،', '؛', '؟', '۔', '*', '|']);

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** "[2001:db8::1]" alone: an IPv6 literal, not a bracketed URL. */
function looksLikeIpv6(inner: string): boolean {
  return inner.includes(':') && /^[0-9A-Fa-f:.]+$/.test(inner);
}

/** Trims, then peels wrapping quotes/brackets and trailing punctuation, a bounded number of times. */
export function peel(input: string): string {
  let text = input.trim();
  for (let round = 0; round < MAX_PEEL && text.length > 0; round++) {
    const first = text.charAt(0);
    const last = text.charAt(text.length - 1);
    const inner = text.slice(1, -1);
    if (text.length >= 2 && CLOSER[first] === last && !(first === '[' && looksLikeIpv6(inner))) {
      text = inner.trim();
      continue;
    }
    if (LEADING_JUNK.has(first)) {
      text = text.slice(1).trim();
      continue;
    }
    if ((first === '(' || first === '{' || first === '[') && count(text, first) > count(text, CLOSER[first] ?? first)) {
      text = text.slice(1).trim();
      continue;
    }
    if (TRAILING_JUNK.has(last)) {
      text = text.slice(0, -1).trim();
      continue;
    }
    const opener = OPENER_OF[last];
    if (opener !== undefined && count(text, last) > count(text, opener)) {
      text = text.slice(0, -1).trim();
      continue;
    }
    break;
  }
  return text;
}

/** Undoes the usual defanging: "[.]", "(.)", "{.}", "[dot]", "[:]", "[://]", "[/]" (the scheme and " dot " are handled later). */
export function refang(text: string): string {
  return text
    .replace(/\[:\/\/\]|\(:\/\/\)|\{:\/\/\}/g, '://')
    .replace(/\[:\]|\(:\)|\{:\}/g, ':')
    .replace(/\[\/\]|\(\/\)|\{\/\}/g, '/')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}/gi, '.');
}

// ---------------------------------------------------------------------------
// Splitting the typed text into scheme, authority and the rest.

/** http, https and their defanged or mistyped spellings: hxxp, hXXps, h**p, htps, ttps, hhttps... */
const HTTP_LIKE = /^h{0,2}[tx*]{1,3}p{1,2}s?$/;
/** "host.tld:443/..." is a host and a port, not a scheme. */
const PORT_AFTER_COLON = /^\d{0,5}(?:[/?#\\]|$)/;

function isWhitespace(char: string): boolean {
  return char !== '' && char.trim() === '';
}

/** Removes whitespace runs that touch one of `glue` (e.g. "facebook.com/ page" → "facebook.com/page"); keeps the others. */
function glueWhitespace(text: string, glue: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    if (!isWhitespace(char)) {
      out += char;
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && isWhitespace(text.charAt(j))) j++;
    const before = out.charAt(out.length - 1);
    const after = text.charAt(j);
    if (before === '' || after === '' || glue.includes(before) || glue.includes(after)) {
      // dropped
    } else {
      out += ' ';
    }
    i = j;
  }
  return out;
}

/** The authority with " dot " and spaces around dots undone; null when spaces remain inside it. */
function fixAuthority(authority: string): string | null {
  const trimmed = authority.trim();
  if (trimmed === '') return null;
  const tokens = trimmed.split(/\s+/);
  let out = tokens[0] ?? '';
  for (let i = 1; i < tokens.length; i++) {
    let token = tokens[i] ?? '';
    if (i < tokens.length - 1 && token.toLowerCase() === 'dot') token = '.';
    if (out.endsWith('.') || token.startsWith('.')) out += token;
    else return null;
  }
  return out;
}

/** Scheme checked and dropped, leading slashes dropped, authority split from the rest. */
export function splitTyped(text: string): { authority: string; rest: string } | null {
  let rest = text;
  const scheme = /^([A-Za-z][A-Za-z0-9+.*-]{0,31}):/.exec(text);
  const schemeName = scheme?.[1];
  if (scheme && schemeName !== undefined && !(schemeName.includes('.') && PORT_AFTER_COLON.test(text.slice(scheme[0].length)))) {
    if (!HTTP_LIKE.test(schemeName.toLowerCase())) return null;
    rest = text.slice(scheme[0].length);
  } else {
    // "https//host" (colon forgotten)
    const typo = /^([A-Za-z*]{2,8})\/\//.exec(text);
    const word = typo?.[1];
    if (word !== undefined && HTTP_LIKE.test(word.toLowerCase())) rest = text.slice(word.length);
  }
  let start = 0;
  while (start < rest.length && ('/\\:'.includes(rest.charAt(start)) || isWhitespace(rest.charAt(start)))) start++;
  rest = rest.slice(start);
  let end = 0;
  while (end < rest.length && !'/?#\\'.includes(rest.charAt(end))) end++;
  const authority = fixAuthority(rest.slice(0, end));
  if (authority === null) return null;
  // A host needs a dot (or is an IPv6 literal): "0661234567" or "localhost" are not sites,
  // even though URL would read the first as an IPv4 number.
  const hostPart = authority.slice(authority.lastIndexOf('@') + 1);
  if (!hostPart.startsWith('[') && !/[.。．｡]|%2e/i.test(hostPart)) return null;
  return { authority, rest: glueWhitespace(rest.slice(end), '/.?&=#').trimEnd() };
}

/** Lowercase (URL did it), punycode (URL did it), no trailing dot, at least two non-empty labels, or an IPv6 literal. */
export function usableHost(hostname: string): string | null {
  if (hostname.startsWith('[')) return hostname;
  const host = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (host.length === 0 || host.length > 253 || !host.includes('.')) return null;
  for (const label of host.split('.')) if (label.length === 0 || label.length > 63) return null;
  return host;
}
