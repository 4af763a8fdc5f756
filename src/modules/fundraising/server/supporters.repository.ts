import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { SupporterAddressTable, SupporterTable } from './fundraising.tables';

/** The supporter columns every read selects, with the current address beside them. */
const supporterColumns = [
  's.id', 's.supporter_number', 's.kind', 's.family_name', 's.given_name', 's.family_name_kana', 's.given_name_kana', 's.organisation_name',
  's.organisation_name_kana', 's.department', 's.honorific', 's.email', 's.phone', 's.phone_digits', 's.preferred_language', 's.allow_post',
  's.allow_email', 's.allow_phone', 's.publish_name', 's.no_contact', 's.notes', 's.tags', 's.merged_into_id', 's.created_at', 's.version',
] as const;
const addressColumns = [
  'a.id as address_id', 'a.country', 'a.postal_code', 'a.prefecture', 'a.city', 'a.line1', 'a.line2', 'a.valid_from', 'a.replaced_at',
] as const;

function selectSupporters(db: DbOrTx, organisationId: string) {
  return db
    .selectFrom('supporter as s')
    .leftJoin('supporter_address as a', (j) => j.onRef('a.supporter_id', '=', 's.id').on('a.replaced_at', 'is', null))
    .select([...supporterColumns, ...addressColumns])
    .where('s.organisation_id', '=', organisationId);
}
export type SupporterRow = NonNullable<Awaited<ReturnType<typeof findSupporter>>>;
export type SupporterWrite = Omit<Insertable<SupporterTable>, 'id' | 'organisation_id' | 'supporter_number' | 'version' | 'created_at' | 'updated_at' | 'created_by'>;

export function findSupporter(db: DbOrTx, organisationId: string, id: string) {
  return selectSupporters(db, organisationId).where('s.id', '=', id).executeTakeFirst();
}

export function findSupporters(db: DbOrTx, organisationId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return selectSupporters(db, organisationId).where('s.id', 'in', ids).execute();
}

