import { z } from 'zod';

/** What a document is: the papers a caseworker photographs or scans most (issue 3 §4). */
export const DocumentKind = z.enum([
  'residence_card',
  'passport',
  'designation_paper',
  'refusal_notice',
  'decision_notice',
  'medical',
  'other',
]);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** The content types accepted, as recognised from the file's bytes (never the browser's claim). */
export const DocumentContentType = z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'application/pdf']);
export type DocumentContentType = z.infer<typeof DocumentContentType>;

/** For the file picker and the check before upload: the same list, as types and as name endings. */
export const documentAccept = [...DocumentContentType.options, '.jpg', '.jpeg', '.png', '.webp', '.heic', '.heif', '.pdf'];

/** The default largest file, 10 MB (TOBIRA_DOCUMENT_MAX_MB changes it). */
export const DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export const DocumentNote = z.string().trim().max(1000);

/**
 * The multipart form of an upload: one file, its kind and an optional note. The server reads the
 * file into a `File` before validation, so the same schema checks the request and documents it.
 */
export const UploadDocumentForm = z.object({
  file: z.file().meta({ description: 'The file: JPEG, PNG, WebP, HEIC/HEIF or PDF, recognised by its content' }),
  kind: DocumentKind,
  note: DocumentNote.optional(),
});
export type UploadDocumentForm = z.infer<typeof UploadDocumentForm>;

export const DocumentMeta = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  kind: DocumentKind,
  note: z.string().nullable(),
  /** The original name, sanitised (no path, no control characters). */
  fileName: z.string(),
  contentType: DocumentContentType,
  sizeBytes: z.number().int(),
  /** SHA-256 of the plaintext, hex. */
  sha256: z.string(),
  uploadedAt: z.iso.datetime({ offset: true }),
  uploadedBy: z.uuid(),
  uploadedByName: z.string(),
  deletedAt: z.iso.datetime({ offset: true }).nullable(),
  deletedBy: z.uuid().nullable(),
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

export const DocumentList = z.object({
  items: z.array(DocumentMeta),
  /** The largest file the server accepts, so the form can refuse a bigger one before sending it. */
  maxBytes: z.number().int(),
});
export type DocumentList = z.infer<typeof DocumentList>;
