import { Text } from '@mantine/core';
import type { EChartsOption } from 'echarts';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerEcharts, type ECharts } from 'echarts/core';
import { LegacyGridContainLabel } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// Only what the trend chart draws, so the bundle carries no more of ECharts than that
// (LegacyGridContainLabel: the option of ../charts.ts keeps axis labels inside the grid with `containLabel`).
registerEcharts([LineChart, GridComponent, LegendComponent, TooltipComponent, LegacyGridContainLabel, SVGRenderer]);

interface Props {
  option: EChartsOption;
  /** What the chart shows, for screen readers (the figures themselves are in a table beside it). */
  label: string;
  height?: number;
}

/**
 * An ECharts chart drawn as SVG (sharp when printed, CJK text as text), redrawn when its box
 * changes size and disposed on unmount. Where ECharts cannot draw (an old browser, a test DOM),
 * a sentence points to the table, which always holds the same figures.
 */
export function EChart({ option, label, height = 340 }: Props) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let instance: ECharts;
    try {
      instance = init(element, null, { renderer: 'svg' });
    } catch (error) {
      console.error('chart could not be drawn', error);
      setFailed(true);
      return;
    }
    chart.current = instance;
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(element);
    const onResize = () => instance.resize();
    if (!observer) window.addEventListener('resize', onResize);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', onResize);
      chart.current = null;
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    try {
      // notMerge: a barrier taken out of the chart must leave it, not linger from the last option.
      instance.setOption(option, { notMerge: true });
      setFailed(false);
    } catch (error) {
      console.error('chart could not be drawn', error);
      setFailed(true);
    }
  }, [option]);

  return (
    <>
      <div ref={box} role="img" aria-label={label} style={{ width: '100%', height, display: failed ? 'none' : undefined }} />
      {failed && (
        <Text c="dimmed" size="sm">
          {t('ui.advocacy.chart.unavailable')}
        </Text>
      )}
    </>
  );
}
