import { Badge, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../../shared/codes';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { formatDate, formatDateTime, formatYen } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import type { Assistance } from '../../assistance/contract';
import type { Consultation } from '../../consultations/contract';
import type { TimelineEntry } from '../contract';
import { timelineQuery } from './timeline.queries';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Text span fw={700} size="sm">
        {label}
      </Text>
      <Text span size="sm">
        {': '}
      </Text>
      <Text span size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </Box>
  );
}

function VisitBody({ visit }: { visit: Extract<TimelineEntry, { type: 'visit' }>['visit'] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <>
      <Field label={t('ui.queue.ticket')}>{visit.ticketNumber}</Field>
      <Field label={t('fields.status')}>{t(`ui.visitStatus.${visit.status}`)}</Field>
      {visit.reason && <Field label={t('fields.reason')}>{visit.reason}</Field>}
      {visit.interpreterLanguage && <Field label={t('fields.interpreterLanguage')}>{displayName('language', visit.interpreterLanguage, language)}</Field>}
      {visit.priority !== 'normal' && <Field label={t('fields.priority')}>{t(`ui.priority.${visit.priority}`)}</Field>}
      {visit.handledByName && <Field label={t('ui.timeline.staff')}>{visit.handledByName}</Field>}
    </>
  );
}

function ConsultationBody({ consultation: c }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const hidden = t('ui.timeline.notVisible');
  return (
    <>
      <Field label={t('fields.mode')}>{t(`ui.consultationMode.${c.mode}`)}</Field>
      {c.topics && c.topics.length > 0 && (
        <Group gap={4}>
          <Text fw={700} size="sm">
            {t('fields.topics')}:
          </Text>
          {c.topics.map((topic) => (
            <Badge key={topic} color="gray.2" autoContrast variant="filled">
              {t(`ui.topic.${topic}`)}
            </Badge>
          ))}
        </Group>
      )}
      <Field label={t('fields.interpreterLanguage')}>
        {c.interpreterLanguage ? displayName('language', c.interpreterLanguage, language) : t('ui.common.none')}
      </Field>
      <Field label={t('fields.note')}>{c.note ?? hidden}</Field>
      <Field label={t('fields.needs')}>{c.needs ?? hidden}</Field>
      <Field label={t('fields.actions')}>{c.actions ?? hidden}</Field>
      {c.followUpOn && <Field label={t('fields.followUpOn')}>{formatDate(c.followUpOn, language)}</Field>}
      <Field label={t('ui.timeline.staff')}>{c.staffName}</Field>
    </>
  );
}

function AssistanceBody({ assistance: a }: { assistance: Assistance }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <>
      <Field label={t('fields.itemCode')}>{language === 'ja' ? a.itemNameJa : a.itemNameEn}</Field>
      <Field label={t('fields.quantity')}>{a.quantity}</Field>
      {a.amountYen !== null && <Field label={t('fields.amountYen')}>{formatYen(a.amountYen, language)}</Field>}
      <Field label={t('fields.givenOn')}>{formatDate(a.givenOn, language)}</Field>
      <Field label={t('ui.timeline.givenBy')}>{a.givenByName}</Field>
      {a.note && <Field label={t('fields.note')}>{a.note}</Field>}
    </>
  );
}

const typeColor = { visit: 'blue.9', consultation: 'teal.9', assistance: 'grape.9' } as const;

function Entry({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Paper component="li" withBorder p="md" data-entry-type={entry.type}>
      <Group justify="space-between" mb="xs">
        <Badge color={typeColor[entry.type]} variant="filled" autoContrast>
          {t(`ui.timeline.type.${entry.type}`)}
        </Badge>
        <Text size="sm" fw={600}>
          <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
        </Text>
      </Group>
      <Stack gap={4}>
        {entry.type === 'visit' && <VisitBody visit={entry.visit} />}
        {entry.type === 'consultation' && <ConsultationBody consultation={entry.consultation} />}
        {entry.type === 'assistance' && <AssistanceBody assistance={entry.assistance} />}
      </Stack>
    </Paper>
  );
}

/** One timeline of everything that happened with a person, newest first. */
export function TimelineList({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const timeline = useQuery(timelineQuery(personId));
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('ui.timeline.title')}
      </Title>
      <QueryStatus query={timeline} />
      {timeline.data && timeline.data.items.length === 0 && <Text>{t('ui.timeline.empty')}</Text>}
      {timeline.data && timeline.data.items.length > 0 && (
        <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('ui.timeline.title')}>
          {timeline.data.items.map((entry) => (
            <Entry key={`${entry.type}-${entry.type === 'visit' ? entry.visit.id : entry.type === 'consultation' ? entry.consultation.id : entry.assistance.id}`} entry={entry} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
