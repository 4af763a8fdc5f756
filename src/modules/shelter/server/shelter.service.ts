import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, conflict, invalidField, notFound } from '../../../server/http/errors';
import { tokyoDate } from '../../../shared/time';
import type { AuditService } from '../../audit/server/audit.service';
import type { BudgetsService } from '../../budgets/server/budgets.service';
import { personFieldNames, type PersonFieldValues } from '../../people/contract';
import { presentSummary, type PeopleService } from '../../people/server/people.service';
import type {
  Board, BoardBed, BedUse, CheckOutInput, CreateBedInput, CreateFacilityInput, CreatePaidLodgingInput, CreateRoomInput, CreateStayInput,
  CreateWaitingEntryInput, FacilityTree, NightsInRange, PaidLodging, PersonShelter, PersonShelterRecords, ShelterBed, ShelterFacility, ShelterRoom, Stay,
  SuitableBeds, UpdateBedInput, UpdateFacilityInput, UpdateRoomInput, UpdateStayInput, UpdateWaitingEntryInput, WaitingEntry,
} from '../contract';
import { daysBetween, paidNights, stayEnd, stayNightsProvided } from '../nights';
import { byPriority, computePriority } from '../priority';
import * as repo from './shelter.repository';

const presentFacility = (r: repo.FacilityRow): ShelterFacility => ({ id: r.id, nameJa: r.name_ja, nameEn: r.name_en, note: r.note, isActive: r.is_active, sortOrder: r.sort_order });
const presentRoom = (r: repo.RoomRow): ShelterRoom => ({ id: r.id, facilityId: r.facility_id, name: r.name, allowedUse: r.allowed_use, isActive: r.is_active, sortOrder: r.sort_order });
const presentBed = (r: repo.BedRow): ShelterBed => ({ id: r.id, roomId: r.room_id, label: r.label, isActive: r.is_active, sortOrder: r.sort_order });

function presentBoardBed(r: repo.BoardRow, on: string, today: string): BoardBed {
  const hasOccupant = r.stay_id !== null && r.person_id !== null && r.check_in_on !== null && r.expected_check_out_on !== null;
  return {
    bedId: r.bed_id,
    label: r.label,
    roomId: r.room_id,
    roomName: r.room_name,
    allowedUse: r.allowed_use,
    facilityId: r.facility_id,
    facilityNameJa: r.facility_name_ja,
    facilityNameEn: r.facility_name_en,
    occupant: hasOccupant
      ? {
          stayId: r.stay_id as string,
          person: presentSummary({ ...r, id: r.person_id as string } as Parameters<typeof presentSummary>[0]),
          checkInOn: r.check_in_on as string,
          expectedCheckOutOn: r.expected_check_out_on as string,
          nights: daysBetween(r.check_in_on as string, on) + 1,
          isOverdue: r.checked_out_on === null && (r.expected_check_out_on as string) <= (on < today ? on : today),
        }
      : null,
    nextCheckInOn: r.next_check_in_on ?? null,
  };
}

function presentStay(r: repo.StayRow, today: string): Stay {
  const dates = { checkInOn: r.check_in_on, expectedCheckOutOn: r.expected_check_out_on, checkedOutOn: r.checked_out_on };
  return {
    id: r.id,
    personId: r.person_id,
    bedId: r.bed_id,
    bedLabel: r.bed_label,
    roomName: r.room_name,
    facilityNameJa: r.facility_name_ja,
    facilityNameEn: r.facility_name_en,
    ...dates,
    waitingEntryId: r.waiting_entry_id,
    note: r.note,
    nightsProvided: stayNightsProvided(dates, today),
    isOverdue: r.checked_out_on === null && r.expected_check_out_on <= today,
    version: r.version,
    createdAt: r.created_at.toISOString(),
  };
}

const presentLodging = (r: repo.LodgingRow): PaidLodging => ({
  id: r.id,
  personId: r.person_id,
  kind: r.kind,
  placeName: r.place_name,
  firstNightOn: r.first_night_on,
  nights: r.nights,
  costYen: r.cost_yen,
  budgetLineId: r.budget_line_id,
  note: r.note,
  recordedByName: r.recorded_by_name,
  createdAt: r.created_at.toISOString(),
});

