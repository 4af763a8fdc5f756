import type { CaseFilePlan } from './demo.case-files';
import type { DemoPerson, HistoryPlan, Rng } from './demo.generator';
import { tokyoDate } from '../../../shared/time';

/**
 * Barrier tags for the demo (advocacy evidence), planned from what the demo already holds, with
 * rates that make a realistic picture: allowance waits, homelessness and no work permission are
 * common, some barriers are rare enough that their cells fall below k, so suppression is visible.
 * Pure: the same seed and plans give the same tags.
 */
export interface PlannedBarrierTag {
  person: number;
  /** Index into history.consultations, or null for a tag on the case file. */
  consultation: number | null;
  barrierCode: string;
  observedOn: string;
  quote: string | null;
  resolvedOn: string | null;
}

/** Anonymised quotes as staff write them down: no name, number or place that points to a person. */
const quotes: Record<string, string[]> = {
  b01: ['保護費の決定まで4か月、所持金がほとんどない。', 'Four months waiting for the allowance, and almost no money left.', '申請したが連絡がなく、食事は1日1回。'],
  b02: ['公園で3週間寝ていた。夜がとても寒い。', 'Slept in a station for two weeks before a bed was free.', 'ネットカフェの料金が払えなくなった。'],
  b03: ['働けないので、支援がないと生活できない。', 'Not allowed to work, so fully dependent on help.'],
  b04: ['保険がなく、歯の痛みを我慢している。', 'No insurance: the clinic asked for the full fee.'],
  b10: ['面接で通訳がおらず、質問が分からなかった。', 'No interpreter at the ward office; could not explain the situation.'],
};

const byTopic: Array<{ topic: string; code: string; rate: number }> = [
  { topic: 'livelihood', code: 'b01', rate: 0.45 },
  { topic: 'housing', code: 'b02', rate: 0.55 },
  { topic: 'employment', code: 'b03', rate: 0.6 },
  { topic: 'medical', code: 'b04', rate: 0.4 },
  { topic: 'medical', code: 'b13', rate: 0.08 },
  { topic: 'legal', code: 'b06', rate: 0.3 },
  { topic: 'legal', code: 'b15', rate: 0.12 },
  { topic: 'legal', code: 'b08', rate: 0.05 },
  { topic: 'legal', code: 'b07', rate: 0.04 },
  { topic: 'other', code: 'b11', rate: 0.1 },
];
/** Rare barriers, tagged on case files: a few people each, below k in most months. */
const rare: Array<{ code: string; rate: number }> = [
  { code: 'b05', rate: 0.02 }, { code: 'b09', rate: 0.03 }, { code: 'b12', rate: 0.015 }, { code: 'b14', rate: 0.025 },
];

export function planBarrierTags(rng: Rng, people: readonly DemoPerson[], history: Pick<HistoryPlan, 'consultations'>, cases: Pick<CaseFilePlan, 'files'>, today: string): PlannedBarrierTag[] {
  const tags: PlannedBarrierTag[] = [];
  const seen = new Set<string>();
  const add = (tag: Omit<PlannedBarrierTag, 'quote' | 'resolvedOn'>) => {
    const key = `${tag.person}:${tag.barrierCode}`;
    // A barrier is tagged once per person in the demo (the first consultation that shows it).
    if (seen.has(key)) return;
    seen.add(key);
    const pool = quotes[tag.barrierCode];
    const quote = pool && rng.chance(0.12) ? rng.pick(pool) : null;
    const resolvedOn = rng.chance(0.15) ? tag.observedOn : null;
    tags.push({ ...tag, quote, resolvedOn });
  };
  history.consultations.forEach((c, i) => {
    const person = people[c.person];
    if (!person) return;
    const observedOn = tokyoDate(c.occurredAt);
    for (const rule of byTopic) {
      if (c.topics.includes(rule.topic as never) && rng.chance(rule.rate)) add({ person: c.person, consultation: i, barrierCode: rule.code, observedOn });
    }
    const needsInterpreter = person.languages.length > 0 && !person.languages.some((l) => l === 'ja' || l === 'en');
    if (needsInterpreter && (c.interpreterLanguage === null || !person.languages.includes(c.interpreterLanguage)) && rng.chance(0.6)) {
      add({ person: c.person, consultation: i, barrierCode: 'b10', observedOn });
    }
    if (person.housing === 'rough_sleeping' && rng.chance(0.5)) add({ person: c.person, consultation: i, barrierCode: 'b02', observedOn });
  });
  for (const file of cases.files) {
    const first = file.saves[0];
    if (!first) continue;
    for (const r of rare) if (rng.chance(r.rate * 4)) add({ person: file.person, consultation: null, barrierCode: r.code, observedOn: first.effectiveOn > today ? today : first.effectiveOn });
  }
  return tags;
}
