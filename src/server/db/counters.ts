import type { DbOrTx } from './database';

/** Takes the organisation's next number of a kind ('person', 'ticket:2026-11-28'), atomically. */
export async function nextCounter(db: DbOrTx, organisationId: string, name: string): Promise<number> {
  const row = await db
    .insertInto('counter')
    .values({ organisation_id: organisationId, name, value: 1 })
    .onConflict((oc) => oc.columns(['organisation_id', 'name']).doUpdateSet((eb) => ({ value: eb('counter.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}
