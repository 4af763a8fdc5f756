import type { Content } from 'pdfmake/interfaces';
import type { Db } from '../../../../server/db/database';
import type { RequestContext } from '../../../../server/http/context';
import { conflict, invalidField } from '../../../../server/http/errors';
import { renderPdf } from '../../../../server/pdf/pdf';
import { tokyoDate } from '../../../../shared/time';
import type { AuditService } from '../../../audit/server/audit.service';
import type { Gift } from '../../contract';
import type { FundraisingService } from '../../server/fundraising.service';
import type { LetterPreview, LetterTemplate, SaveLetterTemplateInput } from '../contract';
import { DEFAULT_LETTERS, fillLetter, formatDate, formatYen, unknownPlaceholders } from './letter-text';
import * as repo from './letters.repository';

/** The most letters printed in one PDF (a morning's thank-you queue is far fewer). */
export const MAX_LETTERS = 500;

export function createLettersService(deps: { db: Db; audit: AuditService; fundraising: FundraisingService }) {
  const { db, audit, fundraising } = deps;

  async function templates(organisationId: string): Promise<LetterTemplate[]> {
    const saved = await repo.findTemplates(db, organisationId);
    return (['ja', 'en'] as const).map((language) => {
      const row = saved.find((t) => t.language === language);
      return row ? { language, subject: row.subject, body: row.body, isCustom: true, version: row.version } : { language, ...DEFAULT_LETTERS[language], isCustom: false, version: 0 };
    });
  }

  /** One letter per gift, in the chosen language or the supporter's own. */
  async function letters(ctx: RequestContext, giftIds: readonly string[], language: 'ja' | 'en' | undefined) {
    const texts = await templates(ctx.actor.organisationId);
    const out: Array<LetterPreview & { gift: Gift; addressLines: string[] }> = [];
    for (const id of giftIds) {
      const gift = await fundraising.gifts.getGift(ctx, id);
      if (!gift.supporterId || gift.status !== 'received' || gift.amountYen <= 0) throw conflict('letter.gift_not_thankable', { id });
      const s = (await fundraising.supporters.summaries(ctx, [gift.supporterId])).get(gift.supporterId);
      if (!s) throw conflict('letter.gift_not_thankable', { id });
      const lang = language ?? s.preferred_language;
      const template = texts.find((t) => t.language === lang) ?? texts[0];
      if (!template) throw conflict('letter.no_template');
      const campaign = lang === 'ja' ? gift.campaignNameJa : gift.campaignNameEn;
      const values = {
        name: fundraising.supporters.addressee(s, lang), amount: formatYen(gift.amountYen, lang), date: formatDate(gift.receivedOn, lang),
        campaign: campaign ? (lang === 'ja' ? `（${campaign}へのご寄付として）` : `(Given to our ${campaign}.)`) : '',
        organisation: ctx.actor.organisationName, fund: lang === 'ja' ? gift.fundLabelJa : gift.fundLabelEn,
      };
      const addressLines = s.address_id
        ? [`〒${(s.postal_code ?? '').replace(/^(\d{3})(\d{4})$/, '$1-$2')}`, `${s.prefecture ?? ''}${s.city ?? ''}${s.line1 ?? ''}`, s.line2 ?? ''].filter((l) => l !== '' && l !== '〒')
        : [];
      out.push({ giftId: id, language: lang, subject: fillLetter(template.subject, values), body: fillLetter(template.body, values), gift, addressLines });
    }
    return out;
  }

  return {
    /** The thank-you templates in both languages (the built-in ones until saved). */
    async listTemplates(ctx: RequestContext): Promise<LetterTemplate[]> {
      return templates(ctx.actor.organisationId);
    },

    /** Saves a template; an unknown {{placeholder}} is refused so no letter goes out with one. */
    async saveTemplate(ctx: RequestContext, language: 'ja' | 'en', input: SaveLetterTemplateInput): Promise<LetterTemplate> {
      for (const field of ['subject', 'body'] as const) {
        const unknown = unknownPlaceholders(input[field]);
        if (unknown.length > 0) throw invalidField('letter.unknown_placeholder', field, 'unknown_placeholder', { names: unknown.join(', ') });
      }
      return db.transaction().execute(async (tx) => {
        const saved = await repo.saveTemplate(tx, { organisationId: ctx.actor.organisationId, language, subject: input.subject, body: input.body, version: input.version, staffUserId: ctx.actor.staffUserId });
        if (!saved) throw conflict('letter.version_conflict');
        await audit.record(tx, ctx, { action: 'update', entityType: 'letter_template', details: { language } });
        return { language, subject: input.subject, body: input.body, isCustom: true, version: saved.version };
      });
    },

    /** The filled letter for one gift, to read before printing or sending. */
    async preview(ctx: RequestContext, giftId: string, language?: 'ja' | 'en'): Promise<LetterPreview> {
      const [letter] = await letters(ctx, [giftId], language);
      if (!letter) throw conflict('letter.gift_not_thankable', { id: giftId });
      return { giftId, language: letter.language, subject: letter.subject, body: letter.body };
    },

    /** One PDF with a letter per gift (A4, the address where a window envelope shows it); optionally marks them thanked. */
    async pdf(ctx: RequestContext, giftIds: readonly string[], options: { language?: 'ja' | 'en' | undefined; markThanked: boolean }): Promise<Buffer> {
      if (giftIds.length === 0) throw invalidField('letter.no_gifts', 'ids', 'required');
      if (giftIds.length > MAX_LETTERS) throw invalidField('letter.too_many', 'ids', 'too_big', { maximum: MAX_LETTERS });
      const all = await letters(ctx, giftIds, options.language);
      const today = tokyoDate();
      const content: Content[] = all.map((l, i) => ({
        stack: [
          { stack: l.addressLines.map((line) => ({ text: line })), margin: [20, 20, 0, 4], fontSize: 10 },
          { text: l.body.split('\n')[0] ?? '', margin: [20, 0, 0, 36], fontSize: 11, bold: true },
          { text: formatDate(today, l.language), alignment: 'right', margin: [0, 0, 0, 16] },
          { text: l.subject, fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 18] },
          { text: l.body.split('\n').slice(1).join('\n').replace(/^\n+/, ''), fontSize: 10.5, lineHeight: 1.6 },
        ],
        ...(i > 0 && { pageBreak: 'before' as const }),
      }));
      const bytes = await renderPdf({ title: all.length === 1 ? (all[0]?.subject ?? '') : `${all.length} letters`, footerText: ctx.actor.organisationName, content, language: all[0]?.language ?? 'ja' });
      if (options.markThanked) await fundraising.gifts.markThanked(ctx, giftIds);
      await audit.record(db, ctx, { action: 'export', entityType: 'thank_you_letter', details: { letters: all.length, markThanked: options.markThanked } });
      return bytes;
    },
  };
}
export type LettersService = ReturnType<typeof createLettersService>;
