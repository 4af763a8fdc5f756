import { Anchor, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateCandidate } from '../contract';
import { duplicateReasonLabel } from './fundraising.labels';

/**
 * Existing supporters who may be the one being entered, beside the form: strong matches first and
 * highlighted (a red border and the word "Strong match", never the colour alone), each with why it
 * matched and a link to that supporter.
 */
export function DuplicateMatches({ candidates, isChecking }: { candidates: DuplicateCandidate[]; isChecking: boolean }) {
  const { t } = useTranslation();
  const strong = candidates.filter((c) => c.level === 'strong');
  return (
    <Stack gap="sm" role="region" aria-label={t('ui.fundraising.duplicates.title')} aria-busy={isChecking}>
      <Title order={2} size="h4">
        {t('ui.fundraising.duplicates.title')}
      </Title>
      {candidates.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('ui.fundraising.duplicates.none')}
        </Text>
      ) : (
        <Text size="sm" role="status">
          {strong.length > 0 ? t('ui.fundraising.duplicates.strongIntro', { count: strong.length }) : t('ui.fundraising.duplicates.possibleIntro')}
        </Text>
      )}
      {candidates.map((c) => {
        const isStrong = c.level === 'strong';
        const place = [c.supporter.prefecture, c.supporter.city].filter((s) => s !== '').join(' ');
        return (
          <Paper
            key={c.supporter.id}
            withBorder
            p="sm"
            bg={isStrong ? 'red.0' : undefined}
            style={isStrong ? { borderColor: 'var(--mantine-color-red-9)', borderWidth: 2 } : undefined}
            data-level={c.level}
          >
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Anchor component={Link} to={`/fundraising/supporters/${c.supporter.id}`} fw={700}>
                  {t('ui.fundraising.duplicates.open', { number: c.supporter.supporterNumber, name: c.supporter.displayName })}
                </Anchor>
                <Badge color={isStrong ? 'red.9' : 'gray.7'} variant="filled" autoContrast>
                  {isStrong ? t('ui.fundraising.duplicates.strong') : t('ui.fundraising.duplicates.possible')}
                </Badge>
              </Group>
              {c.supporter.reading !== '' && (
                <Text size="sm" lang="ja">
                  {c.supporter.reading}
                </Text>
              )}
              {(place !== '' || c.supporter.email) && <Text size="sm">{[place, c.supporter.email].filter(Boolean).join(' · ')}</Text>}
              <Text size="sm" fw={600}>
                {t('ui.fundraising.duplicates.why')}
              </Text>
              <List size="sm" spacing={0}>
                {c.reasons.map((reason) => (
                  <List.Item key={reason}>{duplicateReasonLabel(t, reason)}</List.Item>
                ))}
              </List>
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
