import { Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useRecordOnTimeline } from '../../timeline/web/useRecordOnTimeline';
import { PageTitle } from '../../../web/components/PageTitle';
import { PersonContext } from '../../../web/components/PersonContext';
import { orNull, zodValidate } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { languageOptions } from '../../../web/options';
import { ConsultationMode, CreateConsultationInput, Topic } from '../contract';
import { createConsultation } from './consultations.queries';

interface Values {
  mode: string;
  interpreterLanguage: string | null;
  topics: string[];
  note: string;
  needs: string;
  actions: string;
  followUpOn: string;
}

export function ConsultationFormPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id: personId = '' } = useParams();
  const [params] = useSearchParams();
  const visitId = params.get('visitId');
  const languages = useMemo(() => languageOptions(language, { common: t('ui.options.common'), all: t('ui.options.all') }), [language, t]);

  const toInput = (v: Values) => ({
    personId,
    visitId,
    mode: v.mode,
    interpreterLanguage: v.interpreterLanguage,
    topics: v.topics,
    note: v.note,
    needs: v.needs,
    actions: v.actions,
    followUpOn: orNull(v.followUpOn),
  });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { mode: 'in_person', interpreterLanguage: null, topics: [], note: '', needs: '', actions: '', followUpOn: '' },
    validate: zodValidate(CreateConsultationInput, toInput, t),
  });
  const mutation = useRecordOnTimeline(personId, (values: Values) => createConsultation(CreateConsultationInput.parse(toInput(values))), form.setErrors);

  return (
    <Stack maw={900}>
      <PageTitle text={t('ui.consultation.title')} />
      <PersonContext personId={personId} />
      <Paper withBorder p="md">
        <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('fields.mode')}
                data={ConsultationMode.options.map((m) => ({ value: m, label: t(`ui.consultationMode.${m}`) }))}
                allowDeselect={false}
                {...form.getInputProps('mode')}
              />
              <Select
                label={t('fields.interpreterLanguage')}
                data={languages}
                searchable
                clearable
                placeholder={t('ui.checkIn.noInterpreter')}
                nothingFoundMessage={t('ui.search.noResults')}
                {...form.getInputProps('interpreterLanguage')}
              />
            </SimpleGrid>
            <Checkbox.Group label={t('fields.topics')} {...form.getInputProps('topics')}>
              <Group mt={6}>
                {Topic.options.map((topic) => (
                  <Checkbox key={topic} value={topic} label={t(`ui.topic.${topic}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <Textarea label={t('fields.note')} autosize minRows={4} {...form.getInputProps('note')} />
            <Textarea label={t('fields.needs')} autosize minRows={2} {...form.getInputProps('needs')} />
            <Textarea label={t('fields.actions')} autosize minRows={2} {...form.getInputProps('actions')} />
            <TextInput type="date" label={t('fields.followUpOn')} w={220} {...form.getInputProps('followUpOn')} />
            <Group>
              <Button type="submit" loading={mutation.isPending}>
                {t('ui.consultation.submit')}
              </Button>
              <Button variant="default" component={Link} to={`/people/${personId}`}>
                {t('ui.common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
