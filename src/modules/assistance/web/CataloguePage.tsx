import { Badge, Button, Group, Modal, Paper, Stack, Table, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { showApiError } from '../../../web/forms';
import type { AidItem } from '../contract';
import { AidItemForm } from './AidItemForm';
import { catalogueKey, catalogueQuery, updateAidItem } from './assistance.queries';
import { TableHeader } from '../../../web/components/TableHeader';

export function CataloguePage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const catalogue = useQuery(catalogueQuery);
  const [editing, setEditing] = useState<AidItem | null>(null);
  const toggle = useMutation({
    mutationFn: (item: AidItem) => updateAidItem(item.code, { isActive: !item.isActive }),
    onSuccess: () => void client.invalidateQueries({ queryKey: catalogueKey }),
    onError: (error) => showApiError(error, t),
  });
  const items = [...(catalogue.data?.items ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);

  return (
    <Stack>
      <PageTitle text={t('ui.catalogue.title')} />
      <QueryStatus query={catalogue} />
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped aria-label={t('ui.catalogue.title')}>
            <TableHeader labels={[t('fields.code'), t('fields.nameJa'), t('fields.nameEn'), t('fields.category'), t('fields.isMoney'), t('fields.unit'), t('ui.assistance.tracked'), t('fields.limitQuantity'), t('fields.sortOrder'), t('fields.isActive'), t('ui.queue.actions')]} />
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.code}>
                  <Table.Td style={{ fontFamily: 'monospace' }}>{item.code}</Table.Td>
                  <Table.Td lang="ja">{item.nameJa}</Table.Td>
                  <Table.Td lang="en">{item.nameEn}</Table.Td>
                  <Table.Td>{t(`ui.aidCategory.${item.category}`)}</Table.Td>
                  <Table.Td>{item.isMoney ? t('ui.common.yes') : t('ui.common.no')}</Table.Td>
                  <Table.Td>{t(`ui.assistance.unit.${item.unit}`)}{item.sizes.length > 0 ? ` (${item.sizes.join(', ')})` : ''}</Table.Td>
                  <Table.Td>{item.isStockTracked ? `${t('ui.common.yes')}${item.lowStockThreshold !== null ? ` (≤ ${item.lowStockThreshold})` : ''}` : t('ui.common.no')}</Table.Td>
                  <Table.Td>{item.limitQuantity !== null && item.limitDays !== null ? t('ui.assistance.limitShort', { quantity: item.limitQuantity, days: item.limitDays }) : '—'}</Table.Td>
                  <Table.Td>{item.sortOrder}</Table.Td>
                  <Table.Td>
                    <Badge color={item.isActive ? 'teal.9' : 'gray.7'} variant="filled" autoContrast>
                      {item.isActive ? t('ui.common.active') : t('ui.common.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Button size="xs" variant="default" onClick={() => setEditing(item)} aria-label={`${t('ui.common.edit')}: ${item.code}`}>
                        {t('ui.common.edit')}
                      </Button>
                      <Button size="xs" variant="outline" disabled={toggle.isPending} onClick={() => toggle.mutate(item)}>
                        {item.isActive ? t('ui.common.deactivate') : t('ui.common.activate')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="md">
          {t('ui.catalogue.addTitle')}
        </Title>
        <AidItemForm onDone={() => undefined} />
      </Paper>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('ui.catalogue.editTitle')} size="lg">
        {editing && <AidItemForm key={editing.code} item={editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}
