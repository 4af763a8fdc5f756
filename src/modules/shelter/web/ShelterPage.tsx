import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCan } from '../../../web/auth';
import { PageTitle } from '../../../web/components/PageTitle';
import { FacilitiesAdmin } from './FacilitiesAdmin';
import { OccupancyBoard } from './OccupancyBoard';
import { WaitingList } from './WaitingList';

const tabs = ['board', 'waiting', 'facilities'] as const;
type Tab = (typeof tabs)[number];

/** /shelter: the occupancy board, the waiting list and (shelter.manage) facilities management. */
export function ShelterPage() {
  const { t } = useTranslation();
  const canManage = useCan('shelter.manage');
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && tabs.includes(asked) && (asked !== 'facilities' || canManage) ? asked : 'board';

  return (
    <Stack maw={1200}>
      <PageTitle text={t('ui.shelter.title')} />
      <Tabs value={tab} onChange={(value) => setParams(value && value !== 'board' ? { tab: value } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="board">{t('ui.shelter.tabs.board')}</Tabs.Tab>
          <Tabs.Tab value="waiting">{t('ui.shelter.tabs.waiting')}</Tabs.Tab>
          {canManage && <Tabs.Tab value="facilities">{t('ui.shelter.tabs.facilities')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="board">
          <OccupancyBoard />
        </Tabs.Panel>
        <Tabs.Panel value="waiting">
          <WaitingList />
        </Tabs.Panel>
        {canManage && (
          <Tabs.Panel value="facilities">
            <FacilitiesAdmin />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
