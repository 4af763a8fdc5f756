import { describe, expect, it } from 'vitest';
import sharedEn from '../../../i18n/en.json';
import { type Catalogue, mergeCatalogues } from '../../../i18n/index';
import sharedJa from '../../../i18n/ja.json';
import { modules } from '../../index';
import en from './i18n/imports.en.json';
import ja from './i18n/imports.ja.json';
import {
  ImportFileErrorCode,
  ImportMapping,
  ImportRecurrence,
  ImportRowErrorKey,
  ImportRowWarningKey,
  ImportSkipReason,
  ImportSource,
  ImportTarget,
} from './imports.contract';

/** Every key path of a catalogue, `errors.import.empty` style. */
function keysOf(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}

function textAt(catalogue: Catalogue, path: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the import catalogues', () => {
  it('say the same things in Japanese and English', () => {
    expect(keysOf(ja).sort()).toEqual(keysOf(en).sort());
    for (const key of keysOf(en)) expect(placeholders(textAt(ja, key) ?? ''), key).toEqual(placeholders(textAt(en, key) ?? ''));
  });

  it('have a message for every error and warning key the import emits', () => {
    const codes = [...ImportRowErrorKey.options, ...ImportRowWarningKey.options, ...ImportFileErrorCode.options];
    for (const code of codes) {
      expect(textAt(ja, `errors.${code}`), code).toBeTruthy();
      expect(textAt(en, `errors.${code}`), code).toBeTruthy();
    }
    // And no message for a key nothing emits.
    expect(keysOf(en).filter((k) => k.startsWith('errors.')).sort()).toEqual(codes.map((c) => `errors.${c}`).sort());
  });

  it('only interpolate what the code passes', () => {
    const rowParams = ['column', 'value', 'maximum', 'today'];
    for (const key of [...ImportRowErrorKey.options, ...ImportRowWarningKey.options]) {
      for (const name of placeholders(textAt(en, `errors.${key}`) ?? '')) expect(rowParams, key).toContain(name);
    }
    const fileParams: Record<string, string[]> = {
      'import.too_large': ['maxMb'],
      'import.too_many_rows': ['maxRows'],
      'import.malformed_csv': ['line'],
      'import.mapping_unknown_column': ['column'],
      'import.mapping_duplicate': ['column'],
    };
    for (const code of ImportFileErrorCode.options) expect(placeholders(textAt(en, `errors.${code}`) ?? ''), code).toEqual(fileParams[code] ?? []);
  });

  it('label every target, source, skip reason and frequency', () => {
    for (const target of [...ImportTarget.options, 'donor', 'file']) expect(textAt(ja, `fields.giftImports.${target}`), target).toBeTruthy();
    for (const source of ImportSource.options) expect(textAt(ja, `ui.giftImports.sources.${source}`), source).toBeTruthy();
    for (const reason of ImportSkipReason.options) expect(textAt(ja, `ui.giftImports.skipped.${reason}`), reason).toBeTruthy();
    for (const recurrence of ImportRecurrence.options) expect(textAt(ja, `ui.giftImports.recurring.${recurrence}`), recurrence).toBeTruthy();
  });

  it('repeat no key of the shared catalogue or of any module', () => {
    const others = modules.flatMap((m) => m.catalogues).filter((c) => c.ja !== ja && c.en !== en);
    expect(() => mergeCatalogues([sharedJa, ...others.map((c) => c.ja), ja])).not.toThrow();
    expect(() => mergeCatalogues([sharedEn, ...others.map((c) => c.en), en])).not.toThrow();
  });
});

describe('a saved mapping', () => {
  it('names targets with headers, null switching a default off', () => {
    expect(ImportMapping.parse({ receivedOn: ' 入金日 ', publishName: null })).toEqual({ receivedOn: '入金日', publishName: null });
  });

  it('refuses a target that does not exist and an empty header', () => {
    expect(ImportMapping.safeParse({ birthday: '誕生日' }).success).toBe(false);
    expect(ImportMapping.safeParse({ receivedOn: '  ' }).success).toBe(false);
  });
});
