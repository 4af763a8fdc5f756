import { z } from 'zod';
import { IsoDate } from '../../shared/codes';

export const AidCategory = z.enum(['food', 'clothing', 'hygiene', 'money', 'transport', 'other']);

export const AidItem = z.object({
  code: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  category: AidCategory,
  isMoney: z.boolean(),
  isActive: z.boolean(),
  sortOrder: z.number(),
});
export type AidItem = z.infer<typeof AidItem>;

export const CreateAidItemInput = z.strictObject({
  code: z.string().trim().regex(/^[a-z0-9_]{1,40}$/),
  nameJa: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  category: AidCategory,
  isMoney: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(10_000).default(100),
});
export type CreateAidItemInput = z.infer<typeof CreateAidItemInput>;

export const UpdateAidItemInput = z.strictObject({
  nameJa: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().trim().min(1).max(100).optional(),
  category: AidCategory.optional(),
  isMoney: z.boolean().optional(),
  isActive: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
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
});
export type Assistance = z.infer<typeof Assistance>;

/** The catalogue a new organisation starts with (DOMAIN.md, "What the office gives"). */
export const defaultCatalogue: Array<Omit<AidItem, 'isActive'>> = [
  { code: 'food_parcel', nameJa: '食料パック', nameEn: 'Food parcel', category: 'food', isMoney: false, sortOrder: 10 },
  { code: 'rice_5kg', nameJa: '米 5kg', nameEn: 'Rice 5 kg', category: 'food', isMoney: false, sortOrder: 20 },
  { code: 'winter_coat', nameJa: '冬用コート', nameEn: 'Winter coat', category: 'clothing', isMoney: false, sortOrder: 30 },
  { code: 'blanket', nameJa: '毛布', nameEn: 'Blanket', category: 'clothing', isMoney: false, sortOrder: 40 },
  { code: 'hygiene_kit', nameJa: '衛生用品セット', nameEn: 'Hygiene kit', category: 'hygiene', isMoney: false, sortOrder: 50 },
  { code: 'transport_fare', nameJa: '交通費', nameEn: 'Transport fare', category: 'transport', isMoney: true, sortOrder: 60 },
  { code: 'cash', nameJa: '現金支援', nameEn: 'Cash support', category: 'money', isMoney: true, sortOrder: 70 },
  { code: 'medical_fee', nameJa: '医療費支援', nameEn: 'Medical fee support', category: 'money', isMoney: true, sortOrder: 80 },
  { code: 'stamp_fee', nameJa: '手数料（収入印紙）', nameEn: 'Fee (revenue stamp)', category: 'money', isMoney: true, sortOrder: 90 },
];
