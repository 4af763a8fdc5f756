import type { Content, TableCell } from 'pdfmake/interfaces';
import { columnWidths, renderPdf } from '../../../server/pdf/pdf';
import type { PersonExport } from '../contract';
import { buildExportDocument, type Bilingual, type Block, type Value } from './privacy.export-document';

/**
 * The person's own copy (本人開示) as a PDF, rendered from the same document model as the HTML:
 * headings and labels in Japanese with the English beneath, fonts embedded, so it prints the same
 * from any computer.
 */

const GREY = '#444444';
const DASH = '—';

/** A label: Japanese, and the English in smaller grey type beneath. */
const label = (l: Bilingual, bold = false): Content => ({
  stack: [{ text: l.ja, bold }, { text: l.en, fontSize: 7.5, color: GREY }],
});

const value = (v: Value): Content => (v === null ? { text: DASH, color: GREY } : { text: v });

const thinLines = { hLineColor: () => '#999999', vLineColor: () => '#999999', hLineWidth: () => 0.5, vLineWidth: () => 0.5 };
const rulesOnly = { hLineColor: () => '#bbbbbb', hLineWidth: (i: number) => (i === 0 ? 0 : 0.5), vLineWidth: () => 0, paddingLeft: () => 0 };

function block(b: Block): Content {
  switch (b.kind) {
    case 'none':
      return { text: `${b.text.ja} / ${b.text.en}`, color: GREY, italics: true, margin: [0, 2, 0, 0] };
    case 'fields':
      return {
        table: {
          widths: [150, '*'],
          body: b.rows.map((r): TableCell[] => [label(r.label, true), value(r.value)]),
        },
        layout: rulesOnly,
      };
    case 'table': {
      const size = b.columns.length >= 6 ? 7.5 : 8.5;
      const widths = columnWidths(b.columns.map((c, i) => [
        { text: c.ja, size, bold: true },
        { text: c.en, size: 7.5 },
        ...b.rows.map((r) => ({ text: r[i] ?? DASH, size })),
      ]));
      return {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths,
          body: [b.columns.map((c) => ({ ...(label(c, true) as object), fillColor: '#eeeeee' }) as TableCell), ...b.rows.map((r) => r.map(value) as TableCell[])],
        },
        fontSize: size,
        layout: thinLines,
      };
    }
  }
}

/** The PDF bytes of one person's export. */
export function renderExportPdf(data: PersonExport): Promise<Buffer> {
  const doc = buildExportDocument(data);
  const content: Content[] = [
    { text: doc.title.ja, fontSize: 16, bold: true },
    { text: doc.title.en, fontSize: 11, color: GREY, margin: [0, 0, 0, 6] },
    ...doc.meta.map((m): Content => ({ text: `${m.label.ja} ${m.label.en}: ${m.value}`, color: GREY })),
    { text: `${doc.notice.ja}\n${doc.notice.en}`, color: GREY, margin: [0, 6, 0, 0] },
    ...doc.sections.flatMap((s): Content[] => [
      {
        text: [{ text: s.heading.ja, bold: true }, { text: `  ${s.heading.en}`, color: GREY }],
        fontSize: 11.5,
        margin: [0, 14, 0, 4],
        headlineLevel: 1,
      },
      block(s.body),
    ]),
  ];
  return renderPdf({ title: `${doc.title.ja} / ${doc.title.en} — ${doc.fileNumber}`, footerText: `${doc.fileNumber} · ${doc.title.ja}`, content });
}
