import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { displayName } from '../../../shared/codes';
import { PageTitle } from '../../../web/components/PageTitle';
import { PersonNames } from '../../../web/components/PersonNames';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { formatDate, formatDateTime, localName } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { facilityName } from '../../shelter/web/labels';
import type { WinterBoard } from '../contract';
import { Bilingual } from './Bilingual';
import { winterBoardQuery } from './winter.queries';
import './winter-print.css';

type Person = NonNullable<WinterBoard['roughSleepers']>['items'][number]['person'];

function Section({ id, title, figure, children }: { id: string; title: string; figure?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder padding="md" className="winter-card" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
        <Title order={2} size="h4" id={id}>
          <Bilingual k={title} />
        </Title>
        {figure}
      </Group>
      {children}
    </Card>
  );
}

/** Badge colours whose text keeps a 4.5:1 contrast on them (WCAG AA): orange takes black text (autoContrast). */
const tone = { red: 'red.9', orange: 'orange.6', green: 'teal.9', gray: 'gray.7' } as const;

function Figure({ value, color, label }: { value: ReactNode; color: keyof typeof tone; label: string }) {
  return (
    <Badge size="xl" color={tone[color]} autoContrast variant="filled" aria-label={label}>
      {value}
    </Badge>
  );
}

function PersonCell({ person }: { person: Person }) {
  const language = currentLanguage();
  return (
    <Group gap="xs" wrap="nowrap">
      <Anchor component={Link} to={`/people/${person.id}`} size="sm">
        {person.fileNumber}
      </Anchor>
      <PersonNames person={person} size="sm" />
      {person.nationality && (
        <Text size="xs" c="dimmed">
          {displayName('region', person.nationality, language)}
        </Text>
      )}
    </Group>
  );
}

function Empty({ k }: { k: string }) {
  return (
    <Text size="sm" c="dimmed">
      <Bilingual k={k} />
    </Text>
  );
}

/** Days as a badge: red from 90 days (the advocacy threshold of DOMAIN.md), orange below. */
function Days({ n }: { n: number }) {
  const { t } = useTranslation();
  return (
    <Badge color={n >= 90 ? tone.red : tone.orange} autoContrast>
      {t('ui.winter.days', { count: n })}
    </Badge>
  );
}

