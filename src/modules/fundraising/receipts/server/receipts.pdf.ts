import type { Column, Content, ContentSection, TableCell } from 'pdfmake/interfaces';
import { renderPdf } from '../../../../server/pdf/pdf';
import { translatorFor } from '../../../../server/http/i18n';
import { displayName } from '../../../../shared/codes';
import { formatPostalCode, formatYen, type ReceiptLanguage } from '../contract';
import type { GiftLine, IssuerSnapshot, RecipientSnapshot } from './receipts.tables';

/**
 * 寄附金受領証明書 on A4, laid out for a 長3 window envelope: the sheet is folded in three (Z-fold)
 * and the addressee — 〒, address, name with 様 / 御中 — sits top left of the top third, where the
 * window of a 長3 envelope (about 90 × 45 mm, 20–25 mm from the left and 12–15 mm from the top) shows
 * it, with a few millimetres to spare for the sheet moving inside. Number and date sit outside the
 * window, on the right; the receipt itself starts under the window.
 */

const MM = 72 / 25.4;
const PAGE_HEIGHT = 841.89;
/** Where the addressee block starts and how wide it may be (inside the window with a margin). */
export const WINDOW = { x: 25 * MM, y: 20 * MM, width: 85 * MM, height: 38 * MM } as const;
/** The folds of a Z-folded A4 sheet. */
const FOLDS = [PAGE_HEIGHT / 3, (PAGE_HEIGHT * 2) / 3];
/**
 * The house pages start 40 pt down; the receipt's body starts 8 mm under the window, low enough that
 * no envelope shows it even when the sheet slides up inside (a 長3 is 21 mm taller than the folded
 * sheet), and high enough that an annual receipt of two gifts a month keeps to one page.
 */
const BODY_TOP = WINDOW.y + WINDOW.height + 8 * MM;
const TOP_MARGIN = 40;

/** What a receipt prints: its snapshot (as first issued) and how this copy differs. */
export interface PrintableReceipt {
  receiptNumber: string;
  kind: 'single' | 'annual';
  year: number;
  totalYen: number;
  recipient: RecipientSnapshot;
  issuer: IssuerSnapshot;
  gifts: GiftLine[];
  /** The first receipt's issue date. */
  issuedOn: string;
  /** For a reissue: the date it was reissued. */
  reissuedOn: string | null;
  /** For a copy of a voided receipt: the day it was voided (Tokyo). */
  voidedOn: string | null;
  seal: { contentType: 'image/png' | 'image/jpeg'; image: Buffer } | null;
}

const honorificText = { sama: '様', onchu: '御中' } as const;
/** 無効 is printed in Japanese on every void copy, whatever its language: the tax office reads it. */
const VOID_JA = () => translatorFor('ja')('ui.receipts.pdf.void');

/** 2026年1月15日 / 15 January 2026 (a calendar date has no time zone of its own). */
export function formatReceiptDate(date: string, language: ReceiptLanguage): string {
  const [y, m, d] = date.split('-').map(Number);
  if (language === 'ja') return `${y}年${m}月${d}日`;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
}

/** 山田 太郎 様 (Japanese), 山田 太郎 (English, where no honorific follows a name). */
export function addresseeText(recipient: Pick<RecipientSnapshot, 'name' | 'honorific'>, language: ReceiptLanguage): string {
  return language === 'ja' ? `${recipient.name} ${honorificText[recipient.honorific]}` : recipient.name;
}

function recipientLines(recipient: RecipientSnapshot, language: ReceiptLanguage): string[] {
  const lines = [formatPostalCode(recipient.postalCode), ...recipient.lines].filter((l) => l !== '');
  if (recipient.country !== 'JP') lines.push(displayName('region', recipient.country, language));
  return lines;
}

function pick(ja: string, en: string, language: ReceiptLanguage): string {
  return language === 'en' && en.trim() !== '' ? en : ja;
}

function labelled(rows: Array<[string, Content]>, labelWidth: number): Content {
  return {
    table: { widths: [labelWidth, '*'], body: rows.map(([label, value]): TableCell[] => [{ text: label, color: '#444444' }, value]) },
    layout: { hLineWidth: () => 0, vLineWidth: () => 0, paddingTop: () => 1, paddingBottom: () => 1, paddingLeft: () => 0 },
  };
}

/**
 * The gifts of an annual receipt side by side in up to three narrow tables, so that a monthly
 * supporter's twelve gifts (and up to about thirty) leave the statement and the organisation on the
 * same page; more run on to the next page, the organisation and its seal kept together.
 */
