import type { Generated } from 'kysely';

/** Kysely's view of migrations/0005_documents.sql. */
export interface DocumentTable {
  id: string;
  organisation_id: string;
  person_id: string;
  kind: string;
  /** Sealed with the field cipher. */
  file_name: string;
  /** Sealed with the field cipher; null when no note was given. */
  note: string | null;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Generated<Date>;
  deleted_at: Date | null;
  deleted_by: string | null;
}

export interface DocumentTables {
  document: DocumentTable;
}
