import { translatorFor } from '../../../server/http/i18n';
import { OFFICE_TIME_ZONE } from '../../../shared/time';
import type { PersonExport } from '../contract';

/**
 * The person's own copy (本人開示) as a document model, before any format: every heading and label
 * in Japanese and English, every value already text (codes in both languages, instants in Tokyo
 * time). The HTML and the PDF are two renderings of this one model, so they never disagree.
 */

/** A text in both languages. */
export interface Bilingual {
  ja: string;
  en: string;
}
/** A value as text; null when nothing is recorded (shown as a dash). */
export type Value = string | null;
export type Block =
  | { kind: 'fields'; rows: Array<{ label: Bilingual; value: Value }> }
  | { kind: 'table'; columns: Bilingual[]; rows: Value[][] }
  | { kind: 'none'; text: Bilingual };
export interface ExportSection {
  heading: Bilingual;
  body: Block;
}
export interface ExportDocument {
  fileNumber: string;
  title: Bilingual;
  meta: Array<{ label: Bilingual; value: string }>;
  notice: Bilingual;
  sections: ExportSection[];
}

const tokyo = new Intl.DateTimeFormat('sv-SE', {
  timeZone: OFFICE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});
/** An instant as `YYYY-MM-DD HH:mm` in Tokyo (JST). */
export const tokyoDateTime = (iso: string) => `${tokyo.format(new Date(iso))} JST`;

const ja = translatorFor('ja');
const en = translatorFor('en');

type Cell = string | number | boolean | null | undefined | string[];

/** The document model of one person's export. */
export function buildExportDocument(data: PersonExport): ExportDocument {
  const text = (v: Cell): Value => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return null;
    if (typeof v === 'boolean') return `${ja(v ? 'ui.common.yes' : 'ui.common.no')} / ${en(v ? 'ui.common.yes' : 'ui.common.no')}`;
    return Array.isArray(v) ? v.join(', ') : String(v);
  };
  /** A label in both languages; a key missing from the catalogue shows its last segment. */
  const label = (key: string): Bilingual => {
    const fallback = key.split('.').pop() ?? key;
    return { ja: ja(key, { defaultValue: fallback }), en: en(key, { defaultValue: fallback }) };
  };
  const code = (prefix: string, value: string | null | undefined): Cell => {
    if (!value) return null;
    const key = `${prefix}.${value}`;
    return `${ja(key, { defaultValue: value })} / ${en(key, { defaultValue: value })}`;
  };
  const instant = (v: string | null | undefined): Cell => (v ? tokyoDateTime(v) : null);
  const none = (): Block => ({ kind: 'none', text: label('ui.privacy.export.none') });
  const section = (key: string, body: Block): ExportSection => ({ heading: label(key), body });
  const fields = (rows: Array<[string, Cell]>): Block => ({ kind: 'fields', rows: rows.map(([k, v]) => ({ label: label(k), value: text(v) })) });
  const table = (heads: string[], rows: Cell[][]): Block =>
    rows.length === 0 ? none() : { kind: 'table', columns: heads.map(label), rows: rows.map((r) => r.map(text)) };

  const p = data.person;
  const cf = data.caseFile;
  const sections: Array<ExportSection | null> = [
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
      : none()),
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
      data.consultations.map((c) => [instant(c.occurredAt), code('ui.consultationMode', c.mode), (c.topics ?? []).map((t) => `${ja(`ui.topic.${t}`)} / ${en(`ui.topic.${t}`)}`), c.note, c.needs, c.actions, c.staffName]),
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
      : null,
    section('ui.privacy.export.shelterStays', table(
      ['ui.privacy.export.facility', 'ui.privacy.export.bed', 'ui.privacy.export.checkInOn', 'ui.privacy.export.expectedCheckOutOn', 'ui.privacy.export.checkedOutOn', 'ui.privacy.export.nights', 'fields.note'],
      data.shelter.stays.map((st) => [`${st.facilityNameJa} / ${st.facilityNameEn}`, `${st.roomName} ${st.bedLabel}`, st.checkInOn, st.expectedCheckOutOn, st.checkedOutOn, st.nightsProvided, st.note]),
    )),
    section('ui.privacy.export.paidLodging', table(
      ['ui.privacy.export.kind', 'ui.privacy.export.place', 'ui.privacy.export.firstNightOn', 'ui.privacy.export.nights', 'fields.amountYen', 'fields.note', 'ui.privacy.export.recordedBy'],
      data.shelter.paidLodging.map((l) => [code('ui.shelter.kinds', l.kind), l.placeName, l.firstNightOn, l.nights, l.costYen, l.note, l.recordedByName]),
    )),
    section('ui.privacy.export.waitingList', table(
      ['ui.privacy.export.listedOn', 'ui.privacy.export.bedNeeded', 'ui.privacy.export.reasons', 'fields.note', 'fields.status', 'ui.privacy.export.closedOn'],
      data.shelter.waitingEntries.map((w) => [
        w.listedOn, code('ui.shelter.uses', w.needs), w.priorityReasons.map((r) => `${ja(`ui.shelter.reasons.${r}`)} / ${en(`ui.shelter.reasons.${r}`)}`),
        w.note, code('ui.privacy.export.waitingStatus', w.status), [w.closedOn, w.closedReason].filter(Boolean).join(' '),
      ]),
    )),
    section('ui.privacy.export.merges', table(
      ['ui.privacy.export.mergedAt', 'ui.privacy.export.survivorFile', 'ui.privacy.export.mergedFile', 'ui.privacy.export.recordedBy', 'ui.privacy.export.undoneAt'],
      data.merges.map((m) => [instant(m.mergedAt), m.survivorFileNumber, m.mergedFileNumber, m.mergedBy, instant(m.undoneAt)]),
    )),
    section('ui.privacy.export.barriers', table(
      ['ui.privacy.export.barrier', 'ui.privacy.export.observedOn', 'ui.privacy.export.quote', 'ui.privacy.export.resolvedOn', 'ui.privacy.export.recordedBy'],
      data.barriers.map((b) => [`${b.barrierLabelJa} / ${b.barrierLabelEn}`, b.observedOn, b.quote, b.resolvedOn, b.taggedByName]),
    )),
    section('ui.privacy.export.documents', table(
      ['ui.privacy.export.kind', 'ui.privacy.export.fileName', 'ui.privacy.export.recordedAt', 'ui.privacy.export.deletedAt'],
      data.documents.map((d) => [code('ui.documents.kinds', d.kind), d.fileName, instant(d.uploadedAt), instant(d.deletedAt)]),
    )),
    section('ui.privacy.export.accessLog', table(
      ['ui.privacy.export.when', 'ui.privacy.export.who', 'ui.privacy.export.action', 'ui.privacy.export.what'],
      data.accessLog.map((a) => [instant(a.occurredAt), a.actorName, code('ui.audit.actions', a.action), `${String(code('ui.audit.entity', a.entityType))}${a.view ? ` (${a.view})` : ''}`]),
    )),
  ];
  return {
    fileNumber: p.fileNumber,
    title: label('ui.privacy.export.documentTitle'),
    meta: [
      { label: label('ui.privacy.export.organisation'), value: data.organisationName },
      { label: label('ui.privacy.export.exportedAt'), value: tokyoDateTime(data.exportedAt) },
    ],
    notice: label('ui.privacy.export.notice'),
    sections: sections.filter((s): s is ExportSection => s !== null),
  };
}
