import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/http/errors';
import { BANK_STATEMENT_TEXT, buildBankStatement } from './fixtures/bank-statement';
import { encodeShiftJis } from './fixtures/shift-jis';
import { decodeImportFile, parseCsv, sniffDelimiter } from './import-parse';
import { MAX_IMPORT_BYTES } from './imports.contract';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The AppError a call throws (the test fails if it does not throw one). */
function thrown(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = endian === 'le' ? c & 0xff : c >> 8;
    out[3 + i * 2] = endian === 'le' ? c >> 8 : c & 0xff;
  }
  return out;
}

describe('decoding an uploaded file', () => {
  it('reads UTF-8 with a BOM (Excel, Congrant) and drops the BOM', () => {
    const decoded = decodeImportFile(fixture('congrant-sample.csv'));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.hasBom).toBe(true);
    expect(decoded.text.startsWith('決済ID,')).toBe(true);
  });

  it('reads UTF-8 without a BOM', () => {
    const decoded = decodeImportFile(fixture('syncable-sample.csv'));
    expect(decoded).toMatchObject({ encoding: 'utf-8', hasBom: false });
    expect(decoded.text).toContain('高橋 美咲');
  });

  it('reads UTF-16 with either byte order (Excel "Unicode text")', () => {
    const text = '氏名\t金額\r\n山田 太郎\t1000\r\n';
    expect(decodeImportFile(utf16(text, 'le'))).toEqual({ text, encoding: 'utf-16le', hasBom: true });
    expect(decodeImportFile(utf16(text, 'be'))).toEqual({ text, encoding: 'utf-16be', hasBom: true });
  });

  it('reads a bank statement in Shift_JIS, half-width kana and CP932 characters (㈱, 髙) included', () => {
    const decoded = decodeImportFile(fixture('bank-nyushukkin.sjis.csv'));
    expect(decoded.encoding).toBe('shift_jis');
    expect(decoded.text).toBe(BANK_STATEMENT_TEXT);
    expect(decoded.text).toContain('ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ');
    expect(decoded.text).toContain('㈱髙野商店');
  });

  it('decodes the Windows-31J extensions Node knows under the shift_jis label (①, ㈱, 髙, 﨑)', () => {
    const decoded = decodeImportFile(encodeShiftJis('備考,名前\r\n①,㈱髙﨑\r\n'));
    expect(decoded).toMatchObject({ encoding: 'shift_jis', text: '備考,名前\r\n①,㈱髙﨑\r\n' });
    // The labels Node accepts for it; cp932 is not one of them.
    expect(new TextDecoder('windows-31j').encoding).toBe('shift_jis');
    expect(() => new TextDecoder('cp932')).toThrow();
  });

  it('keeps the committed Shift_JIS fixture equal to the text it is built from', () => {
    expect(fixture('bank-nyushukkin.sjis.csv')).toEqual(buildBankStatement());
    // It really is Shift_JIS: UTF-8 cannot read it.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fixture('bank-nyushukkin.sjis.csv'))).toThrow();
  });

  it('refuses an empty file, and one with only blank lines', () => {
    expect(thrown(() => decodeImportFile(new Uint8Array()))).toMatchObject({ status: 400, code: 'import.empty' });
    expect(thrown(() => decodeImportFile(utf8('\uFEFF \r\n\r\n')))).toMatchObject({ code: 'import.empty' });
  });

  it('refuses a file over the limit before reading it (a 20 MB garbage buffer)', () => {
    const garbage = new Uint8Array(MAX_IMPORT_BYTES + 1);
    for (let i = 0; i < garbage.length; i += 4096) garbage[i] = (i * 7919) & 0xff;
    const error = thrown(() => decodeImportFile(garbage));
    expect(error).toMatchObject({ status: 413, code: 'import.too_large', params: { maxMb: 20 } });
    expect(error.fields).toEqual({ file: { key: 'invalid' } });
    expect(thrown(() => decodeImportFile(utf8('a,b\n1,2\n'), { maxBytes: 4 }))).toMatchObject({ code: 'import.too_large' });
  });

  it('refuses binary garbage: NUL bytes, or text that is mostly control characters', () => {
    // 20 MB of noise at the limit: NUL bytes give it away without decoding it.
    const noise = new Uint8Array(MAX_IMPORT_BYTES);
    let seed = 42;
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      noise[i] = seed >> 16;
    }
    expect(thrown(() => decodeImportFile(noise))).toMatchObject({ status: 415, code: 'import.not_csv' });
    const controls = Uint8Array.from({ length: 4000 }, (_, i) => [0x01, 0x02, 0x1b, 0x41][i % 4] ?? 0x41);
    expect(thrown(() => decodeImportFile(controls))).toMatchObject({ code: 'import.not_csv' });
  });

  it('says when the file is an Excel workbook (Congrant downloads .xlsx)', () => {
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(thrown(() => decodeImportFile(xlsx))).toMatchObject({ status: 415, code: 'import.excel_file' });
  });

  it('refuses bytes that are neither UTF-8 nor Shift_JIS', () => {
    // 0x82 then 0x20 is a broken UTF-8 sequence and an invalid Shift_JIS trail byte; 0xFD is in neither.
    expect(thrown(() => decodeImportFile(Uint8Array.from([0x61, 0x2c, 0x82, 0x20, 0xfd, 0x0a])))).toMatchObject({ code: 'import.unknown_encoding' });
    expect(thrown(() => decodeImportFile(Uint8Array.from([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x41])))).toMatchObject({ code: 'import.unknown_encoding' });
  });
});

