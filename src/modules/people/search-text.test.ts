import { describe, expect, it } from 'vitest';
import { foldForSearch, personSearchText, searchTokens } from './search-text';

describe('search folding', () => {
  it('folds width, case and Latin diacritics', () => {
    expect(foldForSearch('ＭＯＨＡＭＭＥＤ')).toBe('mohammed');
    expect(foldForSearch('Yılmaz ŞAHİN')).toBe('yilmaz sahin');
    expect(foldForSearch('Nguyễn Thị')).toBe('nguyen thi');
    expect(foldForSearch('Dieudonné')).toBe('dieudonne');
  });

  it('reads hiragana as katakana and half-width katakana as full-width', () => {
    expect(foldForSearch('むはんまど')).toBe('ムハンマド');
    expect(foldForSearch('ﾑﾊﾝﾏﾄﾞ')).toBe('ムハンマド');
  });

  it('keeps the marks that are letters in other scripts', () => {
    expect(foldForSearch('အောင်အောင်')).toBe('အောင်အောင်');
    expect(foldForSearch('ሰላም')).toBe('ሰላም');
  });

  it('treats name separators as spaces', () => {
    expect(foldForSearch('ジャン＝ピエール・カバンガ')).toBe('ジャン ピエール カバンガ');
    expect(searchTokens('  Jean-Pierre   KABANGA ')).toEqual(['jean', 'pierre', 'kabanga']);
  });

  it('stores both name orders, the file number and phone digits', () => {
    const text = personSearchText({ fileNumber: 'TB-000042', familyName: 'Tesfaye', givenName: 'Abebe', nameKana: 'アベベ', phone: '080-1234-5678' });
    expect(text).toContain('tesfaye abebe');
    expect(text).toContain('abebe tesfaye');
    expect(text).toContain('tb 000042');
    expect(text).toContain('08012345678');
  });
});
