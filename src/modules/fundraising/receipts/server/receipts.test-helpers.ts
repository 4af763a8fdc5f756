import { deflateSync } from 'node:zlib';
import type { Insertable } from 'kysely';
import type { Db } from '../../../../server/db/database';
import type { GiftTable, SupporterAddressTable, SupporterTable } from '../../server/fundraising.tables';
import { DEFAULT_STATEMENT_EN, DEFAULT_STATEMENT_JA, type UpdateReceiptSettingsInput } from '../contract';

// Test data for the receipts room, written straight into the tables (the supporters and gifts
// services are another room's; these tests need only rows).

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** Two red rings on transparency, 96 × 96: the outline of a scanned 丸印, made without any file. */
export function sealPng(size = 96): Buffer {
  const rows: Buffer[] = [];
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - c, y - c);
      const ink = (r > size * 0.4 && r < size * 0.47) || (r > size * 0.3 && r < size * 0.33);
      row.set(ink ? [190, 20, 30, 230] : [0, 0, 0, 0], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0)),
  ]);
}
export const SAMPLE_SEAL_PNG = sealPng();

/** Complete receipt settings, as an administrator would enter them. */
export function sampleSettings(overrides: Partial<UpdateReceiptSettingsInput> = {}): UpdateReceiptSettingsInput {
  return {
    legalNameJa: '認定特定非営利活動法人 とびら難民支援', legalNameEn: 'Tobira Refugee Support (Certified NPO)', postalCode: '1600022',
    addressJa: '東京都新宿区新宿1-2-3 とびらビル5階', addressEn: '5F Tobira Bldg, 1-2-3 Shinjuku, Shinjuku-ku, Tokyo',
    representativeTitleJa: '理事長', representativeTitleEn: 'President', representativeNameJa: '佐藤 花子', representativeNameEn: 'Hanako Sato',
    certificationNumber: '生都管第1234号', certificationDate: '2019-04-01', authorityJa: '東京都', authorityEn: 'Tokyo Metropolitan Government',
    receiptThresholdYen: 2000, statementJa: DEFAULT_STATEMENT_JA, statementEn: DEFAULT_STATEMENT_EN, version: 0,
    ...overrides,
  };
}

let sequence = 0;

/** A fund to give gifts to (every gift needs one). */
export async function insertFund(db: Db, organisationId: string): Promise<string> {
  await db.insertInto('fund').values({ organisation_id: organisationId, code: 'receipts_test', label_ja: 'テスト基金', label_en: 'Test fund' })
    .onConflict((oc) => oc.columns(['organisation_id', 'code']).doNothing()).execute();
  const row = await db.selectFrom('fund').select('id').where('organisation_id', '=', organisationId).where('code', '=', 'receipts_test').executeTakeFirstOrThrow();
  return row.id;
}

/** A supporter with a current address (unless `address: null`); any column can be given. */
export async function insertSupporter(
  db: Db, organisationId: string,
  overrides: Partial<Insertable<SupporterTable>> = {},
  address: Partial<Insertable<SupporterAddressTable>> | null = {},
): Promise<{ id: string; supporterNumber: string }> {
  sequence += 1;
  const supporterNumber = `S-${String(900000 + sequence)}-${Math.random().toString(36).slice(2, 6)}`;
  const row = await db.insertInto('supporter').values({
    organisation_id: organisationId, supporter_number: supporterNumber, kind: 'individual', honorific: 'sama',
    family_name: '山田', given_name: `太郎${sequence}`, family_name_kana: 'ヤマダ', given_name_kana: `タロウ${sequence}`,
    ...overrides,
  }).returning(['id', 'supporter_number']).executeTakeFirstOrThrow();
  if (address) {
    await db.insertInto('supporter_address').values({
      organisation_id: organisationId, supporter_id: row.id, postal_code: '1040061', prefecture: '東京都', city: '中央区', line1: `銀座1-2-${sequence}`,
      line2: '', valid_from: '2020-01-01', ...address,
    }).execute();
  }
  return { id: row.id, supporterNumber: row.supporter_number };
}

/** A received gift (or any status / amount given). */
export async function insertGift(db: Db, organisationId: string, fundId: string, values: { supporterId: string | null; amountYen: number; receivedOn: string } & Partial<Insertable<GiftTable>>): Promise<string> {
  const { supporterId, amountYen, receivedOn, ...rest } = values;
  const row = await db.insertInto('gift').values({
    organisation_id: organisationId, supporter_id: supporterId, amount_yen: amountYen, received_on: receivedOn, method: 'bank_transfer',
    fund_id: fundId, status: 'received', ...rest,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
