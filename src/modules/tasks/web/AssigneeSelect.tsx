import { Select, type SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { assignableStaffQuery } from './tasks.queries';

/** Picks an active staff member of the office (or nobody). */
export function AssigneeSelect(props: Omit<SelectProps, 'data'>) {
  const { t } = useTranslation();
  const staff = useQuery(assignableStaffQuery);
  return (
    <Select
      label={t('fields.assigneeId')}
      placeholder={t('ui.tasks.unassigned')}
      data={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName }))}
      searchable
      clearable
      {...props}
    />
  );
}