/** People with how long they have waited, longest first as the server ordered them. */
function WaitingList({ id, items, empty }: { id: string; items: Array<{ person: Person; daysWaiting: number }>; empty: string }) {
  if (items.length === 0) return <Empty k={empty} />;
  return (
    <Table aria-labelledby={id}>
      <Table.Tbody>
        {items.map((w) => (
          <Table.Tr key={w.person.id}>
            <Table.Td><PersonCell person={w.person} /></Table.Td>
            <Table.Td><Days n={w.daysWaiting} /></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One number of today's queue, large, with its bilingual label below. */
function QueueFigure({ value, k }: { value: ReactNode; k: string }) {
  return (
    <Stack gap={0}>
      <Text size="xl" fw={700}>{value}</Text>
      <Text size="sm"><Bilingual k={k} /></Text>
    </Stack>
  );
}

/** The winter board (issue 4 §4): who sleeps outside tonight, what is free, what is running out, who waits longest. */
export function WinterBoardPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const board = useQuery(winterBoardQuery);
  const data = board.data;
  const minutes = (n: number | null) => (n === null ? '—' : t('ui.winter.queue.minutes', { count: n }));
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageTitle text={t('ui.winter.title')}>
          <Bilingual k="ui.winter.title" />
        </PageTitle>
        <Button variant="default" onClick={() => window.print()} data-print="hide">
          {t('ui.winter.print')}
        </Button>
      </Group>
      <QueryStatus query={board} />
      {data && (
        <>
          <Text size="sm">
            <Bilingual k="ui.winter.asOf" params={(lang) => ({ date: formatDate(data.date, lang), time: formatDateTime(data.generatedAt, lang) })} />
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {data.roughSleepers && (
              <Section id="winter-rough" title="ui.winter.rough.title"
                figure={<Figure value={data.roughSleepers.count} color={data.roughSleepers.count > 0 ? 'red' : 'green'} label={t('ui.winter.rough.count', { count: data.roughSleepers.count })} />}>
                {data.roughSleepers.items.length === 0 ? <Empty k="ui.winter.rough.none" /> : (
                  <Table aria-labelledby="winter-rough">
                    <Table.Tbody>
                      {data.roughSleepers.items.map((r) => (
                        <Table.Tr key={r.person.id}>
                          <Table.Td><PersonCell person={r.person} /></Table.Td>
                          <Table.Td>{r.shelterWaitingDays === null ? <Text size="xs"><Bilingual k="ui.winter.rough.notListed" /></Text> : <Days n={r.shelterWaitingDays} />}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Section>
            )}

            <Section id="winter-beds" title="ui.winter.beds.title"
              figure={<Figure value={`${data.freeBeds.free} / ${data.freeBeds.total}`} color={data.freeBeds.free > 0 ? 'green' : 'gray'} label={t('ui.winter.beds.count', { free: data.freeBeds.free, total: data.freeBeds.total })} />}>
              {data.freeBeds.beds.length === 0 ? <Empty k="ui.winter.beds.none" /> : (
                <Table aria-labelledby="winter-beds">
                  <Table.Tbody>
                    {data.freeBeds.beds.map((b) => (
                      <Table.Tr key={b.bedId}>
                        <Table.Td>{facilityName(b, language)}</Table.Td>
                        <Table.Td>{b.roomName} · {b.label}</Table.Td>
                        <Table.Td><Bilingual k={`ui.shelter.uses.${b.allowedUse}`} /></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Section>

            {data.lowWinterItems && (
              <Section id="winter-stock" title="ui.winter.stock.title"
                figure={<Figure value={data.lowWinterItems.items.length} color={data.lowWinterItems.items.length > 0 ? 'red' : 'green'} label={t('ui.winter.stock.count', { count: data.lowWinterItems.items.length })} />}>
                {data.lowWinterItems.items.length === 0 ? <Empty k="ui.winter.stock.none" /> : (
                  <Table aria-labelledby="winter-stock">
                    <Table.Tbody>
                      {data.lowWinterItems.items.map((i) => (
                        <Table.Tr key={i.itemCode}>
                          <Table.Td>{localName(i, language)}{' '}<Text span size="xs" c="dimmed" ml={6}>{localName(i, language === 'ja' ? 'en' : 'ja')}</Text></Table.Td>
                          <Table.Td>
                            <Badge color={i.total === 0 ? tone.red : tone.orange} autoContrast>{t('ui.winter.stock.left', { count: i.total })}</Badge>
                          </Table.Td>
                          <Table.Td><Text size="xs">{t('ui.winter.stock.threshold', { n: i.lowStockThreshold ?? 0 })}</Text></Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Section>
            )}

            <Section id="winter-shelter-waiting" title="ui.winter.shelterWaiting.title"
              figure={<Figure value={data.shelterWaiting.count} color="orange" label={t('ui.winter.shelterWaiting.count', { count: data.shelterWaiting.count })} />}>
              <WaitingList id="winter-shelter-waiting" items={data.shelterWaiting.items} empty="ui.winter.shelterWaiting.none" />
            </Section>

            {data.allowanceWaiting && (
              <Section id="winter-allowance" title="ui.winter.allowance.title"
                figure={<Figure value={data.allowanceWaiting.count} color="orange" label={t('ui.winter.allowance.count', { count: data.allowanceWaiting.count })} />}>
                <WaitingList id="winter-allowance" items={data.allowanceWaiting.items} empty="ui.winter.allowance.none" />
              </Section>
            )}

            {data.queue && (
              <Section id="winter-queue" title="ui.winter.queue.title">
                <Group gap="xl">
                  <QueueFigure value={data.queue.total} k="ui.winter.queue.total" />
                  <QueueFigure value={data.queue.waitingNow} k="ui.winter.queue.waitingNow" />
                  <QueueFigure value={minutes(data.queue.averageWaitMinutes)} k="ui.winter.queue.averageWait" />
                  <QueueFigure value={minutes(data.queue.longestWaitingMinutes)} k="ui.winter.queue.longestWait" />
                </Group>
              </Section>
            )}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
