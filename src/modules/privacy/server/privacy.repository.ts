import { sql, type Insertable } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { ConsentTable, DisclosureTable } from './privacy.tables';

const consentSelect = (db: DbOrTx) =>
  db
    .selectFrom('consent')
    .innerJoin('staff_user as recorder', 'recorder.id', 'consent.recorded_by')
    .leftJoin('staff_user as withdrawer', 'withdrawer.id', 'consent.withdrawal_recorded_by')
    .select([
      'consent.id', 'consent.person_id', 'consent.purpose', 'consent.recipient_name', 'consent.country',
      'consent.service_name', 'consent.scope', 'consent.given_on', 'consent.method', 'consent.interpreter_language',
      'recorder.display_name as recorded_by_name', 'consent.recorded_at', 'consent.withdrawn_on',
      'withdrawer.display_name as withdrawal_recorded_by_name', 'consent.withdrawal_recorded_at',
    ]);
export type ConsentRow = NonNullable<Awaited<ReturnType<typeof findConsent>>>;

export function findConsent(db: DbOrTx, organisationId: string, id: string, lock = false) {
  let q = consentSelect(db).where('consent.organisation_id', '=', organisationId).where('consent.id', '=', id);
  if (lock) q = q.forUpdate('consent');
  return q.executeTakeFirst();
}

export function listConsentsOfPerson(db: DbOrTx, organisationId: string, personId: string) {
  return consentSelect(db)
    .where('consent.organisation_id', '=', organisationId)
    .where('consent.person_id', '=', personId)
    .orderBy('consent.given_on', 'desc')
    .orderBy('consent.recorded_at', 'desc')
    .execute();
}

/** The person's consents for a purpose that are valid on the day (given on or before, not yet withdrawn); locked. */
export function activeConsentsOn(db: DbOrTx, organisationId: string, personId: string, purpose: ConsentTable['purpose'], day: string) {
  return db
    .selectFrom('consent')
    .select(['consent.id'])
    .where('consent.organisation_id', '=', organisationId)
    .where('consent.person_id', '=', personId)
    .where('consent.purpose', '=', purpose)
    .where('consent.given_on', '<=', day)
    .where((eb) => eb.or([eb('consent.withdrawn_on', 'is', null), eb('consent.withdrawn_on', '>', day)]))
    .forUpdate()
    .execute();
}

