import type { Updateable } from 'kysely';
import { nextCounter } from '../../../server/db/counters';
import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, conflict, invalidField, notFound } from '../../../server/http/errors';
import { tokyoDate } from '../../../shared/time';
import type { AuditService } from '../../audit/server/audit.service';
import { foldForSearch, searchTokens } from '../../people/search-text';
import {
  normalisePostalCode, type AddressInput, type CreateSupporterInput, type DuplicateCandidate, type DuplicateQuery, type MergePreview,
  type Supporter, type SupporterMerge, type SupporterSummary, type UpdateSupporterInput,
} from '../contract';
import type { SupporterTable } from './fundraising.tables';
import { lookupPostalCode } from '../../../server/postal-codes';
import { duplicateReasons, readingKey, type DuplicateProbe } from './supporter-duplicates';
import { addressee, defaultHonorific, englishAddressee, listName, reading, supporterSearchText } from './supporter-names';
import * as repo from './supporters.repository';

export function presentSummary(r: repo.SupporterRow): SupporterSummary {
  return {
    id: r.id, supporterNumber: r.supporter_number, kind: r.kind, displayName: addressee(namesOf(r)), reading: reading(namesOf(r)),
    email: r.email, phone: r.phone, postalCode: r.postal_code, prefecture: r.prefecture ?? '', city: r.city ?? '', noContact: r.no_contact,
    mergedIntoId: r.merged_into_id,
  };
}

export function presentSupporter(r: repo.SupporterRow): Supporter {
  return {
    ...presentSummary(r),
    familyName: r.family_name, givenName: r.given_name, familyNameKana: r.family_name_kana, givenNameKana: r.given_name_kana,
    organisationName: r.organisation_name, organisationNameKana: r.organisation_name_kana, department: r.department, honorific: r.honorific,
    preferredLanguage: r.preferred_language, allowPost: r.allow_post, allowEmail: r.allow_email, allowPhone: r.allow_phone,
    publishName: r.publish_name, notes: r.notes, tags: r.tags,
    address: r.address_id
      ? {
        id: r.address_id, country: r.country ?? 'JP', postalCode: r.postal_code, prefecture: r.prefecture ?? '', city: r.city ?? '',
        line1: r.line1 ?? '', line2: r.line2 ?? '', validFrom: r.valid_from ?? '', replacedAt: null,
      }
      : null,
    createdAt: r.created_at.toISOString(), version: r.version,
  };
}

const namesOf = (r: repo.SupporterRow) => ({
  kind: r.kind, familyName: r.family_name, givenName: r.given_name, familyNameKana: r.family_name_kana, givenNameKana: r.given_name_kana,
  organisationName: r.organisation_name, organisationNameKana: r.organisation_name_kana, department: r.department, honorific: r.honorific,
});

const probeOf = (r: repo.SupporterRow): DuplicateProbe => ({
  kind: r.kind, familyName: r.family_name, givenName: r.given_name, familyNameKana: r.family_name_kana, givenNameKana: r.given_name_kana,
  organisationName: r.organisation_name, email: r.email, phoneDigits: r.phone_digits, postalCode: r.postal_code, prefecture: r.prefecture, city: r.city,
});

/** The fields a merge fills on the kept record from the other one, when the kept one has none. */
const FILLABLE = [
  'family_name', 'given_name', 'family_name_kana', 'given_name_kana', 'organisation_name', 'organisation_name_kana', 'department', 'email', 'phone',
] as const;

/**
 * A checked address: a Japanese 〒 must exist in Japan Post's data; prefecture and city are filled
 * from it when left empty (and must agree with it when given).
 */
function checkAddress(input: AddressInput, field = 'address') {
  if (input.country !== 'JP') return { ...input, postalCode: input.postalCode?.trim() || null };
  if (!input.postalCode) {
    if (input.line1 === '' && input.city === '') throw invalidField('supporter.address_incomplete', `${field}.postalCode`, 'required');
    return { ...input, postalCode: null };
  }
  const code = normalisePostalCode(input.postalCode);
  if (!/^\d{7}$/.test(code)) throw invalidField('supporter.postal_code_invalid', `${field}.postalCode`, 'postal_code_format');
  const places = lookupPostalCode(code).places;
  const first = places[0];
  if (!first) throw invalidField('supporter.postal_code_unknown', `${field}.postalCode`, 'postal_code_unknown');
  return { ...input, postalCode: code, prefecture: input.prefecture || first.prefecture, city: input.city || first.city };
}

