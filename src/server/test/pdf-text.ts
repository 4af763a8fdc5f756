import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Text without any white space: what a PDF says, whichever line or cell a long text wrapped in. */
export const squash = (text: string) => text.replace(/\s+/g, '');

/** What a PDF says: its text page by page (as a PDF reader extracts it), and the fonts it embeds. */
export async function readPdf(bytes: Uint8Array): Promise<{ pages: string[]; text: string; squashed: string; embeddedFonts: string[] }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  // Embedded TrueType fonts are named SUBSET+Family in the file's font dictionaries.
  const raw = Buffer.from(bytes).toString('latin1');
  const embeddedFonts = [...new Set([...raw.matchAll(/\/BaseFont \/([A-Z]{6}\+[\w-]+)/g)].map((m) => m[1] ?? ''))].sort();
  const hasFontFiles = raw.includes('/FontFile2');
  const text = pages.join('\n');
  return { pages, text, squashed: squash(text), embeddedFonts: hasFontFiles ? embeddedFonts : [] };
}
