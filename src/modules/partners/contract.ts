import { z } from 'zod';
import { LanguageCode, EmailAddress, PhoneNumber } from '../../shared/codes';

// The directory of partners (issue 15): the organisations the office refers people to — clinics
// and hospitals, lawyers and legal aid, employers and job agencies, municipal offices, other NGOs,
// language schools. Shared by the medical and employment modules. Not personal data about clients;
// a partner's contact person is the only person in it.

export const PartnerKind = z.enum([
  'clinic',
  'hospital',
  /** 無料低額診療事業: free or low-cost care under the Social Welfare Act. */
  'free_low_cost_clinic',
  'psychiatry',
  'obstetrics',
  'dentistry',
  'lawyer',
  'legal_aid',
  'employer',
  'job_agency',
  'municipal_office',
  'ngo',
  'language_school',
  'other',
]);
export type PartnerKind = z.infer<typeof PartnerKind>;

/** What a visit costs the person. */
export const PartnerCost = z.enum(['free', 'sliding_scale', 'low_cost', 'insurance_required', 'standard', 'unknown']);
export type PartnerCost = z.infer<typeof PartnerCost>;

const Text = (max: number) => z.string().trim().max(max);
/** A phone number as typed (src/shared/codes.ts). */
const Phone = PhoneNumber;
const Email = z.union([z.literal(''), EmailAddress]);
/** 〒 as typed (104-0061, １０４－００６１) → seven digits, or empty. */
const PostalCode = z.string().trim().max(20).transform((s) => s.normalize('NFKC').replace(/[〒\s‐－ー−-]/g, ''))
  .refine((s) => s === '' || /^\d{7}$/.test(s), { params: { key: 'postal_code_format' } });
const Url = z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]);

const partnerFields = {
  kind: PartnerKind,
  nameJa: Text(200).min(1),
  nameEn: Text(200).default(''),
  /** The reading (katakana) for sorting and search. */
  nameKana: Text(200).default(''),
  postalCode: PostalCode.default(''),
  /** Filled from the postal code when left empty. */
  prefecture: Text(20).default(''),
  city: Text(100).default(''),
  addressLine: Text(300).default(''),
  phone: Phone.default(''),
  email: Email.default(''),
  website: Url.default(''),
  nearestStation: Text(200).default(''),
  /** Languages spoken there (ISO 639), beyond Japanese. */
  languages: z.array(LanguageCode).max(30).default([]),
  openingHours: Text(1000).default(''),
  cost: PartnerCost.default('unknown'),
  costNotes: Text(1000).default(''),
  /** Sees people without residence status (非正規滞在 / 仮放免). */
  acceptsNoStatus: z.boolean().default(false),
  /** Sees people without health insurance. */
  acceptsUninsured: z.boolean().default(false),
  contactName: Text(100).default(''),
  contactRole: Text(100).default(''),
  contactPhone: Phone.default(''),
  contactEmail: Email.default(''),
  notes: Text(4000).default(''),
};
export const CreatePartnerInput = z.strictObject(partnerFields);
export type CreatePartnerInput = z.infer<typeof CreatePartnerInput>;

/** Only what is sent changes (no defaults). */
export const UpdatePartnerInput = z.strictObject(Object.fromEntries(Object.entries(partnerFields).map(([k, v]) => [k, v instanceof z.ZodDefault ? v.unwrap() : v])) as { [K in keyof typeof partnerFields]: (typeof partnerFields)[K] extends z.ZodDefault<infer T> ? T : (typeof partnerFields)[K] })
  .partial().extend({ version: z.number().int().positive(), archived: z.boolean().optional() });
export type UpdatePartnerInput = z.infer<typeof UpdatePartnerInput>;

export const Partner = z.object({
  id: z.uuid(),
  kind: PartnerKind,
  nameJa: z.string(),
  nameEn: z.string(),
  nameKana: z.string(),
  postalCode: z.string(),
  prefecture: z.string(),
  city: z.string(),
  addressLine: z.string(),
  phone: z.string(),
  email: z.string(),
  website: z.string(),
  nearestStation: z.string(),
  languages: z.array(z.string()),
  openingHours: z.string(),
  cost: PartnerCost,
  costNotes: z.string(),
  acceptsNoStatus: z.boolean(),
  acceptsUninsured: z.boolean(),
  contactName: z.string(),
  contactRole: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string(),
  notes: z.string(),
  archivedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Partner = z.infer<typeof Partner>;

export const PartnerQuery = z.object({
  /** Name in Japanese, English or kana (any width), city, station. */
  q: z.string().trim().max(100).optional(),
  kind: z.union([PartnerKind, z.array(PartnerKind)]).optional(),
  language: LanguageCode.optional(),
  acceptsUninsured: z.enum(['true', 'false']).optional(),
  acceptsNoStatus: z.enum(['true', 'false']).optional(),
  prefecture: z.string().trim().max(20).optional(),
  city: z.string().trim().max(100).optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type PartnerQuery = z.infer<typeof PartnerQuery>;
export const PartnerList = z.object({ partners: z.array(Partner), total: z.number().int() });
export type PartnerList = z.infer<typeof PartnerList>;

// --- CSV import and export --------------------------------------------------------------------

/** The columns of the directory's CSV, in order (headers are bilingual: 「名称 / Name (Japanese)」). */
export const PARTNER_CSV_COLUMNS = [
  'id', 'kind', 'nameJa', 'nameEn', 'nameKana', 'postalCode', 'prefecture', 'city', 'addressLine', 'phone', 'email', 'website', 'nearestStation',
  'languages', 'openingHours', 'cost', 'costNotes', 'acceptsNoStatus', 'acceptsUninsured', 'contactName', 'contactRole', 'contactPhone', 'contactEmail', 'notes',
] as const;
export type PartnerCsvColumn = (typeof PARTNER_CSV_COLUMNS)[number];

/** One row of an import as read: what it will do, or what is wrong with it (line = the file's line). */
export const PartnerImportRow = z.object({
  line: z.number().int(),
  action: z.enum(['create', 'update', 'unchanged', 'error']),
  partnerId: z.uuid().nullable(),
  nameJa: z.string(),
  /** Field → message, in the reader's language. */
  errors: z.record(z.string(), z.string()),
});
export type PartnerImportRow = z.infer<typeof PartnerImportRow>;

export const PartnerImportPreview = z.object({
  rows: z.array(PartnerImportRow),
  counts: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), error: z.number().int() }),
});
export type PartnerImportPreview = z.infer<typeof PartnerImportPreview>;

export const PartnerImportResult = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
export type PartnerImportResult = z.infer<typeof PartnerImportResult>;
