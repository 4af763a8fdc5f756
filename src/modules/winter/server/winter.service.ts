import type { RequestContext } from '../../../server/http/context';
import { tokyoDate } from '../../../shared/time';
import type { CasesService } from '../../cases/server/cases.service';
import type { InventoryService } from '../../inventory/server/inventory.service';
import type { PeopleService } from '../../people/server/people.service';
import type { ReceptionService } from '../../reception/server/reception.service';
import type { ShelterService } from '../../shelter/server/shelter.service';
import { WINTER_LIST_LENGTH, type WinterBoard } from '../contract';
import { queueStats } from './queue-stats';

/** Winter items are the clothing of the catalogue (coats, blankets…): what keeps people warm outside. */
const WINTER_CATEGORY = 'clothing';

/**
 * The winter board draws everything from the other modules' services: it has no tables and no
 * queries of its own. Each section is built only when the viewer's role may see it.
 */
export function createWinterService(deps: {
  people: PeopleService;
  shelter: ShelterService;
  inventory: InventoryService;
  cases: CasesService;
  reception: ReceptionService;
}) {
  const { people, shelter, inventory, cases, reception } = deps;
  return {
    /** The board for today in Tokyo: rough sleepers not housed, free beds, low winter stock, the longest waits, today's queue. */
    async board(ctx: RequestContext, now = new Date()): Promise<WinterBoard> {
      const may = (p: Parameters<typeof ctx.actor.permissions.has>[0]) => ctx.actor.permissions.has(p);
      const today = tokyoDate(now);
      const [beds, waiting, housed] = await Promise.all([
        shelter.board(ctx, today),
        shelter.waitingList(ctx),
        shelter.housedPersonIds(ctx, today),
      ]);
      const waitingDays = new Map(waiting.map((w) => [w.person.id, w.daysWaiting]));

      let roughSleepers: WinterBoard['roughSleepers'] = null;
      if (may('people.read')) {
        const outside = (await people.listByHousing(ctx, 'rough_sleeping')).filter((p) => !housed.has(p.id));
        const items = outside
          .map((person) => ({ person, shelterWaitingDays: waitingDays.get(person.id) ?? null }))
          // Those waiting longest for a bed first, then those not even on the list.
          .sort((a, b) => (b.shelterWaitingDays ?? -1) - (a.shelterWaitingDays ?? -1));
        roughSleepers = { count: items.length, items };
      }

      const freeBeds = beds.beds
        .filter((b) => b.occupant === null)
        .map((b) => ({ bedId: b.bedId, label: b.label, roomName: b.roomName, allowedUse: b.allowedUse, facilityNameJa: b.facilityNameJa, facilityNameEn: b.facilityNameEn }));

      const lowWinterItems = may('stock.read')
        ? {
            items: (await inventory.lowStock(ctx))
              .filter((i) => i.category === WINTER_CATEGORY)
              .map((i) => ({ itemCode: i.itemCode, nameJa: i.nameJa, nameEn: i.nameEn, unit: i.unit, total: i.total, lowStockThreshold: i.lowStockThreshold })),
          }
        : null;

      let allowanceWaiting: WinterBoard['allowanceWaiting'] = null;
      if (may('cases.read')) {
        const list = await cases.allowanceWaiting(ctx);
        allowanceWaiting = {
          count: list.length,
          items: list.slice(0, WINTER_LIST_LENGTH).map((e) => ({ person: e.person, daysWaiting: e.daysWaiting, appliedOn: e.allowanceAppliedOn })),
        };
      }

      const longestForShelter = [...waiting].sort((a, b) => b.daysWaiting - a.daysWaiting).slice(0, WINTER_LIST_LENGTH);
      const queue = may('visits.read') ? queueStats((await reception.queue(ctx, today)).items, now) : null;

      return {
        date: today,
        generatedAt: now.toISOString(),
        roughSleepers,
        freeBeds: { free: freeBeds.length, total: beds.beds.length, beds: freeBeds },
        lowWinterItems,
        allowanceWaiting,
        shelterWaiting: {
          count: waiting.length,
          items: longestForShelter.map((w) => ({ person: w.person, daysWaiting: w.daysWaiting, listedOn: w.listedOn, needs: w.needs })),
        },
        queue,
      };
    },
  };
}
export type WinterService = ReturnType<typeof createWinterService>;
