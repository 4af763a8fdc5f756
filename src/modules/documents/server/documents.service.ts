import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { FieldCipher } from '../../../server/crypto/field-cipher';
import type { Db } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, notFound } from '../../../server/http/errors';
import type { AuditService } from '../../audit/server/audit.service';
import type { PeopleService } from '../../people/server/people.service';
import { DocumentContentType, type DocumentKind, type DocumentMeta } from '../contract';
import * as repo from './documents.repository';
import { createDocumentStore } from './documents.storage';
import { extensionsOf, nameForType, sanitiseFileName } from './file-names';

export interface DocumentsOptions {
  /** Where the encrypted files live (config DOCUMENTS_DIR); only needed to upload or download. */
  dir: string | undefined;
  /** The largest file accepted, in bytes. */
  maxBytes: number;
}

export interface UploadDocument {
  content: Buffer;
  /** The name the browser gave; sanitised before it is kept. */
  fileName: string | undefined;
  kind: DocumentKind;
  note?: string | undefined;
}

const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

/** The refusal of a file over the limit (also raised by the upload route while the file streams in). */
export const documentTooLarge = (maxBytes: number) =>
  new AppError(413, 'document.too_large', { file: { key: 'invalid' } }, { maxMb: megabytes(maxBytes) });

/** What the bytes really are, by their magic numbers; null for anything not accepted. */
async function detectContentType(content: Buffer): Promise<DocumentContentType | null> {
  const detected = await fileTypeFromBuffer(content);
  const parsed = DocumentContentType.safeParse(detected?.mime);
  return parsed.success ? parsed.data : null;
}


export function createDocumentsService(deps: { db: Db; audit: AuditService; people: PeopleService; cipher: FieldCipher; options: DocumentsOptions }) {
  const { db, audit, people, cipher } = deps;
  const store = createDocumentStore(deps.options.dir, cipher);
  const maxBytes = deps.options.maxBytes;

  const present = (r: repo.DocumentRow): DocumentMeta => ({
    id: r.id,
    personId: r.person_id,
    kind: r.kind as DocumentKind,
    note: cipher.openNullable(r.note),
    fileName: cipher.open(r.file_name),
    contentType: r.content_type as DocumentContentType,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    uploadedAt: r.uploaded_at.toISOString(),
    uploadedBy: r.uploaded_by,
    uploadedByName: r.uploaded_by_name,
    deletedAt: r.deleted_at ? r.deleted_at.toISOString() : null,
    deletedBy: r.deleted_by,
  });

  async function getRow(ctx: RequestContext, id: string): Promise<repo.DocumentRow> {
    const row = await repo.findDocument(db, ctx.actor.organisationId, id);
    if (!row) throw notFound('document.not_found');
    return row;
  }

  async function listForPerson(ctx: RequestContext, personId: string, options: { includeDeleted?: boolean } = {}): Promise<DocumentMeta[]> {
    const rows = await repo.listDocumentsOfPerson(db, ctx.actor.organisationId, personId, options.includeDeleted ?? false);
    return rows.map(present);
  }

  return {
    /** The largest file accepted, in bytes (TOBIRA_DOCUMENT_MAX_MB). */
    maxBytes,

    /**
     * Checks, encrypts and stores a file for a person. The file is written (temp file, rename)
     * before the row; if the row cannot be written the file is erased again.
     */
    async upload(ctx: RequestContext, personId: string, input: UploadDocument): Promise<DocumentMeta> {
      const { content } = input;
      if (content.length === 0) throw new AppError(400, 'document.empty', { file: { key: 'required' } });
      if (content.length > maxBytes) throw documentTooLarge(maxBytes);
      const contentType = await detectContentType(content);
      if (!contentType) throw new AppError(415, 'document.type_not_allowed', { file: { key: 'invalid' } });
      await people.assertWritable(db, ctx, personId, 'id');

      const id = randomUUID();
      const note = input.note?.trim() ? input.note.trim() : null;
      await store.put(id, content);
      try {
        await db.transaction().execute(async (tx) => {
          await repo.insertDocument(tx, {
            id,
            organisation_id: ctx.actor.organisationId,
            person_id: personId,
            kind: input.kind,
            file_name: cipher.seal(nameForType(sanitiseFileName(input.fileName, extensionsOf[contentType]?.[0] ?? 'bin'), contentType)),
            note: cipher.sealNullable(note),
            content_type: contentType,
            size_bytes: content.length,
            sha256: createHash('sha256').update(content).digest('hex'),
            uploaded_by: ctx.actor.staffUserId,
          });
          await audit.record(tx, ctx, {
            action: 'create',
            entityType: 'document',
            entityId: id,
            details: { personId, kind: input.kind, contentType, sizeBytes: content.length },
          });
        });
      } catch (error) {
        await store.remove(id);
        throw error;
      }
      return present(await getRow(ctx, id));
    },

    /** A person's documents, newest first, for staff with documents.read (audited as a read of the file). */
    async list(ctx: RequestContext, personId: string): Promise<DocumentMeta[]> {
      await people.assertExists(db, ctx, personId, 'id');
      const items = await listForPerson(ctx, personId);
      await audit.record(db, ctx, { action: 'read', entityType: 'person', entityId: personId, details: { view: 'documents', count: items.length } });
      return items;
    },

    /**
     * The metadata of a person's documents (no contents, no audit of its own): for other modules,
     * e.g. the disclosure export, which audits its own use. Deleted ones only when asked.
     */
    listForPerson,

    /** A document's metadata and decrypted content (audited as a view). */
    async open(ctx: RequestContext, id: string): Promise<{ meta: DocumentMeta; content: Buffer }> {
      const row = await getRow(ctx, id);
      const content = await store.get(id);
      // The hash ties the file to its row: a file swapped or restored from the wrong backup is refused.
      if (!content || createHash('sha256').update(content).digest('hex') !== row.sha256) {
        throw new AppError(500, 'document.file_missing');
      }
      await audit.record(db, ctx, { action: 'read', entityType: 'document', entityId: id, details: { personId: row.person_id, kind: row.kind } });
      return { meta: present(row), content };
    },

    /**
     * Soft-deletes a document: the row stays (who uploaded, who deleted, when, the hash) and the
     * encrypted file is erased once the deletion is committed.
     */
    async remove(ctx: RequestContext, id: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const row = await repo.markDeleted(tx, ctx.actor.organisationId, id, ctx.actor.staffUserId);
        if (!row) throw notFound('document.not_found');
        await audit.record(tx, ctx, { action: 'delete', entityType: 'document', entityId: id, details: { personId: row.person_id, kind: row.kind } });
      });
      await store.remove(id);
    },
  };
}
export type DocumentsService = ReturnType<typeof createDocumentsService>;
