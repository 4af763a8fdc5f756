import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, conflict, invalidField, notFound } from '../../../server/http/errors';
import { tokyoDate } from '../../../shared/time';
import type { AidItem } from '../../assistance/contract';
import type { AuditService } from '../../audit/server/audit.service';
import { presentSummary } from '../../people/server/people.service';
import type {
  CreateStockLocationInput, ListMovementsQuery, MovementResult, RecordMovementInput, StockItem, StockLevel, StockLocation,
  StockMovement, UpdateStockLocationInput,
} from '../contract';
import * as repo from './inventory.repository';

function presentLocation(r: repo.LocationRow): StockLocation {
  return { id: r.id, nameJa: r.name_ja, nameEn: r.name_en, isDefault: r.is_default, isActive: r.is_active, sortOrder: r.sort_order };
}

function presentLevel(r: repo.LevelRow): StockLevel {
  return { locationId: r.location_id, locationNameJa: r.name_ja, locationNameEn: r.name_en, size: r.size, quantity: r.quantity };
}

function presentMovement(r: repo.MovementRow, showPerson: boolean): StockMovement {
  const person = showPerson && r.person_id && r.file_number !== null && r.family_name !== null && r.given_name !== null && r.sex !== null && r.date_of_birth_estimated !== null
    ? presentSummary({
      id: r.person_id, file_number: r.file_number, family_name: r.family_name, given_name: r.given_name, name_in_own_script: r.name_in_own_script,
      name_kana: r.name_kana, date_of_birth: r.date_of_birth, date_of_birth_estimated: r.date_of_birth_estimated, sex: r.sex, nationality: r.nationality,
    })
    : null;
  return {
    id: r.id,
    itemCode: r.item_code,
    itemNameJa: r.item_name_ja,
    itemNameEn: r.item_name_en,
    size: r.size,
    kind: r.kind,
    quantity: r.quantity,
    locationId: r.location_id,
    locationNameJa: r.location_name_ja,
    locationNameEn: r.location_name_en,
    toLocationId: r.to_location_id,
    toLocationNameJa: r.to_location_name_ja,
    toLocationNameEn: r.to_location_name_en,
    source: r.source,
    donorName: r.donor_name,
    reason: r.reason,
    note: r.note,
    occurredOn: r.occurred_on,
    recordedById: r.recorded_by,
    recordedByName: r.recorded_by_name,
    createdAt: r.created_at.toISOString(),
    assistanceId: r.assistance_id,
    person,
  };
}

function presentStockItem(item: repo.StockItemRow, levels: repo.LevelRow[]): StockItem {
  const total = levels.reduce((sum, l) => sum + l.quantity, 0);
  return {
    itemCode: item.code,
    nameJa: item.name_ja,
    nameEn: item.name_en,
    category: item.category as AidItem['category'],
    unit: item.unit,
    sizes: item.sizes,
    lowStockThreshold: item.low_stock_threshold,
    total,
    isLow: item.low_stock_threshold !== null && total <= item.low_stock_threshold,
    levels: levels.map(presentLevel),
  };
}

/** 409 stock.insufficient with how many are there, so the desk can say it. */
const insufficient = (available: number) => conflict('stock.insufficient', { available });

/**
 * The size a movement of this item is kept under: '' for an item without sizes, else one of its
 * sizes (400 on `size` otherwise).
 */
export function sizeKey(item: { sizes: string[] }, size: string | null | undefined, field = 'size'): string {
  if (item.sizes.length === 0) {
    if (size) throw invalidField('aid_item.size_invalid', field, 'invalid_choice');
    return '';
  }
  if (!size) throw invalidField('aid_item.size_required', field, 'required');
  if (!item.sizes.includes(size)) throw invalidField('aid_item.size_invalid', field, 'invalid_choice');
  return size;
}

export interface TakeForAid {
  itemCode: string;
  size: string | null | undefined;
  quantity: number;
  locationId?: string | null | undefined;
  personId: string;
  assistanceId: string;
  occurredOn: string;
}

