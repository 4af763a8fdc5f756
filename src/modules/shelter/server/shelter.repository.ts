import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type {
  PaidLodgingTable, ShelterBedTable, ShelterFacilityTable, ShelterRoomTable, ShelterStayTable, ShelterWaitingEntryTable,
} from './shelter.tables';

// ─── Facilities, rooms, beds ────────────────────────────────────────────────────────────────────
const facilityColumns = ['id', 'name_ja', 'name_en', 'note', 'is_active', 'sort_order'] as const;
const roomColumns = ['id', 'facility_id', 'name', 'allowed_use', 'is_active', 'sort_order'] as const;
const bedColumns = ['id', 'room_id', 'label', 'is_active', 'sort_order'] as const;

export type FacilityRow = NonNullable<Awaited<ReturnType<typeof findFacility>>>;
export type RoomRow = NonNullable<Awaited<ReturnType<typeof findRoom>>>;
export type BedRow = NonNullable<Awaited<ReturnType<typeof findBed>>>;

export function listFacilities(db: DbOrTx, organisationId: string) {
  return db.selectFrom('shelter_facility').select(facilityColumns).where('organisation_id', '=', organisationId).orderBy('sort_order').orderBy('name_en').execute();
}
export function listRooms(db: DbOrTx, organisationId: string) {
  return db.selectFrom('shelter_room').select(roomColumns).where('organisation_id', '=', organisationId).orderBy('sort_order').orderBy('name').execute();
}
export function listBeds(db: DbOrTx, organisationId: string) {
  return db.selectFrom('shelter_bed').select(bedColumns).where('organisation_id', '=', organisationId).orderBy('sort_order').orderBy('label').execute();
}

