import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { percentOf, yen } from '../../fundraising/web/fundraising.labels';

/** "¥80,000 of ¥100,000 (80%)": the words of a runner's thermometer, for the bar's name and beside it. */
export function useRaisedText() {
  const { t } = useTranslation();
  return (raisedYen: number, goalYen: number) =>
    t('ui.runners.raisedOfGoal', { raised: yen(raisedYen), goal: yen(goalYen), percent: percentOf(raisedYen, goalYen) ?? 0 });
}

/** Raised against the goal as a bar, named with the same figures for screen readers (a runner past the goal shows the real percentage). */
export function RunnerProgressBar({ raisedYen, goalYen, size = 'md', withText = true }: { raisedYen: number; goalYen: number; size?: 'sm' | 'md' | 'lg' | 'xl'; withText?: boolean }) {
  const text = useRaisedText()(raisedYen, goalYen);
  const percent = percentOf(raisedYen, goalYen) ?? 0;
  return (
    <Stack gap={4}>
      <Progress value={Math.min(percent, 100)} size={size} color={percent >= 100 ? 'teal.9' : 'indigo.8'} aria-label={text} radius="xl" />
      {withText && <Text size="sm">{text}</Text>}
    </Stack>
  );
}
