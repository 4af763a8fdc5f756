import { z } from 'zod';
import { IsoDate, EmailAddress, PhoneNumber } from '../../shared/codes';

// Fundraising (issue 13): supporters, gifts, campaigns, funds and monthly / yearly giving, with
// Japanese conventions first (../../../shared/DOMAIN.md "Donations in Japan"). Money is integer yen.
// The rooms with their own contracts: receipts/, imports/, reports/.

// --- Supporters ------------------------------------------------------------------------------

export const SupporterKind = z.enum(['individual', 'organisation']);
export type SupporterKind = z.infer<typeof SupporterKind>;
/** 様 for a person (also a named person in an organisation), 御中 for an organisation or department. */
export const Honorific = z.enum(['sama', 'onchu']);
export type Honorific = z.infer<typeof Honorific>;
export const honorificText: Record<Honorific, string> = { sama: '様', onchu: '御中' };

const Name = z.string().trim().max(100);
/** A reading in katakana (hiragana is accepted and turned into katakana; half-width kana too). */
export const KanaReading = z
  .string()
  .trim()
  .max(100)
  .transform((s) => toKatakana(s))
  .refine((s) => /^[\u30a0-\u30ff\u3000\s・ー]*$/.test(s), { params: { key: 'katakana_only' } });

/** Full-width and half-width kana, hiragana → katakana; spaces folded. */
export function toKatakana(input: string): string {
  return input.normalize('NFKC').replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60)).replace(/[\s\u3000]+/g, ' ').trim();
}

/** 〒 as typed (104-0061, １０４－００６１, 〒1040061) → seven digits. */
export function normalisePostalCode(input: string): string {
  return input.normalize('NFKC').replace(/[〒\s-]/g, '').replace(/[‐－ー−]/g, '');
}
export const PostalCode = z
  .string()
  .trim()
  .transform(normalisePostalCode)
  .refine((s) => /^\d{7}$/.test(s), { params: { key: 'postal_code_format' } });

export const AddressInput = z.strictObject({
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).default('JP'),
  postalCode: z.string().trim().max(20).optional(),
  /** Filled from the postal code when left empty. */
  prefecture: z.string().trim().max(20).default(''),
  city: z.string().trim().max(100).default(''),
  line1: z.string().trim().max(200).default(''),
  line2: z.string().trim().max(200).default(''),
  validFrom: IsoDate.optional(),
});
export type AddressInput = z.infer<typeof AddressInput>;

export const Address = z.object({
  id: z.uuid(),
  country: z.string(),
  postalCode: z.string().nullable(),
  prefecture: z.string(),
  city: z.string(),
  line1: z.string(),
  line2: z.string(),
  validFrom: z.string(),
  replacedAt: z.string().nullable(),
});
export type Address = z.infer<typeof Address>;

const Email = EmailAddress;
/** A phone number as typed (src/shared/codes.ts). */
const Phone = PhoneNumber;
const Tag = z.string().trim().min(1).max(40);

const supporterFields = {
  kind: SupporterKind.default('individual'),
  familyName: Name.default(''),
  givenName: Name.default(''),
  familyNameKana: KanaReading.default(''),
  givenNameKana: KanaReading.default(''),
  organisationName: z.string().trim().max(200).default(''),
  organisationNameKana: KanaReading.default(''),
  department: z.string().trim().max(200).default(''),
  /** Defaults to 様 for a person, 御中 for an organisation without a named person. */
  honorific: Honorific.optional(),
  email: Email.nullable().optional(),
  phone: Phone.nullable().optional(),
  preferredLanguage: z.enum(['ja', 'en']).default('ja'),
  allowPost: z.boolean().default(true),
  allowEmail: z.boolean().default(true),
  allowPhone: z.boolean().default(false),
  publishName: z.boolean().default(false),
  noContact: z.boolean().default(false),
  notes: z.string().trim().max(4000).default(''),
  tags: z.array(Tag).max(30).default([]),
};

