import { Checkbox, Fieldset, MultiSelect, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../../shared/codes';
import { FormActions } from '../../../web/components/FormActions';
import { showApiError } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { useLanguageOptions } from '../../../web/options';
import type { Partner, PartnerCost, PartnerKind } from '../contract';
import { clearButton, costOptions, kindOptions } from './partners.labels';
import { createPartner, partnerKey, partnersKey, updatePartner, type CreatePartnerBody, type UpdatePartnerBody } from './partners.queries';

type TextField =
  | 'nameJa' | 'nameEn' | 'nameKana' | 'postalCode' | 'prefecture' | 'city' | 'addressLine' | 'phone' | 'email' | 'website' | 'nearestStation'
  | 'openingHours' | 'costNotes' | 'contactName' | 'contactRole' | 'contactPhone' | 'contactEmail' | 'notes';

type Values = Record<TextField, string> & {
  kind: PartnerKind | null;
  languages: string[];
  cost: PartnerCost;
  acceptsUninsured: boolean;
  acceptsNoStatus: boolean;
};

const textFields: TextField[] = [
  'nameJa', 'nameEn', 'nameKana', 'postalCode', 'prefecture', 'city', 'addressLine', 'phone', 'email', 'website', 'nearestStation',
  'openingHours', 'costNotes', 'contactName', 'contactRole', 'contactPhone', 'contactEmail', 'notes',
];

const blank: Values = {
  kind: null, nameJa: '', nameEn: '', nameKana: '', postalCode: '', prefecture: '', city: '', addressLine: '', phone: '', email: '', website: '',
  nearestStation: '', languages: [], openingHours: '', cost: 'unknown', costNotes: '', acceptsUninsured: false, acceptsNoStatus: false,
  contactName: '', contactRole: '', contactPhone: '', contactEmail: '', notes: '',
};

function valuesOf(p: Partner): Values {
  const values = { ...blank, kind: p.kind, languages: [...p.languages], cost: p.cost, acceptsUninsured: p.acceptsUninsured, acceptsNoStatus: p.acceptsNoStatus };
  for (const field of textFields) values[field] = p[field];
  return values;
}

// An empty kind is left out, so the server names it as required under its field.
function toInput(v: Values): CreatePartnerBody {
  const { kind, ...rest } = v;
  return (kind === null ? rest : { ...rest, kind }) as CreatePartnerBody;
}

/** Only what changed, with the version it was changed from (the server refills prefecture and city for a new 〒). */
function changesOf(before: Values, after: Values, version: number): UpdatePartnerBody {
  const changes: UpdatePartnerBody = { version };
  for (const field of textFields) if (before[field] !== after[field]) changes[field] = after[field];
  if (after.kind !== null && after.kind !== before.kind) changes.kind = after.kind;
  if (after.languages.join(' ') !== before.languages.join(' ')) changes.languages = after.languages;
  if (after.cost !== before.cost) changes.cost = after.cost;
  if (after.acceptsUninsured !== before.acceptsUninsured) changes.acceptsUninsured = after.acceptsUninsured;
  if (after.acceptsNoStatus !== before.acceptsNoStatus) changes.acceptsNoStatus = after.acceptsNoStatus;
  return changes;
}

/**
 * A partner's every field (kind, names, address with 〒, how to reach it, languages, hours, cost,
 * whom it accepts, the contact person, notes); or a change to one. The server checks every field
 * (the contract) and its messages land under their fields.
 */
export function PartnerForm({ partner, onSaved, cancelTo, onCancel }: { partner?: Partner; onSaved: (p: Partner) => void; cancelTo?: string; onCancel?: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const initial = useMemo(() => (partner ? valuesOf(partner) : blank), [partner]);
  const form = useForm<Values>({ mode: 'controlled', initialValues: initial });
  const kinds = useMemo(() => kindOptions(t), [t]);
  const costs = useMemo(() => costOptions(t), [t]);
  const common = useLanguageOptions();
  // A language that came in by import and is not in the picker's list stays choosable.
  const languages = useMemo(() => {
    const listed = new Set(common.flatMap((g) => g.items.map((i) => i.value)));
    const others = (partner?.languages ?? []).filter((c) => !listed.has(c)).map((c) => ({ value: c, label: displayName('language', c, language) }));
    return others.length === 0 ? common : [...common, { group: t('ui.partners.form.otherLanguages'), items: others }];
  }, [common, partner, language, t]);

  const mutation = useMutation({
    mutationFn: (v: Values) => (partner ? updatePartner(partner.id, changesOf(initial, v, partner.version)) : createPartner(toInput(v))),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: partnersKey });
      client.setQueryData(partnerKey(saved.id), saved);
      onSaved(saved);
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });

  const text = (field: TextField, label: string, extra: { description?: string; lang?: string; type?: string; autoComplete?: string } = {}) => (
    <TextInput label={label} autoComplete={extra.autoComplete ?? 'off'} {...extra} {...form.getInputProps(field)} />
  );

  return (
    <form noValidate aria-label={partner ? t('ui.partners.form.editLabel') : t('ui.partners.form.newLabel')} onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack>
        <Fieldset legend={t('ui.partners.form.about')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('ui.partners.field.kind')} data={kinds} withAsterisk searchable allowDeselect={false} {...form.getInputProps('kind')} />
            {text('nameJa', t('ui.partners.field.nameJa'), { lang: 'ja' })}
            {text('nameEn', t('ui.partners.field.nameEn'), { lang: 'en' })}
            {text('nameKana', t('ui.partners.field.nameKana'), { lang: 'ja', description: t('ui.partners.form.nameKanaHint') })}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('ui.partners.form.address')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('postalCode', t('ui.partners.field.postalCode'), { description: t('ui.partners.form.postalCodeHint'), autoComplete: 'off' })}
            {text('prefecture', t('ui.partners.field.prefecture'), { lang: 'ja', description: t('ui.partners.form.fromPostalCode') })}
            {text('city', t('ui.partners.field.city'), { lang: 'ja', description: t('ui.partners.form.fromPostalCode') })}
            {text('addressLine', t('ui.partners.field.addressLine'), { lang: 'ja' })}
            {text('nearestStation', t('ui.partners.field.nearestStation'), { description: t('ui.partners.form.nearestStationHint') })}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('ui.partners.form.reach')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('phone', t('ui.partners.field.phone'), { type: 'tel' })}
            {text('email', t('ui.partners.field.email'), { type: 'email' })}
            {text('website', t('ui.partners.field.website'), { type: 'url', description: t('ui.partners.form.websiteHint') })}
            <Textarea label={t('ui.partners.field.openingHours')} autosize minRows={2} {...form.getInputProps('openingHours')} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('ui.partners.form.access')}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelect
                label={t('ui.partners.field.languages')}
                description={t('ui.partners.form.languagesHint')}
                data={languages}
                searchable
                clearable
                hidePickedOptions
                nothingFoundMessage={t('ui.partners.directory.noLanguage')}
                clearButtonProps={clearButton(t('ui.partners.form.clearLanguages'))}
                {...form.getInputProps('languages')}
              />
              <Select label={t('ui.partners.field.cost')} data={costs} allowDeselect={false} {...form.getInputProps('cost')} />
            </SimpleGrid>
            <Textarea label={t('ui.partners.field.costNotes')} description={t('ui.partners.form.costNotesHint')} autosize minRows={2} {...form.getInputProps('costNotes')} />
            <Checkbox label={t('ui.partners.field.acceptsUninsured')} {...form.getInputProps('acceptsUninsured', { type: 'checkbox' })} />
            <Checkbox label={t('ui.partners.field.acceptsNoStatus')} {...form.getInputProps('acceptsNoStatus', { type: 'checkbox' })} />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('ui.partners.form.contact')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('contactName', t('ui.partners.field.contactName'))}
            {text('contactRole', t('ui.partners.field.contactRole'))}
            {text('contactPhone', t('ui.partners.field.contactPhone'), { type: 'tel' })}
            {text('contactEmail', t('ui.partners.field.contactEmail'), { type: 'email' })}
          </SimpleGrid>
        </Fieldset>
        <Textarea label={t('ui.partners.field.notes')} autosize minRows={3} {...form.getInputProps('notes')} />
        <FormActions submitLabel={partner ? t('ui.common.save') : t('ui.partners.form.create')} loading={mutation.isPending} cancelTo={cancelTo} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
