import type { DbOrTx } from '../../../server/db/database';

// Reads only: case_file and case_event belong to the cases module; the rules need these facts.
// The procedure stage is sealed (migrations/0011): these queries fetch the columns that hold the
// sealed fields and the service opens them through the cases service, so no query can filter on it.
const factColumns = [
  'case_file.person_id', 'case_file.decision_notice_received_on', 'case_file.residence_status',
  'case_file.residence_expires_on', 'case_file.health_insurance', 'case_file.insurance_eligible_on', 'case_file.assigned_to',
  'case_file.sealed_fields', 'case_file.residence_card_number', 'case_file.custody', 'case_file.procedure_stage',
  'case_file.vulnerabilities', 'case_file.whereabouts',
] as const;

export function findCaseFacts(db: DbOrTx, organisationId: string, personId: string) {
  return db
    .selectFrom('case_file')
    .select(factColumns)
    .where('case_file.organisation_id', '=', organisationId)
    .where('case_file.person_id', '=', personId)
    .executeTakeFirst();
}

/** Reporting dates not yet done, of the given people. */
export function listOpenReportingDates(db: DbOrTx, organisationId: string, personIds: string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('case_event')
    .select(['id', 'person_id', 'occurs_on'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', 'in', personIds)
    .where('kind', '=', 'reporting')
    .where('done_at', 'is', null)
    .orderBy('occurs_on')
    .execute();
}

export type CaseFileWithPersonRow = Awaited<ReturnType<typeof listFilesWithDeadlineFacts>>[number];

/**
 * Case files (of one caseworker, or all) that carry any fact a deadline can come from, with the
 * person's summary. The rules themselves decide which facts make a deadline.
 */
export function listFilesWithDeadlineFacts(db: DbOrTx, organisationId: string, assignedTo: string | null) {
  let query = db
    .selectFrom('case_file')
    .innerJoin('person', 'person.id', 'case_file.person_id')
    .leftJoin('staff_user as assignee', 'assignee.id', 'case_file.assigned_to')
    .select([
      ...factColumns, 'assignee.display_name as assigned_to_name',
      'person.file_number', 'person.family_name', 'person.given_name', 'person.name_in_own_script', 'person.name_kana',
      'person.date_of_birth', 'person.date_of_birth_estimated', 'person.sex', 'person.nationality',
    ])
    .where('case_file.organisation_id', '=', organisationId)
    .where('person.merged_into_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb('case_file.decision_notice_received_on', 'is not', null),
        eb('case_file.insurance_eligible_on', 'is not', null),
        eb('case_file.residence_expires_on', 'is not', null),
        eb.exists(
          eb.selectFrom('case_event').select('case_event.id')
            .whereRef('case_event.person_id', '=', 'case_file.person_id')
            .where('case_event.kind', '=', 'reporting')
            .where('case_event.done_at', 'is', null),
        ),
      ]),
    );
  if (assignedTo !== null) query = query.where('case_file.assigned_to', '=', assignedTo);
  return query.execute();
}
