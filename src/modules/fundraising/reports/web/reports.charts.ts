import type { EChartsOption } from 'echarts';
import { BarChart, LineChart } from 'echarts/charts';
import { use as registerEcharts } from 'echarts/core';
import type { RecurringMonth, RetentionYear } from '../contract';

// The advocacy EChart wrapper registers lines only; these reports draw bars too (registration is global and idempotent).
registerEcharts([BarChart, LineChart]);

/** Labels the charts need, in the reader's language. */
export interface ChartTexts {
  yen: (amount: number) => string;
  percent: (rate: number) => string;
}

const grid = { left: 56, right: 56, top: 40, bottom: 56, containLabel: true };

/** Donors per year (new, retained, recaptured, lapsed as bars) and the two retention rates as lines on a % axis. */
export function retentionOption(years: readonly RetentionYear[], texts: ChartTexts & { year: (y: number) => string; donors: string; rate: string; series: Record<'new' | 'retained' | 'recaptured' | 'lapsed' | 'donorRetention' | 'valueRetention', string> }): EChartsOption {
  const bar = (key: 'new' | 'retained' | 'recaptured' | 'lapsed') => ({ type: 'bar' as const, name: texts.series[key], data: years.map((y) => y[key]) });
  const line = (key: 'donorRetention' | 'valueRetention') => ({
    type: 'line' as const, name: texts.series[key], yAxisIndex: 1, symbolSize: 6,
    data: years.map((y) => (y[key] === null ? null : Math.round((y[key] ?? 0) * 1000) / 10)),
  });
  return {
    grid,
    legend: { bottom: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: years.map((y) => texts.year(y.year)) },
    yAxis: [
      { type: 'value', name: texts.donors, minInterval: 1 },
      { type: 'value', name: texts.rate, axisLabel: { formatter: '{value}%' }, min: 0 },
    ],
    series: [bar('new'), bar('retained'), bar('recaptured'), bar('lapsed'), line('donorRetention'), line('valueRetention')],
  };
}

/** Churn per month: cancellations as bars, the churn rate as a line on a % axis. */
export function churnOption(months: readonly RecurringMonth[], texts: ChartTexts & { month: (m: string) => string; cancelled: string; churn: string }): EChartsOption {
  return {
    grid,
    legend: { bottom: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months.map((m) => texts.month(m.month)) },
    yAxis: [
      { type: 'value', name: texts.cancelled, minInterval: 1 },
      { type: 'value', name: texts.churn, axisLabel: { formatter: '{value}%' }, min: 0 },
    ],
    series: [
      { type: 'bar', name: texts.cancelled, data: months.map((m) => m.cancelled) },
      { type: 'line', name: texts.churn, yAxisIndex: 1, symbolSize: 6, data: months.map((m) => (m.churnRate === null ? null : Math.round(m.churnRate * 1000) / 10)) },
    ],
  };
}

/** Expected against received yen per month, side by side. */
export function expectedReceivedOption(months: readonly RecurringMonth[], texts: ChartTexts & { month: (m: string) => string; expected: string; received: string }): EChartsOption {
  return {
    grid,
    legend: { bottom: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' ? texts.yen(value) : '') },
    xAxis: { type: 'category', data: months.map((m) => texts.month(m.month)) },
    yAxis: { type: 'value', axisLabel: { formatter: (value: number) => texts.yen(value) } },
    series: [
      { type: 'bar', name: texts.expected, data: months.map((m) => m.expectedYen) },
      { type: 'bar', name: texts.received, data: months.map((m) => m.receivedYen) },
    ],
  };
}

/** One bar per group (largest first, top to bottom): the year's giving of each. */
export function breakdownOption(rows: ReadonlyArray<{ label: string; givingYen: number }>, texts: ChartTexts & { giving: string }): EChartsOption {
  const shown = [...rows].reverse();
  return {
    grid: { left: 16, right: 32, top: 16, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => (typeof value === 'number' ? texts.yen(value) : '') },
    xAxis: { type: 'value', axisLabel: { formatter: (value: number) => texts.yen(value), hideOverlap: true } },
    yAxis: { type: 'category', data: shown.map((r) => r.label) },
    series: [{ type: 'bar', name: texts.giving, data: shown.map((r) => r.givingYen) }],
  };
}
