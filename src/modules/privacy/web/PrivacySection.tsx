import { Badge, Button, Group, Modal, Paper, Radio, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../../shared/codes';
import { tokyoDate } from '../../../shared/time';
import { useCan } from '../../../web/auth';
import { FormActions } from '../../../web/components/FormActions';
import { InterpreterLanguageSelect } from '../../../web/components/InterpreterLanguageSelect';
import { OptionCheckboxes } from '../../../web/components/OptionCheckboxes';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { orNull, showApiError, showSaved, zodValidate } from '../../../web/forms';
import { formatDate } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { useCountryOptions } from '../../../web/options';
import {
  ConsentMethod, ConsentPurpose, CreateConsentInput, CreateDisclosureInput, DataCategory, PutSensitiveInput, RecipientKind,
  WithdrawConsentInput, type Consent,
} from '../contract';
import {
  consentsQuery, createConsent, createDisclosure, disclosuresQuery, exportUrl, privacyKey, putSensitive, sensitiveQuery, withdrawConsent,
} from './privacy.queries';

/** After a write: consents, sharing log and sensitive fields are read again. */
function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: privacyKey });
}

interface ConsentValues {
  purpose: string;
  recipientName: string;
  country: string | null;
  serviceName: string;
  scope: string;
  consentedOn: string;
  method: string;
  interpreterLanguage: string | null;
}

function ConsentForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  const refresh = useRefresh();
  const toInput = (v: ConsentValues) => ({
    purpose: v.purpose,
    recipientName: v.purpose === 'sharing' ? orNull(v.recipientName) : null,
    country: v.purpose === 'transfer_abroad' ? v.country : null,
    serviceName: v.purpose === 'transfer_abroad' ? orNull(v.serviceName) : null,
    scope: v.scope,
    consentedOn: v.consentedOn,
    method: v.method,
    interpreterLanguage: v.method === 'verbal_interpreted' ? v.interpreterLanguage : null,
  });
  const form = useForm<ConsentValues>({
    mode: 'controlled',
    initialValues: { purpose: 'sharing', recipientName: '', country: null, serviceName: '', scope: '', consentedOn: tokyoDate(), method: 'written', interpreterLanguage: null },
    validate: zodValidate(CreateConsentInput, toInput, t),
  });
  const mutation = useMutation({
    mutationFn: (v: ConsentValues) => createConsent(personId, CreateConsentInput.parse(toInput(v))),
    onSuccess: async () => {
      showSaved(t);
      await refresh();
      onDone();
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  const { purpose, method } = form.getValues();
  return (
    <form noValidate aria-label={t('ui.privacy.addConsent')} onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('fields.purpose')} allowDeselect={false} data={ConsentPurpose.options.map((p) => ({ value: p, label: t(`ui.privacy.purpose.${p}`) }))} {...form.getInputProps('purpose')} />
          {purpose === 'sharing' && <TextInput label={t('fields.recipientName')} withAsterisk {...form.getInputProps('recipientName')} />}
          {purpose === 'transfer_abroad' && <Select label={t('fields.country')} data={countries} searchable withAsterisk {...form.getInputProps('country')} />}
          {purpose === 'transfer_abroad' && <TextInput label={t('fields.serviceName')} withAsterisk {...form.getInputProps('serviceName')} />}
          <TextInput type="date" label={t('fields.consentedOn')} withAsterisk {...form.getInputProps('consentedOn')} />
          <Select label={t('fields.method')} allowDeselect={false} data={ConsentMethod.options.map((m) => ({ value: m, label: t(`ui.privacy.method.${m}`) }))} {...form.getInputProps('method')} />
          {method === 'verbal_interpreted' && <InterpreterLanguageSelect withAsterisk {...form.getInputProps('interpreterLanguage')} />}
        </SimpleGrid>
        <Textarea label={t('fields.scope')} autosize minRows={2} {...form.getInputProps('scope')} />
        <FormActions submitLabel={t('ui.privacy.addConsent')} loading={mutation.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function WithdrawModal({ consent, onClose }: { consent: Consent | null; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const form = useForm<{ withdrawnOn: string }>({
    mode: 'controlled',
    initialValues: { withdrawnOn: tokyoDate() },
    validate: zodValidate(WithdrawConsentInput, (v: { withdrawnOn: string }) => v, t),
  });
  const mutation = useMutation({
    mutationFn: (v: { withdrawnOn: string }) => withdrawConsent(consent?.id ?? '', v.withdrawnOn),
    onSuccess: async () => {
      showSaved(t);
      await refresh();
      onClose();
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  return (
    <Modal opened={consent !== null} onClose={onClose} title={t('ui.privacy.withdrawTitle')} closeButtonProps={{ 'aria-label': t('ui.common.close') }}>
      <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
        <Stack>
          <TextInput type="date" label={t('fields.withdrawnOn')} withAsterisk {...form.getInputProps('withdrawnOn')} />
          <FormActions submitLabel={t('ui.privacy.withdraw')} loading={mutation.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

function consentTarget(c: Consent, language: 'ja' | 'en'): string {
  if (c.purpose === 'sharing') return c.recipientName ?? '';
  if (c.purpose === 'transfer_abroad') return `${c.serviceName ?? ''} (${c.country ? displayName('region', c.country, language) : ''})`;
  return '';
}

function ConsentsPanel({ personId, canWrite }: { personId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const consents = useQuery(consentsQuery(personId));
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const items = consents.data?.items ?? [];
  const status = (c: Consent) => (c.withdrawnOn ? 'withdrawn' : c.isActive ? 'active' : 'notYetValid');
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('ui.privacy.consents')}
      </Title>
      <QueryStatus query={consents} />
      {consents.data && items.length === 0 && <Text c="dimmed">{t('ui.privacy.noConsents')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <TableHeader labels={[t('fields.purpose'), t('ui.privacy.export.recipient'), t('fields.consentedOn'), t('fields.method'), t('ui.privacy.export.recordedBy'), t('fields.withdrawnOn'), '']} />
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    {t(`ui.privacy.purpose.${c.purpose}`)}{' '}
                    <Badge color={status(c) === 'active' ? 'teal.9' : 'gray.7'} variant="filled" autoContrast>
                      {t(`ui.privacy.${status(c)}`)}
                    </Badge>
                    {c.scope && (
                      <Text size="sm" c="dimmed">
                        {c.scope}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{consentTarget(c, language)}</Table.Td>
                  <Table.Td>{formatDate(c.consentedOn, language)}</Table.Td>
                  <Table.Td>
                    {t(`ui.privacy.method.${c.method}`)}
                    {c.interpreterLanguage ? ` (${displayName('language', c.interpreterLanguage, language)})` : ''}
                  </Table.Td>
                  <Table.Td>{c.recordedByName}</Table.Td>
                  <Table.Td>{c.withdrawnOn ? t('ui.privacy.withdrawnBy', { date: formatDate(c.withdrawnOn, language), name: c.withdrawalRecordedByName ?? '' }) : ''}</Table.Td>
                  <Table.Td>
                    {canWrite && !c.withdrawnOn && (
                      <Button size="xs" variant="default" onClick={() => setWithdrawing(c)} aria-label={`${t('ui.privacy.withdraw')}: ${t(`ui.privacy.purpose.${c.purpose}`)} ${consentTarget(c, language)}`}>
                        {t('ui.privacy.withdraw')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canWrite && (adding ? <ConsentForm personId={personId} onDone={() => setAdding(false)} /> : (
        <Group>
          <Button variant="outline" onClick={() => setAdding(true)}>
            {t('ui.privacy.addConsent')}
          </Button>
        </Group>
      ))}
      <WithdrawModal key={withdrawing?.id ?? 'none'} consent={withdrawing} onClose={() => setWithdrawing(null)} />
    </Stack>
  );
}

interface DisclosureValues {
  recipientName: string;
  recipientKind: string | null;
  dataCategories: string[];
  note: string;
  disclosedOn: string;
  basis: 'consent' | 'legal';
  consentId: string | null;
  legalGround: string;
}

function DisclosureForm({ personId, consents, onDone }: { personId: string; consents: Consent[]; onDone: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const refresh = useRefresh();
  const usable = consents.filter((c) => c.isActive && c.purpose !== 'sensitive_data');
  const toInput = (v: DisclosureValues) => ({
    recipientName: v.recipientName,
    recipientKind: v.recipientKind,
    dataCategories: v.dataCategories,
    note: v.note,
    disclosedOn: v.disclosedOn,
    consentId: v.basis === 'consent' ? v.consentId : null,
    legalGround: v.basis === 'legal' ? orNull(v.legalGround) : null,
  });
  const form = useForm<DisclosureValues>({
    mode: 'controlled',
    initialValues: { recipientName: '', recipientKind: null, dataCategories: [], note: '', disclosedOn: tokyoDate(), basis: usable.length > 0 ? 'consent' : 'legal', consentId: null, legalGround: '' },
    validate: zodValidate(CreateDisclosureInput, toInput, t),
  });
  const mutation = useMutation({
    mutationFn: (v: DisclosureValues) => createDisclosure(personId, CreateDisclosureInput.parse(toInput(v))),
    onSuccess: async () => {
      showSaved(t);
      await refresh();
      onDone();
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  const { basis } = form.getValues();
  return (
    <form noValidate aria-label={t('ui.privacy.addDisclosure')} onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('fields.recipientName')} withAsterisk {...form.getInputProps('recipientName')} />
          <Select label={t('fields.recipientKind')} withAsterisk data={RecipientKind.options.map((k) => ({ value: k, label: t(`ui.privacy.recipientKind.${k}`) }))} {...form.getInputProps('recipientKind')} />
          <TextInput type="date" label={t('fields.disclosedOn')} withAsterisk {...form.getInputProps('disclosedOn')} />
        </SimpleGrid>
        <OptionCheckboxes label={t('fields.dataCategories')} withAsterisk options={DataCategory.options} labelOf={(c) => t(`ui.privacy.dataCategory.${c}`)} {...form.getInputProps('dataCategories')} />
        <Textarea label={t('fields.note')} autosize minRows={2} {...form.getInputProps('note')} />
        <Radio.Group label={t('ui.privacy.basis')} {...form.getInputProps('basis')}>
          <Group mt={6}>
            <Radio value="consent" label={t('ui.privacy.basisConsent')} disabled={usable.length === 0} />
            <Radio value="legal" label={t('ui.privacy.basisLegal')} />
          </Group>
        </Radio.Group>
        {usable.length === 0 && <Text size="sm" c="dimmed">{t('ui.privacy.noActiveConsent')}</Text>}
        {basis === 'consent' ? (
          <Select
            label={t('fields.consentId')}
            withAsterisk
            data={usable.map((c) => ({ value: c.id, label: `${t(`ui.privacy.purpose.${c.purpose}`)}: ${consentTarget(c, language)} (${formatDate(c.consentedOn, language)})` }))}
            {...form.getInputProps('consentId')}
          />
        ) : (
          <TextInput label={t('fields.legalGround')} withAsterisk {...form.getInputProps('legalGround')} />
        )}
        <FormActions submitLabel={t('ui.privacy.addDisclosure')} loading={mutation.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function DisclosuresPanel({ personId, canWrite }: { personId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const disclosures = useQuery(disclosuresQuery(personId));
  const consents = useQuery(consentsQuery(personId));
  const [adding, setAdding] = useState(false);
  const items = disclosures.data?.items ?? [];
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('ui.privacy.disclosures')}
      </Title>
      <QueryStatus query={disclosures} />
      {disclosures.data && items.length === 0 && <Text c="dimmed">{t('ui.privacy.noDisclosures')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <TableHeader labels={[t('fields.disclosedOn'), t('fields.recipientName'), t('fields.dataCategories'), t('ui.privacy.basis'), t('ui.privacy.export.recordedBy')]} />
            <Table.Tbody>
              {items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{formatDate(d.disclosedOn, language)}</Table.Td>
                  <Table.Td>
                    {d.recipientName} ({t(`ui.privacy.recipientKind.${d.recipientKind}`)})
                  </Table.Td>
                  <Table.Td>
                    {d.dataCategories.map((c) => t(`ui.privacy.dataCategory.${c}`)).join(', ')}
                    {d.note && (
                      <Text size="sm" c="dimmed">
                        {d.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{d.consentId ? t('ui.privacy.basisConsent') : `${t('ui.privacy.basisLegal')}: ${d.legalGround ?? ''}`}</Table.Td>
                  <Table.Td>{d.recordedByName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canWrite && consents.data && (adding ? <DisclosureForm personId={personId} consents={consents.data.items} onDone={() => setAdding(false)} /> : (
        <Group>
          <Button variant="outline" onClick={() => setAdding(true)}>
            {t('ui.privacy.addDisclosure')}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

interface SensitiveValues {
  persecutionGrounds: string;
  healthDetails: string;
}

function SensitivePanel({ personId, canWrite }: { personId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const sensitive = useQuery(sensitiveQuery(personId));
  const [editing, setEditing] = useState(false);
  const version = sensitive.data?.version ?? 0;
  const toInput = (v: SensitiveValues) => ({ ...v, version });
  const form = useForm<SensitiveValues>({
    mode: 'controlled',
    initialValues: { persecutionGrounds: sensitive.data?.persecutionGrounds ?? '', healthDetails: sensitive.data?.healthDetails ?? '' },
    validate: zodValidate(PutSensitiveInput, toInput, t),
  });
  const mutation = useMutation({
    mutationFn: (v: SensitiveValues) => putSensitive(personId, PutSensitiveInput.parse(toInput(v))),
    onSuccess: (saved) => {
      client.setQueryData(sensitiveQuery(personId).queryKey, saved);
      showSaved(t);
      setEditing(false);
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  const data = sensitive.data;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('ui.privacy.sensitive')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('ui.privacy.sensitiveHint')}
      </Text>
      <QueryStatus query={sensitive} />
      {data && !editing && (
        <>
          {!data.persecutionGrounds && !data.healthDetails ? (
            <Text c="dimmed">{t('ui.privacy.noSensitive')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <div>
                <Text size="sm" fw={700}>{t('fields.persecutionGrounds')}</Text>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{data.persecutionGrounds ?? t('ui.common.none')}</Text>
              </div>
              <div>
                <Text size="sm" fw={700}>{t('fields.healthDetails')}</Text>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{data.healthDetails ?? t('ui.common.none')}</Text>
              </div>
            </SimpleGrid>
          )}
          {canWrite && (
            <Group>
              <Button
                variant="default"
                onClick={() => {
                  form.setValues({ persecutionGrounds: data.persecutionGrounds ?? '', healthDetails: data.healthDetails ?? '' });
                  setEditing(true);
                }}
              >
                {t('ui.privacy.editSensitive')}
              </Button>
            </Group>
          )}
        </>
      )}
      {editing && (
        <form noValidate aria-label={t('ui.privacy.editSensitive')} onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
          <Stack>
            <Textarea label={t('fields.persecutionGrounds')} autosize minRows={3} {...form.getInputProps('persecutionGrounds')} />
            <Textarea label={t('fields.healthDetails')} autosize minRows={3} {...form.getInputProps('healthDetails')} />
            <FormActions submitLabel={t('ui.common.save')} loading={mutation.isPending} onCancel={() => setEditing(false)} />
          </Stack>
        </form>
      )}
    </Stack>
  );
}

/** "Consent and sharing / 同意と提供記録" on the person page: consents, sharing log, sensitive fields, the person's own copy. */
export function PrivacySection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const canRead = useCan('privacy.read');
  const canWrite = useCan('privacy.write');
  const canReadSensitive = useCan('sensitive.read');
  const canExport = useCan('people.export');
  if (!canRead && !canReadSensitive && !canExport) return null;
  const titleId = `privacy-${personId}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack>
        <Title order={2} size="h3" id={titleId}>
          {t('ui.privacy.title')}
        </Title>
        {canRead && <ConsentsPanel personId={personId} canWrite={canWrite} />}
        {canRead && <DisclosuresPanel personId={personId} canWrite={canWrite} />}
        {canReadSensitive && <SensitivePanel personId={personId} canWrite={canWrite} />}
        {canExport && (
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t('ui.privacy.download')}
            </Title>
            <Group>
              <Button component="a" variant="default" href={exportUrl(personId, 'json')} download>
                {t('ui.privacy.downloadJson')}
              </Button>
              <Button component="a" variant="default" href={exportUrl(personId, 'pdf')} download>
                {t('ui.privacy.downloadPdf')}
              </Button>
              <Button component="a" variant="default" href={exportUrl(personId, 'html')} download>
                {t('ui.privacy.downloadDocument')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
