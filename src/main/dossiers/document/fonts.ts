/**
 * The dossier's fonts, bundled: Noto Sans (Latin, Latin extended, Cyrillic and
 * Greek, for homographs) and Noto Sans Arabic (Arabic, and its "math" subset),
 * regular and bold, from the @fontsource packages, embedded as data: URLs.
 * Characters none of them has come from the system's fonts, as in any page:
 * measured in Chromium, that includes the ⟦ ⟧ that mark invisible characters
 * and the ⚠ ✔ ✘ marks (DejaVu Sans on Debian), and emoji in report text.
 * Noto Sans Arabic rather than Noto Naskh Arabic: pdftotext gives every Arabic
 * letter back with it (test/dossiers/document.test.ts checks it does).
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
 * A letter of every face above (Latin, Latin extended, Cyrillic, Greek, Arabic, the math brackets), each in one
 * face's range only (the Greek letter is not one of the math face's), written once in each weight on screen
 * (template.ts) so that every face the page carries is loaded before printing (test/dossiers/document.test.ts
 * checks that each face's unicode-range holds one of them).
 */
export const FONT_SAMPLE = 'A \u0104 \u0416 \u03ac \u0639 \u27e6';

interface Face {
  /** The `@font-face` rule, the woff2 file inlined. */
  rule: string;
  /** Matches a character of the face's unicode-range. */
  covers: RegExp;
}

const cached = new Map<FontSet, readonly Face[]>();

/** `U+0600-06FF,U+0750-077F,U+2116` as a character class. */
function rangeClass(range: string): RegExp {
  const parts = range.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const low = parseInt((from ?? '').replace(/\?/g, '0'), 16);
    const high = to === undefined ? parseInt((from ?? '').replace(/\?/g, 'F'), 16) : parseInt(to, 16);
    return `\\u{${low.toString(16)}}-\\u{${high.toString(16)}}`;
  });
  return new RegExp(`[${parts.join('')}]`, 'u');
}

function loadFaces(set: FontSet): readonly Face[] {
  const known = cached.get(set);
  if (known !== undefined) return known;
  const require = createRequire(import.meta.url);
  const loaded: Face[] = [];
  const classes = new Map<string, RegExp>();
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
        let covers = classes.get(range);
        if (covers === undefined) classes.set(range, (covers = rangeClass(range)));
        loaded.push({
          rule:
            `@font-face{font-family:'${family}';font-style:normal;font-weight:${weight};font-display:block;` +
            `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range.trim()};}`,
          covers,
        });
      }
    }
  }
  if (loaded.length === 0) throw new Error('The dossier fonts (@fontsource/noto-sans, @fontsource/noto-sans-arabic) were not found.');
  cached.set(set, loaded);
  return loaded;
}

/** Every `@font-face` rule of the set, the woff2 files inlined (the page carries `fontFacesFor`'s; tests check the whole set). */
export function fontFaces(set: FontSet): string {
  return loadFaces(set)
    .map((face) => face.rule)
    .join('\n');
}

/**
 * The `@font-face` rules a document needs: those of the faces whose unicode-range holds a character of `text` (the
 * page's markup and every text of its margin boxes), and the letters of FONT_SAMPLE that load exactly those faces.
 * A dossier without Cyrillic, Greek or accented Latin beyond French carries and loads four to six faces of the
 * twelve (measured: 0.27 s instead of 0.36 s to load a 52-page Arabic dossier, 0.2 MB less HTML).
 */
export function fontFacesFor(set: FontSet, text: string): { css: string; sample: string } {
  // Each range once (the regular and bold faces share theirs): a range the text lacks costs a scan of all of it.
  const needed = new Map<RegExp, boolean>();
  const used = loadFaces(set).filter((face) => {
    let hit = needed.get(face.covers);
    if (hit === undefined) needed.set(face.covers, (hit = face.covers.test(text)));
    return hit;
  });
  const sample = [...FONT_SAMPLE.replace(/ /g, '')].filter((letter) => used.some((face) => face.covers.test(letter)));
  return { css: used.map((face) => face.rule).join('\n'), sample: sample.join(' ') };
}
