import { describe, expect, it } from 'vitest';
import { CountryCode, LanguageCode, displayName } from './codes';

describe('country and language codes', () => {
  it('accepts real ISO codes in any case and refuses made-up or malformed ones', () => {
    expect(CountryCode.parse('cd')).toBe('CD');
    for (const bad of ['XX', 'XA', 'QM', 'AA', 'EU', 'C', 'C1', '日本', '']) expect(CountryCode.safeParse(bad).success, bad).toBe(false);
    // Kosovo's code sits in the private-use range but is the one in use.
    expect(CountryCode.parse('xk')).toBe('XK');
    expect(LanguageCode.parse('KMR')).toBe('kmr');
    for (const bad of ['zz9', 'xx', 'english', '', '!!']) expect(LanguageCode.safeParse(bad).success, bad).toBe(false);
  });

  it('names countries and languages in Japanese and English', () => {
    expect(displayName('region', 'ET', 'ja')).toBe('エチオピア');
    expect(displayName('region', 'ET', 'en')).toBe('Ethiopia');
    expect(displayName('language', 'ti', 'ja')).toBe('ティグリニア語');
    expect(displayName('language', 'zz9', 'en')).toBe('zz9');
  });
});
