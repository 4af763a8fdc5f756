import { describe, expect, it } from 'vitest';
import type { MatchInput } from '../contract';
import { foldOwnScript, kanaTokens, latinTokens, looseSkeleton, osaDistance, skeleton } from './match-names';
import { dateAgreement, matchKeys, matchProfile, nameScore, rankCandidates } from './match-score';

const name = (a: MatchInput, b: MatchInput) => nameScore(matchProfile(a), matchProfile(b));
const skel = (w: string) => looseSkeleton(skeleton(w));

/** Ranks `people` for `query`; answers [index of the person, level] of the best candidate. */
function best(query: MatchInput, people: MatchInput[]) {
  const ranked = rankCandidates(matchProfile(query), people.map((p, i) => ({ item: i, profile: matchProfile(p) })));
  return ranked[0] ? [ranked[0].item, ranked[0].level] as const : undefined;
}

describe('normalisation', () => {
  it('gives transliteration variants one (loose) consonant skeleton', () => {
    const groups = [
      ['Mahmoud', 'Mahmud', 'Makhmud'],
      ['Hassan', 'Hasan', 'Khassan'],
      ['Youssef', 'Yusuf', 'Yousef'],
      ['Tsehay', 'Tsehaye'],
      ['Tshilombo', 'Tchilombo'],
      ['Choudhury', 'Chowdhury', 'Chaudhry'],
      ['Fatimah', 'Fatima', 'Fatema'],
      ['Oluwaseyi', 'Oluseyi'],
      ['Boateng', 'Boaten'],
    ];
    for (const group of groups) expect(new Set(group.map((w) => skel(w.toLowerCase()))).size, group.join('/')).toBe(1);
    expect(skeleton('mehmet')).not.toBe(skeleton('mahmud'));
  });

  it('reads katakana back into the same skeleton as the Latin spelling', () => {
    const pairs: Array<[string, string]> = [['ムスタファ', 'Mustafa'], ['アフマディ', 'Ahmadi'], ['ヴィクトル', 'Viktor'], ['ジャン＝リュック', 'Jean Luc'], ['サムエル', 'Samuel']];
    for (const [kana, latin] of pairs) {
      expect(kanaTokens(kana).map((t) => t.skel).join(' '), kana).toBe(latinTokens(latin).map((t) => t.skel).join(' '));
    }
  });

  it('folds width, case, diacritics and abbreviations', () => {
    expect(latinTokens('ＯＺＴＵＲＫ', 'Çağrı').map((t) => t.fold)).toEqual(['ozturk', 'cagri']);
    expect(latinTokens('Md Karim').map((t) => t.fold)).toEqual(['muhammad', 'karim']);
  });

  it('folds own-script keyboard variants', () => {
    expect(foldOwnScript('عليّ كريمي')).toBe(foldOwnScript('علي کریمی'));
    expect(foldOwnScript('إسماعيل')).toBe(foldOwnScript('اسماعيل'));
    expect(foldOwnScript('ـعـلـي')).toBe(foldOwnScript('علي'));
    expect(foldOwnScript('ፀጋ')).toBe(foldOwnScript('ጸጋ'));
    expect(foldOwnScript('ሠናይት')).toBe(foldOwnScript('ሰናይት'));
    expect(foldOwnScript('ሐጎስ')).toBe(foldOwnScript('ሀጎስ'));
    expect(foldOwnScript('ዐወት')).toBe(foldOwnScript('አወት'));
    expect(foldOwnScript('ශ්\u200dරී')).toBe(foldOwnScript('ශ්රී'));
  });

  it('counts a transposition as one edit', () => {
    expect(osaDistance('daniel', 'danile')).toBe(1);
    expect(osaDistance('kwame', 'kwme')).toBe(1);
  });

  it('gives query and person the same word and whole-name keys whatever the field order', () => {
    const a = matchKeys(matchProfile({ familyName: 'Tadesse', givenName: 'Meron', dateOfBirth: '1990-01-02' }));
    const b = matchKeys(matchProfile({ familyName: 'Meron', givenName: 'Tadesse', dateOfBirth: '1990-05-06' }));
    for (const keys of [a, b]) expect(keys).toEqual(expect.arrayContaining(['s:ts', 's:mrn', 'f:mrn.ts', 'y:1990']));
  });
});

