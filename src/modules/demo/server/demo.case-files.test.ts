import { describe, expect, it } from 'vitest';
import { cardNumberPattern, caseFileFieldNames, UpdateCaseFileInput, type CaseFile, type CaseFileFieldName } from '../../cases/contract';
import { checkCaseFileRules } from '../../cases/server/cases.service';
import { computeDeadlines, needsAttention, nextOpenDay, standing } from '../../deadlines/rules';
import { tokyoDate } from '../../../shared/time';
import { CreateConsentInput, CreateDisclosureInput } from '../../privacy/contract';
import { CreateTaskInput } from '../../tasks/contract';
import { addDays, createRng, generatePeople, planHistory } from './demo.generator';
import { planCaseFiles, type CaseFilePlan } from './demo.case-files';
import { DEMO_SEED } from './demo.service';

type Values = { [K in CaseFileFieldName]: CaseFile[K] };
const empty = Object.fromEntries(caseFileFieldNames.map((f) => [f, f === 'vulnerabilities' ? [] : f === 'whereabouts' ? '' : null])) as unknown as Values;

const staff = { caseworker: '0b7e4f0e-3f51-4c1e-9a57-8d1f3c1b2a01', reception: '0b7e4f0e-3f51-4c1e-9a57-8d1f3c1b2a02' };
// A Tuesday in winter, and the day before a year-end closure, so holidays and weekends come into it.
// The plan is a pure function of its clock and seed, so it is checked on fixed mornings that bring
// in weekends, holidays and the year-end closure (a Tuesday in winter, the day before the closure,
// New Year's Day, Golden Week, a leap day, the end of the fiscal year), and on today — the day
// `npm start -- --demo` would use. (Over 500 consecutive days the plan passed every check here.)
const mornings = [
  '2026-11-24T02:30:00Z', '2026-12-28T05:00:00Z', '2026-12-31T23:00:00Z', '2027-01-01T01:00:00Z',
  '2027-05-03T03:00:00Z', '2028-02-29T00:30:00Z', '2027-03-31T14:59:00Z', '2026-12-07T02:00:00Z',
].map((iso) => new Date(iso));
const runs = [
  ...mornings.flatMap((now) => [DEMO_SEED, 0x2a].map((seed) => ({ now, seed }))),
  { now: new Date(), seed: DEMO_SEED },
];

function plan(now: Date, seed: number) {
  const rng = createRng(seed);
  const today = tokyoDate(now);
  const people = generatePeople(rng, 300, today);
  const history = planHistory(rng, people, { now, days: 91 });
  return { today, people, history, cases: planCaseFiles(rng, people, { now, registeredAt: history.registeredAt, staff }) };
}

/** The file after its saves. */
const finalOf = (saves: CaseFilePlan['files'][number]['saves']): Values => Object.assign({ ...empty }, ...saves.map((s) => s.changes)) as Values;

