import type { FieldCipher } from '../../../server/crypto/field-cipher';
import type { Db, DbOrTx } from '../../../server/db/database';
import type { RequestContext } from '../../../server/http/context';
import { AppError, conflict, invalidField, notFound } from '../../../server/http/errors';
import { daysBetween, tokyoDate } from '../../../shared/time';
import type { AuditService } from '../../audit/server/audit.service';
import { monthEnd, monthsBetween } from '../../budgets/contract';
import { waitingAllowanceStatuses } from '../../cases/contract';
import { createCaseFileSealing } from '../../cases/server/cases.sealing';
import type { CasesService } from '../../cases/server/cases.service';
import type { PeopleService } from '../../people/server/people.service';
import {
  resolvePeriod, type AdvocacySettings, type Barrier, type BarrierChange, type BarrierTag, type BreakdownDimension, type BulkTagInput,
  type CreateBarrierInput, type CreateTagsInput, type Evidence, type EvidenceQuery, type MonthlyCount, type PublicFigures, type QuoteWarning,
  type Suggestion, type TagInput, type UpdateAdvocacySettingsInput, type UpdateBarrierInput, type UpdateTagInput,
} from '../contract';
import { band, daysSummary, DEFAULT_MINIMUM_CELL, foldGroups, mayShowQuote, totalBand } from '../suppression';
import { evidenceBriefPdf, evidenceCsv, evidenceXlsx } from './advocacy.export';
import { quoteWarnings } from './advocacy.quotes';
import { defaultBarriers, suggestedBarrierCodes } from './advocacy.seed';
import * as ev from './advocacy.evidence.repository';
import * as repo from './advocacy.repository';

const DEFAULT_PUBLIC_FIGURES: AdvocacySettings['publicFigures'] = ['shelter_nights', 'people_fed', 'people_waiting_allowance', 'median_allowance_wait_days'];
/** A protection-allowance wait longer than this suggests barrier 1. */
const ALLOWANCE_WAIT_SUGGESTION_DAYS = 30;

function presentBarrier(r: repo.BarrierRow): Barrier {
  return {
    id: r.id, code: r.code, labelJa: r.label_ja, labelEn: r.label_en, descriptionJa: r.description_ja, descriptionEn: r.description_en,
    sortOrder: r.sort_order, retiredAt: r.retired_at ? r.retired_at.toISOString() : null, mergedIntoId: r.merged_into_id,
  };
}

function presentTag(r: repo.TagRow): BarrierTag {
  return {
    id: r.id, personId: r.person_id, consultationId: r.consultation_id, barrierId: r.barrier_id, barrierLabelJa: r.label_ja,
    barrierLabelEn: r.label_en, barrierRetired: r.retired_at !== null, observedOn: r.observed_on, quote: r.quote, resolvedOn: r.resolved_on,
    taggedByName: r.tagged_by_name, taggedAt: r.tagged_at.toISOString(),
  };
}

/** What the history keeps of a barrier: its words, its order and its state. */
const snapshot = (r: repo.BarrierRow) => ({
  labelJa: r.label_ja, labelEn: r.label_en, descriptionJa: r.description_ja, descriptionEn: r.description_en, sortOrder: r.sort_order,
  retired: r.retired_at !== null, mergedIntoId: r.merged_into_id,
});

/** How long evidence figures are reused before they are counted again (aggregates move slowly). */
export const EVIDENCE_CACHE_MS = 10 * 60_000;
const EVIDENCE_CACHE_ENTRIES = 50;

/** Lets other work run between batches of a long computation (the desk must not wait for a brief). */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The public period around today: this winter (November–March), this fiscal year (April–March) or this calendar year. */
export function publicPeriod(kind: AdvocacySettings['publicPeriod'], today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (kind === 'calendar_year') return { from: `${year}-01-01`, to: `${year}-12-31` };
  if (kind === 'fiscal_year') {
    const start = month >= 4 ? year : year - 1;
    return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
  }
  // Winter: November to March; outside it, the winter just past.
  const start = month >= 11 ? year : year - 1;
  return { from: `${start}-11-01`, to: monthEnd(`${start + 1}-03`) };
}

