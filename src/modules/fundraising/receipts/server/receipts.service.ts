import { zipSync } from 'fflate';
import { reserveCounter } from '../../../../server/db/counters';
import type { Db, DbOrTx, Tx } from '../../../../server/db/database';
import type { RequestContext } from '../../../../server/http/context';
import { AppError, conflict, invalidField, notFound } from '../../../../server/http/errors';
import { translatorFor } from '../../../../server/http/i18n';
import { tokyoDate } from '../../../../shared/time';
import type { AuditService } from '../../../audit/server/audit.service';
import {
  DEFAULT_RECEIPT_THRESHOLD_YEN, DEFAULT_STATEMENT_EN, DEFAULT_STATEMENT_JA, MAX_SEAL_BYTES,
  type BatchFileQuery, type BatchItem, type BatchItemQuery, type BatchProgress, type CreateReceiptBatchInput, type IssueAnnualReceiptInput,
  type IssueSingleReceiptInput, type Receipt, type ReceiptBatch, type ReceiptLanguage, type ReceiptList, type ReceiptPdfQuery, type ReceiptQuery,
  type ReceiptSettings, type ReceiptSummary, type ReissueReceiptInput, type UpdateReceiptSettingsInput, type VoidReceiptInput,
} from '../contract';
import { addresseeText, renderReceiptPdf, renderReceiptsPdf, type PrintableReceipt } from './receipts.pdf';
import * as repo from './receipts.repository';
import type { BatchItemReason, GiftLine, IssuerSnapshot, RecipientSnapshot } from './receipts.tables';

/** How many supporters a batch run takes when not told. */
export const DEFAULT_BATCH_CHUNK = 200;

type GiftRow = Awaited<ReturnType<typeof repo.unreceiptedGiftsOfYear>>[number];
type AddressRow = NonNullable<Awaited<ReturnType<typeof repo.findCurrentAddress>>>;

const join = (...parts: string[]) => parts.map((p) => p.trim()).filter(Boolean).join(' ');

/** The name a receipt is addressed to, without the honorific: 山田 太郎 / 株式会社〇〇 総務部 山田 太郎. */
export function supporterName(s: Pick<repo.SupporterRow, 'kind' | 'family_name' | 'given_name' | 'organisation_name' | 'department'>): string {
  const person = join(s.family_name, s.given_name);
  return s.kind === 'organisation' ? join(s.organisation_name, s.department, person) : person;
}

function recipientOf(s: repo.SupporterRow, address: AddressRow): RecipientSnapshot {
  return {
    supporterNumber: s.supporter_number,
    name: supporterName(s),
    honorific: s.honorific,
    country: address.country,
    postalCode: address.postal_code,
    lines: [`${address.prefecture}${address.city}${address.line1}`, address.line2].map((l) => l.trim()).filter(Boolean),
  };
}

function issuerOf(s: repo.SettingsRow): IssuerSnapshot {
  return {
    legalNameJa: s.legal_name_ja, legalNameEn: s.legal_name_en, postalCode: s.postal_code, addressJa: s.address_ja, addressEn: s.address_en,
    representativeTitleJa: s.representative_title_ja, representativeTitleEn: s.representative_title_en,
    representativeNameJa: s.representative_name_ja, representativeNameEn: s.representative_name_en,
    certificationNumber: s.certification_number, certificationDate: s.certification_date, authorityJa: s.authority_ja, authorityEn: s.authority_en,
    statementJa: s.statement_ja, statementEn: s.statement_en,
  };
}

const giftLine = (g: GiftRow): GiftLine => ({ giftId: g.id, receivedOn: g.received_on, amountYen: g.amount_yen, isInKind: g.method === 'in_kind' });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function presentSummary(r: Omit<repo.ReceiptRow, 'issued_by_name' | 'voided_by_name'>): ReceiptSummary {
  return {
    id: r.id, receiptNumber: r.receipt_number, kind: r.kind, year: r.year, supporterId: r.supporter_id,
    addressee: addresseeText(r.recipient, 'ja'), totalYen: r.total_yen, language: r.language, issuedOn: r.issued_on,
    issuedAt: r.issued_at.toISOString(), reissueOfId: r.reissue_of, reissueNumber: r.reissue_number, batchId: r.batch_id, voidedAt: iso(r.voided_at),
  };
}