export function createInventoryService(db: Db, audit: AuditService) {
  async function trackedItem(tx: DbOrTx, ctx: RequestContext, itemCode: string): Promise<repo.StockItemRow> {
    const item = await repo.findStockItem(tx, ctx.actor.organisationId, itemCode);
    if (!item) throw invalidField('aid_item.not_found', 'itemCode', 'invalid_choice');
    if (!item.is_stock_tracked) throw invalidField('stock.not_tracked', 'itemCode', 'invalid_choice');
    return item;
  }

  /** The location named (active, of this organisation), or the default one when none is named. */
  async function usableLocation(tx: DbOrTx, ctx: RequestContext, id: string | null | undefined, field: string): Promise<repo.LocationRow> {
    if (!id) {
      const fallback = await repo.findDefaultLocation(tx, ctx.actor.organisationId);
      if (!fallback) throw invalidField('stock_location.no_default', field, 'required');
      return fallback;
    }
    const row = await repo.findLocation(tx, ctx.actor.organisationId, id);
    if (!row) throw invalidField('stock_location.not_found', field, 'invalid_choice');
    if (!row.is_active) throw invalidField('stock_location.inactive', field, 'invalid_choice');
    return row;
  }

  async function stockList(ctx: RequestContext): Promise<StockItem[]> {
    const items = await repo.listTrackedItems(db, ctx.actor.organisationId);
    const levels = await repo.listLevels(db, ctx.actor.organisationId, items.map((i) => i.code));
    return items.map((item) => presentStockItem(item, levels.filter((l) => l.item_code === item.code)));
  }

  return {
    /** Creates the default location 事務所 / Office for a new organisation (once). */
    async ensureDefaultLocation(tx: DbOrTx, organisationId: string): Promise<void> {
      if (await repo.findDefaultLocation(tx, organisationId)) return;
      await repo.insertLocation(tx, { organisation_id: organisationId, name_ja: '事務所', name_en: 'Office', is_default: true, sort_order: 0 });
    },

    /** Current stock of every active stock-tracked item: total, per location and size, and whether it is low. */
    stock: stockList,

    /** The items at or below their low-stock threshold (the warning list; the winter board uses it). */
    async lowStock(ctx: RequestContext): Promise<StockItem[]> {
      return (await stockList(ctx)).filter((i) => i.isLow);
    },

    /** How many of an item are in stock across locations (of one size, when given). */
    async available(tx: DbOrTx, ctx: RequestContext, itemCode: string, size?: string | null): Promise<number> {
      return repo.sumLevel(tx, ctx.actor.organisationId, itemCode, size ?? undefined);
    },

    /**
     * Takes goods given to a person out of stock inside the caller's transaction and records the
     * `given` movement; returns the location used. Without a location: the default one first, then
     * the others in order, the first with enough. Not enough anywhere → 409 stock.insufficient.
     */
    async takeForAid(tx: DbOrTx, ctx: RequestContext, input: TakeForAid): Promise<string> {
      const org = ctx.actor.organisationId;
      const item = await trackedItem(tx, ctx, input.itemCode);
      const size = sizeKey(item, input.size);
      let candidates: string[];
      if (input.locationId) candidates = [(await usableLocation(tx, ctx, input.locationId, 'locationId')).id];
      else candidates = (await repo.listLocations(tx, org)).filter((l) => l.is_active).map((l) => l.id);
      for (const locationId of candidates) {
        const left = await repo.takeFromLevel(tx, { organisationId: org, itemCode: item.code, locationId, size }, input.quantity);
        if (left === undefined) continue;
        await repo.insertMovement(tx, {
          organisation_id: org, item_code: item.code, size, kind: 'given', quantity: input.quantity, location_id: locationId,
          person_id: input.personId, assistance_id: input.assistanceId, occurred_on: input.occurredOn, recorded_by: ctx.actor.staffUserId,
        });
        return locationId;
      }
      const available = input.locationId
        ? await repo.sumLevel(tx, org, item.code, size, candidates[0])
        : await repo.sumLevel(tx, org, item.code, size);
      throw insufficient(available);
    },

    /** Records goods received (bought or donated), a count adjustment (with a reason) or a transfer between locations. */
    async recordMovement(ctx: RequestContext, input: RecordMovementInput): Promise<MovementResult> {
      const org = ctx.actor.organisationId;
      const write = async (tx: DbOrTx): Promise<{ id: string; locationIds: string[] }> => {
        const item = await trackedItem(tx, ctx, input.itemCode);
        if (!item.is_active) throw invalidField('aid_item.inactive', 'itemCode', 'invalid_choice');
        const size = sizeKey(item, input.size);
        const from = await usableLocation(tx, ctx, input.locationId, 'locationId');
        const key = { organisationId: org, itemCode: item.code, locationId: from.id, size };
        const occurredOn = input.occurredOn ?? tokyoDate();
        if (occurredOn > tokyoDate()) throw invalidField('stock.future_date', 'occurredOn', 'invalid');
        // The API gives an adjustment's explanation as `note`: it serves as the reason when none is given.
        const reason = input.reason?.trim() || (input.kind === 'adjusted' ? input.note.trim() : '') || null;
        const base = {
          organisation_id: org, item_code: item.code, size, quantity: input.quantity, location_id: from.id, note: input.note,
          occurred_on: occurredOn, recorded_by: ctx.actor.staffUserId, reason,
        };
        switch (input.kind) {
          case 'received': {
            if (input.quantity <= 0) throw invalidField('stock.quantity_positive', 'quantity', 'too_small', { minimum: 1 });
            await repo.addToLevel(tx, key, input.quantity);
            const source = input.source ?? 'purchase';
            const donorName = source === 'donation' && input.donorName?.trim() ? input.donorName.trim() : null;
            const row = await repo.insertMovement(tx, { ...base, kind: 'received', source, donor_name: donorName });
            return { id: row.id, locationIds: [from.id] };
          }
          case 'adjusted': {
            if (input.quantity === 0) throw invalidField('stock.quantity_zero', 'quantity', 'invalid');
            if (!reason) throw invalidField('stock.reason_required', 'reason', 'required');
            if (input.quantity > 0) await repo.addToLevel(tx, key, input.quantity);
            else if ((await repo.takeFromLevel(tx, key, -input.quantity)) === undefined) throw insufficient(await repo.sumLevel(tx, org, item.code, size, from.id));
            const row = await repo.insertMovement(tx, { ...base, kind: 'adjusted' });
            return { id: row.id, locationIds: [from.id] };
          }
          case 'transferred': {
            if (input.quantity <= 0) throw invalidField('stock.quantity_positive', 'quantity', 'too_small', { minimum: 1 });
            if (!input.toLocationId) throw invalidField('stock.to_location_required', 'toLocationId', 'required');
            const to = await usableLocation(tx, ctx, input.toLocationId, 'toLocationId');
            if (to.id === from.id) throw invalidField('stock.same_location', 'toLocationId', 'invalid');
            if ((await repo.takeFromLevel(tx, key, input.quantity)) === undefined) throw insufficient(await repo.sumLevel(tx, org, item.code, size, from.id));
            await repo.addToLevel(tx, { ...key, locationId: to.id }, input.quantity);
            const row = await repo.insertMovement(tx, { ...base, kind: 'transferred', to_location_id: to.id });
            return { id: row.id, locationIds: [from.id, to.id] };
          }
          default: {
            const never: never = input.kind;
            throw new AppError(400, 'validation.failed', { kind: { key: 'invalid_choice', params: { kind: never } } });
          }
        }
      };
      const result = await db.transaction().execute(async (tx) => {
        const written = await write(tx);
        await audit.record(tx, ctx, { action: 'create', entityType: 'stock_movement', entityId: written.id, details: { itemCode: input.itemCode, kind: input.kind, quantity: input.quantity } });
        return written;
      });
      const movement = await repo.findMovement(db, org, result.id);
      if (!movement) throw notFound('stock.movement_not_found');
      const levels = await repo.findLevels(db, org, movement.item_code, result.locationIds, movement.size);
      return { movement: presentMovement(movement, false), levels: levels.map(presentLevel) };
    },

    /** Stock movements newest first, with who recorded them and, for goods given, to whom. */
    async movements(ctx: RequestContext, query: ListMovementsQuery): Promise<StockMovement[]> {
      const rows = await repo.listMovements(db, ctx.actor.organisationId, query);
      const showPerson = ctx.actor.permissions.has('people.read');
      const people = showPerson ? rows.filter((r) => r.person_id).length : 0;
      // Given movements name people: the list is audited as a read, like other lists of people.
      if (people > 0) await audit.record(db, ctx, { action: 'read', entityType: 'stock_movement', details: { list: 'movements', results: rows.length, people } });
      return rows.map((r) => presentMovement(r, showPerson));
    },

    /** The organisation's stock locations, the default first. */
    async locations(ctx: RequestContext): Promise<StockLocation[]> {
      return (await repo.listLocations(db, ctx.actor.organisationId)).map(presentLocation);
    },

    /** Adds a stock location; made default, it takes the flag from the previous default. */
    async createLocation(ctx: RequestContext, input: CreateStockLocationInput): Promise<StockLocation> {
      return db.transaction().execute(async (tx) => {
        if (input.isDefault) await repo.clearDefaultLocation(tx, ctx.actor.organisationId);
        const row = await repo.insertLocation(tx, {
          organisation_id: ctx.actor.organisationId, name_ja: input.nameJa, name_en: input.nameEn, is_default: input.isDefault, sort_order: input.sortOrder,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'stock_location', entityId: row.id });
        return presentLocation(row);
      });
    },

    /** Renames, reorders, retires a location or makes it the default (the default cannot be retired). */
    async updateLocation(ctx: RequestContext, id: string, input: UpdateStockLocationInput): Promise<StockLocation> {
      return db.transaction().execute(async (tx) => {
        const current = await repo.findLocation(tx, ctx.actor.organisationId, id);
        if (!current) throw notFound('stock_location.not_found');
        const willBeDefault = input.isDefault ?? current.is_default;
        const willBeActive = input.isActive ?? current.is_active;
        if (willBeDefault && !willBeActive) throw invalidField('stock_location.default_inactive', 'isActive', 'invalid');
        if (input.isDefault && !current.is_default) await repo.clearDefaultLocation(tx, ctx.actor.organisationId);
        const row = await repo.updateLocation(tx, ctx.actor.organisationId, id, {
          ...(input.nameJa !== undefined && { name_ja: input.nameJa }),
          ...(input.nameEn !== undefined && { name_en: input.nameEn }),
          ...(input.isDefault !== undefined && { is_default: input.isDefault }),
          ...(input.isActive !== undefined && { is_active: input.isActive }),
          ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
        });
        if (!row) throw notFound('stock_location.not_found');
        await audit.record(tx, ctx, { action: 'update', entityType: 'stock_location', entityId: id, details: { fields: Object.keys(input) } });
        return presentLocation(row);
      });
    },
  };
}
export type InventoryService = ReturnType<typeof createInventoryService>;
