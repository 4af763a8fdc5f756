import type { Insertable } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { DocumentTable } from './documents.tables';

const select = (db: DbOrTx) =>
  db
    .selectFrom('document')
    .innerJoin('staff_user', 'staff_user.id', 'document.uploaded_by')
    .select([
      'document.id', 'document.person_id', 'document.kind', 'document.note', 'document.file_name',
      'document.content_type', 'document.size_bytes', 'document.sha256', 'document.uploaded_by',
      'staff_user.display_name as uploaded_by_name', 'document.uploaded_at', 'document.deleted_at',
      'document.deleted_by',
    ]);

export type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

/** A document of the organisation that has not been deleted. */
export function findDocument(db: DbOrTx, organisationId: string, id: string) {
  return select(db)
    .where('document.organisation_id', '=', organisationId)
    .where('document.id', '=', id)
    .where('document.deleted_at', 'is', null)
    .executeTakeFirst();
}

export function listDocumentsOfPerson(db: DbOrTx, organisationId: string, personId: string, includeDeleted: boolean) {
  let query = select(db)
    .where('document.organisation_id', '=', organisationId)
    .where('document.person_id', '=', personId);
  if (!includeDeleted) query = query.where('document.deleted_at', 'is', null);
  return query.orderBy('document.uploaded_at', 'desc').orderBy('document.id').limit(1000).execute();
}

export function insertDocument(db: DbOrTx, row: Insertable<DocumentTable>) {
  return db.insertInto('document').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Marks a document deleted; returns nothing when it was already deleted (or is not the organisation's). */
export function markDeleted(db: DbOrTx, organisationId: string, id: string, deletedBy: string) {
  return db
    .updateTable('document')
    .set({ deleted_at: new Date(), deleted_by: deletedBy })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returning(['id', 'person_id', 'kind'])
    .executeTakeFirst();
}