function presentBatch(b: repo.BatchRow): ReceiptBatch {
  return {
    id: b.id, year: b.year, thresholdYen: b.threshold_yen, language: b.language, acknowledgeDuplicates: b.acknowledge_duplicates, status: b.status,
    total: b.total, done: b.done, issued: b.issued, skipped: b.skipped, failed: b.failed, totalYen: b.total_yen, createdAt: b.created_at.toISOString(),
    createdByName: b.created_by_name, startedAt: iso(b.started_at), finishedAt: iso(b.finished_at),
  };
}

const progressOf = (b: repo.BatchRow): BatchProgress => ({
  batchId: b.id, status: b.status, done: b.done, total: b.total, issued: b.issued, skipped: b.skipped, failed: b.failed,
});

/** A seal image's kind from its first bytes (never from what the sender claims). */
function sealKind(bytes: Buffer): 'image/png' | 'image/jpeg' | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

function decodeSeal(input: string): { contentType: 'image/png' | 'image/jpeg'; image: Buffer } {
  const base64 = input.replace(/^data:image\/(png|jpeg);base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64 === '') throw invalidField('receipt.seal_image_invalid', 'sealImage', 'receipt_seal_image');
  const image = Buffer.from(base64, 'base64');
  if (image.length > MAX_SEAL_BYTES) {
    throw new AppError(400, 'receipt.seal_image_too_large', { sealImage: { key: 'receipt_seal_too_large', params: { maximum: MAX_SEAL_BYTES } } }, { maximum: MAX_SEAL_BYTES });
  }
  const contentType = sealKind(image);
  if (!contentType) throw invalidField('receipt.seal_image_invalid', 'sealImage', 'receipt_seal_image');
  return { contentType, image };
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';

/** Why a supporter's annual receipt cannot be issued now (the batch records it; a person gets a 409). */
type AnnualBlock = { reason: BatchItemReason; params: Record<string, unknown> };
type AnnualReady = { supporter: repo.SupporterRow; address: AddressRow; gifts: GiftRow[] };
/** The error a fundraiser gets for each reason (merged and no_contact are checked before; no threshold applies). */
const annualBlockCodes: Record<BatchItemReason, string> = {
  already_receipted: 'receipt.annual_exists', no_address: 'receipt.no_address', possible_duplicate: 'receipt.possible_duplicates', no_gifts: 'receipt.no_gifts',
  below_threshold: 'receipt.no_gifts', merged: 'receipt.supporter_merged', no_contact: 'receipt.no_gifts', error: 'internal.error',
};

export function createReceiptsService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function requireSettings(tx: DbOrTx, organisationId: string): Promise<repo.SettingsRow> {
    const settings = await repo.findSettings(tx, organisationId);
    if (!settings) throw conflict('receipt.settings_missing');
    return settings;
  }

  async function lockSupporterOrThrow(tx: Tx, ctx: RequestContext, supporterId: string, field: string): Promise<repo.SupporterRow> {
    const supporter = await repo.lockSupporter(tx, ctx.actor.organisationId, supporterId);
    if (!supporter) throw new AppError(404, 'receipt.supporter_not_found', { [field]: { key: 'invalid' } });
    if (supporter.merged_into_id) {
      const kept = await repo.findSupporterNumber(tx, ctx.actor.organisationId, supporter.merged_into_id);
      throw conflict('receipt.supporter_merged', { keptNumber: kept?.supporter_number ?? '' });
    }
    return supporter;
  }

  /**
   * Whether the (locked) supporter can have an annual receipt for the year, and with which gifts:
   * the same rules for a fundraiser's request and for the year-end batch.
   */
  async function prepareAnnual(tx: Tx, organisationId: string, supporter: repo.SupporterRow, year: number, options: { acknowledgeDuplicates: boolean; thresholdYen: number | null }): Promise<AnnualReady | AnnualBlock> {
    const existing = await repo.activeAnnualReceipt(tx, organisationId, supporter.id, year);
    if (existing) return { reason: 'already_receipted', params: { receiptNumber: existing.receipt_number, year } };
    const address = await repo.findCurrentAddress(tx, organisationId, supporter.id);
    if (!address) return { reason: 'no_address', params: {} };
    if (!options.acknowledgeDuplicates) {
      const duplicates = await repo.possibleDuplicates(tx, organisationId, supporter, address.postal_code);
      if (duplicates.length > 0) return { reason: 'possible_duplicate', params: { numbers: duplicates.map((d) => d.supporter_number).join(', '), count: duplicates.length } };
    }
    if (options.thresholdYen !== null && (await repo.receivedTotalOfYear(tx, organisationId, supporter.id, year)) < options.thresholdYen) {
      return { reason: 'below_threshold', params: { thresholdYen: options.thresholdYen } };
    }
    const gifts = await repo.unreceiptedGiftsOfYear(tx, organisationId, supporter.id, year);
    if (gifts.length === 0) return { reason: 'no_gifts', params: { year } };
    return { supporter, address, gifts };
  }

  /** Takes the next number of the issue year and writes the receipt, its gifts and the audit event, in the caller's transaction. */
  async function issueInTx(tx: Tx, ctx: RequestContext, p: {
    kind: 'single' | 'annual'; year: number; supporter: repo.SupporterRow; address: AddressRow; settings: repo.SettingsRow; gifts: GiftRow[];
    language: ReceiptLanguage; batchId: string | null; acknowledgedDuplicates: boolean;
  }): Promise<{ id: string; receiptNumber: string; totalYen: number }> {
    const organisationId = ctx.actor.organisationId;
    const issuedOn = tokyoDate();
    const issueYear = issuedOn.slice(0, 4);
    // Inside the transaction: a rollback gives the number back, so numbers have no gaps.
    const n = await reserveCounter(tx, organisationId, `receipt:${issueYear}`, 1);
    const receiptNumber = `${issueYear}-${String(n).padStart(6, '0')}`;
    const totalYen = p.gifts.reduce((sum, g) => sum + g.amount_yen, 0);
    const id = await repo.insertReceipt(tx, {
      organisation_id: organisationId, receipt_number: receiptNumber, kind: p.kind, year: p.year, supporter_id: p.supporter.id, total_yen: totalYen,
      recipient: JSON.stringify(recipientOf(p.supporter, p.address)), issuer: JSON.stringify(issuerOf(p.settings)),
      gifts: JSON.stringify(p.gifts.map(giftLine)), seal_id: p.settings.seal_id, language: p.language, issued_on: issuedOn,
      issued_by: ctx.actor.staffUserId, batch_id: p.batchId,
    });
    await repo.insertReceiptGifts(tx, p.gifts.map((g) => ({ organisation_id: organisationId, receipt_id: id, gift_id: g.id, amount_yen: g.amount_yen })));
    await audit.record(tx, ctx, {
      action: 'create', entityType: 'receipt', entityId: id,
      details: { receiptNumber, kind: p.kind, year: p.year, supporterId: p.supporter.id, giftCount: p.gifts.length, totalYen, batchId: p.batchId, acknowledgedDuplicates: p.acknowledgedDuplicates },
    });
    return { id, receiptNumber, totalYen };
  }

  async function getReceipt(ctx: RequestContext, id: string): Promise<Receipt> {
    const row = await repo.findReceipt(db, ctx.actor.organisationId, id);
    if (!row) throw notFound('receipt.not_found');
    const chain = await repo.chainOf(db, ctx.actor.organisationId, row.reissue_of ?? row.id);
    return {
      ...presentSummary(row),
      recipient: row.recipient, issuer: row.issuer, gifts: row.gifts, hasSeal: row.seal_id !== null, issuedByName: row.issued_by_name,
      reissueReason: row.reissue_reason, voidedByName: row.voided_by_name, voidReason: row.void_reason,
      chain: chain.map((c) => ({ id: c.id, receiptNumber: c.receipt_number, issuedAt: c.issued_at.toISOString(), reissueNumber: c.reissue_number })),
    };
  }

  /** What a receipt row prints: the first receipt's issue date, and the seal it named (read once per file). */
  async function printable(organisationId: string, row: repo.ReceiptRow, seals: Map<string, PrintableReceipt['seal']>): Promise<PrintableReceipt> {
    const root = row.reissue_of ? await repo.findReceipt(db, organisationId, row.reissue_of) : row;
    let seal: PrintableReceipt['seal'] = null;
    if (row.seal_id) {
      if (!seals.has(row.seal_id)) {
        const found = await repo.findSeal(db, organisationId, row.seal_id);
        seals.set(row.seal_id, found ? { contentType: found.content_type, image: found.image } : null);
      }
      seal = seals.get(row.seal_id) ?? null;
    }
    return {
      receiptNumber: row.receipt_number, kind: row.kind, year: row.year, totalYen: row.total_yen, recipient: row.recipient, issuer: row.issuer,
      gifts: row.gifts, issuedOn: root?.issued_on ?? row.issued_on, reissuedOn: row.reissue_of ? row.issued_on : null,
      voidedOn: row.voided_at ? tokyoDate(row.voided_at) : null, seal,
    };
  }

  /** One supporter of a batch, in the run's transaction: issued, or skipped with the reason. */
  async function processBatchItem(tx: Tx, ctx: RequestContext, batch: repo.BatchRow, supporterId: string) {
    const organisationId = ctx.actor.organisationId;
    const settings = await requireSettings(tx, organisationId);
    const supporter = await repo.lockSupporter(tx, organisationId, supporterId);
    const skip = (reason: BatchItemReason) => ({ status: 'skipped' as const, reason, receiptId: null, totalYen: 0 });
    if (!supporter) return { status: 'failed' as const, reason: 'error' as const, receiptId: null, totalYen: 0 };
    if (supporter.merged_into_id) return skip('merged');
    // No post, no thank-you, no receipt unless the supporter asks again (a fundraiser can still issue one).
    if (supporter.no_contact) return skip('no_contact');
    const ready = await prepareAnnual(tx, organisationId, supporter, batch.year, { acknowledgeDuplicates: batch.acknowledge_duplicates, thresholdYen: batch.threshold_yen });
    if ('reason' in ready) return skip(ready.reason);
    const issued = await issueInTx(tx, ctx, {
      kind: 'annual', year: batch.year, supporter, address: ready.address, settings, gifts: ready.gifts,
      language: batch.language ?? supporter.preferred_language, batchId: batch.id, acknowledgedDuplicates: batch.acknowledge_duplicates,
    });
    return { status: 'issued' as const, reason: null, receiptId: issued.id, totalYen: issued.totalYen };
  }

  async function getSettings(ctx: RequestContext): Promise<ReceiptSettings> {
    const s = await repo.findSettings(db, ctx.actor.organisationId);
    if (!s) {
      return {
        isConfigured: false, legalNameJa: ctx.actor.organisationName, legalNameEn: '', postalCode: '', addressJa: '', addressEn: '',
        representativeTitleJa: '', representativeTitleEn: '', representativeNameJa: '', representativeNameEn: '', certificationNumber: '',
        certificationDate: null, authorityJa: '', authorityEn: '', hasSealImage: false, sealContentType: null,
        receiptThresholdYen: DEFAULT_RECEIPT_THRESHOLD_YEN, statementJa: DEFAULT_STATEMENT_JA, statementEn: DEFAULT_STATEMENT_EN,
        updatedAt: null, updatedByName: null, version: 0,
      };
    }
    return {
      isConfigured: true, legalNameJa: s.legal_name_ja, legalNameEn: s.legal_name_en, postalCode: s.postal_code, addressJa: s.address_ja,
      addressEn: s.address_en, representativeTitleJa: s.representative_title_ja, representativeTitleEn: s.representative_title_en,
      representativeNameJa: s.representative_name_ja, representativeNameEn: s.representative_name_en, certificationNumber: s.certification_number,
      certificationDate: s.certification_date, authorityJa: s.authority_ja, authorityEn: s.authority_en, hasSealImage: s.seal_id !== null,
      sealContentType: s.seal_content_type, receiptThresholdYen: s.receipt_threshold_yen, statementJa: s.statement_ja, statementEn: s.statement_en,
      updatedAt: s.updated_at.toISOString(), updatedByName: s.updated_by_name, version: s.version,
    };
  }

  function assertYearStarted(year: number) {
    if (year > Number(tokyoDate().slice(0, 4))) throw invalidField('receipt.year_in_future', 'year', 'receipt_year_future');
  }

  async function getBatchRow(ctx: RequestContext, id: string): Promise<repo.BatchRow> {
    const batch = await repo.findBatch(db, ctx.actor.organisationId, id);
    if (!batch) throw notFound('receipt.batch_not_found');
    return batch;
  }

  return {
    /** The organisation's receipt settings (empty, with isConfigured false, before the first save). */
    getSettings,

    /** Saves the settings (refused when someone saved since `version` was read); a new seal image is kept beside the old ones. */
    async updateSettings(ctx: RequestContext, input: UpdateReceiptSettingsInput): Promise<ReceiptSettings> {
      const organisationId = ctx.actor.organisationId;
      const seal = typeof input.sealImage === 'string' ? decodeSeal(input.sealImage) : input.sealImage;
      await db.transaction().execute(async (tx) => {
        const before = await repo.findSettings(tx, organisationId);
        const sealId = seal === undefined
          ? (before?.seal_id ?? null)
          : seal === null ? null : await repo.insertSeal(tx, { organisation_id: organisationId, content_type: seal.contentType, image: seal.image, created_by: ctx.actor.staffUserId });
        const values: repo.SettingsValues = {
          legal_name_ja: input.legalNameJa, legal_name_en: input.legalNameEn, postal_code: input.postalCode, address_ja: input.addressJa,
          address_en: input.addressEn, representative_title_ja: input.representativeTitleJa, representative_title_en: input.representativeTitleEn,
          representative_name_ja: input.representativeNameJa, representative_name_en: input.representativeNameEn,
          certification_number: input.certificationNumber, certification_date: input.certificationDate, authority_ja: input.authorityJa,
          authority_en: input.authorityEn, seal_id: sealId, receipt_threshold_yen: input.receiptThresholdYen, statement_ja: input.statementJa,
          statement_en: input.statementEn, updated_by: ctx.actor.staffUserId,
        };
        if (!(await repo.saveSettings(tx, organisationId, input.version, values))) throw conflict('receipt.settings_version_conflict');
        const changed = before
          ? (Object.keys(values) as Array<keyof repo.SettingsValues>).filter((k) => k !== 'updated_by' && String(values[k] ?? '') !== String(before[k as keyof repo.SettingsRow] ?? ''))
          : Object.keys(values).filter((k) => k !== 'updated_by');
        await audit.record(tx, ctx, { action: before ? 'update' : 'create', entityType: 'fundraising_settings', entityId: organisationId, details: { changed } });
      });
      return getSettings(ctx);
    },

    /** The current seal image, to show beside the settings. */
    async sealImage(ctx: RequestContext): Promise<{ contentType: string; image: Buffer }> {
      const settings = await repo.findSettings(db, ctx.actor.organisationId);
      const seal = settings?.seal_id ? await repo.findSeal(db, ctx.actor.organisationId, settings.seal_id) : undefined;
      if (!seal) throw notFound('receipt.seal_not_found');
      return { contentType: seal.content_type, image: seal.image };
    },

    /** Issues a receipt for one received gift (409 when it is not receivable or already on a valid receipt). */
    async issueForGift(ctx: RequestContext, input: IssueSingleReceiptInput): Promise<Receipt> {
      const organisationId = ctx.actor.organisationId;
      const id = await db.transaction().execute(async (tx) => {
        const settings = await requireSettings(tx, organisationId);
        const first = await repo.findGift(tx, organisationId, input.giftId);
        if (!first) throw new AppError(404, 'receipt.gift_not_found', { giftId: { key: 'invalid' } });
        if (!first.supporter_id) throw conflict('receipt.gift_anonymous');
        // The supporter first, then the gift: the same order as annual receipts, so two never deadlock.
        const supporter = await lockSupporterOrThrow(tx, ctx, first.supporter_id, 'giftId');
        const gift = await repo.lockGift(tx, organisationId, input.giftId);
        if (!gift || gift.supporter_id !== supporter.id) throw new AppError(404, 'receipt.gift_not_found', { giftId: { key: 'invalid' } });
        if (gift.reverses_gift_id !== null || gift.amount_yen <= 0) throw conflict('receipt.gift_reversal');
        if (gift.status !== 'received') throw conflict('receipt.gift_not_received', { status: gift.status });
        const existing = await repo.activeReceiptOfGift(tx, gift.id);
        if (existing) throw conflict('receipt.gift_already_receipted', { receiptNumber: existing.receipt_number });
        const address = await repo.findCurrentAddress(tx, organisationId, supporter.id);
        if (!address) throw conflict('receipt.no_address');
        const issued = await issueInTx(tx, ctx, {
          kind: 'single', year: Number(gift.received_on.slice(0, 4)), supporter, address, settings, gifts: [gift],
          language: input.language ?? supporter.preferred_language, batchId: null, acknowledgedDuplicates: false,
        });
        return issued.id;
      });
      return getReceipt(ctx, id);
    },

    /** Issues the annual combined receipt of a supporter's received gifts of a year not yet on a receipt. */
    async issueAnnual(ctx: RequestContext, input: IssueAnnualReceiptInput): Promise<Receipt> {
      assertYearStarted(input.year);
      const organisationId = ctx.actor.organisationId;
      const id = await db.transaction().execute(async (tx) => {
        const settings = await requireSettings(tx, organisationId);
        const supporter = await lockSupporterOrThrow(tx, ctx, input.supporterId, 'supporterId');
        const ready = await prepareAnnual(tx, organisationId, supporter, input.year, { acknowledgeDuplicates: input.acknowledgeDuplicates, thresholdYen: null });
        if ('reason' in ready) {
          throw conflict(annualBlockCodes[ready.reason], ready.params);
        }
        const issued = await issueInTx(tx, ctx, {
          kind: 'annual', year: input.year, supporter, address: ready.address, settings, gifts: ready.gifts,
          language: input.language ?? supporter.preferred_language, batchId: null, acknowledgedDuplicates: input.acknowledgeDuplicates,
        });
        return issued.id;
      });
      return getReceipt(ctx, id);
    },

    /** Receipts of the organisation, newest first, by supporter, year of the gifts or kind. */
    async list(ctx: RequestContext, query: ReceiptQuery): Promise<ReceiptList> {
      const [rows, total] = await repo.listReceipts(db, ctx.actor.organisationId, query);
      return { receipts: rows.map(presentSummary), total };
    },

    /** One receipt with its gifts, what it printed, and its reissues. */
    get: getReceipt,

    /** The receipt as a PDF, in its language or the one asked; a voided one only as a copy marked 無効 / VOID (audited). */
    async pdf(ctx: RequestContext, id: string, query: ReceiptPdfQuery): Promise<{ receipt: ReceiptSummary; content: Buffer; fileName: string }> {
      const row = await repo.findReceipt(db, ctx.actor.organisationId, id);
      if (!row) throw notFound('receipt.not_found');
      if (row.voided_at && query.voidCopy !== 'true') throw conflict('receipt.voided');
      const language = query.language ?? row.language;
      const content = await renderReceiptPdf(await printable(ctx.actor.organisationId, row, new Map()), language);
      await audit.record(db, ctx, { action: 'export', entityType: 'receipt', entityId: row.id, details: { receiptNumber: row.receipt_number, language, voidCopy: row.voided_at !== null } });
      return { receipt: presentSummary(row), content, fileName: `receipt-${row.receipt_number}${row.voided_at ? '-void' : ''}.pdf` };
    },

    /** Issues the receipt again (lost or damaged): the same facts, the same number with -R1, -R2…, printed 再発行. */
    async reissue(ctx: RequestContext, id: string, input: ReissueReceiptInput): Promise<Receipt> {
      const organisationId = ctx.actor.organisationId;
      const newId = await db.transaction().execute(async (tx) => {
        const target = await repo.findReceipt(tx, organisationId, id);
        if (!target) throw notFound('receipt.not_found');
        const rootId = target.reissue_of ?? target.id;
        const locked = await repo.lockReceipt(tx, organisationId, rootId);
        if (!locked || locked.voided_at) throw conflict('receipt.voided');
        const root = await repo.findReceipt(tx, organisationId, rootId);
        if (!root) throw notFound('receipt.not_found');
        const reissueNumber = (await repo.lastReissueNumber(tx, rootId)) + 1;
        const receiptNumber = `${root.receipt_number}-R${reissueNumber}`;
        const inserted = await repo.insertReceipt(tx, {
          organisation_id: organisationId, receipt_number: receiptNumber, kind: root.kind, year: root.year, supporter_id: root.supporter_id,
          total_yen: root.total_yen, recipient: JSON.stringify(root.recipient), issuer: JSON.stringify(root.issuer), gifts: JSON.stringify(root.gifts),
          seal_id: root.seal_id, language: root.language, issued_on: tokyoDate(), issued_by: ctx.actor.staffUserId, reissue_of: rootId,
          reissue_number: reissueNumber, reissue_reason: input.reason, batch_id: null,
        });
        await audit.record(tx, ctx, { action: 'create', entityType: 'receipt', entityId: inserted, details: { receiptNumber, reissueOf: rootId, reissueNumber } });
        return inserted;
      });
      return getReceipt(ctx, newId);
    },

    /** Voids a receipt and its reissues: the number stays taken, and its gifts may go on a new receipt. */
    async void(ctx: RequestContext, id: string, input: VoidReceiptInput): Promise<Receipt> {
      const organisationId = ctx.actor.organisationId;
      await db.transaction().execute(async (tx) => {
        const target = await repo.findReceipt(tx, organisationId, id);
        if (!target) throw notFound('receipt.not_found');
        const rootId = target.reissue_of ?? target.id;
        const locked = await repo.lockReceipt(tx, organisationId, rootId);
        if (!locked || locked.voided_at) throw conflict('receipt.already_voided');
        await repo.voidChain(tx, organisationId, rootId, ctx.actor.staffUserId, input.reason);
        await audit.record(tx, ctx, { action: 'update', entityType: 'receipt', entityId: rootId, details: { voided: true, receiptNumber: target.receipt_number } });
      });
      return getReceipt(ctx, id);
    },

    // --- Year-end batches ---

    /** Starts a year-end batch: fixes which supporters reach the threshold; nothing is issued until it runs. */
    async createBatch(ctx: RequestContext, input: CreateReceiptBatchInput): Promise<ReceiptBatch> {
      assertYearStarted(input.year);
      const organisationId = ctx.actor.organisationId;
      const id = await db.transaction().execute(async (tx) => {
        const settings = await requireSettings(tx, organisationId);
        const thresholdYen = input.thresholdYen ?? settings.receipt_threshold_yen;
        const batchId = await repo.insertBatch(tx, {
          organisation_id: organisationId, year: input.year, threshold_yen: thresholdYen, language: input.language ?? null,
          acknowledge_duplicates: input.acknowledgeDuplicates, created_by: ctx.actor.staffUserId,
        });
        const total = await repo.fillBatchItems(tx, organisationId, batchId, input.year, thresholdYen);
        if (total === 0) await repo.closeBatchIfFinished(tx, batchId);
        await audit.record(tx, ctx, { action: 'create', entityType: 'receipt_batch', entityId: batchId, details: { year: input.year, thresholdYen, total } });
        return batchId;
      });
      return presentBatch(await getBatchRow(ctx, id));
    },

    /** The batches of the organisation (of a year), newest first. */
    async listBatches(ctx: RequestContext, year: number | undefined): Promise<ReceiptBatch[]> {
      return (await repo.listBatches(db, ctx.actor.organisationId, year)).map(presentBatch);
    },

    /** One batch with its progress. */
    async getBatch(ctx: RequestContext, id: string): Promise<ReceiptBatch> {
      return presentBatch(await getBatchRow(ctx, id));
    },

    /** The batch's supporters and how each ended (skipped ones with the reason). */
    async batchItems(ctx: RequestContext, id: string, query: BatchItemQuery): Promise<{ items: BatchItem[]; total: number }> {
      await getBatchRow(ctx, id);
      const [rows, total] = await repo.listBatchItems(db, id, query);
      return {
        items: rows.map((r) => ({
          supporterId: r.supporter_id, supporterNumber: r.supporter_number, position: r.position, status: r.status, reason: r.reason,
          receiptId: r.receipt_id, receiptNumber: r.receipt_number, processedAt: iso(r.processed_at),
        })),
        total,
      };
    },

    /**
     * Processes the next `limit` supporters of the batch, each in its own transaction, and returns the
     * progress. Runs may overlap (each takes supporters no other run holds) and may stop anywhere: the
     * next run continues with those still pending.
     */
    async runBatch(ctx: RequestContext, id: string, limit = DEFAULT_BATCH_CHUNK): Promise<BatchProgress> {
      const batch = await getBatchRow(ctx, id);
      if (batch.status === 'done') return progressOf(batch);
      await requireSettings(db, ctx.actor.organisationId);
      const attempts = new Map<string, number>();
      for (let processed = 0; processed < limit;) {
        const taken: { supporterId: string | null } = { supporterId: null };
        try {
          const outcome = await db.transaction().execute(async (tx) => {
            const item = await repo.takeNextItem(tx, batch.id);
            if (!item) return 'empty' as const;
            taken.supporterId = item.supporter_id;
            await repo.finishItem(tx, batch.id, item.supporter_id, await processBatchItem(tx, ctx, batch, item.supporter_id));
            return 'done' as const;
          });
          if (outcome === 'empty') break;
          processed += 1;
        } catch (error) {
          const supporterId = taken.supporterId;
          if (supporterId === null) throw error;
          const tries = (attempts.get(supporterId) ?? 0) + 1;
          attempts.set(supporterId, tries);
          // Another run or a fundraiser receipted one of the gifts meanwhile: look at the supporter again.
          if (isUniqueViolation(error) && tries < 3) continue;
          await db.transaction().execute((tx) => repo.finishItem(tx, batch.id, supporterId, { status: 'failed', reason: 'error', receiptId: null, totalYen: 0 }));
          processed += 1;
        }
      }
      await repo.closeBatchIfFinished(db, batch.id);
      return progressOf(await getBatchRow(ctx, id));
    },

    /** Every valid receipt of the batch as one PDF (a page each) or a ZIP of one PDF per receipt (audited). */
    async batchFile(ctx: RequestContext, id: string, query: BatchFileQuery): Promise<{ content: Buffer; fileName: string; contentType: string }> {
      const organisationId = ctx.actor.organisationId;
      const batch = await getBatchRow(ctx, id);
      const rows = await repo.receiptsOfBatch(db, organisationId, batch.id);
      if (rows.length === 0) throw conflict('receipt.batch_file_empty');
      const seals = new Map<string, PrintableReceipt['seal']>();
      const receipts = [];
      for (const row of rows) receipts.push({ receipt: await printable(organisationId, row, seals), language: row.language });
      const base = `receipts-${batch.year}-${batch.id.slice(0, 8)}`;
      let file: { content: Buffer; fileName: string; contentType: string };
      if (query.format === 'zip') {
        const entries: Record<string, Uint8Array> = {};
        for (const r of receipts) entries[`${r.receipt.receiptNumber}.pdf`] = await renderReceiptPdf(r.receipt, r.language);
        // PDFs are compressed already: stored, not deflated again.
        file = { content: Buffer.from(zipSync(entries, { level: 0 })), fileName: `${base}.zip`, contentType: 'application/zip' };
      } else {
        const title = translatorFor('ja')('ui.receipts.pdf.batchTitle', { year: batch.year });
        file = { content: await renderReceiptsPdf(receipts, title), fileName: `${base}.pdf`, contentType: 'application/pdf' };
      }
      await audit.record(db, ctx, { action: 'export', entityType: 'receipt_batch', entityId: batch.id, details: { format: query.format, receipts: rows.length } });
      return file;
    },
  };
}
export type ReceiptsService = ReturnType<typeof createReceiptsService>;