export function findFacility(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('shelter_facility').select(facilityColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}
export function findRoom(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('shelter_room').select(roomColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}
export function findBed(db: DbOrTx, organisationId: string, id: string) {
  return db.selectFrom('shelter_bed').select(bedColumns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export function insertFacility(db: DbOrTx, row: Insertable<ShelterFacilityTable>) {
  return db.insertInto('shelter_facility').values(row).returning(facilityColumns).executeTakeFirstOrThrow();
}
export function updateFacility(db: DbOrTx, organisationId: string, id: string, patch: Updateable<ShelterFacilityTable>) {
  return db.updateTable('shelter_facility').set(patch).where('organisation_id', '=', organisationId).where('id', '=', id).returning(facilityColumns).executeTakeFirst();
}
/** Inserts a room; nothing when the facility already has a room of that name. */
export function insertRoom(db: DbOrTx, row: Insertable<ShelterRoomTable>) {
  return db.insertInto('shelter_room').values(row).onConflict((oc) => oc.columns(['facility_id', 'name']).doNothing()).returning(roomColumns).executeTakeFirst();
}
export function updateRoom(db: DbOrTx, organisationId: string, id: string, patch: Updateable<ShelterRoomTable>) {
  return db.updateTable('shelter_room').set(patch).where('organisation_id', '=', organisationId).where('id', '=', id).returning(roomColumns).executeTakeFirst();
}
/** Inserts a bed; nothing when the room already has a bed with that label. */
export function insertBed(db: DbOrTx, row: Insertable<ShelterBedTable>) {
  return db.insertInto('shelter_bed').values(row).onConflict((oc) => oc.columns(['room_id', 'label']).doNothing()).returning(bedColumns).executeTakeFirst();
}
export function updateBed(db: DbOrTx, organisationId: string, id: string, patch: Updateable<ShelterBedTable>) {
  return db.updateTable('shelter_bed').set(patch).where('organisation_id', '=', organisationId).where('id', '=', id).returning(bedColumns).executeTakeFirst();
}
export function roomNameTaken(db: DbOrTx, facilityId: string, name: string, exceptId: string) {
  return db.selectFrom('shelter_room').select('id').where('facility_id', '=', facilityId).where('name', '=', name).where('id', '<>', exceptId).executeTakeFirst();
}
export function bedLabelTaken(db: DbOrTx, roomId: string, label: string, exceptId: string) {
  return db.selectFrom('shelter_bed').select('id').where('room_id', '=', roomId).where('label', '=', label).where('id', '<>', exceptId).executeTakeFirst();
}

/**
 * A bed with its room and facility, locked until the transaction ends: stays on one bed are
 * written one after the other, so the "still there although overdue" check cannot race.
 */
export function lockBedForStay(db: DbOrTx, organisationId: string, bedId: string) {
  return db
    .selectFrom('shelter_bed as b')
    .innerJoin('shelter_room as r', 'r.id', 'b.room_id')
    .innerJoin('shelter_facility as f', 'f.id', 'r.facility_id')
    .select(['b.id', 'b.is_active as bed_active', 'r.is_active as room_active', 'f.is_active as facility_active', 'r.allowed_use'])
    .where('b.organisation_id', '=', organisationId)
    .where('b.id', '=', bedId)
    .forUpdate('b')
    .executeTakeFirst();
}

// ─── Occupancy board ────────────────────────────────────────────────────────────────────────────
const summaryColumns = [
  'p.id as person_id', 'p.file_number', 'p.family_name', 'p.given_name', 'p.name_in_own_script', 'p.name_kana',
  'p.date_of_birth', 'p.date_of_birth_estimated', 'p.sex', 'p.nationality',
] as const;

/**
 * The stay `s` holds its bed on the night `on` (the nights rule of ../nights.ts): it covers that
 * night, or it is open and already overdue (expected check-out on or before both `on` and today),
 * since the person is still there until checked out.
 */
function holdsNight(on: string, today: string) {
  const overdueBy = on < today ? on : today;
  return sql<boolean>`(s.check_in_on <= ${on}::date AND (COALESCE(s.checked_out_on, s.expected_check_out_on) > ${on}::date
    OR (s.checked_out_on IS NULL AND s.expected_check_out_on <= ${overdueBy}::date)))`;
}

/**
 * Every active bed with who occupies it on the night `on`, in one query: the stay covering that
 * night, or an open stay already overdue today whose expected check-out is on or before `on` (the
 * person is still there until checked out), and the next stay booked after that night.
 */
export function board(db: DbOrTx, organisationId: string, on: string, today: string) {
  return db
    .selectFrom('shelter_bed as b')
    .innerJoin('shelter_room as r', 'r.id', 'b.room_id')
    .innerJoin('shelter_facility as f', 'f.id', 'r.facility_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('shelter_stay as s')
          .select(['s.id as stay_id', 's.person_id as stay_person_id', 's.check_in_on', 's.expected_check_out_on', 's.checked_out_on'])
          .whereRef('s.bed_id', '=', 'b.id')
          .where(holdsNight(on, today))
          .orderBy('s.check_in_on', 'desc')
          .limit(1)
          .as('st'),
      (join) => join.onTrue(),
    )
    .leftJoin('person as p', 'p.id', 'st.stay_person_id')
    .select([
      'b.id as bed_id', 'b.label', 'r.id as room_id', 'r.name as room_name', 'r.allowed_use', 'f.id as facility_id',
      'f.name_ja as facility_name_ja', 'f.name_en as facility_name_en',
      'st.stay_id', 'st.check_in_on', 'st.expected_check_out_on', 'st.checked_out_on',
      ...summaryColumns,
    ])
    .select((eb) =>
      eb
        .selectFrom('shelter_stay as n')
        .select((n) => n.fn.min('n.check_in_on').as('next'))
        .whereRef('n.bed_id', '=', 'b.id')
        .where('n.check_in_on', '>', on)
        .as('next_check_in_on'),
    )
    .where('b.organisation_id', '=', organisationId)
    .where('b.is_active', '=', true)
    .where('r.is_active', '=', true)
    .where('f.is_active', '=', true)
    .orderBy('f.sort_order').orderBy('f.name_en').orderBy('f.id')
    .orderBy('r.sort_order').orderBy('r.name')
    .orderBy('b.sort_order').orderBy('b.label')
    .execute();
}
export type BoardRow = Awaited<ReturnType<typeof board>>[number];

// ─── Stays ──────────────────────────────────────────────────────────────────────────────────────
const staySelect = (db: DbOrTx) =>
  db
    .selectFrom('shelter_stay as s')
    .innerJoin('shelter_bed as b', 'b.id', 's.bed_id')
    .innerJoin('shelter_room as r', 'r.id', 'b.room_id')
    .innerJoin('shelter_facility as f', 'f.id', 'r.facility_id')
    .select([
      's.id', 's.person_id', 's.bed_id', 'b.label as bed_label', 'r.name as room_name', 'f.name_ja as facility_name_ja',
      'f.name_en as facility_name_en', 's.check_in_on', 's.expected_check_out_on', 's.checked_out_on', 's.waiting_entry_id',
      's.note', 's.version', 's.created_at',
    ]);
export type StayRow = NonNullable<Awaited<ReturnType<typeof findStay>>>;

export function findStay(db: DbOrTx, organisationId: string, id: string) {
  return staySelect(db).where('s.organisation_id', '=', organisationId).where('s.id', '=', id).executeTakeFirst();
}
export function listStaysOfPerson(db: DbOrTx, organisationId: string, personId: string) {
  return staySelect(db)
    .where('s.organisation_id', '=', organisationId)
    .where('s.person_id', '=', personId)
    .orderBy('s.check_in_on', 'desc')
    .limit(500)
    .execute();
}

/** The stay locked for a change (check-out, new expected check-out). */
export function lockStay(db: DbOrTx, organisationId: string, id: string) {
  return db
    .selectFrom('shelter_stay')
    .select(['id', 'person_id', 'bed_id', 'check_in_on', 'expected_check_out_on', 'checked_out_on', 'version'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * An open stay already overdue today (expected check-out passed, not checked out) that began
 * before `until`: the person is still there, holding the bed for every night until checked out.
 * The exclusion constraints cannot see those nights; the service refuses them.
 */
export function findOverdueOpenStay(db: DbOrTx, organisationId: string, by: { bedId?: string; personId?: string }, today: string, until: string) {
  let q = db
    .selectFrom('shelter_stay')
    .select(['id', 'bed_id', 'person_id'])
    .where('organisation_id', '=', organisationId)
    .where('checked_out_on', 'is', null)
    .where('expected_check_out_on', '<=', today)
    .where('check_in_on', '<', until);
  if (by.bedId) q = q.where('bed_id', '=', by.bedId);
  if (by.personId) q = q.where('person_id', '=', by.personId);
  return q.limit(1).executeTakeFirst();
}

/** Inserts a stay as given: the exclusion constraints are the last word on double booking. */
export function insertStay(db: DbOrTx, row: Insertable<ShelterStayTable>) {
  return db.insertInto('shelter_stay').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateStay(db: DbOrTx, organisationId: string, id: string, patch: Pick<Updateable<ShelterStayTable>, 'checked_out_on' | 'checked_out_by' | 'expected_check_out_on'>) {
  return db
    .updateTable('shelter_stay')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

/** People in a bed on the night `on` (covering stays and overdue open ones) or in paid lodging. */
export async function housedPersonIds(db: DbOrTx, organisationId: string, on: string, today: string): Promise<string[]> {
  const rows = await db
    .selectFrom('shelter_stay as s')
    .select('s.person_id')
    .where('s.organisation_id', '=', organisationId)
    .where(holdsNight(on, today))
    .union(
      db
        .selectFrom('paid_lodging')
        .select('person_id')
        .where('organisation_id', '=', organisationId)
        .where('first_night_on', '<=', on)
        .where(sql<boolean>`first_night_on + nights > ${on}::date`),
    )
    .execute();
  return rows.map((r) => r.person_id);
}

/** Nights provided in [from, to]: shelter nights already slept (N <= today) and paid nights. */
export async function nightsInRange(db: DbOrTx, organisationId: string, from: string, to: string, today: string) {
  const end = sql`LEAST(COALESCE(checked_out_on, expected_check_out_on), ${to}::date + 1, ${today}::date + 1)`;
  const shelter = await db
    .selectFrom('shelter_stay')
    .select(sql<number>`COALESCE(SUM(GREATEST(0, ${end} - GREATEST(check_in_on, ${from}::date))), 0)::int`.as('nights'))
    .where('organisation_id', '=', organisationId)
    .where('check_in_on', '<=', to)
    .executeTakeFirstOrThrow();
  const paid = await db
    .selectFrom('paid_lodging')
    .select(sql<number>`COALESCE(SUM(GREATEST(0, LEAST(first_night_on + nights, ${to}::date + 1) - GREATEST(first_night_on, ${from}::date))), 0)::int`.as('nights'))
    .where('organisation_id', '=', organisationId)
    .where('first_night_on', '<=', to)
    .executeTakeFirstOrThrow();
  return { shelter: Number(shelter.nights), paid: Number(paid.nights) };
}

// ─── Paid lodging ───────────────────────────────────────────────────────────────────────────────
const lodgingSelect = (db: DbOrTx) =>
  db
    .selectFrom('paid_lodging as l')
    .innerJoin('staff_user as u', 'u.id', 'l.recorded_by')
    .select([
      'l.id', 'l.person_id', 'l.kind', 'l.place_name', 'l.first_night_on', 'l.nights', 'l.cost_yen', 'l.budget_line_id', 'l.note',
      'u.display_name as recorded_by_name', 'l.created_at',
    ]);
export type LodgingRow = NonNullable<Awaited<ReturnType<typeof findLodging>>>;

export function findLodging(db: DbOrTx, organisationId: string, id: string) {
  return lodgingSelect(db).where('l.organisation_id', '=', organisationId).where('l.id', '=', id).executeTakeFirst();
}
export function listLodgingOfPerson(db: DbOrTx, organisationId: string, personId: string) {
  return lodgingSelect(db).where('l.organisation_id', '=', organisationId).where('l.person_id', '=', personId).orderBy('l.first_night_on', 'desc').limit(500).execute();
}
export function insertLodging(db: DbOrTx, row: Insertable<PaidLodgingTable>) {
  return db.insertInto('paid_lodging').values(row).returning('id').executeTakeFirstOrThrow();
}

// ─── Waiting list ───────────────────────────────────────────────────────────────────────────────
const waitingSelect = (db: DbOrTx) =>
  db
    .selectFrom('shelter_waiting_entry as w')
    .innerJoin('person as p', 'p.id', 'w.person_id')
    .select([
      'w.id', 'w.listed_on', 'w.needs', 'w.with_children', 'w.is_pregnant', 'w.is_ill', 'w.is_rough_sleeping', 'w.note', 'w.status',
      'w.closed_on', 'w.closed_reason', 'w.version', ...summaryColumns,
    ]);
export type WaitingRow = NonNullable<Awaited<ReturnType<typeof findWaitingEntry>>>;

export function findWaitingEntry(db: DbOrTx, organisationId: string, id: string) {
  return waitingSelect(db).where('w.organisation_id', '=', organisationId).where('w.id', '=', id).executeTakeFirst();
}
export function listOpenWaitingEntries(db: DbOrTx, organisationId: string) {
  return waitingSelect(db).where('w.organisation_id', '=', organisationId).where('w.status', '=', 'waiting').orderBy('w.listed_on').execute();
}
/** Every waiting-list entry a person ever had (open, housed, withdrawn), newest first. */
export function listWaitingEntriesOfPerson(db: DbOrTx, organisationId: string, personId: string) {
  return waitingSelect(db).where('w.organisation_id', '=', organisationId).where('w.person_id', '=', personId).orderBy('w.listed_on', 'desc').execute();
}
export function findOpenWaitingEntryOfPerson(db: DbOrTx, organisationId: string, personId: string) {
  return waitingSelect(db).where('w.organisation_id', '=', organisationId).where('w.person_id', '=', personId).where('w.status', '=', 'waiting').executeTakeFirst();
}
export function lockWaitingEntry(db: DbOrTx, organisationId: string, id: string) {
  return db
    .selectFrom('shelter_waiting_entry')
    .select(['id', 'person_id', 'status', 'version'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}
/** Inserts an entry; nothing when the person already has an open one (the partial unique index). */
export function insertWaitingEntry(db: DbOrTx, row: Insertable<ShelterWaitingEntryTable>) {
  return db
    .insertInto('shelter_waiting_entry')
    .values(row)
    .onConflict((oc) => oc.column('person_id').where('status', '=', 'waiting').doNothing())
    .returning('id')
    .executeTakeFirst();
}
export function updateWaitingEntry(
  db: DbOrTx,
  organisationId: string,
  id: string,
  patch: Omit<Updateable<ShelterWaitingEntryTable>, 'id' | 'organisation_id' | 'person_id' | 'version'>,
) {
  return db
    .updateTable('shelter_waiting_entry')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

/** The person's sex and housing: the facts a stay or a listing checks. */
export function findPersonFacts(db: DbOrTx, organisationId: string, personId: string) {
  return db.selectFrom('person').select(['id', 'sex', 'housing']).where('organisation_id', '=', organisationId).where('id', '=', personId).executeTakeFirst();
}
