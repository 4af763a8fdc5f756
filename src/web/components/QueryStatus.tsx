import { Alert, Button, Group } from '@mantine/core';
import { Loading } from './Loading';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

/** Loading spinner or error box for a query; renders nothing once data is there. */
export function QueryStatus({ query }: { query: Pick<UseQueryResult, 'isPending' | 'isError' | 'error' | 'refetch'> }) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Group justify="center" p="lg">
        <Loading />
      </Group>
    );
  }
  if (query.isError) {
    const message = query.error instanceof ApiError ? query.error.message : t('ui.common.networkError');
    return (
      <Alert color="red" title={t('ui.common.error')} role="alert">
        {message}
        <Group mt="sm">
          <Button variant="light" color="red" onClick={() => void query.refetch()}>
            {t('ui.common.retry')}
          </Button>
        </Group>
      </Alert>
    );
  }
  return null;
}
