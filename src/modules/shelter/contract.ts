import { z } from 'zod';
import { IsoDate } from '../../shared/codes';
import { PersonSummary } from '../people/contract';

/** Who may sleep in a room's beds; also what kind of bed a waiting person needs. */
export const BedUse = z.enum(['women', 'families', 'men', 'any']);
export type BedUse = z.infer<typeof BedUse>;

export const LodgingKind = z.enum(['hotel', 'net_cafe', 'other']);
export type LodgingKind = z.infer<typeof LodgingKind>;

export const WaitingStatus = z.enum(['waiting', 'housed', 'withdrawn']);
export type WaitingStatus = z.infer<typeof WaitingStatus>;

/** Why an entry is high on the waiting list (badges on the list); see priority.ts for the weights. */
export const PriorityReason = z.enum(['woman', 'with_children', 'minor', 'pregnant', 'ill', 'rough_sleeping']);
export type PriorityReason = z.infer<typeof PriorityReason>;

const Name = z.string().trim().min(1).max(100);
const Note = z.string().trim().max(1000);
const SortOrder = z.number().int().min(0).max(10_000);

// ─── Facilities, rooms, beds ────────────────────────────────────────────────────────────────────
export const ShelterBed = z.object({
  id: z.uuid(),
  roomId: z.uuid(),
  label: z.string(),
  isActive: z.boolean(),
  sortOrder: z.number(),
});
export type ShelterBed = z.infer<typeof ShelterBed>;

export const ShelterRoom = z.object({
  id: z.uuid(),
  facilityId: z.uuid(),
  name: z.string(),
  allowedUse: BedUse,
  isActive: z.boolean(),
  sortOrder: z.number(),
});
export type ShelterRoom = z.infer<typeof ShelterRoom>;

export const ShelterFacility = z.object({
  id: z.uuid(),
  nameJa: z.string(),
  nameEn: z.string(),
  note: z.string(),
  isActive: z.boolean(),
  sortOrder: z.number(),
});
export type ShelterFacility = z.infer<typeof ShelterFacility>;

/** A facility with its rooms and their beds (retired ones included, marked isActive false). */
export const FacilityTree = ShelterFacility.extend({
  rooms: z.array(ShelterRoom.extend({ beds: z.array(ShelterBed) })),
});
export type FacilityTree = z.infer<typeof FacilityTree>;
export const FacilityList = z.object({ items: z.array(FacilityTree) });
export type FacilityList = z.infer<typeof FacilityList>;

export const CreateFacilityInput = z.strictObject({
  nameJa: Name,
  nameEn: Name,
  note: Note.default(''),
  sortOrder: SortOrder.default(100),
});
export type CreateFacilityInput = z.infer<typeof CreateFacilityInput>;

export const UpdateFacilityInput = z.strictObject({
  nameJa: Name.optional(),
  nameEn: Name.optional(),
  note: Note.optional(),
  isActive: z.boolean().optional(),
  sortOrder: SortOrder.optional(),
});
export type UpdateFacilityInput = z.infer<typeof UpdateFacilityInput>;

export const CreateRoomInput = z.strictObject({
  facilityId: z.uuid(),
  name: Name,
  allowedUse: BedUse,
  sortOrder: SortOrder.default(100),
});
export type CreateRoomInput = z.infer<typeof CreateRoomInput>;

export const UpdateRoomInput = z.strictObject({
  name: Name.optional(),
  allowedUse: BedUse.optional(),
  isActive: z.boolean().optional(),
  sortOrder: SortOrder.optional(),
});
export type UpdateRoomInput = z.infer<typeof UpdateRoomInput>;

export const CreateBedInput = z.strictObject({
  roomId: z.uuid(),
  label: z.string().trim().min(1).max(40),
  sortOrder: SortOrder.default(100),
});
export type CreateBedInput = z.infer<typeof CreateBedInput>;

