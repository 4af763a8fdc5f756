import { Alert, Button, Checkbox, Fieldset, Grid, Group, Radio, Select, SimpleGrid, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../web/api';
import { FormActions } from '../../../web/components/FormActions';
import { notify, orNull, zodValidate, type FormErrors } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { AddressInput, CreateSupporterInput, KanaReading, normalisePostalCode, toKatakana, type Honorific, type Supporter, type SupporterKind } from '../contract';
import { DuplicateMatches } from './DuplicateMatches';
import { errorText } from './fundraising.forms';
import { listOf } from './fundraising.labels';
import { createSupporter, duplicatesQuery, postalCodeQuery, updateSupporter, type DuplicateBody } from './fundraising.queries';

export interface SupporterFormValues {
  kind: SupporterKind;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  organisationName: string;
  organisationNameKana: string;
  department: string;
  /** 'auto': 様 for a person, 御中 for an organisation without a named person (the server decides). */
  honorific: Honorific | 'auto';
  postalCode: string;
  prefecture: string;
  city: string;
  line1: string;
  line2: string;
  /** The day of a move (editing only); empty for today. */
  validFrom: string;
  email: string;
  phone: string;
  preferredLanguage: 'ja' | 'en';
  allowPost: boolean;
  allowEmail: boolean;
  allowPhone: boolean;
  publishName: boolean;
  noContact: boolean;
  notes: string;
  tags: string[];
}

const empty: SupporterFormValues = {
  kind: 'individual', familyName: '', givenName: '', familyNameKana: '', givenNameKana: '', organisationName: '', organisationNameKana: '',
  department: '', honorific: 'auto', postalCode: '', prefecture: '', city: '', line1: '', line2: '', validFrom: '', email: '', phone: '',
  preferredLanguage: 'ja', allowPost: true, allowEmail: true, allowPhone: false, publishName: false, noContact: false, notes: '', tags: [],
};

function fromSupporter(s: Supporter): SupporterFormValues {
  const a = s.address;
  return {
    kind: s.kind, familyName: s.familyName, givenName: s.givenName, familyNameKana: s.familyNameKana, givenNameKana: s.givenNameKana,
    organisationName: s.organisationName, organisationNameKana: s.organisationNameKana, department: s.department, honorific: s.honorific,
    postalCode: a?.postalCode ?? '', prefecture: a?.prefecture ?? '', city: a?.city ?? '', line1: a?.line1 ?? '', line2: a?.line2 ?? '', validFrom: '',
    email: s.email ?? '', phone: s.phone ?? '', preferredLanguage: s.preferredLanguage, allowPost: s.allowPost, allowEmail: s.allowEmail,
    allowPhone: s.allowPhone, publishName: s.publishName, noContact: s.noContact, notes: s.notes, tags: s.tags,
  };
}

/** Everything but the address, as the contract takes it. */
function fieldsOf(v: SupporterFormValues) {
  const isOrganisation = v.kind === 'organisation';
  return {
    kind: v.kind,
    familyName: v.familyName.trim(),
    givenName: v.givenName.trim(),
    familyNameKana: v.familyNameKana.trim(),
    givenNameKana: v.givenNameKana.trim(),
    organisationName: isOrganisation ? v.organisationName.trim() : '',
    organisationNameKana: isOrganisation ? v.organisationNameKana.trim() : '',
    department: isOrganisation ? v.department.trim() : '',
    ...(v.honorific !== 'auto' && { honorific: v.honorific }),
    email: orNull(v.email),
    phone: orNull(v.phone),
    preferredLanguage: v.preferredLanguage,
    allowPost: v.allowPost,
    allowEmail: v.allowEmail,
    allowPhone: v.allowPhone,
    publishName: v.publishName,
    noContact: v.noContact,
    notes: v.notes.trim(),
    tags: v.tags,
  };
}

const addressFields = ['postalCode', 'prefecture', 'city', 'line1', 'line2'] as const;
const hasAddress = (v: SupporterFormValues) => addressFields.some((f) => v[f].trim() !== '');
const addressKey = (v: SupporterFormValues) => addressFields.map((f) => (f === 'postalCode' ? normalisePostalCode(v[f]) : v[f].trim())).join('|');

function addressOf(v: SupporterFormValues) {
  return {
    country: 'JP',
    postalCode: v.postalCode.trim() === '' ? undefined : normalisePostalCode(v.postalCode),
    prefecture: v.prefecture.trim(),
    city: v.city.trim(),
    line1: v.line1.trim(),
    line2: v.line2.trim(),
    ...(v.validFrom !== '' && { validFrom: v.validFrom }),
  };
}

/** ０３ー１２３４ー５６７８ → 03-1234-5678. */
export const halfWidthPhone = (phone: string) => phone.normalize('NFKC').replace(/[ー‐−–—]/g, '-').trim();

const FieldsInput = CreateSupporterInput.omit({ address: true, acknowledgeDuplicates: true });
const isKana = (s: string) => KanaReading.safeParse(s).success;

/** What the duplicate check asks about; null while there is nothing to compare. */
function probeOf(v: SupporterFormValues, excludeId: string | undefined): DuplicateBody | null {
  const f = fieldsOf(v);
  const code = normalisePostalCode(v.postalCode);
  const probe: DuplicateBody = {
    kind: f.kind,
    familyName: f.familyName,
    givenName: f.givenName,
    // A reading that is not (yet) kana is left out rather than refused.
    familyNameKana: isKana(f.familyNameKana) ? toKatakana(f.familyNameKana) : '',
    givenNameKana: isKana(f.givenNameKana) ? toKatakana(f.givenNameKana) : '',
    organisationName: f.organisationName,
    email: f.email,
    phone: f.phone,
    postalCode: /^\d{7}$/.test(code) ? code : null,
    ...(v.prefecture.trim() !== '' && { prefecture: v.prefecture.trim() }),
    ...(v.city.trim() !== '' && { city: v.city.trim() }),
    ...(excludeId && { excludeId }),
  };
  const asked = [probe.familyName, probe.givenName, probe.familyNameKana, probe.givenNameKana, probe.organisationName, probe.email ?? '', probe.phone ?? ''];
  return asked.some((s) => s !== '') ? probe : null;
}

/** Server field names (`address.postalCode`) → this form's fields (`postalCode`). */
function fieldErrorsOf(error: ApiError): FormErrors {
  const errors: FormErrors = {};
  for (const [name, message] of Object.entries(error.fields)) {
    const field = (name.startsWith('address.') ? name.slice('address.'.length) : name).split('.')[0] ?? name;
    errors[field] ??= message;
  }
  return errors;
}

interface Props {
  /** The supporter being edited; absent to add one. */
  supporter?: Supporter;
  onSaved: (supporter: Supporter) => void;
  onCancel?: () => void;
  cancelTo?: string;
  /** Load the supporter again after a version conflict. */
  onReload?: () => void;
}

/**
 * Add or edit a supporter: a person (姓 名, セイ メイ) or an organisation (name, department), 様 or
 * 御中, the address from the 〒 (prefecture and city filled in from Japan Post's data), contact
 * and consent. While adding, existing supporters who may be the same are shown beside the form.
 */
export function SupporterForm({ supporter, onSaved, onCancel, cancelTo, onReload }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const isEditing = supporter !== undefined;
  const initial = supporter ? fromSupporter(supporter) : empty;
  const composing = useRef(false);
  const [probe, setProbe] = useState<DuplicateBody | null>(null);
  const [postal, setPostal] = useState<{ code: string; towns: string[] } | { code: string; problem: string } | null>(null);
  const [duplicateMessage, setDuplicateMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  const form = useForm<SupporterFormValues>({
    mode: 'controlled',
    initialValues: initial,
    onValuesChange: (values) => {
      // While an IME composes, the half-typed name is not asked about.
      if (!composing.current && !isEditing) setProbe(probeOf(values, undefined));
    },
    validate: (v) => {
      const errors: FormErrors = { ...zodValidate(FieldsInput, fieldsOf, t)(v) };
      if (hasAddress(v)) for (const [k, m] of Object.entries(zodValidate(AddressInput, addressOf, t)(v))) errors[k] ??= m;
      if (v.kind === 'individual' && v.familyName.trim() === '' && v.givenName.trim() === '') errors.familyName ??= t('validation.required');
      if (v.kind === 'organisation' && v.organisationName.trim() === '') errors.organisationName ??= t('validation.required');
      const code = normalisePostalCode(v.postalCode);
      if (v.postalCode.trim() !== '' && !/^\d{7}$/.test(code)) errors.postalCode ??= t('validation.postal_code_format');
      if (postal && 'problem' in postal && postal.code === code) errors.postalCode ??= postal.problem;
      return errors;
    },
  });
  const values = form.getValues();
  const addressChanged = isEditing && addressKey(values) !== addressKey(initial);

  const [debouncedProbe] = useDebouncedValue(probe, 400);
  const duplicates = useQuery({ ...duplicatesQuery(debouncedProbe ?? { kind: 'individual' }), enabled: debouncedProbe !== null });
  const candidates = debouncedProbe ? (duplicates.data?.candidates ?? []) : [];

  /** 〒 typed: at seven digits, fill the prefecture and city and show the town as a hint. */
  async function lookUpPostalCode(value: string) {
    const code = normalisePostalCode(value);
    if (!/^\d{7}$/.test(code)) {
      setPostal(null);
      return;
    }
    const stillTyped = () => normalisePostalCode(form.getValues().postalCode) === code;
    try {
      const found = await client.fetchQuery(postalCodeQuery(code));
      if (!stillTyped()) return;
      const first = found.places[0];
      if (!first) {
        const problem = t('errors.supporter.postal_code_unknown');
        setPostal({ code, problem });
        form.setFieldError('postalCode', problem);
        return;
      }
      form.setFieldValue('prefecture', first.prefecture);
      form.setFieldValue('city', first.city);
      form.clearFieldError('postalCode');
      setPostal({ code, towns: [...new Set(found.places.map((p) => p.town).filter((s) => s !== ''))] });
    } catch (error) {
      if (!stillTyped()) return;
      const problem = errorText(t, error);
      setPostal({ code, problem });
      form.setFieldError('postalCode', problem);
    }
  }

  const mutation = useMutation({
    mutationFn: ({ v, acknowledge }: { v: SupporterFormValues; acknowledge: boolean }) => {
      if (supporter) {
        return updateSupporter(supporter.id, {
          version: supporter.version,
          ...fieldsOf(v),
          // A changed address is a move: the server keeps the old one as history.
          ...(addressKey(v) !== addressKey(initial) && hasAddress(v) && { address: addressOf(v) }),
        });
      }
      return createSupporter({ ...fieldsOf(v), ...(hasAddress(v) && { address: addressOf(v) }), acknowledgeDuplicates: acknowledge });
    },
    onSuccess: (saved) => {
      setDuplicateMessage(null);
      onSaved(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'supporter.possible_duplicate') {
        // Show the matches now, not after the debounce.
        setProbe(probeOf(form.getValues(), undefined));
        setDuplicateMessage(error.message);
        return;
      }
      if (error instanceof ApiError && error.code === 'supporter.version_conflict') setConflict(error.message);
      if (error instanceof ApiError) form.setErrors(fieldErrorsOf(error));
      notify(t, { color: 'red', title: t('ui.common.error'), message: errorText(t, error) });
    },
  });

  const townHint = postal && 'towns' in postal && postal.code === normalisePostalCode(values.postalCode) && postal.towns.length > 0
    ? t('ui.fundraising.form.townHint', { towns: listOf(postal.towns, currentLanguage()) })
    : undefined;
  const kanaProps = (field: 'familyNameKana' | 'givenNameKana' | 'organisationNameKana') => ({
    ...form.getInputProps(field),
    lang: 'ja',
    autoComplete: 'off',
    // ひらがな and half-width kana are written as katakana once the field is left.
    onBlur: () => {
      const value = form.getValues()[field];
      if (isKana(value)) form.setFieldValue(field, toKatakana(value));
    },
  });
  const isOrganisation = values.kind === 'organisation';

  const fields = (
    <Stack>
      {conflict && (
        <Alert color="orange" role="alert" title={t('ui.fundraising.form.conflictTitle')}>
          {conflict}
          {onReload && (
            <Group mt="sm">
              <Button variant="outline" onClick={onReload}>
                {t('ui.fundraising.form.reload')}
              </Button>
            </Group>
          )}
        </Alert>
      )}
      <Radio.Group label={t('fields.fundraising.kind')} {...form.getInputProps('kind')}>
        <Group mt={6}>
          <Radio value="individual" label={t('ui.fundraising.kind.individual')} />
          <Radio value="organisation" label={t('ui.fundraising.kind.organisation')} />
        </Group>
      </Radio.Group>
      {isOrganisation && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('fields.fundraising.organisationName')} autoComplete="organization" {...form.getInputProps('organisationName')} />
          <TextInput label={t('fields.fundraising.organisationNameKana')} description={t('ui.fundraising.form.kanaHint')} {...kanaProps('organisationNameKana')} />
          <TextInput label={t('fields.fundraising.department')} autoComplete="off" {...form.getInputProps('department')} />
        </SimpleGrid>
      )}
      {isOrganisation && (
        <Text size="sm" fw={600}>
          {t('ui.fundraising.form.contactPerson')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('fields.fundraising.familyName')} autoComplete="off" lang="ja" {...form.getInputProps('familyName')} />
        <TextInput label={t('fields.fundraising.givenName')} autoComplete="off" lang="ja" {...form.getInputProps('givenName')} />
        <TextInput label={t('fields.fundraising.familyNameKana')} description={t('ui.fundraising.form.kanaHint')} {...kanaProps('familyNameKana')} />
        <TextInput label={t('fields.fundraising.givenNameKana')} description={t('ui.fundraising.form.kanaHint')} {...kanaProps('givenNameKana')} />
        <Select
          label={t('fields.fundraising.honorific')}
          allowDeselect={false}
          data={[
            ...(isEditing ? [] : [{ value: 'auto', label: t('ui.fundraising.honorific.auto') }]),
            { value: 'sama', label: t('ui.fundraising.honorific.sama') },
            { value: 'onchu', label: t('ui.fundraising.honorific.onchu') },
          ]}
          {...form.getInputProps('honorific')}
        />
      </SimpleGrid>
      <Fieldset legend={t('fields.fundraising.address')}>
        <Stack>
          {isEditing && (
            <Text size="sm" c="dimmed">
              {t('ui.fundraising.form.moveHint')}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('fields.fundraising.postalCode')}
              description={townHint ?? t('ui.fundraising.form.postalHint')}
              leftSection={<span aria-hidden="true">〒</span>}
              inputMode="numeric"
              autoComplete="postal-code"
              maxLength={10}
              {...form.getInputProps('postalCode')}
              onChange={(event) => {
                const value = event.currentTarget.value;
                form.setFieldValue('postalCode', value);
                void lookUpPostalCode(value);
              }}
            />
            <TextInput label={t('ui.fundraising.form.prefecture')} autoComplete="address-level1" {...form.getInputProps('prefecture')} />
            <TextInput label={t('ui.fundraising.form.city')} autoComplete="address-level2" {...form.getInputProps('city')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('ui.fundraising.form.line1')} description={t('ui.fundraising.form.line1Hint')} autoComplete="address-line1" {...form.getInputProps('line1')} />
            <TextInput label={t('ui.fundraising.form.line2')} autoComplete="address-line2" {...form.getInputProps('line2')} />
          </SimpleGrid>
          {addressChanged && (
            <TextInput type="date" label={t('ui.fundraising.form.movedOn')} description={t('ui.fundraising.form.movedOnHint')} {...form.getInputProps('validFrom')} />
          )}
        </Stack>
      </Fieldset>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput type="email" label={t('fields.fundraising.email')} autoComplete="off" {...form.getInputProps('email')} />
        <TextInput
          type="tel"
          label={t('fields.fundraising.phone')}
          autoComplete="off"
          {...form.getInputProps('phone')}
          // Digits typed with a Japanese IME are full-width (０３ー…): written as 03-… once the field is left.
          onBlur={() => form.setFieldValue('phone', halfWidthPhone(form.getValues().phone))}
        />
        <Select
          label={t('fields.fundraising.preferredLanguage')}
          allowDeselect={false}
          data={[
            { value: 'ja', label: t('ui.fundraising.language.ja') },
            { value: 'en', label: t('ui.fundraising.language.en') },
          ]}
          {...form.getInputProps('preferredLanguage')}
        />
      </SimpleGrid>
      <Fieldset legend={t('ui.fundraising.form.channels')}>
        <Stack gap="xs">
          <Group>
            <Checkbox label={t('ui.fundraising.channels.post')} {...form.getInputProps('allowPost', { type: 'checkbox' })} />
            <Checkbox label={t('ui.fundraising.channels.email')} {...form.getInputProps('allowEmail', { type: 'checkbox' })} />
            <Checkbox label={t('ui.fundraising.channels.phone')} {...form.getInputProps('allowPhone', { type: 'checkbox' })} />
          </Group>
          <Checkbox label={t('ui.fundraising.form.noContact')} description={t('ui.fundraising.form.noContactHint')} {...form.getInputProps('noContact', { type: 'checkbox' })} />
          <Checkbox label={t('ui.fundraising.form.publishName')} description={t('ui.fundraising.form.publishNameHint')} {...form.getInputProps('publishName', { type: 'checkbox' })} />
        </Stack>
      </Fieldset>
      <Textarea label={t('fields.fundraising.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
      <TagsInput label={t('fields.fundraising.tags')} description={t('ui.fundraising.form.tagsHint')} clearable {...form.getInputProps('tags')} />
      {duplicateMessage && (
        <Alert color="red" role="alert" title={t('ui.fundraising.duplicates.blockedTitle')}>
          <Stack gap="sm">
            <Text size="sm">{duplicateMessage}</Text>
            <Group>
              <Button color="red" variant="outline" loading={mutation.isPending} onClick={() => mutation.mutate({ v: form.getValues(), acknowledge: true })}>
                {t('ui.fundraising.duplicates.saveAnyway')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <FormActions
        submitLabel={isEditing ? t('ui.common.save') : t('ui.fundraising.form.create')}
        loading={mutation.isPending}
        onCancel={onCancel}
        cancelTo={cancelTo}
      />
    </Stack>
  );

  return (
    <form
      noValidate
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={() => {
        composing.current = false;
        if (!isEditing) setProbe(probeOf(form.getValues(), undefined));
      }}
      onSubmit={form.onSubmit((v) => mutation.mutate({ v, acknowledge: false }))}
    >
      {isEditing ? (
        fields
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>{fields}</Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <DuplicateMatches candidates={candidates} isChecking={duplicates.isFetching} />
          </Grid.Col>
        </Grid>
      )}
    </form>
  );
}
