import { z } from 'zod';
import { IsoDate } from '../../shared/codes';
import { PersonSummary } from '../people/contract';

// Vocabulary: ../../../shared/DOMAIN.md "The person's legal situation". The codes match the CHECK
// constraints of migrations/0002_case_files.sql.

/** 在留資格. Work permission is on the designation paper 指定書, so it is its own field. */
export const ResidenceStatus = z.enum(['temporary_visitor', 'designated_work', 'designated_no_work', 'long_term_resident', 'provisional_stay', 'no_status', 'other']);
export type ResidenceStatus = z.infer<typeof ResidenceStatus>;

/** 身柄. */
export const Custody = z.enum(['free', 'detained', 'provisional_release', 'supervision']);
export type Custody = z.infer<typeof Custody>;

/** 手続. */
export const ProcedureStage = z.enum([
  'pre_application', 'first_instance', 'rejected', 'review_pending', 'in_court', 'recognised', 'complementary_protection',
  'humanitarian_stay', 'special_permission_pending', 'withdrawn', 'departed', 'deported',
]);
export type ProcedureStage = z.infer<typeof ProcedureStage>;

/** 振り分け. */
export const SortingCategory = z.enum(['A', 'B', 'C', 'D1', 'D2']);

/** 保護費 status. */
export const AllowanceStatus = z.enum(['not_applied', 'awaiting', 'receiving', 'ineligible', 'stopped', 'reapplied']);
export type AllowanceStatus = z.infer<typeof AllowanceStatus>;
/** The statuses in which the person is waiting for an allowance decision. */
export const waitingAllowanceStatuses: readonly AllowanceStatus[] = ['awaiting', 'reapplied'];

/** 保険. */
export const HealthInsurance = z.enum(['national', 'employee', 'uninsured', 'free_low_cost']);

/**
 * Vulnerabilities the office gives priority to (DOMAIN.md: shelter priority for women and children,
 * barrier 14 "unmet needs of vulnerable groups", reception priority reasons).
 */
export const Vulnerability = z.enum([
  'woman_at_risk', 'child', 'unaccompanied_minor', 'pregnancy', 'single_parent', 'illness', 'mental_health', 'disability',
  'elderly', 'torture_survivor', 'trafficking_survivor', 'lgbtq', 'rough_sleeping',
]);
export type Vulnerability = z.infer<typeof Vulnerability>;

/** How a household member is related to the person whose file is open. */
export const Relationship = z.enum(['spouse', 'child', 'parent', 'sibling', 'other']);
export type Relationship = z.infer<typeof Relationship>;

export const CaseEventKind = z.enum(['interview', 'reporting']);
export type CaseEventKind = z.infer<typeof CaseEventKind>;

/** Residence card 在留カード number: full-width and spaces folded, upper case. */
export function normaliseCardNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s\-‐－]/g, '').toUpperCase();
}
/** Two letters, eight digits, two letters (e.g. AB12345678CD). */
export const cardNumberPattern = /^[A-Z]{2}[0-9]{8}[A-Z]{2}$/;
export const ResidenceCardNumber = z.string().max(40).overwrite(normaliseCardNumber).regex(cardNumberPattern);

const DateOrNull = IsoDate.nullable();
const Short = z.string().trim().max(200);

/** Every field of the case file a caseworker can set (all optional in a PATCH). */
export const caseFileFields = {
  residenceStatus: ResidenceStatus.nullable(),
  residenceCardNumber: ResidenceCardNumber.nullable(),
  residenceExpiresOn: DateOrNull,
  workPermitted: z.boolean().nullable(),
  custody: Custody.nullable(),
  supervisorName: Short.nullable(),
  procedureStage: ProcedureStage.nullable(),
  /** 1, 2, or 3 meaning "third or later" (no suspensive effect without new grounds). */
  applicationCount: z.number().int().min(1).max(3).nullable(),
  sortingCategory: SortingCategory.nullable(),
  appliedOn: DateOrNull,
  decisionNoticeReceivedOn: DateOrNull,
  allowanceStatus: AllowanceStatus.nullable(),
  allowanceAppliedOn: DateOrNull,
  allowanceDecidedOn: DateOrNull,
  healthInsurance: HealthInsurance.nullable(),
  insuranceEligibleOn: DateOrNull,
  vulnerabilities: z.array(Vulnerability).max(Vulnerability.options.length),
  whereabouts: z.string().trim().max(2000),
  lineId: z.string().trim().max(100).nullable(),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()).nullable(),
  /** The responsible caseworker: a staff account of the same organisation. */
  assignedTo: z.uuid().nullable(),
};
export type CaseFileFieldName = keyof typeof caseFileFields;
export const caseFileFieldNames = Object.keys(caseFileFields) as CaseFileFieldName[];

