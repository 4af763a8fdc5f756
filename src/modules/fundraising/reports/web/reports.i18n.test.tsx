import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../../../i18n';
import en from '../i18n/reports-web.en.json';
import ja from '../i18n/reports-web.ja.json';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(name, value);
    else for (const [k, v] of leaves(value, name)) out.set(k, v);
  }
  return out;
}

const sources = readdirSync(import.meta.dirname)
  .filter((name) => /\.tsx?$/.test(name) && !name.includes('.test.'))
  .map((name) => readFileSync(path.join(import.meta.dirname, name), 'utf8'));

describe('the reports pages’ texts', () => {
  const jaKeys = leaves(ja as Tree);
  const enKeys = leaves(en as Tree);
  const all = { ja: leaves(catalogues.ja as Tree), en: leaves(catalogues.en as Tree) };

  it('exist in Japanese and English alike, none of them empty', () => {
    expect([...jaKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
    expect([...jaKeys, ...enKeys].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('has in both languages every literal ui.* key the pages use', () => {
    const used = new Set(sources.flatMap((source) => [...source.matchAll(/['"`](ui\.[A-Za-z0-9_.]+[A-Za-z0-9_])['"`]/g)].map((m) => m[1] ?? '')));
    expect(used.size).toBeGreaterThan(100);
    for (const language of ['ja', 'en'] as const) {
      expect([...used].filter((key) => !all[language].has(key))).toEqual([]);
    }
  });

  it('has every key the pages build from a value (tabs, lists, breakdowns, periods, methods)', () => {
    const built = [
      ...['lybunt', 'sybunt', 'retention', 'recurring', 'breakdowns'].map((tab) => `ui.fundraisingReports.web.tabs.${tab}`),
      ...['lybunt', 'sybunt'].flatMap((kind) => ['title', 'hint', 'summary'].map((k) => `ui.fundraisingReports.web.lapsed.${kind}.${k}`)),
      ...['byCampaign', 'byFund', 'byMethod', 'byPrefecture'].flatMap((d) => [`ui.fundraisingReports.web.breakdowns.${d}`, `ui.fundraisingReports.web.breakdowns.group.${d}`]),
      ...['winter', 'fiscal_year', 'calendar_year'].map((p) => `ui.fundraisingReports.web.impact.period.${p}`),
      ...['card', 'bank_transfer', 'direct_debit', 'cash', 'convenience_store', 'in_kind', 'other'].map((m) => `ui.fundraisingReports.method.${m}`),
      ...['active', 'paused', 'failing', 'cancelled'].map((s) => `ui.fundraisingReports.status.${s}`),
      ...['monthly', 'yearly'].map((f) => `ui.fundraisingReports.frequency.${f}`),
    ];
    for (const language of ['ja', 'en'] as const) {
      expect(built.filter((key) => !all[language].has(key))).toEqual([]);
    }
  });

  it('write the Japanese in Japanese, not as the English', () => {
    const same = [...jaKeys].filter(([key, text]) => text === enKeys.get(key) && !/^(FY)?\{\{\w+\}\}$/.test(text)).map(([key]) => key);
    expect(same).toEqual([]);
  });
});
