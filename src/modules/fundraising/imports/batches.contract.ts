import { z } from 'zod';
import { DuplicateReason, SupporterSummary } from '../contract';
import { ImportIssue, ImportMapping, ImportRow, ImportSource } from './imports.contract';

// The database side of imports: a batch per uploaded file, its rows as matched to supporters,
// the decisions a fundraiser makes, the commit and the roll-back.

export const ImportMatch = z.enum(['existing', 'new', 'ambiguous', 'anonymous', 'duplicate', 'error', 'skipped']);
export type ImportMatch = z.infer<typeof ImportMatch>;

export const ImportBatch = z.object({
  id: z.uuid(),
  source: ImportSource,
  fileName: z.string(),
  encoding: z.string(),
  headers: z.array(z.string()),
  /** The mapping in use (target → column). */
  mapping: z.record(z.string(), z.string().nullable()).nullable(),
  status: z.enum(['uploaded', 'mapped', 'committed', 'rolled_back']),
  /** Rows by how they matched (after analysing), and the file's totals. */
  counts: z.record(z.string(), z.number().int()),
  totalYen: z.number().int(),
  giftsCreated: z.number().int(),
  supportersCreated: z.number().int(),
  /** The first rows of the file as read, for the mapping screen. */
  sample: z.array(z.array(z.string())),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  rolledBackAt: z.string().nullable(),
});
export type ImportBatch = z.infer<typeof ImportBatch>;

export const UploadImportQuery = z.object({
  fileName: z.string().trim().min(1).max(255),
  source: ImportSource.optional(),
});

export const AnalyseImportInput = z.strictObject({
  source: ImportSource.optional(),
  /** target → column; a target left out uses the saved or default mapping, null turns it off. */
  mapping: ImportMapping.default({}),
  /** Keep this mapping for the next file of the same source. */
  save: z.boolean().default(true),
});
export type AnalyseImportInput = z.infer<typeof AnalyseImportInput>;

export const ImportRowView = z.object({
  line: z.number().int(),
  match: ImportMatch,
  row: ImportRow.nullable(),
  /** Errors keep the row out; a left-out row says why (import.skipped_withdrawal, …). */
  errors: z.array(ImportIssue.extend({ key: z.string() })),
  candidates: z.array(z.object({ supporter: SupporterSummary, level: z.enum(['strong', 'possible']), reasons: z.array(DuplicateReason) })),
  supporterId: z.uuid().nullable(),
  giftId: z.uuid().nullable(),
});
export type ImportRowView = z.infer<typeof ImportRowView>;

export const ImportRowsQuery = z.object({
  /** Comma-separated matches (e.g. ambiguous,error); all rows when left out. */
  match: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ImportDecision = z.strictObject({
  decision: z.enum(['existing', 'new', 'skip']),
  supporterId: z.uuid().optional(),
});
export type ImportDecision = z.infer<typeof ImportDecision>;

export const RollbackResult = z.object({ giftsRemoved: z.number().int(), supportersRemoved: z.number().int(), supportersKept: z.number().int() });
export type RollbackResult = z.infer<typeof RollbackResult>;
