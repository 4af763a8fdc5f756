import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv, type TestStaff } from '../../../server/test/factories';
import { CountryCode, LanguageCode } from '../../../shared/codes';
import { tokyoDate } from '../../../shared/time';
import type { AllowanceWaitingEntry, CaseEvent, CaseFile, CaseStatusChange, HouseholdMember } from '../../cases/contract';
import type { DeadlineWithPerson } from '../../deadlines/contract';
import type { PersonSummary } from '../../people/contract';
import type { Consent, Disclosure } from '../../privacy/contract';
import type { Task } from '../../tasks/contract';
import type { Queue } from '../../reception/contract';
import type { Timeline } from '../../timeline/contract';
import type { StockItem } from '../../inventory/contract';
import type { WinterBoard } from '../../winter/contract';
import type { Evidence } from '../../advocacy/contract';
import type { Campaign, CampaignProgress, Commitment, GiftList, SupporterList } from '../../fundraising/contract';
import type { CharityEvent, RunnerSummary } from '../../runners/contract';
import { africanNationalities, nameGroups } from '../names';
import { addDays, isOfficeDay } from './demo.generator';
import { DEMO_HISTORY_DAYS, demoStaff, loadDemoData } from './demo.service';

let env: TestEnv;
let caseworker: TestStaff;
let summary: string | null;
const people: PersonSummary[] = [];
const queues = new Map<string, Queue>();
const today = tokyoDate();

const get = async <T>(url: string): Promise<T> => {
  const res = await env.app.inject({ method: 'GET', url, headers: caseworker.headers });
  expect(res.statusCode, url).toBe(200);
  return res.json() as T;
};

beforeAll(async () => {
  env = await createTestEnv();
  caseworker = await env.staff('caseworker');
  summary = await loadDemoData(env.services, env.organisationId);
  // What staff see: every file by its number, and the queue of each day of the last three months.
  for (let n = 1; n <= 320; n++) {
    const fileNumber = `TB-${String(n).padStart(6, '0')}`;
    const { items } = await get<{ items: PersonSummary[] }>(`/api/people?q=${fileNumber}`);
    const person = items.find((p) => p.fileNumber === fileNumber);
    if (person) people.push(person);
  }
  for (let back = 0; back <= DEMO_HISTORY_DAYS + 3; back++) {
    const date = addDays(today, -back);
    queues.set(date, await get<Queue>(`/api/visits?date=${date}`));
  }
}, 120_000);
afterAll(async () => env?.close());

