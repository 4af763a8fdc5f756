import { createHash } from 'node:crypto';
import { buildExportDocument, type Bilingual, type Block, type Value } from './privacy.export-document';
import type { PersonExport } from '../contract';

/**
 * The person's own copy (本人開示) as one printable HTML document, rendered from the export's
 * document model: every value escaped, no script, no external resource (the CSP below allows only
 * this one stylesheet).
 */

const STYLE = `
  body { font-family: "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "IPAexGothic", sans-serif; margin: 2rem; color: #111; line-height: 1.5; }
  h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
  h2 { font-size: 1.15rem; border-bottom: 2px solid #333; margin-top: 2rem; padding-bottom: 0.2rem; }
  h3 { font-size: 1rem; margin: 1rem 0 0.25rem; }
  .en { color: #444; font-weight: normal; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.9rem; }
  th, td { border: 1px solid #999; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
  th { background: #eee; }
  td.text { white-space: pre-wrap; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
  dt { font-weight: bold; }
  dd { margin: 0; white-space: pre-wrap; }
  .empty { color: #666; font-style: italic; }
  .meta { color: #444; font-size: 0.9rem; }
  @media print { body { margin: 0; } h2 { break-after: avoid; } tr, dl { break-inside: avoid; } }
`;

/** The Content-Security-Policy for the document: nothing runs, nothing loads, only its own style. */
export const exportHtmlCsp = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export function renderExportHtml(data: PersonExport): string {
  const doc = buildExportDocument(data);
  const esc = (v: Value): string => (v === null ? '<span class="empty">—</span>' : escapeHtml(v));
  const label = (l: Bilingual) => `${escapeHtml(l.ja)} <span class="en" lang="en">${escapeHtml(l.en)}</span>`;
  const block = (b: Block): string => {
    switch (b.kind) {
      case 'none':
        return `<p class="empty">${label(b.text)}</p>`;
      case 'fields':
        return `<dl>${b.rows.map((r) => `<dt>${label(r.label)}</dt><dd>${esc(r.value)}</dd>`).join('')}</dl>`;
      case 'table':
        return `<table><thead><tr>${b.columns.map((h) => `<th scope="col">${label(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
          .map((r) => `<tr>${r.map((c) => `<td class="text">${esc(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`;
    }
  };
  const parts = [
    `<h1>${label(doc.title)}</h1>`,
    `<p class="meta">${doc.meta.map((m) => `${label(m.label)}: ${esc(m.value)}`).join('<br>')}</p>`,
    `<p class="meta">${label(doc.notice)}</p>`,
    ...doc.sections.map((s) => `<section><h2>${label(s.heading)}</h2>${block(s.body)}</section>`),
  ];
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${doc.title.ja} / ${doc.title.en} — ${doc.fileNumber}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
