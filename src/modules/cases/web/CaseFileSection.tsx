import { Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../web/auth';
import { Detail } from '../../../web/components/Detail';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { showApiError, showSaved } from '../../../web/forms';
import { formatDate, formatDateTime, primaryName } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import type { PersonSummary } from '../../people/contract';
import { PersonSearch } from '../../people/web/PersonSearch';
import { deadlinesKey } from '../../deadlines/web/deadlines.queries';
import { CaseEventKind, Relationship, type CaseFile } from '../contract';
import { historyValue } from './case-labels';
import { CaseFileForm } from './CaseFileForm';
import {
  addHouseholdMember,
  caseEventsQuery,
  caseFileQuery,
  caseHistoryQuery,
  createCaseEvent,
  householdQuery,
  removeHouseholdLink,
  updateCaseEvent,
} from './cases.queries';

function Group2({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>{children}</SimpleGrid>
    </Stack>
  );
}

/** The current situation, grouped as a caseworker reads it. */
function CaseFileSummary({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const none = t('ui.cases.notSet');
  const code = (prefix: string, value: string | number | null) => (value === null ? none : t(`${prefix}${value}`));
  const date = (value: string | null) => (value ? formatDate(value, language) : none);
  return (
    <Stack>
      {file.version === 0 && <Text c="dimmed">{t('ui.cases.empty')}</Text>}
      <Group2 title={t('ui.cases.group.residence')}>
        <Detail label={t('fields.residenceStatus')}>{code('ui.cases.residenceStatus.', file.residenceStatus)}</Detail>
        <Detail label={t('fields.residenceCardNumber')}>{file.residenceCardNumber ?? none}</Detail>
        <Detail label={t('fields.residenceExpiresOn')}>{date(file.residenceExpiresOn)}</Detail>
        <Detail label={t('fields.workPermitted')}>{t(`ui.cases.workPermitted.${file.workPermitted === null ? 'unknown' : file.workPermitted ? 'yes' : 'no'}`)}</Detail>
      </Group2>
      <Group2 title={t('ui.cases.group.custody')}>
        <Detail label={t('fields.custody')}>{code('ui.cases.custody.', file.custody)}</Detail>
        {file.custody === 'supervision' && <Detail label={t('fields.supervisorName')}>{file.supervisorName ?? none}</Detail>}
      </Group2>
      <Group2 title={t('ui.cases.group.procedure')}>
        <Detail label={t('fields.procedureStage')}>{code('ui.cases.procedureStage.', file.procedureStage)}</Detail>
        <Detail label={t('fields.applicationCount')}>{code('ui.cases.applicationCount.', file.applicationCount)}</Detail>
        <Detail label={t('fields.sortingCategory')}>{file.sortingCategory ?? none}</Detail>
        <Detail label={t('fields.appliedOn')}>{date(file.appliedOn)}</Detail>
        <Detail label={t('fields.decisionNoticeReceivedOn')}>{date(file.decisionNoticeReceivedOn)}</Detail>
      </Group2>
      <Group2 title={t('ui.cases.group.allowance')}>
        <Detail label={t('fields.allowanceStatus')}>
          <Group gap="xs">
            <span>{code('ui.cases.allowanceStatus.', file.allowanceStatus)}</span>
            {file.allowanceDaysWaiting !== null && (
              <Badge color={file.allowanceDaysWaiting >= 90 ? 'red' : 'orange'} size="lg">
                {t('ui.cases.daysWaiting', { days: file.allowanceDaysWaiting })}
              </Badge>
            )}
          </Group>
        </Detail>
        <Detail label={t('fields.allowanceAppliedOn')}>{date(file.allowanceAppliedOn)}</Detail>
        <Detail label={t('fields.allowanceDecidedOn')}>{date(file.allowanceDecidedOn)}</Detail>
      </Group2>
      <Group2 title={t('ui.cases.group.insurance')}>
        <Detail label={t('fields.healthInsurance')}>{code('ui.cases.healthInsurance.', file.healthInsurance)}</Detail>
        <Detail label={t('fields.insuranceEligibleOn')}>{date(file.insuranceEligibleOn)}</Detail>
      </Group2>
      <Group2 title={t('ui.cases.group.vulnerabilities')}>
        <Group gap="xs">
          {file.vulnerabilities.length === 0 ? <Text>{none}</Text> : file.vulnerabilities.map((v) => <Badge key={v} variant="light">{t(`ui.cases.vulnerability.${v}`)}</Badge>)}
        </Group>
      </Group2>
      <Group2 title={t('ui.cases.group.contacts')}>
        <Detail label={t('fields.lineId')}>{file.lineId ?? none}</Detail>
        <Detail label={t('fields.email')}>{file.email ?? none}</Detail>
      </Group2>
      <Group2 title={t('ui.cases.group.whereabouts')}>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{file.whereabouts || none}</Text>
      </Group2>
      <Group2 title={t('ui.cases.group.assignment')}>
        <Text>{file.assignedToName ?? t('ui.cases.unassigned')}</Text>
      </Group2>
      {file.updatedAt && (
        <Text size="sm" c="dimmed">
          {t('ui.cases.lastUpdated', { when: formatDateTime(file.updatedAt, language), who: file.updatedByName ?? '—' })}
        </Text>
      )}
    </Stack>
  );
}

function CaseHistory({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const history = useQuery(caseHistoryQuery(personId));
  const items = history.data?.items ?? [];
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('ui.cases.history.title')}
      </Title>
      <QueryStatus query={history} />
      {history.data && items.length === 0 && <Text>{t('ui.cases.history.empty')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped aria-label={t('ui.cases.history.title')}>
            <TableHeader labels={[t('ui.cases.history.effectiveOn'), t('ui.cases.history.field'), t('ui.cases.history.from'), t('ui.cases.history.to'), t('ui.cases.history.recordedBy')]} />
            <Table.Tbody>
              {items.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{formatDate(h.effectiveOn, language)}</Table.Td>
                  <Table.Td>{t(`fields.${h.field}`, { defaultValue: h.field })}</Table.Td>
                  <Table.Td>{historyValue(t, language, h.field, h.oldValue, h.oldLabel)}</Table.Td>
                  <Table.Td>{historyValue(t, language, h.field, h.newValue, h.newLabel)}</Table.Td>
                  <Table.Td>
                    {h.recordedByName}
                    <Text size="xs" c="dimmed">
                      {formatDateTime(h.recordedAt, language)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function CaseEvents({ personId, canWrite }: { personId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const events = useQuery(caseEventsQuery(personId));
  const [kind, setKind] = useState<string | null>('reporting');
  const [occursOn, setOccursOn] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Reporting dates are deadlines too: they are computed again.
  const refresh = () =>
    Promise.all([client.invalidateQueries({ queryKey: caseEventsQuery(personId).queryKey }), client.invalidateQueries({ queryKey: deadlinesKey })]);
  const add = useMutation({
    mutationFn: () => createCaseEvent(personId, { kind: CaseEventKind.parse(kind), occursOn, note }),
    onSuccess: () => {
      setOccursOn('');
      setNote('');
      setErrors({});
      showSaved(t);
      void refresh();
    },
    onError: (error) => showApiError(error, t, setErrors),
  });
  const toggle = useMutation({
    mutationFn: ({ id, done }: { id: string; done: boolean }) => updateCaseEvent(id, { done }),
    onSuccess: () => void refresh(),
    onError: (error) => showApiError(error, t),
  });
  const items = events.data?.items ?? [];
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('ui.cases.events.title')}
      </Title>
      <QueryStatus query={events} />
      {events.data && items.length === 0 && <Text>{t('ui.cases.events.empty')}</Text>}
      {items.length > 0 && (
        <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((e) => (
            <Group key={e.id} component="li" justify="space-between" wrap="nowrap">
              <Stack gap={0}>
                <Group gap="xs">
                  <Text fw={700}>{formatDate(e.occursOn, language)}</Text>
                  <Text>{t(`ui.cases.events.kind.${e.kind}`)}</Text>
                  <Badge color={e.done ? 'teal.9' : 'gray.7'} variant="filled" autoContrast>
                    {e.done ? t('ui.cases.events.done') : t('ui.cases.events.open')}
                  </Badge>
                  {e.exceedsReportingInterval && (
                    <Badge color="orange" variant="filled">
                      {t('ui.cases.events.exceedsInterval')}
                    </Badge>
                  )}
                </Group>
                {e.note && <Text size="sm">{e.note}</Text>}
              </Stack>
              {canWrite && (
                <Button size="xs" variant="default" loading={toggle.isPending && toggle.variables.id === e.id} onClick={() => toggle.mutate({ id: e.id, done: !e.done })}>
                  {e.done ? t('ui.cases.events.markNotDone') : t('ui.cases.events.markDone')}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {canWrite && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate();
          }}
        >
          <Group align="flex-end">
            <Select
              label={t('ui.cases.events.kindLabel')}
              data={CaseEventKind.options.map((k) => ({ value: k, label: t(`ui.cases.events.kind.${k}`) }))}
              allowDeselect={false}
              value={kind}
              onChange={setKind}
              w={200}
              error={errors.kind}
            />
            <TextInput type="date" label={t('fields.occursOn')} value={occursOn} onChange={(e) => setOccursOn(e.currentTarget.value)} error={errors.occursOn} w={180} />
            <TextInput label={t('fields.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} style={{ flex: 1 }} />
            <Button type="submit" loading={add.isPending}>
              {t('ui.cases.events.add')}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

function HouseholdPanel({ personId, canWrite }: { personId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const household = useQuery(householdQuery(personId));
  const [member, setMember] = useState<PersonSummary | null>(null);
  const [relationship, setRelationship] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const refresh = (otherId?: string) => {
    void client.invalidateQueries({ queryKey: householdQuery(personId).queryKey });
    if (otherId) void client.invalidateQueries({ queryKey: householdQuery(otherId).queryKey });
  };
  const add = useMutation({
    mutationFn: () => addHouseholdMember(personId, { memberPersonId: member?.id ?? '', relationship: Relationship.parse(relationship) }),
    onSuccess: (saved) => {
      setMember(null);
      setRelationship(null);
      setErrors({});
      showSaved(t);
      refresh(saved.person.id);
    },
    onError: (error) => showApiError(error, t, setErrors),
  });
  const remove = useMutation({
    mutationFn: ({ linkId }: { linkId: string; otherId: string }) => removeHouseholdLink(linkId),
    onSuccess: (_, { otherId }) => refresh(otherId),
    onError: (error) => showApiError(error, t),
  });
  const items = household.data?.items ?? [];
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('ui.cases.household.title')}
      </Title>
      <QueryStatus query={household} />
      {household.data && items.length === 0 && <Text>{t('ui.cases.household.empty')}</Text>}
      {items.length > 0 && (
        <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((m) => (
            <Group key={m.linkId} component="li" justify="space-between">
              <Group gap="xs">
                <Anchor component={Link} to={`/people/${m.person.id}`} fw={700}>
                  {primaryName(m.person)}
                </Anchor>
                <Text size="sm">{m.person.fileNumber}</Text>
                <Badge variant="light">{t(`ui.cases.relationship.${m.relationship}`)}</Badge>
              </Group>
              {canWrite && (
                <Button size="xs" variant="default" color="red" onClick={() => remove.mutate({ linkId: m.linkId, otherId: m.person.id })}>
                  {t('ui.cases.household.remove')}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {canWrite && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <PersonSearch label={t('ui.cases.household.search')} onSelect={setMember} />
            {member && <Text role="status">{t('ui.cases.household.selected', { name: `${primaryName(member)} (${member.fileNumber})` })}</Text>}
            {errors.memberPersonId && <Text c="red" size="sm">{errors.memberPersonId}</Text>}
            <Group align="flex-end">
              <Select
                label={t('fields.relationship')}
                data={Relationship.options.map((r) => ({ value: r, label: t(`ui.cases.relationship.${r}`) }))}
                value={relationship}
                onChange={setRelationship}
                error={errors.relationship}
                w={200}
              />
              <Button disabled={!member || !relationship || member.id === personId} loading={add.isPending} onClick={() => add.mutate()}>
                {t('ui.cases.household.add')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

/**
 * The "Case file / ケースファイル" section of the person page (staff with cases.read): the current
 * situation, its edit form, the history, interviews and reporting dates, and the household.
 */
export function CaseFileSection({ personId, housing }: { personId: string; housing: string | null }) {
  const { t } = useTranslation();
  const canRead = useCan('cases.read');
  const canWrite = useCan('cases.write');
  const client = useQueryClient();
  // A housing change saved on the person form is part of the case history: reload it.
  const shownHousing = useRef(housing);
  useEffect(() => {
    if (shownHousing.current === housing) return;
    shownHousing.current = housing;
    void client.invalidateQueries({ queryKey: caseHistoryQuery(personId).queryKey });
  }, [client, housing, personId]);
  const file = useQuery({ ...caseFileQuery(personId), enabled: canRead });
  const [editing, setEditing] = useState(false);
  if (!canRead) return null;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`case-file-${personId}`}>
      <Stack>
        <Title order={2} size="h3" id={`case-file-${personId}`}>
          {t('ui.cases.title')}
        </Title>
        <QueryStatus query={file} />
        {file.data && !editing && (
          <>
            <CaseFileSummary file={file.data} />
            {canWrite && (
              <Group>
                <Button variant="default" onClick={() => setEditing(true)}>
                  {t('ui.cases.edit')}
                </Button>
              </Group>
            )}
          </>
        )}
        {file.data && editing && (
          <CaseFileForm
            key={file.data.version}
            caseFile={file.data}
            onSaved={(saved) => {
              client.setQueryData(caseFileQuery(personId).queryKey, saved);
              void client.invalidateQueries({ queryKey: caseHistoryQuery(personId).queryKey });
              // The deadlines are computed from the file's dates (review request, insurance, expiry).
              void client.invalidateQueries({ queryKey: deadlinesKey });
              showSaved(t);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
            onReload={() => void file.refetch()}
          />
        )}
        <CaseEvents personId={personId} canWrite={canWrite} />
        <HouseholdPanel personId={personId} canWrite={canWrite} />
        <CaseHistory personId={personId} />
      </Stack>
    </Paper>
  );
}
