import type { TFunction } from 'i18next';
import type { Language } from '../../../i18n/index';
import type { z } from 'zod';
import { formatDate } from '../../../web/format';
import type { Address, Campaign, CampaignChannel, CommitmentStatus, DuplicateReason, Gift, GiftMethod, GiftStatus, SoftCreditKind } from '../contract';

const grouping = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });

/** Yen as the office writes it in both languages: ¥12,500 (and −¥12,500 for a reversing entry). */
export function yen(amount: number): string {
  return `${amount < 0 ? '−' : ''}¥${grouping.format(Math.abs(amount))}`;
}

/** A whole number with thousands separators. */
export function count(n: number): string {
  return grouping.format(n);
}

export type Channel = z.infer<typeof CampaignChannel>;
export type SoftCredit = z.infer<typeof SoftCreditKind>;

export function methodLabel(t: TFunction, method: GiftMethod): string {
  switch (method) {
    case 'card':
      return t('ui.fundraising.method.card');
    case 'bank_transfer':
      return t('ui.fundraising.method.bank_transfer');
    case 'direct_debit':
      return t('ui.fundraising.method.direct_debit');
    case 'cash':
      return t('ui.fundraising.method.cash');
    case 'convenience_store':
      return t('ui.fundraising.method.convenience_store');
    case 'in_kind':
      return t('ui.fundraising.method.in_kind');
    case 'other':
      return t('ui.fundraising.method.other');
  }
}

export function giftStatusLabel(t: TFunction, status: GiftStatus): string {
  switch (status) {
    case 'pledged':
      return t('ui.fundraising.giftStatus.pledged');
    case 'received':
      return t('ui.fundraising.giftStatus.received');
    case 'refunded':
      return t('ui.fundraising.giftStatus.refunded');
    case 'failed':
      return t('ui.fundraising.giftStatus.failed');
  }
}

/** A badge colour for each status; the badge always carries the status as text too. */
export function giftStatusColor(gift: Pick<Gift, 'status' | 'reversesGiftId'>): string {
  if (gift.reversesGiftId) return 'gray.7';
  switch (gift.status) {
    case 'pledged':
      return 'yellow.3';
    case 'received':
      return 'teal.9';
    case 'refunded':
      return 'red.9';
    case 'failed':
      return 'gray.7';
  }
}

export function channelLabel(t: TFunction, channel: Channel): string {
  switch (channel) {
    case 'online':
      return t('ui.fundraising.channel.online');
    case 'mail':
      return t('ui.fundraising.channel.mail');
    case 'event':
      return t('ui.fundraising.channel.event');
    case 'runners':
      return t('ui.fundraising.channel.runners');
    case 'corporate':
      return t('ui.fundraising.channel.corporate');
    case 'grant':
      return t('ui.fundraising.channel.grant');
    case 'other':
      return t('ui.fundraising.channel.other');
  }
}

export function softCreditLabel(t: TFunction, kind: SoftCredit): string {
  switch (kind) {
    case 'runner':
      return t('ui.fundraising.softCredit.runner');
    case 'in_honour':
      return t('ui.fundraising.softCredit.in_honour');
    case 'in_memory':
      return t('ui.fundraising.softCredit.in_memory');
    case 'fundraiser':
      return t('ui.fundraising.softCredit.fundraiser');
    case 'other':
      return t('ui.fundraising.softCredit.other');
  }
}

export function commitmentStatusLabel(t: TFunction, status: CommitmentStatus): string {
  switch (status) {
    case 'active':
      return t('ui.fundraising.commitmentStatus.active');
    case 'paused':
      return t('ui.fundraising.commitmentStatus.paused');
    case 'failing':
      return t('ui.fundraising.commitmentStatus.failing');
    case 'cancelled':
      return t('ui.fundraising.commitmentStatus.cancelled');
  }
}

export function commitmentStatusColor(status: CommitmentStatus): string {
  switch (status) {
    case 'active':
      return 'teal.9';
    case 'paused':
      return 'yellow.3';
    case 'failing':
      return 'red.9';
    case 'cancelled':
      return 'gray.7';
  }
}

export function duplicateReasonLabel(t: TFunction, reason: DuplicateReason): string {
  switch (reason) {
    case 'email':
      return t('ui.fundraising.duplicates.reason.email');
    case 'phone':
      return t('ui.fundraising.duplicates.reason.phone');
    case 'kana_postal':
      return t('ui.fundraising.duplicates.reason.kana_postal');
    case 'name_city':
      return t('ui.fundraising.duplicates.reason.name_city');
    case 'kana':
      return t('ui.fundraising.duplicates.reason.kana');
  }
}

export function campaignName(c: Pick<Campaign, 'nameJa' | 'nameEn'>, language: Language): string {
  return language === 'ja' ? c.nameJa : c.nameEn || c.nameJa;
}

/** The campaign a gift came through, in the reader's language; null when none. */
export function giftCampaignName(g: Pick<Gift, 'campaignNameJa' | 'campaignNameEn'>, language: Language): string | null {
  if (g.campaignNameJa === null) return null;
  return language === 'ja' ? g.campaignNameJa : g.campaignNameEn || g.campaignNameJa;
}

export function giftFundLabel(g: Pick<Gift, 'fundLabelJa' | 'fundLabelEn'>, language: Language): string {
  return language === 'ja' ? g.fundLabelJa : g.fundLabelEn || g.fundLabelJa;
}

/** Share of the goal reached, in whole percent (uncapped: a campaign may pass its goal). */
export function percentOf(raised: number, goal: number | null): number | null {
  if (!goal || goal <= 0) return null;
  return Math.floor((Math.max(raised, 0) / goal) * 100);
}

/** 〒104-0061 東京都 中央区 銀座1-2-3 ビル4F, on one line. */
export function addressLine(a: Pick<Address, 'postalCode' | 'prefecture' | 'city' | 'line1' | 'line2'>): string {
  const code = a.postalCode && /^\d{7}$/.test(a.postalCode) ? `〒${a.postalCode.slice(0, 3)}-${a.postalCode.slice(3)}` : a.postalCode ?? '';
  return [code, a.prefecture, a.city, a.line1, a.line2].filter((s) => s !== '').join(' ');
}

/** A short list in the reader's language: 郵送、メール / By post, By email. */
export function listOf(items: readonly string[], language: Language): string {
  return items.join(language === 'ja' ? '、' : ', ');
}

/** 2026-01-01 – 2026-03-31, or "from 2026-01-01" while it has no end. */
export function campaignPeriod(c: Pick<Campaign, 'startsOn' | 'endsOn'>, language: Language, from: (date: string) => string): string {
  return c.endsOn ? `${formatDate(c.startsOn, language)} – ${formatDate(c.endsOn, language)}` : from(formatDate(c.startsOn, language));
}
