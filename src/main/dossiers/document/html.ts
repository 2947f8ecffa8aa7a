/**
 * HTML built so that nothing untrusted can be interpolated unescaped: the
 * `html` tagged template escapes every value it is given unless that value is
 * already `Html` (made by `html` itself, or by `trusted` for the template's own
 * constants: CSS, font faces). Arrays of values are joined, each escaped the
 * same way; null, undefined and false print nothing.
 */

const SAFE = Symbol('html');

/** A piece of HTML the template built: only `html` and `trusted` make one. */
export interface Html {
  readonly [SAFE]: true;
  readonly value: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text as HTML text or attribute value (quoted): `& < > " ' \``. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => ESCAPES[char] as string);
}

function isHtml(value: unknown): value is Html {
  return typeof value === 'object' && value !== null && (value as Partial<Html>)[SAFE] === true;
}

function make(value: string): Html {
  return { [SAFE]: true, value };
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

function print(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(print).join('');
  if (isHtml(value)) return value.value;
  return escapeHtml(String(value));
}

/** `html\`<td>${text}</td>\``: every interpolated value escaped unless it is Html. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += print(values[i] as HtmlValue) + (strings[i + 1] ?? '');
  return make(out);
}

/** The template's own constant markup (style sheets, font faces): never anything that came from data. */
export function trusted(markup: string): Html {
  return make(markup);
}

/** Several pieces joined. */
export function join(parts: readonly HtmlValue[], separator: HtmlValue = ''): Html {
  return make(parts.map(print).join(print(separator)));
}