describe('loadDemoData', () => {
  it('says what it loaded, without any password', () => {
    expect(summary).toMatch(/^300 people, [\d,]+ visits/);
    expect(summary).toContain(demoStaff.caseworker.email);
    expect(summary).not.toContain(demoStaff.caseworker.password);
    expect(summary).not.toContain(demoStaff.reception.password);
  });

  it('registers about 300 people with consecutive file numbers, more than half from African countries', () => {
    expect(people).toHaveLength(300);
    expect(people.map((p) => p.fileNumber).at(-1)).toBe('TB-000300');
    const groups = new Set(nameGroups.map((g) => g.nationality));
    for (const p of people) {
      expect(groups.has(p.nationality ?? '')).toBe(true);
      expect(CountryCode.safeParse(p.nationality).success).toBe(true);
    }
    const african = people.filter((p) => africanNationalities.has(p.nationality ?? '')).length;
    expect(african / people.length).toBeGreaterThan(0.5);
    expect(new Set(people.map((p) => p.nationality)).size).toBeGreaterThanOrEqual(18);
  });

  it('gives names in Latin letters, in their own script and in katakana', () => {
    const ownScript = people.filter((p) => p.nameInOwnScript);
    expect(ownScript.length).toBeGreaterThan(60);
    expect(ownScript.some((p) => /\p{Script=Ethiopic}/u.test(p.nameInOwnScript ?? ''))).toBe(true);
    expect(ownScript.some((p) => /\p{Script=Arabic}/u.test(p.nameInOwnScript ?? ''))).toBe(true);
    expect(ownScript.some((p) => /\p{Script=Myanmar}/u.test(p.nameInOwnScript ?? ''))).toBe(true);
    expect(ownScript.some((p) => /\p{Script=Devanagari}/u.test(p.nameInOwnScript ?? ''))).toBe(true);
    const kana = people.filter((p) => p.nameKana);
    expect(kana.length).toBeGreaterThan(240);
    for (const p of kana) expect(p.nameKana).toMatch(/^[\p{Script=Katakana}ー・＝]+$/u);
    expect(people.every((p) => p.givenName !== '')).toBe(true);
    expect(people.some((p) => p.dateOfBirthEstimated && p.dateOfBirth?.endsWith('-01-01'))).toBe(true);
    expect(new Set(people.map((p) => p.sex))).toEqual(new Set(['male', 'female', 'other', 'unknown']));
  });

  it('finds demo people by katakana and by own script, as the desk types', async () => {
    const withKana = people.find((p) => p.nameKana);
    const kanaPart = withKana?.nameKana?.split('・')[0]?.slice(0, 2) ?? '';
    const byKana = await get<{ items: PersonSummary[] }>(`/api/people?q=${encodeURIComponent(kanaPart)}`);
    expect(byKana.items.length).toBeGreaterThan(0);
    const amharic = people.find((p) => /\p{Script=Ethiopic}/u.test(p.nameInOwnScript ?? ''));
    const byScript = await get<{ items: PersonSummary[] }>(`/api/people?q=${encodeURIComponent(amharic?.nameInOwnScript ?? '')}`);
    expect(byScript.items.map((p) => p.id)).toContain(amharic?.id);
  });

  it('records languages as ISO 639 codes and a realistic housing mix', async () => {
    const sample = people.filter((_, i) => i % 10 === 0);
    const files = await Promise.all(sample.map((p) => get<{ languages: string[]; housing: string | null; phone: string | null }>(`/api/people/${p.id}`)));
    for (const f of files) {
      expect(f.languages.length).toBeGreaterThan(0);
      for (const code of f.languages) expect(LanguageCode.safeParse(code).success, code).toBe(true);
    }
    const outside = files.filter((f) => f.housing === 'rough_sleeping' || f.housing === 'net_cafe').length;
    expect(outside).toBeGreaterThan(3);
    expect(files.some((f) => f.phone && /^0[789]0-\d{4}-\d{4}$/.test(f.phone))).toBe(true);
  });

  it('fills about three months of office days with 20–50 numbered visits each, done or left', () => {
    const past = [...queues.entries()].filter(([date, q]) => date !== today && q.items.length > 0);
    const oldest = past.map(([date]) => date).sort()[0] ?? today;
    expect(oldest <= addDays(today, -85)).toBe(true);
    expect(past.length).toBeGreaterThan(55);
    for (const [date, q] of past) {
      expect(isOfficeDay(date), date).toBe(true);
      expect(q.items.length).toBeGreaterThanOrEqual(20);
      expect(q.items.length).toBeLessThanOrEqual(50);
      expect(q.items.map((v) => v.ticketNumber).sort((a, b) => a - b)).toEqual(q.items.map((_, i) => i + 1));
      for (const v of q.items) {
        expect(['done', 'left']).toContain(v.status);
        expect(tokyoDate(new Date(v.checkedInAt))).toBe(date);
      }
    }
    // No visits on weekends or before the history starts.
    for (const [date, q] of queues) if (!isOfficeDay(date) && date !== today) expect(q.items, date).toHaveLength(0);
  });

  it("shows a live queue today: people waiting and being called, the rest seen", async () => {
    const q = queues.get(today);
    const statuses = new Set(q?.items.map((v) => v.status));
    expect(q?.items.length).toBeGreaterThanOrEqual(20);
    expect(statuses.has('waiting')).toBe(true);
    expect(statuses.has('called') || statuses.has('in_consultation')).toBe(true);
    expect(statuses.has('done')).toBe(true);
    expect(q?.items[0]?.status).not.toBe('done');
    for (const v of q?.items ?? []) expect(new Date(v.checkedInAt).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('stores case files with their sensitive fields and history sealed, like the service does', async () => {
    const files = await env.handle.db.selectFrom('case_file')
      .select(['person_id', 'sealed_fields', 'residence_card_number', 'custody', 'procedure_stage', 'vulnerabilities', 'whereabouts'])
      .where('organisation_id', '=', env.organisationId).execute();
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) expect(f).toMatchObject({ sealed_fields: expect.stringMatching(/^v1:/), residence_card_number: null, custody: null, procedure_stage: null, vulnerabilities: [], whereabouts: '' });
    const history = await env.handle.db.selectFrom('case_status_change').select(['old_value', 'new_value'])
      .where('organisation_id', '=', env.organisationId).where('field', 'in', ['custody', 'procedureStage', 'vulnerabilities', 'whereabouts', 'residenceCardNumber']).execute();
    expect(history.length).toBeGreaterThan(100);
    for (const h of history) for (const v of [h.old_value, h.new_value]) expect(v?.startsWith('v1:')).toBe(true);
    // Nothing left for start-up sealing to do.
    expect(await env.services.cases.sealStoredFields()).toEqual({ caseFiles: 0, historyRows: 0 });
  });

  it('stores consultation texts encrypted, like the service does, and gives them back readable', async () => {
    const rows = await env.handle.db.selectFrom('consultation').select(['id', 'note', 'needs', 'actions']).where('organisation_id', '=', env.organisationId).execute();
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) for (const text of [r.note, r.needs, r.actions]) expect(text === '' || text.startsWith('v1:')).toBe(true);
    const withNote = rows.find((r) => r.note !== '');
    const read = await get<{ note: string }>(`/api/consultations/${withNote?.id}`);
    expect(read.note).not.toBe('');
    expect(read.note.startsWith('v1:')).toBe(false);
  });

  it('gives a regular visitor a timeline with visits, consultations and aid', async () => {
    const visitsOf = new Map<string, number>();
    for (const q of queues.values()) for (const v of q.items) visitsOf.set(v.personId, (visitsOf.get(v.personId) ?? 0) + 1);
    const regulars = [...visitsOf.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([id]) => id);
    const timelines = await Promise.all(regulars.map((id) => get<Timeline>(`/api/people/${id}/timeline`)));
    const full = timelines.find((t) => ['visit', 'consultation', 'assistance'].every((type) => t.items.some((i) => i.type === type)));
    expect(full).toBeDefined();
    const consultation = full?.items.find((i) => i.type === 'consultation');
    if (consultation?.type === 'consultation') {
      expect(['in_person', 'phone', 'online']).toContain(consultation.consultation.mode);
      expect(consultation.consultation.note?.length).toBeGreaterThan(10);
      expect(consultation.consultation.topics?.length).toBeGreaterThan(0);
    }
    const allAid = timelines.flatMap((t) => t.items).filter((i) => i.type === 'assistance');
    const codes = new Set(allAid.map((i) => (i.type === 'assistance' ? i.assistance.itemCode : '')));
    expect(codes.has('food_parcel')).toBe(true);
    for (const i of allAid) {
      if (i.type === 'assistance' && (i.assistance.itemCode === 'cash' || i.assistance.itemCode === 'transport_fare')) {
        expect(i.assistance.amountYen).toBeGreaterThan(0);
      }
    }
  });

  describe("the demo caseworker's case files", () => {
    const as = async <T>(url: string): Promise<T> => {
      const { token } = await env.services.staff.createTokenFor(demoStaff.caseworker.email, 'test');
      const res = await env.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode, url).toBe(200);
      return res.json() as T;
    };

    it('says how many case files it loaded', () => {
      expect(summary).toMatch(/, 1[0-3]\d case files \(\d+ assigned to the demo caseworker, \d+ deadlines in "My work", \d+ tasks/);
    });

    it('shows deadlines in "My work": review requests due this week or overdue, expiring cards, reporting dates', async () => {
      const { items } = await as<{ items: DeadlineWithPerson[] }>('/api/deadlines/mine');
      expect(items.length).toBeGreaterThan(8);
      const kinds = new Set(items.map((d) => d.kind));
      expect(kinds.has('review_request')).toBe(true);
      expect(kinds.has('residence_expiry')).toBe(true);
      for (const d of items) expect(d.assignedToName).toBe(demoStaff.caseworker.displayName);
      expect(items.map((d) => d.dueOn)).toEqual(items.map((d) => d.dueOn).sort());
      for (const d of items.filter((x) => x.kind === 'review_request')) expect(d.daysLeft).toBeLessThanOrEqual(7);
      expect(summary).toContain(`${items.length} deadlines in "My work"`);
    });

    it('fills the allowance waiting list, longest wait first, 20–200 days', async () => {
      const { items } = await as<{ items: AllowanceWaitingEntry[] }>('/api/case-files/allowance-waiting');
      expect(items.length).toBeGreaterThan(20);
      const days = items.map((e) => e.daysWaiting);
      expect(days).toEqual([...days].sort((a, b) => b - a));
      expect(Math.min(...days)).toBeGreaterThanOrEqual(20);
      expect(Math.max(...days)).toBeLessThanOrEqual(200);
      expect(items.filter((e) => e.assignedToName === demoStaff.caseworker.displayName).length).toBeGreaterThan(items.length / 2);
    });

    it('gives open tasks, some overdue and some due this week', async () => {
      const { items } = await as<{ items: Task[] }>('/api/tasks/mine');
      expect(items.length).toBeGreaterThan(10);
      expect(items.some((t) => t.isOverdue)).toBe(true);
      expect(items.some((t) => t.dueOn !== null && t.dueOn >= today && t.dueOn <= addDays(today, 6))).toBe(true);
      for (const t of items) expect(t.status).toBe('open');
    });

    it('opens a file with its dated history, interviews, household, consents and disclosure', async () => {
      const { items } = await as<{ items: DeadlineWithPerson[] }>('/api/deadlines/mine');
      const rejected = items.find((d) => d.kind === 'review_request');
      const personId = rejected?.personId ?? '';
      const file = await as<CaseFile>(`/api/people/${personId}/case-file`);
      expect(file.procedureStage).toBe('rejected');
      expect(file.decisionNoticeReceivedOn).toBe(rejected?.factDate);
      expect(file.version).toBeGreaterThan(2);
      const history = await as<{ items: CaseStatusChange[] }>(`/api/people/${personId}/case-file/history`);
      expect(history.items.filter((h) => h.field !== 'housing').length).toBeGreaterThanOrEqual(file.version);
      expect(history.items.some((h) => h.field === 'residenceStatus' && h.oldValue === 'temporary_visitor' && h.effectiveOn < today)).toBe(true);
      for (const h of history.items) expect(new Date(h.recordedAt).getTime()).toBeLessThanOrEqual(Date.now());
      const events = await as<{ items: CaseEvent[] }>(`/api/people/${personId}/case-events`);
      expect(events.items.some((e) => e.kind === 'interview')).toBe(true);

      // Somebody shared their file with the law office: the consent and the disclosure that rests on it.
      const waiting = await as<{ items: AllowanceWaitingEntry[] }>('/api/case-files/allowance-waiting');
      const candidates = [...items.map((d) => d.personId), ...waiting.items.map((e) => e.person.id)];
      let disclosure: Disclosure | undefined;
      let consents: Consent[] = [];
      for (const id of new Set(candidates)) {
        const list = await as<{ items: Disclosure[] }>(`/api/people/${id}/disclosures`);
        if (list.items[0]) {
          disclosure = list.items[0];
          consents = (await as<{ items: Consent[] }>(`/api/people/${id}/consents`)).items;
          break;
        }
      }
      expect(disclosure?.recipientKind).toBe('lawyer');
      expect(consents.find((c) => c.id === disclosure?.consentId)?.isActive).toBe(true);

      let household: HouseholdMember[] = [];
      for (const p of people) {
        household = (await as<{ items: HouseholdMember[] }>(`/api/people/${p.id}/household`)).items;
        if (household.length > 0) break;
      }
      expect(household[0]?.person.nationality).toBeDefined();
    });
  });

  describe('stock, money and shelter', () => {
    it('keeps stock that agrees with its movements, never below zero, with winter coats running low', async () => {
      const { items } = await get<{ items: StockItem[] }>('/api/stock');
      expect(items.map((i) => i.itemCode).sort()).toEqual(['blanket', 'food_parcel', 'rice_5kg', 'winter_coat']);
      const coat = items.find((i) => i.itemCode === 'winter_coat');
      expect(coat).toMatchObject({ total: 6, isLow: true });
      // What the movements add up to is what the stock page shows: received + adjusted − given (transfers move, they do not add).
      const sums = await env.handle.db.selectFrom('stock_movement').select(['item_code', 'kind'])
        .select((eb) => eb.fn.sum<string>('quantity').as('total')).where('organisation_id', '=', env.organisationId).groupBy(['item_code', 'kind']).execute();
      for (const item of items) {
        const of = (kind: string) => Number(sums.find((r) => r.item_code === item.itemCode && r.kind === kind)?.total ?? 0);
        expect(of('received') + of('adjusted') - of('given'), item.itemCode).toBe(item.total);
        expect(item.levels.every((l) => l.quantity >= 0)).toBe(true);
      }
    });

    it('took every tracked item given in the history out of stock, and paid every fare from a budget line', async () => {
      const rows = await env.handle.db.selectFrom('assistance')
        .leftJoin('stock_movement', 'stock_movement.assistance_id', 'assistance.id')
        .select(['assistance.item_code', 'assistance.budget_line_id', 'stock_movement.id as movement_id', 'stock_movement.quantity as moved', 'assistance.quantity'])
        .where('assistance.organisation_id', '=', env.organisationId).execute();
      const tracked = rows.filter((r) => ['food_parcel', 'rice_5kg', 'winter_coat', 'blanket'].includes(r.item_code));
      expect(tracked.length).toBeGreaterThan(100);
      expect(tracked.every((r) => r.movement_id !== null && r.moved === r.quantity)).toBe(true);
      expect(rows.filter((r) => r.item_code === 'transport_fare').every((r) => r.budget_line_id !== null)).toBe(true);
      const month = await get<{ lines: Array<{ spentYen: number }> }>(`/api/budgets?month=${today.slice(0, 7)}`);
      expect(month.lines.length).toBe(4);
    });

    it('has a full shelter with a free bed for a woman and one for a man, and the people in beds recorded as in the shelter', async () => {
      const board = await get<{ beds: Array<{ allowedUse: string; occupant: { person: { id: string }; isOverdue: boolean } | null }>; freeCount: number; totalCount: number }>('/api/shelter/beds');
      expect(board).toMatchObject({ totalCount: 28, freeCount: 2 });
      expect(board.beds.filter((b) => b.occupant === null).map((b) => b.allowedUse).sort()).toEqual(['men', 'women']);
      const someone = board.beds.find((b) => b.occupant)?.occupant?.person.id ?? '';
      expect((await get<{ housing: string }>(`/api/people/${someone}`)).housing).toBe('org_shelter');
    });

    it('shows a winter board with people outside, the waiting list and the low coats', async () => {
      const board = await get<WinterBoard>('/api/winter-board');
      expect(board.roughSleepers?.count).toBeGreaterThan(5);
      expect(board.shelterWaiting.count).toBeGreaterThan(5);
      expect(board.freeBeds.free).toBe(2);
      expect(board.lowWinterItems?.items.map((i) => i.itemCode)).toContain('winter_coat');
    });
  });

  it('lets the demo caseworker and receptionist log in with the documented passwords', async () => {
    for (const account of [demoStaff.caseworker, demoStaff.reception, demoStaff.fundraiser]) {
      const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: account.email, password: account.password } });
      expect(res.statusCode, account.email).toBeLessThan(300);
    }
  });

  it('continues file and ticket numbers after the demo data', async () => {
    const reception = await env.staff('reception');
    const created = await env.app.inject({ method: 'POST', url: '/api/people', headers: reception.headers, payload: { familyName: 'KABONGO', givenName: 'Ruth' } });
    expect(created.json().fileNumber).toBe('TB-000301');
    const before = queues.get(today)?.items.length ?? 0;
    const visit = await env.app.inject({ method: 'POST', url: '/api/visits', headers: reception.headers, payload: { personId: created.json().id } });
    expect(visit.statusCode).toBe(201);
    expect(visit.json().ticketNumber).toBe(before + 1);
  });

  it('does nothing the second time', async () => {
    expect(await loadDemoData(env.services, env.organisationId)).toBeNull();
    const { items } = await get<{ items: PersonSummary[] }>('/api/people?q=TB-000302');
    expect(items.filter((p) => p.fileNumber === 'TB-000302')).toHaveLength(0);
    const q = await get<Queue>('/api/visits');
    expect(q.items.length).toBe((queues.get(today)?.items.length ?? 0) + 1);
  });
});

