import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCan } from '../../../web/auth';
import { Detail } from '../../../web/components/Detail';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { showApiError, showSaved } from '../../../web/forms';
import { formatDateTime } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import type { Partner } from '../contract';
import { AcceptsBadges } from './AcceptsBadges';
import { costLabel, kindLabel, languageNames, partnerArea, partnerNames, telHref } from './partners.labels';
import { partnerKey, partnerQuery, partnersKey, updatePartner } from './partners.queries';
import { PartnerForm } from './PartnerForm';

const or = (text: string, t: (key: string) => string): ReactNode => (text === '' ? t('ui.partners.notGiven') : text);
const multiline = { whiteSpace: 'pre-wrap' } as const;

/** 〒104-0061 東京都 中央区 銀座1-2-3. */
function addressText(p: Partner): string {
  const postal = p.postalCode.length === 7 ? `〒${p.postalCode.slice(0, 3)}-${p.postalCode.slice(3)}` : '';
  return [postal, partnerArea(p), p.addressLine].filter((s) => s !== '').join(' ');
}

function PartnerDetails({ partner: p }: { partner: Partner }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const yesNo = (value: boolean) => (value ? t('ui.common.yes') : t('ui.common.no'));
  return (
    <>
      <Paper withBorder p="md" component="section" aria-labelledby="partner-reach">
        <Stack>
          <Title order={2} size="h3" id="partner-reach">
            {t('ui.partners.form.reach')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <Detail label={t('ui.partners.field.phone')}>{p.phone === '' ? t('ui.partners.notGiven') : <Anchor href={telHref(p.phone)}>{p.phone}</Anchor>}</Detail>
            <Detail label={t('ui.partners.field.email')}>{p.email === '' ? t('ui.partners.notGiven') : <Anchor href={`mailto:${p.email}`}>{p.email}</Anchor>}</Detail>
            <Detail label={t('ui.partners.field.website')}>
              {p.website === '' ? t('ui.partners.notGiven') : <Anchor href={p.website} target="_blank" rel="noopener noreferrer">{p.website}</Anchor>}
            </Detail>
            <Detail label={t('ui.partners.field.address')}>
              <span lang="ja">{or(addressText(p), t)}</span>
            </Detail>
            <Detail label={t('ui.partners.field.nearestStation')}>{or(p.nearestStation, t)}</Detail>
            <Detail label={t('ui.partners.field.openingHours')}>
              <span style={multiline}>{or(p.openingHours, t)}</span>
            </Detail>
          </SimpleGrid>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="partner-access">
        <Stack>
          <Title order={2} size="h3" id="partner-access">
            {t('ui.partners.form.access')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <Detail label={t('ui.partners.field.languages')}>{p.languages.length === 0 ? t('ui.partners.notGiven') : languageNames(p.languages, language)}</Detail>
            <Detail label={t('ui.partners.field.cost')}>{costLabel(t, p.cost)}</Detail>
            <Detail label={t('ui.partners.field.costNotes')}>
              <span style={multiline}>{or(p.costNotes, t)}</span>
            </Detail>
            <Detail label={t('ui.partners.field.acceptsUninsured')}>{yesNo(p.acceptsUninsured)}</Detail>
            <Detail label={t('ui.partners.field.acceptsNoStatus')}>{yesNo(p.acceptsNoStatus)}</Detail>
          </SimpleGrid>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="partner-contact">
        <Stack>
          <Title order={2} size="h3" id="partner-contact">
            {t('ui.partners.form.contact')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <Detail label={t('ui.partners.field.contactName')}>{or(p.contactName, t)}</Detail>
            <Detail label={t('ui.partners.field.contactRole')}>{or(p.contactRole, t)}</Detail>
            <Detail label={t('ui.partners.field.contactPhone')}>
              {p.contactPhone === '' ? t('ui.partners.notGiven') : <Anchor href={telHref(p.contactPhone)}>{p.contactPhone}</Anchor>}
            </Detail>
            <Detail label={t('ui.partners.field.contactEmail')}>
              {p.contactEmail === '' ? t('ui.partners.notGiven') : <Anchor href={`mailto:${p.contactEmail}`}>{p.contactEmail}</Anchor>}
            </Detail>
          </SimpleGrid>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="partner-notes">
        <Stack>
          <Title order={2} size="h3" id="partner-notes">
            {t('ui.partners.field.notes')}
          </Title>
          <Text style={multiline}>{or(p.notes, t)}</Text>
          <Text size="sm">{t('ui.partners.updatedAt', { at: formatDateTime(p.updatedAt, language) })}</Text>
        </Stack>
      </Paper>
    </>
  );
}

/** /partners/:id: everything about one partner for a caseworker making a referral; managers change or archive it. */
export function PartnerPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const canManage = useCan('partners.manage');
  const partner = useQuery(partnerQuery(id));
  const [editing, setEditing] = useState(false);
  const archive = useMutation({
    mutationFn: ({ version, archived }: { version: number; archived: boolean }) => updatePartner(id, { version, archived }),
    onSuccess: (saved) => {
      client.setQueryData(partnerKey(saved.id), saved);
      void client.invalidateQueries({ queryKey: partnersKey });
      showSaved(t, saved.archivedAt === null ? t('ui.partners.page.unarchived') : t('ui.partners.page.archivedDone'));
    },
    onError: (error) => showApiError(error, t),
  });

  const p = partner.data;
  if (!p) {
    return (
      <Stack>
        <PageTitle text={t('ui.partners.page.title')} />
        <QueryStatus query={partner} />
        <Anchor component={Link} to="/partners">
          {t('ui.partners.page.back')}
        </Anchor>
      </Stack>
    );
  }
  const names = partnerNames(p, language);
  return (
    <Stack maw={1100}>
      <Anchor component={Link} to="/partners">
        {t('ui.partners.page.back')}
      </Anchor>
      <Stack gap={4}>
        <PageTitle text={names.primary} />
        <Group gap="sm" mt={-12}>
          {names.secondary !== '' && <Text>{names.secondary}</Text>}
          {p.nameKana !== '' && (
            <Text lang="ja" size="sm">
              {p.nameKana}
            </Text>
          )}
        </Group>
        <Group gap="sm">
          <Badge color="indigo.8" variant="filled" autoContrast>
            {kindLabel(t, p.kind)}
          </Badge>
          <AcceptsBadges partner={p} />
          {p.archivedAt !== null && (
            <Badge color="gray.7" variant="filled" autoContrast>
              {t('ui.partners.archived')}
            </Badge>
          )}
        </Group>
      </Stack>
      {canManage && !editing && (
        <Group>
          <Button onClick={() => setEditing(true)}>{t('ui.common.edit')}</Button>
          <Button variant="default" loading={archive.isPending} onClick={() => archive.mutate({ version: p.version, archived: p.archivedAt === null })}>
            {p.archivedAt === null ? t('ui.partners.page.archive') : t('ui.partners.page.unarchive')}
          </Button>
        </Group>
      )}
      {canManage && editing ? (
        <Paper withBorder p="md" component="section" aria-labelledby="partner-edit">
          <Stack>
            <Title order={2} size="h3" id="partner-edit">
              {t('ui.partners.page.editTitle')}
            </Title>
            <PartnerForm
              key={p.version}
              partner={p}
              onSaved={() => {
                showSaved(t);
                setEditing(false);
              }}
              onCancel={() => setEditing(false)}
            />
          </Stack>
        </Paper>
      ) : (
        <PartnerDetails partner={p} />
      )}
    </Stack>
  );
}

/** /partners/new: add a partner; its page opens once saved (with prefecture and city from the 〒). */
export function PartnerNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Stack maw={1100}>
      <Anchor component={Link} to="/partners">
        {t('ui.partners.page.back')}
      </Anchor>
      <PageTitle text={t('ui.partners.page.newTitle')} />
      <PartnerForm
        cancelTo="/partners"
        onSaved={(saved) => {
          showSaved(t, t('ui.partners.page.added'));
          void navigate(`/partners/${saved.id}`);
        }}
      />
    </Stack>
  );
}
