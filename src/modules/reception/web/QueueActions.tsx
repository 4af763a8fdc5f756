import { Button, Group } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../web/auth';
import { showApiError } from '../../../web/forms';
import type { Visit, VisitStatus } from '../contract';
import { changeVisitStatus, visitsKey } from './reception.queries';

/** The buttons a visit's status allows (the contract's transition table), for staff who may act. */
export function QueueActions({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const canWrite = useCan('visits.write');
  const canConsult = useCan('consultations.write');
  const canGiveAid = useCan('assistance.write');

  const mutation = useMutation({
    mutationFn: (status: VisitStatus) => changeVisitStatus(visit.id, status),
    onSuccess: (_visit, status) => {
      void client.invalidateQueries({ queryKey: visitsKey });
      if (status === 'in_consultation' && canConsult) {
        void navigate(`/people/${visit.personId}/consultations/new?visitId=${visit.id}`);
      }
    },
    onError: (error) => showApiError(error, t),
  });

  const busy = mutation.isPending;
  const to = (status: VisitStatus, label: string, variant: 'filled' | 'default' = 'default') => (
    <Button key={status} size="xs" variant={variant} disabled={busy} onClick={() => mutation.mutate(status)}>
      {label}
    </Button>
  );
  const active = visit.status === 'called' || visit.status === 'in_consultation';
  const query = `?visitId=${visit.id}`;

  return (
    <Group gap={6}>
      {canWrite && visit.status === 'waiting' && [to('called', t('ui.queue.call'), 'filled'), to('left', t('ui.queue.left'))]}
      {canWrite &&
        visit.status === 'called' && [
          to('in_consultation', t('ui.queue.start'), 'filled'),
          to('done', t('ui.queue.done')),
          to('waiting', t('ui.queue.backToWaiting')),
          to('left', t('ui.queue.left')),
        ]}
      {canWrite && visit.status === 'in_consultation' && to('done', t('ui.queue.done'), 'filled')}
      {canWrite && visit.status === 'left' && to('waiting', t('ui.queue.backToWaiting'))}
      {active && canConsult && (
        <Button size="xs" variant="outline" component={Link} to={`/people/${visit.personId}/consultations/new${query}`}>
          {t('ui.actions.recordConsultation')}
        </Button>
      )}
      {active && canGiveAid && (
        <Button size="xs" variant="outline" component={Link} to={`/people/${visit.personId}/aid/new${query}`}>
          {t('ui.actions.giveAid')}
        </Button>
      )}
    </Group>
  );
}
