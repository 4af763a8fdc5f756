import type { Insertable, Updateable } from 'kysely';
import { toRomaji } from 'wanakana';
import type { Language } from '../../../i18n';
import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, conflict, invalidField, notFound, type FieldIssue } from '../../../server/http/errors';
import { translatorFor } from '../../../server/http/i18n';
import { lookupPostalCode } from '../../../server/postal-codes';
import type { AuditService } from '../../audit/server/audit.service';
import { decodeImportFile, parseCsv } from '../../fundraising/imports/import-parse';
import { foldForSearch, searchTokens } from '../../people/search-text';
import type {
  CreatePartnerInput, Partner, PartnerImportPreview, PartnerImportResult, PartnerImportRow, PartnerList, PartnerQuery, UpdatePartnerInput,
} from '../contract';
import { issueMessages, matchColumns, MAX_PARTNER_CSV_BYTES, MAX_PARTNER_CSV_ROWS, partnersCsv, readPartnerRows } from './partners.csv';
import * as repo from './partners.repository';
import type { PartnerTable } from './partners.tables';

// Reads of the directory are not audited: it holds organisations, not the office's clients (the
// contact person at a partner is the only person in it, in a professional role). Every write is.

/** A partner's own fields, as the contract names them (every one present). */
type PartnerFields = CreatePartnerInput;
type Field = keyof PartnerFields;

const COLUMN: { [K in Field]: keyof repo.PartnerValues } = {
  kind: 'kind', nameJa: 'name_ja', nameEn: 'name_en', nameKana: 'name_kana', postalCode: 'postal_code', prefecture: 'prefecture', city: 'city',
  addressLine: 'address_line', phone: 'phone', email: 'email', website: 'website', nearestStation: 'nearest_station', languages: 'languages',
  openingHours: 'opening_hours', cost: 'cost', costNotes: 'cost_notes', acceptsNoStatus: 'accepts_no_status', acceptsUninsured: 'accepts_uninsured',
  contactName: 'contact_name', contactRole: 'contact_role', contactPhone: 'contact_phone', contactEmail: 'contact_email', notes: 'notes',
};
const FIELDS = Object.keys(COLUMN) as Field[];

function fieldsOf(row: repo.PartnerRow): PartnerFields {
  return Object.fromEntries(FIELDS.map((f) => [f, row[COLUMN[f]]])) as PartnerFields;
}

/** A stored partner as the contract shows it. */
export function presentPartner(row: repo.PartnerRow): Partner {
  return { id: row.id, ...fieldsOf(row), archivedAt: row.archived_at ? row.archived_at.toISOString() : null, updatedAt: row.updated_at.toISOString(), version: row.version };
}

const same = (a: PartnerFields[Field], b: PartnerFields[Field]) => (Array.isArray(a) && Array.isArray(b) ? a.join(' ') === b.join(' ') : a === b);

/** The fields whose values differ (names only: what the audit keeps). */
function changedFields(before: PartnerFields, after: PartnerFields): Field[] {
  return FIELDS.filter((f) => !same(before[f], after[f]));
}

/** A reading as stored: katakana (from hiragana or half-width kana), spaces folded. */
const katakana = (s: string) => s.normalize('NFKC').replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60)).replace(/\s+/g, ' ').trim();

/** Every form a partner is looked up by, folded like the query: both names, the reading (also in romaji), city, station. */
export function partnerSearchText(p: Pick<PartnerFields, 'nameJa' | 'nameEn' | 'nameKana' | 'city' | 'nearestStation'>): string {
  const parts = [p.nameJa, p.nameEn, p.nameKana, p.nameKana ? toRomaji(p.nameKana) : '', p.city, p.nearestStation];
  return parts.map(foldForSearch).filter(Boolean).join(' | ');
}

/** The directory's order: the reading, else the name, in katakana. */
const sortKey = (p: Pick<PartnerFields, 'nameJa' | 'nameKana'>) => katakana(p.nameKana || p.nameJa);

/** The columns derived from the fields (search and order), rewritten with every change. */
const derived = (p: PartnerFields) => ({ search_text: partnerSearchText(p), sort_key: sortKey(p) });

