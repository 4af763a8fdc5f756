import { z } from 'zod';
import { IsoDate } from '../../shared/codes';
import { AidCategory, AidUnit } from '../assistance/contract';
import { PersonSummary } from '../people/contract';

export const StockLocation = z.object({
  id: z.uuid(),
  nameJa: z.string(),
  nameEn: z.string(),
  /** Where goods are taken from when the desk does not say. */
  isDefault: z.boolean(),
  isActive: z.boolean(),
  sortOrder: z.number(),
});
export type StockLocation = z.infer<typeof StockLocation>;

export const CreateStockLocationInput = z.strictObject({
  nameJa: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  isDefault: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(10_000).default(100),
});
export type CreateStockLocationInput = z.infer<typeof CreateStockLocationInput>;

export const UpdateStockLocationInput = z.strictObject({
  nameJa: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().trim().min(1).max(100).optional(),
  /** Only `true` is accepted: another location becomes the default by being made default. */
  isDefault: z.literal(true).optional(),
  isActive: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});
export type UpdateStockLocationInput = z.infer<typeof UpdateStockLocationInput>;

export const StockLevel = z.object({
  locationId: z.uuid(),
  locationNameJa: z.string(),
  locationNameEn: z.string(),
  /** '' when the item has no sizes. */
  size: z.string(),
  quantity: z.number(),
});
export type StockLevel = z.infer<typeof StockLevel>;

export const StockItem = z.object({
  itemCode: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  category: AidCategory,
  unit: AidUnit,
  sizes: z.array(z.string()),
  lowStockThreshold: z.number().nullable(),
  total: z.number(),
  /** total <= lowStockThreshold. */
  isLow: z.boolean(),
  levels: z.array(StockLevel),
});
export type StockItem = z.infer<typeof StockItem>;
export const StockList = z.object({ items: z.array(StockItem) });

export const MovementKind = z.enum(['received', 'given', 'adjusted', 'transferred']);
export type MovementKind = z.infer<typeof MovementKind>;
export const MovementSource = z.enum(['purchase', 'donation']);

/** What staff record by hand; `given` movements are written only by giving aid. */
export const RecordMovementInput = z.strictObject({
  itemCode: z.string().trim().min(1).max(40),
  /** received / transferred: more than 0; adjusted: not 0, negative when stock was lost. */
  quantity: z.number().int().min(-100_000).max(100_000),
  kind: z.enum(['received', 'adjusted', 'transferred']),
  /** Default: the default location. For a transfer, where the goods leave from. */
  locationId: z.uuid().nullish(),
  toLocationId: z.uuid().nullish(),
  size: z.string().trim().min(1).max(20).nullish(),
  source: MovementSource.nullish(),
  donorName: z.string().trim().max(200).nullish(),
  reason: z.string().trim().max(500).nullish(),
  note: z.string().trim().max(1000).default(''),
  occurredOn: IsoDate.optional(),
});
export type RecordMovementInput = z.infer<typeof RecordMovementInput>;

export const StockMovement = z.object({
  id: z.uuid(),
  itemCode: z.string(),
  itemNameJa: z.string(),
  itemNameEn: z.string(),
  size: z.string(),
  kind: MovementKind,
  quantity: z.number(),
  locationId: z.uuid(),
  locationNameJa: z.string(),
  locationNameEn: z.string(),
  toLocationId: z.uuid().nullable(),
  toLocationNameJa: z.string().nullable(),
  toLocationNameEn: z.string().nullable(),
  source: MovementSource.nullable(),
  donorName: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string(),
  occurredOn: z.string(),
  recordedById: z.uuid(),
  recordedByName: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  /** given: the aid record and the person (null for staff without people.read). */
  assistanceId: z.uuid().nullable(),
  person: PersonSummary.nullable(),
});
export type StockMovement = z.infer<typeof StockMovement>;

export const MovementResult = z.object({ movement: StockMovement, levels: z.array(StockLevel) });
export type MovementResult = z.infer<typeof MovementResult>;

export const ListMovementsQuery = z.object({
  itemCode: z.string().trim().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ListMovementsQuery = z.infer<typeof ListMovementsQuery>;
export const MovementList = z.object({ items: z.array(StockMovement) });
