import { createHash } from 'node:crypto';
import { reserveCounter } from '../../../../server/db/counters';
import type { Db, DbOrTx } from '../../../../server/db/database';
import type { RequestContext } from '../../../../server/http/context';
import { AppError, conflict, invalidField, notFound } from '../../../../server/http/errors';
import { tokyoDate } from '../../../../shared/time';
import type { AuditService } from '../../../audit/server/audit.service';
import type { DuplicateReason } from '../../contract';
import * as gifts from '../../server/gifts.repository';
import type { FundraisingService } from '../../server/fundraising.service';
import { presentSummary } from '../../server/supporters.service';
import { lookupPostalCode } from '../../../../server/postal-codes';
import { duplicateReasons, type DuplicateProbe } from '../../server/supporter-duplicates';
import { defaultHonorific, supporterSearchText } from '../../server/supporter-names';
import type { AnalyseImportInput, ImportBatch, ImportDecision, ImportMatch, ImportRowView, RollbackResult } from '../batches.contract';
import { decodeImportFile, parseCsv } from '../import-parse';
import { kanaMatchKey } from '../import-normalise';
import { mapRows } from '../import-rows';
import { detectSource, suggestMapping } from '../import-sources';
import type { ImportIssue, ImportRow, ImportSource, ImportSupporter } from '../imports.contract';
import * as repo from './imports.repository';

type Candidate = { supporterId: string; level: 'strong' | 'possible'; reasons: DuplicateReason[] };
type IndexRow = Awaited<ReturnType<typeof repo.supporterIndex>>[number];

const probeOfIndex = (r: IndexRow): DuplicateProbe => ({
  kind: r.kind, familyName: r.family_name, givenName: r.given_name, familyNameKana: r.family_name_kana, givenNameKana: r.given_name_kana,
  organisationName: r.organisation_name, email: r.email, phoneDigits: r.phone_digits, postalCode: r.postal_code, prefecture: r.prefecture, city: r.city,
});

const readingOf = (s: { kind: string; familyNameKana: string; givenNameKana: string; organisationNameKana: string }) =>
  kanaMatchKey(s.kind === 'organisation' ? s.organisationNameKana : `${s.familyNameKana}${s.givenNameKana}`);

function probeOfRow(s: ImportSupporter): DuplicateProbe {
  let { prefecture, city } = s;
  if (s.postalCode && (!prefecture || !city)) {
    const place = lookupPostalCode(s.postalCode).places[0];
    prefecture ||= place?.prefecture ?? '';
    city ||= place?.city ?? '';
  }
  return {
    kind: s.kind, familyName: s.isNameFromKana ? '' : s.familyName, givenName: s.isNameFromKana ? '' : s.givenName, familyNameKana: s.familyNameKana,
    givenNameKana: s.givenNameKana, organisationName: s.organisationName, email: s.email, phoneDigits: s.phone ? s.phone.replace(/\D/g, '') : null,
    postalCode: s.postalCode, prefecture: prefecture || null, city: city || null,
  };
}

/** An index of the organisation's supporters by what a row can match on. */
function buildIndex(rows: IndexRow[]) {
  const add = (map: Map<string, IndexRow[]>, key: string | null, row: IndexRow) => {
    if (!key) return;
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  };
  const byEmail = new Map<string, IndexRow[]>();
  const byPhone = new Map<string, IndexRow[]>();
  const byReading = new Map<string, IndexRow[]>();
  const byFamilyCity = new Map<string, IndexRow[]>();
  for (const r of rows) {
    add(byEmail, r.email?.toLowerCase() ?? null, r);
    add(byPhone, r.phone_digits && r.phone_digits.length >= 8 ? r.phone_digits : null, r);
    add(byReading, readingOf({ kind: r.kind, familyNameKana: r.family_name_kana, givenNameKana: r.given_name_kana, organisationNameKana: r.organisation_name_kana }) || null, r);
    if (r.city) add(byFamilyCity, `${r.prefecture}|${r.city}|${r.kind === 'organisation' ? '' : r.family_name}`, r);
  }
  return { byEmail, byPhone, byReading, byFamilyCity };
}

