import { Alert, Button, Checkbox, Group, MultiSelect, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../web/api';
import { orNull, showApiError, zodValidate } from '../../../web/forms';
import { useCountryOptions, useLanguageOptions } from '../../../web/options';
import { FormActions } from '../../../web/components/FormActions';
import { CreatePersonInput, Housing, Sex, type Person, type PersonSummary } from '../contract';
import { createPerson, updatePerson } from './people.queries';
import { DuplicateCandidates, useDuplicateCheck } from '../../matching/web/DuplicateCheck';

export interface PersonFormValues {
  familyName: string;
  givenName: string;
  nameInOwnScript: string;
  nameKana: string;
  dateOfBirth: string;
  dateOfBirthEstimated: boolean;
  sex: Sex;
  nationality: string | null;
  languages: string[];
  phone: string;
  housing: Housing | null;
}

const empty: PersonFormValues = {
  familyName: '', givenName: '', nameInOwnScript: '', nameKana: '', dateOfBirth: '', dateOfBirthEstimated: false,
  sex: 'unknown', nationality: null, languages: [], phone: '', housing: null,
};

function fromPerson(p: Person): PersonFormValues {
  return {
    familyName: p.familyName, givenName: p.givenName, nameInOwnScript: p.nameInOwnScript ?? '', nameKana: p.nameKana ?? '',
    dateOfBirth: p.dateOfBirth ?? '', dateOfBirthEstimated: p.dateOfBirthEstimated, sex: p.sex, nationality: p.nationality,
    languages: p.languages, phone: p.phone ?? '', housing: p.housing,
  };
}

function toInput(v: PersonFormValues) {
  return {
    familyName: v.familyName.trim(),
    givenName: v.givenName.trim(),
    nameInOwnScript: orNull(v.nameInOwnScript),
    nameKana: orNull(v.nameKana),
    dateOfBirth: orNull(v.dateOfBirth),
    dateOfBirthEstimated: v.dateOfBirthEstimated,
    sex: v.sex,
    nationality: v.nationality,
    languages: v.languages,
    phone: orNull(v.phone),
    housing: v.housing,
  };
}

/** Search text typed at the desk → the name field it most likely is. */
export function prefillFromSearch(text: string): Partial<PersonFormValues> {
  const value = text.trim();
  if (!value) return {};
  if (/^[\p{Script=Katakana}\p{Script=Hiragana}ー・\s]+$/u.test(value)) return { nameKana: value };
  if (/^[\p{Script=Latin}\s'.-]+$/u.test(value)) {
    const [family = '', ...given] = value.split(/\s+/);
    return { familyName: family, givenName: given.join(' ') };
  }
  return { nameInOwnScript: value };
}

interface Props {
  /** The person being edited; absent to register a new one. */
  person?: Person;
  prefill?: Partial<PersonFormValues>;
  onSaved: (person: Person) => void;
  onCancel?: () => void;
  /** Reload the person after a version conflict. */
  onReload?: () => void;
  /** Use an existing file the duplicate check proposed (check-in); without it, the file is linked. */
  onChooseExisting?: (person: PersonSummary) => void;
}

/** Register or edit a person: the same form and the same zod contract as the server. */
export function PersonForm({ person, prefill, onSaved, onCancel, onReload, onChooseExisting }: Props) {
  const { t } = useTranslation();
  const [conflict, setConflict] = useState<string | null>(null);
  const form = useForm<PersonFormValues>({
    mode: 'controlled',
    initialValues: person ? fromPerson(person) : { ...empty, ...prefill },
    validate: zodValidate(CreatePersonInput, toInput, t),
  });

  // Registering: existing files that may be this person are shown before a new one is made.
  const duplicates = useDuplicateCheck(person ? null : form.values);
  const countries = useCountryOptions();
  const languages = useLanguageOptions();

  const mutation = useMutation({
    mutationFn: (values: PersonFormValues) =>
      person ? updatePerson(person.id, { ...toInput(values), version: person.version }) : createPerson(toInput(values)),
    onSuccess: onSaved,
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'person.version_conflict') setConflict(error.message);
      showApiError(error, t, form.setErrors);
    },
  });

  return (
    <form
      noValidate
      {...duplicates.compositionProps}
      onSubmit={form.onSubmit(async (values) => {
        if (person || (await duplicates.readyToCreate())) mutation.mutate(values);
      })}
    >
      <Stack>
        {conflict && (
          <Alert color="orange" role="alert" title={t('ui.person.conflictTitle')}>
            {conflict}
            {onReload && (
              <Group mt="sm">
                <Button variant="outline" onClick={onReload}>
                  {t('ui.person.reload')}
                </Button>
              </Group>
            )}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('fields.familyName')} autoComplete="off" {...form.getInputProps('familyName')} />
          <TextInput label={t('fields.givenName')} autoComplete="off" {...form.getInputProps('givenName')} />
          <TextInput label={t('fields.nameKana')} autoComplete="off" {...form.getInputProps('nameKana')} />
          <TextInput label={t('fields.nameInOwnScript')} autoComplete="off" {...form.getInputProps('nameInOwnScript')} />
          <Stack gap={6}>
            <TextInput type="date" label={t('fields.dateOfBirth')} {...form.getInputProps('dateOfBirth')} />
            <Checkbox label={t('ui.person.estimated')} {...form.getInputProps('dateOfBirthEstimated', { type: 'checkbox' })} />
          </Stack>
          <Select
            label={t('fields.sex')}
            data={Sex.options.map((s) => ({ value: s, label: t(`ui.sex.${s}`) }))}
            allowDeselect={false}
            {...form.getInputProps('sex')}
          />
          <Select label={t('fields.nationality')} data={countries} searchable clearable nothingFoundMessage={t('ui.search.noResults')} {...form.getInputProps('nationality')} />
          <MultiSelect label={t('fields.languages')} data={languages} searchable clearable nothingFoundMessage={t('ui.search.noResults')} {...form.getInputProps('languages')} />
          <TextInput type="tel" label={t('fields.phone')} autoComplete="off" {...form.getInputProps('phone')} />
          <Select
            label={t('fields.housing')}
            data={Housing.options.map((h) => ({ value: h, label: t(`ui.housing.${h}`) }))}
            clearable
            {...form.getInputProps('housing')}
          />
        </SimpleGrid>
        {!person && <DuplicateCandidates check={duplicates} onChoose={onChooseExisting} />}
        <FormActions submitLabel={person ? t('ui.common.save') : t('ui.person.register')} loading={mutation.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
