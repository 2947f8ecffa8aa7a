/**
 * Chart.js, tree-shaken: only the pieces the dashboard draws (bars on a
 * category and a linear scale, with tooltips) are registered. Charts are
 * instruments here, not a show: no animation, no legend drawn in the canvas
 * (the legend is HTML, so that it wraps, mirrors and reads like the rest).
 */
import { BarElement, CategoryScale, Chart, LinearScale, Tooltip, type ChartOptions } from 'chart.js';
import type { UiLocale } from '../../../../shared/schemas.ts';
import { formatNumber } from '../../format.ts';

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip);

Chart.defaults.animation = false;
Chart.defaults.font.family = "'Noto Sans', 'Noto Sans Arabic', system-ui, sans-serif";
Chart.defaults.font.size = 12;
Chart.defaults.color = '#59636e';
Chart.defaults.borderColor = '#e6e9ed';

/** The Intl locale of each interface language (as in format.ts). */
export const INTL_LOCALE: Record<UiLocale, string> = { fr: 'fr-MA', ar: 'ar-MA' };

const TOOLTIP = {
  backgroundColor: '#1f252c',
  titleColor: '#e8ecf0',
  bodyColor: '#e8ecf0',
  footerColor: '#e8ecf0',
  padding: 8,
  cornerRadius: 4,
  boxPadding: 4,
  usePointStyle: false,
} as const;

/** What every bar chart shares: sizing to its box, no animation, the language's direction and number format. */
export function baseOptions(locale: UiLocale): ChartOptions<'bar'> {
  const rtl = locale === 'ar';
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    locale: INTL_LOCALE[locale],
    font: { size: rtl ? 13 : 12 },
    layout: { padding: { top: 4 } },
    plugins: {
      tooltip: { ...TOOLTIP, rtl, textDirection: rtl ? 'rtl' : 'ltr', titleFont: { weight: 'bold' } },
    },
  };
}

/** Tick labels of a count axis: whole numbers only, in the interface's language. */
export function countTicks(locale: UiLocale): { precision: number; callback: (value: number | string) => string } {
  return { precision: 0, callback: (value) => formatNumber(Number(value), locale) };
}

/** Shortens a label drawn in the canvas (the full text is in the tooltip and the text alternative). */
export function shorten(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;
}