/** How one row's donor matches the supporters on file (the same rules as creating a supporter by hand, plus reading-only matches from bank files). */
function matchRow(s: ImportSupporter, index: ReturnType<typeof buildIndex>): Candidate[] {
  const probe = probeOfRow(s);
  const reading = readingOf(s);
  const pool = new Map<string, IndexRow>();
  const take = (list: IndexRow[] | undefined) => { for (const r of (list ?? []).slice(0, 20)) pool.set(r.id, r); };
  if (probe.email) take(index.byEmail.get(probe.email.toLowerCase()));
  if (probe.phoneDigits && probe.phoneDigits.length >= 8) take(index.byPhone.get(probe.phoneDigits));
  if (reading) take(index.byReading.get(reading));
  if (probe.city && probe.familyName) take(index.byFamilyCity.get(`${probe.prefecture}|${probe.city}|${probe.familyName}`));
  const out: Candidate[] = [];
  for (const r of pool.values()) {
    const found = duplicateReasons(probe, probeOfIndex(r));
    if (found) out.push({ supporterId: r.id, ...found });
    // A bank transfer gives only the reading: the same reading is worth a look, never an automatic match.
    else if (reading && reading === readingOf({ kind: r.kind, familyNameKana: r.family_name_kana, givenNameKana: r.given_name_kana, organisationNameKana: r.organisation_name_kana })) {
      out.push({ supporterId: r.id, level: 'possible', reasons: ['kana'] });
    }
  }
  return out.sort((a, b) => (a.level === b.level ? b.reasons.length - a.reasons.length : a.level === 'strong' ? -1 : 1)).slice(0, 5);
}

/** Rows of one file that are the same new donor: one supporter is created for them. */
function donorKey(s: ImportSupporter): string | null {
  if (s.email) return `e:${s.email.toLowerCase()}`;
  const phone = s.phone?.replace(/\D/g, '') ?? '';
  if (phone.length >= 8) return `p:${phone}`;
  const reading = readingOf(s);
  if (reading && s.postalCode) return `k:${reading}:${s.postalCode}`;
  if (reading && s.isNameFromKana) return `k:${reading}`;
  const name = `${s.familyName}${s.givenName}${s.organisationName}`;
  return name ? `n:${name}:${s.postalCode ?? ''}:${s.line1}` : null;
}

/** An import this large changes the tables enough to refresh their statistics. */
const LARGE_IMPORT = 2000;

const fold = (s: string) => s.normalize('NFKC').trim().toLowerCase();

