import { Alert, Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../web/api';
import { FormActions } from '../../../web/components/FormActions';
import { OptionCheckboxes } from '../../../web/components/OptionCheckboxes';
import { orNull, showApiError, zodValidate } from '../../../web/forms';
import {
  AllowanceStatus,
  Custody,
  HealthInsurance,
  ProcedureStage,
  ResidenceStatus,
  SortingCategory,
  UpdateCaseFileInput,
  Vulnerability,
  type CaseFile,
} from '../contract';
import { assigneesQuery, updateCaseFile } from './cases.queries';

interface Values {
  residenceStatus: string | null;
  residenceCardNumber: string;
  residenceExpiresOn: string;
  workPermitted: string | null;
  custody: string | null;
  supervisorName: string;
  procedureStage: string | null;
  applicationCount: string | null;
  sortingCategory: string | null;
  appliedOn: string;
  decisionNoticeReceivedOn: string;
  allowanceStatus: string | null;
  allowanceAppliedOn: string;
  allowanceDecidedOn: string;
  healthInsurance: string | null;
  insuranceEligibleOn: string;
  vulnerabilities: string[];
  whereabouts: string;
  lineId: string;
  email: string;
  assignedTo: string | null;
  effectiveOn: string;
}

function fromCaseFile(f: CaseFile): Values {
  return {
    residenceStatus: f.residenceStatus,
    residenceCardNumber: f.residenceCardNumber ?? '',
    residenceExpiresOn: f.residenceExpiresOn ?? '',
    workPermitted: f.workPermitted === null ? null : f.workPermitted ? 'yes' : 'no',
    custody: f.custody,
    supervisorName: f.supervisorName ?? '',
    procedureStage: f.procedureStage,
    applicationCount: f.applicationCount === null ? null : String(f.applicationCount),
    sortingCategory: f.sortingCategory,
    appliedOn: f.appliedOn ?? '',
    decisionNoticeReceivedOn: f.decisionNoticeReceivedOn ?? '',
    allowanceStatus: f.allowanceStatus,
    allowanceAppliedOn: f.allowanceAppliedOn ?? '',
    allowanceDecidedOn: f.allowanceDecidedOn ?? '',
    healthInsurance: f.healthInsurance,
    insuranceEligibleOn: f.insuranceEligibleOn ?? '',
    vulnerabilities: f.vulnerabilities,
    whereabouts: f.whereabouts,
    lineId: f.lineId ?? '',
    email: f.email ?? '',
    assignedTo: f.assignedTo,
    effectiveOn: '',
  };
}

function toInput(v: Values, version: number) {
  return {
    residenceStatus: v.residenceStatus,
    residenceCardNumber: orNull(v.residenceCardNumber),
    residenceExpiresOn: orNull(v.residenceExpiresOn),
    workPermitted: v.workPermitted === null ? null : v.workPermitted === 'yes',
    custody: v.custody,
    // A supervisor exists only under supervision measures (the server refuses it otherwise).
    supervisorName: v.custody === 'supervision' ? orNull(v.supervisorName) : null,
    procedureStage: v.procedureStage,
    applicationCount: v.applicationCount === null ? null : Number(v.applicationCount),
    sortingCategory: v.sortingCategory,
    appliedOn: orNull(v.appliedOn),
    decisionNoticeReceivedOn: orNull(v.decisionNoticeReceivedOn),
    allowanceStatus: v.allowanceStatus,
    allowanceAppliedOn: orNull(v.allowanceAppliedOn),
    allowanceDecidedOn: orNull(v.allowanceDecidedOn),
    healthInsurance: v.healthInsurance,
    insuranceEligibleOn: orNull(v.insuranceEligibleOn),
    vulnerabilities: v.vulnerabilities,
    whereabouts: v.whereabouts.trim(),
    lineId: orNull(v.lineId),
    email: orNull(v.email),
    assignedTo: v.assignedTo,
    version,
    ...(orNull(v.effectiveOn) ? { effectiveOn: v.effectiveOn } : {}),
  };
}

interface Props {
  caseFile: CaseFile;
  onSaved: (saved: CaseFile) => void;
  onCancel: () => void;
  onReload: () => void;
}

/** Edit the case file: the same zod contract as the server; each changed field lands in the history. */
export function CaseFileForm({ caseFile, onSaved, onCancel, onReload }: Props) {
  const { t } = useTranslation();
  const [conflict, setConflict] = useState<string | null>(null);
  const assignees = useQuery(assigneesQuery);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: fromCaseFile(caseFile),
    validate: zodValidate(UpdateCaseFileInput, (v: Values) => toInput(v, caseFile.version), t),
  });
  const mutation = useMutation({
    mutationFn: (values: Values) => updateCaseFile(caseFile.personId, UpdateCaseFileInput.parse(toInput(values, caseFile.version))),
    onSuccess: onSaved,
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'case_file.version_conflict') setConflict(error.message);
      showApiError(error, t, form.setErrors);
    },
  });

  const options = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}${v}`) }));
  const assigneeOptions = (assignees.data?.items ?? []).map((a) => ({ value: a.id, label: a.displayName }));
  if (caseFile.assignedTo && !assigneeOptions.some((o) => o.value === caseFile.assignedTo)) {
    assigneeOptions.push({ value: caseFile.assignedTo, label: caseFile.assignedToName ?? caseFile.assignedTo });
  }
  const date = (field: keyof Values) => <TextInput type="date" label={t(`fields.${field}`)} {...form.getInputProps(field)} />;
  const heading = (key: string) => (
    <Title order={3} size="h5" mt="sm">
      {t(`ui.cases.group.${key}`)}
    </Title>
  );

  return (
    <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))}>
      <Stack>
        {conflict && (
          <Alert color="orange" role="alert" title={t('ui.cases.conflictTitle')}>
            {conflict}
            <Group mt="sm">
              <Button variant="outline" onClick={onReload}>
                {t('ui.cases.reload')}
              </Button>
            </Group>
          </Alert>
        )}
        {heading('residence')}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Select label={t('fields.residenceStatus')} data={options(ResidenceStatus.options, 'ui.cases.residenceStatus.')} clearable {...form.getInputProps('residenceStatus')} />
          <TextInput label={t('fields.residenceCardNumber')} placeholder="AB12345678CD" autoComplete="off" {...form.getInputProps('residenceCardNumber')} />
          {date('residenceExpiresOn')}
          <Select label={t('fields.workPermitted')} data={options(['yes', 'no'], 'ui.cases.workPermitted.')} clearable {...form.getInputProps('workPermitted')} />
        </SimpleGrid>
        {heading('custody')}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Select label={t('fields.custody')} data={options(Custody.options, 'ui.cases.custody.')} clearable {...form.getInputProps('custody')} />
          {form.values.custody === 'supervision' && (
            <TextInput label={t('fields.supervisorName')} description={t('ui.cases.supervisorHint')} autoComplete="off" {...form.getInputProps('supervisorName')} />
          )}
        </SimpleGrid>
        {heading('procedure')}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Select label={t('fields.procedureStage')} data={options(ProcedureStage.options, 'ui.cases.procedureStage.')} clearable {...form.getInputProps('procedureStage')} />
          <Select label={t('fields.applicationCount')} data={options(['1', '2', '3'], 'ui.cases.applicationCount.')} clearable {...form.getInputProps('applicationCount')} />
          <Select label={t('fields.sortingCategory')} data={SortingCategory.options.map((c) => ({ value: c, label: c }))} clearable {...form.getInputProps('sortingCategory')} />
          {date('appliedOn')}
          {date('decisionNoticeReceivedOn')}
        </SimpleGrid>
        {heading('allowance')}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Select label={t('fields.allowanceStatus')} data={options(AllowanceStatus.options, 'ui.cases.allowanceStatus.')} clearable {...form.getInputProps('allowanceStatus')} />
          {date('allowanceAppliedOn')}
          {date('allowanceDecidedOn')}
        </SimpleGrid>
        {heading('insurance')}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Select label={t('fields.healthInsurance')} data={options(HealthInsurance.options, 'ui.cases.healthInsurance.')} clearable {...form.getInputProps('healthInsurance')} />
          {date('insuranceEligibleOn')}
        </SimpleGrid>
        <OptionCheckboxes label={t('fields.vulnerabilities')} options={Vulnerability.options} labelOf={(v) => t(`ui.cases.vulnerability.${v}`)} {...form.getInputProps('vulnerabilities')} />
        {heading('contacts')}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('fields.lineId')} autoComplete="off" {...form.getInputProps('lineId')} />
          <TextInput type="email" label={t('fields.email')} autoComplete="off" {...form.getInputProps('email')} />
        </SimpleGrid>
        <Textarea label={t('fields.whereabouts')} autosize minRows={2} {...form.getInputProps('whereabouts')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('fields.assignedTo')} data={assigneeOptions} clearable searchable nothingFoundMessage={t('ui.search.noResults')} {...form.getInputProps('assignedTo')} />
          <TextInput type="date" label={t('fields.effectiveOn')} description={t('ui.cases.effectiveHint')} {...form.getInputProps('effectiveOn')} />
        </SimpleGrid>
        <FormActions submitLabel={t('ui.cases.save')} loading={mutation.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
