import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/http/errors';
import { decodeImportFile, parseCsv } from './import-parse';
import { detectSource, normaliseHeader, SOURCE_COLUMNS, suggestMapping, validateMapping } from './import-sources';
import { ImportTarget } from './imports.contract';

const headersOf = (name: string) => parseCsv(decodeImportFile(new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)))).text).headers;

function thrown(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('telling the sources apart', () => {
  it('recognises each fixture by its headers', () => {
    expect(detectSource(headersOf('congrant-sample.csv'))).toBe('congrant');
    expect(detectSource(headersOf('syncable-sample.csv'))).toBe('syncable');
    expect(detectSource(headersOf('bank-nyushukkin.sjis.csv'))).toBe('bank');
  });

  it('recognises the other header spellings of the same exports', () => {
    expect(detectSource(['決済ID', '寄付日時', '寄付金額', '寄付者姓', '寄付者名', '寄付者姓(カナ)', '寄付者名（カナ）', '寄付プラン', 'プロジェクト名'])).toBe('congrant');
    expect(detectSource(['日付', '摘要', 'お引出し', 'お預入れ', '差引残高'])).toBe('bank');
    expect(detectSource(['勘定日', '起算日', '金額', '振込依頼人名', '仕向銀行名', '仕向店名', 'EDI情報'])).toBe('bank');
  });

  it('calls a spreadsheet generic when nothing is specific to a platform', () => {
    expect(detectSource(['日付', '金額', '氏名', 'メールアドレス'])).toBe('generic');
    expect(detectSource([])).toBe('generic');
  });

  it('compares headers without width, brackets or spaces', () => {
    expect(normaliseHeader('寄付者姓（カナ）')).toBe(normaliseHeader('寄付者姓(カナ)'));
    expect(normaliseHeader('寄付者 姓 カナ')).toBe(normaliseHeader('寄付者姓(カナ)'));
    expect(normaliseHeader('ＥＭＡＩＬ')).toBe('email');
  });

  it('lists only real targets in every source', () => {
    for (const columns of Object.values(SOURCE_COLUMNS)) for (const target of Object.keys(columns)) expect(ImportTarget.options).toContain(target);
  });
});

describe('the default mapping', () => {
  it('maps a Congrant export column by column', () => {
    const mapping = suggestMapping('congrant', headersOf('congrant-sample.csv'));
    expect(mapping).toMatchObject({
      externalId: '決済ID',
      donorExternalId: 'サポーターNo.',
      receivedOn: '寄付日時',
      amountYen: '寄付金額',
      feeYen: '決済手数料',
      method: '決済方法',
      recurring: '決済頻度',
      campaignCode: 'プロジェクト名',
      organisationName: '法人名',
      familyName: '氏名(姓)',
      givenName: '氏名(名)',
      familyNameKana: '氏名(セイ)',
      givenNameKana: '氏名(メイ)',
      email: 'メールアドレス',
      phone: '電話番号',
      postalCode: '郵便番号',
      prefecture: '都道府県',
      city: '市区町村',
      line1: '番地',
      line2: '建物名',
      donorMessage: '応援コメント',
      publishName: '広報物への掲載',
      fullName: null,
    });
    expect(() => validateMapping(mapping, headersOf('congrant-sample.csv'))).not.toThrow();
  });

  it('maps the other spelling of Congrant columns, by normalised header', () => {
    const headers = ['決済ID', '寄付日時', '寄付金額', '寄付者姓', '寄付者名', '寄付者姓(カナ)', '寄付者名(カナ)', '寄付タイプ（単発/継続）', '応援メッセージ', '名前の公開'];
    expect(suggestMapping('congrant', headers)).toMatchObject({
      familyName: '寄付者姓',
      givenName: '寄付者名',
      familyNameKana: '寄付者姓(カナ)',
      givenNameKana: '寄付者名(カナ)',
      recurring: '寄付タイプ（単発/継続）',
      donorMessage: '応援メッセージ',
      publishName: '名前の公開',
    });
  });

  it('maps a Syncable export with its one-column name and address', () => {
    expect(suggestMapping('syncable', headersOf('syncable-sample.csv'))).toMatchObject({
      externalId: '寄付ID',
      receivedOn: '寄付日時',
      amountYen: '寄付金額',
      method: '支払い方法',
      recurring: '寄付の種類',
      fullName: '氏名',
      fullNameKana: '氏名(フリガナ)',
      address: '住所',
      campaignCode: 'キャンペーン名',
      donorMessage: '応援メッセージ',
      publishName: '広報物への寄付者名の掲載',
      runnerCode: 'ランナーID',
      familyName: null,
    });
  });

  it('maps a bank statement: deposits, withdrawals, and the payer in 摘要; no id column', () => {
    expect(suggestMapping('bank', headersOf('bank-nyushukkin.sjis.csv'))).toMatchObject({
      receivedOn: '勘定日',
      amountYen: '入金金額(円)',
      withdrawalYen: '出金金額(円)',
      fullNameKana: '摘要',
      externalId: null,
    });
    expect(suggestMapping('bank', ['勘定日', '金額', '振込依頼人名', '摘要'])).toMatchObject({ amountYen: '金額', fullNameKana: '振込依頼人名' });
  });

  it('maps a generic spreadsheet by common names, and by our own target names', () => {
    expect(suggestMapping('generic', ['日付', '金額', 'お名前', 'フリガナ', 'メール', '住所'])).toMatchObject({
      receivedOn: '日付',
      amountYen: '金額',
      fullName: 'お名前',
      fullNameKana: 'フリガナ',
      email: 'メール',
      address: '住所',
    });
    expect(suggestMapping('generic', ['receivedOn', 'amountYen', 'email'])).toMatchObject({ receivedOn: 'receivedOn', amountYen: 'amountYen', email: 'email' });
  });

  it('lets a saved mapping override the default, switch one off, and fall back when its column is gone', () => {
    const headers = ['決済ID', '寄付日時', '入金日', '寄付金額', '氏名(姓)', '氏名(名)', '備考', '広報物への掲載'];
    const mapping = suggestMapping('congrant', headers, { receivedOn: '入金日', donorMessage: '備考', publishName: null, feeYen: 'もう無い列' });
    expect(mapping).toMatchObject({ receivedOn: '入金日', donorMessage: '備考', publishName: null, feeYen: null });
    // The column the saved mapping took from its default is not given to another target.
    expect(Object.values(mapping).filter((h) => h === '寄付日時')).toHaveLength(0);
  });

  it('finds a saved column by its normalised header', () => {
    expect(suggestMapping('generic', ['日付', '金額（円）', '氏名'], { amountYen: '金額(円)' }).amountYen).toBe('金額（円）');
  });

  it('gives each column to one target only', () => {
    const mapping = suggestMapping('generic', ['日付', '金額', '氏名']);
    const used = Object.values(mapping).filter((h) => h !== null);
    expect(new Set(used).size).toBe(used.length);
  });
});

describe('checking a mapping', () => {
  const headers = ['日付', '金額', '氏名', 'メール'];

  it('names the missing targets: the date, the amount, and a name or an email', () => {
    const error = thrown(() => validateMapping(suggestMapping('generic', ['メモ']), ['メモ']));
    expect(error).toMatchObject({ status: 400, code: 'import.mapping_incomplete', params: { missing: 'receivedOn, amountYen, donor' } });
    expect(error.fields).toEqual({ receivedOn: { key: 'required' }, amountYen: { key: 'required' }, donor: { key: 'required' } });
  });

  it('accepts an email alone as the donor', () => {
    expect(() => validateMapping(suggestMapping('generic', ['日付', '金額', 'メール']), ['日付', '金額', 'メール'])).not.toThrow();
  });

  it('refuses a column the file does not have, and one column for two targets', () => {
    const mapping = suggestMapping('generic', headers);
    expect(thrown(() => validateMapping({ ...mapping, phone: '電話' }, headers))).toMatchObject({ code: 'import.mapping_unknown_column', params: { column: '電話' } });
    const twice = thrown(() => validateMapping({ ...mapping, donorMessage: '氏名' }, headers));
    expect(twice).toMatchObject({ code: 'import.mapping_duplicate', params: { column: '氏名' } });
    expect(Object.keys(twice.fields).sort()).toEqual(['donorMessage', 'fullName']);
  });
});
