/**
 * The dossier's fonts, bundled: Noto Sans (Latin, Latin extended, Cyrillic and
 * Greek, for homographs) and Noto Sans Arabic (Arabic; its "math" subset holds
 * the ⟦ ⟧ that mark invisible characters), regular and bold, from the
 * @fontsource packages, embedded as data: URLs. Noto Sans Arabic rather than
 * Noto Naskh Arabic: pdftotext gives every Arabic letter back with it
 * (test/dossiers/document.test.ts checks it does).
 *
 * The faces come from the packages' own CSS (their unicode-range per subset),
 * read once and cached.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const FONT_STACK = "'Noto Sans', 'Noto Sans Arabic', sans-serif";

interface FaceSet {
  faces: ReadonlyArray<{ pkg: string; subsets: readonly string[] }>;
  weights: readonly number[];
}

/** What the page needs: every script a report may hold. The running header and footer are margin boxes of the page and use the same faces. */
const SETS: Readonly<Record<FontSet, FaceSet>> = {
  page: {
    faces: [
      { pkg: '@fontsource/noto-sans', subsets: ['latin', 'latin-ext', 'cyrillic', 'greek'] },
      { pkg: '@fontsource/noto-sans-arabic', subsets: ['arabic', 'math'] },
    ],
    weights: [400, 700],
  },
};

export type FontSet = 'page';

/**
 * A letter of every face above (Latin, Latin extended, Cyrillic, Greek, Arabic, the math brackets), written once in
 * each weight on screen (template.ts) so that every face is loaded before printing (test/dossiers/document.test.ts
 * checks that each face's unicode-range holds one of them).
 */
export const FONT_SAMPLE = 'A \u0104 \u0416 \u03a9 \u0639 \u27e6';

const cached = new Map<FontSet, string>();

/** `@font-face` rules with the woff2 files inlined. */
export function fontFaces(set: FontSet): string {
  const known = cached.get(set);
  if (known !== undefined) return known;
  const require = createRequire(import.meta.url);
  const rules: string[] = [];
  const { faces, weights } = SETS[set];
  for (const { pkg, subsets } of faces) {
    for (const weight of weights) {
      const cssPath = require.resolve(`${pkg}/${weight}.css`);
      const sheet = readFileSync(cssPath, 'utf8');
      for (const block of sheet.match(/@font-face\s*{[^}]*}/g) ?? []) {
        const file = /url\(\.\/files\/([a-z0-9-]+\.woff2)\)/.exec(block)?.[1];
        const family = /font-family:\s*'([^']+)'/.exec(block)?.[1];
        const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
        if (!file || !family || !range) continue;
        const subset = file.slice(pkg.length - '@fontsource/'.length + 1).replace(/-\d+-normal\.woff2$/, '');
        if (!subsets.includes(subset)) continue;
        const data = readFileSync(require.resolve(`${pkg}/files/${file}`)).toString('base64');
        rules.push(
          `@font-face{font-family:'${family}';font-style:normal;font-weight:${weight};font-display:block;` +
            `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range.trim()};}`,
        );
      }
    }
  }
  if (rules.length === 0) throw new Error('The dossier fonts (@fontsource/noto-sans, @fontsource/noto-sans-arabic) were not found.');
  const css = rules.join('\n');
  cached.set(set, css);
  return css;
}