const HEALTH_REASONS: ReadonlySet<string> = new Set(['pregnant', 'ill']);

/**
 * A waiting-list entry as the reader may see it: roles that manage the list (shelter.write) see
 * why a person comes first; the others see the priority without its health reasons or notes.
 */
function presentWaiting(r: repo.WaitingRow, today: string, ctx: RequestContext): WaitingEntry {
  const entry = presentWaitingInFull(r, today);
  if (ctx.actor.permissions.has('shelter.write')) return entry;
  return { ...entry, isPregnant: null, isIll: null, note: null, closedReason: null, priorityReasons: entry.priorityReasons.filter((reason) => !HEALTH_REASONS.has(reason)) };
}

function presentWaitingInFull(r: repo.WaitingRow, today: string): WaitingEntry {
  const person = presentSummary({ ...r, id: r.person_id });
  const { priority, reasons, daysWaiting } = computePriority(
    { sex: person.sex, dateOfBirth: person.dateOfBirth, withChildren: r.with_children, isPregnant: r.is_pregnant, isIll: r.is_ill, isRoughSleeping: r.is_rough_sleeping, listedOn: r.listed_on },
    // A closed entry stops counting on the day it was closed.
    r.closed_on ?? today,
  );
  return {
    id: r.id,
    person,
    listedOn: r.listed_on,
    daysWaiting,
    needs: r.needs,
    withChildren: r.with_children,
    isPregnant: r.is_pregnant,
    isIll: r.is_ill,
    isRoughSleeping: r.is_rough_sleeping,
    note: r.note,
    status: r.status,
    closedOn: r.closed_on,
    closedReason: r.closed_reason,
    priority,
    priorityReasons: reasons,
    version: r.version,
  };
}

/** Whether a room's use admits a person of this sex: women-only refuses men, men-only refuses women. */
export function useAdmits(use: BedUse, sex: string): boolean {
  if (use === 'women') return sex !== 'male';
  if (use === 'men') return sex !== 'female';
  return true;
}

/** The room uses that suit a waiting entry's needs, best first (then filtered by the person's sex). */
export function usesFor(needs: BedUse): BedUse[] {
  switch (needs) {
    case 'women':
      return ['women', 'any'];
    case 'families':
      return ['families', 'any'];
    case 'men':
      return ['men', 'any'];
    case 'any':
      return ['any', 'women', 'men', 'families'];
  }
}

/** The database's refusal of a double booking (SQLSTATE 23P01), by constraint name. */
function exclusionError(error: unknown): AppError | null {
  const e = error as { code?: string; constraint?: string };
  if (e?.code !== '23P01') return null;
  if (e.constraint === 'shelter_stay_bed_night') return conflict('bed.occupied');
  if (e.constraint === 'shelter_stay_person_night') return conflict('stay.person_already_housed');
  return null;
}

async function mapExclusion<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw exclusionError(error) ?? error;
  }
}

