/**
 * Demo case files as plain values, before anything touches a database: for about 40% of the demo
 * people, the legal and welfare situation of DOMAIN.md with its dated history, interviews and
 * reporting dates, household links, follow-up tasks, and a few consents with a disclosure.
 * A pure function of the seeded random generator, the people, their registration and "now".
 */
import dayjs from 'dayjs';
import type { Relationship, UpdateCaseFileInput, Vulnerability } from '../../cases/contract';
import { REVIEW_REQUEST_DAYS, periodEnd } from '../../deadlines/rules';
import { tokyoDate } from '../../../shared/time';
import { addDays, tokyoInstant, type DemoPerson, type DemoStaffRole, type Rng } from './demo.generator';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** What one save of the case file changes (the PATCH body without `version` and `effectiveOn`). */
export type CaseFileChanges = Omit<UpdateCaseFileInput, 'version' | 'effectiveOn'>;

export interface PlannedCaseSave {
  /** The day the change took effect, as the caseworker knows it (never in the future). */
  effectiveOn: string;
  /** When it was recorded: after the person's registration, before now, later than the previous save. */
  recordedAt: Date;
  changes: CaseFileChanges;
}

export type CaseScenario = 'new_arrival' | 'first_instance' | 'rejected' | 'review_pending' | 'provisional_release' | 'no_status' | 'protected';

export interface PlannedCaseFile {
  person: number;
  scenario: CaseScenario;
  /** In order: the first creates the file (version 1), each further one adds a version. */
  saves: PlannedCaseSave[];
}

export interface PlannedHousingChange { person: number; oldValue: string | null; newValue: string; effectiveOn: string; recordedAt: Date }
export interface PlannedCaseEvent { person: number; kind: 'interview' | 'reporting'; occursOn: string; note: string; doneAt: Date | null; createdAt: Date }
export interface PlannedHouseholdLink { person: number; member: number; relationship: Relationship; createdAt: Date }
export interface PlannedTask {
  person: number | null;
  title: string;
  dueOn: string | null;
  assignee: DemoStaffRole;
  status: 'open' | 'done';
  createdAt: Date;
  completedAt: Date | null;
}
export interface PlannedConsent {
  person: number;
  purpose: 'sensitive_data' | 'sharing';
  recipientName: string | null;
  scope: string;
  givenOn: string;
  method: 'written' | 'verbal_interpreted';
  interpreterLanguage: string | null;
  recordedAt: Date;
}
export interface PlannedDisclosure {
  person: number;
  /** Index into the plan's consents: the consent it rests on. */
  consent: number;
  recipientName: string;
  recipientKind: 'lawyer';
  dataCategories: Array<'identity' | 'legal_status' | 'procedure' | 'consultation_notes' | 'documents'>;
  note: string;
  disclosedOn: string;
  recordedAt: Date;
}

export interface CaseFilePlan {
  files: PlannedCaseFile[];
  housingChanges: PlannedHousingChange[];
  events: PlannedCaseEvent[];
  links: PlannedHouseholdLink[];
  tasks: PlannedTask[];
  consents: PlannedConsent[];
  disclosures: PlannedDisclosure[];
}

export interface CaseFileOptions {
  now: Date;
  /** When each person was registered (index = person), from planHistory. */
  registeredAt: readonly Date[];
  /** Staff ids: files are assigned to the caseworker. */
  staff: Record<DemoStaffRole, string>;
  /** Share of people with a case file (default 0.4). */
  share?: number;
}

/** The made-up law office the demo shares files with (no real firm). */
export const DEMO_LAW_OFFICE = 'みなと共同法律事務所（デモ）';

const addMonths = (date: string, months: number) => dayjs(date).add(months, 'month').format('YYYY-MM-DD');
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** A made-up residence card number in the card's format: 2 letters, 8 digits, 2 letters. */
function cardNumber(rng: Rng): string {
  const l = () => rng.pick([...letters]);
  return `${l()}${l()}${String(rng.int(0, 99_999_999)).padStart(8, '0')}${l()}${l()}`;
}

