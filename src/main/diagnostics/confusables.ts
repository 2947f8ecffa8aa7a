/**
 * UTS #39 skeletons (Unicode Security Mechanisms, section 4): two strings
 * are confusable when their skeletons are equal. The mapping is Unicode's own
 * confusables.txt, kept complete in resources/diagnostics/confusables.json
 * (scripts/confusables.mjs builds it; resources/diagnostics/README.md says
 * from which file and version).
 *
 *   skeleton(X) = NFD( prototypes of each character of NFD(X) without its default ignorables )
 *
 * Pure, no I/O, linear in the input; never throws.
 */
import table from '../../../resources/diagnostics/confusables.json' with { type: 'json' };

/** The Unicode version of the confusables data. */
export const CONFUSABLES_VERSION: string = table.source.version;

function fromHex(hex: string): string {
  return hex
    .split(' ')
    .map((cp) => String.fromCodePoint(Number.parseInt(cp, 16)))
    .join('');
}

/** Code point → its prototype (one or more characters). */
const PROTOTYPE: ReadonlyMap<number, string> = (() => {
  const map = new Map<number, string>();
  for (const [target, sources] of Object.entries(table.prototypes as Record<string, string>)) {
    const prototype = fromHex(target);
    for (const source of sources.split(' ')) map.set(Number.parseInt(source, 16), prototype);
  }
  return map;
})();

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** The UTS #39 skeleton of a string (case-sensitive, as the standard defines it). */
export function skeleton(text: string): string {
  const decomposed = text.normalize('NFD').replace(DEFAULT_IGNORABLE, '');
  let out = '';
  for (const char of decomposed) out += PROTOTYPE.get(char.codePointAt(0) ?? 0) ?? char;
  return out.normalize('NFD');
}

/**
 * The skeleton for host names, which are case-insensitive: the skeleton lower-cased, then
 * skeletonised again (so "faceb00k" → "facebOOk" → "facebook" meets "facebook", and
 * "paypa1" → "paypal").
 */
export function hostSkeleton(text: string): string {
  return skeleton(skeleton(text).toLowerCase());
}

/** Whether two strings are confusable (equal UTS #39 skeletons). */
export function confusable(a: string, b: string): boolean {
  return skeleton(a) === skeleton(b);
}
