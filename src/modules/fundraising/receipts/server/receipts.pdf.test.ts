import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { readPdf, squash } from '../../../../server/test/pdf-text';
import { DEFAULT_STATEMENT_EN, DEFAULT_STATEMENT_JA } from '../contract';
import { addresseeText, formatReceiptDate, renderReceiptPdf, renderReceiptsPdf, WINDOW, type PrintableReceipt } from './receipts.pdf';
import { SAMPLE_SEAL_PNG } from './receipts.test-helpers';

const issuer = {
  legalNameJa: '認定特定非営利活動法人 とびら難民支援',
  legalNameEn: 'Tobira Refugee Support (Certified NPO)',
  postalCode: '1600022',
  addressJa: '東京都新宿区新宿1-2-3 とびらビル5階',
  addressEn: '5F Tobira Bldg, 1-2-3 Shinjuku, Shinjuku-ku, Tokyo',
  representativeTitleJa: '理事長',
  representativeTitleEn: 'President',
  representativeNameJa: '佐藤 花子',
  representativeNameEn: 'Hanako Sato',
  certificationNumber: '生都管第1234号',
  certificationDate: '2019-04-01',
  authorityJa: '東京都',
  authorityEn: 'Tokyo Metropolitan Government',
  statementJa: DEFAULT_STATEMENT_JA,
  statementEn: DEFAULT_STATEMENT_EN,
};
const recipient = {
  supporterNumber: 'S-000042', name: '山田 太郎', honorific: 'sama' as const, country: 'JP', postalCode: '1040061', lines: ['東京都中央区銀座1-2-3', '銀座ハイツ401'],
};
const annual: PrintableReceipt = {
  receiptNumber: '2027-000123', kind: 'annual', year: 2026, totalYen: 36000, recipient, issuer,
  gifts: Array.from({ length: 12 }, (_, i) => ({ giftId: `00000000-0000-4000-8000-0000000000${String(i + 10)}`, receivedOn: `2026-${String(i + 1).padStart(2, '0')}-27`, amountYen: 3000, isInKind: false })),
  issuedOn: '2027-01-15', reissuedOn: null, voidedOn: null, seal: { contentType: 'image/png', image: SAMPLE_SEAL_PNG },
};
const single: PrintableReceipt = {
  ...annual, receiptNumber: '2026-000007', kind: 'single', totalYen: 1234567,
  gifts: [{ giftId: '00000000-0000-4000-8000-000000000001', receivedOn: '2026-05-03', amountYen: 1234567, isInKind: false }], issuedOn: '2026-05-10', seal: null,
};

/** Where a text is drawn on page 1, in points from the top left (pdf.js gives them from the bottom left). */
async function positionOf(bytes: Uint8Array, needle: string): Promise<{ x: number; y: number } | null> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const page = await pdf.getPage(1);
  const height = page.getViewport({ scale: 1 }).height;
  const content = await page.getTextContent();
  let found: { x: number; y: number } | null = null;
  for (const item of content.items) {
    if ('str' in item && item.str.includes(needle)) {
      found = { x: item.transform[4] as number, y: height - (item.transform[5] as number) };
      break;
    }
  }
  await pdf.destroy();
  return found;
}

