import { z } from 'zod';
import { CountryCode, IsoDate, LanguageCode } from '../../shared/codes';
import { Assistance } from '../assistance/contract';
import { Consultation } from '../consultations/contract';
import { DocumentMeta } from '../documents/contract';
import { Person } from '../people/contract';
import { PersonMerge } from '../merge/contract';
import { BarrierTag } from '../advocacy/contract';
import { Visit } from '../reception/contract';
import { PersonShelterRecords } from '../shelter/contract';

/** What a consent is for (APPI): collecting 要配慮個人情報, sharing with one named organisation, transfer abroad. */
export const ConsentPurpose = z.enum(['sensitive_data', 'sharing', 'transfer_abroad']);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;
/** How the consent was given; `verbal_interpreted` names the interpreter's language. */
export const ConsentMethod = z.enum(['written', 'verbal', 'verbal_interpreted', 'electronic']);
export const RecipientKind = z.enum(['lawyer', 'hospital', 'rhq', 'ngo', 'government', 'other']);
export const DataCategory = z.enum([
  'identity', 'contact', 'legal_status', 'procedure', 'health', 'persecution', 'consultation_notes',
  'documents', 'household', 'aid', 'other',
]);

const Name = z.string().trim().min(1).max(200);
const Text = z.string().trim().max(2000);
const required = (ctx: z.core.$RefinementCtx, path: string) => ctx.addIssue({ code: 'custom', path: [path], params: { key: 'required' }, message: 'required' });

export const CreateConsentInput = z
  .strictObject({
    purpose: ConsentPurpose,
    /** sharing: the organisation named to the person. */
    recipientName: Name.nullish(),
    /** transfer_abroad: where to, and which service or organisation. */
    country: CountryCode.nullish(),
    serviceName: Name.nullish(),
    scope: Text.default(''),
    consentedOn: IsoDate,
    method: ConsentMethod,
    interpreterLanguage: LanguageCode.nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.purpose === 'sharing' && !v.recipientName) required(ctx, 'recipientName');
    if (v.purpose === 'transfer_abroad' && !v.country) required(ctx, 'country');
    if (v.purpose === 'transfer_abroad' && !v.serviceName) required(ctx, 'serviceName');
    if (v.method === 'verbal_interpreted' && !v.interpreterLanguage) required(ctx, 'interpreterLanguage');
  });
export type CreateConsentInput = z.infer<typeof CreateConsentInput>;

export const WithdrawConsentInput = z.strictObject({ withdrawnOn: IsoDate });
export type WithdrawConsentInput = z.infer<typeof WithdrawConsentInput>;

export const Consent = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  purpose: ConsentPurpose,
  recipientName: z.string().nullable(),
  country: z.string().nullable(),
  serviceName: z.string().nullable(),
  scope: z.string(),
  consentedOn: z.string(),
  method: ConsentMethod,
  interpreterLanguage: z.string().nullable(),
  recordedByName: z.string(),
  recordedAt: z.iso.datetime({ offset: true }),
  withdrawnOn: z.string().nullable(),
  withdrawalRecordedByName: z.string().nullable(),
  withdrawalRecordedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Valid today (Tokyo): given, and not withdrawn. */
  isActive: z.boolean(),
});
export type Consent = z.infer<typeof Consent>;
export const ConsentList = z.object({ items: z.array(Consent) });

export const CreateDisclosureInput = z
  .strictObject({
    recipientName: Name,
    recipientKind: RecipientKind,
    dataCategories: z.array(DataCategory).min(1).max(DataCategory.options.length),
    note: Text.default(''),
    disclosedOn: IsoDate,
    /** The basis: an active consent of this person naming the recipient, or a legal ground. */
    consentId: z.uuid().nullish(),
    legalGround: z.string().trim().min(1).max(1000).nullish(),
  })
  .superRefine((v, ctx) => {
    if (!v.consentId && !v.legalGround) required(ctx, 'consentId');
    if (v.consentId && v.legalGround) ctx.addIssue({ code: 'custom', path: ['legalGround'], params: { key: 'one_basis' }, message: 'one basis' });
  });
export type CreateDisclosureInput = z.infer<typeof CreateDisclosureInput>;

