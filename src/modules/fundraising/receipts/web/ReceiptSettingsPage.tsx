import { Alert, Button, FileInput, Group, Image, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../web/api';
import { PageTitle } from '../../../../web/components/PageTitle';
import { QueryStatus } from '../../../../web/components/QueryStatus';
import { formatDateTime } from '../../../../web/format';
import { showApiError, showSaved, zodValidate } from '../../../../web/forms';
import { currentLanguage } from '../../../../web/i18n';
import { formatPostalCode, MAX_SEAL_BYTES, UpdateReceiptSettingsInput, type ReceiptSettings } from '../contract';
import { receiptsKey, receiptSettingsQuery, saveReceiptSettings, sealImageUrl, type UpdateReceiptSettingsBody } from './receipts.queries';

const textFields = [
  'legalNameJa', 'legalNameEn', 'postalCode', 'addressJa', 'addressEn', 'representativeTitleJa', 'representativeTitleEn', 'representativeNameJa',
  'representativeNameEn', 'certificationNumber', 'certificationDate', 'authorityJa', 'authorityEn', 'statementJa', 'statementEn',
] as const;
type TextField = (typeof textFields)[number];
type Values = Record<TextField, string> & { receiptThresholdYen: number | string };

/** The seal as the form holds it: the saved one kept, a new image chosen, or taken off. */
type Seal = { mode: 'keep' } | { mode: 'new'; dataUrl: string; fileName: string } | { mode: 'remove' };

const sealTypes = ['image/png', 'image/jpeg'];

function initialValues(s: ReceiptSettings): Values {
  return {
    ...Object.fromEntries(textFields.map((f) => [f, f === 'certificationDate' ? (s.certificationDate ?? '') : s[f]])) as Record<TextField, string>,
    postalCode: formatPostalCode(s.postalCode || null).replace('〒', ''),
    receiptThresholdYen: s.receiptThresholdYen,
  };
}

function toInput(v: Values, version: number, seal: Seal): UpdateReceiptSettingsBody {
  const body: UpdateReceiptSettingsBody = {
    ...Object.fromEntries(textFields.map((f) => [f, v[f]])) as Record<TextField, string>,
    receiptThresholdYen: v.receiptThresholdYen === '' ? undefined : Number(v.receiptThresholdYen),
    version,
  };
  // The certification date is a date or nothing: an empty field is "required", not "wrong format".
  if (v.certificationDate === '') delete (body as Partial<UpdateReceiptSettingsBody>).certificationDate;
  if (seal.mode === 'new') body.sealImage = seal.dataUrl.replace(/^data:[^,]*,/, '');
  if (seal.mode === 'remove') body.sealImage = null;
  return body;
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function SealField({ settings, seal, onChange }: { settings: ReceiptSettings; seal: Seal; onChange: (seal: Seal) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function choose(chosen: File | null) {
    setFile(chosen);
    setError(null);
    if (!chosen) {
      onChange({ mode: 'keep' });
      return;
    }
    // Checked here before anything is sent; the server checks the bytes again.
    if (!sealTypes.includes(chosen.type)) {
      setError(t('validation.receipt_seal_image'));
      return;
    }
    if (chosen.size > MAX_SEAL_BYTES) {
      setError(t('validation.receipt_seal_too_large', { maximum: MAX_SEAL_BYTES }));
      return;
    }
    onChange({ mode: 'new', dataUrl: await readAsDataUrl(chosen), fileName: chosen.name });
  }

  const preview = seal.mode === 'new' ? seal.dataUrl : seal.mode === 'keep' && settings.hasSealImage ? sealImageUrl(settings.version) : null;
  return (
    <Stack gap="xs">
      <FileInput
        label={t('fields.receipts.sealImage')}
        description={t('ui.receipts.settings.sealHint', { maxKb: Math.floor(MAX_SEAL_BYTES / 1024) })}
        placeholder={t('ui.receipts.settings.sealPlaceholder')}
        accept={sealTypes.join(',')}
        clearable
        value={file}
        error={error}
        onChange={(f) => void choose(f)}
        maw={420}
      />
      {preview ? (
        <Group align="center">
          <Image src={preview} alt={t(seal.mode === 'new' ? 'ui.receipts.settings.sealNewAlt' : 'ui.receipts.settings.sealCurrentAlt')} w={96} h={96} fit="contain" />
          {seal.mode === 'new' && <Text size="sm">{t('ui.receipts.settings.sealNewNote', { name: seal.fileName })}</Text>}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {seal.mode === 'remove' ? t('ui.receipts.settings.sealRemoveNote') : t('ui.receipts.settings.sealNone')}
        </Text>
      )}
      <Group>
        {settings.hasSealImage && seal.mode === 'keep' && (
          <Button variant="default" color="red" onClick={() => onChange({ mode: 'remove' })}>
            {t('ui.receipts.settings.sealRemove')}
          </Button>
        )}
        {seal.mode !== 'keep' && (
          <Button
            variant="default"
            onClick={() => {
              setFile(null);
              setError(null);
              onChange({ mode: 'keep' });
            }}
          >
            {t('ui.receipts.settings.sealUndo')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function SettingsForm({ settings }: { settings: ReceiptSettings }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const [seal, setSeal] = useState<Seal>({ mode: 'keep' });
  const [conflict, setConflict] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initialValues(settings),
    validate: zodValidate(UpdateReceiptSettingsInput, (v: Values) => toInput(v, settings.version, seal), t),
  });
  const save = useMutation({
    mutationFn: (v: Values) => saveReceiptSettings(toInput(v, settings.version, seal)),
    onSuccess: (saved) => {
      client.setQueryData(receiptSettingsQuery.queryKey, saved);
      void client.invalidateQueries({ queryKey: receiptsKey });
      showSaved(t);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'receipt.settings_version_conflict') setConflict(error.message);
      else showApiError(error, t, form.setErrors);
    },
  });
  const text = (field: TextField, extra: { description?: string; placeholder?: string; required?: boolean } = {}) => (
    <TextInput label={t(`fields.receipts.${field}`)} withAsterisk={extra.required} description={extra.description} placeholder={extra.placeholder} {...form.getInputProps(field)} />
  );

  return (
    <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v))} aria-label={t('ui.receipts.settings.title')}>
      <Stack>
        {!settings.isConfigured && (
          <Alert color="yellow" title={t('ui.receipts.settings.notConfiguredTitle')}>
            {t('ui.receipts.settings.notConfigured')}
          </Alert>
        )}
        {settings.updatedAt && (
          <Text size="sm">{t('ui.receipts.settings.lastSaved', { at: formatDateTime(settings.updatedAt, language), name: settings.updatedByName ?? '—' })}</Text>
        )}
        {conflict && (
          <Alert color="red" title={t('ui.receipts.settings.conflictTitle')} role="alert">
            <Stack gap="xs">
              <Text size="sm">{conflict}</Text>
              <Group>
                <Button variant="light" color="red" onClick={() => void client.invalidateQueries({ queryKey: receiptSettingsQuery.queryKey })}>
                  {t('ui.receipts.settings.reload')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}

        <Paper withBorder p="md">
          <Stack>
            <Title order={2} size="h3">{t('ui.receipts.settings.organisation')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {text('legalNameJa', { required: true, placeholder: t('ui.receipts.settings.legalNameJaExample') })}
              {text('legalNameEn')}
            </SimpleGrid>
            <TextInput
              label={t('fields.receipts.postalCode')}
              withAsterisk
              description={t('ui.receipts.settings.postalCodeHint')}
              maw={220}
              {...form.getInputProps('postalCode')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {text('addressJa', { required: true })}
              {text('addressEn')}
            </SimpleGrid>
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack>
            <Title order={2} size="h3">{t('ui.receipts.settings.representative')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {text('representativeTitleJa', { required: true, placeholder: t('ui.receipts.settings.representativeTitleExample') })}
              {text('representativeTitleEn')}
              {text('representativeNameJa', { required: true })}
              {text('representativeNameEn')}
            </SimpleGrid>
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack>
            <Title order={2} size="h3">{t('ui.receipts.settings.certification')}</Title>
            <Text size="sm">{t('ui.receipts.settings.certificationHint')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {text('certificationNumber', { required: true, placeholder: t('ui.receipts.settings.certificationNumberExample') })}
              <TextInput type="date" label={t('fields.receipts.certificationDate')} withAsterisk {...form.getInputProps('certificationDate')} />
              {text('authorityJa', { required: true, description: t('ui.receipts.settings.authorityHint') })}
              {text('authorityEn')}
            </SimpleGrid>
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack>
            <Title order={2} size="h3">{t('ui.receipts.settings.statement')}</Title>
            <Textarea label={t('fields.receipts.statementJa')} withAsterisk autosize minRows={2} {...form.getInputProps('statementJa')} />
            <Textarea label={t('fields.receipts.statementEn')} withAsterisk autosize minRows={2} {...form.getInputProps('statementEn')} />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack>
            <Title order={2} size="h3">{t('ui.receipts.settings.thresholdTitle')}</Title>
            <NumberInput
              label={t('fields.receipts.receiptThresholdYen')}
              description={t('ui.receipts.settings.thresholdHint')}
              prefix="¥"
              thousandSeparator=","
              allowDecimal={false}
              allowNegative={false}
              min={0}
              maw={240}
              {...form.getInputProps('receiptThresholdYen')}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="md">
          <Stack>
            <Title order={2} size="h3">{t('ui.receipts.settings.seal')}</Title>
            <SealField settings={settings} seal={seal} onChange={setSeal} />
          </Stack>
        </Paper>

        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('ui.receipts.settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** /fundraising/receipts/settings: what every receipt states about the organisation, and the seal it prints. */
export function ReceiptSettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery(receiptSettingsQuery);
  return (
    <Stack maw={960}>
      <PageTitle text={t('ui.receipts.settings.title')} />
      <QueryStatus query={settings} />
      {/* A new version (saved here or reloaded after a conflict) starts the form again from what is saved. */}
      {settings.data && <SettingsForm key={settings.data.version} settings={settings.data} />}
    </Stack>
  );
}
