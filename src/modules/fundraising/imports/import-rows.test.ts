import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/http/errors';
import { BANK_STATEMENT_TEXT } from './fixtures/bank-statement';
import { decodeImportFile, parseCsv, type ParsedCsv } from './import-parse';
import { mapRows } from './import-rows';
import { detectSource, suggestMapping } from './import-sources';
import { type ImportMapping, ImportPreview, type ImportRow, type ImportSource } from './imports.contract';

const TODAY = '2026-02-01';

const fixture = (name: string) => parseCsv(decodeImportFile(new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)))).text);

/** What the import screen does: detect the source, take its default mapping, map the rows. */
function importText(parsed: ParsedCsv, source: ImportSource = detectSource(parsed.headers), saved: ImportMapping = {}) {
  return mapRows(parsed, suggestMapping(source, parsed.headers, saved), { source, today: TODAY });
}

const rowAt = (rows: readonly ImportRow[], line: number) => {
  const row = rows.find((r) => r.line === line);
  if (!row) throw new Error(`no valid row on line ${line}`);
  return row;
};

describe('a Congrant export', () => {
  const preview = importText(fixture('congrant-sample.csv'));

  it('counts what the fundraiser checks against Congrant: rows, valid, errors, total', () => {
    expect(preview.source).toBe('congrant');
    expect(preview.summary).toEqual({ rows: 7, valid: 4, errors: 3, skipped: 0, warnings: 0, totalYen: 109_000 });
    expect(() => ImportPreview.parse(preview)).not.toThrow();
  });

  it('reads a one-time card gift with the donor’s kanji name, reading, address and message', () => {
    expect(rowAt(preview.rows, 2)).toMatchObject({
      externalId: 'CG-20260105-0001',
      isExternalIdDerived: false,
      donorExternalId: 'S000101',
      receivedOn: '2026-01-05',
      amountYen: 3000,
      feeYen: 137,
      method: 'card',
      recurring: 'one_time',
      campaignCode: '冬季緊急支援2025',
      donorMessage: '寒い冬を乗り切ってください。\n応援しています',
      isAnonymous: false,
      publishName: true,
      supporter: {
        kind: 'individual',
        familyName: '山田',
        givenName: '太郎',
        // Typed in hiragana on the form; stored in katakana.
        familyNameKana: 'ヤマダ',
        givenNameKana: 'タロウ',
        email: 'taro.yamada@example.jp',
        phone: '090-1234-5678',
        postalCode: '1040061',
        prefecture: '東京都',
        city: '中央区',
        line1: '銀座1-2-3',
        line2: '銀座ビル5F',
      },
    });
  });

  it('reads a monthly gift, a full-width postal code, and a blank 広報物への掲載 as "do not publish"', () => {
    expect(rowAt(preview.rows, 4)).toMatchObject({
      recurring: 'monthly',
      amountYen: 1000,
      publishName: false,
      supporter: { familyName: '佐藤', givenName: '花子', postalCode: '1600022', phone: null },
    });
  });

  it('reads a company’s gift as an organisation with its contact person', () => {
    expect(rowAt(preview.rows, 5)).toMatchObject({
      amountYen: 100_000,
      method: 'bank_transfer',
      supporter: { kind: 'organisation', organisationName: '株式会社テスト商事', legalForm: '株式会社', familyName: '鈴木', givenName: '一郎' },
    });
  });

  it('reads a gift without a name as anonymous, never published, the email kept for the receipt', () => {
    expect(rowAt(preview.rows, 6)).toMatchObject({
      isAnonymous: true,
      publishName: false,
      supporter: { familyName: '', givenName: '', email: 'tokumei@example.jp' },
    });
  });

  it('keeps out a formula cell, a fraction of a yen and a gift dated after today, with their lines and columns', () => {
    expect(preview.failures).toEqual([
      {
        line: 7,
        errors: [{ line: 7, column: '氏名(姓)', key: 'import.formula_cell', params: { column: '氏名(姓)', value: '=HYPERLINK("http://evil.example/","山田")' } }],
      },
      { line: 8, errors: [{ line: 8, column: '寄付金額', key: 'import.amount_invalid', params: { column: '寄付金額', value: '1,500.5' } }] },
      { line: 9, errors: [{ line: 9, column: '寄付日時', key: 'import.date_in_future', params: { column: '寄付日時', value: '2026/12/24 10:00', today: TODAY } }] },
    ]);
    // The formula never reaches a row in any form.
    expect(JSON.stringify(preview.rows)).not.toContain('HYPERLINK');
  });

  it('reads the same gifts from the other spelling of Congrant’s columns', () => {
    const parsed = parseCsv(
      [
        '決済ID,寄付日時,寄付金額,決済方法,寄付者姓,寄付者名,寄付者姓（カナ）,寄付者名（カナ）,メールアドレス,寄付タイプ（単発/継続）,応援メッセージ,名前の公開',
        'CG-1,2026/01/05 13:22,"3,000",クレジットカード,山田,太郎,ヤマダ,タロウ,taro@example.jp,継続,ありがとう,公開する',
      ].join('\r\n'),
    );
    expect(detectSource(parsed.headers)).toBe('congrant');
    expect(importText(parsed).rows[0]).toMatchObject({
      amountYen: 3000,
      recurring: 'monthly',
      donorMessage: 'ありがとう',
      publishName: true,
      supporter: { familyName: '山田', givenNameKana: 'タロウ', email: 'taro@example.jp' },
    });
  });
});

