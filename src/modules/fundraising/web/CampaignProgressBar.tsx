import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { percentOf, yen } from './fundraising.labels';

/**
 * Raised against the goal as a bar (a thermometer) and in words: the bar is named with the same
 * figures for screen readers, and a campaign past its goal shows its real percentage.
 */
export function CampaignProgressBar({ raisedYen, goalYen, size = 'lg' }: { raisedYen: number; goalYen: number | null; size?: 'md' | 'lg' | 'xl' }) {
  const { t } = useTranslation();
  const percent = percentOf(raisedYen, goalYen);
  const text = percent === null || goalYen === null
    ? t('ui.fundraising.campaigns.raisedNoGoal', { raised: yen(raisedYen) })
    : t('ui.fundraising.campaigns.raisedOfGoal', { raised: yen(raisedYen), goal: yen(goalYen), percent });
  return (
    <Stack gap={4}>
      {percent !== null && (
        <Progress value={Math.min(percent, 100)} size={size} color={percent >= 100 ? 'teal.9' : 'indigo.8'} aria-label={text} radius="xl" />
      )}
      <Text size="sm">{text}</Text>
    </Stack>
  );
}