export const CreateSupporterInput = z.strictObject({
  ...supporterFields,
  address: AddressInput.optional(),
  /** Create even though strong duplicates were proposed (the person looked and chose). */
  acknowledgeDuplicates: z.boolean().default(false),
});
export type CreateSupporterInput = z.infer<typeof CreateSupporterInput>;

export const UpdateSupporterInput = z.strictObject({
  version: z.number().int().positive(),
  kind: SupporterKind.optional(),
  familyName: Name.optional(),
  givenName: Name.optional(),
  familyNameKana: KanaReading.optional(),
  givenNameKana: KanaReading.optional(),
  organisationName: z.string().trim().max(200).optional(),
  organisationNameKana: KanaReading.optional(),
  department: z.string().trim().max(200).optional(),
  honorific: Honorific.optional(),
  email: Email.nullable().optional(),
  phone: Phone.nullable().optional(),
  preferredLanguage: z.enum(['ja', 'en']).optional(),
  allowPost: z.boolean().optional(),
  allowEmail: z.boolean().optional(),
  allowPhone: z.boolean().optional(),
  publishName: z.boolean().optional(),
  noContact: z.boolean().optional(),
  notes: z.string().trim().max(4000).optional(),
  tags: z.array(Tag).max(30).optional(),
  /** A move: the current address is kept as history and this one becomes current. */
  address: AddressInput.optional(),
});
export type UpdateSupporterInput = z.infer<typeof UpdateSupporterInput>;

export const SupporterSummary = z.object({
  id: z.uuid(),
  supporterNumber: z.string(),
  kind: SupporterKind,
  /** How a letter addresses them: 山田 太郎 様, 株式会社〇〇 総務部 御中. */
  displayName: z.string(),
  reading: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  postalCode: z.string().nullable(),
  prefecture: z.string(),
  city: z.string(),
  noContact: z.boolean(),
  mergedIntoId: z.uuid().nullable(),
});
export type SupporterSummary = z.infer<typeof SupporterSummary>;