describe('demo barrier tags (advocacy evidence)', () => {
  it('shows the evidence page common barriers in bands of 5 or more and rare ones as "< 5"', async () => {
    const advocate = await env.staff('advocacy');
    const from = addDays(today, -DEMO_HISTORY_DAYS).slice(0, 7);
    const res = await env.app.inject({ method: 'GET', url: `/api/advocacy/evidence?from=${from}&to=${today.slice(0, 7)}`, headers: advocate.headers });
    expect(res.statusCode).toBe(200);
    const evidence = res.json() as Evidence;
    const cells = evidence.barriers.flatMap((b) => b.months);
    // Some months of some barriers count 10 people or more; some fall below k, so suppression shows.
    expect(cells.some((c) => c.low >= 10)).toBe(true);
    expect(cells.some((c) => c.low === 1)).toBe(true);
    const byCode = new Map(evidence.barriers.map((b) => [b.code, b.total.high]));
    // Allowance delay and homelessness are among the most common; rare barriers stay rare.
    expect(byCode.get('b02')).toBeGreaterThan(byCode.get('b12') ?? 0);
    expect(byCode.get('b01')).toBeGreaterThan(byCode.get('b05') ?? 0);
    expect(summary).toMatch(/\d+ barrier tags/);
  });
});

describe('demo fundraising', () => {
  const asFundraiser = async <T>(url: string): Promise<T> => {
    const fundraiser = await env.staff('fundraiser');
    const res = await env.app.inject({ method: 'GET', url, headers: fundraiser.headers });
    expect(res.statusCode, url).toBe(200);
    return res.json() as T;
  };

  it('holds about 2,000 supporters, found by kana as the fundraiser types', async () => {
    expect(summary).toMatch(/2,000 supporters with [\d,]+ gifts/);
    const found = await asFundraiser<SupporterList>(`/api/fundraising/supporters?q=${encodeURIComponent('サトウ')}`);
    expect(found.total).toBeGreaterThan(20);
    expect(found.supporters[0]?.displayName).toMatch(/様|御中/);
  });

  it('has three years of gifts, a winter appeal every winter with most of its money in December, and monthly givers', async () => {
    const gifts = await asFundraiser<GiftList>(`/api/fundraising/gifts?from=${addDays(today, -3 * 365 - 31)}&to=${addDays(today, -2 * 365)}&limit=1`);
    expect(gifts.total).toBeGreaterThan(300);
    const { campaigns } = await asFundraiser<{ campaigns: Campaign[] }>('/api/fundraising/campaigns');
    const winters = campaigns.filter((c) => c.code.startsWith('winter-'));
    expect(winters.length).toBeGreaterThanOrEqual(3);
    const last = winters.find((c) => c.endsOn !== null && c.endsOn < today) ?? winters[0];
    const progress = await asFundraiser<CampaignProgress>(`/api/fundraising/campaigns/${last?.id}/progress`);
    expect(progress.donors).toBeGreaterThan(100);
    const december = progress.series.filter((d) => d.date.slice(5, 7) === '12').reduce((s, d) => s + d.raisedYen, 0);
    const november = progress.series.filter((d) => d.date.slice(5, 7) === '11').reduce((s, d) => s + d.raisedYen, 0);
    expect(december).toBeGreaterThan(november);
    const monthly = await asFundraiser<{ commitments: Commitment[] }>('/api/fundraising/commitments?status=active');
    expect(monthly.commitments.length).toBeGreaterThan(100);
    const cancelled = await asFundraiser<{ commitments: Commitment[] }>('/api/fundraising/commitments?status=cancelled');
    expect(cancelled.commitments.every((c) => c.statusReason !== '' && c.endsOn !== null)).toBe(true);
  });
});

