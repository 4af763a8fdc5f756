import type { BedUse } from '../../shelter/contract';
import { addDays, isWinter, tokyoInstant, type DemoPerson, type DemoStaffRole, type HistoryPlan, type Rng } from './demo.generator';

/**
 * Stock, money and shelter for the demo and the benchmarks (issue 4), planned from the visit
 * history so that everything agrees: every coat given in the history left the storeroom, stock was
 * bought or donated before it was given and never went below zero, fares and cash were paid
 * against budget lines, the shelter's beds hold one person a night, and the people the history
 * calls 団体シェルター are in a bed tonight.
 */

export type DemoLocation = 'office' | 'warehouse';

export interface PlannedMovement {
  itemCode: string;
  kind: 'received' | 'given' | 'transferred' | 'adjusted';
  /** Negative only for an adjustment. */
  quantity: number;
  reason?: string;
  location: DemoLocation;
  toLocation: DemoLocation | null;
  source: 'purchase' | 'donation' | null;
  donorName: string | null;
  /** given: the index of the aid record in the history. */
  aid: number | null;
  occurredOn: string;
  by: DemoStaffRole;
  createdAt: Date;
}

export interface DemoBed {
  facility: number;
  room: string;
  use: BedUse;
  label: string;
}

export interface PlannedStay {
  person: number;
  bed: number;
  checkInOn: string;
  expectedCheckOutOn: string;
  checkedOutOn: string | null;
}

export interface PlannedWaiting {
  person: number;
  listedOn: string;
  needs: BedUse;
  withChildren: boolean;
  isPregnant: boolean;
  isIll: boolean;
  isRoughSleeping: boolean;
  /** Set when the entry ended in a stay. */
  housedOn: string | null;
}

export interface PlannedLodging {
  person: number;
  kind: 'hotel' | 'net_cafe';
  placeName: string;
  firstNightOn: string;
  nights: number;
  costYen: number;
  line: number;
}

export interface StockShelterPlan {
  movements: PlannedMovement[];
  /** Stock left at the end, per item and location. */
  levels: Array<{ itemCode: string; location: DemoLocation; quantity: number }>;
  /** The person of each aid record of the history (by aid index). */
  aidPerson: number[];
  /** The budget line (index into demoBudgetLines) each money aid record was paid from, by aid index. */
  aidLine: Map<number, number>;
  beds: DemoBed[];
  stays: PlannedStay[];
  waiting: PlannedWaiting[];
  lodging: PlannedLodging[];
}

export const demoLocations: Record<DemoLocation, { nameJa: string; nameEn: string }> = {
  office: { nameJa: '事務所', nameEn: 'Office' },
  warehouse: { nameJa: '北区倉庫', nameEn: 'Kita warehouse' },
};

export const demoBudgetLines = [
  { nameJa: '緊急現金支援', nameEn: 'Emergency cash', monthlyAmountYen: 150_000 },
  { nameJa: '交通費', nameEn: 'Transport fares', monthlyAmountYen: 120_000 },
  { nameJa: '宿泊支援（冬季募金）', nameEn: 'Lodging (winter appeal)', monthlyAmountYen: 300_000 },
  { nameJa: '医療費支援', nameEn: 'Medical costs', monthlyAmountYen: 100_000 },
] as const;
const lineForItem: Record<string, number> = { cash: 0, transport_fare: 1, medical_fee: 3, stamp_fee: 0 };
const LODGING_LINE = 2;

export const demoFacilities = [
  { nameJa: '扉ハウス', nameEn: 'Tobira House', rooms: [
    { name: '101', use: 'women', beds: 3 }, { name: '102', use: 'women', beds: 2 }, { name: '201', use: 'families', beds: 4 },
    { name: '202', use: 'families', beds: 3 }, { name: '301', use: 'men', beds: 4 }, { name: '302', use: 'men', beds: 4 },
  ] },
  { nameJa: 'ステップハウス北', nameEn: 'Step House Kita', rooms: [
    { name: 'A', use: 'men', beds: 3 }, { name: 'B', use: 'any', beds: 3 }, { name: 'C', use: 'women', beds: 2 },
  ] },
] as const;

const donors = ['聖アンデレ教会 バザー有志', 'Minato International School PTA', '匿名', '株式会社ひだまり', 'Tokyo Marathon charity runners', '北区町会連合会'];
const tracked: Record<string, { batch: [number, number]; lowAtEnd?: number }> = {
  food_parcel: { batch: [40, 80] },
  rice_5kg: { batch: [10, 30] },
  // Coats run low at the end so the winter board shows them.
  winter_coat: { batch: [15, 30], lowAtEnd: 6 },
  blanket: { batch: [20, 40] },
};

