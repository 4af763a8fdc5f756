import type { DbOrTx } from './database';

/**
 * Takes `count` consecutive numbers of an organisation's counter ('person', 'ticket:2026-11-28')
 * atomically and returns the first; later calls continue after them.
 */
export async function reserveCounter(db: DbOrTx, organisationId: string, name: string, count: number): Promise<number> {
  const row = await db
    .insertInto('counter')
    .values({ organisation_id: organisationId, name, value: count })
    .onConflict((oc) => oc.columns(['organisation_id', 'name']).doUpdateSet((eb) => ({ value: eb('counter.value', '+', count) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value - count + 1;
}

/** Takes the organisation's next number of a kind, atomically. */
export function nextCounter(db: DbOrTx, organisationId: string, name: string): Promise<number> {
  return reserveCounter(db, organisationId, name, 1);
}