export const UpdateCaseFileInput = z.strictObject({
  ...(Object.fromEntries(Object.entries(caseFileFields).map(([k, v]) => [k, v.optional()])) as {
    [K in CaseFileFieldName]: z.ZodOptional<(typeof caseFileFields)[K]>;
  }),
  /** The version the editor started from: 0 before the first save; a stale one gets 409 case_file.version_conflict. */
  version: z.number().int().min(0),
  /** The day the change took effect, as the caseworker knows it (default today in Tokyo; not in the future). */
  effectiveOn: IsoDate.optional(),
});
export type UpdateCaseFileInput = z.infer<typeof UpdateCaseFileInput>;

export const CaseFile = z.object({
  personId: z.uuid(),
  residenceStatus: ResidenceStatus.nullable(),
  residenceCardNumber: z.string().nullable(),
  residenceExpiresOn: z.string().nullable(),
  workPermitted: z.boolean().nullable(),
  custody: Custody.nullable(),
  supervisorName: z.string().nullable(),
  procedureStage: ProcedureStage.nullable(),
  applicationCount: z.number().nullable(),
  sortingCategory: SortingCategory.nullable(),
  appliedOn: z.string().nullable(),
  decisionNoticeReceivedOn: z.string().nullable(),
  allowanceStatus: AllowanceStatus.nullable(),
  allowanceAppliedOn: z.string().nullable(),
  allowanceDecidedOn: z.string().nullable(),
  healthInsurance: HealthInsurance.nullable(),
  insuranceEligibleOn: z.string().nullable(),
  vulnerabilities: z.array(Vulnerability),
  whereabouts: z.string(),
  lineId: z.string().nullable(),
  email: z.string().nullable(),
  assignedTo: z.uuid().nullable(),
  assignedToName: z.string().nullable(),
  /** 0 while nothing has been saved yet. */
  version: z.number(),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
  updatedByName: z.string().nullable(),
  /** Days from the allowance application to today (Tokyo) while awaiting or reapplied; else null. */
  allowanceDaysWaiting: z.number().nullable(),
});
export type CaseFile = z.infer<typeof CaseFile>;

export const CaseStatusChange = z.object({
  id: z.uuid(),
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  /** For assignedTo: the staff names behind the ids. */
  oldLabel: z.string().nullable(),
  newLabel: z.string().nullable(),
  effectiveOn: z.string(),
  recordedAt: z.iso.datetime({ offset: true }),
  recordedBy: z.uuid(),
  recordedByName: z.string(),
});
export type CaseStatusChange = z.infer<typeof CaseStatusChange>;
export const CaseHistory = z.object({ items: z.array(CaseStatusChange) });

export const CreateCaseEventInput = z.strictObject({
  kind: CaseEventKind,
  occursOn: IsoDate,
  note: z.string().trim().max(2000).default(''),
});
export type CreateCaseEventInput = z.infer<typeof CreateCaseEventInput>;

export const UpdateCaseEventInput = z
  .strictObject({
    done: z.boolean().optional(),
    occursOn: IsoDate.optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((v) => v.done !== undefined || v.occursOn !== undefined || v.note !== undefined, { path: ['done'], params: { key: 'required' } });
export type UpdateCaseEventInput = z.infer<typeof UpdateCaseEventInput>;

export const CaseEvent = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  kind: CaseEventKind,
  occursOn: z.string(),
  note: z.string(),
  done: z.boolean(),
  doneAt: z.iso.datetime({ offset: true }).nullable(),
  createdByName: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  /** A reporting date more than 3 months after the previous one (the limit under supervision measures). */
  exceedsReportingInterval: z.boolean(),
});
export type CaseEvent = z.infer<typeof CaseEvent>;
export const CaseEventList = z.object({ items: z.array(CaseEvent) });

export const CreateHouseholdLinkInput = z.strictObject({
  memberPersonId: z.uuid(),
  /** What the member is to the person whose file is open (e.g. `child`). */
  relationship: Relationship,
});
export type CreateHouseholdLinkInput = z.infer<typeof CreateHouseholdLinkInput>;

export const HouseholdMember = z.object({
  linkId: z.uuid(),
  /** What the other person is to the person whose household is read (read from either end). */
  relationship: Relationship,
  person: PersonSummary,
  createdAt: z.iso.datetime({ offset: true }),
});
export type HouseholdMember = z.infer<typeof HouseholdMember>;
export const Household = z.object({ items: z.array(HouseholdMember) });

export const AllowanceWaitingEntry = z.object({
  person: PersonSummary,
  allowanceStatus: AllowanceStatus,
  allowanceAppliedOn: z.string(),
  daysWaiting: z.number(),
  assignedTo: z.uuid().nullable(),
  assignedToName: z.string().nullable(),
});
export type AllowanceWaitingEntry = z.infer<typeof AllowanceWaitingEntry>;
export const AllowanceWaitingList = z.object({ items: z.array(AllowanceWaitingEntry) });

/** Someone a file can be assigned to: from GET /api/staff/assignable?permission=cases.write. */
export type { AssignableStaff as Assignee } from '../staff/contract';
