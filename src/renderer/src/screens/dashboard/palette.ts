/**
 * Colours of the charts. They live in dashboard.css as custom properties, so
 * that the canvas and the HTML legends use the very same colours: categories
 * in a fixed colour everywhere, the severe ones in warmer tones.
 */
import { KNOWN_CATEGORIES } from '../../../../shared/triage.ts';

const KNOWN: ReadonlySet<string> = new Set(KNOWN_CATEGORIES);

function cssColour(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** The colour of a category; categories the intake service may add later share a neutral grey. */
export function categoryColour(category: string): string {
  return cssColour(`--dash-cat-${KNOWN.has(category) ? category : 'unknown'}`, '#6b7580');
}

/** The class of a category's legend swatch. */
export function categorySwatchClass(category: string): string {
  return `dash-swatch dash-cat-${KNOWN.has(category) ? category : 'unknown'}`;
}

/** The colour of bars that are not split by category (statuses, platforms, regions); `closed` greys out what needs no more work. */
export function barColour(closed = false): string {
  return closed ? cssColour('--dash-bar-closed', '#858e97') : cssColour('--dash-bar', '#3f6b96');
}

/** Categories ordered most severe first, as the intake API lists them; unknown ones after, alphabetically. */
export function bySeverity(a: string, b: string): number {
  const rank = (category: string): number => {
    const index = (KNOWN_CATEGORIES as readonly string[]).indexOf(category);
    return index === -1 ? KNOWN_CATEGORIES.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}
