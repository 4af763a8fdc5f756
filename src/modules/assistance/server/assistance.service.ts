import { randomUUID } from 'node:crypto';
import dayjs from 'dayjs';
import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, conflict, invalidField, notFound } from '../../../server/http/errors';
import { tokyoDate } from '../../../shared/time';
import type { AuditService } from '../../audit/server/audit.service';
import type { BudgetsService } from '../../budgets/server/budgets.service';
import { sizeKey, type InventoryService } from '../../inventory/server/inventory.service';
import type { PeopleService } from '../../people/server/people.service';
import type { ReceptionService } from '../../reception/server/reception.service';
import {
  defaultCatalogue, type AidItem, type Assistance, type AssistanceCheck, type AssistanceCheckQuery, type CreateAidItemInput,
  type CreateAssistanceInput, type UpdateAidItemInput,
} from '../contract';
import * as repo from './assistance.repository';

function presentItem(r: repo.AidItemRow): AidItem {
  return {
    code: r.code, nameJa: r.name_ja, nameEn: r.name_en, category: r.category as AidItem['category'], isMoney: r.is_money, isActive: r.is_active,
    sortOrder: r.sort_order, unit: r.unit, sizes: r.sizes, isStockTracked: r.is_stock_tracked, lowStockThreshold: r.low_stock_threshold,
    limitQuantity: r.limit_quantity, limitDays: r.limit_days,
  };
}

/** The catalogue rules the database also checks (migrations/0008), as 400s naming the field. */
function assertItemRules(item: { isMoney: boolean; isStockTracked: boolean; limitQuantity: number | null; limitDays: number | null }) {
  if (item.isMoney && item.isStockTracked) throw invalidField('aid_item.money_not_stock', 'isStockTracked', 'invalid');
  if ((item.limitQuantity === null) !== (item.limitDays === null)) {
    throw invalidField('aid_item.limit_incomplete', item.limitQuantity === null ? 'limitQuantity' : 'limitDays', 'required');
  }
}

/** The first day (exclusive) of an item's limit period ending today: given_on > today − days. */
const periodStart = (today: string, days: number) => dayjs(today).subtract(days, 'day').format('YYYY-MM-DD');

function present(r: repo.AssistanceRow): Assistance {
  return {
    id: r.id,
    personId: r.person_id,
    visitId: r.visit_id,
    itemCode: r.item_code,
    itemNameJa: r.name_ja,
    itemNameEn: r.name_en,
    category: r.category as Assistance['category'],
    quantity: r.quantity,
    amountYen: r.amount_yen,
    givenOn: r.given_on,
    givenById: r.given_by,
    givenByName: r.given_by_name,
    note: r.note,
    createdAt: r.created_at.toISOString(),
    size: r.size,
    locationId: r.location_id,
    budgetLineId: r.budget_line_id,
    ruleOverrideReason: r.rule_override_reason,
  };
}

export interface AssistanceDeps {
  db: Db;
  audit: AuditService;
  people: PeopleService;
  reception: ReceptionService;
  inventory: InventoryService;
  budgets: BudgetsService;
}

