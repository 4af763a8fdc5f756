import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Priority, VisitStatus } from '../contract';

const statusColor: Record<VisitStatus, string> = {
  waiting: 'blue.9',
  called: 'grape.9',
  in_consultation: 'teal.9',
  done: 'gray.7',
  left: 'gray.7',
};

export function StatusBadge({ status }: { status: VisitStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="filled" autoContrast>
      {t(`ui.visitStatus.${status}`)}
    </Badge>
  );
}

const priorityColor: Record<Priority, string> = { normal: 'gray.2', high: 'orange.3', urgent: 'red.9' };

export function PriorityBadges({ priority, reasons }: { priority: Priority; reasons: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge color={priorityColor[priority]} variant="filled" autoContrast>
        {t(`ui.priority.${priority}`)}
      </Badge>
      {reasons.map((reason) => (
        <Badge key={reason} color="gray.2" variant="filled" autoContrast size="sm">
          {t(`ui.priorityReason.${reason}`)}
        </Badge>
      ))}
    </Group>
  );
}
