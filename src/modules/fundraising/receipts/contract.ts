import { z } from 'zod';
import { IsoDate } from '../../../shared/codes';

// Receipts 寄附金受領証明書 (issue 13; ../../../../shared/DOMAIN.md "Donations in Japan"): a single
// receipt for one gift, or an annual combined receipt per supporter and year, printed for a 長3
// window envelope in Japanese or English. Numbers are never reused; money is integer yen.

export const ReceiptLanguage = z.enum(['ja', 'en']);
export type ReceiptLanguage = z.infer<typeof ReceiptLanguage>;
export const ReceiptKind = z.enum(['single', 'annual']);
export type ReceiptKind = z.infer<typeof ReceiptKind>;

/** The largest seal image (印影) kept, in bytes: a stamp scanned at 300 dpi is far smaller. */
export const MAX_SEAL_BYTES = 256 * 1024;
/** The default year-end threshold: the tax credit counts what a donor gives above ¥2,000. */
export const DEFAULT_RECEIPT_THRESHOLD_YEN = 2000;
/** The statement every receipt makes (kept equal to the defaults in migrations/0016). */
export const DEFAULT_STATEMENT_JA = '上記の寄附金は、当法人の行う特定非営利活動に係る事業に関連する寄附金であることを証明します。';
export const DEFAULT_STATEMENT_EN =
  'We certify that the gift above relates to the specified non-profit activities carried out by this organisation (特定非営利活動に係る事業に関連する寄附金).';
/** The earliest and latest years a receipt may be for. */
export const MIN_RECEIPT_YEAR = 2000;
export const MAX_RECEIPT_YEAR = 2199;

const Required = (max: number) => z.string().trim().min(1).max(max);
const Optional = (max: number) => z.string().trim().max(max).default('');
const Yen = z.number().int().min(0).max(100_000_000);
const Year = z.number().int().min(MIN_RECEIPT_YEAR).max(MAX_RECEIPT_YEAR);

/** 〒 as typed (104-0061, １０４－００６１, 〒1040061) → seven digits. */
export function normalisePostalCode(input: string): string {
  return input.normalize('NFKC').replace(/[〒\s\-‐－ー−]/g, '');
}

/** 1040061 → 〒104-0061 (a foreign code is shown as it is). */
export function formatPostalCode(code: string | null): string {
  if (!code) return '';
  return /^\d{7}$/.test(code) ? `〒${code.slice(0, 3)}-${code.slice(3)}` : code;
}

/** ¥12,000 */
export function formatYen(yen: number): string {
  return `¥${yen.toLocaleString('en-US')}`;
}

// --- Settings ---------------------------------------------------------------------------------