function giftTables(r: PrintableReceipt, tx: (key: string) => string, date: (d: string) => string): Content {
  const columnCount = r.gifts.length <= 4 ? 1 : r.gifts.length <= 16 ? 2 : 3;
  const perColumn = Math.ceil(r.gifts.length / columnCount);
  const columns: Column[] = [];
  for (let start = 0; start < r.gifts.length; start += perColumn) {
    const slice = r.gifts.slice(start, start + perColumn);
    columns.push({
      width: '*',
      table: {
        headerRows: 1,
        widths: [18, '*', 'auto'],
        body: [
          [{ text: tx('giftNo'), bold: true }, { text: tx('giftDate'), bold: true }, { text: tx('giftAmount'), bold: true, alignment: 'right' }],
          ...slice.map((g, i): TableCell[] => [
            String(start + i + 1),
            g.isInKind ? `${date(g.receivedOn)} (${tx('inKind')})` : date(g.receivedOn),
            { text: formatYen(g.amountYen), alignment: 'right' },
          ]),
        ],
      },
      layout: { ...thinRules, paddingTop: () => 1.5, paddingBottom: () => 1.5 },
    });
  }
  return {
    stack: [
      { columns, columnGap: 14, fontSize: 8 },
      { text: [`${tx('total')}  `, { text: formatYen(r.totalYen), bold: true }], alignment: 'right', margin: [0, 4, 0, 0] },
    ],
    margin: [0, 6, 0, 0],
  };
}

const thinRules = {
  hLineWidth: (i: number) => (i === 1 ? 0.8 : 0.3),
  vLineWidth: () => 0,
  hLineColor: () => '#999999',
};

