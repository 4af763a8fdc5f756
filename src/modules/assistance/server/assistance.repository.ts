import type { DbOrTx } from '../../../server/db/database';
import type { Insertable, Updateable } from 'kysely';
import type { AidItemTable, AssistanceTable } from '../../../server/db/schema';

const itemColumns = ['code', 'name_ja', 'name_en', 'category', 'is_money', 'is_active', 'sort_order'] as const;

export type AidItemRow = NonNullable<Awaited<ReturnType<typeof findAidItem>>>;

export function listAidItems(db: DbOrTx, organisationId: string) {
  return db.selectFrom('aid_item').select(itemColumns).where('organisation_id', '=', organisationId).orderBy('sort_order').orderBy('code').execute();
}

export function findAidItem(db: DbOrTx, organisationId: string, code: string) {
  return db.selectFrom('aid_item').select(itemColumns).where('organisation_id', '=', organisationId).where('code', '=', code).executeTakeFirst();
}

export function insertAidItems(db: DbOrTx, rows: Array<Insertable<AidItemTable>>) {
  return db.insertInto('aid_item').values(rows).onConflict((oc) => oc.doNothing()).returning(itemColumns).execute();
}

export function updateAidItem(db: DbOrTx, organisationId: string, code: string, patch: Omit<Updateable<AidItemTable>, 'organisation_id' | 'code'>) {
  return db.updateTable('aid_item').set(patch).where('organisation_id', '=', organisationId).where('code', '=', code).returning(itemColumns).executeTakeFirst();
}

const assistanceSelect = (db: DbOrTx) =>
  db
    .selectFrom('assistance')
    .innerJoin('aid_item', (join) =>
      join.onRef('aid_item.organisation_id', '=', 'assistance.organisation_id').onRef('aid_item.code', '=', 'assistance.item_code'),
    )
    .innerJoin('staff_user', 'staff_user.id', 'assistance.given_by')
    .select([
      'assistance.id', 'assistance.person_id', 'assistance.visit_id', 'assistance.item_code', 'aid_item.name_ja',
      'aid_item.name_en', 'aid_item.category', 'assistance.quantity', 'assistance.amount_yen', 'assistance.given_on',
      'assistance.given_by', 'staff_user.display_name as given_by_name', 'assistance.note', 'assistance.created_at',
    ]);

export type AssistanceRow = NonNullable<Awaited<ReturnType<typeof findAssistance>>>;

export function findAssistance(db: DbOrTx, organisationId: string, id: string) {
  return assistanceSelect(db).where('assistance.organisation_id', '=', organisationId).where('assistance.id', '=', id).executeTakeFirst();
}

export function listAssistanceOfPerson(db: DbOrTx, organisationId: string, personId: string) {
  return assistanceSelect(db)
    .where('assistance.organisation_id', '=', organisationId)
    .where('assistance.person_id', '=', personId)
    .orderBy('assistance.given_on', 'desc')
    .orderBy('assistance.created_at', 'desc')
    .limit(500)
    .execute();
}

export function insertAssistance(db: DbOrTx, row: Insertable<AssistanceTable>) {
  return db.insertInto('assistance').values(row).returning('id').executeTakeFirstOrThrow();
}