/** Locks the supporter row for the rest of the transaction (merges, moves). */
export function lockSupporter(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('supporter').select(['id', 'version', 'merged_into_id']).where('organisation_id', '=', organisationId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertSupporter(db: DbOrTx, row: Insertable<SupporterTable>) {
  return db.insertInto('supporter').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Applies a change if the version is still the one the caller read; returns nothing when it is not. */
export function updateSupporter(db: DbOrTx, organisationId: string, id: string, version: number, patch: Updateable<SupporterTable>) {
  return db.updateTable('supporter').set({ ...patch, updated_at: sql`now()`, version: sql`version + 1` })
    .where('organisation_id', '=', organisationId).where('id', '=', id).where('version', '=', version)
    .returning(['id', 'version']).executeTakeFirst();
}

export function setSearchText(db: DbOrTx, id: string, searchText: string) {
  return db.updateTable('supporter').set({ search_text: searchText }).where('id', '=', id).execute();
}

export function setMergedInto(db: DbOrTx, organisationId: string, id: string, mergedIntoId: string | null) {
  return db.updateTable('supporter').set({ merged_into_id: mergedIntoId, updated_at: sql`now()`, version: sql`version + 1` })
    .where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

// --- Addresses ---------------------------------------------------------------------------------

export async function replaceAddress(db: DbOrTx, row: Insertable<SupporterAddressTable>) {
  await db.updateTable('supporter_address').set({ replaced_at: sql`now()` })
    .where('supporter_id', '=', row.supporter_id).where('replaced_at', 'is', null).execute();
  return db.insertInto('supporter_address').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Ends addresses (kept as history). */
export function endAddresses(db: DbOrTx, ids: readonly string[]) {
  return db.updateTable('supporter_address').set({ replaced_at: sql`now()` }).where('id', 'in', ids).execute();
}

export function listAddresses(db: DbOrTx, organisationId: string, supporterId: string) {
  return db.selectFrom('supporter_address')
    .select(['id', 'country', 'postal_code', 'prefecture', 'city', 'line1', 'line2', 'valid_from', 'replaced_at'])
    .where('organisation_id', '=', organisationId).where('supporter_id', '=', supporterId)
    .orderBy('created_at', 'desc').orderBy('id').execute();
}

// --- Search ------------------------------------------------------------------------------------

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Supporters (not merged) whose search text holds every folded token; an exact supporter number,
 * email or phone comes first, then the closest names. The trigram index answers tokens of three
 * or more characters.
 */
export function searchSupporters(db: DbOrTx, organisationId: string, tokens: readonly string[], folded: string, limit: number, offset: number) {
  let q = selectSupporters(db, organisationId).where('s.merged_into_id', 'is', null);
  for (const token of tokens) q = q.where('s.search_text', 'like', `%${escapeLike(token)}%`);
  if (tokens.length === 0) return q.orderBy('s.updated_at', 'desc').orderBy('s.id').limit(limit).offset(offset).execute();
  return q
    .orderBy(sql`lower(s.supporter_number) = ${folded} OR lower(s.email) = ${folded}`, 'desc')
    .orderBy(sql`word_similarity(${folded}, s.search_text)`, 'desc')
    .orderBy('s.family_name_kana').orderBy('s.id')
    .limit(limit).offset(offset).execute();
}

export async function countSearch(db: DbOrTx, organisationId: string, tokens: readonly string[]): Promise<number> {
  let q = db.selectFrom('supporter as s').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('s.organisation_id', '=', organisationId).where('s.merged_into_id', 'is', null);
  for (const token of tokens) q = q.where('s.search_text', 'like', `%${escapeLike(token)}%`);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

// --- Duplicate candidates ------------------------------------------------------------------------

/** Supporters sharing an email, a phone number, a reading with a 〒, or a name with a city (at most 50). */
export function findDuplicateCandidates(db: DbOrTx, organisationId: string, q: {
  email: string | null; phoneDigits: string | null; readingKey: string | null; postalCode: string | null;
  familyName: string | null; familyNameKana: string | null; organisationName: string | null; prefecture: string | null; city: string | null; excludeId: string | null;
}) {
  return selectSupporters(db, organisationId)
    .where('s.merged_into_id', 'is', null)
    .$if(q.excludeId !== null, (b) => b.where('s.id', '<>', q.excludeId ?? ''))
    .where((eb) => {
      const ors = [];
      if (q.email) ors.push(eb(sql`lower(s.email)`, '=', q.email));
      if (q.phoneDigits) ors.push(eb('s.phone_digits', '=', q.phoneDigits));
      if (q.readingKey && q.postalCode) {
        ors.push(eb.and([eb(sql`replace(s.family_name_kana || s.given_name_kana || s.organisation_name_kana, ' ', '')`, '=', q.readingKey), eb('a.postal_code', '=', q.postalCode)]));
      }
      if (q.city && q.prefecture) {
        const names = [];
        if (q.familyName) names.push(eb('s.family_name', '=', q.familyName));
        if (q.familyNameKana) names.push(eb('s.family_name_kana', '=', q.familyNameKana));
        if (q.organisationName) names.push(eb(sql`similarity(s.organisation_name, ${q.organisationName})`, '>', 0.4));
        if (names.length > 0) ors.push(eb.and([eb('a.prefecture', '=', q.prefecture), eb('a.city', '=', q.city), eb.or(names)]));
      }
      return ors.length > 0 ? eb.or(ors) : eb.val(false);
    })
    .limit(50)
    .execute();
}

// --- Merge -------------------------------------------------------------------------------------

/** How many of a supporter's rows a merge would move. */
export async function countOwned(db: DbOrTx, organisationId: string, supporterId: string) {
  const count = async (table: 'gift' | 'recurring_commitment' | 'gift_soft_credit' | 'supporter_address') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', organisationId).where('supporter_id', '=', supporterId).executeTakeFirstOrThrow()).n);
  return { gifts: await count('gift'), commitments: await count('recurring_commitment'), softCredits: await count('gift_soft_credit'), addresses: await count('supporter_address') };
}

/** Moves a supporter's gifts, commitments and soft credits to another; returns the moved ids. */
export async function moveOwned(db: DbOrTx, organisationId: string, fromId: string, toId: string) {
  const move = async (table: 'gift' | 'recurring_commitment' | 'gift_soft_credit') =>
    (await db.updateTable(table).set({ supporter_id: toId }).where('organisation_id', '=', organisationId).where('supporter_id', '=', fromId).returning('id').execute()).map((r) => r.id);
  return { gifts: await move('gift'), commitments: await move('recurring_commitment'), softCredits: await move('gift_soft_credit') };
}

/** Moves the named rows back (undo of a merge). */
export async function moveBack(db: DbOrTx, organisationId: string, toId: string, moved: { gifts: string[]; commitments: string[]; softCredits: string[] }) {
  const back = async (table: 'gift' | 'recurring_commitment' | 'gift_soft_credit', ids: string[]) => {
    if (ids.length > 0) await db.updateTable(table).set({ supporter_id: toId }).where('organisation_id', '=', organisationId).where('id', 'in', ids).execute();
  };
  await back('gift', moved.gifts);
  await back('recurring_commitment', moved.commitments);
  await back('gift_soft_credit', moved.softCredits);
}

export function insertMerge(db: DbOrTx, row: { organisation_id: string; kept_id: string; merged_id: string; kept_before: string; moved: string; merged_by: string }) {
  return db.insertInto('supporter_merge').values(row).returning(['id', 'kept_id', 'merged_id', 'merged_at', 'undone_at']).executeTakeFirstOrThrow();
}

export function findMerge(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('supporter_merge').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function listMerges(db: DbOrTx, organisationId: string, supporterId: string) {
  return db.selectFrom('supporter_merge').select(['id', 'kept_id', 'merged_id', 'merged_at', 'undone_at'])
    .where('organisation_id', '=', organisationId).where((eb) => eb.or([eb('kept_id', '=', supporterId), eb('merged_id', '=', supporterId)]))
    .orderBy('merged_at', 'desc').execute();
}

export function markMergeUndone(db: DbOrTx, id: string, staffUserId: string) {
  return db.updateTable('supporter_merge').set({ undone_at: sql`now()`, undone_by: staffUserId }).where('id', '=', id).execute();
}

/** Restores the kept supporter's own fields as they were before a merge. */
export function restoreSupporter(db: DbOrTx, organisationId: string, id: string, before: Updateable<SupporterTable>) {
  return db.updateTable('supporter').set({ ...before, updated_at: sql`now()`, version: sql`version + 1` })
    .where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}
