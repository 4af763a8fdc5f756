/** Latency statistics and Markdown tables shared by the HTTP benchmarks. */
import type { LoadResult } from './http-load';

export interface Stats {
  count: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

export function stats(samples: LoadResult['samples'], wallMs: number): Stats {
  const ms = samples.map(([, t]) => t).sort((a, b) => a - b);
  return {
    count: samples.length,
    errors: samples.filter(([, , status]) => status !== 200).length,
    rps: samples.length / (wallMs / 1000),
    p50: percentile(ms, 0.5),
    p95: percentile(ms, 0.95),
    p99: percentile(ms, 0.99),
    max: ms[ms.length - 1] ?? Number.NaN,
  };
}

export const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

/** A Markdown table; columns in `left` are left-aligned, the others (numbers) right-aligned. */
export function table(headers: string[], rows: string[][], left: readonly number[] = [0]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (left.includes(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [line(headers), `|${widths.map((w, i) => (left.includes(i) ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}
