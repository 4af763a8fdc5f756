import { z } from 'zod';
import { IsoDate } from '../../shared/codes';

export const AidCategory = z.enum(['food', 'clothing', 'hygiene', 'money', 'transport', 'other']);

/** How an item is counted (migrations/0008). */
export const AidUnit = z.enum(['piece', 'pack', 'bag', 'set', 'pair', 'box']);
export type AidUnit = z.infer<typeof AidUnit>;

/** A size label (coat S/M/L, shoe 26.5): short, unique within the item. */
const SizeLabel = z.string().trim().min(1).max(20);
const Sizes = z.array(SizeLabel).max(30).refine((a) => new Set(a).size === a.length, { params: { key: 'invalid' } });

export const AidItem = z.object({
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  category: AidCategory,
  isMoney: z.boolean(),
  isActive: z.boolean(),
  sortOrder: z.number(),
  unit: AidUnit,
  /** When not empty, stock is kept and given per size, and a size is required to give the item. */
  sizes: z.array(z.string()),
  isStockTracked: z.boolean(),
  /** Total across locations at or below which the item is on the low-stock list. */
  lowStockThreshold: z.number().nullable(),
  /** "At most limitQuantity per person in limitDays days" (both or neither). */
  limitQuantity: z.number().nullable(),
  limitDays: z.number().nullable(),
});
export type AidItem = z.infer<typeof AidItem>;

export const CreateAidItemInput = z.strictObject({
  code: z.string().trim().regex(/^[a-z0-9_]{1,40}$/),
  nameJa: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  category: AidCategory,
  isMoney: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(10_000).default(100),
  unit: AidUnit.default('piece'),
  sizes: Sizes.default([]),
  isStockTracked: z.boolean().default(false),
  lowStockThreshold: z.number().int().min(0).max(1_000_000).nullish(),
  limitQuantity: z.number().int().min(1).max(1000).nullish(),
  limitDays: z.number().int().min(1).max(366).nullish(),
});
export type CreateAidItemInput = z.infer<typeof CreateAidItemInput>;

export const UpdateAidItemInput = z.strictObject({
  nameJa: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().trim().min(1).max(100).optional(),
  category: AidCategory.optional(),
  isMoney: z.boolean().optional(),
  isActive: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  unit: AidUnit.optional(),
  sizes: Sizes.optional(),
  isStockTracked: z.boolean().optional(),
  lowStockThreshold: z.number().int().min(0).max(1_000_000).nullish(),
  limitQuantity: z.number().int().min(1).max(1000).nullish(),
  limitDays: z.number().int().min(1).max(366).nullish(),
});
export type UpdateAidItemInput = z.infer<typeof UpdateAidItemInput>;

export const CreateAssistanceInput = z.strictObject({
  personId: z.uuid(),
  visitId: z.uuid().nullish(),
  itemCode: z.string().trim().min(1).max(40),
  quantity: z.number().int().min(1).max(1000).default(1),
  amountYen: z.number().int().min(0).max(10_000_000).nullish(),
  /** The day it was given (Tokyo); default today. */
  givenOn: IsoDate.optional(),
  note: z.string().trim().max(1000).default(''),
  /** Required when the item has sizes. */
  size: z.string().trim().min(1).max(20).nullish(),
  /** Where a stock-tracked item is taken from; default: the default location, then the others. */
  locationId: z.uuid().nullish(),
  /** Money items: the budget line (fund) it is paid from. */
  budgetLineId: z.uuid().nullish(),
  /** Why the item's per-person limit is exceeded (required when it is). */
  overrideReason: z.string().trim().max(500).nullish(),
});
export type CreateAssistanceInput = z.infer<typeof CreateAssistanceInput>;

export const Assistance = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  visitId: z.uuid().nullable(),
  itemCode: z.string(),
  itemNameJa: z.string(),
  itemNameEn: z.string(),
  category: AidCategory,
  quantity: z.number(),
  amountYen: z.number().nullable(),
  givenOn: z.string(),
  givenById: z.uuid(),
  givenByName: z.string(),
  note: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  size: z.string().nullable(),
  locationId: z.uuid().nullable(),
  budgetLineId: z.uuid().nullable(),
  ruleOverrideReason: z.string().nullable(),
});
export type Assistance = z.infer<typeof Assistance>;

export const AssistanceCheckQuery = z.object({
  personId: z.uuid(),
  itemCode: z.string().trim().min(1).max(40),
  size: z.string().trim().min(1).max(20).optional(),
});
export type AssistanceCheckQuery = z.infer<typeof AssistanceCheckQuery>;

/** What the desk sees before saving: stock left and the item's per-person rule. */
export const AssistanceCheck = z.object({
  isStockTracked: z.boolean(),
  /** In stock (for the size when given); null when the item is not stock-tracked. */
  available: z.number().nullable(),
  /** The last day this person was given this item (Tokyo date), or null. */
  lastGivenOn: z.string().nullable(),
  limit: z
    .object({ quantity: z.number(), days: z.number(), givenInPeriod: z.number(), isReached: z.boolean() })
    .nullable(),
});
export type AssistanceCheck = z.infer<typeof AssistanceCheck>;

type DefaultItem = Omit<AidItem, 'isActive'>;
const plain: Pick<DefaultItem, 'unit' | 'sizes' | 'isStockTracked' | 'lowStockThreshold' | 'limitQuantity' | 'limitDays'> = {
  unit: 'piece', sizes: [], isStockTracked: false, lowStockThreshold: null, limitQuantity: null, limitDays: null,
};
const tracked = (threshold: number) => ({ isStockTracked: true, lowStockThreshold: threshold });
/**
 * The catalogue a new organisation starts with (DOMAIN.md, "What the office gives"); the stock
 * settings are the ones migrations/0008 gives existing organisations.
 */
export const defaultCatalogue: DefaultItem[] = [
  { code: 'food_parcel', nameJa: '食料パック', nameEn: 'Food parcel', category: 'food', isMoney: false, sortOrder: 10, ...plain, unit: 'pack', ...tracked(20) },
  { code: 'rice_5kg', nameJa: '米 5kg', nameEn: 'Rice 5 kg', category: 'food', isMoney: false, sortOrder: 20, ...plain, unit: 'bag', ...tracked(10) },
  { code: 'winter_coat', nameJa: '冬用コート', nameEn: 'Winter coat', category: 'clothing', isMoney: false, sortOrder: 30, ...plain, ...tracked(10) },
  { code: 'blanket', nameJa: '毛布', nameEn: 'Blanket', category: 'clothing', isMoney: false, sortOrder: 40, ...plain, ...tracked(10) },
  { code: 'hygiene_kit', nameJa: '衛生用品セット', nameEn: 'Hygiene kit', category: 'hygiene', isMoney: false, sortOrder: 50, ...plain, unit: 'set' },
  { code: 'transport_fare', nameJa: '交通費', nameEn: 'Transport fare', category: 'transport', isMoney: true, sortOrder: 60, ...plain },
  { code: 'cash', nameJa: '現金支援', nameEn: 'Cash support', category: 'money', isMoney: true, sortOrder: 70, ...plain },
  { code: 'medical_fee', nameJa: '医療費支援', nameEn: 'Medical fee support', category: 'money', isMoney: true, sortOrder: 80, ...plain },
  { code: 'stamp_fee', nameJa: '手数料（収入印紙）', nameEn: 'Fee (revenue stamp)', category: 'money', isMoney: true, sortOrder: 90, ...plain },
];