export const UpdateBedInput = z.strictObject({
  label: z.string().trim().min(1).max(40).optional(),
  isActive: z.boolean().optional(),
  sortOrder: SortOrder.optional(),
});
export type UpdateBedInput = z.infer<typeof UpdateBedInput>;

// ─── Occupancy board ────────────────────────────────────────────────────────────────────────────
export const BedsQuery = z.object({ on: IsoDate.optional() });

export const Occupant = z.object({
  stayId: z.uuid(),
  person: PersonSummary,
  checkInOn: z.string(),
  expectedCheckOutOn: z.string(),
  /** Which night this is for the person: 1 on the night of check-in. */
  nights: z.number().int(),
  /** Not checked out although the expected check-out day has come: the person is still there. */
  isOverdue: z.boolean(),
});
export type Occupant = z.infer<typeof Occupant>;

export const BoardBed = z.object({
  bedId: z.uuid(),
  label: z.string(),
  roomId: z.uuid(),
  roomName: z.string(),
  allowedUse: BedUse,
  facilityId: z.uuid(),
  facilityNameJa: z.string(),
  facilityNameEn: z.string(),
  occupant: Occupant.nullable(),
  /** The check-in day of the next stay booked on this bed after the night shown, if any. */
  nextCheckInOn: z.string().nullable(),
});
export type BoardBed = z.infer<typeof BoardBed>;

export const Board = z.object({
  on: z.string(),
  beds: z.array(BoardBed),
  freeCount: z.number().int(),
  totalCount: z.number().int(),
});
export type Board = z.infer<typeof Board>;

// ─── Stays ──────────────────────────────────────────────────────────────────────────────────────
export const Stay = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  bedId: z.uuid(),
  bedLabel: z.string(),
  roomName: z.string(),
  facilityNameJa: z.string(),
  facilityNameEn: z.string(),
  checkInOn: z.string(),
  expectedCheckOutOn: z.string(),
  checkedOutOn: z.string().nullable(),
  waitingEntryId: z.uuid().nullable(),
  note: z.string(),
  /** Nights of this stay already slept (up to tonight, Tokyo). */
  nightsProvided: z.number().int(),
  isOverdue: z.boolean(),
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Stay = z.infer<typeof Stay>;

export const CreateStayInput = z.strictObject({
  personId: z.uuid(),
  bedId: z.uuid(),
  checkInOn: IsoDate,
  expectedCheckOutOn: IsoDate,
  waitingEntryId: z.uuid().optional(),
  note: Note.default(''),
});
export type CreateStayInput = z.infer<typeof CreateStayInput>;

export const CheckOutInput = z.strictObject({
  /** The day the person left (default today, Tokyo); not before check-in, not in the future. */
  checkedOutOn: IsoDate.optional(),
});
export type CheckOutInput = z.infer<typeof CheckOutInput>;

export const UpdateStayInput = z.strictObject({
  expectedCheckOutOn: IsoDate,
});
export type UpdateStayInput = z.infer<typeof UpdateStayInput>;

// ─── Paid lodging ───────────────────────────────────────────────────────────────────────────────
export const PaidLodging = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  kind: LodgingKind,
  placeName: z.string(),
  firstNightOn: z.string(),
  nights: z.number().int(),
  costYen: z.number().int(),
  budgetLineId: z.uuid().nullable(),
  note: z.string(),
  recordedByName: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type PaidLodging = z.infer<typeof PaidLodging>;

export const CreatePaidLodgingInput = z.strictObject({
  personId: z.uuid(),
  kind: LodgingKind,
  placeName: z.string().trim().max(200).default(''),
  firstNightOn: IsoDate,
  nights: z.number().int().min(1).max(366),
  costYen: z.number().int().min(0).max(10_000_000),
  budgetLineId: z.uuid().optional(),
  note: Note.default(''),
});
export type CreatePaidLodgingInput = z.infer<typeof CreatePaidLodgingInput>;

