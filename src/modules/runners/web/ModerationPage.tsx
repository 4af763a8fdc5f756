import { Anchor, Button, Group, Image, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../web/auth';
import { Detail } from '../../../web/components/Detail';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { showApiError, showSaved } from '../../../web/forms';
import { formatDateTime } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { yen } from '../../fundraising/web/fundraising.labels';
import type { ModerationItem } from '../contract';
import { eventName } from './runners.labels';
import { eventsKey, moderationKey, moderationQuery, revisionPhotoUrl, reviewRevision, runnersKey, type ReviewBody } from './runners.queries';

/** One page waiting for review: what would go public (name, story, goal, photo), approve, or reject with a note for the runner. */
function ReviewCard({ item }: { item: ModerationItem }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const canWrite = useCan('fundraising.write');
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const { revision: r, runner } = item;
  const review = useMutation({
    mutationFn: (input: ReviewBody) => reviewRevision(r.id, input),
    onSuccess: (_, input) => {
      void client.invalidateQueries({ queryKey: moderationKey });
      void client.invalidateQueries({ queryKey: runnersKey });
      void client.invalidateQueries({ queryKey: eventsKey });
      showSaved(t, input.decision === 'approve' ? t('ui.runners.moderation.approved', { name: r.displayName }) : t('ui.runners.moderation.rejected', { name: r.displayName }));
    },
    onError: (error) => showApiError(error, t, (errors) => setNoteError(errors.note ?? null)),
  });
  const reject = () => {
    if (note.trim() === '') {
      setNoteError(t('validation.required'));
      return;
    }
    review.mutate({ decision: 'reject', note });
  };
  return (
    <Paper withBorder p="md" component="article" aria-label={t('ui.runners.moderation.itemLabel', { name: r.displayName, runner: runner.name })}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4">
              {r.displayName}
            </Title>
            <Text size="sm">
              <Anchor component={Link} to={`/runners/runners/${runner.id}`}>
                {runner.name}
              </Anchor>
              {' · '}
              {eventName({ nameJa: item.eventNameJa, nameEn: item.eventNameEn }, language)}
            </Text>
          </div>
          <Text size="sm">
            {t('ui.runners.moderation.submitted', {
              date: formatDateTime(r.createdAt, language),
              by: r.submittedBy === 'runner' ? t('ui.runners.revisions.byRunner') : t('ui.runners.revisions.byStaff'),
            })}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Detail label={t('ui.runners.moderation.photo')}>
            {r.hasPhoto ? (
              <Image src={revisionPhotoUrl(r.id)} alt={t('ui.runners.revisions.photoAlt', { name: r.displayName })} maw={240} radius="sm" />
            ) : (
              t('ui.runners.revisions.noPhoto')
            )}
          </Detail>
          <Detail label={t('ui.runners.moderation.goal')}>
            {yen(r.goalYen)}
            {r.goalYen !== runner.goalYen && <Text size="sm">{t('ui.runners.moderation.goalNow', { goal: yen(runner.goalYen) })}</Text>}
          </Detail>
        </SimpleGrid>
        <Detail label={t('ui.runners.moderation.story')}>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{r.story}</Text>
        </Detail>
        {canWrite && (
          <Stack gap="xs">
            {rejecting && (
              <Textarea
                label={t('ui.runners.moderation.note')}
                description={t('ui.runners.moderation.noteHint')}
                withAsterisk
                autosize
                minRows={2}
                value={note}
                error={noteError}
                onChange={(e) => {
                  setNote(e.currentTarget.value);
                  setNoteError(null);
                }}
              />
            )}
            <Group gap="xs">
              {!rejecting && (
                <Button loading={review.isPending} onClick={() => review.mutate({ decision: 'approve' })} aria-label={`${t('ui.runners.moderation.approve')}: ${r.displayName}`}>
                  {t('ui.runners.moderation.approve')}
                </Button>
              )}
              {rejecting ? (
                <>
                  <Button color="red" loading={review.isPending} onClick={reject}>
                    {t('ui.runners.moderation.confirmReject')}
                  </Button>
                  <Button variant="default" onClick={() => setRejecting(false)}>
                    {t('ui.common.cancel')}
                  </Button>
                </>
              ) : (
                <Button variant="default" onClick={() => setRejecting(true)} aria-label={`${t('ui.runners.moderation.reject')}: ${r.displayName}`}>
                  {t('ui.runners.moderation.reject')}
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** /runners/moderation: runners' pages waiting for review, across events; nothing goes public before it is approved. */
export function ModerationPage() {
  const { t } = useTranslation();
  const moderation = useQuery(moderationQuery);
  const items = moderation.data?.items ?? [];
  return (
    <Stack maw={1000}>
      <PageTitle text={t('ui.runners.moderation.title')} />
      <Text>{t('ui.runners.moderation.intro')}</Text>
      <QueryStatus query={moderation} />
      {moderation.data && items.length === 0 && <Text c="dimmed">{t('ui.runners.moderation.none')}</Text>}
      {items.map((item) => (
        <ReviewCard key={item.revision.id} item={item} />
      ))}
    </Stack>
  );
}