export const Supporter = SupporterSummary.extend({
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  organisationName: z.string(),
  organisationNameKana: z.string(),
  department: z.string(),
  honorific: Honorific,
  preferredLanguage: z.enum(['ja', 'en']),
  allowPost: z.boolean(),
  allowEmail: z.boolean(),
  allowPhone: z.boolean(),
  publishName: z.boolean(),
  notes: z.string(),
  tags: z.array(z.string()),
  address: Address.nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Supporter = z.infer<typeof Supporter>;

export const SupporterSearchQuery = z.object({
  q: z.string().trim().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const SupporterList = z.object({ supporters: z.array(SupporterSummary), total: z.number().int() });
export type SupporterList = z.infer<typeof SupporterList>;

/** What a proposed duplicate matched on; 'strong' asks the person to look before creating. */
/** `kana`: only the reading agrees (a bank transfer names the payer in kana, without an address). */
export const DuplicateReason = z.enum(['email', 'phone', 'kana_postal', 'name_city', 'kana']);
export type DuplicateReason = z.infer<typeof DuplicateReason>;
export const DuplicateCandidate = z.object({
  supporter: SupporterSummary,
  level: z.enum(['strong', 'possible']),
  reasons: z.array(DuplicateReason),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

export const DuplicateQuery = z.strictObject({
  kind: SupporterKind.default('individual'),
  familyName: Name.default(''),
  givenName: Name.default(''),
  familyNameKana: KanaReading.default(''),
  givenNameKana: KanaReading.default(''),
  organisationName: z.string().trim().max(200).default(''),
  email: z.string().trim().toLowerCase().max(254).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  postalCode: z.string().trim().max(20).nullable().optional(),
  prefecture: z.string().trim().max(20).optional(),
  city: z.string().trim().max(100).optional(),
  /** Leave a supporter out (itself, when editing). */
  excludeId: z.uuid().optional(),
});
export type DuplicateQuery = z.infer<typeof DuplicateQuery>;

export const PostalLookup = z.object({
  postalCode: z.string(),
  /** Every place the code names (a few codes cover several towns). */
  places: z.array(z.object({ prefecture: z.string(), city: z.string(), town: z.string() })),
});
export type PostalLookup = z.infer<typeof PostalLookup>;

// --- Merging duplicates ---------------------------------------------------------------------

export const MergePreview = z.object({
  kept: Supporter,
  merged: Supporter,
  /** The kept record after the merge: empty fields of the kept one are filled from the other. */
  result: Supporter,
  moves: z.object({ gifts: z.number().int(), commitments: z.number().int(), softCredits: z.number().int(), addresses: z.number().int() }),
});
export type MergePreview = z.infer<typeof MergePreview>;
export const MergeInput = z.strictObject({ keptId: z.uuid(), mergedId: z.uuid() });
export const SupporterMerge = z.object({ id: z.uuid(), keptId: z.uuid(), mergedId: z.uuid(), mergedAt: z.string(), undoneAt: z.string().nullable() });
export type SupporterMerge = z.infer<typeof SupporterMerge>;

// --- Funds and campaigns ---------------------------------------------------------------------

export const Fund = z.object({ id: z.uuid(), code: z.string(), labelJa: z.string(), labelEn: z.string(), isRestricted: z.boolean(), retiredAt: z.string().nullable() });
export type Fund = z.infer<typeof Fund>;
export const CreateFundInput = z.strictObject({
  code: z.string().trim().toLowerCase().regex(/^[a-z0-9_]{1,40}$/),
  labelJa: z.string().trim().min(1).max(100),
  labelEn: z.string().trim().min(1).max(100),
  isRestricted: z.boolean().default(true),
});

export const CampaignChannel = z.enum(['online', 'mail', 'event', 'runners', 'corporate', 'grant', 'other']);
export const CreateCampaignInput = z.strictObject({
  code: z.string().trim().toLowerCase().regex(/^[a-z0-9_-]{1,60}$/),
  nameJa: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  channel: CampaignChannel.default('online'),
  goalYen: z.number().int().positive().max(100_000_000_000).nullable().default(null),
  startsOn: IsoDate,
  endsOn: IsoDate.nullable().default(null),
  fundId: z.uuid().nullable().default(null),
  description: z.string().trim().max(2000).default(''),
});
export type CreateCampaignInput = z.infer<typeof CreateCampaignInput>;
export const UpdateCampaignInput = z.strictObject({
  version: z.number().int().positive(),
  nameJa: z.string().trim().min(1).max(200).optional(),
  nameEn: z.string().trim().min(1).max(200).optional(),
  channel: CampaignChannel.optional(),
  goalYen: z.number().int().positive().max(100_000_000_000).nullable().optional(),
  startsOn: IsoDate.optional(),
  endsOn: IsoDate.nullable().optional(),
  fundId: z.uuid().nullable().optional(),
  description: z.string().trim().max(2000).optional(),
  archived: z.boolean().optional(),
});
export type UpdateCampaignInput = z.infer<typeof UpdateCampaignInput>;

export const Campaign = z.object({
  id: z.uuid(),
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  channel: CampaignChannel,
  goalYen: z.number().int().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  fundId: z.uuid().nullable(),
  description: z.string(),
  archivedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignProgress = z.object({
  campaign: Campaign,
  /** Received gifts, net of refunds. */
  raisedYen: z.number().int(),
  pledgedYen: z.number().int(),
  gifts: z.number().int(),
  donors: z.number().int(),
  averageGiftYen: z.number().int(),
  /** Donors whose first gift ever came through this campaign. */
  newDonors: z.number().int(),
  /** Cumulative raised per day received. */
  series: z.array(z.object({ date: z.string(), raisedYen: z.number().int(), cumulativeYen: z.number().int(), gifts: z.number().int() })),
});
export type CampaignProgress = z.infer<typeof CampaignProgress>;

// --- Gifts -----------------------------------------------------------------------------------

export const GiftMethod = z.enum(['card', 'bank_transfer', 'direct_debit', 'cash', 'convenience_store', 'in_kind', 'other']);
export type GiftMethod = z.infer<typeof GiftMethod>;
export const GiftStatus = z.enum(['pledged', 'received', 'refunded', 'failed']);
export type GiftStatus = z.infer<typeof GiftStatus>;
export const SoftCreditKind = z.enum(['runner', 'in_honour', 'in_memory', 'fundraiser', 'other']);

/** Integer yen, more than zero: ¥0, negatives and 1000.5 are refused. */
export const Yen = z
  .number()
  .refine((n) => Number.isInteger(n), { params: { key: 'yen_integer' }, abort: true })
  .refine((n) => n > 0, { params: { key: 'yen_positive' }, abort: true })
  .refine((n) => n <= 10_000_000_000, { params: { key: 'yen_too_large' } });

export const SoftCreditInput = z.strictObject({
  kind: SoftCreditKind,
  supporterId: z.uuid().nullable().default(null),
  name: z.string().trim().max(200).default(''),
}).refine((s) => s.supporterId !== null || s.name !== '', { params: { key: 'soft_credit_needs_name' }, path: ['name'] });

export const CreateGiftInput = z.strictObject({
  supporterId: z.uuid().nullable(),
  amountYen: Yen,
  receivedOn: IsoDate,
  method: GiftMethod,
  inKindDescription: z.string().trim().max(500).default(''),
  valuationBasis: z.string().trim().max(500).default(''),
  campaignId: z.uuid().nullable().default(null),
  /** Defaults to the campaign's fund, else unrestricted. */
  fundId: z.uuid().nullable().default(null),
  isAnonymous: z.boolean().default(false),
  donorMessage: z.string().trim().max(2000).default(''),
  sourcePlatform: z.string().trim().regex(/^[a-z0-9_]{1,30}$/).default('manual'),
  externalId: z.string().trim().min(1).max(200).nullable().default(null),
  feeYen: z.number().int().min(0).max(10_000_000_000).default(0),
  status: z.enum(['pledged', 'received', 'failed']).default('received'),
  recurringCommitmentId: z.uuid().nullable().default(null),
  note: z.string().trim().max(2000).default(''),
  softCredits: z.array(SoftCreditInput).max(10).default([]),
});
export type CreateGiftInput = z.infer<typeof CreateGiftInput>;

export const UpdateGiftInput = z.strictObject({
  version: z.number().int().positive(),
  /** A pledge received, or a pledge that failed. */
  status: z.enum(['received', 'failed']).optional(),
  receivedOn: IsoDate.optional(),
  campaignId: z.uuid().nullable().optional(),
  fundId: z.uuid().optional(),
  isAnonymous: z.boolean().optional(),
  donorMessage: z.string().trim().max(2000).optional(),
  note: z.string().trim().max(2000).optional(),
  feeYen: z.number().int().min(0).max(10_000_000_000).optional(),
});
export type UpdateGiftInput = z.infer<typeof UpdateGiftInput>;

export const RefundInput = z.strictObject({ version: z.number().int().positive(), refundedOn: IsoDate, reason: z.string().trim().min(1).max(500) });

export const Gift = z.object({
  id: z.uuid(),
  supporterId: z.uuid().nullable(),
  supporterName: z.string().nullable(),
  amountYen: z.number().int(),
  receivedOn: z.string(),
  method: GiftMethod,
  inKindDescription: z.string(),
  valuationBasis: z.string(),
  campaignId: z.uuid().nullable(),
  campaignNameJa: z.string().nullable(),
  campaignNameEn: z.string().nullable(),
  fundId: z.uuid(),
  fundLabelJa: z.string(),
  fundLabelEn: z.string(),
  isAnonymous: z.boolean(),
  donorMessage: z.string(),
  sourcePlatform: z.string(),
  externalId: z.string().nullable(),
  feeYen: z.number().int(),
  netYen: z.number().int(),
  status: GiftStatus,
  reversesGiftId: z.uuid().nullable(),
  recurringCommitmentId: z.uuid().nullable(),
  importBatchId: z.uuid().nullable(),
  note: z.string(),
  thankedAt: z.string().nullable(),
  softCredits: z.array(z.object({ kind: SoftCreditKind, supporterId: z.uuid().nullable(), name: z.string() })),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Gift = z.infer<typeof Gift>;

export const GiftQuery = z.object({
  supporterId: z.uuid().optional(),
  campaignId: z.uuid().optional(),
  status: GiftStatus.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Received gifts nobody has thanked yet. */
  unthanked: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type GiftQuery = z.infer<typeof GiftQuery>;
export const GiftList = z.object({ gifts: z.array(Gift), total: z.number().int() });
export type GiftList = z.infer<typeof GiftList>;

// --- Monthly and yearly giving ---------------------------------------------------------------

export const CommitmentStatus = z.enum(['active', 'paused', 'failing', 'cancelled']);
export type CommitmentStatus = z.infer<typeof CommitmentStatus>;
export const CreateCommitmentInput = z.strictObject({
  supporterId: z.uuid(),
  frequency: z.enum(['monthly', 'yearly']).default('monthly'),
  amountYen: Yen,
  dayOfMonth: z.number().int().min(1).max(31),
  monthOfYear: z.number().int().min(1).max(12).nullable().default(null),
  method: GiftMethod,
  fundId: z.uuid().nullable().default(null),
  campaignId: z.uuid().nullable().default(null),
  startsOn: IsoDate,
  endsOn: IsoDate.nullable().default(null),
  sourcePlatform: z.string().trim().regex(/^[a-z0-9_]{1,30}$/).default('manual'),
  externalId: z.string().trim().min(1).max(200).nullable().default(null),
});
export type CreateCommitmentInput = z.infer<typeof CreateCommitmentInput>;
export const UpdateCommitmentInput = z.strictObject({
  version: z.number().int().positive(),
  /** An upgrade or a downgrade, kept in the history. */
  amountYen: Yen.optional(),
  status: CommitmentStatus.optional(),
  /** Why it was paused, is failing or was cancelled. */
  reason: z.string().trim().max(500).optional(),
  dayOfMonth: z.number().int().min(1).max(31).optional(),
  method: GiftMethod.optional(),
  endsOn: IsoDate.nullable().optional(),
  effectiveOn: IsoDate.optional(),
});
export type UpdateCommitmentInput = z.infer<typeof UpdateCommitmentInput>;

export const CommitmentChange = z.object({
  kind: z.enum(['started', 'upgraded', 'downgraded', 'status', 'edited']),
  oldAmountYen: z.number().int().nullable(),
  newAmountYen: z.number().int().nullable(),
  oldStatus: z.string().nullable(),
  newStatus: z.string().nullable(),
  reason: z.string(),
  effectiveOn: z.string(),
  changedAt: z.string(),
});
export const Commitment = z.object({
  id: z.uuid(),
  supporterId: z.uuid(),
  supporterName: z.string(),
  frequency: z.enum(['monthly', 'yearly']),
  amountYen: z.number().int(),
  dayOfMonth: z.number().int(),
  monthOfYear: z.number().int().nullable(),
  method: GiftMethod,
  fundId: z.uuid().nullable(),
  campaignId: z.uuid().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: CommitmentStatus,
  statusReason: z.string(),
  sourcePlatform: z.string(),
  externalId: z.string().nullable(),
  version: z.number().int(),
});
export type Commitment = z.infer<typeof Commitment>;
export const CommitmentDetail = Commitment.extend({ history: z.array(CommitmentChange) });
export type CommitmentDetail = z.infer<typeof CommitmentDetail>;

/** The figures for a supporter's page: totals by year and what they give regularly. */
export const SupporterGiving = z.object({
  lifetimeYen: z.number().int(),
  gifts: z.number().int(),
  firstGiftOn: z.string().nullable(),
  lastGiftOn: z.string().nullable(),
  byYear: z.array(z.object({ year: z.number().int(), totalYen: z.number().int(), gifts: z.number().int() })),
});
export type SupporterGiving = z.infer<typeof SupporterGiving>;
