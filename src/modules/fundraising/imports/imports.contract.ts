import { z } from 'zod';
import { GiftMethod, SupporterKind } from '../contract';

// Gift imports (issue 13; ../../../../shared/DOMAIN.md "Donations in Japan"): a CSV exported by
// Congrant, Syncable, a Japanese bank (入出金明細 / 振込入金明細) or any spreadsheet becomes typed
// rows the fundraising service can match to supporters and commit. This file is the vocabulary
// shared by the server and the web: sources, the targets a column can be mapped to, the rows, the
// issues and the summary. The pure steps are, in order:
//   decodeImportFile (./import-parse.ts)  bytes → text, encoding detected
//   parseCsv         (./import-parse.ts)  text → headers + rows with their line numbers
//   detectSource / suggestMapping / validateMapping (./import-sources.ts)
//   mapRows          (./import-rows.ts)   rows + mapping → ImportRow[], failures, skipped, summary
// Field rules (amounts, dates, names, kana, bank payer names…) are in ./import-normalise.ts.

/** The largest file accepted: 20 MiB holds far more than a year of any NPO's gifts. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** The most data rows one file may hold. */
export const MAX_IMPORT_ROWS = 200_000;
/** The largest gift an import accepts (the same ceiling as a gift typed in: ¥10 billion). */
export const MAX_IMPORT_YEN = 10_000_000_000;

/** Where a file comes from; also the gift's `source_platform`. */
export const ImportSource = z.enum(['congrant', 'syncable', 'bank', 'generic']);
export type ImportSource = z.infer<typeof ImportSource>;

/** The encodings a file is read in. Shift_JIS is read as Windows-31J (CP932: ①, ㈱, 髙 included). */
export const ImportEncoding = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'shift_jis']);
export type ImportEncoding = z.infer<typeof ImportEncoding>;

/**
 * What a column can be mapped to. Most are the gift's and the supporter's fields; a few exist for
 * the shapes files come in: `fullName` / `fullNameKana` (one column with family and given name),
 * `address` (one column with the whole address), `withdrawalYen` and `direction` (a bank statement's
 * money out, skipped), `donorExternalId` (the platform's supporter number, e.g. Congrant's
 * サポーターNo., which the matching step can trust more than a name).
 */
export const ImportTarget = z.enum([
  'externalId',
  'donorExternalId',
  'receivedOn',
  'amountYen',
  'feeYen',
  'withdrawalYen',
  'direction',
  'method',
  'recurring',
  'familyName',
  'givenName',
  'familyNameKana',
  'givenNameKana',
  'fullName',
  'fullNameKana',
  'organisationName',
  'organisationNameKana',
  'email',
  'phone',
  'postalCode',
  'prefecture',
  'city',
  'line1',
  'line2',
  'address',
  'campaignCode',
  'fundCode',
  'donorMessage',
  'isAnonymous',
  'publishName',
  'runnerCode',
]);
export type ImportTarget = z.infer<typeof ImportTarget>;

/** Targets that name the donor: a mapping needs one of them (or `email`). */
export const DONOR_TARGETS = [
  'familyName',
  'givenName',
  'fullName',
  'familyNameKana',
  'givenNameKana',
  'fullNameKana',
  'organisationName',
  'organisationNameKana',
  'email',
] as const satisfies readonly ImportTarget[];

/**
 * Which column (by its header, as parseCsv returns it) feeds each target. A target left out takes
 * the source's default; `null` means "do not import this", so a saved mapping can switch a default off.
 */
export const ImportMapping = z.partialRecord(ImportTarget, z.string().trim().min(1).max(200).nullable());
export type ImportMapping = z.infer<typeof ImportMapping>;

/** A mapping with every target resolved: a header, or null for "not in this file". */
export type ResolvedMapping = Record<ImportTarget, string | null>;

export const ImportRecurrence = z.enum(['one_time', 'monthly', 'yearly']);
export type ImportRecurrence = z.infer<typeof ImportRecurrence>;

/**
 * The keys of the problems one row can have; each is also the i18n key of its message under
 * `errors.` (./i18n/imports.{ja,en}.json). Errors keep the row out; warnings let it in and say what
 * was dropped or guessed.
 */
export const ImportRowErrorKey = z.enum([
  'import.formula_cell',
  'import.amount_invalid',
  'import.fee_invalid',
  'import.date_invalid',
  'import.date_in_future',
  'import.too_long',
  'import.duplicate_in_file',
]);
export type ImportRowErrorKey = z.infer<typeof ImportRowErrorKey>;

export const ImportRowWarningKey = z.enum([
  'import.postal_invalid',
  'import.email_invalid',
  'import.phone_invalid',
  'import.kana_invalid',
  'import.method_unknown',
  'import.recurring_unknown',
  'import.flag_unknown',
  'import.donor_unknown',
]);
export type ImportRowWarningKey = z.infer<typeof ImportRowWarningKey>;