/**
 * The fields as stored: the reading in katakana, each language once, and prefecture and city filled
 * from the 〒 when left empty. A 〒 that Japan Post does not know is an issue on `postalCode`.
 */
function settle(fields: PartnerFields): { fields: PartnerFields; issue: FieldIssue | null } {
  const next = { ...fields, nameKana: katakana(fields.nameKana), languages: [...new Set(fields.languages)] };
  if (next.postalCode === '') return { fields: next, issue: null };
  const place = lookupPostalCode(next.postalCode).places[0];
  if (!place) return { fields: next, issue: { key: 'postal_code_unknown' } };
  return { fields: { ...next, prefecture: next.prefecture || place.prefecture, city: next.city || place.city }, issue: null };
}

/** The current fields with the given ones over them; a new 〒 refills prefecture and city unless they are given too. */
function overlay(current: PartnerFields, given: Partial<PartnerFields>): PartnerFields {
  const next: PartnerFields = { ...current };
  for (const f of FIELDS) if (given[f] !== undefined) (next as Record<Field, unknown>)[f] = given[f];
  if (given.postalCode !== undefined && given.postalCode !== '' && given.postalCode !== current.postalCode) {
    if (given.prefecture === undefined) next.prefecture = '';
    if (given.city === undefined) next.city = '';
  }
  return next;
}

function valuesOf(fields: PartnerFields): repo.PartnerValues {
  return Object.fromEntries(FIELDS.map((f) => [COLUMN[f], fields[f]])) as repo.PartnerValues;
}

/** The columns of the changed fields only. */
function patchOf(fields: PartnerFields, changed: readonly Field[]): Updateable<PartnerTable> {
  return Object.fromEntries(changed.map((f) => [COLUMN[f], fields[f]])) as Updateable<PartnerTable>;
}

const isEmpty = (v: unknown) => v === '' || v === false || (Array.isArray(v) && v.length === 0);

function filterOf(q: Omit<PartnerQuery, 'limit' | 'offset'>): repo.PartnerFilter {
  const flag = (v: 'true' | 'false' | undefined) => (v === undefined ? null : v === 'true');
  return {
    tokens: q.q ? searchTokens(q.q) : [],
    kinds: q.kind === undefined ? [] : Array.isArray(q.kind) ? q.kind : [q.kind],
    language: q.language ?? null,
    acceptsUninsured: flag(q.acceptsUninsured),
    acceptsNoStatus: flag(q.acceptsNoStatus),
    prefecture: q.prefecture || null,
    city: q.city || null,
    includeArchived: q.includeArchived === 'true',
  };
}

/** What an import will do with each row, worked out against the partners as they are now. */
interface ImportPlan {
  rows: PartnerImportRow[];
  creates: PartnerFields[];
  updates: Array<{ id: string; fields: PartnerFields; changed: Field[] }>;
}

/** A partner's row as stored (settled and with its search columns), for bulk writers such as the demo. */
export function partnerRow(organisationId: string, staffUserId: string | null, input: CreatePartnerInput): Insertable<PartnerTable> {
  const { fields } = settle(input);
  return { ...valuesOf(fields), organisation_id: organisationId, ...derived(fields), created_by: staffUserId, updated_by: staffUserId };
}