export function createAssistanceService({ db, audit, people, reception, inventory, budgets }: AssistanceDeps) {
  return {
    /** Gives a new organisation the default catalogue (food parcel, rice, coat, blanket, fares, cash…) and its default stock location. */
    async seedDefaultCatalogue(tx: DbOrTx, organisationId: string) {
      await repo.insertAidItems(tx, defaultCatalogue.map((i) => ({
        organisation_id: organisationId, code: i.code, name_ja: i.nameJa, name_en: i.nameEn, category: i.category, is_money: i.isMoney, sort_order: i.sortOrder,
        unit: i.unit, sizes: i.sizes, is_stock_tracked: i.isStockTracked, low_stock_threshold: i.lowStockThreshold,
        limit_quantity: i.limitQuantity, limit_days: i.limitDays,
      })));
      await inventory.ensureDefaultLocation(tx, organisationId);
    },

    /** The organisation's aid catalogue, in display order. */
    async catalogue(ctx: RequestContext): Promise<AidItem[]> {
      return (await repo.listAidItems(db, ctx.actor.organisationId)).map(presentItem);
    },

    /** Adds an item to the catalogue. */
    async createItem(ctx: RequestContext, input: CreateAidItemInput): Promise<AidItem> {
      const limitQuantity = input.limitQuantity ?? null;
      const limitDays = input.limitDays ?? null;
      assertItemRules({ isMoney: input.isMoney, isStockTracked: input.isStockTracked, limitQuantity, limitDays });
      return db.transaction().execute(async (tx) => {
        const [row] = await repo.insertAidItems(tx, [{
          organisation_id: ctx.actor.organisationId, code: input.code, name_ja: input.nameJa, name_en: input.nameEn, category: input.category, is_money: input.isMoney, sort_order: input.sortOrder,
          unit: input.unit, sizes: input.sizes, is_stock_tracked: input.isStockTracked, low_stock_threshold: input.lowStockThreshold ?? null,
          limit_quantity: limitQuantity, limit_days: limitDays,
        }]);
        if (!row) throw new AppError(409, 'aid_item.code_taken', { code: { key: 'invalid' } });
        await audit.record(tx, ctx, { action: 'create', entityType: 'aid_item', entityId: input.code });
        return presentItem(row);
      });
    },

    /** Renames, recategorises or retires a catalogue item (items are never deleted: aid records point at them). */
    async updateItem(ctx: RequestContext, code: string, input: UpdateAidItemInput): Promise<AidItem> {
      return db.transaction().execute(async (tx) => {
        const current = await repo.findAidItem(tx, ctx.actor.organisationId, code);
        if (!current) throw notFound('aid_item.not_found');
        assertItemRules({
          isMoney: input.isMoney ?? current.is_money,
          isStockTracked: input.isStockTracked ?? current.is_stock_tracked,
          limitQuantity: input.limitQuantity !== undefined ? input.limitQuantity : current.limit_quantity,
          limitDays: input.limitDays !== undefined ? input.limitDays : current.limit_days,
        });
        const row = await repo.updateAidItem(tx, ctx.actor.organisationId, code, {
          ...(input.nameJa !== undefined && { name_ja: input.nameJa }),
          ...(input.nameEn !== undefined && { name_en: input.nameEn }),
          ...(input.category !== undefined && { category: input.category }),
          ...(input.isMoney !== undefined && { is_money: input.isMoney }),
          ...(input.isActive !== undefined && { is_active: input.isActive }),
          ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
          ...(input.unit !== undefined && { unit: input.unit }),
          ...(input.sizes !== undefined && { sizes: input.sizes }),
          ...(input.isStockTracked !== undefined && { is_stock_tracked: input.isStockTracked }),
          ...(input.lowStockThreshold !== undefined && { low_stock_threshold: input.lowStockThreshold }),
          ...(input.limitQuantity !== undefined && { limit_quantity: input.limitQuantity }),
          ...(input.limitDays !== undefined && { limit_days: input.limitDays }),
        });
        if (!row) throw notFound('aid_item.not_found');
        await audit.record(tx, ctx, { action: 'update', entityType: 'aid_item', entityId: code, details: { fields: Object.keys(input) } });
        return presentItem(row);
      });
    },

    /**
     * Records aid given to a person: an item from the catalogue, a quantity, for money an amount
     * (and optionally its budget line). A stock-tracked item is taken out of stock in the same
     * transaction (409 stock.insufficient, nothing written, when there is not enough); an item's
     * per-person limit refuses with 409 assistance.limit_reached unless an override reason is given.
     */
    async give(ctx: RequestContext, input: CreateAssistanceInput): Promise<Assistance> {
      if (input.visitId) await reception.assertVisitOfPerson(ctx, input.visitId, input.personId);
      const id = await db.transaction().execute(async (tx) => {
        await people.assertWritable(tx, ctx, input.personId);
        const item = await repo.findAidItem(tx, ctx.actor.organisationId, input.itemCode);
        if (!item) throw invalidField('aid_item.not_found', 'itemCode', 'invalid_choice');
        if (!item.is_active) throw invalidField('aid_item.inactive', 'itemCode', 'invalid_choice');
        if (item.is_money && (input.amountYen === undefined || input.amountYen === null)) {
          throw invalidField('aid_item.amount_required', 'amountYen', 'required');
        }
        const size = sizeKey(item, input.size) || null;
        if (input.budgetLineId) {
          if (!item.is_money) throw invalidField('assistance.budget_line_money_only', 'budgetLineId', 'invalid');
          await budgets.assertUsableLine(tx, ctx, input.budgetLineId);
        }
        if (input.locationId && !item.is_stock_tracked) throw invalidField('stock.not_tracked', 'locationId', 'invalid');
        const today = tokyoDate();
        const givenOn = input.givenOn ?? today;
        // The contract trims it: an empty reason is no reason.
        const overrideReason = input.overrideReason || null;
        let overridden = false;
        if (item.limit_quantity !== null && item.limit_days !== null) {
          await repo.lockPersonItem(tx, input.personId, item.code);
          const given = await repo.givenToPerson(tx, ctx.actor.organisationId, input.personId, item.code, periodStart(today, item.limit_days));
          if (given.givenInPeriod >= item.limit_quantity) {
            if (!overrideReason) {
              throw new AppError(409, 'assistance.limit_reached', { overrideReason: { key: 'required' } }, {
                lastGivenOn: given.lastGivenOn, limitQuantity: item.limit_quantity, limitDays: item.limit_days, givenInPeriod: given.givenInPeriod,
              });
            }
            overridden = true;
          }
        }
        const assistanceId = randomUUID();
        const locationId = item.is_stock_tracked
          ? await inventory.takeForAid(tx, ctx, {
            itemCode: item.code, size, quantity: input.quantity, locationId: input.locationId, personId: input.personId, assistanceId, occurredOn: givenOn,
          })
          : null;
        await repo.insertAssistance(tx, {
          id: assistanceId,
          organisation_id: ctx.actor.organisationId,
          person_id: input.personId,
          visit_id: input.visitId ?? null,
          item_code: input.itemCode,
          quantity: input.quantity,
          amount_yen: input.amountYen ?? null,
          given_on: givenOn,
          given_by: ctx.actor.staffUserId,
          note: input.note,
          size,
          location_id: locationId,
          budget_line_id: input.budgetLineId ?? null,
          rule_override_reason: overridden ? overrideReason : null,
        });
        // The override is audited as a fact with the rule it broke; its free-text reason stays on the record.
        await audit.record(tx, ctx, {
          action: 'create', entityType: 'assistance', entityId: assistanceId,
          details: { personId: input.personId, itemCode: input.itemCode, ...(overridden && { ruleOverridden: true, limitQuantity: item.limit_quantity, limitDays: item.limit_days }) },
        });
        return assistanceId;
      });
      const row = await repo.findAssistance(db, ctx.actor.organisationId, id);
      if (!row) throw conflict('conflict.duplicate');
      return present(row);
    },

    /** What the desk needs before giving an item to a person: stock left, the last time given and the item's limit (audited as a read). */
    async check(ctx: RequestContext, query: AssistanceCheckQuery): Promise<AssistanceCheck> {
      await people.assertExists(db, ctx, query.personId);
      const item = await repo.findAidItem(db, ctx.actor.organisationId, query.itemCode);
      if (!item) throw invalidField('aid_item.not_found', 'itemCode', 'invalid_choice');
      if (query.size && !item.sizes.includes(query.size)) throw invalidField('aid_item.size_invalid', 'size', 'invalid_choice');
      const today = tokyoDate();
      const given = await repo.givenToPerson(db, ctx.actor.organisationId, query.personId, item.code, periodStart(today, item.limit_days ?? 0));
      const available = item.is_stock_tracked ? await inventory.available(db, ctx, item.code, query.size) : null;
      await audit.record(db, ctx, { action: 'read', entityType: 'person', entityId: query.personId, details: { view: 'assistance_check', itemCode: item.code } });
      return {
        isStockTracked: item.is_stock_tracked,
        available,
        lastGivenOn: given.lastGivenOn,
        limit: item.limit_quantity !== null && item.limit_days !== null
          ? { quantity: item.limit_quantity, days: item.limit_days, givenInPeriod: given.givenInPeriod, isReached: given.givenInPeriod >= item.limit_quantity }
          : null,
      };
    },

    /** Aid given to one person, newest first. */
    async listForPerson(ctx: RequestContext, personId: string): Promise<Assistance[]> {
      return (await repo.listAssistanceOfPerson(db, ctx.actor.organisationId, personId)).map(present);
    },
  };
}
export type AssistanceService = ReturnType<typeof createAssistanceService>;
