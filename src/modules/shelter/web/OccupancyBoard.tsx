import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { tokyoDate } from '../../../shared/time';
import { useCan } from '../../../web/auth';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { showApiError, showSaved } from '../../../web/forms';
import { formatDate, primaryName } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import type { BoardBed } from '../contract';
import { facilityName } from './labels';
import { boardQuery, checkOut, refreshShelter } from './shelter.queries';

interface RoomGroup {
  roomId: string;
  roomName: string;
  allowedUse: BoardBed['allowedUse'];
  beds: BoardBed[];
}
interface FacilityGroup {
  facilityId: string;
  name: string;
  rooms: RoomGroup[];
}

/** Beds grouped by facility and room, in the board's order. */
export function groupBeds(beds: BoardBed[], language: 'ja' | 'en'): FacilityGroup[] {
  const facilities: FacilityGroup[] = [];
  for (const bed of beds) {
    let facility = facilities.find((f) => f.facilityId === bed.facilityId);
    if (!facility) {
      facility = { facilityId: bed.facilityId, name: facilityName(bed, language), rooms: [] };
      facilities.push(facility);
    }
    let room = facility.rooms.find((r) => r.roomId === bed.roomId);
    if (!room) {
      room = { roomId: bed.roomId, roomName: bed.roomName, allowedUse: bed.allowedUse, beds: [] };
      facility.rooms.push(room);
    }
    room.beds.push(bed);
  }
  return facilities;
}

function CheckOutDialog({ bed, onClose }: { bed: BoardBed | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [on, setOn] = useState(tokyoDate());
  const [error, setError] = useState<string | undefined>();
  const name = bed?.occupant ? primaryName(bed.occupant.person) : '';
  const mutation = useMutation({
    mutationFn: () => checkOut(bed?.occupant?.stayId ?? '', { checkedOutOn: on }),
    onSuccess: async () => {
      onClose();
      showSaved(t, t('ui.shelter.board.checkedOut'));
      await refreshShelter(client);
    },
    onError: (e) => showApiError(e, t, (errors) => setError(errors.checkedOutOn)),
  });
  return (
    <ConfirmDialog
      opened={bed !== null}
      title={t('ui.shelter.board.checkOutTitle', { name })}
      body={
        <TextInput
          type="date"
          label={t('ui.shelter.board.checkOutBody')}
          value={on}
          max={tokyoDate()}
          error={error}
          onChange={(e) => setOn(e.currentTarget.value)}
        />
      }
      confirmLabel={t('ui.shelter.board.checkOut')}
      loading={mutation.isPending}
      onConfirm={() => mutation.mutate()}
      onClose={onClose}
    />
  );
}

/** The occupancy board: every bed tonight, grouped by facility and room, with who is in it. */
export function OccupancyBoard() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const board = useQuery(boardQuery());
  const canWrite = useCan('shelter.write');
  const [checkingOut, setCheckingOut] = useState<BoardBed | null>(null);

  if (!board.data) return <QueryStatus query={board} />;
  const { beds, freeCount, totalCount } = board.data;
  const groups = groupBeds(beds, language);

  return (
    <Stack>
      <Title order={2} size="h3">
        {t('ui.shelter.board.heading', { free: freeCount, total: totalCount })}
      </Title>
      {beds.length === 0 && <Text c="dimmed">{t('ui.shelter.board.empty')}</Text>}
      {groups.map((facility) => (
        <Paper key={facility.facilityId} withBorder p="md" component="section" aria-label={facility.name}>
          <Title order={3} size="h4" mb="sm">
            {facility.name}
          </Title>
          <Stack>
            {facility.rooms.map((room) => {
              const roomLabel = t('ui.shelter.board.roomOf', { room: room.roomName, use: t(`ui.shelter.uses.${room.allowedUse}`) });
              return (
                <Table.ScrollContainer key={room.roomId} minWidth={640}>
                  <Table striped aria-label={roomLabel}>
                    <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{roomLabel}</Table.Caption>
                    <TableHeader
                      labels={[
                        t('ui.shelter.board.bed'), t('ui.shelter.board.occupant'), t('ui.shelter.board.since'), t('ui.shelter.board.expectedOut'),
                        t('ui.shelter.board.nights'), t('ui.shelter.board.status'), ...(canWrite ? [t('ui.shelter.board.actions')] : []),
                      ]}
                    />
                    <Table.Tbody>
                      {room.beds.map((bed) => {
                        const o = bed.occupant;
                        return (
                          <Table.Tr key={bed.bedId}>
                            <Table.Td>{bed.label}</Table.Td>
                            <Table.Td>
                              {o ? (
                                <Anchor component={Link} to={`/people/${o.person.id}`}>
                                  {primaryName(o.person)}
                                </Anchor>
                              ) : (
                                '—'
                              )}
                            </Table.Td>
                            <Table.Td>{o ? formatDate(o.checkInOn, language) : ''}</Table.Td>
                            <Table.Td>{o ? formatDate(o.expectedCheckOutOn, language) : ''}</Table.Td>
                            <Table.Td>{o ? o.nights : ''}</Table.Td>
                            <Table.Td>
                              <Group gap={4}>
                                {!o && <Badge color="teal.9">{t('ui.shelter.board.free')}</Badge>}
                                {o?.isOverdue && <Badge color="red.9">{t('ui.shelter.board.overdue')}</Badge>}
                                {!o && bed.nextCheckInOn && (
                                  <Text size="xs" c="dimmed">
                                    {t('ui.shelter.board.nextBooking', { date: formatDate(bed.nextCheckInOn, language) })}
                                  </Text>
                                )}
                              </Group>
                            </Table.Td>
                            {canWrite && (
                              <Table.Td>
                                {o && (
                                  <Button size="compact-sm" variant="light" onClick={() => setCheckingOut(bed)} aria-label={t('ui.shelter.board.checkOutLabel', { name: primaryName(o.person) })}>
                                    {t('ui.shelter.board.checkOut')}
                                  </Button>
                                )}
                              </Table.Td>
                            )}
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              );
            })}
          </Stack>
        </Paper>
      ))}
      {checkingOut && <CheckOutDialog bed={checkingOut} onClose={() => setCheckingOut(null)} />}
    </Stack>
  );
}
