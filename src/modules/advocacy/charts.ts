import type { EChartsOption } from 'echarts';
import type { Evidence } from './contract';
import { chartValue, formatCount } from './suppression';

/** The labels a chart needs, in the reader's language (the web passes i18next's t, the PDF the server translator). */
export interface ChartTexts {
  /** Axis title for people. */
  people: string;
  /** A barrier's label. */
  barrier: (row: Evidence['barriers'][number]) => string;
  /** A month `YYYY-MM` on the axis. */
  month: (month: string) => string;
}

/**
 * The trend chart of the evidence page and of the PDF brief (one option, two renderers: the
 * browser's canvas and the server's SVG): people affected per month for the chosen barriers.
 * Each band is drawn at its lower end; the tooltip shows the band ("10–14").
 */
export function barrierTrendOption(evidence: Evidence, barrierIds: readonly string[], texts: ChartTexts, options: { animation?: boolean; fontFamily?: string } = {}): EChartsOption {
  const rows = evidence.barriers.filter((b) => barrierIds.includes(b.barrierId));
  return {
    animation: options.animation ?? true,
    textStyle: options.fontFamily ? { fontFamily: options.fontFamily } : undefined,
    grid: { left: 48, right: 16, top: 32, bottom: 24 + 22 * Math.ceil(rows.length / 2), containLabel: true },
    legend: { bottom: 0, type: 'plain', itemGap: 12 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: undefined,
      formatter: (params: unknown) => {
        const list = Array.isArray(params) ? (params as Array<{ seriesIndex: number; dataIndex: number; seriesName: string; axisValueLabel: string }>) : [];
        const head = list[0]?.axisValueLabel ?? '';
        return [head, ...list.map((p) => {
          const count = rows[p.seriesIndex]?.months[p.dataIndex];
          return `${p.seriesName}: ${count ? formatCount(count) : ''}`;
        })].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: evidence.months.map(texts.month), boundaryGap: false },
    yAxis: { type: 'value', name: texts.people, minInterval: 1 },
    series: rows.map((row) => ({
      type: 'line',
      name: texts.barrier(row),
      data: row.months.map(chartValue),
      symbolSize: 6,
    })),
  };
}

/** The barriers a chart shows by default: the largest over the period, at most `limit`. */
export function largestBarriers(evidence: Evidence, limit = 5): string[] {
  return [...evidence.barriers]
    .filter((b) => b.total.high > 0)
    .sort((a, b) => b.total.low - a.total.low || a.code.localeCompare(b.code))
    .slice(0, limit)
    .map((b) => b.barrierId);
}
