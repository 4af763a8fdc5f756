import { Select, type SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { assignableStaffQuery } from './tasks.queries';

/**
 * Picks an active staff member of the office (or nobody). `current` is the task's assignee when
 * editing: kept as a choice even if they are no longer assignable, so the field shows their name.
 */
export function AssigneeSelect({ current, ...props }: Omit<SelectProps, 'data'> & { current?: { id: string; name: string } | null }) {
  const { t } = useTranslation();
  const staff = useQuery(assignableStaffQuery);
  const data = (staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName }));
  if (current && !data.some((d) => d.value === current.id)) data.push({ value: current.id, label: current.name });
  return (
    <Select
      label={t('fields.assigneeId')}
      placeholder={t('ui.tasks.unassigned')}
      data={data}
      searchable
      clearable
      {...props}
    />
  );
}
