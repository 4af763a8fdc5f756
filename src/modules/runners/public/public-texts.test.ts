import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../../i18n';

type Tree = { [key: string]: string | Tree };
const has = (tree: Tree, key: string): boolean => {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string';
};

describe('the public pages’ texts', () => {
  it('every give.* and runners.* key (texts, and error codes under errors.) the public pages and the server use exists in Japanese and English', () => {
    const dirs = [import.meta.dirname, path.join(import.meta.dirname, '../server')];
    const used = new Set<string>();
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((n) => /\.tsx?$/.test(n) && !n.includes('.test.'))) {
        for (const m of readFileSync(path.join(dir, name), 'utf8').matchAll(/['"`]((?:give|runners)\.[A-Za-z0-9_.]+[A-Za-z0-9_])['"`]/g)) if (m[1]) used.add(m[1]);
      }
    }
    expect(used.size).toBeGreaterThan(60);
    for (const lang of ['ja', 'en'] as const) {
      const tree = catalogues[lang] as Tree;
      const missing = [...used].filter((k) => !has(tree, k) && !has(tree, `errors.${k}`) && !(has(tree, `${k}_one`) && has(tree, `${k}_other`)));
      expect(missing, lang).toEqual([]);
    }
  });
});