describe('demo charity runners', () => {
  const fundraiser = async () => (await env.staff('fundraiser')).ctx;
  const eventByCode = async (match: (code: string) => boolean): Promise<CharityEvent> => {
    const found = (await env.services.runners.listEvents(await fundraiser())).find((e) => match(e.code));
    if (!found) throw new Error('no such event');
    return found;
  };

  it('says what it loaded for the runners', () => {
    expect(summary).toMatch(/2 Tokyo Marathon charity events with 26 runners \(21 public pages\) and \d+ gifts credited to them, and the winter appeal's public page/);
  });

  it('shows the Tokyo Marathon 2026 with 20 runners at every stage, reached and below the minimum at race day', async () => {
    const ctx = await fundraiser();
    const event = await eventByCode((c) => c === 'tokyo-2026');
    // 19 running (one withdrew) of 25 places; 40 applications.
    expect(event).toMatchObject({ raceOn: '2026-03-01', minimumYen: 100_000, places: 25, runners: 19, applications: 40, campaignNameJa: '東京マラソン2026 チャリティ' });
    const board = await env.services.runners.dashboard(ctx, event.id);
    expect(board.runners).toHaveLength(19);
    const states = board.runners.reduce((m, r) => m.set(r.pageState, (m.get(r.pageState) ?? 0) + 1), new Map<string, number>());
    // Pending: two waiting for review, and one whose first page was rejected and is waiting again.
    expect(states).toEqual(new Map([['published', 15], ['pending', 3], ['no_page', 1]]));
    expect(board.applications).toEqual({ submitted: 0, shortlisted: 0, selected: 20, waitlisted: expect.any(Number), declined: expect.any(Number) });
    // Race day is over: reached or behind, nobody still to remind.
    expect(board.counts.onTrack).toBe(0);
    expect(board.counts.reached).toBeGreaterThanOrEqual(5);
    expect(board.runners.filter((r) => r.raisedYen < 100_000).length).toBeGreaterThanOrEqual(5);
    expect(board.needReminder).toEqual([]);
    expect(board.raisedYen).toBeGreaterThan(2_000_000);
    expect(board.runners.every((r) => /^R-\d{4}$/.test(r.code) && r.donors > 0)).toBe(true);
    expect(board.runners.some((r) => r.lastRemindedAt !== null)).toBe(true);
    // Four runners were supporters already (matched, not duplicated); the others were added with the tag 'runner'.
    const tags = await env.handle.db.selectFrom('runner').innerJoin('supporter', 'supporter.id', 'runner.supporter_id').select('supporter.tags')
      .where('runner.event_id', '=', event.id).execute();
    expect(tags.filter((t) => !t.tags.includes('runner'))).toHaveLength(4);
  });

  it("shows a published runner's page with a thermometer and only the wall entries the donors agreed to", async () => {
    const ctx = await fundraiser();
    const event = await eventByCode((c) => c === 'tokyo-2026');
    const board = await env.services.runners.dashboard(ctx, event.id);
    const published = board.runners.filter((r) => r.pageState === 'published');
    let checked: RunnerSummary | undefined;
    for (const r of published) {
      const page = await env.services.runners.publicRunner('tokyo-2026', r.slug);
      expect(page, r.code).not.toBeNull();
      expect(page?.thermometer.raisedYen).toBe(r.raisedYen);
      expect(page?.thermometer.raisedYen).toBeGreaterThan(0);
      expect(page?.thermometer.goalYen).toBe(r.goalYen);
      const detail = await env.services.runners.runner(ctx, r.id);
      // What the donors agreed to show: received, on the wall, not taken off by staff; a name only if given, an amount only if chosen.
      const agreed = detail.wall.filter((w) => w.status === 'received' && w.onWall && !w.hidden)
        .map((w) => ({ name: w.wallName === '' ? null : w.wallName, amountYen: w.showAmount ? w.amountYen : null, message: w.message }));
      const shown = (page?.wall ?? []).map((w) => ({ name: w.name, amountYen: w.amountYen, message: w.message }));
      const sorted = (xs: typeof shown) => xs.map((x) => JSON.stringify(x)).sort();
      expect(sorted(shown), r.code).toEqual(sorted(agreed));
      if (detail.wall.some((w) => w.hidden) && detail.wall.some((w) => !w.onWall)) checked = r;
    }
    // At least one page where staff hid an entry and a donor chose not to appear: neither is shown.
    expect(checked).toBeDefined();
    const detail = await env.services.runners.runner(ctx, checked?.id ?? '');
    const page = await env.services.runners.publicRunner('tokyo-2026', checked?.slug ?? '');
    for (const w of detail.wall.filter((x) => x.hidden && x.message !== '')) expect(page?.wall.map((e) => e.message)).not.toContain(w.message);
    // Some pages have a photo, stored as the app stores an upload.
    const withPhoto = (await env.services.runners.publicEvent('tokyo-2026'))?.runners.find((r) => r.photoPath);
    const revisionId = withPhoto?.photoPath?.match(/\/give\/photos\/(.+)\.jpg$/)?.[1] ?? '';
    const photo = await env.services.runners.publicPhoto(revisionId);
    expect(photo?.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('keeps pages under review, without a page or withdrawn away from the public', async () => {
    const ctx = await fundraiser();
    const event = await eventByCode((c) => c === 'tokyo-2026');
    const board = await env.services.runners.dashboard(ctx, event.id);
    for (const r of board.runners.filter((x) => x.pageState !== 'published')) expect(await env.services.runners.publicRunner('tokyo-2026', r.slug), r.pageState).toBeNull();
    const withdrawn = await env.handle.db.selectFrom('runner').select(['slug', 'published_revision_id']).where('event_id', '=', event.id).where('status', '=', 'withdrawn').execute();
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]?.published_revision_id).not.toBeNull();
    expect(await env.services.runners.publicRunner('tokyo-2026', withdrawn[0]?.slug ?? '')).toBeNull();
    const queue = await env.services.runners.moderation(ctx);
    expect(queue.filter((q) => q.runner.eventId === event.id)).toHaveLength(3);
    const rejected = (await Promise.all(board.runners.map((r) => env.services.runners.runner(ctx, r.id)))).find((d) => d.revisions.some((v) => v.status === 'rejected'));
    expect(rejected?.revisions.map((v) => v.status)).toEqual(['pending', 'rejected']);
    expect(rejected?.revisions[1]?.reviewNote).not.toBe('');
  });

  it("shows the next marathon's dashboard mid-fundraising, applications open", async () => {
    const ctx = await fundraiser();
    const event = await eventByCode((c) => c.startsWith('tokyo-') && c !== 'tokyo-2026');
    expect(event).toMatchObject({ places: 30, applicationsOpenOn: addDays(today, -20), applicationsCloseOn: addDays(today, 25) });
    expect(event.bankDetailsJa).toContain('ゆうちょ銀行');
    const board = await env.services.runners.dashboard(ctx, event.id);
    expect(board.runners).toHaveLength(6);
    expect(board.applications).toEqual({ submitted: 4, shortlisted: 3, selected: 6, waitlisted: 0, declined: 0 });
    // Race day is more than a month away, so nobody needs a reminder yet; the board shows where each runner stands.
    expect(board.daysToRace).toBeGreaterThan(30);
    expect(board.needReminder).toEqual([]);
    expect(board.counts.behind + board.counts.onTrack + board.counts.reached).toBe(6);
    expect(board.counts.behind).toBeGreaterThan(0);
    expect(board.counts.onTrack + board.counts.reached).toBeGreaterThan(0);
    expect(board.raisedYen).toBeGreaterThan(0);
    expect(board.pledgedYen).toBeGreaterThan(0);
    expect(board.pendingReviews).toBe(1);
    const open = await env.services.runners.publicEvent(event.code);
    expect(open?.applicationsOpen).toBe(true);
    expect(open?.runners).toHaveLength(5);
  });

  it('publishes the winter appeal page with its thermometer and messages', async () => {
    const page = await env.services.runners.publicCampaign('winter');
    expect(page?.titleJa).toContain('冬の緊急支援アピール');
    expect(page?.storyEn).not.toBe('');
    expect(page?.thermometer.raisedYen).toBeGreaterThan(0);
    expect(page?.thermometer.supporters).toBeGreaterThan(10);
    expect(page?.wall.length).toBeGreaterThan(3);
    for (const w of page?.wall ?? []) expect(w.message).not.toBe('');
  });
});

describe('demo partners', () => {
  it('has a directory of partners: a caseworker finds a free/low-cost clinic that sees people without insurance or status, by kana', async () => {
    expect(summary).toContain('16 partners in the directory');
    const ctx = (await env.staff('caseworker')).ctx;
    const found = await env.services.partners.list(ctx, { q: 'ミナト', acceptsUninsured: 'true', limit: 20, offset: 0 });
    expect(found.partners.map((p) => p.nameJa)).toEqual(['みなと済生診療所']);
    expect(found.partners[0]).toMatchObject({ kind: 'free_low_cost_clinic', prefecture: '東京都', city: '港区', acceptsNoStatus: true, languages: ['en', 'fr'] });
    const employers = await env.services.partners.list(ctx, { kind: 'employer', limit: 20, offset: 0 });
    expect(employers.total).toBe(2);
  });
});