// ─── Nights ─────────────────────────────────────────────────────────────────────────────────────
export const Nights = z.object({
  /** Shelter nights already slept (N <= today, Tokyo). */
  shelter: z.number().int(),
  /** Paid lodging nights. */
  paid: z.number().int(),
  total: z.number().int(),
});
export type Nights = z.infer<typeof Nights>;

export const NightsQuery = z.object({ from: IsoDate, to: IsoDate });
export const NightsInRange = Nights.extend({ from: z.string(), to: z.string() });
export type NightsInRange = z.infer<typeof NightsInRange>;

// ─── Waiting list ───────────────────────────────────────────────────────────────────────────────
export const WaitingEntry = z.object({
  id: z.uuid(),
  person: PersonSummary,
  listedOn: z.string(),
  daysWaiting: z.number().int(),
  needs: BedUse,
  withChildren: z.boolean(),
  /**
   * Health facts and free text are null for roles that only read the shelter (reception, viewer):
   * the desk needs the priority, not the reason behind it.
   */
  isPregnant: z.boolean().nullable(),
  isIll: z.boolean().nullable(),
  isRoughSleeping: z.boolean(),
  note: z.string().nullable(),
  status: WaitingStatus,
  closedOn: z.string().nullable(),
  closedReason: z.string().nullable(),
  priority: z.number().int(),
  /** Without the health reasons (pregnant, ill) for those roles. */
  priorityReasons: z.array(PriorityReason),
  version: z.number().int(),
});
export type WaitingEntry = z.infer<typeof WaitingEntry>;
export const WaitingList = z.object({ items: z.array(WaitingEntry) });
export type WaitingList = z.infer<typeof WaitingList>;

export const CreateWaitingEntryInput = z.strictObject({
  personId: z.uuid(),
  needs: BedUse,
  withChildren: z.boolean().default(false),
  isPregnant: z.boolean().default(false),
  isIll: z.boolean().default(false),
  /** When not given: true if the person's housing is recorded as rough sleeping. */
  isRoughSleeping: z.boolean().optional(),
  note: Note.default(''),
});
export type CreateWaitingEntryInput = z.infer<typeof CreateWaitingEntryInput>;

export const UpdateWaitingEntryInput = z.strictObject({
  needs: BedUse.optional(),
  withChildren: z.boolean().optional(),
  isPregnant: z.boolean().optional(),
  isIll: z.boolean().optional(),
  isRoughSleeping: z.boolean().optional(),
  note: Note.optional(),
  /** Withdraw the entry (the person found housing elsewhere, left, …); `reason` is then required. */
  status: z.literal('withdrawn').optional(),
  reason: z.string().trim().max(500).optional(),
  /** The version the editor started from: a stale one gets 409 waiting.version_conflict. */
  version: z.number().int().positive().optional(),
});
export type UpdateWaitingEntryInput = z.infer<typeof UpdateWaitingEntryInput>;

export const SuitableBeds = z.object({
  entryId: z.uuid(),
  on: z.string(),
  /** Free beds tonight that suit the entry's needs, best first. */
  beds: z.array(BoardBed),
});
export type SuitableBeds = z.infer<typeof SuitableBeds>;

// ─── A person's shelter record ──────────────────────────────────────────────────────────────────
export const PersonShelter = z.object({
  personId: z.uuid(),
  stays: z.array(Stay),
  paidLodging: z.array(PaidLodging),
  nights: Nights,
  currentStay: Stay.nullable(),
  waitingEntry: WaitingEntry.nullable(),
});
export type PersonShelter = z.infer<typeof PersonShelter>;

/** The expected check-out the desk proposes: 30 nights after check-in. */
export const DEFAULT_STAY_NIGHTS = 30;

/** Everything the shelter holds about one person, for the person's own copy (本人開示). */
export const PersonShelterRecords = z.object({
  stays: z.array(Stay),
  paidLodging: z.array(PaidLodging),
  waitingEntries: z.array(WaitingEntry),
});
export type PersonShelterRecords = z.infer<typeof PersonShelterRecords>;
