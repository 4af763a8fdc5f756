/**
 * Benchmark data: N people from the demo name lists (same nationality mix), registered over the
 * last years, plus a recent history for some of them and a live queue of about 40 today; and the
 * search queries a reception desk types.
 */
import { addDays, createRng, generatePeople, planHistory, tokyoInstant, type DemoPerson, type HistoryPlan, type Rng } from '../src/modules/demo/server/demo.generator';
import { tokyoDate } from '../src/shared/time';

export interface BenchData {
  people: DemoPerson[];
  registeredAt: Date[];
  history: HistoryPlan;
}

/** How many of the N people have visits in the recent history (the rest are older files). */
const ACTIVE_PEOPLE = 600;

export function generateBenchData(count: number, now: Date, seed = 0xbe7c4): BenchData {
  const rng = createRng(seed);
  const today = tokyoDate(now);
  const people = generatePeople(rng, count, today);
  // The active people are the last ones registered; their history spans the last 30 days.
  const active = people.slice(0, Math.min(ACTIVE_PEOPLE, count));
  const history = planHistory(rng, active, { now, days: 30, today: 40, registeredBefore: 0.8 });
  const firstDay = history.days[0] ?? today;
  const registeredAt = people.map((_, i) => history.registeredAt[i] ?? new Date(0));
  // Older files: registered over the five years before the history, at office hours.
  const older = people.map((_, i) => i).filter((i) => i >= active.length);
  for (const i of older) registeredAt[i] = tokyoInstant(addDays(firstDay, -rng.int(31, 5 * 365)), rng.int(600, 1000));
  // Active people registered before the history come after the older files.
  for (let i = 0; i < active.length; i++) {
    const at = registeredAt[i];
    if (at && at.getTime() < tokyoInstant(firstDay, 0).getTime()) registeredAt[i] = tokyoInstant(addDays(firstDay, -rng.int(1, 30)), rng.int(600, 1000));
  }
  return { people, registeredAt, history };
}

export type QueryKind = 'kana_2' | 'latin_prefix' | 'full_name' | 'file_number' | 'full_width' | 'own_script' | 'no_match';

export interface BenchQuery {
  kind: QueryKind;
  q: string;
}

const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function nameParts(p: DemoPerson): string[] {
  return [...p.givenName.split(' '), ...p.familyName.split(/[\s-]/)].filter((s) => s.length >= 3);
}

function queryOf(rng: Rng, kind: QueryKind, people: readonly DemoPerson[], fileNumbers: readonly string[]): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const i = rng.int(0, people.length - 1);
    const p = people[i];
    if (!p) continue;
    switch (kind) {
      case 'kana_2': {
        // The first two katakana of a name: what the desk types before the list narrows.
        if (p.nameKana) return p.nameKana.replace(/[・＝]/g, '').slice(0, 2);
        break;
      }
      case 'latin_prefix': {
        const part = rng.pick(nameParts(p).length > 0 ? nameParts(p) : [p.givenName]);
        const prefix = part.slice(0, rng.int(3, 6));
        return rng.chance(0.5) ? prefix.toLowerCase() : prefix;
      }
      case 'full_name':
        return rng.chance(0.5) ? `${p.givenName} ${p.familyName}`.trim() : `${p.familyName} ${p.givenName}`.trim();
      case 'file_number': {
        const file = fileNumbers[i];
        if (file) return rng.chance(0.7) ? file : file.replace(/^TB-0*/, '');
        break;
      }
      case 'full_width': {
        const part = nameParts(p)[0];
        if (part && /^[A-Za-z]+$/.test(part)) return toFullWidth(part.slice(0, rng.int(3, 6)).toUpperCase());
        break;
      }
      case 'own_script': {
        const first = p.nameInOwnScript?.split(' ')[0];
        if (first) return first;
        break;
      }
      case 'no_match': {
        const letters = 'bcdfghjklmnpqrstvwxz';
        return Array.from({ length: rng.int(4, 7) }, () => letters[rng.int(0, letters.length - 1)]).join('');
      }
      default: {
        const never: never = kind;
        throw new Error(`unknown query kind ${String(never)}`);
      }
    }
  }
  throw new Error(`no ${kind} query found`);
}

/** The reception desk's mix of searches: mostly name prefixes, some katakana, file numbers and scripts. */
export const queryMix: ReadonlyArray<readonly [QueryKind, number]> = [
  ['kana_2', 20], ['latin_prefix', 30], ['full_name', 12], ['file_number', 15], ['full_width', 5], ['own_script', 10], ['no_match', 8],
];

export function generateQueries(count: number, people: readonly DemoPerson[], fileNumbers: readonly string[], seed = 0x9e55): BenchQuery[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const kind = rng.weighted(queryMix);
    return { kind, q: queryOf(rng, kind, people, fileNumbers) };
  });
}