/** One receipt as a section of its own pages (footer with its number, VOID across a voided copy). */
export function receiptSection(r: PrintableReceipt, language: ReceiptLanguage): ContentSection {
  const t = translatorFor(language);
  const tx = (key: string, params: Record<string, unknown> = {}) => t(`ui.receipts.pdf.${key}`, params);
  const date = (d: string) => formatReceiptDate(d, language);
  const issuer = r.issuer;
  const isReissue = r.reissuedOn !== null;
  const isVoid = r.voidedOn !== null;

  // --- Top third: the window, and the reference on the right ---
  const fold: Content = {
    absolutePosition: { x: 0, y: 0 },
    canvas: FOLDS.map((y) => ({ type: 'line' as const, x1: 4 * MM, y1: y, x2: 10 * MM, y2: y, lineWidth: 0.4, lineColor: '#999999' })),
  };
  const window: Content = {
    absolutePosition: { x: WINDOW.x, y: WINDOW.y },
    columns: [{ width: WINDOW.width, stack: [
      ...recipientLines(r.recipient, language).map((line) => ({ text: line, fontSize: 10 })),
      { text: addresseeText(r.recipient, language), fontSize: 13, bold: true, margin: [0, 6, 0, 0] },
      { text: `${tx('supporterNumber')} ${r.recipient.supporterNumber}`, fontSize: 7, color: '#555555', margin: [0, 3, 0, 0] },
    ] }],
  };
  const reference: Content = {
    absolutePosition: { x: 120 * MM, y: WINDOW.y },
    columns: [{ width: 70 * MM, stack: [
      { text: `${tx('number')}  ${r.receiptNumber}`, bold: true, alignment: 'right', fontSize: 10 },
      { text: `${tx('issuedOn')}  ${date(r.issuedOn)}`, alignment: 'right' },
      ...(isReissue && r.reissuedOn ? [{ text: `${tx('reissuedOn')}  ${date(r.reissuedOn)}`, alignment: 'right' as const }] : []),
      { text: pick(issuer.legalNameJa, issuer.legalNameEn, language), alignment: 'right', margin: [0, 12, 0, 0], fontSize: 8 },
      { text: `${formatPostalCode(issuer.postalCode)} ${pick(issuer.addressJa, issuer.addressEn, language)}`, alignment: 'right', fontSize: 8 },
    ] }],
  };

  // --- The receipt ---
  const title: Content = {
    stack: [
      { text: isReissue ? [tx('title'), { text: `  【${tx('reissued')}】`, color: '#b00020', fontSize: 13 }] : tx('title'), fontSize: 18, bold: true, alignment: 'center' },
      // An English receipt names the document in Japanese too: the tax office reads that title.
      ...(language === 'en' ? [{ text: `(${translatorFor('ja')('ui.receipts.pdf.title')})`, alignment: 'center' as const, fontSize: 9 }] : []),
    ],
    margin: [0, 0, 0, 8],
  };
  const voidBanner: Content[] = isVoid && r.voidedOn
    ? [{ text: [{ text: `${VOID_JA()} / VOID  `, bold: true }, tx('voidNote', { date: date(r.voidedOn) })], color: '#b00020', margin: [0, 0, 0, 8] }]
    : [];
  const donor = labelled([
    [tx('donorName'), { text: addresseeText(r.recipient, language), bold: true }],
    [tx('donorAddress'), recipientLines(r.recipient, language).join(' ')],
  ], 70);
  const amountText = r.totalYen.toLocaleString('en-US');
  const amount: Content = {
    margin: [0, 10, 0, 6],
    table: {
      widths: [70, '*'],
      body: [[
        { text: tx('amount'), margin: [0, 6, 0, 0], color: '#444444' },
        {
          text: language === 'ja'
            ? [{ text: tx('amountWords', { amount: amountText }), fontSize: 16, bold: true }, { text: `  (${formatYen(r.totalYen)})`, fontSize: 10 }]
            : [{ text: formatYen(r.totalYen), fontSize: 16, bold: true }],
        },
      ]],
    },
    layout: { hLineWidth: (i) => (i === 1 ? 0.8 : 0), vLineWidth: () => 0 },
  };
  const received: Content[] = r.kind === 'single'
    ? [labelled([[tx('receivedOn'), date(r.gifts[0]?.receivedOn ?? r.issuedOn)]], 70)]
    : [
      labelled([[tx('period'), tx('periodValue', { year: r.year, count: r.gifts.length })]], 70),
      giftTables(r, tx, date),
    ];
  const statement: Content = { text: pick(issuer.statementJa, issuer.statementEn, language), margin: [0, 12, 0, 12], fontSize: 10 };
  const organisation = labelled([
    [tx('organisation'), { text: pick(issuer.legalNameJa, issuer.legalNameEn, language), bold: true }],
    [tx('organisationAddress'), `${formatPostalCode(issuer.postalCode)} ${pick(issuer.addressJa, issuer.addressEn, language)}`],
    [tx('representative'), `${pick(issuer.representativeTitleJa, issuer.representativeTitleEn, language)} ${pick(issuer.representativeNameJa, issuer.representativeNameEn, language)}`],
    [tx('certificationNumber'), issuer.certificationNumber],
    [tx('certificationDate'), date(issuer.certificationDate)],
    [tx('authority'), pick(issuer.authorityJa, issuer.authorityEn, language)],
  ], language === 'ja' ? 70 : 150);
  const seal: Content = r.seal
    ? { image: `data:${r.seal.contentType};base64,${r.seal.image.toString('base64')}`, fit: [64, 64] }
    : { text: '' };

  return {
    section: [
      fold, window, reference,
      // The flow starts under the window: the top of the sheet belongs to the envelope.
      { text: '', margin: [0, BODY_TOP - TOP_MARGIN, 0, 0] },
      title, ...voidBanner, donor, amount, ...received, statement,
      // One row that is never split: the organisation and its seal stay together on one page.
      { table: { widths: ['*', 64], dontBreakRows: true, body: [[organisation, seal]] }, layout: 'noBorders' },
    ],
    footer: () => ({ text: tx('footer', { number: r.receiptNumber }), alignment: 'left', color: '#555555', fontSize: 7.5, margin: [40, 16, 40, 0] }),
    watermark: isVoid ? { text: `${VOID_JA()} VOID`, color: '#b00020', opacity: 0.18, bold: true } : null,
  };
}

/** One receipt as a PDF. */
export function renderReceiptPdf(r: PrintableReceipt, language: ReceiptLanguage): Promise<Buffer> {
  return renderPdf({
    title: translatorFor(language)('ui.receipts.pdf.fileTitle', { number: r.receiptNumber }),
    footerText: r.receiptNumber,
    content: [receiptSection(r, language)],
    language,
  });
}

/** Many receipts in one PDF, each starting on its own page (a year-end batch, to print and fold). */
export function renderReceiptsPdf(receipts: Array<{ receipt: PrintableReceipt; language: ReceiptLanguage }>, title: string): Promise<Buffer> {
  return renderPdf({
    title,
    footerText: title,
    content: receipts.map((r) => receiptSection(r.receipt, r.language)),
  });
}
