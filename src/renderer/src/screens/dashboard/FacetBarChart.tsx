/**
 * Counts per value (status, category, platform, region) as horizontal bars,
 * largest first when sorted. In Arabic the bars grow from the right. The
 * canvas carries a spoken summary; the exact figures are in a table that
 * only assistive technologies see.
 */
import { useId, type ReactNode } from 'react';
import { Bar } from 'react-chartjs-2';
import type { ChartData, ChartOptions } from 'chart.js';
import { formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { baseOptions, countTicks, shorten } from './chartSetup.ts';
import { pairsText } from './dashboardLabels.ts';
import { barColour } from './palette.ts';

export interface FacetItem {
  readonly key: string;
  readonly label: string;
  readonly count: number;
  /** Own colour of this bar (categories); otherwise the dashboard's neutral bar colour. */
  readonly colour?: string;
}

interface FacetBarChartProps {
  readonly title: string;
  readonly subtitle?: string;
  /** Header of the value column in the text alternative. */
  readonly column: string;
  readonly items: readonly FacetItem[];
  /** Largest first (otherwise the order given, e.g. the statuses' life cycle). */
  readonly sort?: boolean;
  /** Said instead of the chart when there is nothing to draw. */
  readonly empty?: string;
  /** Number of bars to size the box for (at least its own): charts side by side get the same height. */
  readonly sizeFor?: number;
}

/** Box heights by number of bars, as CSS classes (the CSP forbids inline styles). */
function sizeClass(bars: number): string {
  if (bars <= 4) return 'dash-chart dash-chart-s';
  if (bars <= 8) return 'dash-chart dash-chart-m';
  return 'dash-chart dash-chart-l';
}

export function FacetBarChart({ title, subtitle, column, items, sort = false, empty, sizeFor = 0 }: FacetBarChartProps): ReactNode {
  const { t, locale } = useI18n();
  const titleId = useId();
  const rows = (sort ? [...items].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, locale)) : [...items]).filter(
    (item) => item.count > 0,
  );
  const rtl = locale === 'ar';
  const neutral = barColour();

  const data: ChartData<'bar', number[], string> = {
    labels: rows.map((row) => row.label),
    datasets: [
      {
        label: title,
        data: rows.map((row) => row.count),
        backgroundColor: rows.map((row) => row.colour ?? neutral),
        borderRadius: 2,
        maxBarThickness: 18,
        categoryPercentage: 0.8,
        barPercentage: 0.9,
      },
    ],
  };
  const base = baseOptions(locale);
  const options: ChartOptions<'bar'> = {
    ...base,
    indexAxis: 'y',
    scales: {
      x: { beginAtZero: true, reverse: rtl, ticks: countTicks(locale), grid: { color: '#eceef1' }, border: { display: false } },
      y: {
        position: rtl ? 'right' : 'left',
        grid: { display: false },
        ticks: { color: '#1b2026', callback: (_value, index) => shorten(rows[index]?.label ?? '', 28) },
      },
    },
    plugins: {
      ...base.plugins,
      tooltip: {
        ...base.plugins?.tooltip,
        displayColors: false,
        callbacks: {
          title: (tooltipItems) => rows[tooltipItems[0]?.dataIndex ?? 0]?.label ?? '',
          label: (item) => formatNumber(item.parsed.x ?? 0, locale),
        },
      },
    },
  };

  return (
    <section className="dash-card" aria-labelledby={titleId}>
      <div className="dash-card-head">
        <h2 className="dash-card-title" id={titleId}>
          {title}
        </h2>
        {subtitle ? <p className="dash-card-subtitle">{subtitle}</p> : null}
      </div>
      {rows.length === 0 ? (
        <p className="dash-card-empty">{empty ?? t('dashboard.bar.empty')}</p>
      ) : (
        <>
          <div className={sizeClass(Math.max(rows.length, sizeFor))}>
            <Bar
              key={locale}
              data={data}
              options={options}
              role="img"
              aria-label={t('dashboard.bar.summary', { title, items: pairsText(t, locale, rows) })}
            />
          </div>
          <table className="visually-hidden">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{column}</th>
                <th scope="col">{t('dashboard.col.count')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">
                    <bdi>{row.label}</bdi>
                  </th>
                  <td>{formatNumber(row.count, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
