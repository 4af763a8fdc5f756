import { createHash } from 'node:crypto';
import { translatorFor } from '../../../server/http/i18n';
import { OFFICE_TIME_ZONE } from '../../../shared/time';
import type { PersonExport } from '../contract';

/**
 * The person's own copy (本人開示) as one printable HTML document: every heading and label in
 * Japanese and English, instants in Tokyo time, every value escaped. Printing it from the browser
 * gives the PDF; no script, no external resource (the CSP below allows only this one stylesheet).
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

const tokyo = new Intl.DateTimeFormat('sv-SE', {
  timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});
/** An instant as `YYYY-MM-DD HH:mm` in Tokyo (JST). */
export const tokyoDateTime = (iso: string) => `${tokyo.format(new Date(iso))} JST`;

const ja = translatorFor('ja');
const en = translatorFor('en');

type Cell = string | number | boolean | null | undefined | string[];

export function renderExportHtml(data: PersonExport): string {
  const esc = (v: Cell): string => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return '<span class="empty">—</span>';
    if (typeof v === 'boolean') return escapeHtml(`${ja(v ? 'ui.common.yes' : 'ui.common.no')} / ${en(v ? 'ui.common.yes' : 'ui.common.no')}`);
    return escapeHtml(Array.isArray(v) ? v.join(', ') : String(v));
  };
  /** A label in both languages; a key missing from the catalogue shows its last segment. */
  const label = (key: string) => {
    const fallback = key.split('.').pop() ?? key;
    return `${escapeHtml(ja(key, { defaultValue: fallback }))} <span class="en" lang="en">${escapeHtml(en(key, { defaultValue: fallback }))}</span>`;
  };
  const code = (prefix: string, value: string | null | undefined): Cell => {
    if (!value) return null;
    const key = `${prefix}.${value}`;
    return `${ja(key, { defaultValue: value })} / ${en(key, { defaultValue: value })}`;
  };
  const instant = (v: string | null | undefined): Cell => (v ? tokyoDateTime(v) : null);
  const section = (key: string, body: string) => `<section><h2>${label(key)}</h2>${body}</section>`;
  const fields = (rows: Array<[string, Cell]>) =>
    `<dl>${rows.map(([k, v]) => `<dt>${label(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
  const table = (heads: string[], rows: Cell[][]) =>
    rows.length === 0
      ? `<p class="empty">${label('ui.privacy.export.none')}</p>`
      : `<table><thead><tr>${heads.map((h) => `<th scope="col">${label(h)}</th>`).join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td class="text">${esc(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`;

  const p = data.person;
  const cf = data.caseFile;
  const parts = [
    `<h1>${label('ui.privacy.export.documentTitle')}</h1>`,
    `<p class="meta">${label('ui.privacy.export.organisation')}: ${esc(data.organisationName)}<br>${label('ui.privacy.export.exportedAt')}: ${esc(tokyoDateTime(data.exportedAt))}</p>`,
    `<p class="meta">${label('ui.privacy.export.notice')}</p>`,
    section('ui.privacy.export.person', fields([
      ['ui.person.fileNumber', p.fileNumber], ['fields.familyName', p.familyName], ['fields.givenName', p.givenName],
      ['fields.nameInOwnScript', p.nameInOwnScript], ['fields.nameKana', p.nameKana], ['fields.dateOfBirth', p.dateOfBirth],
      ['fields.dateOfBirthEstimated', p.dateOfBirthEstimated], ['fields.sex', code('ui.sex', p.sex)], ['fields.nationality', p.nationality],
      ['fields.languages', p.languages], ['fields.phone', p.phone], ['fields.housing', code('ui.housing', p.housing)],
      ['ui.privacy.export.registeredAt', instant(p.createdAt)],
    ])),
    section('ui.privacy.export.caseFile', cf
      ? fields([
          ['fields.assignedTo', cf.assignedToName], ['fields.residenceStatus', code('ui.cases.residenceStatus', cf.residenceStatus)],
          ['fields.residenceCardNumber', cf.residenceCardNumber], ['fields.residenceExpiresOn', cf.residenceExpiresOn],
          ['fields.workPermitted', cf.workPermitted], ['fields.custody', code('ui.cases.custody', cf.custody)], ['fields.supervisorName', cf.supervisorName],
          ['fields.procedureStage', code('ui.cases.procedureStage', cf.procedureStage)], ['fields.applicationCount', code('ui.cases.applicationCount', cf.applicationCount === null ? null : String(cf.applicationCount))],
          ['fields.sortingCategory', cf.sortingCategory], ['fields.appliedOn', cf.appliedOn],
          ['fields.decisionNoticeReceivedOn', cf.decisionNoticeReceivedOn], ['fields.allowanceStatus', code('ui.cases.allowanceStatus', cf.allowanceStatus)],
          ['fields.allowanceAppliedOn', cf.allowanceAppliedOn], ['fields.allowanceDecidedOn', cf.allowanceDecidedOn],
          ['fields.healthInsurance', code('ui.cases.healthInsurance', cf.healthInsurance)], ['fields.insuranceEligibleOn', cf.insuranceEligibleOn],
          ['fields.vulnerabilities', cf.vulnerabilities.map((v) => String(code('ui.cases.vulnerability', v)))], ['fields.whereabouts', cf.whereabouts], ['fields.lineId', cf.lineId],
          ['fields.email', cf.email], ['ui.privacy.export.updatedAt', instant(cf.updatedAt)],
        ])
      : `<p class="empty">${label('ui.privacy.export.none')}</p>`),
    section('ui.privacy.export.statusHistory', table(
      ['ui.privacy.export.field', 'ui.privacy.export.oldValue', 'ui.privacy.export.newValue', 'ui.privacy.export.effectiveOn', 'ui.privacy.export.recordedBy', 'ui.privacy.export.recordedAt'],
      data.statusHistory.map((s) => [s.field, s.oldValue, s.newValue, s.effectiveOn, s.recordedByName, instant(s.recordedAt)]),
    )),
    section('ui.privacy.export.caseEvents', table(
      ['ui.privacy.export.kind', 'ui.privacy.export.date', 'fields.note', 'ui.privacy.export.doneAt'],
      data.caseEvents.map((e) => [e.kind, e.occursOn, e.note, instant(e.doneAt)]),
    )),
    section('ui.privacy.export.household', table(
      ['ui.person.fileNumber', 'fields.name', 'ui.privacy.export.relationship'],
      data.household.map((h) => [h.fileNumber, h.name, code('ui.cases.relationship', h.relationship)]),
    )),
    section('ui.privacy.export.tasks', table(
      ['ui.privacy.export.title', 'ui.privacy.export.dueOn', 'fields.status', 'ui.privacy.export.completedAt'],
      data.tasks.map((t) => [t.title, t.dueOn, t.status, instant(t.completedAt)]),
    )),
    section('ui.privacy.export.visits', table(
      ['ui.privacy.export.date', 'fields.reason', 'fields.interpreterLanguage', 'fields.status'],
      data.visits.map((v) => [v.visitDate, v.reason, v.interpreterLanguage, code('ui.visitStatus', v.status)]),
    )),
    section('ui.privacy.export.consultations', table(
      ['ui.privacy.export.date', 'fields.mode', 'fields.topics', 'fields.note', 'fields.needs', 'fields.actions', 'ui.privacy.export.recordedBy'],
      data.consultations.map((c) => [instant(c.occurredAt), code('ui.consultationMode', c.mode), c.topics.map((t) => `${ja(`ui.topic.${t}`)} / ${en(`ui.topic.${t}`)}`), c.note, c.needs, c.actions, c.staffName]),
    )),
    section('ui.privacy.export.assistance', table(
      ['fields.givenOn', 'ui.privacy.export.item', 'fields.quantity', 'fields.amountYen', 'fields.note'],
      data.assistance.map((a) => [a.givenOn, `${a.itemNameJa} / ${a.itemNameEn}`, a.quantity, a.amountYen, a.note]),
    )),
    section('ui.privacy.consents', table(
      ['fields.purpose', 'ui.privacy.export.recipient', 'fields.scope', 'fields.consentedOn', 'fields.method', 'ui.privacy.export.recordedBy', 'fields.withdrawnOn', 'ui.privacy.export.withdrawalRecordedBy'],
      data.consents.map((c) => [
        code('ui.privacy.purpose', c.purpose),
        c.purpose === 'transfer_abroad' ? `${c.serviceName ?? ''} (${c.country ?? ''})` : c.recipientName,
        c.scope, c.consentedOn,
        `${String(code('ui.privacy.method', c.method))}${c.interpreterLanguage ? ` (${c.interpreterLanguage})` : ''}`,
        c.recordedByName, c.withdrawnOn, c.withdrawalRecordedByName,
      ]),
    )),
    section('ui.privacy.disclosures', table(
      ['fields.disclosedOn', 'fields.recipientName', 'fields.recipientKind', 'fields.dataCategories', 'fields.note', 'ui.privacy.basis', 'ui.privacy.export.recordedBy'],
      data.disclosures.map((d) => [
        d.disclosedOn, d.recipientName, code('ui.privacy.recipientKind', d.recipientKind),
        d.dataCategories.map((c) => `${ja(`ui.privacy.dataCategory.${c}`)} / ${en(`ui.privacy.dataCategory.${c}`)}`),
        d.note,
        d.consentId ? `${ja('ui.privacy.basisConsent')} / ${en('ui.privacy.basisConsent')}` : d.legalGround,
        d.recordedByName,
      ]),
    )),
    data.sensitive
      ? section('ui.privacy.sensitive', fields([
          ['fields.persecutionGrounds', data.sensitive.persecutionGrounds],
          ['fields.healthDetails', data.sensitive.healthDetails],
          ['ui.privacy.export.updatedAt', instant(data.sensitive.updatedAt)],
        ]))
      : '',
    section('ui.privacy.export.documents', table(
      ['ui.privacy.export.kind', 'ui.privacy.export.fileName', 'ui.privacy.export.recordedAt', 'ui.privacy.export.deletedAt'],
      data.documents.map((d) => [code('ui.documents.kinds', d.kind), d.fileName, instant(d.uploadedAt), instant(d.deletedAt)]),
    )),
    section('ui.privacy.export.accessLog', table(
      ['ui.privacy.export.when', 'ui.privacy.export.who', 'ui.privacy.export.action', 'ui.privacy.export.what'],
      data.accessLog.map((a) => [instant(a.occurredAt), a.actorName, code('ui.audit.actions', a.action), `${String(code('ui.audit.entity', a.entityType))}${a.view ? ` (${a.view})` : ''}`]),
    )),
  ];
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${ja('ui.privacy.export.documentTitle')} / ${en('ui.privacy.export.documentTitle')} — ${p.fileNumber}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
