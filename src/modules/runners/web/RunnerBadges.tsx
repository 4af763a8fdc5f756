import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PageState, Progress } from '../contract';
import { pageStateColor, pageStateLabel, progressColor, progressLabel } from './runners.labels';

/** Behind / on track / reached, in words (the colour only repeats it). */
export function ProgressBadge({ progress }: { progress: Progress }) {
  const { t } = useTranslation();
  return (
    <Badge color={progressColor(progress)} variant="filled" autoContrast>
      {progressLabel(t, progress)}
    </Badge>
  );
}

/** The state of a runner's page as a badge with its word. */
export function PageStateBadge({ state }: { state: PageState }) {
  const { t } = useTranslation();
  return (
    <Badge color={pageStateColor(state)} variant="filled" autoContrast>
      {pageStateLabel(t, state)}
    </Badge>
  );
}
