import { Paper, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useRecordOnTimeline } from '../../timeline/web/useRecordOnTimeline';
import { PageTitle } from '../../../web/components/PageTitle';
import { PersonContext } from '../../people/web/PersonContext';
import { orNull, zodValidate } from '../../../web/forms';
import { ConsultationMode, CreateConsultationInput, Topic } from '../contract';
import { createConsultation } from './consultations.queries';
import { FormActions } from '../../../web/components/FormActions';
import { InterpreterLanguageSelect } from '../../../web/components/InterpreterLanguageSelect';
import { OptionCheckboxes } from '../../../web/components/OptionCheckboxes';
import { queueQuery } from '../../reception/web/reception.queries';
import { FollowUpTaskFields, followUpTaskInput, type FollowUpTaskValues } from '../../tasks/web/FollowUpTaskFields';
import { BarrierPicker, pickedToTags, type PickedBarrier } from '../../advocacy/web/BarrierPicker';
import { useCan } from '../../../web/auth';

interface Values {
  mode: string;
  interpreterLanguage: string | null;
  topics: string[];
  note: string;
  needs: string;
  actions: string;
  followUpOn: string;
  followUpTask: FollowUpTaskValues;
  /** Systemic barriers seen (only for staff who tag them). */
  barrierTags: PickedBarrier[];
}

export function ConsultationFormPage() {
  const { t } = useTranslation();
  const { id: personId = '' } = useParams();
  const [params] = useSearchParams();
  const visitId = params.get('visitId');
  const canTag = useCan('advocacy.tag');

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
    followUpTask: followUpTaskInput(v.followUpTask),
    ...(canTag && v.barrierTags.length > 0 ? { barrierTags: pickedToTags(v.barrierTags) } : {}),
  });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { mode: 'in_person', interpreterLanguage: null, topics: [], note: '', needs: '', actions: '', followUpOn: '', followUpTask: { title: '', dueOn: '', assigneeId: null }, barrierTags: [] },
    validate: zodValidate(CreateConsultationInput, toInput, t),
  });
  // Opened from today's queue: the interpreter language asked for at check-in is the likely one.
  const queue = useQuery({ ...queueQuery(), enabled: visitId !== null, refetchInterval: false });
  const visitLanguage = queue.data?.items.find((v) => v.id === visitId)?.interpreterLanguage ?? null;
  const { isDirty, setFieldValue } = form;
  useEffect(() => {
    if (visitLanguage && !isDirty('interpreterLanguage')) setFieldValue('interpreterLanguage', visitLanguage);
  }, [visitLanguage, isDirty, setFieldValue]);
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
              <InterpreterLanguageSelect {...form.getInputProps('interpreterLanguage')} />
            </SimpleGrid>
            <OptionCheckboxes label={t('fields.topics')} options={Topic.options} labelOf={(topic) => t(`ui.topic.${topic}`)} {...form.getInputProps('topics')} />
            <Textarea label={t('fields.note')} autosize minRows={4} {...form.getInputProps('note')} />
            <Textarea label={t('fields.needs')} autosize minRows={2} {...form.getInputProps('needs')} />
            <Textarea label={t('fields.actions')} autosize minRows={2} {...form.getInputProps('actions')} />
            {canTag && (
              <BarrierPicker
                personId={personId}
                value={form.values.barrierTags}
                onChange={(tags) => form.setFieldValue('barrierTags', tags)}
                error={form.errors.barrierTags}
              />
            )}
            <TextInput type="date" label={t('fields.followUpOn')} w={220} {...form.getInputProps('followUpOn')} />
            <FollowUpTaskFields form={form} />
            <FormActions submitLabel={t('ui.consultation.submit')} loading={mutation.isPending} cancelTo={`/people/${personId}`} />
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
