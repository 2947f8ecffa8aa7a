/**
 * Reports received per day, stacked by category (most severe at the base),
 * oldest day first; in Arabic the time axis runs from right to left. The
 * legend is HTML, with each category's total over the period.
 */
import { useId, type ReactNode } from 'react';
import { Bar } from 'react-chartjs-2';
import type { ChartData, ChartOptions } from 'chart.js';
import type { Dashboard } from '../../../../shared/triage.ts';
import { formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n/index.ts';
import { baseOptions, countTicks } from './chartSetup.ts';
import { categoryName, formatDay } from './dashboardLabels.ts';
import { bySeverity, categoryColour, categorySwatchClass } from './palette.ts';

/** A day's tooltip lists its largest categories only (it is drawn inside the canvas); the rest is summed. */
const TOOLTIP_CATEGORIES = 8;

interface PerDayChartProps {
  readonly perDay: Dashboard['perDay'];
  readonly days: number;
}

export function PerDayChart({ perDay, days }: PerDayChartProps): ReactNode {
  const { t, locale } = useI18n();
  const titleId = useId();
  const rtl = locale === 'ar';

  const totals = new Map<string, number>();
  const dayTotals = perDay.map(({ counts }) => {
    let sum = 0;
    for (const [category, count] of Object.entries(counts)) {
      totals.set(category, (totals.get(category) ?? 0) + count);
      sum += count;
    }
    return sum;
  });
  const categories = [...totals.keys()].filter((category) => (totals.get(category) ?? 0) > 0).sort(bySeverity);
  const total = dayTotals.reduce((a, b) => a + b, 0);
  const peakIndex = dayTotals.reduce((best, value, index) => (value > (dayTotals[best] ?? 0) ? index : best), 0);
  const names = new Map(categories.map((category) => [category, categoryName(t, category)]));
  // Per day: the datasets shown in its tooltip, and the reports of the others.
  const tooltipShown = perDay.map(({ counts }) => {
    const ranked = categories
      .map((category, datasetIndex) => ({ datasetIndex, count: counts[category] ?? 0 }))
      .filter(({ count }) => count > 0)
      .sort((a, b) => b.count - a.count);
    const shown = ranked.slice(0, TOOLTIP_CATEGORIES);
    const rest = ranked.slice(TOOLTIP_CATEGORIES);
    return { datasets: new Set(shown.map(({ datasetIndex }) => datasetIndex)), others: rest.length, othersCount: rest.reduce((sum, { count }) => sum + count, 0) };
  });

  const summary =
    total === 0
      ? t('dashboard.perDay.summaryEmpty', { count: days })
      : t('dashboard.perDay.summary', {
          count: days,
          total,
          max: dayTotals[peakIndex] ?? 0,
          day: formatDay(perDay[peakIndex]?.day ?? '', locale, 'long'),
        });

  const data: ChartData<'bar', number[], string> = {
    labels: perDay.map(({ day }) => formatDay(day, locale, 'short')),
    datasets: categories.map((category) => ({
      label: names.get(category) ?? category,
      data: perDay.map(({ counts }) => counts[category] ?? 0),
      backgroundColor: categoryColour(category),
      borderColor: '#ffffff',
      borderWidth: { top: 1, bottom: 0, left: 0, right: 0 },
      borderSkipped: 'start',
      maxBarThickness: 28,
      categoryPercentage: 0.85,
      barPercentage: 0.9,
      stack: 'day',
    })),
  };
  const base = baseOptions(locale);
  const options: ChartOptions<'bar'> = {
    ...base,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: {
        stacked: true,
        reverse: rtl,
        grid: { display: false },
        ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 14 },
      },
      y: {
        stacked: true,
        beginAtZero: true,
        position: rtl ? 'right' : 'left',
        ticks: countTicks(locale),
        grid: { color: '#eceef1' },
        border: { display: false },
        title: { display: true, text: t('dashboard.perDay.axis') },
      },
    },
    plugins: {
      ...base.plugins,
      tooltip: {
        ...base.plugins?.tooltip,
        filter: (item) => tooltipShown[item.dataIndex]?.datasets.has(item.datasetIndex) ?? false,
        itemSort: (a, b) => (b.parsed.y ?? 0) - (a.parsed.y ?? 0),
        callbacks: {
          title: (items) => formatDay(perDay[items[0]?.dataIndex ?? 0]?.day ?? '', locale, 'long'),
          label: (item) => t('common.pair', { label: item.dataset.label ?? '', value: formatNumber(item.parsed.y ?? 0, locale) }),
          footer: (items) => {
            const index = items[0]?.dataIndex ?? 0;
            const day = tooltipShown[index];
            const lines = day && day.others > 0 ? [t('dashboard.perDay.tooltipOthers', { n: day.others, count: day.othersCount })] : [];
            return [...lines, t('dashboard.perDay.tooltipTotal', { total: dayTotals[index] ?? 0 })];
          },
        },
      },
    },
  };

  return (
    <section className="dash-card dash-card-wide" aria-labelledby={titleId}>
      <div className="dash-card-head">
        <h2 className="dash-card-title" id={titleId}>
          {t('dashboard.perDay.title')}
        </h2>
        <p className="dash-card-subtitle">{t('dashboard.perDay.subtitle', { count: days })}</p>
      </div>
      {total === 0 ? (
        <p className="dash-card-empty">{summary}</p>
      ) : (
        <>
          <div className="dash-chart dash-chart-days">
            <Bar key={locale} data={data} options={options} role="img" aria-label={summary} />
          </div>
          <ul className="dash-legend" aria-label={t('dashboard.legend')}>
            {categories.map((category) => (
              <li key={category} className="dash-legend-item">
                <span className={categorySwatchClass(category)} aria-hidden="true" />
                <bdi>{names.get(category)}</bdi>
                <span className="dash-legend-count">{formatNumber(totals.get(category) ?? 0, locale)}</span>
              </li>
            ))}
          </ul>
          <table className="visually-hidden">
            <caption>{t('dashboard.perDay.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.col.day')}</th>
                <th scope="col">{t('dashboard.col.total')}</th>
                {categories.map((category) => (
                  <th scope="col" key={category}>
                    <bdi>{names.get(category)}</bdi>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {perDay.map(({ day, counts }, index) => (
                <tr key={day}>
                  <th scope="row">{formatDay(day, locale, 'long')}</th>
                  <td>{formatNumber(dayTotals[index] ?? 0, locale)}</td>
                  {categories.map((category) => (
                    <td key={category}>{formatNumber(counts[category] ?? 0, locale)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
