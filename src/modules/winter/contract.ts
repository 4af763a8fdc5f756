import { z } from 'zod';
import { PersonSummary } from '../people/contract';
import { BedUse } from '../shelter/contract';

/** One bed that is free tonight. */
export const WinterFreeBed = z.object({
  bedId: z.uuid(),
  label: z.string(),
  roomName: z.string(),
  allowedUse: BedUse,
  facilityNameJa: z.string(),
  facilityNameEn: z.string(),
});

export const WinterLowItem = z.object({
  itemCode: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  total: z.number(),
  lowStockThreshold: z.number().nullable(),
});

export const WinterQueue = z.object({
  /** Everyone checked in today. */
  total: z.number(),
  /** Still waiting to be called right now. */
  waitingNow: z.number(),
  /** Mean minutes from check-in to being called, over today's visits already called; null before the first call. */
  averageWaitMinutes: z.number().nullable(),
  /** The longest current wait of someone not yet called, in minutes. */
  longestWaitingMinutes: z.number().nullable(),
});
export type WinterQueue = z.infer<typeof WinterQueue>;

/**
 * The winter board (issue 4 §4): one screen for the cold months. A section is null when the
 * viewer's role may not see it (names of rough sleepers need people.read, the allowance list
 * cases.read, stock stock.read, the queue visits.read).
 */
export const WinterBoard = z.object({
  date: z.string(),
  generatedAt: z.iso.datetime({ offset: true }),
  roughSleepers: z.object({
    count: z.number(),
    items: z.array(z.object({ person: PersonSummary, shelterWaitingDays: z.number().nullable() })),
  }).nullable(),
  freeBeds: z.object({ free: z.number(), total: z.number(), beds: z.array(WinterFreeBed) }),
  lowWinterItems: z.object({ items: z.array(WinterLowItem) }).nullable(),
  allowanceWaiting: z.object({
    count: z.number(),
    items: z.array(z.object({ person: PersonSummary, daysWaiting: z.number(), appliedOn: z.string() })),
  }).nullable(),
  shelterWaiting: z.object({
    count: z.number(),
    items: z.array(z.object({ person: PersonSummary, daysWaiting: z.number(), listedOn: z.string(), needs: z.string() })),
  }),
  queue: WinterQueue.nullable(),
});
export type WinterBoard = z.infer<typeof WinterBoard>;

/** How many people the board lists in its "waiting longest" sections. */
export const WINTER_LIST_LENGTH = 10;
