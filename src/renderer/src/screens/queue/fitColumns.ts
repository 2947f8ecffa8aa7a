/**
 * Column widths measured from what a column shows. The queue's category and
 * location cells wrap on two lines (fit-columns.css), and their grid track is
 * never narrower than the width at which every label this interface knows
 * for them, in its language, fits in two lines: on a 1366 px screen, with a
 * report open and the navigation folded, both show whole, side by side.
 * Measured in the page's own fonts, again when the language changes.
 */
import { useEffect, useState } from 'react';
import type { UiLocale } from '../../../../shared/schemas.ts';
import { KNOWN_CATEGORIES, REGIONS } from '../../../../shared/triage.ts';
import { countryName } from '../../format.ts';
import { useI18n, type Translate } from '../../i18n/index.ts';
import { categoryLabel, regionLabel } from '../../i18n/labels.ts';
import './fit-columns.css';

/** The lines a fitted cell may take (rows are 35 px high). */
export const FIT_LINES = 2;

/** The cell's padding on both sides, and a pixel for rounding. */
const CELL_PADDING = 15;

/**
 * Where most reports from abroad come from (the Moroccan diaspora): "Étranger : <country>"
 * fits for them; a rarer, longer name is cut with an ellipsis and its full text in the tooltip.
 */
const USUAL_ABROAD = ['FR', 'ES', 'BE', 'NL', 'IT', 'DE', 'GB', 'CA', 'US', 'AE', 'SA', 'QA'] as const;

/** The columns whose width is measured. */
export type FittedColumn = 'category' | 'location' | 'cluster';

/** How a fitted column's cells show their text: on how many lines, bold or not (a big group's count is). */
const FITTED: readonly { readonly column: FittedColumn; readonly lines: number; readonly bold: boolean }[] = [
  { column: 'category', lines: FIT_LINES, bold: false },
  { column: 'location', lines: FIT_LINES, bold: false },
  { column: 'cluster', lines: 1, bold: true },
];

/** Every label a fitted column can show for a known code, in the interface's language. */
export function fittedTexts(column: FittedColumn, t: Translate, locale: UiLocale): string[] {
  if (column === 'category') return KNOWN_CATEGORIES.map((code) => categoryLabel(t, code) ?? code);
  // "signalé 999 fois": every count of a group up to three digits (a larger one is cut, its count in the tooltip). Each
  // one, not a sample per plural form: a form's widest count is not the same in every language (Arabic "few" ends at 10).
  if (column === 'cluster') return Array.from({ length: 998 }, (_, k) => t('queue.reportedTimes', { count: k + 2 }));
  return [
    ...REGIONS.map((code) => regionLabel(t, code) ?? code),
    t('queue.region.none'),
    ...USUAL_ABROAD.map((code) => t('queue.abroadIn', { country: countryName(code, locale) ?? code })),
  ];
}

/**
 * The narrowest width at which `text` fits in `lines` lines broken at spaces (a browser may
 * also break after a hyphen: this width is then more than enough).
 */
export function widthInLines(text: string, lines: number, measure: (s: string) => number): number {
  const words = text.split(/\s+/u).filter((word) => word !== '');
  if (words.length === 0) return 0;
  const space = measure(' ');
  const widths = words.map(measure);
  const linesAt = (limit: number): number => {
    let count = 1;
    let line = 0;
    for (const width of widths) {
      const next = line === 0 ? width : line + space + width;
      if (next <= limit || line === 0) {
        line = next;
      } else {
        count += 1;
        line = width;
      }
    }
    return count;
  };
  let low = Math.max(...widths);
  let high = Math.ceil(measure(words.join(' ')));
  if (linesAt(low) <= lines) return Math.ceil(low);
  while (high - low > 0.5) {
    const mid = (low + high) / 2;
    if (linesAt(mid) <= lines) high = mid;
    else low = mid;
  }
  return Math.ceil(high);
}

/** The font of the queue's cells, read from a hidden probe styled like the grid. */
function cellFont(bold: boolean): string {
  const probe = document.createElement('div');
  probe.className = 'qt-scroller';
  probe.setAttribute('aria-hidden', 'true');
  probe.style.position = 'absolute';
  probe.style.visibility = 'hidden';
  document.body.append(probe);
  const style = getComputedStyle(probe);
  const font = `${style.fontStyle} ${bold ? 600 : style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  probe.remove();
  return font;
}

/** The measured smallest widths, in px, of the fitted columns (empty until the fonts are loaded). */
export function useFittedWidths(): ReadonlyMap<string, number> {
  const { t, locale } = useI18n();
  const [widths, setWidths] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(() => {
    let cancelled = false;
    const context = document.createElement('canvas').getContext('2d');
    if (!context) return;
    const specs = FITTED.map((spec) => ({ ...spec, font: cellFont(spec.bold), texts: fittedTexts(spec.column, t, locale) }));
    // The language's font may not be loaded yet: ask for it with the texts themselves.
    void Promise.all(specs.map((spec) => document.fonts.load(spec.font, spec.texts.join(' ')).catch(() => [])))
      .then(() => {
        if (cancelled) return;
        const next = new Map<string, number>();
        for (const spec of specs) {
          context.font = spec.font;
          const measure = (s: string): number => context.measureText(s).width;
          next.set(spec.column, Math.max(...spec.texts.map((text) => widthInLines(text, spec.lines, measure))) + CELL_PADDING);
        }
        setWidths(next);
      });
    return () => {
      cancelled = true;
    };
  }, [t, locale]);
  return widths;
}

/**
 * A column's grid track with its measured smallest width: `minmax(104px, 1.3fr)` → `minmax(246px, 1.3fr)`;
 * a fixed track (`104px`) becomes the larger of the two.
 */
export function fittedTrack(track: string, width: number | undefined): string {
  if (width === undefined) return track;
  const fixed = /^([\d.]+)px$/.exec(track)?.[1];
  if (fixed !== undefined) return `${Math.max(Number(fixed), width)}px`;
  const grow = /,\s*([\d.]+fr)\)$/.exec(track)?.[1] ?? '1fr';
  return `minmax(${width}px, ${grow})`;
}