/** The codes of the errors that stop a whole file (thrown as AppError; i18n under `errors.`). */
export const ImportFileErrorCode = z.enum([
  'import.empty',
  'import.too_large',
  'import.not_csv',
  'import.excel_file',
  'import.unknown_encoding',
  'import.malformed_csv',
  'import.too_many_rows',
  'import.mapping_incomplete',
  'import.mapping_unknown_column',
  'import.mapping_duplicate',
]);
export type ImportFileErrorCode = z.infer<typeof ImportFileErrorCode>;

const IssueParams = z.record(z.string(), z.union([z.string(), z.number()]));

/** One problem in one cell (or row, when `column` is null); `line` is the file's 1-based line. */
export const ImportIssue = z.object({
  line: z.number().int().min(1),
  /** The header of the column at fault, as in the file. */
  column: z.string().nullable(),
  key: z.union([ImportRowErrorKey, ImportRowWarningKey]),
  /** Always `column` and `value` (the cell, cut to 60 characters); some keys add more (`maximum`, `today`, `firstLine`). */
  params: IssueParams,
});
export type ImportIssue = z.infer<typeof ImportIssue>;

/** The donor as the file describes them; the matching step finds or creates the supporter. */
export const ImportSupporter = z.object({
  kind: SupporterKind,
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  /**
   * True when the file gave only a reading (a bank transfer's ﾔﾏﾀﾞ ﾀﾛｳ): the name fields then hold
   * the katakana, so a new record has a name; matching should compare readings, never overwrite a kanji name.
   */
  isNameFromKana: z.boolean(),
  organisationName: z.string(),
  organisationNameKana: z.string(),
  /** The legal form found in the name (株式会社, 特定非営利活動法人…), or null. */
  legalForm: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Seven digits. */
  postalCode: z.string().nullable(),
  prefecture: z.string(),
  city: z.string(),
  line1: z.string(),
  line2: z.string(),
});
export type ImportSupporter = z.infer<typeof ImportSupporter>;

/** One gift, read and checked; nothing here has touched the database. */
export const ImportRow = z.object({
  line: z.number().int().min(1),
  /**
   * The platform's id of the payment, or for a file without ids (a bank statement) one derived from
   * the row's content (`h:` + hash), the same on every import of the same file.
   */
  externalId: z.string().min(1).max(200),
  isExternalIdDerived: z.boolean(),
  donorExternalId: z.string().nullable(),
  receivedOn: z.iso.date(),
  amountYen: z.number().int().positive(),
  feeYen: z.number().int().min(0),
  method: GiftMethod,
  /** Null when the file does not say who gave (a masked anonymous gift, a collection box). */
  supporter: ImportSupporter.nullable(),
  /** As written in the file (a campaign's code or name, to be looked up). */
  campaignCode: z.string().nullable(),
  fundCode: z.string().nullable(),
  donorMessage: z.string(),
  isAnonymous: z.boolean(),
  /** May the name be published; null when the file does not say. */
  publishName: z.boolean().nullable(),
  recurring: ImportRecurrence.nullable(),
  runnerCode: z.string().nullable(),
  warnings: z.array(ImportIssue),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportRowFailure = z.object({ line: z.number().int().min(1), errors: z.array(ImportIssue).min(1) });
export type ImportRowFailure = z.infer<typeof ImportRowFailure>;

/**
 * Rows that are not gifts and are left out on purpose: money going out of a bank account, a
 * platform's payout of gifts already imported from its own file (counting them again would count
 * every gift twice), and interest.
 */
export const ImportSkipReason = z.enum(['withdrawal', 'platform_payout', 'interest']);
export type ImportSkipReason = z.infer<typeof ImportSkipReason>;
export const ImportSkippedRow = z.object({ line: z.number().int().min(1), reason: ImportSkipReason });
export type ImportSkippedRow = z.infer<typeof ImportSkippedRow>;

export const ImportSummary = z.object({
  /** Data rows read (blank lines not counted). */
  rows: z.number().int().min(0),
  valid: z.number().int().min(0),
  /** Rows kept out by at least one error. */
  errors: z.number().int().min(0),
  skipped: z.number().int().min(0),
  /** Valid rows with at least one warning. */
  warnings: z.number().int().min(0),
  /** The sum of the valid rows, to check against the platform's or the bank's total. */
  totalYen: z.number().int().min(0),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** What mapRows returns: the preview a fundraiser checks before committing. */
export const ImportPreview = z.object({
  source: ImportSource,
  rows: z.array(ImportRow),
  failures: z.array(ImportRowFailure),
  skipped: z.array(ImportSkippedRow),
  summary: ImportSummary,
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** The longest text each stored field takes (migrations/0014_fundraising.sql). */
export const IMPORT_MAX_LENGTH = {
  externalId: 200,
  donorExternalId: 200,
  familyName: 100,
  givenName: 100,
  familyNameKana: 100,
  givenNameKana: 100,
  organisationName: 200,
  organisationNameKana: 200,
  email: 254,
  phone: 40,
  prefecture: 20,
  city: 100,
  line1: 200,
  line2: 200,
  campaignCode: 200,
  fundCode: 200,
  donorMessage: 2000,
  runnerCode: 100,
} as const;