export function insertConsent(db: DbOrTx, row: Insertable<ConsentTable>) {
  return db.insertInto('consent').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Records the withdrawal once; undefined when it was already withdrawn (or is not there). */
export function withdrawConsent(db: DbOrTx, organisationId: string, id: string, withdrawnOn: string, staffUserId: string) {
  return db
    .updateTable('consent')
    .set({ withdrawn_on: withdrawnOn, withdrawal_recorded_by: staffUserId, withdrawal_recorded_at: new Date() })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('withdrawn_on', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

const disclosureSelect = (db: DbOrTx) =>
  db
    .selectFrom('disclosure')
    .innerJoin('staff_user', 'staff_user.id', 'disclosure.recorded_by')
    .select([
      'disclosure.id', 'disclosure.person_id', 'disclosure.recipient_name', 'disclosure.recipient_kind',
      'disclosure.data_categories', 'disclosure.note', 'disclosure.disclosed_on', 'disclosure.consent_id',
      'disclosure.legal_ground', 'staff_user.display_name as recorded_by_name', 'disclosure.recorded_at',
    ]);
export type DisclosureRow = NonNullable<Awaited<ReturnType<typeof findDisclosure>>>;

export function findDisclosure(db: DbOrTx, organisationId: string, id: string) {
  return disclosureSelect(db).where('disclosure.organisation_id', '=', organisationId).where('disclosure.id', '=', id).executeTakeFirst();
}

export function listDisclosuresOfPerson(db: DbOrTx, organisationId: string, personId: string) {
  return disclosureSelect(db)
    .where('disclosure.organisation_id', '=', organisationId)
    .where('disclosure.person_id', '=', personId)
    .orderBy('disclosure.disclosed_on', 'desc')
    .orderBy('disclosure.recorded_at', 'desc')
    .execute();
}

export function insertDisclosure(db: DbOrTx, row: Insertable<DisclosureTable>) {
  return db.insertInto('disclosure').values(row).returning('id').executeTakeFirstOrThrow();
}

export function findSensitive(db: DbOrTx, organisationId: string, personId: string) {
  return db
    .selectFrom('person_sensitive')
    .innerJoin('staff_user', 'staff_user.id', 'person_sensitive.updated_by')
    .select([
      'person_sensitive.person_id', 'person_sensitive.persecution_grounds', 'person_sensitive.health_details',
      'person_sensitive.version', 'staff_user.display_name as updated_by_name', 'person_sensitive.updated_at',
    ])
    .where('person_sensitive.organisation_id', '=', organisationId)
    .where('person_sensitive.person_id', '=', personId)
    .executeTakeFirst();
}
export type SensitiveRow = NonNullable<Awaited<ReturnType<typeof findSensitive>>>;

/** Sealed values only. Inserts at version 1 when `version` is 0, else updates that version; false when stale. */
export async function saveSensitive(
  db: DbOrTx,
  row: { organisationId: string; personId: string; persecutionGrounds: string | null; healthDetails: string | null; version: number; staffUserId: string },
): Promise<boolean> {
  if (row.version === 0) {
    const inserted = await db
      .insertInto('person_sensitive')
      .values({
        person_id: row.personId, organisation_id: row.organisationId, persecution_grounds: row.persecutionGrounds,
        health_details: row.healthDetails, updated_by: row.staffUserId,
      })
      .onConflict((oc) => oc.column('person_id').doNothing())
      .returning('person_id')
      .executeTakeFirst();
    return inserted !== undefined;
  }
  const updated = await db
    .updateTable('person_sensitive')
    .set({
      persecution_grounds: row.persecutionGrounds, health_details: row.healthDetails, updated_by: row.staffUserId,
      updated_at: new Date(), version: sql<number>`version + 1`,
    })
    .where('organisation_id', '=', row.organisationId)
    .where('person_id', '=', row.personId)
    .where('version', '=', row.version)
    .returning('person_id')
    .executeTakeFirst();
  return updated !== undefined;
}

// ---- The person's own copy (本人開示): case tables of migrations/0002, read here directly ----

export function findCaseFile(db: DbOrTx, organisationId: string, personId: string) {
  return db
    .selectFrom('case_file')
    .leftJoin('staff_user', 'staff_user.id', 'case_file.assigned_to')
    .select([
      'staff_user.display_name as assigned_to_name', 'case_file.residence_status', 'case_file.residence_card_number',
      'case_file.residence_expires_on', 'case_file.work_permitted', 'case_file.custody', 'case_file.supervisor_name',
      'case_file.procedure_stage', 'case_file.application_count', 'case_file.sorting_category', 'case_file.applied_on',
      'case_file.decision_notice_received_on', 'case_file.allowance_status', 'case_file.allowance_applied_on',
      'case_file.allowance_decided_on', 'case_file.health_insurance', 'case_file.insurance_eligible_on',
      'case_file.vulnerabilities', 'case_file.whereabouts', 'case_file.line_id', 'case_file.email', 'case_file.updated_at',
      // The sealed fields (migrations/0011): the service opens them through the cases service.
      'case_file.sealed_fields',
    ])
    .where('case_file.organisation_id', '=', organisationId)
    .where('case_file.person_id', '=', personId)
    .executeTakeFirst();
}

export function listStatusChanges(db: DbOrTx, organisationId: string, personId: string) {
  return db
    .selectFrom('case_status_change')
    .innerJoin('staff_user', 'staff_user.id', 'case_status_change.recorded_by')
    .select([
      'case_status_change.field', 'case_status_change.old_value', 'case_status_change.new_value',
      'case_status_change.effective_on', 'staff_user.display_name as recorded_by_name', 'case_status_change.recorded_at',
    ])
    .where('case_status_change.organisation_id', '=', organisationId)
    .where('case_status_change.person_id', '=', personId)
    .orderBy('case_status_change.recorded_at', 'desc')
    .execute();
}

export function listCaseEvents(db: DbOrTx, organisationId: string, personId: string) {
  return db
    .selectFrom('case_event')
    .select(['id', 'kind', 'occurs_on', 'note', 'done_at', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .orderBy('occurs_on', 'desc')
    .execute();
}

/** Household links read from either end, with the other member's file number and name. */
export function listHouseholdLinks(db: DbOrTx, organisationId: string, personId: string) {
  return db
    .selectFrom('household_link')
    .innerJoin('person as other', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb('household_link.person_id', '=', personId), eb('other.id', '=', eb.ref('household_link.member_person_id'))]),
          eb.and([eb('household_link.member_person_id', '=', personId), eb('other.id', '=', eb.ref('household_link.person_id'))]),
        ]),
      ),
    )
    .select([
      'other.id as other_id', 'other.file_number', 'other.family_name', 'other.given_name', 'household_link.relationship',
      'household_link.person_id',
    ])
    .where('household_link.organisation_id', '=', organisationId)
    .execute();
}

export function listTasks(db: DbOrTx, organisationId: string, personId: string) {
  return db
    .selectFrom('task')
    .select(['id', 'title', 'due_on', 'status', 'created_at', 'completed_at'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Audit events naming the person (as the entity, or in details.personId), newest first. */
export function listAuditEventsAboutPerson(db: DbOrTx, organisationId: string, personId: string) {
  return db
    .selectFrom('audit_event')
    .leftJoin('staff_user', 'staff_user.id', 'audit_event.actor_staff_user_id')
    .select([
      'audit_event.id', 'audit_event.occurred_at', 'staff_user.display_name as actor_name', 'audit_event.action',
      'audit_event.entity_type', sql<string | null>`audit_event.details->>'view'`.as('view'),
    ])
    .where('audit_event.organisation_id', '=', organisationId)
    .where((eb) =>
      eb.or([
        eb.and([eb('audit_event.entity_type', '=', 'person'), eb('audit_event.entity_id', '=', personId)]),
        eb.and([sql<boolean>`audit_event.details ? 'personId'`, eb(sql`audit_event.details->>'personId'`, '=', personId)]),
      ]),
    )
    .orderBy('audit_event.id', 'desc')
    .limit(5000)
    .execute();
}
