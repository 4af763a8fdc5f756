import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the receipt tables in migrations/0016_fundraising_receipts.sql. Dates are 'YYYY-MM-DD'; yen are integers. */
/** bigint yen come back as numbers (see db/database.ts type parsers). */
type Yen = ColumnType<number, number, number>;
/** jsonb written as a JSON string, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export type ReceiptLanguage = 'ja' | 'en';
export type ReceiptKind = 'single' | 'annual';
export type BatchItemStatus = 'pending' | 'issued' | 'skipped' | 'failed';
export type BatchItemReason = 'already_receipted' | 'below_threshold' | 'possible_duplicate' | 'merged' | 'no_contact' | 'no_address' | 'no_gifts' | 'error';

/** The addressee as printed (in the window of the envelope and in the body). */
export interface RecipientSnapshot {
  supporterNumber: string;
  /** 山田 太郎 / 株式会社〇〇 総務部: without the honorific. */
  name: string;
  honorific: 'sama' | 'onchu';
  country: string;
  /** Seven digits, or a foreign postal code. */
  postalCode: string | null;
  /** Prefecture + city + line 1, then line 2 (as stored, in the donor's own writing). */
  lines: string[];
}

/** The organisation as printed: the settings of the day the receipt was first issued. */
export interface IssuerSnapshot {
  legalNameJa: string;
  legalNameEn: string;
  postalCode: string;
  addressJa: string;
  addressEn: string;
  representativeTitleJa: string;
  representativeTitleEn: string;
  representativeNameJa: string;
  representativeNameEn: string;
  certificationNumber: string;
  certificationDate: string;
  authorityJa: string;
  authorityEn: string;
  statementJa: string;
  statementEn: string;
}

export interface GiftLine {
  giftId: string;
  receivedOn: string;
  amountYen: number;
  isInKind: boolean;
}

export interface FundraisingSealTable {
  id: Generated<string>;
  organisation_id: string;
  content_type: 'image/png' | 'image/jpeg';
  image: Buffer;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface FundraisingSettingsTable {
  organisation_id: string;
  legal_name_ja: string;
  legal_name_en: Generated<string>;
  postal_code: string;
  address_ja: string;
  address_en: Generated<string>;
  representative_title_ja: string;
  representative_title_en: Generated<string>;
  representative_name_ja: string;
  representative_name_en: Generated<string>;
  certification_number: string;
  certification_date: string;
  authority_ja: string;
  authority_en: Generated<string>;
  seal_id: string | null;
  receipt_threshold_yen: Generated<number>;
  statement_ja: Generated<string>;
  statement_en: Generated<string>;
  updated_by: string | null;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface ReceiptTable {
  id: Generated<string>;
  organisation_id: string;
  receipt_number: string;
  kind: ReceiptKind;
  year: number;
  supporter_id: string;
  total_yen: Yen;
  recipient: Json<RecipientSnapshot>;
  issuer: Json<IssuerSnapshot>;
  gifts: Json<GiftLine[]>;
  seal_id: string | null;
  language: ReceiptLanguage;
  issued_on: string;
  issued_at: Generated<Date>;
  issued_by: string | null;
  reissue_of: string | null;
  reissue_number: number | null;
  reissue_reason: string | null;
  batch_id: string | null;
  voided_at: Date | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface ReceiptGiftTable {
  organisation_id: string;
  receipt_id: string;
  gift_id: string;
  amount_yen: Yen;
  is_active: Generated<boolean>;
}

export interface ReceiptBatchTable {
  id: Generated<string>;
  organisation_id: string;
  year: number;
  threshold_yen: Yen;
  language: ReceiptLanguage | null;
  acknowledge_duplicates: Generated<boolean>;
  status: Generated<'pending' | 'running' | 'done'>;
  total: Generated<number>;
  done: Generated<number>;
  issued: Generated<number>;
  skipped: Generated<number>;
  failed: Generated<number>;
  total_yen: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Generated<Date>;
}

export interface ReceiptBatchItemTable {
  batch_id: string;
  supporter_id: string;
  position: number;
  status: Generated<BatchItemStatus>;
  reason: BatchItemReason | null;
  receipt_id: string | null;
  processed_at: Date | null;
}

export interface ReceiptTables {
  fundraising_seal: FundraisingSealTable;
  fundraising_settings: FundraisingSettingsTable;
  receipt: ReceiptTable;
  receipt_gift: ReceiptGiftTable;
  receipt_batch: ReceiptBatchTable;
  receipt_batch_item: ReceiptBatchItemTable;
}