const whereaboutsOf: Record<string, readonly string[]> = {
  rough_sleeping: ['池袋駅周辺で野宿', 'Sleeping in a park near Shinjuku', '上野公園で野宿。夜は駅の通路', 'Sleeps at Shinagawa station'],
  net_cafe: ['ネットカフェ（上野）', 'Internet café in Ikebukuro, paid night by night', 'ネットカフェ（蒲田）'],
  friend: ['知人宅（埼玉県川口市）', "Friend's flat in Warabi", '同国人の知人宅（群馬県館林市）', "Cousin's room in Kita ward"],
  org_shelter: ['団体シェルター（2号室）', 'Organisation shelter, room 4', '団体シェルター（女性用）'],
  esfra: ['ESFRA緊急宿泊施設（都内）', 'ESFRA emergency shelter'],
  religious_facility: ['教会に滞在（都内）', 'Staying at a mosque in Saitama', 'お寺に滞在（群馬県）'],
  own_home: ['自宅アパート（足立区）', 'Own flat in Kawaguchi (shared with two others)', '自宅（江戸川区）'],
};

/**
 * Case files for about 40% of the people (those registered at least a week ago), mostly assigned
 * to the demo caseworker, with the dated history a caseworker would have entered, and what comes
 * with them: interviews and reporting dates, household links (same family name and nationality),
 * open and done follow-up tasks, and a few consents with a disclosure to a law office.
 */