export const ReceiptSettings = z.object({
  /** False until an administrator has saved them: no receipt can be issued before. */
  isConfigured: z.boolean(),
  legalNameJa: z.string(),
  legalNameEn: z.string(),
  postalCode: z.string(),
  addressJa: z.string(),
  addressEn: z.string(),
  representativeTitleJa: z.string(),
  representativeTitleEn: z.string(),
  representativeNameJa: z.string(),
  representativeNameEn: z.string(),
  certificationNumber: z.string(),
  certificationDate: z.string().nullable(),
  authorityJa: z.string(),
  authorityEn: z.string(),
  hasSealImage: z.boolean(),
  sealContentType: z.enum(['image/png', 'image/jpeg']).nullable(),
  receiptThresholdYen: z.number().int(),
  statementJa: z.string(),
  statementEn: z.string(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
  /** 0 before the first save; send it back with a change. */
  version: z.number().int(),
});
export type ReceiptSettings = z.infer<typeof ReceiptSettings>;

export const UpdateReceiptSettingsInput = z.strictObject({
  legalNameJa: Required(200),
  legalNameEn: Optional(200),
  postalCode: z.string().trim().max(20).transform(normalisePostalCode).refine((s) => /^\d{7}$/.test(s), { params: { key: 'receipt_postal_code' } }),
  addressJa: Required(300),
  addressEn: Optional(300),
  representativeTitleJa: Required(100),
  representativeTitleEn: Optional(100),
  representativeNameJa: Required(100),
  representativeNameEn: Optional(100),
  certificationNumber: Required(100),
  certificationDate: IsoDate,
  authorityJa: Required(100),
  authorityEn: Optional(100),
  receiptThresholdYen: Yen.default(DEFAULT_RECEIPT_THRESHOLD_YEN),
  statementJa: Required(1000).default(DEFAULT_STATEMENT_JA),
  statementEn: Required(1000).default(DEFAULT_STATEMENT_EN),
  /** A PNG or JPEG seal image in base64; null takes the seal off; left out keeps the current one. */
  sealImage: z.string().max(Math.ceil((MAX_SEAL_BYTES * 4) / 3) + 4).nullable().optional(),
  /** The version read (0 for the first save): a stale one is refused. */
  version: z.number().int().min(0),
});
export type UpdateReceiptSettingsInput = z.infer<typeof UpdateReceiptSettingsInput>;

// --- Receipts ---------------------------------------------------------------------------------

export const ReceiptRecipient = z.object({
  supporterNumber: z.string(),
  /** Without the honorific: 山田 太郎 / 株式会社〇〇 総務部. */
  name: z.string(),
  honorific: z.enum(['sama', 'onchu']),
  country: z.string(),
  postalCode: z.string().nullable(),
  lines: z.array(z.string()),
});
export type ReceiptRecipient = z.infer<typeof ReceiptRecipient>;

export const ReceiptIssuer = z.object({
  legalNameJa: z.string(),
  legalNameEn: z.string(),
  postalCode: z.string(),
  addressJa: z.string(),
  addressEn: z.string(),
  representativeTitleJa: z.string(),
  representativeTitleEn: z.string(),
  representativeNameJa: z.string(),
  representativeNameEn: z.string(),
  certificationNumber: z.string(),
  certificationDate: z.string(),
  authorityJa: z.string(),
  authorityEn: z.string(),
  statementJa: z.string(),
  statementEn: z.string(),
});
export type ReceiptIssuer = z.infer<typeof ReceiptIssuer>;

export const ReceiptGiftLine = z.object({ giftId: z.uuid(), receivedOn: z.string(), amountYen: z.number().int(), isInKind: z.boolean() });
export type ReceiptGiftLine = z.infer<typeof ReceiptGiftLine>;

export const ReceiptSummary = z.object({
  id: z.uuid(),
  /** 2026-000123, or 2026-000123-R1 for a reissue. */
  receiptNumber: z.string(),
  kind: ReceiptKind,
  /** The calendar year of the gifts. */
  year: z.number().int(),
  supporterId: z.uuid(),
  /** As addressed: 山田 太郎 様. */
  addressee: z.string(),
  totalYen: z.number().int(),
  language: ReceiptLanguage,
  issuedOn: z.string(),
  issuedAt: z.string(),
  /** The first receipt, when this one is a reissue. */
  reissueOfId: z.uuid().nullable(),
  reissueNumber: z.number().int().nullable(),
  batchId: z.uuid().nullable(),
  voidedAt: z.string().nullable(),
});
export type ReceiptSummary = z.infer<typeof ReceiptSummary>;

export const Receipt = ReceiptSummary.extend({
  recipient: ReceiptRecipient,
  issuer: ReceiptIssuer,
  gifts: z.array(ReceiptGiftLine),
  hasSeal: z.boolean(),
  issuedByName: z.string().nullable(),
  reissueReason: z.string().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
  /** The first receipt and every reissue of it, oldest first (this one included). */
  chain: z.array(z.object({ id: z.uuid(), receiptNumber: z.string(), issuedAt: z.string(), reissueNumber: z.number().int().nullable() })),
});
export type Receipt = z.infer<typeof Receipt>;

export const ReceiptList = z.object({ receipts: z.array(ReceiptSummary), total: z.number().int() });
export type ReceiptList = z.infer<typeof ReceiptList>;

export const IssueSingleReceiptInput = z.strictObject({
  giftId: z.uuid(),
  /** Left out: the supporter's preferred language. */
  language: ReceiptLanguage.optional(),
});
export type IssueSingleReceiptInput = z.infer<typeof IssueSingleReceiptInput>;

export const IssueAnnualReceiptInput = z.strictObject({
  supporterId: z.uuid(),
  year: Year,
  language: ReceiptLanguage.optional(),
  /** Issue although other supporters look like the same donor (else 409 receipt.possible_duplicates). */
  acknowledgeDuplicates: z.boolean().default(false),
});
export type IssueAnnualReceiptInput = z.infer<typeof IssueAnnualReceiptInput>;

export const ReceiptQuery = z.object({
  supporterId: z.uuid().optional(),
  year: z.coerce.number().int().min(1900).max(MAX_RECEIPT_YEAR).optional(),
  kind: ReceiptKind.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ReceiptQuery = z.infer<typeof ReceiptQuery>;

export const ReceiptPdfQuery = z.object({
  /** Left out: the language the receipt was issued in. */
  language: ReceiptLanguage.optional(),
  /** A voided receipt prints only as a copy marked 無効 / VOID. */
  voidCopy: z.enum(['true', 'false']).optional(),
});
export type ReceiptPdfQuery = z.infer<typeof ReceiptPdfQuery>;

export const ReissueReceiptInput = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export type ReissueReceiptInput = z.infer<typeof ReissueReceiptInput>;
export const VoidReceiptInput = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export type VoidReceiptInput = z.infer<typeof VoidReceiptInput>;

// --- Year-end batches -------------------------------------------------------------------------

export const BatchStatus = z.enum(['pending', 'running', 'done']);
export const BatchItemStatus = z.enum(['pending', 'issued', 'skipped', 'failed']);
export const BatchItemReason = z.enum(['already_receipted', 'below_threshold', 'possible_duplicate', 'merged', 'no_contact', 'no_address', 'no_gifts', 'error']);

export const CreateReceiptBatchInput = z.strictObject({
  year: Year,
  /** Left out: the threshold in the settings. */
  thresholdYen: Yen.optional(),
  /** Left out or null: each supporter's preferred language. */
  language: ReceiptLanguage.nullable().optional(),
  /** Receipt supporters with possible duplicates too (else they are skipped, to be merged first). */
  acknowledgeDuplicates: z.boolean().default(false),
});
export type CreateReceiptBatchInput = z.infer<typeof CreateReceiptBatchInput>;

export const ReceiptBatch = z.object({
  id: z.uuid(),
  year: z.number().int(),
  thresholdYen: z.number().int(),
  language: ReceiptLanguage.nullable(),
  acknowledgeDuplicates: z.boolean(),
  status: BatchStatus,
  total: z.number().int(),
  done: z.number().int(),
  issued: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  totalYen: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ReceiptBatch = z.infer<typeof ReceiptBatch>;

/** What a progress bar needs after each run. */
export const BatchProgress = z.object({
  batchId: z.uuid(),
  status: BatchStatus,
  done: z.number().int(),
  total: z.number().int(),
  issued: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
});
export type BatchProgress = z.infer<typeof BatchProgress>;

export const RunBatchQuery = z.object({
  /** How many supporters this run processes (each in its own transaction). */
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const BatchItem = z.object({
  supporterId: z.uuid(),
  supporterNumber: z.string(),
  position: z.number().int(),
  status: BatchItemStatus,
  reason: BatchItemReason.nullable(),
  receiptId: z.uuid().nullable(),
  receiptNumber: z.string().nullable(),
  processedAt: z.string().nullable(),
});
export type BatchItem = z.infer<typeof BatchItem>;

export const BatchItemQuery = z.object({
  status: BatchItemStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type BatchItemQuery = z.infer<typeof BatchItemQuery>;

/** One PDF of every valid receipt of the batch (a page each, in its own language), or a ZIP of one PDF per receipt. */
export const BatchFileQuery = z.object({ format: z.enum(['pdf', 'zip']).default('pdf') });
export type BatchFileQuery = z.infer<typeof BatchFileQuery>;
