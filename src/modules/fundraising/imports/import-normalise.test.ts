import { describe, expect, it } from 'vitest';
import {
  isBlankMarker,
  isFormulaCell,
  isMasked,
  kanaMatchKey,
  nonGiftDeposit,
  normalisePrefecture,
  normaliseText,
  organisationFromName,
  parseBankPayer,
  parseEmail,
  parseImportDate,
  parseKanaName,
  parseMethod,
  parsePhone,
  parsePostalCode,
  parseRecurrence,
  parseYen,
  parseYesNo,
  splitAddress,
  splitFullName,
  stripLegalFormReading,
  tokyoDate,
  tokyoToday,
  toKatakanaReading,
} from './import-normalise';

const value = <T>(parsed: { ok: true; value: T } | { ok: false }) => (parsed.ok ? parsed.value : 'refused');

describe('text, kana and names', () => {
  it('folds width with NFKC: full-width letters and digits, half-width kana, ㈱', () => {
    expect(normaliseText('ＡＢＣ　１２３')).toBe('ABC 123');
    expect(normaliseText('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe('ヤマダ タロウ');
    expect(normaliseText('㈱テスト\n商事')).toBe('(株)テスト 商事');
  });

  it('writes readings in katakana, from hiragana or half-width kana', () => {
    expect(toKatakanaReading('やまだ　たろう')).toBe('ヤマダ タロウ');
    expect(toKatakanaReading('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe('ヤマダ タロウ');
  });

  it('splits a one-column name: family name first in Japanese, given name first in Latin letters', () => {
    expect(splitFullName('山田　太郎')).toEqual({ familyName: '山田', givenName: '太郎' });
    expect(splitFullName('Amina Yusuf')).toEqual({ familyName: 'Yusuf', givenName: 'Amina' });
    expect(splitFullName('Jean-Pierre Kabanga Mutombo')).toEqual({ familyName: 'Mutombo', givenName: 'Jean-Pierre Kabanga' });
    expect(splitFullName('山田太郎')).toEqual({ familyName: '山田太郎', givenName: '' });
  });

  it('finds an organisation by its legal form and writes abbreviations out, as a receipt must', () => {
    expect(organisationFromName('(株)ヤマダ商事')).toEqual({ organisationName: '株式会社ヤマダ商事', legalForm: '株式会社' });
    expect(organisationFromName('㈲田中工務店')).toEqual({ organisationName: '有限会社田中工務店', legalForm: '有限会社' });
    expect(organisationFromName('認定NPO法人 難民支援の会')).toEqual({ organisationName: '認定NPO法人 難民支援の会', legalForm: '特定非営利活動法人' });
    expect(organisationFromName('一般社団法人 東京ボランティア')?.legalForm).toBe('一般社団法人');
    expect(organisationFromName('医療法人社団 さくら会')?.legalForm).toBe('医療法人');
    expect(organisationFromName('山田 太郎')).toBeNull();
  });

  it('reads a kana name: a person, or an organisation in the bank forms カ)…, …(カ and …(カ)…支店', () => {
    expect(parseKanaName('ヤマダ タロウ')).toMatchObject({ kind: 'individual', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ' });
    expect(parseKanaName('ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ')).toMatchObject({
      kind: 'organisation',
      organisationNameKana: 'ヤマダショウジ',
      organisationName: '株式会社ヤマダショウジ',
      legalForm: '株式会社',
    });
    expect(parseKanaName('ﾔﾏﾀﾞｼｮｳｼﾞ(ｶ')).toMatchObject({ kind: 'organisation', organisationNameKana: 'ヤマダショウジ', organisationName: 'ヤマダショウジ株式会社' });
    expect(parseKanaName('ﾔﾏﾀﾞｼﾖｳｼﾞ(ｶ)ﾁﾊﾞｼﾃﾝ')).toMatchObject({ organisationNameKana: 'ヤマダシヨウジ', organisationName: 'ヤマダシヨウジ株式会社 チバシテン' });
    expect(parseKanaName('(ｶ)ﾔﾏﾀﾞ')).toMatchObject({ kind: 'organisation', organisationNameKana: 'ヤマダ' });
    expect(parseKanaName('ﾄｸﾋ)ﾅﾝﾐﾝｼｴﾝﾈﾂﾄ')).toMatchObject({ legalForm: '特定非営利活動法人', organisationNameKana: 'ナンミンシエンネツト' });
    expect(parseKanaName('ｼｬ)ﾆﾎﾝｷﾖｳｶｲ')).toMatchObject({ legalForm: '社団法人' });
    expect(parseKanaName('ﾕ)ﾀﾅｶｺｳﾑﾃﾝ')).toMatchObject({ legalForm: '有限会社' });
    // A one-letter form only counts with its bracket: シバタ and イトウ are people.
    expect(parseKanaName('シバタ イトウ')).toMatchObject({ kind: 'individual' });
  });

  it('reads a bank payer: drops 振込 / ﾌﾘｺﾐ and the payer code, keeps the reading as the name', () => {
    expect(parseBankPayer('ﾔﾏﾀﾞ ﾀﾛｳ')).toMatchObject({
      kind: 'individual',
      familyName: 'ヤマダ',
      givenName: 'タロウ',
      familyNameKana: 'ヤマダ',
      givenNameKana: 'タロウ',
      isNameFromKana: true,
    });
    expect(parseBankPayer('振込 ﾀﾅｶ ﾊﾅｺ')).toMatchObject({ familyNameKana: 'タナカ', givenNameKana: 'ハナコ' });
    expect(parseBankPayer('ﾌﾘｺﾐ ｽｽﾞｷ ｲﾁﾛｳ')).toMatchObject({ familyNameKana: 'スズキ' });
    expect(parseBankPayer('1234567890ﾔﾏﾀﾞ ﾀﾛｳ')).toMatchObject({ familyNameKana: 'ヤマダ' });
    // A kana word needs a space after it: this is a company called ﾌﾘｺﾐﾈｯﾄ, not a transfer.
    expect(parseBankPayer('ﾌﾘｺﾐﾈﾂﾄ(ｶ')).toMatchObject({ kind: 'organisation', organisationNameKana: 'フリコミネツト' });
    expect(parseBankPayer('㈱髙野商店')).toMatchObject({ kind: 'organisation', organisationName: '株式会社髙野商店', isNameFromKana: false });
  });

  it('leaves the legal form out of an organisation’s reading, at either end', () => {
    expect(stripLegalFormReading('カブシキガイシャ サンプル')).toBe('サンプル');
    expect(stripLegalFormReading('サンプルカブシキガイシャ')).toBe('サンプル');
    expect(stripLegalFormReading('とくていひえいりかつどうほうじん なんみんしえん')).toBe('ナンミンシエン');
    expect(stripLegalFormReading('カブシキガイシャ')).toBe('カブシキガイシャ');
    expect(stripLegalFormReading('ヤマダショウジ')).toBe('ヤマダショウジ');
  });

  it('compares readings however a bank or a person typed them', () => {
    expect(kanaMatchKey('ﾔﾏﾀﾞｼﾖｳｼﾞ')).toBe(kanaMatchKey('やまだ しょうじ'));
    expect(kanaMatchKey('ヤマダ・ショウジ')).toBe('ヤマダシヨウジ');
    expect(kanaMatchKey('サトー')).toBe(kanaMatchKey('ｻﾄ-'));
  });

  it('tells a platform payout and interest from a gift', () => {
    expect(nonGiftDeposit('ｺﾝｸﾞﾗﾝﾄ(ｶ')).toBe('platform_payout');
    expect(nonGiftDeposit('CONGRANTｽﾄﾗｲﾌﾟｼﾞﾔﾊﾟﾝ(ｶ')).toBe('platform_payout');
    expect(nonGiftDeposit('ｶ)STYZ')).toBe('platform_payout');
    expect(nonGiftDeposit('ﾘｿｸ')).toBe('interest');
    expect(nonGiftDeposit('ﾔﾏﾀﾞ ﾀﾛｳ')).toBeNull();
  });
});

describe('amounts', () => {
  it.each([
    ['1000', 1000],
    ['1,000', 1000],
    ['¥1,000', 1000],
    ['￥１，０００', 1000],
    ['１，０００円', 1000],
    ['\\3,000', 3000],
    ['1000.0', 1000],
    ['1000.00', 1000],
    ['金10,000円也', 10000],
    ['1万', 10000],
    ['1.5万', 15000],
    ['1万5000', 15000],
    ['-500', -500],
    ['▲500', -500],
    ['(500)', -500],
    ['0', 0],
  ])('%s is %d yen', (text, yen) => {
    expect(parseYen(text)).toEqual({ ok: true, value: yen });
  });

  it.each(['1000.5', '1,500.5', '1.000', '1,00', 'abc', '', '¥', '1e3', '10000000001'])('%s is refused', (text) => {
    expect(parseYen(text)).toEqual({ ok: false });
  });
});

describe('dates', () => {
  it.each([
    ['2026/01/05', '2026-01-05'],
    ['2026/1/5', '2026-01-05'],
    ['2026-01-05 13:22', '2026-01-05'],
    ['2026/1/5 9:05:00', '2026-01-05'],
    ['2026.01.05', '2026-01-05'],
    ['2026年1月5日', '2026-01-05'],
    ['2026年01月05日(月)', '2026-01-05'],
    ['2026年1月5日 13時22分', '2026-01-05'],
    ['２０２６／０１／０５', '2026-01-05'],
    ['20260105', '2026-01-05'],
    ['令和8年1月5日', '2026-01-05'],
    ['R8.1.5', '2026-01-05'],
    ['r08/01/05', '2026-01-05'],
    ['㋿8年1月5日', '2026-01-05'],
    ['令和元年5月1日', '2019-05-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['H31.4.30', '2019-04-30'],
    ['昭和64年1月7日', '1989-01-07'],
  ])('%s is %s', (text, iso) => {
    expect(parseImportDate(text)).toEqual({ ok: true, value: iso });
  });

  it('dates a timestamp with a zone in Tokyo, the office’s day', () => {
    expect(value(parseImportDate('2026-01-04T20:00:00Z'))).toBe('2026-01-05');
    expect(value(parseImportDate('2026-01-05T23:30:00+09:00'))).toBe('2026-01-05');
    expect(value(parseImportDate('2026-01-05T23:30:00-05:00'))).toBe('2026-01-06');
    expect(tokyoDate(new Date('2026-01-04T15:00:00Z'))).toBe('2026-01-05');
    expect(tokyoToday(new Date('2026-03-31T15:30:00Z'))).toBe('2026-04-01');
  });

  it.each(['2026/02/30', '2026/13/01', '1/5/2026', '05.01.2026', '平成31年5月1日', '令和1年4月30日', '2026/01/05 extra', 'today', '', '1899/12/31'])(
    '%s is refused',
    (text) => {
      expect(parseImportDate(text)).toEqual({ ok: false });
    },
  );
});

describe('contact details', () => {
  it('reads postal codes as seven digits', () => {
    expect(value(parsePostalCode('〒104-0061'))).toBe('1040061');
    expect(value(parsePostalCode('１０４－００６１'))).toBe('1040061');
    expect(value(parsePostalCode('104 0061'))).toBe('1040061');
    expect(parsePostalCode('104006')).toEqual({ ok: false });
    expect(parsePostalCode('1040061-1')).toEqual({ ok: false });
  });

  it('reads phones with their digits, in any width', () => {
    expect(value(parsePhone('０９０－１２３４－５６７８'))).toBe('090-1234-5678');
    expect(value(parsePhone('+81 90-1234-5678'))).toBe('+81 90-1234-5678');
    expect(value(parsePhone('(03)1234-5678'))).toBe('(03)1234-5678');
    expect(parsePhone('1234')).toEqual({ ok: false });
    expect(parsePhone('090-1234-5678 内線12')).toEqual({ ok: false });
  });

  it('reads emails trimmed and in lower case, refusing what cannot be one', () => {
    expect(value(parseEmail('  Taro.Yamada@Example.JP '))).toBe('taro.yamada@example.jp');
    expect(value(parseEmail('ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ'))).toBe('taro@example.jp');
    for (const bad of ['yosuke@', 'no-at.example.jp', 'a@b', 'a b@example.jp']) expect(parseEmail(bad)).toEqual({ ok: false });
  });

  it('completes a prefecture and splits one off a whole address', () => {
    expect(normalisePrefecture('東京')).toBe('東京都');
    expect(normalisePrefecture('大阪')).toBe('大阪府');
    expect(normalisePrefecture('北海道')).toBe('北海道');
    expect(splitAddress('東京都渋谷区渋谷2-21-1')).toEqual({ prefecture: '東京都', rest: '渋谷区渋谷2-21-1' });
    expect(splitAddress('〒150-0002 東京都渋谷区渋谷２－２１－１')).toEqual({ prefecture: '東京都', rest: '渋谷区渋谷2-21-1' });
    expect(splitAddress('渋谷区渋谷2-21-1')).toEqual({ prefecture: '', rest: '渋谷区渋谷2-21-1' });
  });
});

describe('labels', () => {
  it.each([
    ['クレジットカード', 'card'],
    ['カード決済', 'card'],
    ['Amazon Pay', 'card'],
    ['銀行振込', 'bank_transfer'],
    ['郵便振替', 'bank_transfer'],
    ['口座振替', 'direct_debit'],
    ['口座引き落とし', 'direct_debit'],
    ['コンビニ払い', 'convenience_store'],
    ['現金', 'cash'],
    ['手渡し', 'cash'],
    ['PayPay', null],
  ])('the method %s is %s', (label, method) => {
    expect(parseMethod(label)).toBe(method);
  });

  it.each([
    ['単発', 'one_time'],
    ['1回のみ', 'one_time'],
    ['継続', 'monthly'],
    ['毎月', 'monthly'],
    ['マンスリーサポーター', 'monthly'],
    ['毎年', 'yearly'],
    ['年会費', 'yearly'],
    ['継続(毎年)', 'yearly'],
    ['不明', null],
  ])('the frequency %s is %s', (label, recurrence) => {
    expect(parseRecurrence(label)).toBe(recurrence);
  });

  it('reads yes and no, refusals first', () => {
    for (const yes of ['許可', 'はい', '公開する', '可', '○', 'yes', 'TRUE', '1', '掲載を希望']) expect(parseYesNo(yes)).toBe(true);
    for (const no of ['不可', 'いいえ', '公開しない', '非公開', '掲載不可', '×', 'no', '0', '希望しない']) expect(parseYesNo(no)).toBe(false);
    expect(parseYesNo('たぶん')).toBeNull();
  });
});

describe('cells that are formulas, blanks or masks', () => {
  it('flags what a spreadsheet would run, in ASCII or full-width', () => {
    for (const formula of ['=SUM(A1:A9)', '@SUM(A1)', '+HYPERLINK("http://x")', '-cmd', "-2+3+cmd|' /C calc'!A0", '＝1+1', '＋HYPERLINK("x")', '＠foo', '  =1+1']) {
      expect(isFormulaCell(formula), formula).toBe(true);
    }
  });

  it('lets numbers and phones through', () => {
    for (const data of ['+81 90-1234-5678', '+81 (0)3-1234-5678', '-500', '-1,000.5', '－５００', 'ヤマダ', 'a=b', 'info@example.jp']) {
      expect(isFormulaCell(data), data).toBe(false);
    }
  });

  it('reads a dash as nothing and ***** as withheld', () => {
    expect(isBlankMarker('-')).toBe(true);
    expect(isBlankMarker('－－')).toBe(true);
    expect(isBlankMarker('ー')).toBe(true);
    expect(isBlankMarker('-5')).toBe(false);
    expect(isMasked('*****')).toBe(true);
    expect(isMasked('＊＊＊')).toBe(true);
    expect(isMasked('*a*')).toBe(false);
  });
});