export function createSupportersService(db: Db, audit: AuditService) {
  async function load(tx: DbOrTx, ctx: RequestContext, id: string) {
    const row = await repo.findSupporter(tx, ctx.actor.organisationId, id);
    if (!row) throw notFound('supporter.not_found');
    return row;
  }

  async function reindex(tx: DbOrTx, ctx: RequestContext, id: string) {
    const row = await load(tx, ctx, id);
    await repo.setSearchText(tx, id, supporterSearchText({ ...namesOf(row), supporterNumber: row.supporter_number, email: row.email, phone: row.phone, postalCode: row.postal_code }));
    return row;
  }

  async function duplicates(tx: DbOrTx, ctx: RequestContext, q: DuplicateQuery): Promise<DuplicateCandidate[]> {
    const postal = q.postalCode ? normalisePostalCode(q.postalCode) : null;
    let prefecture = q.prefecture ?? null;
    let city = q.city ?? null;
    if (postal && (!prefecture || !city)) {
      const place = lookupPostalCode(postal).places[0];
      prefecture ||= place?.prefecture ?? null;
      city ||= place?.city ?? null;
    }
    const probe: DuplicateProbe = {
      kind: q.kind, familyName: q.familyName, givenName: q.givenName, familyNameKana: q.familyNameKana, givenNameKana: q.givenNameKana,
      organisationName: q.organisationName, email: q.email || null, phoneDigits: (q.phone ?? '').normalize('NFKC').replace(/\D/g, '') || null,
      postalCode: postal, prefecture, city,
    };
    const rows = await repo.findDuplicateCandidates(tx, ctx.actor.organisationId, {
      email: probe.email, phoneDigits: probe.phoneDigits && probe.phoneDigits.length >= 8 ? probe.phoneDigits : null,
      readingKey: readingKey(probe) || null, postalCode: postal, familyName: q.familyName || null, familyNameKana: q.familyNameKana || null,
      organisationName: q.kind === 'organisation' ? q.organisationName || null : null, prefecture, city, excludeId: q.excludeId ?? null,
    });
    const found: DuplicateCandidate[] = [];
    for (const row of rows) {
      const match = duplicateReasons(probe, probeOf(row));
      if (match) found.push({ supporter: presentSummary(row), ...match });
    }
    return found.sort((a, b) => (a.level === b.level ? b.reasons.length - a.reasons.length : a.level === 'strong' ? -1 : 1)).slice(0, 10);
  }

  /** Creates a supporter inside the caller's transaction (also used by imports). */
  async function createInTx(tx: DbOrTx, ctx: RequestContext, input: CreateSupporterInput): Promise<Supporter> {
    if (input.kind === 'individual' && input.familyName === '' && input.givenName === '') throw invalidField('supporter.name_required', 'familyName', 'required');
    if (input.kind === 'organisation' && input.organisationName === '') throw invalidField('supporter.name_required', 'organisationName', 'required');
    const address = input.address ? checkAddress(input.address) : null;
    if (!input.acknowledgeDuplicates) {
      const strong = (await duplicates(tx, ctx, { ...input, postalCode: address?.postalCode ?? null, prefecture: address?.prefecture, city: address?.city }))
        .filter((c) => c.level === 'strong');
      if (strong.length > 0) {
        throw new AppError(409, 'supporter.possible_duplicate', {}, { count: strong.length, numbers: strong.map((c) => c.supporter.supporterNumber).join(', ') });
      }
    }
    const number = await nextCounter(tx, ctx.actor.organisationId, 'supporter');
    const { id } = await repo.insertSupporter(tx, {
      organisation_id: ctx.actor.organisationId, supporter_number: `S-${String(number).padStart(6, '0')}`, kind: input.kind,
      family_name: input.familyName, given_name: input.givenName, family_name_kana: input.familyNameKana, given_name_kana: input.givenNameKana,
      organisation_name: input.organisationName, organisation_name_kana: input.organisationNameKana, department: input.department,
      honorific: input.honorific ?? defaultHonorific(input.kind, input.familyName, input.givenName), email: input.email ?? null, phone: input.phone || null,
      preferred_language: input.preferredLanguage, allow_post: input.allowPost, allow_email: input.allowEmail, allow_phone: input.allowPhone,
      publish_name: input.publishName, no_contact: input.noContact, notes: input.notes, tags: [...new Set(input.tags)], created_by: ctx.actor.staffUserId,
    });
    if (address) {
      await repo.replaceAddress(tx, {
        organisation_id: ctx.actor.organisationId, supporter_id: id, country: address.country, postal_code: address.postalCode,
        prefecture: address.prefecture, city: address.city, line1: address.line1, line2: address.line2,
        valid_from: address.validFrom ?? tokyoDate(), created_by: ctx.actor.staffUserId,
      });
    }
    const row = await reindex(tx, ctx, id);
    // The audit keeps which fields were given, never their values.
    await audit.record(tx, ctx, { action: 'create', entityType: 'supporter', entityId: id, details: { kind: input.kind, address: address !== null } });
    return presentSupporter(row);
  }

  return {
    createInTx,

    /** Proposes existing supporters that may be the one being entered (strong ones must be looked at first). */
    async findDuplicates(ctx: RequestContext, q: DuplicateQuery, tx: DbOrTx = db): Promise<DuplicateCandidate[]> {
      return duplicates(tx, ctx, q);
    },

    /** Adds a supporter; refused with 409 while strong duplicates exist and were not acknowledged. */
    async create(ctx: RequestContext, input: CreateSupporterInput): Promise<Supporter> {
      return db.transaction().execute((tx) => createInTx(tx, ctx, input));
    },

    /** One supporter with the current address (audited read). */
    async get(ctx: RequestContext, id: string): Promise<Supporter> {
      const row = await load(db, ctx, id);
      await audit.record(db, ctx, { action: 'read', entityType: 'supporter', entityId: id });
      return presentSupporter(row);
    },

    /** Supporters by id, for other rooms of the module (no audit: the caller audits its own read). */
    async summaries(ctx: RequestContext, ids: readonly string[], tx: DbOrTx = db): Promise<Map<string, repo.SupporterRow>> {
      const rows = await repo.findSupporters(tx, ctx.actor.organisationId, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, r]));
    },

    /** Every address the supporter has had, newest first. */
    async addresses(ctx: RequestContext, id: string) {
      await load(db, ctx, id);
      const rows = await repo.listAddresses(db, ctx.actor.organisationId, id);
      return rows.map((a) => ({
        id: a.id, country: a.country, postalCode: a.postal_code, prefecture: a.prefecture, city: a.city, line1: a.line1, line2: a.line2,
        validFrom: a.valid_from, replacedAt: a.replaced_at ? a.replaced_at.toISOString() : null,
      }));
    },

    /** Changes a supporter (row version checked); a new address keeps the old one as history. */
    async update(ctx: RequestContext, id: string, input: UpdateSupporterInput): Promise<Supporter> {
      return db.transaction().execute(async (tx) => {
        const current = await load(tx, ctx, id);
        if (current.merged_into_id) throw conflict('supporter.merged');
        const patch: Record<string, unknown> = {};
        const set = (column: keyof SupporterTable, value: unknown) => {
          if (value !== undefined) patch[column] = value;
        };
        set('kind', input.kind);
        set('family_name', input.familyName);
        set('given_name', input.givenName);
        set('family_name_kana', input.familyNameKana);
        set('given_name_kana', input.givenNameKana);
        set('organisation_name', input.organisationName);
        set('organisation_name_kana', input.organisationNameKana);
        set('department', input.department);
        set('honorific', input.honorific);
        set('email', input.email);
        set('phone', input.phone === '' ? null : input.phone);
        set('preferred_language', input.preferredLanguage);
        set('allow_post', input.allowPost);
        set('allow_email', input.allowEmail);
        set('allow_phone', input.allowPhone);
        set('publish_name', input.publishName);
        set('no_contact', input.noContact);
        set('notes', input.notes);
        if (input.tags) patch.tags = [...new Set(input.tags)];
        const kind = input.kind ?? current.kind;
        const family = input.familyName ?? current.family_name;
        const given = input.givenName ?? current.given_name;
        if (kind === 'individual' && family === '' && given === '') throw invalidField('supporter.name_required', 'familyName', 'required');
        if (kind === 'organisation' && (input.organisationName ?? current.organisation_name) === '') throw invalidField('supporter.name_required', 'organisationName', 'required');
        const address = input.address ? checkAddress(input.address) : null;
        const done = await repo.updateSupporter(tx, ctx.actor.organisationId, id, input.version, patch as Updateable<SupporterTable>);
        if (!done) throw conflict('supporter.version_conflict');
        if (address) {
          await repo.replaceAddress(tx, {
            organisation_id: ctx.actor.organisationId, supporter_id: id, country: address.country, postal_code: address.postalCode,
            prefecture: address.prefecture, city: address.city, line1: address.line1, line2: address.line2,
            valid_from: address.validFrom ?? tokyoDate(), created_by: ctx.actor.staffUserId,
          });
        }
        const row = await reindex(tx, ctx, id);
        await audit.record(tx, ctx, { action: 'update', entityType: 'supporter', entityId: id, details: { fields: Object.keys(input).filter((k) => k !== 'version') } });
        return presentSupporter(row);
      });
    },

    /** Search as you type: kanji, kana (either kind, any width), romaji, email, phone, 〒 or number. */
    async search(ctx: RequestContext, q: string, limit: number, offset: number): Promise<{ supporters: SupporterSummary[]; total: number }> {
      const tokens = searchTokens(q);
      const rows = await repo.searchSupporters(db, ctx.actor.organisationId, tokens, foldForSearch(q), limit, offset);
      const total = rows.length < limit && offset === 0 ? rows.length : await repo.countSearch(db, ctx.actor.organisationId, tokens);
      await audit.record(db, ctx, { action: 'search', entityType: 'supporter', details: { results: rows.length } });
      return { supporters: rows.map(presentSummary), total };
    },

    /** 〒 → prefecture and city (Japan Post data); 400 when the code does not exist. */
    lookupPostalCode(postalCode: string) {
      const code = normalisePostalCode(postalCode);
      if (!/^\d{7}$/.test(code)) throw invalidField('supporter.postal_code_invalid', 'postalCode', 'postal_code_format');
      const found = lookupPostalCode(code);
      if (found.places.length === 0) throw invalidField('supporter.postal_code_unknown', 'postalCode', 'postal_code_unknown');
      return found;
    },

    /** What merging `mergedId` into `keptId` would do, without doing it. */
    async mergePreview(ctx: RequestContext, keptId: string, mergedId: string): Promise<MergePreview> {
      if (keptId === mergedId) throw invalidField('supporter.merge_into_self', 'mergedId', 'invalid');
      const kept = await load(db, ctx, keptId);
      const merged = await load(db, ctx, mergedId);
      if (kept.merged_into_id || merged.merged_into_id) throw conflict('supporter.merged');
      const result = { ...kept };
      for (const column of FILLABLE) if (!result[column] && merged[column]) (result as Record<string, unknown>)[column] = merged[column];
      if (!result.address_id && merged.address_id) Object.assign(result, Object.fromEntries(Object.entries(merged).filter(([k]) => ['address_id', 'country', 'postal_code', 'prefecture', 'city', 'line1', 'line2', 'valid_from', 'replaced_at'].includes(k))));
      const moves = await repo.countOwned(db, ctx.actor.organisationId, mergedId);
      return { kept: presentSupporter(kept), merged: presentSupporter(merged), result: presentSupporter(result), moves: { ...moves, addresses: kept.address_id ? 0 : merged.address_id ? 1 : 0 } };
    },

    /** Merges a duplicate into the kept supporter: gifts, commitments and soft credits move; undoable. */
    async merge(ctx: RequestContext, keptId: string, mergedId: string): Promise<SupporterMerge> {
      if (keptId === mergedId) throw invalidField('supporter.merge_into_self', 'mergedId', 'invalid');
      return db.transaction().execute(async (tx) => {
        // Lock in id order so two merges of the same pair cannot deadlock.
        for (const id of [keptId, mergedId].sort()) if (!(await repo.lockSupporter(tx, ctx.actor.organisationId, id))) throw notFound('supporter.not_found');
        const kept = await load(tx, ctx, keptId);
        const merged = await load(tx, ctx, mergedId);
        if (kept.merged_into_id || merged.merged_into_id) throw conflict('supporter.merged');
        const before: Record<string, unknown> = {};
        const fill: Updateable<SupporterTable> = {};
        for (const column of FILLABLE) {
          before[column] = kept[column];
          if (!kept[column] && merged[column]) (fill as Record<string, unknown>)[column] = merged[column];
        }
        before.tags = kept.tags;
        fill.tags = [...new Set([...kept.tags, ...merged.tags])];
        if (Object.keys(fill).length > 0) await repo.restoreSupporter(tx, ctx.actor.organisationId, keptId, fill);
        const moved: Record<string, string[]> = await repo.moveOwned(tx, ctx.actor.organisationId, mergedId, keptId);
        moved.addresses = [];
        if (!kept.address_id && merged.address_id) {
          const { id } = await repo.replaceAddress(tx, {
            organisation_id: ctx.actor.organisationId, supporter_id: keptId, country: merged.country ?? 'JP', postal_code: merged.postal_code,
            prefecture: merged.prefecture ?? '', city: merged.city ?? '', line1: merged.line1 ?? '', line2: merged.line2 ?? '',
            valid_from: merged.valid_from ?? tokyoDate(), created_by: ctx.actor.staffUserId,
          });
          moved.addresses = [id];
        }
        await repo.setMergedInto(tx, ctx.actor.organisationId, mergedId, keptId);
        await reindex(tx, ctx, keptId);
        const row = await repo.insertMerge(tx, {
          organisation_id: ctx.actor.organisationId, kept_id: keptId, merged_id: mergedId, kept_before: JSON.stringify(before),
          moved: JSON.stringify(moved), merged_by: ctx.actor.staffUserId,
        });
        await audit.record(tx, ctx, { action: 'merge', entityType: 'supporter', entityId: keptId, details: { mergedId, gifts: moved.gifts?.length ?? 0, commitments: moved.commitments?.length ?? 0 } });
        return { id: row.id, keptId, mergedId, mergedAt: row.merged_at.toISOString(), undoneAt: null };
      });
    },

    /** Undoes a merge exactly: the moved rows go back, the kept record's filled fields are restored. */
    async undoMerge(ctx: RequestContext, mergeId: string): Promise<SupporterMerge> {
      return db.transaction().execute(async (tx) => {
        const m = await repo.findMerge(tx, ctx.actor.organisationId, mergeId);
        if (!m) throw notFound('supporter_merge.not_found');
        if (m.undone_at) throw conflict('supporter_merge.already_undone');
        const moved = { gifts: [], commitments: [], softCredits: [], addresses: [], ...m.moved };
        await repo.moveBack(tx, ctx.actor.organisationId, m.merged_id, moved);
        const restore: Record<string, unknown> = { ...m.kept_before };
        await repo.restoreSupporter(tx, ctx.actor.organisationId, m.kept_id, restore as Updateable<SupporterTable>);
        if (moved.addresses.length > 0) {
          // The copied address is ended, not deleted; the kept supporter's earlier history is untouched.
          await repo.endAddresses(tx, moved.addresses);
        }
        await repo.setMergedInto(tx, ctx.actor.organisationId, m.merged_id, null);
        await reindex(tx, ctx, m.kept_id);
        await reindex(tx, ctx, m.merged_id);
        await repo.markMergeUndone(tx, m.id, ctx.actor.staffUserId);
        await audit.record(tx, ctx, { action: 'unmerge', entityType: 'supporter', entityId: m.kept_id, details: { mergedId: m.merged_id } });
        return { id: m.id, keptId: m.kept_id, mergedId: m.merged_id, mergedAt: m.merged_at.toISOString(), undoneAt: new Date().toISOString() };
      });
    },

    /** The merges a supporter took part in, newest first. */
    async merges(ctx: RequestContext, supporterId: string): Promise<SupporterMerge[]> {
      const rows = await repo.listMerges(db, ctx.actor.organisationId, supporterId);
      return rows.map((m) => ({ id: m.id, keptId: m.kept_id, mergedId: m.merged_id, mergedAt: m.merged_at.toISOString(), undoneAt: m.undone_at ? m.undone_at.toISOString() : null }));
    },

    /** The name to print for a supporter (with honorific), for other rooms. */
    addressee: (r: repo.SupporterRow, language: 'ja' | 'en' = 'ja') => (language === 'en' ? englishAddressee(namesOf(r)) : addressee(namesOf(r))),
    listName: (r: repo.SupporterRow) => listName(namesOf(r)),
  };
}
export type SupportersService = ReturnType<typeof createSupportersService>;