export function createPartnersService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function load(tx: DbOrTx, ctx: RequestContext, id: string) {
    const row = await repo.findPartner(tx, ctx.actor.organisationId, id);
    if (!row) throw notFound('partners.not_found');
    return row;
  }

  async function insert(tx: DbOrTx, ctx: RequestContext, fields: PartnerFields, via: 'form' | 'import') {
    const row = await repo.insertPartner(tx, {
      ...valuesOf(fields), organisation_id: ctx.actor.organisationId, ...derived(fields),
      created_by: ctx.actor.staffUserId, updated_by: ctx.actor.staffUserId,
    });
    // The audit keeps which fields were given, never their values.
    await audit.record(tx, ctx, { action: 'create', entityType: 'partner', entityId: row.id, details: { kind: fields.kind, via, fields: FIELDS.filter((f) => !isEmpty(fields[f])) } });
    return row;
  }

  /** Reads a file and decides each row: create, update, unchanged, or what is wrong with it. */
  async function plan(tx: DbOrTx, ctx: RequestContext, bytes: Uint8Array, language: Language, lock: boolean): Promise<ImportPlan> {
    const t = translatorFor(language);
    const parsed = parseCsv(decodeImportFile(bytes, { maxBytes: MAX_PARTNER_CSV_BYTES }).text, { maxRows: MAX_PARTNER_CSV_ROWS });
    const columns = matchColumns(parsed, t);
    const read = readPartnerRows(parsed, columns);
    const present = new Set(columns.filter((c) => c !== null));
    const ids = [...new Set(read.map((r) => r.id).filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)))].map((id) => id.toLowerCase());
    const existing = new Map((await (lock ? repo.findPartnersForUpdate : repo.findPartners)(tx, ctx.actor.organisationId, ids)).map((r) => [r.id, r]));
    // A row without an id that is exactly a partner already there is that partner: importing a file twice adds nothing.
    const named = await repo.findPartnersNamed(tx, ctx.actor.organisationId, [...new Set(read.filter((r) => r.id === '' && r.input).map((r) => r.input?.nameJa ?? ''))]);
    const firstLine = new Map<string, number>();
    const result: ImportPlan = { rows: [], creates: [], updates: [] };
    for (const row of read) {
      const issues = { ...row.issues };
      const id = row.id.toLowerCase();
      const current = id ? existing.get(id) : undefined;
      if (id) {
        const seenOn = firstLine.get(id);
        if (!current) issues.id = { key: 'partner_id_unknown' };
        else if (seenOn !== undefined) issues.id = { key: 'partner_id_repeated', params: { line: seenOn } };
        else firstLine.set(id, row.line);
      }
      let fields: PartnerFields | null = null;
      if (row.input) {
        // A column the file leaves out keeps the partner's value; a new partner takes the default.
        const given = Object.fromEntries(FIELDS.filter((f) => present.has(f)).map((f) => [f, row.input?.[f]])) as Partial<PartnerFields>;
        const settled = settle(current ? overlay(fieldsOf(current), given) : row.input);
        if (settled.issue) issues.postalCode ??= settled.issue;
        fields = settled.fields;
      }
      const hasIssues = Object.keys(issues).length > 0;
      let action: PartnerImportRow['action'] = 'error';
      let partnerId = current?.id ?? null;
      if (!hasIssues && fields) {
        const twin = current ? undefined : named.find((p) => changedFields(fieldsOf(p), fields).length === 0);
        if (twin) {
          action = 'unchanged';
          partnerId = twin.id;
        } else if (!current) {
          action = 'create';
          result.creates.push(fields);
        } else {
          const changed = changedFields(fieldsOf(current), fields);
          action = changed.length > 0 ? 'update' : 'unchanged';
          if (changed.length > 0) result.updates.push({ id: current.id, fields, changed });
        }
      }
      result.rows.push({
        line: row.line, action, partnerId, nameJa: fields?.nameJa ?? row.nameJa,
        errors: hasIssues ? issueMessages(issues, t) : {},
      });
    }
    return result;
  }

  const countOf = (rows: PartnerImportRow[], action: PartnerImportRow['action']) => rows.filter((r) => r.action === action).length;

  return {
    /** The directory, filtered and in its order (the reading, else the name). */
    async list(ctx: RequestContext, query: PartnerQuery): Promise<PartnerList> {
      const filter = filterOf(query);
      const rows = await repo.listPartners(db, ctx.actor.organisationId, filter, query.limit, query.offset);
      const total = rows.length < query.limit && (query.offset === 0 || rows.length > 0) ? query.offset + rows.length : await repo.countPartners(db, ctx.actor.organisationId, filter);
      return { partners: rows.map(presentPartner), total };
    },

    /** One partner of the organisation; `partners.not_found` for any other id. */
    async get(ctx: RequestContext, id: string): Promise<Partner> {
      return presentPartner(await load(db, ctx, id));
    },

    /** Adds a partner; prefecture and city come from the 〒 when left empty. */
    async create(ctx: RequestContext, input: CreatePartnerInput): Promise<Partner> {
      const settled = settle(input);
      if (settled.issue) throw invalidField('partners.postal_code_unknown', 'postalCode', settled.issue.key);
      return db.transaction().execute(async (tx) => presentPartner(await insert(tx, ctx, settled.fields, 'form')));
    },

    /** Changes what is sent (row version checked), archives or brings back; nothing changes when nothing differs. */
    async update(ctx: RequestContext, id: string, input: UpdatePartnerInput): Promise<Partner> {
      return db.transaction().execute(async (tx) => {
        const current = await load(tx, ctx, id);
        if (current.version !== input.version) throw conflict('partners.version_conflict');
        // Only the fields are read from the input: version and archived are not fields of the partner.
        const settled = settle(overlay(fieldsOf(current), input));
        if (settled.issue) throw invalidField('partners.postal_code_unknown', 'postalCode', settled.issue.key);
        const changed = changedFields(fieldsOf(current), settled.fields);
        const archiving = input.archived !== undefined && input.archived !== (current.archived_at !== null) ? input.archived : undefined;
        if (changed.length === 0 && archiving === undefined) return presentPartner(current);
        const patch = { ...patchOf(settled.fields, changed), ...derived(settled.fields) };
        const row = await repo.updatePartner(tx, ctx.actor.organisationId, id, { version: input.version, staffUserId: ctx.actor.staffUserId, patch, archived: archiving });
        if (!row) throw conflict('partners.version_conflict');
        const audited: string[] = archiving === undefined ? changed : [...changed, 'archived'];
        await audit.record(tx, ctx, { action: 'update', entityType: 'partner', entityId: id, details: { fields: audited, ...(archiving !== undefined && { archived: archiving }) } });
        return presentPartner(row);
      });
    },

    /** The directory as CSV (the same filters as the list; every match, up to the import's limit). */
    async exportCsv(ctx: RequestContext, query: Omit<PartnerQuery, 'limit' | 'offset'>): Promise<string> {
      const rows = await repo.listPartners(db, ctx.actor.organisationId, filterOf(query), MAX_PARTNER_CSV_ROWS, 0);
      // A bulk copy of the directory (contact persons included) is worth knowing about, unlike a look-up.
      await audit.record(db, ctx, { action: 'export', entityType: 'partner', details: { rows: rows.length } });
      return partnersCsv(rows.map(presentPartner));
    },

    /** What importing the file would do, row by row (errors in the reader's language, with the file's line). */
    async previewImport(ctx: RequestContext, bytes: Uint8Array, language: Language): Promise<PartnerImportPreview> {
      const { rows } = await plan(db, ctx, bytes, language, false);
      return { rows, counts: { create: countOf(rows, 'create'), update: countOf(rows, 'update'), unchanged: countOf(rows, 'unchanged'), error: countOf(rows, 'error') } };
    },

    /** Writes the whole file in one transaction, or nothing: refused while any row has an error. */
    async importFile(ctx: RequestContext, bytes: Uint8Array, language: Language): Promise<PartnerImportResult> {
      return db.transaction().execute(async (tx) => {
        const planned = await plan(tx, ctx, bytes, language, true);
        const errors = countOf(planned.rows, 'error');
        if (errors > 0) throw new AppError(400, 'partners.import_has_errors', { file: { key: 'invalid' } }, { count: errors });
        for (const fields of planned.creates) await insert(tx, ctx, fields, 'import');
        for (const u of planned.updates) {
          const patch = { ...patchOf(u.fields, u.changed), ...derived(u.fields) };
          await repo.updatePartner(tx, ctx.actor.organisationId, u.id, { version: null, staffUserId: ctx.actor.staffUserId, patch });
          await audit.record(tx, ctx, { action: 'update', entityType: 'partner', entityId: u.id, details: { fields: u.changed, via: 'import' } });
        }
        return { created: planned.creates.length, updated: planned.updates.length, unchanged: countOf(planned.rows, 'unchanged') };
      });
    },
  };
}
export type PartnersService = ReturnType<typeof createPartnersService>;