export function planCaseFiles(rng: Rng, people: readonly DemoPerson[], options: CaseFileOptions): CaseFilePlan {
  const { now, registeredAt } = options;
  const today = tokyoDate(now);
  const latest = now.getTime() - MINUTE;
  const plan: CaseFilePlan = { files: [], housingChanges: [], events: [], links: [], tasks: [], consents: [], disclosures: [] };
  const regDate = (i: number) => tokyoDate(registeredAt[i] ?? now);
  const regTime = (i: number) => (registeredAt[i] ?? now).getTime();
  const eligible = people.map((_, i) => i).filter((i) => regTime(i) <= now.getTime() - 7 * DAY);
  const target = Math.round(people.length * (options.share ?? 0.4));

  // Families: people of the same family name and nationality, linked as household members.
  const groups = new Map<string, number[]>();
  for (const i of eligible) {
    const p = people[i];
    if (!p?.familyName) continue;
    const key = `${p.nationality}:${p.familyName.toLocaleLowerCase('en')}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  const pairs: Array<[number, number]> = [];
  for (const members of groups.values()) {
    for (let k = 0; k + 1 < members.length && pairs.length < 10; k += 2) pairs.push([members[k] as number, members[k + 1] as number]);
  }

  const chosen = new Set<number>();
  for (const [a, b] of pairs) {
    chosen.add(a);
    if (rng.chance(0.6)) chosen.add(b);
  }
  for (const i of rng.shuffle([...eligible])) {
    if (chosen.size >= target) break;
    chosen.add(i);
  }
  const order = [...chosen].sort((a, b) => a - b);

  /** The instant a save dated `date` was recorded: that day during office hours, not before registration. */
  const recordTimes = (person: number, dates: string[]): Date[] => {
    const out: Date[] = [];
    let previous = regTime(person) + rng.int(5, 30) * MINUTE;
    dates.forEach((date, k) => {
      let t = Math.max(tokyoInstant(date, rng.int(600, 1050)).getTime(), previous + rng.int(1, 3) * MINUTE);
      t = Math.min(t, latest - (dates.length - k) * MINUTE);
      t = Math.max(t, previous + 1000);
      out.push(new Date(t));
      previous = t;
    });
    return out;
  };

  // Situations and assignments are dealt, not drawn, so every demo (whatever the day) has them in
  // these proportions; people registered in the last 80 days may instead be new arrivals.
  const scenarios = rng.deal<CaseScenario>([
    ['first_instance', 46], ['rejected', 9], ['review_pending', 10], ['provisional_release', 10], ['no_status', 5], ['protected', 4],
  ], order.length);
  const isAssigned = rng.deal([[true, 88], [false, 12]], order.length);
  const allowanceDraw = rng.spread();

  for (const [k, person] of order.entries()) {
    const p = people[person];
    if (!p) continue;
    const registered = regDate(person);
    const dealt = scenarios[k] ?? 'first_instance';
    const scenario: CaseScenario = registered >= addDays(today, -80) && rng.chance(14 / 98) ? 'new_arrival' : dealt;
    const steps: Array<{ effectiveOn: string; changes: CaseFileChanges }> = [];
    const step = (effectiveOn: string, changes: CaseFileChanges) => steps.push({ effectiveOn: minDate(effectiveOn, today), changes });
    const vulnerabilities = new Set<Vulnerability>();
    if (p.housing === 'rough_sleeping') vulnerabilities.add('rough_sleeping');
    if (p.age !== null && p.age < 18) vulnerabilities.add(rng.chance(0.2) ? 'unaccompanied_minor' : 'child');
    if (p.age !== null && p.age >= 60) vulnerabilities.add('elderly');
    if (p.sex === 'female' && rng.chance(0.15)) vulnerabilities.add('woman_at_risk');
    if (p.sex === 'female' && p.age !== null && p.age >= 18 && p.age < 42 && rng.chance(0.08)) vulnerabilities.add('pregnancy');
    if (p.sex === 'female' && rng.chance(0.1)) vulnerabilities.add('single_parent');
    if (rng.chance(0.07)) vulnerabilities.add('torture_survivor');
    if (rng.chance(scenario === 'provisional_release' ? 0.3 : 0.08)) vulnerabilities.add('mental_health');
    if (rng.chance(0.06)) vulnerabilities.add('illness');
    if (rng.chance(0.01)) vulnerabilities.add('lgbtq');
    const assignedTo = isAssigned[k] ? options.staff.caseworker : null;
    const firstLanguage = p.languages[0] ?? null;

    // Arrival on a short stay (15, 30 or 90 days), from a few days to years before.
    let arrived: string;
    if (scenario === 'new_arrival') arrived = addDays(registered, -rng.int(1, 10));
    else if (scenario === 'provisional_release' || scenario === 'no_status') arrived = addDays(today, -rng.int(900, 3000));
    else if (scenario === 'protected') arrived = addDays(today, -rng.int(1100, 2500));
    else if (scenario !== 'first_instance') arrived = addDays(today, -rng.int(300, 1200));
    else arrived = addDays(minDate(registered, today), -rng.int(40, 1000));
    let shortStay = rng.pick([15, 30, 90]);
    if (scenario === 'new_arrival') shortStay = [15, 30, 90].find((d) => addDays(arrived, d) > today) ?? 90;
    step(arrived, {
      residenceStatus: 'temporary_visitor', residenceExpiresOn: addDays(arrived, shortStay), custody: 'free',
      procedureStage: 'pre_application', healthInsurance: 'uninsured', vulnerabilities: [...vulnerabilities].sort(),
      whereabouts: p.housing ? rng.pick(whereaboutsOf[p.housing] ?? ['']) : '', assignedTo,
    });

    const firstCount = scenario === 'provisional_release' ? rng.pick([2, 3]) : rng.chance(0.85) ? 1 : 2;
    const sorting = firstCount === 1 ? rng.weighted<'A' | 'B' | 'D1' | 'D2'>([['A', 3], ['B', 15], ['D1', 35], ['D2', 47]]) : rng.weighted<'C' | 'D1' | 'D2'>([['C', 60], ['D1', 20], ['D2', 20]]);
    // Set by the helpers below (closures: kept as `let` with explicit types, read after them).
    let appliedOn = null as string | null;
    let statusExpiry = null as string | null;
    let designatedSince = null as string | null;
    let allowanceEligible = false;

    const apply = (on: string) => {
      appliedOn = minDate(on, today);
      step(appliedOn, { procedureStage: 'first_instance', applicationCount: firstCount, appliedOn, sortingCategory: sorting });
    };
    /** 特定活動 for 6 months after the application, renewed every 6 months; work allowed after 8 months for most. */
    const designated = (from: string, until: string) => {
      const workFrom = addMonths(appliedOn ?? from, 8);
      const worksEventually = sorting !== 'B' && rng.chance(0.75);
      let grant = minDate(from, today);
      designatedSince = grant;
      const insured = addDays(grant, rng.int(2, 12));
      const recentlyEligible = addDays(today, -20) < grant;
      step(grant, {
        residenceStatus: 'designated_no_work', workPermitted: false, residenceCardNumber: cardNumber(rng),
        residenceExpiresOn: addMonths(grant, 6), insuranceEligibleOn: grant,
      });
      if (!recentlyEligible && insured <= today && rng.chance(0.96)) step(insured, { healthInsurance: 'national' });
      else if (!recentlyEligible) step(insured > today ? today : insured, { healthInsurance: 'free_low_cost' });
      let expiry = addMonths(grant, 6);
      while (expiry <= minDate(today, until)) {
        const renewed = addDays(expiry, -rng.int(3, 20));
        if (renewed <= grant) break;
        grant = renewed;
        const work = worksEventually && renewed >= workFrom;
        step(renewed, {
          residenceExpiresOn: addMonths(expiry, 6), residenceCardNumber: cardNumber(rng),
          ...(work ? { residenceStatus: 'designated_work' as const, workPermitted: true } : {}),
        });
        expiry = addMonths(expiry, 6);
      }
      statusExpiry = expiry;
    };
    const interviews = (from: string) => {
      const first = addDays(from, rng.int(60, 400));
      if (first < today) plan.events.push({ person, kind: 'interview', occursOn: first, note: rng.pick(['難民調査官によるインタビュー（通訳あり）', 'Interview with the refugee inquirer, interpreter present', '']), doneAt: tokyoInstant(first, rng.int(780, 1000)), createdAt: new Date(0) });
      else if (first <= addDays(today, 60)) plan.events.push({ person, kind: 'interview', occursOn: first, note: rng.pick(['2回目のインタビュー。弁護士同席予定', 'Second interview; lawyer to attend', '']), doneAt: null, createdAt: new Date(0) });
    };

    if (scenario === 'new_arrival') {
      if (rng.chance(0.65)) {
        apply(addDays(arrived, rng.int(2, Math.max(2, Math.min(20, dayjs(today).diff(arrived, 'day'))))));
        allowanceEligible = firstCount === 1;
      }
      statusExpiry = addDays(arrived, shortStay);
    } else if (scenario === 'no_status') {
      step(addDays(arrived, shortStay + 1), { residenceStatus: 'no_status', residenceExpiresOn: null });
      if (rng.chance(0.5)) apply(addDays(today, -rng.int(20, 300)));
      allowanceEligible = appliedOn !== null && firstCount === 1;
    } else if (scenario === 'provisional_release') {
      step(addDays(arrived, shortStay + 1), { residenceStatus: 'no_status', residenceExpiresOn: null });
      const released = addDays(today, -rng.int(60, 700));
      const supervision = rng.chance(0.25);
      step(released, {
        custody: supervision ? 'supervision' : 'provisional_release', procedureStage: 'first_instance', applicationCount: firstCount,
        appliedOn: addDays(released, -rng.int(20, 200)), sortingCategory: sorting,
        ...(supervision ? { supervisorName: rng.pick(['支援者 山本 和子（デモ）', 'Volunteer K. Suzuki (demo)']) } : {}),
      });
      // Reporting dates every 1–2 months (at most 3 months apart): the past ones done, the next one coming.
      let day = released;
      for (;;) {
        day = addDays(day, rng.pick([28, 35, 42, 56, 60]));
        if (day < today) {
          plan.events.push({ person, kind: 'reporting', occursOn: day, note: '', doneAt: tokyoInstant(day, rng.int(600, 900)), createdAt: new Date(0) });
          continue;
        }
        // Some of them this week, so "My work" shows them.
        const next = rng.chance(0.35) ? addDays(today, rng.int(0, 6)) : day;
        plan.events.push({ person, kind: 'reporting', occursOn: next, note: rng.pick(['東京出入国在留管理局（品川）', 'Immigration bureau, Shinagawa: bring the permit', '']), doneAt: null, createdAt: new Date(0) });
        break;
      }
    } else {
      apply(addDays(arrived, rng.int(3, 45)));
      const since = appliedOn ?? today;
      const notice = scenario === 'rejected' ? addDays(today, -rng.int(1, 9)) : maxDate(addDays(today, -rng.int(30, 400)), addDays(since, 120));
      designated(addDays(since, rng.int(20, 60)), scenario === 'protected' ? notice : today);
      interviews(since);
      allowanceEligible = firstCount === 1 && scenario !== 'protected';
      if (scenario === 'rejected' || scenario === 'review_pending' || scenario === 'protected') {
        const stage = scenario === 'protected' ? (rng.chance(0.35) ? 'recognised' : 'complementary_protection') : 'rejected';
        step(minDate(notice, today), { procedureStage: stage, decisionNoticeReceivedOn: minDate(notice, today) });
        if (scenario === 'review_pending') step(addDays(notice, rng.int(2, 6)), { procedureStage: 'review_pending' });
        if (scenario === 'protected') {
          // Recognition or complementary protection: 定住者 (long-term resident) with a new card.
          const term = stage === 'recognised' ? 60 : rng.pick([12, 36]);
          let granted = addDays(notice, rng.int(1, 10));
          statusExpiry = addMonths(notice, term);
          step(granted, {
            residenceStatus: 'long_term_resident', workPermitted: true, residenceCardNumber: cardNumber(rng),
            residenceExpiresOn: statusExpiry, healthInsurance: 'national',
          });
          // Renewed before each expiry, as a person with protection does: the status never lapses.
          while (statusExpiry <= today) {
            const renewed = addDays(statusExpiry, -rng.int(10, 40));
            if (renewed <= granted) break;
            granted = renewed;
            statusExpiry = addMonths(statusExpiry, term);
            step(renewed, { residenceExpiresOn: statusExpiry, residenceCardNumber: cardNumber(rng) });
          }
        }
      }
    }

    // The protection allowance: first-time applicants during first instance only (DOMAIN.md).
    if (allowanceEligible && appliedOn) {
      const applied: string = appliedOn;
      const waited = dayjs(today).diff(applied, 'day');
      const decided = scenario === 'rejected' || scenario === 'review_pending';
      const status = rng.weighted<'awaiting' | 'receiving' | 'ineligible' | 'not_applied'>([
        ['awaiting', decided ? 0 : 58], ['receiving', waited > 150 ? (decided ? 30 : 12) : 0], ['ineligible', waited > 150 ? 8 : 0], ['not_applied', 22],
      ], allowanceDraw());
      if (status === 'awaiting' && waited >= 20) {
        const days = rng.int(20, Math.min(200, waited));
        step(addDays(today, -days), { allowanceStatus: 'awaiting', allowanceAppliedOn: addDays(today, -days) });
      } else if (status === 'receiving' || status === 'ineligible') {
        const allowanceApplied = addDays(applied, rng.int(3, 30));
        const notice = steps.find((s) => s.changes.decisionNoticeReceivedOn)?.effectiveOn ?? today;
        const decidedOn = minDate(addDays(allowanceApplied, rng.int(60, 110)), addDays(notice, -1));
        step(allowanceApplied, { allowanceStatus: 'awaiting', allowanceAppliedOn: allowanceApplied });
        step(decidedOn, { allowanceStatus: status, allowanceDecidedOn: decidedOn });
        // The allowance is for first instance only: it stops with the refusal.
        if (status === 'receiving' && decided) step(notice, { allowanceStatus: 'stopped' });
      } else {
        step(applied, { allowanceStatus: 'not_applied' });
      }
    }
    // In date order (a stable sort keeps the order within a day); changes of one day are one save.
    steps.sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn));
    const saves: typeof steps = [];
    for (const s of steps) {
      const last = saves[saves.length - 1];
      if (last && last.effectiveOn === s.effectiveOn) Object.assign(last.changes, s.changes);
      else saves.push({ effectiveOn: s.effectiveOn, changes: { ...s.changes } });
    }
    const times = recordTimes(person, saves.map((s) => s.effectiveOn));
    plan.files.push({ person, scenario, saves: saves.map((s, k) => ({ effectiveOn: s.effectiveOn, recordedAt: times[k] as Date, changes: s.changes })) });
    const intake = times[0] ?? new Date(latest);
    for (const e of plan.events) if (e.person === person && e.createdAt.getTime() === 0) {
      e.createdAt = new Date(Math.min(Math.max(intake.getTime(), tokyoInstant(addDays(e.occursOn, -rng.int(7, 30)), 660).getTime()), latest));
      if (e.doneAt) e.doneAt = new Date(Math.min(Math.max(e.doneAt.getTime(), e.createdAt.getTime() + MINUTE), now.getTime()));
    }

    // The person's housing as the desk changed it: from a friend's place to the street or a café.
    if ((p.housing === 'rough_sleeping' || p.housing === 'net_cafe' || p.housing === 'org_shelter') && rng.chance(0.6)) {
      const on = addDays(today, -rng.int(3, 60));
      const at = new Date(Math.min(Math.max(tokyoInstant(on, rng.int(600, 1000)).getTime(), regTime(person) + MINUTE), latest));
      plan.housingChanges.push({ person, oldValue: p.housing === 'org_shelter' ? 'rough_sleeping' : 'friend', newValue: p.housing, effectiveOn: tokyoDate(at), recordedAt: at });
    }

    // Follow-up tasks for the caseworker, from the situation.
    const final = Object.assign({}, ...saves.map((s) => s.changes)) as CaseFileChanges;
    const task = (title: string, dueOn: string | null, assignee: DemoStaffRole = 'caseworker') => {
      const created = new Date(Math.min(Math.max(intake.getTime(), tokyoInstant(addDays(minDate(dueOn ?? today, today), -rng.int(2, 14)), rng.int(600, 1000)).getTime()), latest));
      const done = dueOn !== null && dueOn < addDays(today, -3) && rng.chance(0.4);
      plan.tasks.push({
        person, title, dueOn, assignee, status: done ? 'done' : 'open', createdAt: created,
        completedAt: done ? new Date(Math.min(Math.max(tokyoInstant(dueOn, rng.int(600, 1000)).getTime(), created.getTime() + MINUTE), latest)) : null,
      });
    };
    if (final.procedureStage === 'rejected' && final.decisionNoticeReceivedOn) {
      const due = periodEnd(final.decisionNoticeReceivedOn, REVIEW_REQUEST_DAYS).dueOn;
      task(rng.pick(['審査請求書を弁護士と準備する', 'Prepare the request for review with the lawyer', '不認定通知書の翻訳を依頼する']), addDays(due, -2));
    }
    if (final.allowanceStatus === 'awaiting' && final.allowanceAppliedOn && final.allowanceAppliedOn < addDays(today, -60) && rng.chance(0.5)) {
      task(rng.pick(['RHQに保護費の審査状況を問い合わせる', 'Call RHQ about the allowance application']), addDays(today, rng.int(-6, 10)));
    }
    if (statusExpiry && statusExpiry > today && statusExpiry <= addDays(today, 30)) {
      task(rng.pick(['在留期間更新申請に同行する（品川）', 'Check the documents for the residence renewal']), addDays(statusExpiry, -rng.int(3, 10)));
    }
    if (designatedSince && addDays(today, -20) < designatedSince) task('区役所で国民健康保険の加入手続き（同行）', addDays(designatedSince, 10));
    if (p.housing === 'rough_sleeping' && rng.chance(0.4)) task(rng.pick(['シェルターの空きを確認する', 'Ask ESFRA for a place']), addDays(today, rng.int(-4, 5)));
    if (vulnerabilities.has('illness') || vulnerabilities.has('pregnancy')) task(rng.pick(['無料低額診療の病院を予約する', 'Book the hospital appointment (Saiseikai)']), addDays(today, rng.int(-8, 12)));
    if (rng.chance(0.06)) task(rng.pick(['交通費を受付で渡す', 'Give the transport fare at the desk']), addDays(today, rng.int(0, 3)), 'reception');
    if (rng.chance(0.05)) task(rng.pick(['履歴書の作成を手伝う', 'Help with the CV']), null);

    // Consents: sensitive data at intake for some; sharing with the law office for a review request.
    const interpreted = firstLanguage !== null && firstLanguage !== 'en' && firstLanguage !== 'ja';
    const method = interpreted ? 'verbal_interpreted' as const : 'written' as const;
    if (rng.chance(0.08)) {
      plan.consents.push({
        person, purpose: 'sensitive_data', recipientName: null, scope: '迫害の理由と健康状態を記録すること / recording persecution grounds and health',
        givenOn: tokyoDate(intake), method, interpreterLanguage: interpreted ? firstLanguage : null, recordedAt: intake,
      });
    }
    const notice = final.decisionNoticeReceivedOn;
    if ((final.procedureStage === 'rejected' || final.procedureStage === 'review_pending') && notice && rng.chance(0.6)) {
      const givenOn = minDate(addDays(notice, 1), today);
      const recordedAt = new Date(Math.min(Math.max(tokyoInstant(givenOn, rng.int(600, 900)).getTime(), intake.getTime() + MINUTE), latest - 2 * MINUTE));
      const consent = plan.consents.push({
        person, purpose: 'sharing', recipientName: DEMO_LAW_OFFICE, scope: '審査請求のため、手続の経過と面接記録を共有 / sharing the procedure and interview notes for the request for review',
        givenOn: tokyoDate(recordedAt), method, interpreterLanguage: interpreted ? firstLanguage : null, recordedAt,
      }) - 1;
      const disclosedAt = new Date(Math.min(recordedAt.getTime() + rng.int(30, 60 * 24) * MINUTE, latest - MINUTE));
      plan.disclosures.push({
        person, consent, recipientName: DEMO_LAW_OFFICE, recipientKind: 'lawyer',
        dataCategories: ['identity', 'legal_status', 'procedure', 'consultation_notes'],
        note: '不認定通知書の写しと面接記録をメールで送付 / refusal notice and interview notes sent by e-mail',
        disclosedOn: tokyoDate(disclosedAt), recordedAt: disclosedAt,
      });
    }
  }

  // Household links: the older of two is a parent when 18+ years apart; otherwise spouses (a man and a woman, both adults) or siblings.
  const fileOf = new Set(plan.files.map((f) => f.person));
  for (const [a, b] of pairs) {
    const pa = people[a];
    const pb = people[b];
    if (!pa || !pb || !(fileOf.has(a) || fileOf.has(b))) continue;
    let relationship: Relationship = 'sibling';
    if (pa.age !== null && pb.age !== null && Math.abs(pa.age - pb.age) >= 18) relationship = pb.age < pa.age ? 'child' : 'parent';
    else if (pa.age !== null && pb.age !== null && pa.age >= 18 && pb.age >= 18 && new Set([pa.sex, pb.sex]).size === 2 && pa.sex !== 'other' && pb.sex !== 'other' && pa.sex !== 'unknown' && pb.sex !== 'unknown') relationship = 'spouse';
    const at = Math.min(Math.max(regTime(a), regTime(b)) + rng.int(10, 120) * MINUTE, latest);
    plan.links.push({ person: fileOf.has(a) ? a : b, member: fileOf.has(a) ? b : a, relationship: fileOf.has(a) ? relationship : inverse[relationship], createdAt: new Date(at) });
  }
  return plan;
}

const inverse: Record<Relationship, Relationship> = { spouse: 'spouse', child: 'parent', parent: 'child', sibling: 'sibling', other: 'other' };