describe.each(runs)('planCaseFiles on $now with seed $seed', ({ now, seed }) => {
  const { today, people, history, cases } = plan(now, seed);
  const finals = cases.files.map((f) => ({ file: f, v: finalOf(f.saves) }));

  it('gives about 40% of the people a file, every save valid for the cases API and its rules', () => {
    expect(cases.files.length).toBeGreaterThanOrEqual(110);
    expect(cases.files.length).toBeLessThanOrEqual(130);
    expect(new Set(cases.files.map((f) => f.person)).size).toBe(cases.files.length);
    for (const file of cases.files) {
      let values = { ...empty };
      let previous = history.registeredAt[file.person]?.getTime() ?? 0;
      let previousDay = '';
      file.saves.forEach((save, version) => {
        const input = { ...save.changes, version, effectiveOn: save.effectiveOn };
        const parsed = UpdateCaseFileInput.safeParse(input);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        expect(save.effectiveOn <= today).toBe(true);
        expect(save.effectiveOn >= previousDay).toBe(true);
        expect(save.recordedAt.getTime()).toBeGreaterThan(previous);
        expect(save.recordedAt.getTime()).toBeLessThanOrEqual(now.getTime());
        values = { ...values, ...save.changes } as Values;
        const broken = checkCaseFileRules(values, save.changes as Partial<Values>, today);
        expect(broken, `${file.scenario} ${JSON.stringify(values)}`).toBeNull();
        previous = save.recordedAt.getTime();
        previousDay = save.effectiveOn;
      });
    }
  });

  it('has the situations of DOMAIN.md in realistic proportions, consistently', () => {
    const stages = finals.map(({ v }) => v.procedureStage);
    const share = (stage: string) => stages.filter((s) => s === stage).length / stages.length;
    expect(share('first_instance')).toBeGreaterThan(0.45);
    expect(share('rejected')).toBeGreaterThan(0.03);
    expect(share('review_pending')).toBeGreaterThan(0.03);
    expect(share('recognised') + share('complementary_protection')).toBeGreaterThan(0);
    expect(share('recognised') + share('complementary_protection')).toBeLessThan(0.1);
    const statuses = new Set(finals.map(({ v }) => v.residenceStatus));
    for (const s of ['temporary_visitor', 'designated_work', 'designated_no_work', 'no_status', 'long_term_resident']) expect(statuses.has(s as never), s).toBe(true);
    for (const { file, v } of finals) {
      // A card only with a status of more than 3 months; a well-formed number; no expired status.
      if (v.residenceCardNumber) expect(v.residenceCardNumber).toMatch(cardNumberPattern);
      if (v.residenceStatus === 'temporary_visitor' || v.residenceStatus === 'no_status') expect(v.residenceCardNumber).toBeNull();
      if (v.residenceStatus === 'designated_work' || v.residenceStatus === 'designated_no_work') expect(v.residenceCardNumber).not.toBeNull();
      if (v.residenceExpiresOn) expect(v.residenceExpiresOn >= today, `${file.scenario} ${v.residenceExpiresOn}`).toBe(true);
      if (v.residenceStatus === 'no_status') expect(v.residenceExpiresOn).toBeNull();
      if (v.procedureStage === 'rejected') {
        expect(v.decisionNoticeReceivedOn).not.toBeNull();
        expect(v.decisionNoticeReceivedOn! >= addDays(today, -9)).toBe(true);
      }
      if (v.procedureStage === 'review_pending') expect(v.decisionNoticeReceivedOn! < addDays(today, -20)).toBe(true);
      if (v.applicationCount === 3) expect(v.allowanceStatus === null || v.allowanceStatus === 'not_applied').toBe(true);
      for (const d of [v.appliedOn, v.decisionNoticeReceivedOn, v.allowanceAppliedOn, v.allowanceDecidedOn]) if (d) expect(d <= today).toBe(true);
      if (v.custody === 'provisional_release') expect(cases.events.some((e) => e.person === file.person && e.kind === 'reporting' && e.doneAt === null && e.occursOn >= today)).toBe(true);
      if (people[file.person]?.housing === 'rough_sleeping') expect(v.vulnerabilities).toContain('rough_sleeping');
      expect([...v.vulnerabilities].sort()).toEqual(v.vulnerabilities);
    }
    // Interviews and reporting dates: the past ones done (after they were recorded), the coming ones open.
    for (const e of cases.events) {
      expect(e.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
      if (e.occursOn < today) expect(e.doneAt).not.toBeNull();
      if (e.occursOn > today) expect(e.doneAt).toBeNull();
      if (e.doneAt) expect(e.doneAt.getTime()).toBeGreaterThan(e.createdAt.getTime());
      if (e.doneAt) expect(e.doneAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    // History: a status changed from short stay to designated activities, dated in the past.
    expect(cases.files.some((f) => f.saves.length >= 3 && f.saves[0]?.changes.residenceStatus === 'temporary_visitor' && finalOf(f.saves).residenceStatus?.startsWith('designated'))).toBe(true);
  });

  it('has many people waiting 20–200 days for the allowance and a few receiving it', () => {
    const waiting = finals.filter(({ v }) => v.allowanceStatus === 'awaiting');
    expect(waiting.length).toBeGreaterThan(20);
    for (const { v } of waiting) {
      const days = (Date.parse(today) - Date.parse(v.allowanceAppliedOn!)) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(20);
      expect(days).toBeLessThanOrEqual(200);
      expect(v.allowanceAppliedOn! >= v.appliedOn!).toBe(true);
    }
    const receiving = finals.filter(({ v }) => v.allowanceStatus === 'receiving').length;
    expect(receiving).toBeGreaterThan(0);
    expect(receiving).toBeLessThan(waiting.length / 2);
  });

  it("fills the demo caseworker's week: deadlines due or overdue, reporting dates, expiring cards", () => {
    const mine = finals.filter(({ v }) => v.assignedTo === staff.caseworker);
    expect(mine.length / finals.length).toBeGreaterThan(0.75);
    const due = mine.flatMap(({ file, v }) =>
      computeDeadlines(v, cases.events.filter((e) => e.person === file.person && e.kind === 'reporting').map((e, i) => ({ id: String(i), occursOn: e.occursOn, isDone: e.doneAt !== null })))
        .filter((d) => needsAttention(d, today, 7)),
    );
    const kinds = new Set(due.map((d) => d.kind));
    expect(kinds.has('review_request')).toBe(true);
    expect(kinds.has('residence_expiry')).toBe(true);
    expect(due.length).toBeGreaterThan(8);
    const reviews = due.filter((d) => d.kind === 'review_request');
    // Refusals of the last days: the 7th day is at most a week away; the deadline is that day, or
    // the next open day when it falls on a weekend, a holiday or the year-end closure.
    for (const d of reviews) {
      expect(standing({ dueOn: d.lastDay }, today).daysLeft).toBeLessThanOrEqual(7);
      expect(d.dueOn).toBe(nextOpenDay(d.lastDay));
    }
  });

  it('plans open tasks (some overdue, some this week), household links, and consents with a disclosure', () => {
    const open = cases.tasks.filter((t) => t.status === 'open' && t.assignee === 'caseworker');
    expect(open.length).toBeGreaterThan(10);
    expect(open.some((t) => t.dueOn !== null && t.dueOn < today)).toBe(true);
    expect(open.some((t) => t.dueOn !== null && t.dueOn >= today && t.dueOn <= addDays(today, 6))).toBe(true);
    for (const t of cases.tasks) {
      expect(CreateTaskInput.safeParse({ title: t.title, dueOn: t.dueOn, personId: staff.caseworker }).success).toBe(true);
      expect(t.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
      if (t.completedAt) expect(t.completedAt.getTime()).toBeGreaterThan(t.createdAt.getTime());
    }
    expect(cases.links.length).toBeGreaterThan(0);
    for (const l of cases.links) {
      expect(l.person).not.toBe(l.member);
      const [a, b] = [people[l.person], people[l.member]];
      expect(a?.nationality).toBe(b?.nationality);
      expect(a?.familyName.toLowerCase()).toBe(b?.familyName.toLowerCase());
    }
    const pairs = new Set(cases.links.map((l) => [l.person, l.member].sort().join('-')));
    expect(pairs.size).toBe(cases.links.length);
    expect(cases.consents.some((c) => c.purpose === 'sensitive_data')).toBe(true);
    expect(cases.consents.some((c) => c.purpose === 'sharing')).toBe(true);
    for (const c of cases.consents) {
      expect(CreateConsentInput.safeParse({ purpose: c.purpose, recipientName: c.recipientName, scope: c.scope, consentedOn: c.givenOn, method: c.method, interpreterLanguage: c.interpreterLanguage }).success).toBe(true);
      expect(c.givenOn <= today).toBe(true);
    }
    expect(cases.disclosures.length).toBeGreaterThan(0);
    for (const d of cases.disclosures) {
      const consent = cases.consents[d.consent];
      expect(consent?.person).toBe(d.person);
      expect(consent?.recipientName).toBe(d.recipientName);
      expect(d.disclosedOn >= (consent?.givenOn ?? '')).toBe(true);
      expect(d.disclosedOn <= today).toBe(true);
      expect(CreateDisclosureInput.safeParse({ recipientName: d.recipientName, recipientKind: d.recipientKind, dataCategories: d.dataCategories, note: d.note, disclosedOn: d.disclosedOn, consentId: staff.caseworker }).success).toBe(true);
    }
  });
});

it('is the same plan for the same seed and day', () => {
  const now = new Date('2026-11-24T02:30:00Z');
  expect(plan(now, DEMO_SEED).cases).toEqual(plan(now, DEMO_SEED).cases);
  expect(plan(now, 0x2a).cases).not.toEqual(plan(now, DEMO_SEED).cases);
});