function bedsOf(): DemoBed[] {
  const beds: DemoBed[] = [];
  demoFacilities.forEach((f, facility) => {
    for (const room of f.rooms) for (let b = 1; b <= room.beds; b++) beds.push({ facility, room: room.name, use: room.use, label: String.fromCharCode(64 + b) });
  });
  return beds;
}

function fits(person: DemoPerson, use: DemoBed['use']): boolean {
  if (use === 'women') return person.sex === 'female';
  if (use === 'men') return person.sex === 'male';
  return true;
}

/** Plans stock, budget lines, shelter stays, the waiting list and paid lodging for the history. */
export function planStockAndShelter(rng: Rng, people: readonly DemoPerson[], history: Pick<HistoryPlan, 'aid' | 'days'>, today: string): StockShelterPlan {
  const first = history.days[0] ?? today;
  const movements: PlannedMovement[] = [];
  const stock = new Map<string, number>();
  const at = (date: string) => tokyoInstant(date, rng.int(540, 600));

  // ── Stock: a delivery arrives at the warehouse and part of it goes to the office whenever the
  // office would otherwise run out; every tracked item given leaves the office.
  const receive = (itemCode: string, date: string, quantity: number) => {
    const donated = rng.chance(itemCode === 'winter_coat' || itemCode === 'blanket' ? 0.7 : 0.3);
    movements.push({
      itemCode, kind: 'received', quantity, location: 'warehouse', toLocation: null, source: donated ? 'donation' : 'purchase',
      donorName: donated ? rng.pick(donors) : null, aid: null, occurredOn: date, by: 'caseworker', createdAt: at(date),
    });
    movements.push({ itemCode, kind: 'transferred', quantity, location: 'warehouse', toLocation: 'office', source: null, donorName: null, aid: null, occurredOn: date, by: 'caseworker', createdAt: at(date) });
    stock.set(itemCode, (stock.get(itemCode) ?? 0) + quantity);
  };
  const batch = (itemCode: string, need: number) => {
    const spec = tracked[itemCode];
    return spec ? Math.max(need, rng.int(spec.batch[0], spec.batch[1])) : need;
  };
  for (const itemCode of Object.keys(tracked)) receive(itemCode, first, batch(itemCode, 0));
  const aidLine = new Map<number, number>();
  history.aid.forEach((a, index) => {
    const line = lineForItem[a.itemCode];
    if (line !== undefined) aidLine.set(index, line);
    if (!tracked[a.itemCode]) return;
    const left = stock.get(a.itemCode) ?? 0;
    if (left < a.quantity) receive(a.itemCode, a.givenOn, batch(a.itemCode, a.quantity - left));
    stock.set(a.itemCode, (stock.get(a.itemCode) ?? 0) - a.quantity);
    movements.push({ itemCode: a.itemCode, kind: 'given', quantity: a.quantity, location: 'office', toLocation: null, source: null, donorName: null, aid: index, occurredOn: a.givenOn, by: a.givenBy, createdAt: a.createdAt });
  });
  // Bring each item to a plausible level today (coats low on purpose); everything is in the office.
  const levels: StockShelterPlan['levels'] = [];
  for (const [itemCode, spec] of Object.entries(tracked)) {
    const left = stock.get(itemCode) ?? 0;
    const target = spec.lowAtEnd ?? rng.int(spec.batch[0], spec.batch[1]);
    if (left < target) receive(itemCode, today, target - left);
    else if (spec.lowAtEnd !== undefined && left > target) {
      movements.push({
        itemCode, kind: 'adjusted', quantity: target - left, location: 'office', toLocation: null, source: null, donorName: null, aid: null,
        reason: '棚卸し：破損・汚れで処分 / Stocktake: torn or stained, discarded', occurredOn: today, by: 'caseworker', createdAt: at(today),
      });
      stock.set(itemCode, target);
    }
    levels.push({ itemCode, location: 'office', quantity: stock.get(itemCode) ?? 0 });
  }

  // ── Shelter: each bed's nights, from the first history day to today, filled back to back.
  const beds = bedsOf();
  const stays: PlannedStay[] = [];
  const housedTonight = new Set<number>();
  const inShelter = people.map((p, i) => ({ p, i })).filter(({ p }) => p.housing === 'org_shelter').map(({ i }) => i);
  const others = rng.shuffle(people.map((_, i) => i).filter((i) => people[i]?.housing !== 'org_shelter'));
  const busy = new Map<number, string>(); // person → first night free again
  // Leave two beds free tonight (one for women, one for men) so the desk can house someone.
  const freeTonight = new Set([beds.findIndex((b) => b.use === 'women'), beds.findIndex((b) => b.use === 'men')]);
  beds.forEach((bed, bedIndex) => {
    // Who is in this bed now (the history's org_shelter people first).
    let current: number | undefined;
    if (!freeTonight.has(bedIndex)) {
      const k = inShelter.findIndex((i) => { const p = people[i]; return p !== undefined && fits(p, bed.use) && !housedTonight.has(i); });
      current = k >= 0 ? inShelter.splice(k, 1)[0] : others.find((i) => { const p = people[i]; return p !== undefined && fits(p, bed.use) && !housedTonight.has(i) && !busy.has(i); });
    }
    let end: string;
    if (current !== undefined) {
      const checkIn = addDays(today, -rng.int(3, 80));
      stays.push({ person: current, bed: bedIndex, checkInOn: checkIn, expectedCheckOutOn: addDays(today, rng.int(5, 60)), checkedOutOn: null });
      housedTonight.add(current);
      end = checkIn;
    } else end = addDays(today, -rng.int(0, 3));
    // Earlier stays, back to back with a gap of a day or two for cleaning.
    while (end > first) {
      const nights = rng.int(7, 60);
      const checkIn = addDays(end, -nights);
      if (checkIn < first) break;
      const person = others.find((i) => { const p = people[i]; const freeFrom = busy.get(i); return p !== undefined && fits(p, bed.use) && !housedTonight.has(i) && (freeFrom === undefined || freeFrom <= checkIn); });
      if (person === undefined) break;
      stays.push({ person, bed: bedIndex, checkInOn: checkIn, expectedCheckOutOn: end, checkedOutOn: end });
      busy.set(person, addDays(today, 1));
      end = addDays(checkIn, -rng.int(1, 2));
    }
  });

  // ── Waiting list: people outside, longest first; some were housed from it.
  const waiting: PlannedWaiting[] = [];
  const outside = people.map((p, i) => ({ p, i })).filter(({ p, i }) => (p.housing === 'rough_sleeping' || p.housing === 'net_cafe') && !housedTonight.has(i));
  for (const { p, i } of outside.slice(0, 24)) {
    waiting.push({
      person: i,
      listedOn: addDays(today, -rng.int(1, 120)),
      needs: p.sex === 'female' ? (rng.chance(0.3) ? 'families' : 'women') : 'men',
      withChildren: p.sex === 'female' && rng.chance(0.25),
      isPregnant: p.sex === 'female' && p.age !== null && p.age < 42 && rng.chance(0.1),
      isIll: rng.chance(0.15),
      isRoughSleeping: p.housing === 'rough_sleeping',
      housedOn: null,
    });
  }
  for (const stay of stays.filter((s) => s.checkedOutOn === null).slice(0, 6)) {
    const p = people[stay.person];
    if (!p) continue;
    waiting.push({
      person: stay.person, listedOn: addDays(stay.checkInOn, -rng.int(5, 60)), needs: beds[stay.bed]?.use ?? 'any',
      withChildren: false, isPregnant: false, isIll: rng.chance(0.2), isRoughSleeping: true, housedOn: stay.checkInOn,
    });
  }

  // ── Paid lodging: internet cafés and cheap hotels for people waiting for a bed, mostly in winter.
  const lodging: PlannedLodging[] = [];
  for (const { i } of outside) {
    const times = rng.int(0, 4);
    for (let n = 0; n < times; n++) {
      const date = rng.pick(history.days);
      if (!isWinter(date) && rng.chance(0.6)) continue;
      const kind = rng.chance(0.7) ? 'net_cafe' : 'hotel';
      const nights = rng.int(1, kind === 'net_cafe' ? 7 : 3);
      lodging.push({
        person: i, kind, placeName: kind === 'net_cafe' ? rng.pick(['快活CLUB 上野店', 'Manboo! 池袋', 'アイカフェ 蒲田']) : rng.pick(['ビジネスホテル浅草', 'Hotel Sunny Kamata']),
        firstNightOn: date, nights, costYen: nights * (kind === 'net_cafe' ? 2_400 : 4_800), line: LODGING_LINE,
      });
    }
  }
  return { movements, levels, aidPerson: history.aid.map((a) => a.person), aidLine, beds, stays, waiting, lodging };
}
