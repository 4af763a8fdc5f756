import { Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { formatDateTime } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { auditQuery } from './audit.queries';
import { TableHeader } from '../../../web/components/TableHeader';

const entityTypes = [
  'person', 'visit', 'consultation', 'assistance', 'case_file', 'case_event', 'household_link', 'task', 'deadline', 'consent',
  'disclosure', 'document', 'aid_item', 'staff_user', 'api_token', 'session', 'demo_data',
] as const;

export function AuditPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [entityType, setEntityType] = useState<string | null>(null);
  const audit = useInfiniteQuery(auditQuery(entityType));
  const rows = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const label = (type: string) => t(`ui.audit.entity.${type}`, { defaultValue: type });

  return (
    <Stack>
      <PageTitle text={t('ui.audit.title')} />
      <Group>
        <Select
          label={t('ui.audit.entityType')}
          placeholder={t('ui.audit.allTypes')}
          data={entityTypes.map((e) => ({ value: e, label: label(e) }))}
          clearable
          value={entityType}
          onChange={setEntityType}
          w={260}
        />
      </Group>
      <QueryStatus query={audit} />
      {audit.data && rows.length === 0 && <Text>{t('ui.audit.empty')}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped aria-label={t('ui.audit.title')}>
            <TableHeader labels={[t('ui.audit.when'), t('ui.audit.who'), t('ui.audit.action'), t('ui.audit.entityType'), t('ui.audit.entityId'), t('ui.audit.ip')]} />
            <Table.Tbody>
              {rows.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(e.occurredAt, language)}</Table.Td>
                  <Table.Td>
                    {e.actorName ?? t('ui.audit.system')}
                    {e.viaApiToken && ` (${t('ui.audit.viaToken')})`}
                  </Table.Td>
                  <Table.Td>{t(`ui.audit.actions.${e.action}`, { defaultValue: e.action })}</Table.Td>
                  <Table.Td>{label(e.entityType)}</Table.Td>
                  <Table.Td style={{ fontFamily: 'monospace', fontSize: 12 }}>{e.entityId ?? '—'}</Table.Td>
                  <Table.Td>{e.ip ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {audit.hasNextPage && (
        <Group>
          <Button variant="default" loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
            {t('ui.audit.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