describe('a Syncable export', () => {
  const preview = importText(fixture('syncable-sample.csv'));

  it('reads every gift, a charity runner’s included', () => {
    expect(preview.source).toBe('syncable');
    expect(preview.summary).toEqual({ rows: 5, valid: 5, errors: 0, skipped: 0, warnings: 1, totalYen: 70_000 });
    expect(rowAt(preview.rows, 2)).toMatchObject({
      externalId: 'SY-1001',
      receivedOn: '2026-01-06',
      runnerCode: 'R-0042',
      campaignCode: '東京マラソン2026 チャリティ',
      publishName: true,
      supporter: { familyName: '高橋', givenName: '美咲', familyNameKana: 'タカハシ', givenNameKana: 'ミサキ', phone: '+81 90-8765-4321', postalCode: '1500002' },
    });
  });

  it('splits the one-column address into prefecture and the rest', () => {
    expect(rowAt(preview.rows, 2).supporter).toMatchObject({ prefecture: '東京都', line1: '渋谷区渋谷2-21-1' });
  });

  it('reads a foreign donor’s name given name first, Amazon Pay as a card, マンスリー as monthly', () => {
    expect(rowAt(preview.rows, 3)).toMatchObject({ method: 'card', recurring: 'monthly', publishName: false, supporter: { familyName: 'Yusuf', givenName: 'Amina' } });
  });

  it('records a masked anonymous gift without a supporter, and without a warning', () => {
    expect(rowAt(preview.rows, 4)).toMatchObject({ supporter: null, isAnonymous: true, publishName: false, amountYen: 10_000, runnerCode: 'R-0042', warnings: [] });
  });

  it('reads a company from the name column, its reading without カブシキガイシャ', () => {
    expect(rowAt(preview.rows, 5).supporter).toMatchObject({ kind: 'organisation', organisationName: '株式会社サンプル', organisationNameKana: 'サンプル', legalForm: '株式会社' });
  });

  it('keeps a gift with a broken email and postal code, saying what it left out', () => {
    const row = rowAt(preview.rows, 6);
    expect(row.supporter).toMatchObject({ familyNameKana: 'ナカムラ', givenNameKana: 'ヨウスケ', email: null, postalCode: null });
    expect(row.warnings.map((w) => [w.key, w.column, w.params.value])).toEqual([
      ['import.email_invalid', 'メールアドレス', 'yosuke@'],
      ['import.postal_invalid', '郵便番号', '12345'],
    ]);
  });
});

