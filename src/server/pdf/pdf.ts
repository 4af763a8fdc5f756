import * as fontkit from 'fontkit';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { fontFiles, NOTO_SANS_JP } from './fonts';

/**
 * Every PDF Tobira prints (disclosure copies today; receipts, briefs and slips to come) goes
 * through here: pdfmake lays out text, tables and page breaks (with line breaking that knows
 * Japanese), and pdfkit embeds only the glyphs used from Tobira's own npm fonts, so a document
 * reads the same on any machine, whatever fonts it has. Nothing is fetched: no URL and no file
 * other than those fonts may be read while rendering.
 */

let configured = false;
function configure() {
  if (configured) return;
  const allowed = new Set(fontFiles());
  pdfmake.setFonts({
    [NOTO_SANS_JP.name]: { normal: NOTO_SANS_JP.regular, bold: NOTO_SANS_JP.bold, italics: NOTO_SANS_JP.regular, bolditalics: NOTO_SANS_JP.bold },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => allowed.has(file));
  configured = true;
}

const faces = new Map<string, fontkit.Font>();
function face(bold: boolean): fontkit.Font {
  const file = bold ? NOTO_SANS_JP.bold : NOTO_SANS_JP.regular;
  let font = faces.get(file);
  if (!font) {
    const opened = fontkit.openSync(file);
    if (!('layout' in opened)) throw new Error(`${file} is a font collection, not a font`);
    font = opened;
    faces.set(file, font);
  }
  return font;
}

/** The width in points of one line of text in the house font. */
export function textWidth(text: string, size: number, bold = false): number {
  const font = face(bold);
  return (font.layout(text).advanceWidth * size) / font.unitsPerEm;
}

/** The width of A4 between the house margins, in points. */
export const CONTENT_WIDTH = 595.28 - 80;

/**
 * Column widths for a table: columns whose text is short (dates, codes, names) get exactly the
 * width of their widest line, so they never wrap; the others — and always the widest — share what
 * is left and wrap. (pdfmake's own 'auto' width can fall a hair short and wrap the last letter.)
 */
export function columnWidths(columns: Array<Array<{ text: string; size: number; bold?: boolean }>>, options: { cellPadding?: number; shortest?: number } = {}): Array<number | '*'> {
  const padding = options.cellPadding ?? 8;
  const natural = columns.map((cells) => Math.max(0, ...cells.flatMap((c) => c.text.split('\n').map((line) => textWidth(line, c.size, c.bold)))) + padding + 1);
  const isStar = natural.map((w) => w > 120);
  const widest = natural.indexOf(Math.max(...natural));
  if (widest >= 0) isStar[widest] = true;
  // Too many short columns for the page: the widest of them wrap too.
  const fixed = () => natural.reduce((sum, w, i) => sum + (isStar[i] ? 0 : w), 0);
  while (fixed() > CONTENT_WIDTH - 90 * isStar.filter(Boolean).length) {
    const next = natural.reduce((best, w, i) => (!isStar[i] && (best < 0 || w > (natural[best] ?? 0)) ? i : best), -1);
    if (next < 0) break;
    isStar[next] = true;
  }
  return natural.map((w, i) => (isStar[i] ? '*' : Math.ceil(w)));
}

/** The house look of a document: A4, Noto Sans JP, a footer with the reference and page numbers. */
export interface PdfOptions {
  title: string;
  /** Printed at the foot of every page beside the page number (e.g. the file number). */
  footerText: string;
  content: Content;
  /** Document language for accessibility tools; Japanese by default. */
  language?: string;
}

/** Renders one document to PDF bytes. */
export async function renderPdf(options: PdfOptions): Promise<Buffer> {
  configure();
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 48],
    info: { title: options.title, creator: 'Tobira', producer: 'Tobira' },
    language: options.language ?? 'ja',
    defaultStyle: { font: NOTO_SANS_JP.name, fontSize: 9, lineHeight: 1.25 },
    footer: (page, pages) => ({
      columns: [
        { text: options.footerText, alignment: 'left', color: '#555555', width: '*' },
        { text: `${page} / ${pages}`, alignment: 'right', color: '#555555', width: 'auto' },
      ],
      fontSize: 7.5,
      margin: [40, 16, 40, 0],
    }),
    content: options.content,
    // A heading (headlineLevel 1) never stands alone at the foot of a page.
    pageBreakBefore: (node, nodes) => node.headlineLevel === 1 && nodes.getFollowingNodesOnPage().length === 0,
  };
  return pdfmake.createPdf(definition).getBuffer();
}