export function createAdvocacyService(deps: { db: Db; audit: AuditService; people: PeopleService; cases: CasesService; cipher: FieldCipher }) {
  const { db, audit, people, cases } = deps;
  const sealing = createCaseFileSealing(deps.cipher);
  /**
   * Evidence already counted, by organisation, period, barrier and k. A tag, a taxonomy or a
   * settings change made here empties it; other records (case files, consultations) show within
   * EVIDENCE_CACHE_MS. Every view is still audited.
   */
  const evidenceCache = new Map<string, { at: number; value: Evidence }>();
  const forgetEvidence = () => evidenceCache.clear();

  async function settingsOf(organisationId: string): Promise<AdvocacySettings> {
    const row = await repo.findSettings(db, organisationId);
    return {
      minimumCell: row?.minimum_cell ?? DEFAULT_MINIMUM_CELL,
      publicFigures: (row?.public_figures ?? DEFAULT_PUBLIC_FIGURES) as AdvocacySettings['publicFigures'],
      publicPeriod: (row?.public_period ?? 'winter') as AdvocacySettings['publicPeriod'],
    };
  }

  async function getBarrier(tx: DbOrTx, ctx: RequestContext, id: string, field = 'id'): Promise<repo.BarrierRow> {
    const row = await repo.findBarrier(tx, ctx.actor.organisationId, id);
    if (!row) throw new AppError(404, 'barrier.not_found', { [field]: { key: 'invalid' } });
    return row;
  }

  /** The barriers new tags may use, checked against the organisation's taxonomy. */
  async function assertTaggable(tx: DbOrTx, ctx: RequestContext, barrierIds: readonly string[], field: (i: number) => string) {
    for (const [i, id] of barrierIds.entries()) {
      const row = await repo.findBarrier(tx, ctx.actor.organisationId, id);
      if (!row) throw new AppError(404, 'barrier.not_found', { [field(i)]: { key: 'invalid' } });
      if (row.retired_at) throw invalidField('barrier.retired', field(i));
    }
  }

  /** Quote warnings for a person: what of their name, phone, card or file number a quote seems to hold. */
  async function warningsFor(ctx: RequestContext, personId: string, texts: readonly string[]): Promise<QuoteWarning[][]> {
    if (texts.every((t) => t.trim() === '')) return texts.map(() => []);
    const person = await people.get(ctx, personId);
    const cardNumber = ctx.actor.permissions.has('cases.read') ? (await cases.get(ctx, personId)).residenceCardNumber : null;
    return texts.map((text) => quoteWarnings(text, { ...person, residenceCardNumber: cardNumber }));
  }

  /**
   * Writes tags in the caller's transaction (a consultation's are saved with it). `prefix` names
   * the fields in errors (`barrierTags.` from the consultation form, `tags.` from the tag route).
   */
  async function tagInTx(tx: DbOrTx, ctx: RequestContext, input: { personId: string; consultationId: string | null; tags: readonly TagInput[]; defaultObservedOn: string }, prefix: string): Promise<string[]> {
    await people.assertWritable(tx, ctx, input.personId);
    await assertTaggable(tx, ctx, input.tags.map((t) => t.barrierId), (i) => `${prefix}${i}.barrierId`);
    const today = tokyoDate();
    for (const [i, t] of input.tags.entries()) {
      if (t.observedOn !== undefined && t.observedOn > today) throw invalidField('validation.failed', `${prefix}${i}.observedOn`, 'future_date');
    }
    const rows = await repo.insertTags(tx, input.tags.map((t) => ({
      organisation_id: ctx.actor.organisationId, person_id: input.personId, consultation_id: input.consultationId, barrier_id: t.barrierId,
      observed_on: t.observedOn ?? input.defaultObservedOn, quote: t.quote?.trim() ? t.quote.trim() : null, tagged_by: ctx.actor.staffUserId,
    })));
    const ids = rows.map((r) => r.id);
    forgetEvidence();
    if (ids.length > 0) {
      await audit.record(tx, ctx, {
        action: 'create', entityType: 'barrier_tag', entityId: input.personId,
        details: { personId: input.personId, consultationId: input.consultationId, barrierIds: input.tags.map((t) => t.barrierId), count: ids.length },
      });
    }
    return ids;
  }

  /** The evidence for a query, every figure banded; counted again after EVIDENCE_CACHE_MS or a change. */
  async function evidence(ctx: RequestContext, query: EvidenceQuery): Promise<Evidence> {
    const organisationId = ctx.actor.organisationId;
    const today = tokyoDate();
    const { from, to } = resolvePeriod(query, today);
    const barrierId = query.barrierId ?? null;
    if (barrierId) await getBarrier(db, ctx, barrierId, 'barrierId');
    const { minimumCell: k } = await settingsOf(organisationId);
    const key = JSON.stringify([organisationId, from, to, barrierId, k, today]);
    const cached = evidenceCache.get(key);
    if (cached && Date.now() - cached.at < EVIDENCE_CACHE_MS) return cached.value;
    const value = await countEvidence(organisationId, { from, to, barrierId, k, today });
    if (evidenceCache.size >= EVIDENCE_CACHE_ENTRIES) evidenceCache.delete(evidenceCache.keys().next().value ?? '');
    evidenceCache.set(key, { at: Date.now(), value });
    return value;
  }

  async function countEvidence(organisationId: string, q: { from: string; to: string; barrierId: string | null; k: number; today: string }): Promise<Evidence> {
    const { from, to, barrierId, k, today } = q;
    const months = monthsBetween(from, to);
    const period: ev.Period = { organisationId, from: `${from}-01`, to: monthEnd(to), today };

    const [barrierRows, grid, breakdownRows, sealedRows, waits, rough, turnAways, missed, noInterpreter, quoteRows] = await Promise.all([
      repo.listBarriers(db, organisationId), ev.barrierGrid(db, period), ev.breakdowns(db, period, barrierId),
      ev.sealedFieldsOfAffected(db, period, barrierId), ev.allowanceWaits(db, period), ev.roughNightsBeforeBed(db, period),
      ev.shelterTurnAways(db, period), ev.deadlinesMissed(db, period), ev.consultationsWithoutInterpreter(db, period), ev.quotes(db, period),
    ]);

    const cell = (barrier: string | null, month: string | null) => grid.find((g) => g.barrier_id === barrier && g.month === month)?.people ?? 0;
    const monthly = (rows: ev.MonthRow[]): MonthlyCount => ({
      months: months.map((m) => band(rows.find((r) => r.month === m)?.people ?? 0, k)),
      total: totalBand(rows.find((r) => r.month === null)?.people ?? 0, k),
    });
    // Barriers with tags, and every active one (a row of zeros says "not seen" as much as a count does).
    const counted = new Set(grid.map((g) => g.barrier_id).filter((b): b is string => b !== null));
    const barriers = barrierRows
      .filter((b) => b.merged_into_id === null && (b.retired_at === null || counted.has(b.id)))
      .map((b) => ({
        barrierId: b.id, code: b.code, labelJa: b.label_ja, labelEn: b.label_en, isRetired: b.retired_at !== null,
        months: months.map((m) => band(cell(b.id, m), k)), total: totalBand(cell(b.id, null), k),
      }));

    // The procedure stage is sealed: opened here, a batch at a time so other requests are served in between.
    const stageCounts = new Map<string | null, number>();
    for (const [i, row] of sealedRows.entries()) {
      if (i > 0 && i % 2000 === 0) await yieldToOthers();
      const stage = row.sealed_fields === null && row.procedure_stage === null ? null : sealing.open(row).procedureStage;
      stageCounts.set(stage, (stageCounts.get(stage) ?? 0) + 1);
    }
    const groupsOf = (dimension: Exclude<BreakdownDimension, 'procedureStage'>) =>
      breakdownRows.filter((r) => r.dimension === dimension).map((r) => ({ group: r.grp ?? 'unknown', people: r.people }));
    const breakdowns = {
      nationality: foldGroups(groupsOf('nationality'), k),
      sex: foldGroups(groupsOf('sex'), k),
      ageBand: foldGroups(groupsOf('ageBand'), k),
      residenceStatus: foldGroups(groupsOf('residenceStatus'), k),
      procedureStage: foldGroups([...stageCounts].map(([group, people]) => ({ group: group ?? 'unknown', people })), k),
    };

    const totals = new Map(grid.filter((g) => g.month === null && g.barrier_id !== null).map((g) => [g.barrier_id, g.people]));
    const noWait = { people: 0, median: null, p90: null, longest: null };
    return {
      from, to, months, minimumCell: k, barrierId,
      barriers,
      // People with any barrier bound the barriers' cells: totals, a band wider (../suppression.ts).
      anyBarrier: { months: months.map((m) => totalBand(cell(null, m), k)), total: totalBand(cell(null, null), k) },
      breakdowns,
      allowanceWaits: months.map((m) => ({ month: m, ...daysSummary(waits.find((w) => w.month === m) ?? noWait, k) })),
      allowanceWaitingNow: daysSummary(waits.find((w) => w.month === null) ?? noWait, k),
      roughNightsBeforeBed: daysSummary(rough, k),
      shelterTurnAways: monthly(turnAways),
      deadlinesMissed: monthly(missed),
      consultationsWithoutInterpreter: monthly(noInterpreter),
      quotes: quoteRows.filter((q) => mayShowQuote(totals.get(q.barrier_id) ?? 0, k)).map((q) => ({ id: q.id, barrierId: q.barrier_id, month: q.month, quote: q.quote })),
    };
  }

  async function auditEvidence(ctx: RequestContext, query: EvidenceQuery, result: Evidence, format: 'view' | 'csv' | 'xlsx' | 'pdf', extra: Record<string, unknown> = {}) {
    await audit.record(db, ctx, {
      action: format === 'view' ? 'read' : 'export', entityType: 'advocacy_evidence',
      details: { from: result.from, to: result.to, barrierId: result.barrierId, format, query: { ...query }, ...extra },
    });
  }

  return {
    /** A new organisation's barriers (DOMAIN.md's 15); nothing when it has any already. */
    async ensureDefaultBarriers(organisationId: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        if ((await repo.countBarriers(tx, organisationId)) > 0) return;
        const rows = await repo.insertBarriers(tx, defaultBarriers.map((b, i) => ({
          organisation_id: organisationId, code: b.code, label_ja: b.labelJa, label_en: b.labelEn,
          description_ja: b.descriptionJa, description_en: b.descriptionEn, sort_order: (i + 1) * 10,
        })));
        for (const r of rows) {
          await repo.insertBarrierChange(tx, { organisation_id: organisationId, barrier_id: r.id, action: 'created', before: null, after: snapshot(r), changed_by: null });
        }
      });
    },

    async listBarriers(ctx: RequestContext, includeRetired: boolean): Promise<Barrier[]> {
      const rows = await repo.listBarriers(db, ctx.actor.organisationId);
      return rows.filter((r) => includeRetired || r.retired_at === null).map(presentBarrier);
    },

    async createBarrier(ctx: RequestContext, input: CreateBarrierInput): Promise<Barrier> {
      return db.transaction().execute(async (tx) => {
        const organisationId = ctx.actor.organisationId;
        const sortOrder = input.sortOrder ?? (await repo.nextSortOrder(tx, organisationId));
        const code = input.code ?? `x${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
        const [row] = await repo.insertBarriers(tx, [{
          organisation_id: organisationId, code, label_ja: input.labelJa, label_en: input.labelEn,
          description_ja: input.descriptionJa, description_en: input.descriptionEn, sort_order: sortOrder,
        }]);
        if (!row) throw new AppError(409, 'barrier.code_taken', { code: { key: 'invalid' } });
        await repo.insertBarrierChange(tx, { organisation_id: organisationId, barrier_id: row.id, action: 'created', before: null, after: snapshot(row), changed_by: ctx.actor.staffUserId });
        await audit.record(tx, ctx, { action: 'create', entityType: 'barrier', entityId: row.id, details: { code } });
        forgetEvidence();
        return presentBarrier(row);
      });
    },

    /** Renames, re-describes, reorders, retires or restores a barrier; each change is kept in its history. */
    async updateBarrier(ctx: RequestContext, id: string, input: UpdateBarrierInput): Promise<Barrier> {
      return db.transaction().execute(async (tx) => {
        const before = await getBarrier(tx, ctx, id);
        if (before.merged_into_id) throw conflict('barrier.merged');
        const retiring = input.retired === true && before.retired_at === null;
        const restoring = input.retired === false && before.retired_at !== null;
        const after = await repo.updateBarrier(tx, ctx.actor.organisationId, id, {
          label_ja: input.labelJa, label_en: input.labelEn, description_ja: input.descriptionJa, description_en: input.descriptionEn,
          sort_order: input.sortOrder, ...(retiring ? { retired_at: new Date() } : {}), ...(restoring ? { retired_at: null } : {}),
        });
        if (!after) throw notFound('barrier.not_found');
        const edited = ['label_ja', 'label_en', 'description_ja', 'description_en', 'sort_order'].some((c) => before[c as keyof typeof before] !== after[c as keyof typeof after]);
        const changes: Array<'edited' | 'retired' | 'restored'> = [...(edited ? ['edited' as const] : []), ...(retiring ? ['retired' as const] : []), ...(restoring ? ['restored' as const] : [])];
        for (const action of changes) {
          await repo.insertBarrierChange(tx, { organisation_id: ctx.actor.organisationId, barrier_id: id, action, before: snapshot(before), after: snapshot(after), changed_by: ctx.actor.staffUserId });
        }
        if (changes.length > 0) await audit.record(tx, ctx, { action: 'update', entityType: 'barrier', entityId: id, details: { changes } });
        forgetEvidence();
        return presentBarrier(after);
      });
    },

    /** Merges a barrier into another: it is retired, and its tags (and those merged into it) count under the other. */
    async mergeBarrier(ctx: RequestContext, id: string, intoId: string): Promise<Barrier> {
      if (id === intoId) throw invalidField('barrier.merge_into_self', 'intoId');
      return db.transaction().execute(async (tx) => {
        const from = await getBarrier(tx, ctx, id);
        const into = await getBarrier(tx, ctx, intoId, 'intoId');
        if (from.merged_into_id) throw conflict('barrier.merged');
        if (into.merged_into_id || into.retired_at) throw invalidField('barrier.retired', 'intoId');
        const organisationId = ctx.actor.organisationId;
        await repo.repointMerged(tx, organisationId, id, intoId);
        const after = await repo.updateBarrier(tx, organisationId, id, { merged_into_id: intoId, retired_at: from.retired_at ?? new Date() });
        if (!after) throw notFound('barrier.not_found');
        await repo.insertBarrierChange(tx, { organisation_id: organisationId, barrier_id: id, action: 'merged', before: snapshot(from), after: { ...snapshot(after), mergedIntoCode: into.code }, changed_by: ctx.actor.staffUserId });
        await audit.record(tx, ctx, { action: 'update', entityType: 'barrier', entityId: id, details: { mergedInto: intoId } });
        forgetEvidence();
        return presentBarrier(after);
      });
    },

    async barrierHistory(ctx: RequestContext, id: string): Promise<BarrierChange[]> {
      await getBarrier(db, ctx, id);
      const rows = await repo.listBarrierChanges(db, ctx.actor.organisationId, id);
      return rows.map((r) => ({
        id: r.id, barrierId: r.barrier_id, action: r.action, before: r.before, after: r.after,
        changedByName: r.changed_by_name ?? 'Tobira', changedAt: r.changed_at.toISOString(),
      }));
    },

    tagInTx,

    /** Counts the evidence afresh on the next request (benchmarks; a change made here does it by itself). */
    forgetEvidence,

    /** A person's barrier tags, from consultations and on the file (audited as a read of the file). */
    async tagsOfPerson(ctx: RequestContext, personId: string, options: { audited?: boolean } = {}): Promise<BarrierTag[]> {
      await people.assertExists(db, ctx, personId);
      const rows = await repo.listTagsOfPerson(db, ctx.actor.organisationId, personId);
      if (options.audited !== false) await audit.record(db, ctx, { action: 'read', entityType: 'barrier_tag', entityId: personId, details: { personId } });
      return rows.map(presentTag);
    },

    /** Tags from a consultation (it must be the person's) or on the case file, with warnings about their quotes. */
    async createTags(ctx: RequestContext, input: CreateTagsInput): Promise<{ tags: BarrierTag[]; quoteWarnings: Record<string, QuoteWarning[]> }> {
      let defaultObservedOn = tokyoDate();
      if (input.consultationId) {
        const consultation = await repo.findConsultationPerson(db, ctx.actor.organisationId, input.consultationId);
        if (!consultation) throw new AppError(404, 'consultation.not_found', { consultationId: { key: 'invalid' } });
        if (consultation.person_id !== input.personId) throw invalidField('advocacy.consultation_mismatch', 'consultationId');
        defaultObservedOn = consultation.occurred_on;
      }
      const ids = await db.transaction().execute((tx) =>
        tagInTx(tx, ctx, { personId: input.personId, consultationId: input.consultationId ?? null, tags: input.tags, defaultObservedOn }, 'tags.'));
      const tags = (await repo.findTagsByIds(db, ctx.actor.organisationId, ids)).map(presentTag);
      const withQuotes = tags.filter((t) => t.quote);
      const warnings = await warningsFor(ctx, input.personId, withQuotes.map((t) => t.quote ?? ''));
      return { tags, quoteWarnings: Object.fromEntries(withQuotes.map((t, i) => [t.id, warnings[i] ?? []])) };
    },

    /** Tags many people with one barrier (from a list); people who already carry it open are left as they are. */
    async bulkTag(ctx: RequestContext, input: BulkTagInput): Promise<{ tagged: number; alreadyTagged: number }> {
      const personIds = [...new Set(input.personIds)];
      return db.transaction().execute(async (tx) => {
        await assertTaggable(tx, ctx, [input.barrierId], () => 'barrierId');
        for (const [i, id] of personIds.entries()) await people.assertWritable(tx, ctx, id, `personIds.${i}`);
        const already = await repo.peopleWithOpenTag(tx, ctx.actor.organisationId, input.barrierId, personIds);
        const observedOn = input.observedOn ?? tokyoDate();
        const todo = personIds.filter((id) => !already.has(id));
        const rows = todo.length === 0 ? [] : await repo.insertTags(tx, todo.map((personId) => ({
          organisation_id: ctx.actor.organisationId, person_id: personId, consultation_id: null, barrier_id: input.barrierId,
          observed_on: observedOn, quote: null, tagged_by: ctx.actor.staffUserId,
        })));
        await audit.record(tx, ctx, { action: 'create', entityType: 'barrier_tag', details: { bulk: true, barrierId: input.barrierId, people: rows.length } });
        forgetEvidence();
        return { tagged: rows.length, alreadyTagged: personIds.length - rows.length };
      });
    },

    async updateTag(ctx: RequestContext, id: string, input: UpdateTagInput): Promise<BarrierTag> {
      return db.transaction().execute(async (tx) => {
        const tag = await repo.findTag(tx, ctx.actor.organisationId, id);
        if (!tag) throw notFound('barrier_tag.not_found');
        if (input.resolvedOn && input.resolvedOn < tag.observed_on) throw invalidField('validation.failed', 'resolvedOn', 'resolved_before_observed');
        await repo.updateTag(tx, ctx.actor.organisationId, id, {
          ...(input.resolvedOn !== undefined ? { resolved_on: input.resolvedOn } : {}),
          ...(input.quote !== undefined ? { quote: input.quote?.trim() ? input.quote.trim() : null } : {}),
        });
        await audit.record(tx, ctx, { action: 'update', entityType: 'barrier_tag', entityId: id, details: { personId: tag.person_id, fields: Object.keys(input) } });
        forgetEvidence();
        const after = await repo.findTag(tx, ctx.actor.organisationId, id);
        if (!after) throw notFound('barrier_tag.not_found');
        return presentTag(after);
      });
    },

    /** Takes a mistaken tag off (kept, marked removed, out of every figure). */
    async removeTag(ctx: RequestContext, id: string): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const tag = await repo.findTag(tx, ctx.actor.organisationId, id);
        if (!tag) throw notFound('barrier_tag.not_found');
        await repo.updateTag(tx, ctx.actor.organisationId, id, { removed_at: new Date(), removed_by: ctx.actor.staffUserId });
        await audit.record(tx, ctx, { action: 'delete', entityType: 'barrier_tag', entityId: id, details: { personId: tag.person_id } });
        forgetEvidence();
      });
    },

    async checkQuote(ctx: RequestContext, personId: string, quote: string): Promise<QuoteWarning[]> {
      return (await warningsFor(ctx, personId, [quote]))[0] ?? [];
    },

    /**
     * Barriers the facts on file point to, not yet open on the person: allowance waited over 30 days
     * (1), sleeping rough (2), no work permission (3), uninsured (4), the last consultation without
     * an interpreter in the person's language when they speak neither Japanese nor English (10).
     */
    async suggestions(ctx: RequestContext, personId: string): Promise<Suggestion[]> {
      const organisationId = ctx.actor.organisationId;
      const facts = await repo.suggestionFacts(db, organisationId, personId);
      if (!facts) throw new AppError(404, 'person.not_found', { personId: { key: 'invalid' } });
      const file = ctx.actor.permissions.has('cases.read') ? await cases.get(ctx, personId) : null;
      const today = tokyoDate();
      const found: Array<{ reason: Suggestion['reason']; days: number | null }> = [];
      if (file?.allowanceAppliedOn && file.allowanceStatus && waitingAllowanceStatuses.includes(file.allowanceStatus)) {
        const days = daysBetween(file.allowanceAppliedOn, today);
        if (days > ALLOWANCE_WAIT_SUGGESTION_DAYS) found.push({ reason: 'allowance_wait', days });
      }
      if (facts.housing === 'rough_sleeping') found.push({ reason: 'rough_sleeping', days: null });
      if (file?.workPermitted === false) found.push({ reason: 'no_work_permission', days: null });
      if (file?.healthInsurance === 'uninsured') found.push({ reason: 'uninsured', days: null });
      const needsInterpreter = facts.languages.length > 0 && !facts.languages.some((l) => l === 'ja' || l === 'en');
      if (needsInterpreter && facts.has_consultation && !(facts.last_interpreter && facts.languages.includes(facts.last_interpreter))) {
        found.push({ reason: 'no_interpreter', days: null });
      }
      const barriers = await repo.findBarriersByCode(db, organisationId, found.map((f) => suggestedBarrierCodes[f.reason]));
      const open = await repo.openBarriersOfPerson(db, organisationId, personId);
      return found.flatMap((f) => {
        const b = barriers.find((x) => x.code === suggestedBarrierCodes[f.reason]);
        if (!b || b.retired_at || open.has(b.id)) return [];
        return [{ barrierId: b.id, barrierLabelJa: b.label_ja, barrierLabelEn: b.label_en, reason: f.reason, days: f.days }];
      });
    },

    async settings(ctx: RequestContext): Promise<AdvocacySettings> {
      return settingsOf(ctx.actor.organisationId);
    },

    async updateSettings(ctx: RequestContext, input: UpdateAdvocacySettingsInput): Promise<AdvocacySettings> {
      const current = await settingsOf(ctx.actor.organisationId);
      const next = { ...current, ...input };
      await db.transaction().execute(async (tx) => {
        await repo.upsertSettings(tx, ctx.actor.organisationId, {
          minimum_cell: next.minimumCell, public_figures: [...new Set(next.publicFigures)], public_period: next.publicPeriod, updated_by: ctx.actor.staffUserId,
        });
        await audit.record(tx, ctx, { action: 'update', entityType: 'advocacy_settings', details: { before: current, after: next } });
        forgetEvidence();
      });
      return settingsOf(ctx.actor.organisationId);
    },

    /** The evidence page's figures (audited with the filters). */
    async evidence(ctx: RequestContext, query: EvidenceQuery): Promise<Evidence> {
      const result = await evidence(ctx, query);
      await auditEvidence(ctx, query, result, 'view');
      return result;
    },

    async evidenceCsv(ctx: RequestContext, query: EvidenceQuery, hxl: boolean): Promise<{ evidence: Evidence; content: string }> {
      const result = await evidence(ctx, query);
      await auditEvidence(ctx, query, result, 'csv', { hxl });
      return { evidence: result, content: evidenceCsv(result, { hxl }) };
    },

    async evidenceXlsx(ctx: RequestContext, query: EvidenceQuery): Promise<{ evidence: Evidence; content: Buffer }> {
      const result = await evidence(ctx, query);
      await auditEvidence(ctx, query, result, 'xlsx');
      return { evidence: result, content: await evidenceXlsx(result) };
    },

    async brief(ctx: RequestContext, query: EvidenceQuery, selection: { barrierIds: string[]; quoteIds: string[] }, organisationName: string): Promise<{ evidence: Evidence; content: Buffer }> {
      const result = await evidence(ctx, query);
      await auditEvidence(ctx, query, result, 'pdf', { barriers: selection.barrierIds, quotes: selection.quoteIds.length });
      return { evidence: result, content: await evidenceBriefPdf(result, { ...selection, organisationName, generatedAt: new Date() }) };
    },

    /**
     * The headline figures for the website (no login): the organisation's chosen figures for its
     * public period, people counts banded, days and nights only where at least k people lie behind them.
     */
    async publicFigures(): Promise<PublicFigures | null> {
      const org = await repo.firstOrganisation(db);
      if (!org) return null;
      const settings = await settingsOf(org.id);
      const k = settings.minimumCell;
      const today = tokyoDate();
      const { from, to } = publicPeriod(settings.publicPeriod, today);
      const period: ev.Period = { organisationId: org.id, from, to, today };
      const figures: PublicFigures['figures'] = [];
      const waits = settings.publicFigures.some((f) => f === 'people_waiting_allowance' || f === 'median_allowance_wait_days')
        ? await ev.allowanceWaits(db, { ...period, from: `${today.slice(0, 7)}-01`, to: monthEnd(today.slice(0, 7)) }) : [];
      const now = daysSummary(waits.find((w) => w.month === null) ?? { people: 0, median: null, p90: null, longest: null }, k);
      for (const key of settings.publicFigures) {
        if (key === 'shelter_nights') {
          const { nights, people: housed } = await ev.shelterNights(db, period);
          // Nights are rounded down to tens, and shown only when at least k people stayed.
          figures.push({ key, value: band(housed, k), days: housed >= k ? Math.floor(nights / 10) * 10 : null });
        } else if (key === 'people_fed') figures.push({ key, value: band(await ev.peopleFed(db, period), k), days: null });
        else if (key === 'people_helped') figures.push({ key, value: band(await ev.peopleHelped(db, period), k), days: null });
        else if (key === 'people_waiting_allowance') figures.push({ key, value: now.people, days: null });
        else figures.push({ key, value: now.people, days: now.medianDays === null ? null : Math.round(now.medianDays) });
      }
      return { from, to: to > today ? today : to, period: settings.publicPeriod, minimumCell: k, figures };
    },
  };
}
export type AdvocacyService = ReturnType<typeof createAdvocacyService>;
