/**
 * Renders a sample 寄附金受領証明書 (an annual receipt with its seal, Japanese and English) to PDF and
 * PNG, without network or database:
 * `node --import tsx src/modules/fundraising/receipts/server/receipts.sample.ts [out-dir]`
 * (default .tmp/receipt-sample). The PNGs are for the README; the PDFs are what a fundraiser prints.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DEFAULT_STATEMENT_EN, DEFAULT_STATEMENT_JA, type ReceiptLanguage } from '../contract';
import { renderReceiptPdf, type PrintableReceipt } from './receipts.pdf';
import { SAMPLE_SEAL_PNG } from './receipts.test-helpers';

const sample: PrintableReceipt = {
  receiptNumber: '2026-000123',
  kind: 'annual',
  year: 2025,
  totalYen: 36000,
  recipient: { supporterNumber: 'S-000042', name: '山田 太郎', honorific: 'sama', country: 'JP', postalCode: '1040061', lines: ['東京都中央区銀座1-2-3', '銀座ハイツ401'] },
  issuer: {
    legalNameJa: '認定特定非営利活動法人 とびら難民支援', legalNameEn: 'Tobira Refugee Support (Certified NPO)', postalCode: '1600022',
    addressJa: '東京都新宿区新宿1-2-3 とびらビル5階', addressEn: '5F Tobira Bldg, 1-2-3 Shinjuku, Shinjuku-ku, Tokyo',
    representativeTitleJa: '理事長', representativeTitleEn: 'President', representativeNameJa: '佐藤 花子', representativeNameEn: 'Hanako Sato',
    certificationNumber: '生都管第1234号', certificationDate: '2019-04-01', authorityJa: '東京都', authorityEn: 'Tokyo Metropolitan Government',
    statementJa: DEFAULT_STATEMENT_JA, statementEn: DEFAULT_STATEMENT_EN,
  },
  gifts: Array.from({ length: 12 }, (_, i) => ({
    giftId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, receivedOn: `2025-${String(i + 1).padStart(2, '0')}-27`, amountYen: 3000, isInKind: false,
  })),
  issuedOn: '2026-01-15',
  reissuedOn: null,
  voidedOn: null,
  seal: { contentType: 'image/png', image: SAMPLE_SEAL_PNG },
};

/** Page 1 of a PDF as a PNG (pdf.js drawing on a canvas of @napi-rs/canvas, which pdf.js brings). */
async function firstPagePng(pdfBytes: Buffer, scale: number): Promise<Buffer> {
  const pdf = await getDocument({ data: new Uint8Array(pdfBytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const page = await pdf.getPage(1);
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  // pdf.js types its canvas as the DOM's; @napi-rs/canvas draws the same 2D API.
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
  await pdf.destroy();
  return canvas.toBuffer('image/png');
}

const outDir = path.resolve(process.argv[2] ?? '.tmp/receipt-sample');
mkdirSync(outDir, { recursive: true });
for (const language of ['ja', 'en'] as ReceiptLanguage[]) {
  const pdf = await renderReceiptPdf(sample, language);
  writeFileSync(path.join(outDir, `receipt-sample.${language}.pdf`), pdf);
  writeFileSync(path.join(outDir, `receipt-sample.${language}.png`), await firstPagePng(pdf, 1.5));
  console.log(`${path.join(outDir, `receipt-sample.${language}`)}.{pdf,png}`);
}