export function createImportsService(deps: {
  db: Db; audit: AuditService; fundraising: FundraisingService;
  /** Runner codes (ランナーID) → the runner's supporter: a gift brought with one is soft-credited to that runner. */
  runnerSupporters?: (tx: DbOrTx, organisationId: string, codes: readonly string[]) => Promise<Map<string, string>>;
}) {
  const { db, audit, fundraising } = deps;

  async function load(tx: DbOrTx, ctx: RequestContext, id: string, lock = false) {
    const batch = await repo.findBatch(tx, ctx.actor.organisationId, id, lock);
    if (!batch) throw notFound('import.not_found');
    return batch;
  }

  async function present(tx: DbOrTx, batch: repo.BatchRow, withSample = true): Promise<ImportBatch> {
    const counts = batch.status === 'uploaded' ? {} : await repo.countByMatch(tx, batch.id);
    const sample = withSample ? batch.sample : [];
    return {
      id: batch.id, source: batch.source, fileName: batch.file_name, encoding: batch.encoding, headers: batch.headers, mapping: batch.mapping,
      status: batch.status, counts, totalYen: Number(batch.summary?.totalYen ?? 0), giftsCreated: batch.gifts_created, supportersCreated: batch.supporters_created,
      sample, createdAt: batch.created_at.toISOString(), committedAt: batch.committed_at ? batch.committed_at.toISOString() : null,
      rolledBackAt: batch.rolled_back_at ? batch.rolled_back_at.toISOString() : null,
    };
  }

  /** Campaign and fund ids for what a file writes (a code or a name in either language). */
  async function resolvers(tx: DbOrTx, organisationId: string) {
    const campaigns = await gifts.listCampaigns(tx, organisationId, true);
    const funds = await gifts.listFunds(tx, organisationId);
    const campaignBy = new Map<string, (typeof campaigns)[number]>();
    for (const c of campaigns) for (const k of [c.code, c.name_ja, c.name_en]) campaignBy.set(fold(k), c);
    const fundBy = new Map<string, string>();
    for (const f of funds) if (!f.retired_at) for (const k of [f.code, f.label_ja, f.label_en]) fundBy.set(fold(k), f.id);
    const unrestricted = funds.find((f) => f.code === 'unrestricted')?.id ?? funds[0]?.id ?? null;
    return {
      campaign: (code: string | null) => (code ? campaignBy.get(fold(code)) ?? null : null),
      fund: (code: string | null, campaignFund: string | null) => (code ? fundBy.get(fold(code)) : undefined) ?? campaignFund ?? unrestricted,
    };
  }

  return {
    /** Reads an uploaded file (encoding found, columns read, source guessed) and keeps it as a batch to map. */
    async upload(ctx: RequestContext, input: { fileName: string; bytes: Uint8Array; source?: ImportSource | undefined }): Promise<ImportBatch> {
      const decoded = decodeImportFile(input.bytes);
      const parsed = parseCsv(decoded.text);
      const source = input.source ?? detectSource(parsed.headers);
      const saved = await repo.findMapping(db, ctx.actor.organisationId, source);
      const mapping = suggestMapping(source, parsed.headers, saved ?? {});
      return db.transaction().execute(async (tx) => {
        const batch = await repo.insertBatch(tx, {
          organisation_id: ctx.actor.organisationId, source, file_name: input.fileName, encoding: decoded.encoding,
          file_sha256: createHash('sha256').update(input.bytes).digest('hex'), content: decoded.text, headers: JSON.stringify(parsed.headers), sample: JSON.stringify(parsed.rows.slice(0, 5).map((r) => r.cells)),
          mapping: JSON.stringify(mapping), summary: JSON.stringify({ rows: parsed.rows.length }), created_by: ctx.actor.staffUserId,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'import_batch', entityId: batch.id, details: { source, encoding: decoded.encoding, rows: parsed.rows.length } });
        return present(tx, batch);
      });
    },

    /** The batches, newest first. */
    async list(ctx: RequestContext): Promise<ImportBatch[]> {
      const rows = await repo.listBatches(db, ctx.actor.organisationId, 50);
      return Promise.all(rows.map((b) => present(db, b, false)));
    },

    /** One batch, with the first rows of its file. */
    async get(ctx: RequestContext, id: string): Promise<ImportBatch> {
      return present(db, await load(db, ctx, id));
    },

    /**
     * Reads every row with the mapping, checks it, and matches each donor to the supporters on file:
     * existing (one strong match), ambiguous (a person chooses), new, anonymous, or already imported.
     * Can be run again with another mapping until the batch is committed.
     */
    async analyse(ctx: RequestContext, id: string, input: AnalyseImportInput): Promise<ImportBatch> {
      const batch = await load(db, ctx, id);
      if (batch.status === 'committed' || batch.status === 'rolled_back') throw conflict('import.already_committed');
      const source = input.source ?? batch.source;
      const parsed = parseCsv(await repo.batchContent(db, id));
      const mapping = suggestMapping(source, parsed.headers, input.mapping);
      const preview = mapRows(parsed, mapping, { source, today: tokyoDate() });
      const index = buildIndex(await repo.supporterIndex(db, ctx.actor.organisationId));
      const already = await repo.existingExternalIds(db, ctx.actor.organisationId, source, preview.rows.map((r) => r.externalId));
      const resolve = await resolvers(db, ctx.actor.organisationId);
      const rows: Parameters<typeof repo.insertRows>[1] = [];
      for (const row of preview.rows) {
        const campaign = resolve.campaign(row.campaignCode);
        const base = { batch_id: id, line: row.line, data: JSON.stringify(row), errors: null, campaign_id: campaign?.id ?? null, fund_id: resolve.fund(row.fundCode, campaign?.fund_id ?? null) };
        if (already.has(row.externalId)) {
          rows.push({ ...base, match: 'duplicate' });
          continue;
        }
        if (!row.supporter) {
          rows.push({ ...base, match: 'anonymous' });
          continue;
        }
        const candidates = matchRow(row.supporter, index);
        const strong = candidates.filter((c) => c.level === 'strong');
        const match: ImportMatch = strong.length === 1 ? 'existing' : candidates.length > 0 ? 'ambiguous' : 'new';
        rows.push({ ...base, match, candidates: JSON.stringify(candidates), supporter_id: match === 'existing' ? (strong[0]?.supporterId ?? null) : null });
      }
      for (const f of preview.failures) rows.push({ batch_id: id, line: f.line, data: null, errors: JSON.stringify(f.errors), match: 'error' });
      for (const s of preview.skipped) rows.push({ batch_id: id, line: s.line, data: null, errors: JSON.stringify([{ line: s.line, column: null, key: `import.skipped_${s.reason}`, params: {} }]), match: 'skipped' });
      return db.transaction().execute(async (tx) => {
        const locked = await load(tx, ctx, id, true);
        if (locked.status === 'committed' || locked.status === 'rolled_back') throw conflict('import.already_committed');
        await repo.deleteRows(tx, id);
        await repo.insertRows(tx, rows);
        await repo.updateBatch(tx, id, { source, mapping: JSON.stringify(mapping), status: 'mapped', summary: JSON.stringify(preview.summary) });
        if (input.save) await repo.saveMapping(tx, ctx.actor.organisationId, source, mapping, ctx.actor.staffUserId);
        await audit.record(tx, ctx, { action: 'update', entityType: 'import_batch', entityId: id, details: { analysed: preview.summary.rows, valid: preview.summary.valid, errors: preview.summary.errors } });
        return present(tx, await load(tx, ctx, id));
      });
    },

    /** The rows of a batch as read and matched (errors with their line and column; candidates with their reasons). */
    async rows(ctx: RequestContext, id: string, matches: ImportMatch[] | null, limit: number, offset: number): Promise<ImportRowView[]> {
      await load(db, ctx, id);
      const rows = await repo.listRows(db, id, matches, limit, offset);
      const people = await fundraising.supporters.summaries(ctx, rows.flatMap((r) => r.candidates.map((c) => c.supporterId)));
      return rows.map((r) => ({
        line: r.line, match: r.match, row: (r.data as ImportRow | null) ?? null, errors: (r.errors as ImportIssue[] | null) ?? [],
        candidates: r.candidates.flatMap((c) => {
          const s = people.get(c.supporterId);
          return s ? [{ supporter: presentSummary(s), level: c.level, reasons: c.reasons as DuplicateReason[] }] : [];
        }),
        supporterId: r.supporter_id, giftId: r.gift_id,
      }));
    },

    /** A person decides an unclear row: this existing supporter, a new one, or leave the row out. */
    async decide(ctx: RequestContext, id: string, line: number, input: ImportDecision): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const batch = await load(tx, ctx, id, true);
        if (batch.status !== 'mapped') throw conflict('import.not_mapped');
        let supporterId: string | null = null;
        if (input.decision === 'existing') {
          if (!input.supporterId) throw invalidField('import.supporter_required', 'supporterId', 'required');
          const s = (await fundraising.supporters.summaries(ctx, [input.supporterId], tx)).get(input.supporterId);
          if (!s) throw invalidField('supporter.not_found', 'supporterId', 'unknown_choice');
          if (s.merged_into_id) throw conflict('supporter.merged');
          supporterId = s.id;
        }
        const match: ImportMatch = input.decision === 'skip' ? 'skipped' : input.decision;
        const row = await repo.findRow(tx, id, line);
        if (!row) throw notFound('import.row_not_found');
        if (row.match === 'error' || row.match === 'duplicate' || row.match === 'anonymous' || (row.match === 'skipped' && row.data === null)) throw conflict('import.row_not_decidable');
        await repo.decideRow(tx, id, line, { match, supporter_id: supporterId, decided_by: ctx.actor.staffUserId });
      });
    },

    /** Every row still unclear becomes a new supporter (or is left out). */
    async decideAllAmbiguous(ctx: RequestContext, id: string, decision: 'new' | 'skip'): Promise<number> {
      return db.transaction().execute(async (tx) => {
        const batch = await load(tx, ctx, id, true);
        if (batch.status !== 'mapped') throw conflict('import.not_mapped');
        return (await repo.decideAllAmbiguous(tx, id, decision === 'skip' ? 'skipped' : 'new', ctx.actor.staffUserId)).length;
      });
    },

    /**
     * Writes the batch in one transaction: new supporters (one per donor of the file), the gifts
     * (a gift whose platform id is already on file is left out, so an import never counts twice),
     * monthly gifts tied to a commitment. Refused while a row is still unclear.
     */
    async commit(ctx: RequestContext, id: string): Promise<ImportBatch> {
      const committed = await db.transaction().execute(async (tx) => {
        const batch = await load(tx, ctx, id, true);
        if (batch.status !== 'mapped') throw conflict(batch.status === 'uploaded' ? 'import.not_mapped' : 'import.already_committed');
        const all = await repo.allRows(tx, id);
        const unclear = all.filter((r) => r.match === 'ambiguous').length;
        if (unclear > 0) throw new AppError(409, 'import.unresolved', {}, { count: unclear });
        const org = ctx.actor.organisationId;
        const wanted = all.filter((r) => (r.match === 'existing' || r.match === 'new' || r.match === 'anonymous') && r.data !== null);
        const already = await repo.existingExternalIds(tx, org, batch.source, wanted.map((r) => (r.data as ImportRow).externalId));

        // One new supporter per donor of the file.
        const fresh = new Map<string, { supporter: ImportSupporter; publishName: boolean | null }>();
        const keyOfLine = new Map<number, string>();
        for (const r of wanted) {
          const row = r.data as ImportRow;
          if (r.match !== 'new' || !row.supporter || already.has(row.externalId)) continue;
          const key = donorKey(row.supporter) ?? `line:${r.line}`;
          keyOfLine.set(r.line, key);
          if (!fresh.has(key)) fresh.set(key, { supporter: row.supporter, publishName: row.publishName });
        }
        const keys = [...fresh.keys()];
        const first = keys.length > 0 ? await reserveCounter(tx, org, 'supporter', keys.length) : 0;
        const newRows = keys.map((key, i) => {
          const { supporter: s, publishName } = fresh.get(key) ?? { supporter: null, publishName: null };
          if (!s) throw new Error('unreachable');
          const supporterNumber = `S-${String(first + i).padStart(6, '0')}`;
          const names = {
            kind: s.kind, familyName: s.familyName, givenName: s.givenName, familyNameKana: s.familyNameKana, givenNameKana: s.givenNameKana,
            organisationName: s.organisationName, organisationNameKana: s.organisationNameKana, department: '', honorific: defaultHonorific(s.kind, s.familyName, s.givenName),
          };
          return {
            organisation_id: org, supporter_number: supporterNumber, kind: s.kind, family_name: s.familyName, given_name: s.givenName,
            family_name_kana: s.familyNameKana, given_name_kana: s.givenNameKana, organisation_name: s.organisationName, organisation_name_kana: s.organisationNameKana,
            honorific: names.honorific, email: s.email, phone: s.phone, publish_name: publishName ?? false, notes: '', created_by: ctx.actor.staffUserId,
            search_text: supporterSearchText({ ...names, supporterNumber, email: s.email, phone: s.phone, postalCode: s.postalCode }),
          };
        });
        const newIds = await repo.insertSupporters(tx, newRows);
        const idOfKey = new Map(keys.map((k, i) => [k, newIds[i] ?? '']));
        await repo.insertAddresses(tx, keys.flatMap((key, i) => {
          const s = fresh.get(key)?.supporter;
          if (!s || (!s.postalCode && !s.city && !s.line1)) return [];
          const place = s.postalCode ? lookupPostalCode(s.postalCode).places[0] : undefined;
          return [{
            organisation_id: org, supporter_id: newIds[i] ?? '', postal_code: s.postalCode, prefecture: s.prefecture || place?.prefecture || '',
            city: s.city || place?.city || '', line1: s.line1, line2: s.line2, valid_from: tokyoDate(), created_by: ctx.actor.staffUserId,
          }];
        }));

        // The gifts.
        const giftRows = wanted.flatMap((r) => {
          const row = r.data as ImportRow;
          if (already.has(row.externalId)) return [];
          const key = keyOfLine.get(r.line);
          const supporterId = r.match === 'existing' ? r.supporter_id : r.match === 'new' && key ? (idOfKey.get(key) ?? null) : null;
          return [{
            organisation_id: org, supporter_id: supporterId, amount_yen: row.amountYen, received_on: row.receivedOn, method: row.method,
            in_kind_description: row.method === 'in_kind' ? row.donorMessage || '物品 / in kind' : '', campaign_id: r.campaign_id, fund_id: r.fund_id ?? '',
            is_anonymous: row.isAnonymous, donor_message: row.donorMessage, source_platform: batch.source, external_id: row.externalId, fee_yen: Math.min(row.feeYen, row.amountYen),
            status: 'received' as const, import_batch_id: id, created_by: ctx.actor.staffUserId,
          }];
        });
        const giftIds = await repo.insertGifts(tx, giftRows);

        // A charity runner's code in the file credits the gift to that runner (issue 14).
        const codes = [...new Set(wanted.flatMap((r) => (r.data as ImportRow).runnerCode ?? []))];
        const runnerOf = codes.length > 0 && deps.runnerSupporters ? await deps.runnerSupporters(tx, org, codes) : new Map<string, string>();
        await gifts.insertSoftCredits(tx, wanted.flatMap((r) => {
          const row = r.data as ImportRow;
          const giftId = giftIds.get(row.externalId);
          const runner = row.runnerCode ? runnerOf.get(row.runnerCode) : undefined;
          return giftId && runner ? [{ organisation_id: org, gift_id: giftId, kind: 'runner' as const, supporter_id: runner, name: '' }] : [];
        }));

        // Monthly and yearly gifts go with a commitment: the supporter's own on the platform, or a new one.
        const recurring = wanted.filter((r) => {
          const row = r.data as ImportRow;
          return (row.recurring === 'monthly' || row.recurring === 'yearly') && giftIds.has(row.externalId);
        });
        const supporterOfLine = (r: (typeof wanted)[number]) => (r.match === 'existing' ? r.supporter_id : idOfKey.get(keyOfLine.get(r.line) ?? '') ?? null);
        const existingCommitments = await repo.activeCommitments(tx, org, [...new Set(recurring.flatMap((r) => supporterOfLine(r) ?? []))], batch.source);
        const commitmentOf = new Map(existingCommitments.map((c) => [`${c.supporter_id}:${c.frequency}`, c.id]));
        const links: Array<{ giftId: string; commitmentId: string }> = [];
        let started = 0;
        for (const r of recurring.sort((a, b) => ((a.data as ImportRow).receivedOn < (b.data as ImportRow).receivedOn ? -1 : 1))) {
          const row = r.data as ImportRow;
          const supporterId = supporterOfLine(r);
          const giftId = giftIds.get(row.externalId);
          if (!supporterId || !giftId) continue;
          const frequency = row.recurring === 'yearly' ? 'yearly' : 'monthly';
          let commitmentId = commitmentOf.get(`${supporterId}:${frequency}`);
          if (!commitmentId) {
            started += 1;
            const day = Number(row.receivedOn.slice(8, 10));
            ({ id: commitmentId } = await repo.insertCommitment(tx, {
              organisation_id: org, supporter_id: supporterId, frequency, amount_yen: row.amountYen, day_of_month: day,
              month_of_year: frequency === 'yearly' ? Number(row.receivedOn.slice(5, 7)) : null, method: row.method, fund_id: r.fund_id, campaign_id: r.campaign_id,
              starts_on: row.receivedOn, source_platform: batch.source, external_id: `import:${id}:${started}`, created_by: ctx.actor.staffUserId,
            }));
            await repo.insertCommitmentChange(tx, { organisation_id: org, commitment_id: commitmentId, kind: 'started', new_amount_yen: row.amountYen, new_status: 'active', effective_on: row.receivedOn, changed_by: ctx.actor.staffUserId });
            commitmentOf.set(`${supporterId}:${frequency}`, commitmentId);
          }
          links.push({ giftId, commitmentId });
        }
        await repo.setGiftCommitments(tx, links);

        await repo.setRowResults(tx, id, wanted.map((r) => {
          const row = r.data as ImportRow;
          const giftId = giftIds.get(row.externalId) ?? null;
          const key = keyOfLine.get(r.line);
          return { line: r.line, giftId, createdSupporterId: r.match === 'new' && key ? (idOfKey.get(key) ?? null) : null, match: giftId ? r.match : 'duplicate' };
        }));
        await repo.updateBatch(tx, id, { status: 'committed', gifts_created: giftIds.size, supporters_created: newIds.length, committed_at: new Date(), committed_by: ctx.actor.staffUserId });
        await audit.record(tx, ctx, { action: 'create', entityType: 'import_batch', entityId: id, details: { committed: true, gifts: giftIds.size, supporters: newIds.length, commitments: started } });
        return present(tx, await load(tx, ctx, id), false);
      });
      if (committed.giftsCreated >= LARGE_IMPORT) await repo.refreshStatistics(db);
      return committed;
    },

    /** Takes a committed batch out in full: its gifts, and the supporters it created that nothing else refers to. */
    async rollback(ctx: RequestContext, id: string): Promise<RollbackResult> {
      return db.transaction().execute(async (tx) => {
        const batch = await load(tx, ctx, id, true);
        if (batch.status !== 'committed') throw conflict('import.not_committed');
        const use = await repo.batchGiftUse(tx, id);
        if (use.refunded > 0) throw conflict('import.rollback_refunded', { count: use.refunded });
        if (use.receipted > 0) throw conflict('import.rollback_receipted', { count: use.receipted });
        const giftsRemoved = await repo.deleteBatchGifts(tx, id);
        await repo.deleteBatchCommitments(tx, ctx.actor.organisationId, id);
        const removable = (await repo.removableSupporters(tx, id)).map((r) => r.id);
        await repo.deleteSupporters(tx, removable);
        await repo.updateBatch(tx, id, { status: 'rolled_back', rolled_back_at: new Date(), rolled_back_by: ctx.actor.staffUserId });
        const result = { giftsRemoved, supportersRemoved: removable.length, supportersKept: Math.max(0, batch.supporters_created - removable.length) };
        await audit.record(tx, ctx, { action: 'delete', entityType: 'import_batch', entityId: id, details: result });
        return result;
      });
    },
  };
}
export type ImportsService = ReturnType<typeof createImportsService>;