export const Disclosure = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  recipientName: z.string(),
  recipientKind: RecipientKind,
  dataCategories: z.array(DataCategory),
  note: z.string(),
  disclosedOn: z.string(),
  consentId: z.uuid().nullable(),
  legalGround: z.string().nullable(),
  recordedByName: z.string(),
  recordedAt: z.iso.datetime({ offset: true }),
});
export type Disclosure = z.infer<typeof Disclosure>;
export const DisclosureList = z.object({ items: z.array(Disclosure) });

const SensitiveText = z.string().trim().max(10_000);
/** Persecution grounds and health details (要配慮個人情報); `version` 0 before the first save. */
export const PutSensitiveInput = z.strictObject({
  persecutionGrounds: SensitiveText.default(''),
  healthDetails: SensitiveText.default(''),
  version: z.number().int().min(0),
});
export type PutSensitiveInput = z.infer<typeof PutSensitiveInput>;

export const SensitiveFields = z.object({
  personId: z.uuid(),
  persecutionGrounds: z.string().nullable(),
  healthDetails: z.string().nullable(),
  version: z.number(),
  updatedByName: z.string().nullable(),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type SensitiveFields = z.infer<typeof SensitiveFields>;

const Instant = z.iso.datetime({ offset: true });

/** The case file as held (migrations/0002), for the person's own copy. */
export const ExportCaseFile = z.object({
  assignedToName: z.string().nullable(),
  residenceStatus: z.string().nullable(),
  residenceCardNumber: z.string().nullable(),
  residenceExpiresOn: z.string().nullable(),
  workPermitted: z.boolean().nullable(),
  custody: z.string().nullable(),
  supervisorName: z.string().nullable(),
  procedureStage: z.string().nullable(),
  applicationCount: z.number().nullable(),
  sortingCategory: z.string().nullable(),
  appliedOn: z.string().nullable(),
  decisionNoticeReceivedOn: z.string().nullable(),
  allowanceStatus: z.string().nullable(),
  allowanceAppliedOn: z.string().nullable(),
  allowanceDecidedOn: z.string().nullable(),
  healthInsurance: z.string().nullable(),
  insuranceEligibleOn: z.string().nullable(),
  vulnerabilities: z.array(z.string()),
  whereabouts: z.string(),
  lineId: z.string().nullable(),
  email: z.string().nullable(),
  updatedAt: Instant,
});
export type ExportCaseFile = z.infer<typeof ExportCaseFile>;

export const PersonExport = z.object({
  exportedAt: Instant,
  organisationName: z.string(),
  person: Person,
  caseFile: ExportCaseFile.nullable(),
  statusHistory: z.array(z.object({ field: z.string(), oldValue: z.string().nullable(), newValue: z.string().nullable(), effectiveOn: z.string(), recordedByName: z.string(), recordedAt: Instant })),
  caseEvents: z.array(z.object({ id: z.uuid(), kind: z.string(), occursOn: z.string(), note: z.string(), doneAt: Instant.nullable(), createdAt: Instant })),
  household: z.array(z.object({ personId: z.uuid(), fileNumber: z.string(), name: z.string(), relationship: z.string(), direction: z.enum(['to', 'from']) })),
  tasks: z.array(z.object({ id: z.uuid(), title: z.string(), dueOn: z.string().nullable(), status: z.string(), createdAt: Instant, completedAt: Instant.nullable() })),
  visits: z.array(Visit.omit({ person: true })),
  consultations: z.array(Consultation),
  assistance: z.array(Assistance),
  consents: z.array(Consent),
  disclosures: z.array(Disclosure),
  /** Omitted for roles without sensitive.read. */
  sensitive: SensitiveFields.nullable(),
  /** Every shelter stay, paid lodging and waiting-list entry (closed ones too); empty without shelter.read. */
  shelter: PersonShelterRecords,
  /** The merges this file took part in (as the surviving or the merged file). */
  merges: z.array(PersonMerge),
  /** The systemic barriers recorded for advocacy (empty without advocacy.tag). */
  barriers: z.array(BarrierTag),
  /** Metadata of attached documents, deleted ones included (never the files); empty without documents.read. */
  documents: z.array(DocumentMeta),
  accessLog: z.array(z.object({ occurredAt: Instant, actorName: z.string().nullable(), action: z.string(), entityType: z.string(), view: z.string().nullable() })),
});
export type PersonExport = z.infer<typeof PersonExport>;
