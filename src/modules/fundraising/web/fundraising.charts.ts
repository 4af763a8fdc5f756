import type { EChartsOption } from 'echarts';
import type { CampaignProgress } from '../contract';

/** The labels a chart needs, in the reader's language. */
export interface CampaignChartTexts {
  raised: string;
  goal: string;
  /** A calendar date `YYYY-MM-DD`, as the axis and the tooltip show it. */
  date: (date: string) => string;
  yen: (amount: number) => string;
}

const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The running total of a campaign over time (received gifts net of refunds, by the day received),
 * with the goal as a flat line. Days are calendar dates (Tokyo), placed on a UTC time axis so that
 * nothing shifts them by a time zone.
 */
export function cumulativeOption(progress: CampaignProgress, texts: CampaignChartTexts): EChartsOption {
  const points = progress.series.map((p) => [dayMs(p.date), p.cumulativeYen] as [number, number]);
  const first = points[0]?.[0];
  const last = points.at(-1)?.[0];
  const goal = progress.campaign.goalYen;
  return {
    grid: { left: 72, right: 24, top: 32, bottom: 48, containLabel: true },
    legend: { bottom: 0 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = Array.isArray(params) ? (params as Array<{ seriesName: string; value: [number, number] }>) : [];
        const head = list[0] ? texts.date(dateOf(list[0].value[0])) : '';
        return [head, ...list.map((p) => `${p.seriesName}: ${texts.yen(p.value[1])}`)].join('<br/>');
      },
    },
    xAxis: { type: 'time', axisLabel: { formatter: (value: number) => texts.date(dateOf(value)), hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: (value: number) => texts.yen(value) } },
    series: [
      { type: 'line', name: texts.raised, data: points, step: 'end', symbolSize: 6, areaStyle: { opacity: 0.15 } },
      ...(goal && first !== undefined && last !== undefined
        ? [{ type: 'line' as const, name: texts.goal, data: [[first, goal], [last, goal]], symbol: 'none', lineStyle: { type: 'dashed' as const } }]
        : []),
    ],
  };
}
