import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, conflict, invalidField, notFound } from '../../../server/http/errors';
import { tokyoDate } from '../../../shared/time';
import type { AuditService } from '../../audit/server/audit.service';
import type { PeopleService } from '../../people/server/people.service';
import type { ReceptionService } from '../../reception/server/reception.service';
import { defaultCatalogue, type AidItem, type Assistance, type CreateAidItemInput, type CreateAssistanceInput, type UpdateAidItemInput } from '../contract';
import * as repo from './assistance.repository';

function presentItem(r: repo.AidItemRow): AidItem {
  return { code: r.code, nameJa: r.name_ja, nameEn: r.name_en, category: r.category as AidItem['category'], isMoney: r.is_money, isActive: r.is_active, sortOrder: r.sort_order };
}

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
  };
}

export function createAssistanceService(db: Db, audit: AuditService, people: PeopleService, reception: ReceptionService) {
  return {
    /** Gives a new organisation the default catalogue (food parcel, rice, coat, blanket, fares, cash…). */
    async seedDefaultCatalogue(tx: DbOrTx, organisationId: string) {
      await repo.insertAidItems(tx, defaultCatalogue.map((i) => ({
        organisation_id: organisationId, code: i.code, name_ja: i.nameJa, name_en: i.nameEn, category: i.category, is_money: i.isMoney, sort_order: i.sortOrder,
      })));
    },

    /** The organisation's aid catalogue, in display order. */
    async catalogue(ctx: RequestContext): Promise<AidItem[]> {
      return (await repo.listAidItems(db, ctx.actor.organisationId)).map(presentItem);
    },

    /** Adds an item to the catalogue. */
    async createItem(ctx: RequestContext, input: CreateAidItemInput): Promise<AidItem> {
      return db.transaction().execute(async (tx) => {
        const [row] = await repo.insertAidItems(tx, [{
          organisation_id: ctx.actor.organisationId, code: input.code, name_ja: input.nameJa, name_en: input.nameEn, category: input.category, is_money: input.isMoney, sort_order: input.sortOrder,
        }]);
        if (!row) throw new AppError(409, 'aid_item.code_taken', { code: { key: 'invalid' } });
        await audit.record(tx, ctx, { action: 'create', entityType: 'aid_item', entityId: input.code });
        return presentItem(row);
      });
    },

    /** Renames, recategorises or retires a catalogue item (items are never deleted: aid records point at them). */
    async updateItem(ctx: RequestContext, code: string, input: UpdateAidItemInput): Promise<AidItem> {
      return db.transaction().execute(async (tx) => {
        const row = await repo.updateAidItem(tx, ctx.actor.organisationId, code, {
          ...(input.nameJa !== undefined && { name_ja: input.nameJa }),
          ...(input.nameEn !== undefined && { name_en: input.nameEn }),
          ...(input.category !== undefined && { category: input.category }),
          ...(input.isMoney !== undefined && { is_money: input.isMoney }),
          ...(input.isActive !== undefined && { is_active: input.isActive }),
          ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
        });
        if (!row) throw notFound('aid_item.not_found');
        await audit.record(tx, ctx, { action: 'update', entityType: 'aid_item', entityId: code, details: { fields: Object.keys(input) } });
        return presentItem(row);
      });
    },

    /** Records aid given to a person: an item from the catalogue, a quantity, and for money an amount. */
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
        const row = await repo.insertAssistance(tx, {
          organisation_id: ctx.actor.organisationId,
          person_id: input.personId,
          visit_id: input.visitId ?? null,
          item_code: input.itemCode,
          quantity: input.quantity,
          amount_yen: input.amountYen ?? null,
          given_on: input.givenOn ?? tokyoDate(),
          given_by: ctx.actor.staffUserId,
          note: input.note,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'assistance', entityId: row.id, details: { personId: input.personId, itemCode: input.itemCode } });
        return row.id;
      });
      const row = await repo.findAssistance(db, ctx.actor.organisationId, id);
      if (!row) throw conflict('conflict.duplicate');
      return present(row);
    },

    /** Aid given to one person, newest first. */
    async listForPerson(ctx: RequestContext, personId: string): Promise<Assistance[]> {
      return (await repo.listAssistanceOfPerson(db, ctx.actor.organisationId, personId)).map(present);
    },
  };
}
export type AssistanceService = ReturnType<typeof createAssistanceService>;