describe('a bank statement in Shift_JIS', () => {
  const preview = importText(fixture('bank-nyushukkin.sjis.csv'));

  it('imports the transfers in and skips money out, Congrant’s payout and interest', () => {
    expect(preview.source).toBe('bank');
    expect(preview.summary).toEqual({ rows: 9, valid: 6, errors: 0, skipped: 3, warnings: 0, totalYen: 98_000 });
    expect(preview.skipped).toEqual([
      { line: 5, reason: 'withdrawal' },
      { line: 6, reason: 'platform_payout' },
      { line: 10, reason: 'interest' },
    ]);
    expect(preview.rows.every((r) => r.method === 'bank_transfer' && r.feeYen === 0)).toBe(true);
  });

  it('reads half-width kana payers as readings, and companies in the bank’s abbreviations', () => {
    expect(rowAt(preview.rows, 2).supporter).toMatchObject({ kind: 'individual', familyName: 'ヤマダ', givenName: 'タロウ', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', isNameFromKana: true });
    expect(rowAt(preview.rows, 3).supporter).toMatchObject({ kind: 'organisation', organisationNameKana: 'ヤマダシヨウジ', organisationName: '株式会社ヤマダシヨウジ', legalForm: '株式会社' });
    expect(rowAt(preview.rows, 7).supporter).toMatchObject({ kind: 'organisation', organisationNameKana: 'トビラケンセツ', organisationName: 'トビラケンセツ株式会社' });
    expect(rowAt(preview.rows, 8).supporter).toMatchObject({ kind: 'organisation', organisationName: '株式会社髙野商店', isNameFromKana: false });
  });

  it('reads full-width digits in the date and the amount, and 振込 in front of the payer', () => {
    expect(rowAt(preview.rows, 4)).toMatchObject({ receivedOn: '2026-01-07', amountYen: 3000, supporter: { familyNameKana: 'タナカ', givenNameKana: 'ハナコ' } });
  });

  it('derives ids that a re-import of the same file gives again, even re-exported in full-width digits', () => {
    const again = importText(fixture('bank-nyushukkin.sjis.csv'));
    expect(again.rows.map((r) => r.externalId)).toEqual(preview.rows.map((r) => r.externalId));
    expect(preview.rows.every((r) => r.isExternalIdDerived && /^h:[0-9a-f]{32}$/.test(r.externalId))).toBe(true);
    const widened = importText(parseCsv(BANK_STATEMENT_TEXT.replace(/10,000/g, '１０，０００')));
    expect(widened.rows.map((r) => r.externalId)).toEqual(preview.rows.map((r) => r.externalId));
  });

  it('keeps a transfer’s id in an overlapping export, where the row counter 番号 differs', () => {
    const later = BANK_STATEMENT_TEXT.split('\r\n')
      .filter((line, i) => i === 0 || i >= 6)
      .map((line, i) => (i === 0 ? line : line.replace(/^("[^"]*"),"\d+"/, `$1,"${i}"`)))
      .join('\r\n');
    const overlap = importText(parseCsv(later));
    expect(overlap.rows.map((r) => r.receivedOn)).toEqual(['2026-01-21', '2026-01-22', '2026-01-23']);
    expect(overlap.rows.map((r) => r.externalId)).toEqual(preview.rows.slice(3).map((r) => r.externalId));
  });

  it('gives two transfers of the same amount by the same payer different ids (the balance differs)', () => {
    const [first, second] = preview.rows.filter((r) => r.supporter?.familyNameKana === 'ヤマダ');
    expect(first?.amountYen).toBe(second?.amountYen);
    expect(first?.externalId).not.toBe(second?.externalId);
  });

  it('numbers identical lines, so both are kept and a re-import matches each', () => {
    const text = '日付,入金金額,摘要\n2026/01/05,1000,ﾔﾏﾀﾞ ﾀﾛｳ\n2026/01/05,1000,ﾔﾏﾀﾞ ﾀﾛｳ\n';
    const ids = importText(parseCsv(text), 'bank').rows.map((r) => r.externalId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(`${ids[0]}:2`);
    expect(importText(parseCsv(text), 'bank').rows.map((r) => r.externalId)).toEqual(ids);
  });

  it('skips a withdrawal written as a negative amount or marked 出金, and refuses an empty amount', () => {
    const signed = importText(parseCsv('日付,金額,摘要\n2026/01/05,-5000,ATM\n2026/01/06,,ﾔﾏﾀﾞ ﾀﾛｳ\n'), 'bank');
    expect(signed.skipped).toEqual([{ line: 2, reason: 'withdrawal' }]);
    expect(signed.failures[0]?.errors.map((e) => e.key)).toEqual(['import.amount_invalid']);
    const marked = importText(parseCsv('日付,金額,入払区分,摘要\n2026/01/05,5000,出金,ｶｰﾄﾞ\n2026/01/06,3000,入金,ﾔﾏﾀﾞ ﾀﾛｳ\n'), 'bank');
    expect(marked.skipped).toEqual([{ line: 2, reason: 'withdrawal' }]);
    expect(marked.rows.map((r) => r.amountYen)).toEqual([3000]);
  });
});

describe('any spreadsheet', () => {
  const generic = (lines: string[], saved: ImportMapping = {}) => importText(parseCsv(lines.join('\n')), 'generic', saved);

  it('refuses a mapping without a date, an amount or a donor before reading any row', () => {
    const parsed = parseCsv('メモ,金額\nあ,1000\n');
    expect(() => mapRows(parsed, suggestMapping('generic', parsed.headers), { source: 'generic', today: TODAY })).toThrow(AppError);
  });

  it('reads an organisation written in the name column with ㈱, its abbreviation written out', () => {
    const preview = generic(['日付,金額,氏名', '2026/01/05,10000,㈱ヤマダ商事']);
    expect(preview.rows[0]?.supporter).toMatchObject({ kind: 'organisation', organisationName: '株式会社ヤマダ商事', familyName: '' });
  });

  it('reads a kana-only donor: the reading is the name too', () => {
    expect(generic(['日付,金額,フリガナ', '2026/01/05,1000,やまだ たろう']).rows[0]?.supporter).toMatchObject({
      familyName: 'ヤマダ',
      givenName: 'タロウ',
      familyNameKana: 'ヤマダ',
      isNameFromKana: true,
    });
  });

  it('warns and drops a reading that is not kana', () => {
    const row = generic(['日付,金額,姓,セイ', '2026/01/05,1000,山田,山田']).rows[0];
    expect(row?.supporter).toMatchObject({ familyName: '山田', familyNameKana: '' });
    expect(row?.warnings.map((w) => w.key)).toEqual(['import.kana_invalid']);
  });

  it('records a gift nobody is named for as anonymous, with a warning', () => {
    const row = generic(['日付,金額,氏名', '2026/01/05,500,']).rows[0];
    expect(row).toMatchObject({ supporter: null, isAnonymous: true });
    expect(row?.warnings.map((w) => w.key)).toEqual(['import.donor_unknown']);
  });

  it('takes a phone starting with + and a dash for nothing, but never a formula', () => {
    const preview = generic(['日付,金額,氏名,電話,メモ', '2026/01/05,1000,山田 太郎,+81 90-1234-5678,-', '2026/01/05,1000,山田 太郎,+HYPERLINK("x"),-'], { donorMessage: 'メモ' });
    expect(preview.rows[0]?.supporter?.phone).toBe('+81 90-1234-5678');
    expect(preview.rows[0]?.donorMessage).toBe('');
    expect(preview.failures[0]).toMatchObject({ line: 3, errors: [{ key: 'import.formula_cell', column: '電話' }] });
  });

  it('warns about a method, a frequency or a yes/no it cannot read, and keeps the gift', () => {
    const row = generic(['日付,金額,氏名,支払方法,寄付種別,名前の公開', '2026/01/05,1000,山田 太郎,PayPay,時々,たぶん']).rows[0];
    expect(row).toMatchObject({ method: 'other', recurring: null, publishName: null });
    expect(row?.warnings.map((w) => w.key)).toEqual(['import.method_unknown', 'import.recurring_unknown', 'import.flag_unknown']);
  });

  it('reads stars outside the name and contact columns as nothing, not as a withheld donor', () => {
    const row = generic(['日付,金額,氏名,メッセージ', '2026/01/05,1000,山田 太郎,***'], { donorMessage: 'メッセージ' }).rows[0];
    expect(row).toMatchObject({ isAnonymous: false, donorMessage: '', supporter: { familyName: '山田' } });
  });

  it('reads 匿名 as anonymous and not to be published', () => {
    const row = generic(['日付,金額,氏名,匿名,名前の公開', '2026/01/05,1000,山田 太郎,匿名希望,公開する']).rows[0];
    expect(row).toMatchObject({ isAnonymous: true, publishName: false, supporter: { familyName: '山田' } });
  });

  it('refuses a platform id seen earlier in the file, zero, negative and fee-above-amount gifts, and a date that is not one', () => {
    const preview = generic([
      'ID,日付,金額,手数料,氏名',
      'A1,2026/01/05,1000,50,山田 太郎',
      'A1,2026/01/06,2000,,佐藤 花子',
      'A2,2026/01/07,0,,鈴木 一郎',
      'A3,2026/01/07,-100,,鈴木 一郎',
      'A4,2026/01/07,1000,1500,鈴木 一郎',
      'A5,2026/02/30,1000,,鈴木 一郎',
      'A6,いつか,1000,,鈴木 一郎',
    ]);
    expect(preview.rows.map((r) => r.line)).toEqual([2]);
    expect(preview.failures.map((f) => [f.line, f.errors.map((e) => e.key)])).toEqual([
      [3, ['import.duplicate_in_file']],
      [4, ['import.amount_invalid']],
      [5, ['import.amount_invalid']],
      [6, ['import.fee_invalid']],
      [7, ['import.date_invalid']],
      [8, ['import.date_invalid']],
    ]);
  });

  it('refuses text longer than the record can hold', () => {
    const preview = generic(['日付,金額,氏名', `2026/01/05,1000,${'山'.repeat(101)} 太郎`]);
    expect(preview.failures[0]?.errors[0]).toMatchObject({ key: 'import.too_long', column: '氏名', params: { maximum: 100 } });
  });

  it('defaults today to the date in Tokyo', () => {
    const parsed = parseCsv('日付,金額,氏名\n2199/12/31,1000,山田 太郎\n');
    const preview = mapRows(parsed, suggestMapping('generic', parsed.headers), { source: 'generic' });
    expect(preview.failures[0]?.errors[0]?.key).toBe('import.date_in_future');
  });
});