export function createShelterService(db: Db, audit: AuditService, people: PeopleService, budgets: BudgetsService) {
  async function getStay(ctx: RequestContext, id: string): Promise<Stay> {
    const row = await repo.findStay(db, ctx.actor.organisationId, id);
    if (!row) throw notFound('stay.not_found');
    return presentStay(row, tokyoDate());
  }

  async function getWaiting(ctx: RequestContext, id: string): Promise<WaitingEntry> {
    const row = await repo.findWaitingEntry(db, ctx.actor.organisationId, id);
    if (!row) throw notFound('waiting.not_found');
    return presentWaiting(row, tokyoDate(), ctx);
  }

  async function board(ctx: RequestContext, on: string = tokyoDate()): Promise<Board> {
    const today = tokyoDate();
    const beds = (await repo.board(db, ctx.actor.organisationId, on, today)).map((r) => presentBoardBed(r, on, today));
    return { on, beds, freeCount: beds.filter((b) => b.occupant === null).length, totalCount: beds.length };
  }

  /**
   * Sets the person's housing to 団体シェルター through the people service, inside the stay's
   * transaction: the person is locked, every other field is kept, the housing-history hook runs.
   */
  async function moveIntoShelter(tx: DbOrTx, ctx: RequestContext, personId: string): Promise<boolean> {
    const person = await people.lockForMerge(tx, ctx, personId);
    if (!person || person.housing === 'org_shelter') return false;
    const fields = Object.fromEntries(personFieldNames.map((k) => [k, person[k]])) as PersonFieldValues;
    await people.replaceFields(tx, ctx, personId, person.version, { ...fields, housing: 'org_shelter' });
    await audit.record(tx, ctx, { action: 'update', entityType: 'person', entityId: personId, details: { fields: ['housing'], via: 'shelter_stay' } });
    return true;
  }

  return {
    // ─── Facilities, rooms, beds ──────────────────────────────────────────────────────────────
    /** Every facility with its rooms and beds, retired ones included (the management tree). */
    async facilities(ctx: RequestContext): Promise<FacilityTree[]> {
      const org = ctx.actor.organisationId;
      const [facilities, rooms, beds] = await Promise.all([repo.listFacilities(db, org), repo.listRooms(db, org), repo.listBeds(db, org)]);
      return facilities.map((f) => ({
        ...presentFacility(f),
        rooms: rooms.filter((r) => r.facility_id === f.id).map((r) => ({ ...presentRoom(r), beds: beds.filter((b) => b.room_id === r.id).map(presentBed) })),
      }));
    },

    /** Adds a shelter facility (a house, an apartment). */
    async createFacility(ctx: RequestContext, input: CreateFacilityInput): Promise<ShelterFacility> {
      return db.transaction().execute(async (tx) => {
        const row = await repo.insertFacility(tx, { organisation_id: ctx.actor.organisationId, name_ja: input.nameJa, name_en: input.nameEn, note: input.note, sort_order: input.sortOrder });
        await audit.record(tx, ctx, { action: 'create', entityType: 'shelter_facility', entityId: row.id });
        return presentFacility(row);
      });
    },

    /** Renames, reorders or retires a facility. */
    async updateFacility(ctx: RequestContext, id: string, input: UpdateFacilityInput): Promise<ShelterFacility> {
      return db.transaction().execute(async (tx) => {
        const row = await repo.updateFacility(tx, ctx.actor.organisationId, id, {
          ...(input.nameJa !== undefined && { name_ja: input.nameJa }),
          ...(input.nameEn !== undefined && { name_en: input.nameEn }),
          ...(input.note !== undefined && { note: input.note }),
          ...(input.isActive !== undefined && { is_active: input.isActive }),
          ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
        });
        if (!row) throw notFound('facility.not_found');
        await audit.record(tx, ctx, { action: 'update', entityType: 'shelter_facility', entityId: id, details: { fields: Object.keys(input) } });
        return presentFacility(row);
      });
    },

    /** Adds a room to a facility, with who may use its beds. */
    async createRoom(ctx: RequestContext, input: CreateRoomInput): Promise<ShelterRoom> {
      return db.transaction().execute(async (tx) => {
        const facility = await repo.findFacility(tx, ctx.actor.organisationId, input.facilityId);
        if (!facility) throw invalidField('facility.not_found', 'facilityId', 'invalid_choice');
        const row = await repo.insertRoom(tx, { organisation_id: ctx.actor.organisationId, facility_id: facility.id, name: input.name, allowed_use: input.allowedUse, sort_order: input.sortOrder });
        if (!row) throw new AppError(409, 'room.name_taken', { name: { key: 'invalid' } });
        await audit.record(tx, ctx, { action: 'create', entityType: 'shelter_room', entityId: row.id, details: { facilityId: facility.id, allowedUse: input.allowedUse } });
        return presentRoom(row);
      });
    },

    /** Renames a room, changes who may use it, or retires it. */
    async updateRoom(ctx: RequestContext, id: string, input: UpdateRoomInput): Promise<ShelterRoom> {
      return db.transaction().execute(async (tx) => {
        const current = await repo.findRoom(tx, ctx.actor.organisationId, id);
        if (!current) throw notFound('room.not_found');
        if (input.name !== undefined && (await repo.roomNameTaken(tx, current.facility_id, input.name, id))) {
          throw new AppError(409, 'room.name_taken', { name: { key: 'invalid' } });
        }
        const row = await repo.updateRoom(tx, ctx.actor.organisationId, id, {
          ...(input.name !== undefined && { name: input.name }),
          ...(input.allowedUse !== undefined && { allowed_use: input.allowedUse }),
          ...(input.isActive !== undefined && { is_active: input.isActive }),
          ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
        });
        if (!row) throw notFound('room.not_found');
        await audit.record(tx, ctx, { action: 'update', entityType: 'shelter_room', entityId: id, details: { fields: Object.keys(input) } });
        return presentRoom(row);
      });
    },

    /** Adds a bed to a room. */
    async createBed(ctx: RequestContext, input: CreateBedInput): Promise<ShelterBed> {
      return db.transaction().execute(async (tx) => {
        const room = await repo.findRoom(tx, ctx.actor.organisationId, input.roomId);
        if (!room) throw invalidField('room.not_found', 'roomId', 'invalid_choice');
        const row = await repo.insertBed(tx, { organisation_id: ctx.actor.organisationId, room_id: room.id, label: input.label, sort_order: input.sortOrder });
        if (!row) throw new AppError(409, 'bed.label_taken', { label: { key: 'invalid' } });
        await audit.record(tx, ctx, { action: 'create', entityType: 'shelter_bed', entityId: row.id, details: { roomId: room.id } });
        return presentBed(row);
      });
    },

    /** Relabels, reorders or retires a bed (a retired bed leaves the board; its stays stay). */
    async updateBed(ctx: RequestContext, id: string, input: UpdateBedInput): Promise<ShelterBed> {
      return db.transaction().execute(async (tx) => {
        const current = await repo.findBed(tx, ctx.actor.organisationId, id);
        if (!current) throw notFound('bed.not_found');
        if (input.label !== undefined && (await repo.bedLabelTaken(tx, current.room_id, input.label, id))) {
          throw new AppError(409, 'bed.label_taken', { label: { key: 'invalid' } });
        }
        const row = await repo.updateBed(tx, ctx.actor.organisationId, id, {
          ...(input.label !== undefined && { label: input.label }),
          ...(input.isActive !== undefined && { is_active: input.isActive }),
          ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
        });
        if (!row) throw notFound('bed.not_found');
        await audit.record(tx, ctx, { action: 'update', entityType: 'shelter_bed', entityId: id, details: { fields: Object.keys(input) } });
        return presentBed(row);
      });
    },

    // ─── Board and stays ──────────────────────────────────────────────────────────────────────
    /** The occupancy board: every active bed and who is in it on the night `on` (default tonight, Tokyo). */
    board,

    /**
     * Puts a person in a bed. The database refuses a second stay on the bed or a second bed for the
     * person for any shared night; the service also refuses a bed (or person) still held by an open
     * stay whose expected check-out has passed, a retired bed, and a room the person may not use.
     */
    async createStay(ctx: RequestContext, input: CreateStayInput): Promise<Stay> {
      if (input.expectedCheckOutOn <= input.checkInOn) {
        throw invalidField('stay.check_out_not_after_check_in', 'expectedCheckOutOn', 'invalid');
      }
      const org = ctx.actor.organisationId;
      const id = await mapExclusion(() => db.transaction().execute(async (tx) => {
        await people.assertWritable(tx, ctx, input.personId);
        const bed = await repo.lockBedForStay(tx, org, input.bedId);
        if (!bed) throw invalidField('bed.not_found', 'bedId', 'invalid_choice');
        if (!bed.bed_active || !bed.room_active || !bed.facility_active) throw invalidField('bed.retired', 'bedId', 'invalid_choice');
        const person = await repo.findPersonFacts(tx, org, input.personId);
        if (!person) throw notFound('person.not_found');
        if (!useAdmits(bed.allowed_use, person.sex)) throw conflict('bed.use_mismatch');
        const today = tokyoDate();
        if (await repo.findOverdueOpenStay(tx, org, { bedId: bed.id }, today, input.expectedCheckOutOn)) throw conflict('bed.occupied');
        if (await repo.findOverdueOpenStay(tx, org, { personId: person.id }, today, input.expectedCheckOutOn)) throw conflict('stay.person_already_housed');

        let waitingEntryId: string | null = null;
        if (input.waitingEntryId) {
          const entry = await repo.lockWaitingEntry(tx, org, input.waitingEntryId);
          if (!entry || entry.person_id !== person.id) throw invalidField('waiting.not_found', 'waitingEntryId', 'invalid_choice');
          if (entry.status !== 'waiting') throw invalidField('waiting.closed', 'waitingEntryId', 'invalid_choice');
          waitingEntryId = entry.id;
        }
        const row = await repo.insertStay(tx, {
          organisation_id: org,
          person_id: person.id,
          bed_id: bed.id,
          check_in_on: input.checkInOn,
          expected_check_out_on: input.expectedCheckOutOn,
          waiting_entry_id: waitingEntryId,
          note: input.note,
          created_by: ctx.actor.staffUserId,
        });
        if (waitingEntryId) {
          await repo.updateWaitingEntry(tx, org, waitingEntryId, { status: 'housed', closed_on: today, closed_reason: null });
          await audit.record(tx, ctx, { action: 'update', entityType: 'shelter_waiting_entry', entityId: waitingEntryId, details: { personId: person.id, status: 'housed', stayId: row.id } });
        }
        // Housing is "where the person sleeps now": it changes when the stay has begun.
        const housingChanged = input.checkInOn <= today ? await moveIntoShelter(tx, ctx, person.id) : false;
        await audit.record(tx, ctx, {
          action: 'create', entityType: 'shelter_stay', entityId: row.id,
          details: { personId: person.id, bedId: bed.id, checkInOn: input.checkInOn, expectedCheckOutOn: input.expectedCheckOutOn, waitingEntryId, housingChanged },
        });
        return row.id;
      }));
      return getStay(ctx, id);
    },

    /** Records that the person left (default today); the nights after it are free again. */
    async checkOut(ctx: RequestContext, id: string, input: CheckOutInput): Promise<Stay> {
      const today = tokyoDate();
      const on = input.checkedOutOn ?? today;
      await mapExclusion(() => db.transaction().execute(async (tx) => {
        const stay = await repo.lockStay(tx, ctx.actor.organisationId, id);
        if (!stay) throw notFound('stay.not_found');
        if (stay.checked_out_on !== null) throw conflict('stay.already_checked_out');
        if (on < stay.check_in_on) throw invalidField('stay.check_out_before_check_in', 'checkedOutOn', 'invalid');
        if (on > today) throw invalidField('stay.check_out_in_future', 'checkedOutOn', 'invalid');
        await repo.updateStay(tx, ctx.actor.organisationId, id, { checked_out_on: on, checked_out_by: ctx.actor.staffUserId });
        await audit.record(tx, ctx, { action: 'update', entityType: 'shelter_stay', entityId: id, details: { personId: stay.person_id, checkedOutOn: on } });
      }));
      return getStay(ctx, id);
    },

    /** Extends or shortens an open stay (409 bed.occupied when the bed is booked in the added nights). */
    async updateStay(ctx: RequestContext, id: string, input: UpdateStayInput): Promise<Stay> {
      await mapExclusion(() => db.transaction().execute(async (tx) => {
        const stay = await repo.lockStay(tx, ctx.actor.organisationId, id);
        if (!stay) throw notFound('stay.not_found');
        if (stay.checked_out_on !== null) throw conflict('stay.already_checked_out');
        if (input.expectedCheckOutOn <= stay.check_in_on) throw invalidField('stay.check_out_not_after_check_in', 'expectedCheckOutOn', 'invalid');
        await repo.updateStay(tx, ctx.actor.organisationId, id, { expected_check_out_on: input.expectedCheckOutOn });
        await audit.record(tx, ctx, {
          action: 'update', entityType: 'shelter_stay', entityId: id,
          details: { personId: stay.person_id, expectedCheckOutOn: input.expectedCheckOutOn, previous: stay.expected_check_out_on },
        });
      }));
      return getStay(ctx, id);
    },

    // ─── Paid lodging ─────────────────────────────────────────────────────────────────────────
    /** Records nights paid for elsewhere (hotel, internet café), optionally against a budget line. */
    async createPaidLodging(ctx: RequestContext, input: CreatePaidLodgingInput): Promise<PaidLodging> {
      const id = await db.transaction().execute(async (tx) => {
        await people.assertWritable(tx, ctx, input.personId);
        if (input.budgetLineId) await budgets.assertUsableLine(tx, ctx, input.budgetLineId);
        const row = await repo.insertLodging(tx, {
          organisation_id: ctx.actor.organisationId,
          person_id: input.personId,
          kind: input.kind,
          place_name: input.placeName,
          first_night_on: input.firstNightOn,
          nights: input.nights,
          cost_yen: input.costYen,
          budget_line_id: input.budgetLineId ?? null,
          note: input.note,
          recorded_by: ctx.actor.staffUserId,
        });
        await audit.record(tx, ctx, {
          action: 'create', entityType: 'paid_lodging', entityId: row.id,
          details: { personId: input.personId, kind: input.kind, nights: input.nights, costYen: input.costYen, budgetLineId: input.budgetLineId ?? null },
        });
        return row.id;
      });
      const row = await repo.findLodging(db, ctx.actor.organisationId, id);
      if (!row) throw notFound('paid_lodging.not_found');
      return presentLodging(row);
    },

    // ─── Per person and totals ────────────────────────────────────────────────────────────────
    /** A person's stays, paid lodging, nights provided and open waiting entry (audited as a read of the file). */
    async forPerson(ctx: RequestContext, personId: string): Promise<PersonShelter> {
      const org = ctx.actor.organisationId;
      await people.assertExists(db, ctx, personId, 'id');
      const today = tokyoDate();
      const [stayRows, lodgingRows, waitingRow] = await Promise.all([
        repo.listStaysOfPerson(db, org, personId),
        repo.listLodgingOfPerson(db, org, personId),
        repo.findOpenWaitingEntryOfPerson(db, org, personId),
      ]);
      const stays = stayRows.map((r) => presentStay(r, today));
      const paidLodging = lodgingRows.map(presentLodging);
      const shelter = stays.reduce((n, s) => n + s.nightsProvided, 0);
      const paid = paidLodging.reduce((n, l) => n + paidNights(l), 0);
      // Tonight's stay, or one still open past its expected check-out.
      const currentStay = stays.find((s) => s.checkInOn <= today && stayEnd(s) > today) ?? stays.find((s) => s.isOverdue && s.checkInOn <= today) ?? null;
      await audit.record(db, ctx, { action: 'read', entityType: 'person', entityId: personId, details: { view: 'shelter', stays: stays.length, paidLodging: paidLodging.length } });
      return {
        personId,
        stays,
        paidLodging,
        nights: { shelter, paid, total: shelter + paid },
        currentStay,
        waitingEntry: waitingRow ? presentWaiting(waitingRow, today, ctx) : null,
      };
    },

    /**
     * Everything the shelter holds about a person — every stay, paid lodging and waiting-list entry
     * (closed ones too) — for the person's own copy (本人開示). Not audited here: the export that
     * calls it records one read for the whole copy.
     */
    async recordsForPerson(ctx: RequestContext, personId: string): Promise<PersonShelterRecords> {
      const org = ctx.actor.organisationId;
      const today = tokyoDate();
      const [stayRows, lodgingRows, waitingRows] = await Promise.all([
        repo.listStaysOfPerson(db, org, personId),
        repo.listLodgingOfPerson(db, org, personId),
        repo.listWaitingEntriesOfPerson(db, org, personId),
      ]);
      return {
        stays: stayRows.map((r) => presentStay(r, today)),
        paidLodging: lodgingRows.map(presentLodging),
        waitingEntries: waitingRows.map((r) => presentWaitingInFull(r, today)),
      };
    },

    /** Nights provided in a date range: shelter nights already slept plus paid lodging nights. */
    async nights(ctx: RequestContext, from: string, to: string): Promise<NightsInRange> {
      if (to < from) throw invalidField('shelter.range_invalid', 'to', 'invalid');
      if (daysBetween(from, to) > 3660) throw invalidField('shelter.range_too_long', 'to', 'invalid');
      const n = await repo.nightsInRange(db, ctx.actor.organisationId, from, to, tokyoDate());
      return { from, to, shelter: n.shelter, paid: n.paid, total: n.shelter + n.paid };
    },

    /** Person ids with a stay (or an open overdue one) or paid lodging covering the night `on`. */
    async housedPersonIds(ctx: RequestContext, on: string = tokyoDate()): Promise<Set<string>> {
      return new Set(await repo.housedPersonIds(db, ctx.actor.organisationId, on, tokyoDate()));
    },

    // ─── Waiting list ─────────────────────────────────────────────────────────────────────────
    /** Open waiting-list entries, highest priority first (see priority.ts). */
    async waitingList(ctx: RequestContext): Promise<WaitingEntry[]> {
      const today = tokyoDate();
      return (await repo.listOpenWaitingEntries(db, ctx.actor.organisationId)).map((r) => presentWaiting(r, today, ctx)).sort(byPriority);
    },

    /** Lists a person for a shelter bed (one open entry per person). */
    async addToWaitingList(ctx: RequestContext, input: CreateWaitingEntryInput): Promise<WaitingEntry> {
      const org = ctx.actor.organisationId;
      const id = await db.transaction().execute(async (tx) => {
        await people.assertWritable(tx, ctx, input.personId);
        const person = await repo.findPersonFacts(tx, org, input.personId);
        if (!person) throw notFound('person.not_found');
        const row = await repo.insertWaitingEntry(tx, {
          organisation_id: org,
          person_id: person.id,
          listed_on: tokyoDate(),
          needs: input.needs,
          with_children: input.withChildren,
          is_pregnant: input.isPregnant,
          is_ill: input.isIll,
          is_rough_sleeping: input.isRoughSleeping ?? person.housing === 'rough_sleeping',
          note: input.note,
          listed_by: ctx.actor.staffUserId,
        });
        if (!row) throw new AppError(409, 'waiting.already_listed', { personId: { key: 'invalid' } });
        await audit.record(tx, ctx, { action: 'create', entityType: 'shelter_waiting_entry', entityId: row.id, details: { personId: person.id, needs: input.needs } });
        return row.id;
      });
      return getWaiting(ctx, id);
    },

    /** Updates an open entry's facts, or withdraws it with a reason. */
    async updateWaitingEntry(ctx: RequestContext, id: string, input: UpdateWaitingEntryInput): Promise<WaitingEntry> {
      if (input.status === 'withdrawn' && !input.reason) throw invalidField('waiting.reason_required', 'reason', 'required');
      await db.transaction().execute(async (tx) => {
        const entry = await repo.lockWaitingEntry(tx, ctx.actor.organisationId, id);
        if (!entry) throw notFound('waiting.not_found');
        if (entry.status !== 'waiting') throw conflict('waiting.closed');
        if (input.version !== undefined && input.version !== entry.version) throw conflict('waiting.version_conflict');
        await repo.updateWaitingEntry(tx, ctx.actor.organisationId, id, {
          ...(input.needs !== undefined && { needs: input.needs }),
          ...(input.withChildren !== undefined && { with_children: input.withChildren }),
          ...(input.isPregnant !== undefined && { is_pregnant: input.isPregnant }),
          ...(input.isIll !== undefined && { is_ill: input.isIll }),
          ...(input.isRoughSleeping !== undefined && { is_rough_sleeping: input.isRoughSleeping }),
          ...(input.note !== undefined && { note: input.note }),
          ...(input.status === 'withdrawn' && { status: 'withdrawn' as const, closed_on: tokyoDate(), closed_reason: input.reason ?? null }),
        });
        const fields = Object.keys(input).filter((k) => k !== 'version' && k !== 'reason');
        await audit.record(tx, ctx, { action: 'update', entityType: 'shelter_waiting_entry', entityId: id, details: { personId: entry.person_id, fields } });
      });
      return getWaiting(ctx, id);
    },

    /** Free beds tonight that suit an open entry: the rooms its needs call for, best first, that admit the person. */
    async suitableBeds(ctx: RequestContext, id: string): Promise<SuitableBeds> {
      const entry = await getWaiting(ctx, id);
      if (entry.status !== 'waiting') throw conflict('waiting.closed');
      const today = tokyoDate();
      const uses = usesFor(entry.needs);
      const beds = (await board(ctx, today)).beds
        .filter((b) => b.occupant === null && uses.includes(b.allowedUse) && useAdmits(b.allowedUse, entry.person.sex))
        .sort((a, b) => uses.indexOf(a.allowedUse) - uses.indexOf(b.allowedUse));
      return { entryId: id, on: today, beds };
    },
  };
}
export type ShelterService = ReturnType<typeof createShelterService>;
