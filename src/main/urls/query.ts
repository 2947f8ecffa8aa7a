/** Path and query of a URL: percent-decoding and -encoding, the normalised path, parsed and sorted parameters. */

export interface Param {
  key: string;
  /** null: the parameter had no "=" ("?foo"). */
  value: string | null;
}

/** Percent-decodes what decodes as UTF-8 and leaves (uppercased) what does not. Never throws. */
export function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run.toUpperCase();
      }
    });
  }
}

function encodeComponent(text: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    // Lone surrogates: replace them, as URL does.
    encoded = encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
  }
  return encoded.replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%40/g, '@').replace(/%2C/g, ',');
}

/** %41 → "A" for unreserved characters, other escapes in uppercase hex. */
function normalisePercent(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_all, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /^[A-Za-z0-9\-._~]$/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** Duplicate slashes collapsed, escapes normalised, no trailing slash; the root path is "". */
export function normalisePath(pathname: string): string {
  let path = normalisePercent(pathname.replace(/\/{2,}/g, '/'));
  if (path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

export function parseQuery(search: string): Param[] {
  const params: Param[] = [];
  if (search.length <= 1) return params;
  for (const part of search.slice(1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? null : safeDecode(part.slice(eq + 1).replace(/\+/g, ' '));
    params.push({ key, value });
  }
  return params;
}

export function serialiseQuery(params: readonly Param[]): string {
  const sorted = [...params].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : (a.value ?? '') < (b.value ?? '') ? -1 : (a.value ?? '') > (b.value ?? '') ? 1 : 0));
  return sorted.map((p) => (p.value === null ? encodeComponent(p.key) : `${encodeComponent(p.key)}=${encodeComponent(p.value)}`)).join('&');
}

export function param(params: readonly Param[], key: string): string | null {
  for (const p of params) if (p.key === key) return p.value;
  return null;
}