describe('the receipt PDF (寄附金受領証明書)', () => {
  it('states every fact the law asks for, in Japanese', async () => {
    const pdf = await readPdf(await renderReceiptPdf(single, 'ja'));
    expect(pdf.pages).toHaveLength(1);
    const s = pdf.squashed;
    // The title, the number and the issue date.
    for (const text of ['寄附金受領証明書', '証明書番号2026-000007', '発行日2026年5月10日']) expect(s).toContain(squash(text));
    // The donor's name (with 様) and address.
    for (const text of ['山田太郎様', '〒104-0061', '東京都中央区銀座1-2-3', '銀座ハイツ401']) expect(s).toContain(text);
    // The amount and the date received.
    expect(s).toContain('金1,234,567円也');
    expect(s).toContain('¥1,234,567');
    expect(s).toContain('受領日2026年5月3日');
    // That the gift relates to the specified non-profit activities.
    expect(s).toContain('特定非営利活動に係る事業に関連する寄附金');
    // The organisation: name, address, representative, certification number and date, authority.
    for (const text of ['認定特定非営利活動法人とびら難民支援', '〒160-0022東京都新宿区新宿1-2-3とびらビル5階', '代表者理事長佐藤花子', '認定番号生都管第1234号', '認定年月日2019年4月1日', '所轄庁東京都']) {
      expect(s).toContain(text);
    }
    expect(s).not.toContain('再発行');
    expect(s).not.toContain('無効');
    expect(pdf.embeddedFonts.every((f) => /NotoSansJP/.test(f))).toBe(true);
  });

  it('puts the 〒, address and name in the window of a 長3 envelope, top left of the top third', async () => {
    const bytes = await renderReceiptPdf(single, 'ja');
    const inWindow = (p: { x: number; y: number } | null) =>
      p !== null && p.x >= WINDOW.x - 1 && p.x <= WINDOW.x + WINDOW.width && p.y >= WINDOW.y && p.y <= WINDOW.y + WINDOW.height;
    for (const text of ['〒104-0061', '東京都中央区銀座1-2-3', '山田 太郎 様']) expect(inWindow(await positionOf(bytes, text)), text).toBe(true);
    // The window is 90 × 45 mm, 20–25 mm from the left and 12–15 mm from the top of the envelope.
    expect(WINDOW.x / (72 / 25.4)).toBeGreaterThanOrEqual(20);
    expect((WINDOW.x + WINDOW.width) / (72 / 25.4)).toBeLessThanOrEqual(115);
    // The receipt itself starts below the window, so the envelope shows only the address.
    const title = await positionOf(bytes, '寄附金受領証明書');
    expect(title?.y).toBeGreaterThan(WINDOW.y + WINDOW.height + 10);
    expect(await positionOf(bytes, '2026-000007')).toMatchObject({ x: expect.toSatisfy((x: number) => x > WINDOW.x + WINDOW.width) });
  });

  it('lists every gift of an annual receipt with the total', async () => {
    const pdf = await readPdf(await renderReceiptPdf(annual, 'ja'));
    const s = pdf.squashed;
    expect(s).toContain('受領期間2026年1月1日〜2026年12月31日（12件）');
    for (let m = 1; m <= 12; m++) expect(s).toContain(`2026年${m}月27日¥3,000`);
    expect(s).toContain('合計¥36,000');
    expect(s).toContain('金36,000円也');
  });

  it('prints the English variant with the same facts', async () => {
    const pdf = await readPdf(await renderReceiptPdf(single, 'en'));
    const s = pdf.squashed;
    for (const text of [
      'Receipt for Donation', '(寄附金受領証明書)', 'Receipt No. 2026-000007', 'Date of issue 10 May 2026', 'Name 山田 太郎', '〒104-0061',
      'Amount ¥1,234,567', 'Date received 3 May 2026', 'specified non-profit activities', 'Tobira Refugee Support (Certified NPO)',
      '5F Tobira Bldg, 1-2-3 Shinjuku', 'Representative President Hanako Sato', 'Certification No. (認定NPO法人) 生都管第1234号',
      'Date of certification 1 April 2019', 'Certifying authority (所轄庁) Tokyo Metropolitan Government',
    ]) expect(s, text).toContain(squash(text));
    expect(s).not.toContain('円也');
  });

  it('marks a reissue 再発行 with its suffixed number, and a voided copy 無効 / VOID', async () => {
    const reissue = await readPdf(await renderReceiptPdf({ ...single, receiptNumber: '2026-000007-R1', reissuedOn: '2026-08-01' }, 'ja'));
    expect(reissue.squashed).toContain('再発行');
    expect(reissue.squashed).toContain('2026-000007-R1');
    expect(reissue.squashed).toContain('再発行日2026年8月1日');
    expect(reissue.squashed).toContain('発行日2026年5月10日');
    const voided = await readPdf(await renderReceiptPdf({ ...single, voidedOn: '2026-09-01' }, 'en'));
    expect(voided.squashed).toContain('無効/VOID');
    expect(voided.squashed).toContain(squash('voided on 1 September 2026'));
  });

  it('merges receipts into one file, a page each, with the seal image embedded', async () => {
    const bytes = await renderReceiptsPdf([{ receipt: single, language: 'ja' }, { receipt: annual, language: 'en' }, { receipt: { ...single, receiptNumber: '2026-000008' }, language: 'ja' }], '2026年分');
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toHaveLength(3);
    expect(squash(pdf.pages[0] ?? '')).toContain('2026-000007');
    expect(squash(pdf.pages[1] ?? '')).toContain('2027-000123');
    expect(squash(pdf.pages[2] ?? '')).toContain('2026-000008');
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/Subtype \/Image/);
  });

  it('formats dates and addressees the Japanese way and the English way', () => {
    expect(formatReceiptDate('2026-12-31', 'ja')).toBe('2026年12月31日');
    expect(formatReceiptDate('2026-12-31', 'en')).toBe('31 December 2026');
    expect(addresseeText({ name: '株式会社みらい 総務部', honorific: 'onchu' }, 'ja')).toBe('株式会社みらい 総務部 御中');
  });
});
