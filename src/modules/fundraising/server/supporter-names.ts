import { toRomaji } from 'wanakana';
import { foldForSearch } from '../../people/search-text';
import { honorificText, type Honorific, type SupporterKind } from '../contract';

/** What names a supporter carries, as stored. */
export interface SupporterNames {
  kind: SupporterKind;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  organisationName: string;
  organisationNameKana: string;
  department: string;
  honorific: Honorific;
}

const join = (...parts: string[]) => parts.map((p) => p.trim()).filter(Boolean).join(' ');

/** The person's name as written: 山田 太郎 (family name first, as Japanese letters write it). */
export function personName(n: Pick<SupporterNames, 'familyName' | 'givenName'>): string {
  return join(n.familyName, n.givenName);
}

/** How a letter or receipt addresses them: 山田 太郎 様 / 株式会社〇〇 総務部 御中 / 株式会社〇〇 山田 太郎 様. */
export function addressee(n: SupporterNames): string {
  const name = n.kind === 'organisation' ? join(n.organisationName, n.department, personName(n)) : personName(n);
  return `${name} ${honorificText[n.honorific]}`;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

/**
 * How an English letter addresses them: a name written in Latin letters in the Western order
 * without 様 (David Brown); a name in kanji or kana stays as the Japanese addressee.
 */
export function englishAddressee(n: SupporterNames): string {
  const written = `${n.familyName}${n.givenName}${n.organisationName}${n.department}`;
  if (CJK.test(written)) return addressee(n);
  return n.kind === 'organisation' ? join(n.organisationName, n.department, join(n.givenName, n.familyName)) : join(n.givenName, n.familyName);
}

/** The name without honorific, for lists. */
export function listName(n: SupporterNames): string {
  return n.kind === 'organisation' ? join(n.organisationName, n.department, personName(n)) : personName(n);
}

/** The katakana reading for sorting and matching: ヤマダ タロウ. */
export function reading(n: Pick<SupporterNames, 'kind' | 'familyNameKana' | 'givenNameKana' | 'organisationNameKana'>): string {
  return n.kind === 'organisation' && n.organisationNameKana ? n.organisationNameKana : join(n.familyNameKana, n.givenNameKana);
}

/** The default honorific: 御中 for an organisation addressed without a named person, else 様. */
export function defaultHonorific(kind: SupporterKind, familyName: string, givenName: string): Honorific {
  return kind === 'organisation' && familyName === '' && givenName === '' ? 'onchu' : 'sama';
}

/** A kana reading in romaji (ヤマダ タロウ → yamada tarou), for search typed in Latin letters. */
export function kanaRomaji(kana: string): string {
  return kana ? toRomaji(kana).toLowerCase() : '';
}

/**
 * Company-form words that differ between how a company is written on a bank statement, a form
 * and a letter (株式会社 / (株) / ㈱ / カブシキガイシャ / カ)), left out when comparing organisation names.
 */
const ORGANISATION_FORMS = /株式会社|有限会社|合同会社|一般社団法人|公益社団法人|一般財団法人|公益財団法人|社会福祉法人|特定非営利活動法人|認定NPO法人|NPO法人|宗教法人|学校法人|医療法人|\(株\)|\(有\)|\(同\)|㈱|㈲|カブシキガイシャ|カブシキカイシャ|ユウゲンガイシャ|ゴウドウガイシャ|\bカ\)|\(カ\b|\bユ\)|\(ユ\b/g;

/** An organisation's name reduced to what identifies it. */
export function organisationKey(name: string): string {
  return name.normalize('NFKC').replace(ORGANISATION_FORMS, '').replace(/[\s・.,、。()（）]/g, '').toLowerCase();
}

/** The stored search text: every name form and reading, romaji, email, phone digits, 〒, number. */
export function supporterSearchText(s: SupporterNames & { supporterNumber: string; email: string | null; phone: string | null; postalCode: string | null }): string {
  const parts = [
    s.supporterNumber,
    join(s.familyName, s.givenName),
    join(s.givenName, s.familyName),
    s.familyName + s.givenName,
    join(s.familyNameKana, s.givenNameKana),
    s.familyNameKana + s.givenNameKana,
    kanaRomaji(join(s.familyNameKana, s.givenNameKana)),
    kanaRomaji(join(s.givenNameKana, s.familyNameKana)),
    s.organisationName,
    s.organisationNameKana,
    kanaRomaji(s.organisationNameKana),
    s.department,
    s.email ?? '',
    (s.phone ?? '').replace(/\D/g, ''),
    s.postalCode ?? '',
  ];
  return parts.map(foldForSearch).filter(Boolean).join(' | ');
}
