import { Alert, Anchor, Badge, Button, Code, CopyButton, Group, Image, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../../web/auth';
import { Detail } from '../../../web/components/Detail';
import { FormActions } from '../../../web/components/FormActions';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { showApiError, showSaved } from '../../../web/forms';
import { formatDateTime } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { numberOrUndefined } from '../../fundraising/web/fundraising.forms';
import { count, yen } from '../../fundraising/web/fundraising.labels';
import type { MagicLinkResult, PageRevision, RunnerDetail } from '../contract';
import { PageStateBadge, ProgressBadge } from './RunnerBadges';
import { publicUrl, revisionStatusColor, revisionStatusLabel } from './runners.labels';
import { eventsKey, moderationKey, revisionPhotoUrl, runnerKey, runnerQuery, sendMagicLink, updateRunner, writePage } from './runners.queries';
import { RunnerProgressBar } from './RunnerProgressBar';
import { RunnerWall } from './RunnerWall';

/** Sends the runner a single-use link to edit their page; without a mail server, shows the address once to give by hand. */
function MagicLink({ runner }: { runner: RunnerDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [link, setLink] = useState<MagicLinkResult | null>(null);
  const send = useMutation({
    mutationFn: () => sendMagicLink(runner.id),
    onSuccess: (r) => setLink(r),
    onError: (error) => showApiError(error, t),
  });
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="default" loading={send.isPending} onClick={() => send.mutate()}>
          {t('ui.runners.magicLink.send')}
        </Button>
      </Group>
      {link && link.emailed && (
        <Alert color="teal" role="status">
          {t('ui.runners.magicLink.emailed', { email: runner.email ?? '', expires: formatDateTime(link.expiresAt, language) })}
        </Alert>
      )}
      {link && !link.emailed && (
        <Alert color="yellow" role="status" title={t('ui.runners.magicLink.notEmailedTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('ui.runners.magicLink.notEmailed', { expires: formatDateTime(link.expiresAt, language) })}</Text>
            <Group gap="xs">
              <Code style={{ wordBreak: 'break-all' }}>{link.url}</Code>
              <CopyButton value={link.url}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="outline" onClick={copy}>
                    {copied ? t('ui.common.copied') : t('ui.runners.magicLink.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

interface PageValues {
  displayName: string;
  story: string;
  goalYen: number | string;
}

/** Staff write (or correct) the runner's page: it still goes through review before it is public. */
function StaffPageForm({ runner, onDone }: { runner: RunnerDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const latest = runner.revisions[0];
  const form = useForm<PageValues>({
    mode: 'controlled',
    initialValues: { displayName: latest?.displayName ?? runner.name, story: latest?.story ?? '', goalYen: latest?.goalYen ?? runner.goalYen },
  });
  const mutation = useMutation({
    mutationFn: (v: PageValues) => writePage(runner.id, { displayName: v.displayName, story: v.story, goalYen: numberOrUndefined(v.goalYen) ?? '' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: runnerKey(runner.id) });
      void client.invalidateQueries({ queryKey: moderationKey });
      void client.invalidateQueries({ queryKey: eventsKey });
      showSaved(t, t('ui.runners.pageForm.sent'));
      onDone();
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('ui.runners.pageForm.displayName')} {...form.getInputProps('displayName')} />
          <NumberInput
            label={t('ui.runners.pageForm.goal')}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            prefix="¥"
            {...form.getInputProps('goalYen')}
          />
        </SimpleGrid>
        <Textarea label={t('ui.runners.pageForm.story')} autosize minRows={5} {...form.getInputProps('story')} />
        <FormActions submitLabel={t('ui.runners.pageForm.submit')} loading={mutation.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** The runner's goal, and withdrawing (or reinstating) them. */
function RunnerSettings({ runner }: { runner: RunnerDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [goal, setGoal] = useState<number | string>(runner.goalYen);
  const [goalError, setGoalError] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: (input: { goalYen?: number; status?: 'active' | 'withdrawn' }) => updateRunner(runner.id, { version: runner.version, ...input }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: runnerKey(runner.id) });
      void client.invalidateQueries({ queryKey: eventsKey });
      showSaved(t);
    },
    onError: (error) => showApiError(error, t, (errors) => setGoalError(errors.goalYen ?? null)),
  });
  const goalYen = numberOrUndefined(goal);
  return (
    <Group align="flex-end">
      <NumberInput
        label={t('ui.runners.runner.goal')}
        min={1}
        allowDecimal={false}
        allowNegative={false}
        thousandSeparator=","
        prefix="¥"
        value={goal}
        onChange={(v) => {
          setGoal(v);
          setGoalError(null);
        }}
        error={goalError}
      />
      <Button variant="default" disabled={goalYen === undefined || goalYen === runner.goalYen} loading={update.isPending && update.variables?.goalYen !== undefined} onClick={() => update.mutate({ goalYen })}>
        {t('ui.runners.runner.changeGoal')}
      </Button>
      <Button
        variant="default"
        color={runner.status === 'active' ? 'red' : undefined}
        loading={update.isPending && update.variables?.status !== undefined}
        onClick={() => update.mutate({ status: runner.status === 'active' ? 'withdrawn' : 'active' })}
      >
        {runner.status === 'active' ? t('ui.runners.runner.withdraw') : t('ui.runners.runner.reinstate')}
      </Button>
    </Group>
  );
}

function Revisions({ revisions }: { revisions: PageRevision[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('ui.runners.revisions.title')}
        </Title>
        {revisions.length === 0 ? (
          <Text c="dimmed">{t('ui.runners.revisions.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table striped aria-label={t('ui.runners.revisions.title')}>
              <TableHeader
                labels={[
                  t('ui.runners.revisions.submitted'), t('ui.runners.revisions.photo'), t('ui.runners.revisions.page'), t('ui.runners.revisions.status'),
                  t('ui.runners.revisions.note'),
                ]}
              />
              <Table.Tbody>
                {revisions.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(r.createdAt, language)}
                      <Text size="xs">{r.submittedBy === 'runner' ? t('ui.runners.revisions.byRunner') : t('ui.runners.revisions.byStaff')}</Text>
                    </Table.Td>
                    <Table.Td>
                      {r.hasPhoto ? (
                        <Image src={revisionPhotoUrl(r.id)} alt={t('ui.runners.revisions.photoAlt', { name: r.displayName })} w={96} h={96} fit="cover" radius="sm" />
                      ) : (
                        <Text size="sm">{t('ui.runners.revisions.noPhoto')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text fw={600}>{r.displayName}</Text>
                      <Text size="sm">{t('ui.runners.revisions.goal', { goal: yen(r.goalYen) })}</Text>
                      <Text size="sm" lineClamp={4} style={{ whiteSpace: 'pre-wrap' }}>
                        {r.story}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={revisionStatusColor(r.status)} variant="filled" autoContrast>
                        {revisionStatusLabel(t, r.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {r.reviewNote !== '' && <Text size="sm">{r.reviewNote}</Text>}
                      {r.reviewedAt && (
                        <Text size="xs">{t('ui.runners.revisions.reviewed', { date: formatDateTime(r.reviewedAt, language), by: r.reviewedByName ?? '—' })}</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

/** /runners/runners/:id: a runner's figures and page, the edit link, the page's revisions, the donor wall. */
export function RunnerPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id = '' } = useParams();
  const canWrite = useCan('fundraising.write');
  const runner = useQuery(runnerQuery(id));
  const [writing, setWriting] = useState(false);
  const r = runner.data;
  if (!r) {
    return (
      <Stack>
        <PageTitle text={t('ui.runners.runner.title')} />
        <QueryStatus query={runner} />
      </Stack>
    );
  }
  const revisions = [...r.revisions].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Stack maw={1100}>
      <Stack gap={0}>
        <PageTitle text={r.name} />
        <Group gap="sm" mt={-12} mb={12}>
          <Anchor component={Link} to={`/runners/events/${r.eventId}`}>
            {t('ui.runners.runner.backToEvent')}
          </Anchor>
          {r.status === 'withdrawn' && (
            <Badge color="gray.7" variant="filled" autoContrast>
              {t('ui.runners.runner.withdrawn')}
            </Badge>
          )}
        </Group>
      </Stack>
      <Paper withBorder p="md">
        <Stack>
          <RunnerProgressBar raisedYen={r.raisedYen} goalYen={r.goalYen} size="xl" />
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            <Detail label={t('ui.runners.runner.supporterNumber')}>
              <Anchor component={Link} to={`/fundraising/supporters/${r.supporterId}`}>
                {r.supporterNumber}
              </Anchor>
            </Detail>
            <Detail label={t('ui.runners.runner.code')}>
              <span style={{ fontFamily: 'monospace' }}>{r.code}</span>
            </Detail>
            <Detail label={t('ui.runners.runner.email')}>{r.email ?? t('ui.common.none')}</Detail>
            <Detail label={t('ui.runners.runner.goal')}>{yen(r.goalYen)}</Detail>
            <Detail label={t('ui.runners.runner.raised')}>{yen(r.raisedYen)}</Detail>
            <Detail label={t('ui.runners.runner.pledged')}>{yen(r.pledgedYen)}</Detail>
            <Detail label={t('ui.runners.runner.donors')}>{count(r.donors)}</Detail>
            <Detail label={t('ui.runners.runner.progress')}>
              <ProgressBadge progress={r.progress} />
            </Detail>
            <Detail label={t('ui.runners.runner.pageState')}>
              <PageStateBadge state={r.pageState} />
            </Detail>
            <Detail label={t('ui.runners.runner.publicPage')}>
              {r.publicPath ? (
                <Anchor href={r.publicPath} target="_blank" rel="noopener">
                  {publicUrl(r.publicPath)}
                </Anchor>
              ) : (
                t('ui.runners.runner.notPublished')
              )}
            </Detail>
            <Detail label={t('ui.runners.runner.lastReminded')}>{r.lastRemindedAt ? formatDateTime(r.lastRemindedAt, language) : t('ui.runners.runner.never')}</Detail>
          </SimpleGrid>
          {r.belowMinimumLate && (
            <Alert color="yellow" role="status">
              {t('ui.runners.runner.belowMinimumLate')}
            </Alert>
          )}
          {canWrite && <MagicLink runner={r} />}
          {canWrite && <RunnerSettings key={r.version} runner={r} />}
        </Stack>
      </Paper>
      <Revisions revisions={revisions} />
      {canWrite && (
        <Paper withBorder p="md">
          {writing ? (
            <Stack>
              <Title order={2} size="h3">
                {t('ui.runners.pageForm.title')}
              </Title>
              <Text size="sm">{t('ui.runners.pageForm.intro')}</Text>
              <StaffPageForm runner={r} onDone={() => setWriting(false)} />
            </Stack>
          ) : (
            <Group>
              <Button variant="default" onClick={() => setWriting(true)}>
                {t('ui.runners.pageForm.title')}
              </Button>
            </Group>
          )}
        </Paper>
      )}
      <RunnerWall wall={r.wall} />
    </Stack>
  );
}