describe('name similarity', () => {
  const stored = { familyName: 'Abdelkarim', givenName: 'Yahya Salih' };
  it.each([
    ['transliteration', { familyName: 'Abdulkareem', givenName: 'Yehia Saleh' }],
    ['swapped fields', { familyName: 'Yahya Salih', givenName: 'Abdelkarim' }],
    ['split name', { familyName: 'Abdel Karim', givenName: 'Yahya Salih' }],
    ['dropped middle name', { familyName: 'Abdelkarim', givenName: 'Yahya' }],
    ['typo', { familyName: 'Abdelkraim', givenName: 'Yahya Salih' }],
    ['capitals and width', { familyName: 'ＡＢＤＥＬＫＡＲＩＭ', givenName: 'YAHYA SALIH' }],
    ['katakana only', { nameKana: 'ヤヒヤ・サリフ・アブデルカリム' }],
  ])('matches %s', (_kind, query) => {
    expect(name(query, stored)).toBeGreaterThanOrEqual(0.85);
  });

  it('matches diacritics, particles and joined names', () => {
    expect(name({ familyName: 'Ozdemir', givenName: 'Sukru' }, { familyName: 'Özdemir', givenName: 'Şükrü' })).toBeGreaterThanOrEqual(0.95);
    expect(name({ familyName: 'El Amrani', givenName: 'Said' }, { familyName: 'Elamrani', givenName: 'Saeed' })).toBeGreaterThanOrEqual(0.85);
    expect(name({ familyName: '', givenName: 'Thandar Win' }, { familyName: 'Thandarwin', givenName: '' })).toBeGreaterThanOrEqual(0.85);
    expect(name({ nameKana: 'ティンティン' }, { givenName: 'Tin Tin' })).toBeGreaterThanOrEqual(0.85);
  });

  it('matches own script only against own script', () => {
    expect(name({ nameInOwnScript: 'يحيى صالح عبدالكريم' }, { familyName: 'x', nameInOwnScript: 'یحیی صالح عبد الکریم' })).toBeGreaterThanOrEqual(0.85);
    expect(name({ nameInOwnScript: 'ፀሐይ ገብሩ' }, { familyName: 'x', nameInOwnScript: 'ጸሀይ ገብሩ' })).toBeGreaterThanOrEqual(0.95);
    expect(name({ nameInOwnScript: 'ፀሐይ ገብሩ' }, { familyName: 'Tsehay', givenName: 'Gebru' })).toBe(0);
  });

  it('keeps siblings and one shared word apart', () => {
    expect(name({ familyName: 'Mensah', givenName: 'Akua' }, { familyName: 'Mensah', givenName: 'Esi' })).toBeLessThan(0.7);
    expect(name({ familyName: 'Hakimi', givenName: 'Laila' }, { familyName: 'Hakimi', givenName: 'Nargis' })).toBeLessThan(0.7);
    // A name joined to another word is not that word alone.
    expect(name({ familyName: 'Rostami', givenName: 'Ali' }, { familyName: 'Rostami', givenName: 'Ara' })).toBeLessThan(0.85);
  });
});

describe('dates of birth', () => {
  const p = (dateOfBirth: string, dateOfBirthEstimated = false) => matchProfile({ familyName: 'x', dateOfBirth, dateOfBirthEstimated });
  it('tells exact, swapped, year-only, off-by-one and far dates apart', () => {
    expect(dateAgreement(p('1984-03-09'), p('1984-03-09'))).toBe('exact');
    expect(dateAgreement(p('1984-09-03'), p('1984-03-09'))).toBe('swap');
    expect(dateAgreement(p('1984-01-01', true), p('1984-03-09'))).toBe('year');
    expect(dateAgreement(p('1985-03-09'), p('1984-03-09'))).toBe('off1');
    expect(dateAgreement(p('1986-01-01', true), p('1984-03-09'))).toBe('apart');
    expect(dateAgreement(p('1999-03-09'), p('1984-03-09'))).toBe('far');
    expect(dateAgreement(matchProfile({ familyName: 'x' }), p('1984-03-09'))).toBe('unknown');
  });
});

describe('levels', () => {
  const person = { familyName: 'Nkurunziza', givenName: 'Aline', dateOfBirth: '1996-10-02', sex: 'female', nationality: 'BI' } as const;
  it('calls a re-spelt person with a compatible date strong', () => {
    expect(best({ familyName: 'Nkurunziza', givenName: 'Alinne', dateOfBirth: '1996-02-10', nationality: 'BI' }, [person])).toEqual([0, 'strong']);
    expect(best({ familyName: 'NKURUNZIZA', givenName: 'ALINE', dateOfBirth: '1997-10-02', sex: 'female' }, [person])).toEqual([0, 'strong']);
    expect(best({ nameKana: 'アリーヌ・ンクルンジザ', dateOfBirth: '1996-01-01', dateOfBirthEstimated: true }, [person])).toEqual([0, 'strong']);
  });

  it('never calls a name alone strong', () => {
    expect(best({ familyName: 'Nkurunziza', givenName: 'Aline' }, [person])).toEqual([0, 'possible']);
  });

  it('does not call the same name strong with a far date, another sex, or another nationality and date', () => {
    expect(best({ ...person, dateOfBirth: '1978-04-20' }, [person])?.[1]).toBe('possible');
    expect(best({ ...person, sex: 'male', dateOfBirth: '1990-06-01' }, [person])?.[1]).toBe('possible');
    expect(best({ ...person, nationality: 'RW', dateOfBirth: '2003-05-05' }, [person])?.[1]).toBe('possible');
    expect(best({ ...person, givenName: 'Divine', dateOfBirth: '1996-10-02' }, [person])?.[1] ?? 'possible').toBe('possible');
  });

  it('asks more of the date when the name is common', () => {
    const common = ['1970-02-01', '1982-07-15', '1991-11-30', '2001-04-04'].map((d, i) => ({ familyName: 'Hussein', givenName: 'Ali', dateOfBirth: d, sex: 'male' as const, nationality: ['IQ', 'SY', 'SD', 'YE'][i] }));
    // One year off matches one of four Ali Husseins: possible, not strong.
    expect(best({ familyName: 'Husein', givenName: 'Ali', dateOfBirth: '1983-07-15', sex: 'male' }, common)).toEqual([1, 'possible']);
    // The exact date is strong evidence even for a common name.
    expect(best({ familyName: 'Husein', givenName: 'Ali', dateOfBirth: '1982-07-15', sex: 'male' }, common)).toEqual([1, 'strong']);
    // Someone new with that name and another date: nobody strong.
    const ranked = rankCandidates(matchProfile({ familyName: 'Hussain', givenName: 'Ali', dateOfBirth: '1965-09-09', sex: 'male' }), common.map((p, i) => ({ item: i, profile: matchProfile(p) })));
    expect(ranked.length).toBe(4);
    expect(ranked.every((c) => c.level === 'possible')).toBe(true);
  });
});