describe('parsing CSV', () => {
  it('returns trimmed headers and cells with the line each row starts on, across a quoted line break', () => {
    const parsed = parseCsv(decodeImportFile(fixture('congrant-sample.csv')).text);
    expect(parsed.delimiter).toBe(',');
    expect(parsed.headerLine).toBe(1);
    expect(parsed.headers.slice(0, 4)).toEqual(['決済ID', 'サポーターNo.', '寄付日時', '寄付金額']);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 4, 5, 6, 7, 8, 9]);
    const first = parsed.rows[0];
    expect(first?.cells[parsed.headers.indexOf('応援コメント')]).toBe('寒い冬を乗り切ってください。\n応援しています');
    expect(first?.cells[parsed.headers.indexOf('寄付金額')]).toBe('3,000');
  });

  it('reads CRLF, LF and CR line ends in one file, and skips blank lines without losing the count', () => {
    const parsed = parseCsv('名前,金額\r\n  山田 ,1000\n\n佐藤,\u3000２０００\u3000\r鈴木,3000\r\n');
    expect(parsed.rows).toEqual([
      { line: 2, cells: ['山田', '1000'] },
      { line: 4, cells: ['佐藤', '２０００'] },
      { line: 5, cells: ['鈴木', '3000'] },
    ]);
  });

  it('sniffs tab and semicolon delimiters from the header line', () => {
    expect(parseCsv('氏名\t金額\n山田, 太郎\t1,000\n')).toMatchObject({ delimiter: '\t', headers: ['氏名', '金額'], rows: [{ cells: ['山田, 太郎', '1,000'] }] });
    expect(parseCsv('name;amount\n"Yusuf; Amina";500\n')).toMatchObject({ delimiter: ';', rows: [{ cells: ['Yusuf; Amina', '500'] }] });
    expect(sniffDelimiter('"a,b,c";x;y')).toBe(';');
    expect(sniffDelimiter('single')).toBe(',');
  });

  it('pads short rows, names empty headers and numbers repeated ones', () => {
    const parsed = parseCsv('メモ,,メモ,金額\nあ\n');
    expect(parsed.headers).toEqual(['メモ', '#2', 'メモ (2)', '金額']);
    expect(parsed.rows[0]?.cells).toEqual(['あ', '', '', '']);
  });

  it('starts at a given header line when a bank puts a title above the table', () => {
    const parsed = parseCsv('入出金明細,2026年1月\n口座,1234567\n日付,金額,摘要\n2026/01/05,1000,ﾔﾏﾀﾞ ﾀﾛｳ\n', { headerLine: 3 });
    expect(parsed).toMatchObject({ headerLine: 3, headers: ['日付', '金額', '摘要'], rows: [{ line: 4, cells: ['2026/01/05', '1000', 'ﾔﾏﾀﾞ ﾀﾛｳ'] }] });
  });

  it('refuses an unclosed quote with the line it starts on', () => {
    expect(thrown(() => parseCsv('a,b\n1,2\n3,"never closed\n4,5\n'))).toMatchObject({ status: 422, code: 'import.malformed_csv', params: { line: 3 } });
  });

  it('refuses more rows than the limit (200,000 by default)', () => {
    const text = `a\n${'1\n'.repeat(11)}`;
    expect(thrown(() => parseCsv(text, { maxRows: 10 }))).toMatchObject({ status: 413, code: 'import.too_many_rows', params: { maxRows: 10 } });
    expect(parseCsv(text, { maxRows: 11 }).rows).toHaveLength(11);
    expect(parseCsv(`a\n${'1\n'.repeat(200_000)}`).rows).toHaveLength(200_000);
    expect(thrown(() => parseCsv(`a\n${'1\n'.repeat(200_001)}`))).toMatchObject({ code: 'import.too_many_rows', params: { maxRows: 200_000 } });
  });

  it('refuses text without a header row', () => {
    expect(thrown(() => parseCsv('\n \n'))).toMatchObject({ code: 'import.empty' });
  });
});
