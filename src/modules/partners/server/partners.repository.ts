import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { PartnerCost, PartnerKind } from '../contract';
import type { PartnerTable } from './partners.tables';

/** The columns every read selects (never search_text: it is an index, not data). */
const partnerColumns = [
  'id', 'kind', 'name_ja', 'name_en', 'name_kana', 'postal_code', 'prefecture', 'city', 'address_line', 'phone', 'email', 'website',
  'nearest_station', 'languages', 'opening_hours', 'cost', 'cost_notes', 'accepts_no_status', 'accepts_uninsured', 'contact_name',
  'contact_role', 'contact_phone', 'contact_email', 'notes', 'archived_at', 'updated_at', 'version',
] as const;

export interface PartnerRow {
  id: string;
  kind: PartnerKind;
  name_ja: string;
  name_en: string;
  name_kana: string;
  postal_code: string;
  prefecture: string;
  city: string;
  address_line: string;
  phone: string;
  email: string;
  website: string;
  nearest_station: string;
  languages: string[];
  opening_hours: string;
  cost: PartnerCost;
  cost_notes: string;
  accepts_no_status: boolean;
  accepts_uninsured: boolean;
  contact_name: string;
  contact_role: string;
  contact_phone: string;
  contact_email: string;
  notes: string;
  archived_at: Date | null;
  updated_at: Date;
  version: number;
}

/** The partner's own data, as written by a create, an update or an import row. */
export type PartnerValues = Omit<PartnerRow, 'id' | 'archived_at' | 'updated_at' | 'version'>;

/** What the directory is filtered by (each one optional; tokens are folded search words). */
export interface PartnerFilter {
  tokens: readonly string[];
  kinds: readonly PartnerKind[];
  language: string | null;
  acceptsUninsured: boolean | null;
  acceptsNoStatus: boolean | null;
  prefecture: string | null;
  city: string | null;
  includeArchived: boolean;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function selectPartners(db: DbOrTx, organisationId: string) {
  return db.selectFrom('partner').select(partnerColumns).where('organisation_id', '=', organisationId);
}

function filtered(db: DbOrTx, organisationId: string, f: PartnerFilter) {
  let q = db.selectFrom('partner').where('organisation_id', '=', organisationId);
  if (!f.includeArchived) q = q.where('archived_at', 'is', null);
  // The trigram index answers words of three or more characters; shorter ones scan the (small) directory.
  for (const token of f.tokens) q = q.where('search_text', 'like', `%${escapeLike(token)}%`);
  if (f.kinds.length > 0) q = q.where('kind', 'in', [...f.kinds]);
  if (f.language !== null) q = q.where(sql<boolean>`languages @> ARRAY[${f.language}]::text[]`);
  if (f.acceptsUninsured !== null) q = q.where('accepts_uninsured', '=', f.acceptsUninsured);
  if (f.acceptsNoStatus !== null) q = q.where('accepts_no_status', '=', f.acceptsNoStatus);
  if (f.prefecture !== null) q = q.where('prefecture', '=', f.prefecture);
  if (f.city !== null) q = q.where('city', '=', f.city);
  return q;
}

export function findPartner(db: DbOrTx, organisationId: string, id: string): Promise<PartnerRow | undefined> {
  return selectPartners(db, organisationId).where('id', '=', id).executeTakeFirst();
}

/** Locks the partners for the rest of the transaction (an import's updates). */
export function findPartnersForUpdate(db: DbOrTx, organisationId: string, ids: readonly string[]): Promise<PartnerRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectPartners(db, organisationId).where('id', 'in', [...ids]).orderBy('id').forUpdate().execute();
}

/** Partners of the organisation among these ids (an import names them; other organisations' ids are not found). */
export function findPartners(db: DbOrTx, organisationId: string, ids: readonly string[]): Promise<PartnerRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectPartners(db, organisationId).where('id', 'in', [...ids]).execute();
}

/** Partners of the organisation with one of these Japanese names (an import's rows without an id). */
export function findPartnersNamed(db: DbOrTx, organisationId: string, names: readonly string[]): Promise<PartnerRow[]> {
  if (names.length === 0) return Promise.resolve([]);
  return selectPartners(db, organisationId).where('name_ja', 'in', [...names]).orderBy('created_at').orderBy('id').execute();
}

/** One page of the directory in its order: by reading (else name), byte-wise so both engines agree. */
export function listPartners(db: DbOrTx, organisationId: string, f: PartnerFilter, limit: number, offset: number): Promise<PartnerRow[]> {
  return filtered(db, organisationId, f).select(partnerColumns)
    .orderBy('sort_key').orderBy(sql`name_en COLLATE "C"`).orderBy('id')
    .limit(limit).offset(offset).execute();
}

export async function countPartners(db: DbOrTx, organisationId: string, f: PartnerFilter): Promise<number> {
  const row = await filtered(db, organisationId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function insertPartner(db: DbOrTx, row: Insertable<PartnerTable>): Promise<PartnerRow> {
  return db.insertInto('partner').values(row).returning(partnerColumns).executeTakeFirstOrThrow();
}

/**
 * Applies a change if the version is still the one the caller read (any version when null: an
 * import works on the rows it locked); returns nothing when it is not. `archived` sets or clears
 * archived_at (left alone when undefined).
 */
export function updatePartner(db: DbOrTx, organisationId: string, id: string, change: {
  version: number | null; staffUserId: string; patch: Updateable<PartnerTable>; archived?: boolean | undefined;
}): Promise<PartnerRow | undefined> {
  return db.updateTable('partner')
    .set({ ...change.patch, updated_at: sql`now()`, updated_by: change.staffUserId, version: sql`version + 1` })
    .$if(change.archived !== undefined, (q) => q.set({ archived_at: change.archived ? sql<Date>`now()` : null }))
    .where('organisation_id', '=', organisationId).where('id', '=', id)
    .$if(change.version !== null, (q) => q.where('version', '=', change.version ?? 0))
    .returning(partnerColumns).executeTakeFirst();
}
