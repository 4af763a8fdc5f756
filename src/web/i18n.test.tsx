import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../i18n';
import { modules } from '../modules/index';

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

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'server' || name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.tsx') ? [full] : [];
  });
}

describe('translations', () => {
  const jaKeys = leaves(catalogues.ja as Tree);
  const enKeys = leaves(catalogues.en as Tree);

  it('ja.json and en.json have exactly the same keys', () => {
    expect([...jaKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('each module catalogue has the same keys in both languages', () => {
    for (const module of modules.flatMap((m) => m.catalogues)) {
      expect([...leaves(module.ja as Tree).keys()].sort()).toEqual([...leaves(module.en as Tree).keys()].sort());
    }
  });

  it('has no empty text', () => {
    const empty = [...jaKeys, ...enKeys].filter(([, value]) => value.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('has every literal ui.* key the web code uses', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const used = new Set<string>();
    for (const file of [...sourceFiles(path.join(root, 'web')), ...sourceFiles(path.join(root, 'modules'))]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/['"](ui\.[A-Za-z0-9_.]+[A-Za-z0-9_])['"]/g)) {
        if (match[1]) used.add(match[1]);
      }
    }
    expect(used.size).toBeGreaterThan(50);
    // A key used with `count` may exist only in its plural forms (key_one, key_other).
    const missing = [...used].filter((key) => !jaKeys.has(key) && !(jaKeys.has(`${key}_one`) && jaKeys.has(`${key}_other`)));
    expect(missing).toEqual([]);
  });
});
