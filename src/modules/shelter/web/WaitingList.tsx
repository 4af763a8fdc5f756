import { Anchor, Alert, Badge, Button, Group, Modal, Radio, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { tokyoDate } from '../../../shared/time';
import { useCan } from '../../../web/auth';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { showApiError, showSaved, type FormErrors } from '../../../web/forms';
import { formatDate, primaryName } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { DEFAULT_STAY_NIGHTS, type WaitingEntry } from '../contract';
import { addDays } from '../nights';
import { facilityName } from './labels';
import { createStay, refreshShelter, suitableBedsQuery, updateWaitingEntry, waitingListQuery } from './shelter.queries';

/** The dialog that offers a free, suitable bed to a waiting person and allocates it. */
export function OfferBedDialog({ entry, onClose }: { entry: WaitingEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const beds = useQuery(suitableBedsQuery(entry.id));
  const [bedId, setBedId] = useState<string | null>(null);
  const [checkInOn, setCheckInOn] = useState(tokyoDate());
  const [expectedCheckOutOn, setExpected] = useState(addDays(tokyoDate(), DEFAULT_STAY_NIGHTS));
  const [errors, setErrors] = useState<FormErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const name = primaryName(entry.person);
  const chosen = bedId ?? beds.data?.beds[0]?.bedId ?? null;

  const mutation = useMutation({
    mutationFn: () => createStay({ personId: entry.person.id, bedId: chosen ?? '', checkInOn, expectedCheckOutOn, waitingEntryId: entry.id, note: '' }),
    onSuccess: async () => {
      onClose();
      showSaved(t, t('ui.shelter.waiting.allocated'));
      await refreshShelter(client);
    },
    onError: async (error) => {
      showApiError(error, t, setErrors);
      if (error instanceof Error) setRefusal(error.message);
      // Someone may have taken the bed meanwhile: show what is free now.
      await beds.refetch();
    },
  });

  return (
    <Modal opened onClose={onClose} title={t('ui.shelter.waiting.offerTitle', { name })} size="lg" closeButtonProps={{ 'aria-label': t('ui.common.close') }}>
      <Stack>
        <QueryStatus query={beds} />
        {beds.data && beds.data.beds.length === 0 && <Alert color="yellow">{t('ui.shelter.waiting.noFreeBed')}</Alert>}
        {beds.data && beds.data.beds.length > 0 && (
          <form
            noValidate
            aria-label={t('ui.shelter.waiting.offerTitle', { name })}
            onSubmit={(e) => {
              e.preventDefault();
              setRefusal(null);
              mutation.mutate();
            }}
          >
            <Stack>
              <Radio.Group label={t('ui.shelter.waiting.chooseBed')} value={chosen} onChange={setBedId} error={errors.bedId} withAsterisk>
                <Stack gap="xs" mt="xs">
                  {beds.data.beds.map((b) => (
                    <Radio
                      key={b.bedId}
                      value={b.bedId}
                      label={`${facilityName(b, language)} · ${t('ui.shelter.board.roomOf', { room: b.roomName, use: t(`ui.shelter.uses.${b.allowedUse}`) })} · ${b.label}`}
                      description={b.nextCheckInOn ? t('ui.shelter.board.nextBooking', { date: formatDate(b.nextCheckInOn, language) }) : undefined}
                    />
                  ))}
                </Stack>
              </Radio.Group>
              <Group grow>
                <TextInput
                  type="date"
                  label={t('ui.shelter.waiting.checkInOn')}
                  value={checkInOn}
                  error={errors.checkInOn}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setCheckInOn(value);
                    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) setExpected(addDays(value, DEFAULT_STAY_NIGHTS));
                  }}
                />
                <TextInput
                  type="date"
                  label={t('ui.shelter.waiting.expectedCheckOutOn')}
                  value={expectedCheckOutOn}
                  error={errors.expectedCheckOutOn}
                  onChange={(e) => setExpected(e.currentTarget.value)}
                />
              </Group>
              {refusal && (
                <Alert color="red" role="alert">
                  {refusal}
                </Alert>
              )}
              <Group>
                <Button type="submit" loading={mutation.isPending} disabled={!chosen}>
                  {t('ui.shelter.waiting.allocate')}
                </Button>
                <Button variant="default" onClick={onClose}>
                  {t('ui.common.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Modal>
  );
}

function WithdrawDialog({ entry, onClose }: { entry: WaitingEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: () => updateWaitingEntry(entry.id, { status: 'withdrawn', reason: reason.trim(), version: entry.version }),
    onSuccess: async () => {
      onClose();
      showSaved(t, t('ui.shelter.waiting.withdrawn'));
      await refreshShelter(client);
    },
    onError: (e) => showApiError(e, t, (errors) => setError(errors.reason)),
  });
  return (
    <ConfirmDialog
      opened
      title={t('ui.shelter.waiting.withdrawTitle', { name: primaryName(entry.person) })}
      body={<TextInput label={t('ui.shelter.waiting.withdrawReason')} value={reason} maxLength={500} withAsterisk error={error} onChange={(e) => setReason(e.currentTarget.value)} />}
      confirmLabel={t('ui.shelter.waiting.withdraw')}
      loading={mutation.isPending}
      onConfirm={() => (reason.trim() === '' ? setError(t('validation.required')) : mutation.mutate())}
      onClose={onClose}
    />
  );
}

/** The shelter waiting list in priority order, with the reasons, days waiting and "offer a bed". */
export function WaitingList() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const list = useQuery(waitingListQuery());
  const canWrite = useCan('shelter.write');
  const [offering, setOffering] = useState<WaitingEntry | null>(null);
  const [withdrawing, setWithdrawing] = useState<WaitingEntry | null>(null);

  if (!list.data) return <QueryStatus query={list} />;
  const items = list.data.items;
  const titleId = 'shelter-waiting-title';
  return (
    <Stack>
      <Title order={2} size="h3" id={titleId}>
        {t('ui.shelter.waiting.heading', { count: items.length })}
      </Title>
      {items.length === 0 && <Text c="dimmed">{t('ui.shelter.waiting.empty')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-labelledby={titleId}>
            <TableHeader
              labels={[
                t('ui.shelter.waiting.priority'), t('ui.shelter.waiting.person'), t('ui.shelter.waiting.needs'), t('ui.shelter.waiting.reasons'),
                t('ui.shelter.waiting.listedOn'), t('ui.shelter.waiting.daysWaiting'), ...(canWrite ? [t('ui.shelter.waiting.actions')] : []),
              ]}
            />
            <Table.Tbody>
              {items.map((e) => {
                const name = primaryName(e.person);
                return (
                  <Table.Tr key={e.id}>
                    <Table.Td>{e.priority}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/people/${e.person.id}`}>
                        {name}
                      </Anchor>
                      {e.note && (
                        <Text size="sm" c="dimmed">
                          {e.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`ui.shelter.uses.${e.needs}`)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {e.priorityReasons.map((r) => (
                          <Badge key={r} variant="light" color={r === 'rough_sleeping' ? 'red' : 'grape'}>
                            {t(`ui.shelter.reasons.${r}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDate(e.listedOn, language)}</Table.Td>
                    <Table.Td>{t('ui.shelter.waiting.days', { count: e.daysWaiting })}</Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button size="compact-sm" onClick={() => setOffering(e)} aria-label={t('ui.shelter.waiting.offerLabel', { name })}>
                            {t('ui.shelter.waiting.offer')}
                          </Button>
                          <Button size="compact-sm" variant="subtle" color="red" onClick={() => setWithdrawing(e)} aria-label={t('ui.shelter.waiting.withdrawLabel', { name })}>
                            {t('ui.shelter.waiting.withdraw')}
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {offering && <OfferBedDialog entry={offering} onClose={() => setOffering(null)} />}
      {withdrawing && <WithdrawDialog entry={withdrawing} onClose={() => setWithdrawing(null)} />}
    </Stack>
  );
}
