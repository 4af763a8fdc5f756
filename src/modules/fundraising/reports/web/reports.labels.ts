import type { TFunction } from 'i18next';
import type { Language } from '../../../../i18n/index';
import { formatDate } from '../../../../web/format';
import type { YearKind } from '../contract';

const locales: Record<Language, string> = { ja: 'ja-JP', en: 'en-GB' };

const grouping = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });

/** Yen as the office writes it in both languages: ¥12,500, −¥3,000 (Intl's en-GB would write JP¥). */
export function yen(amount: number, _language?: Language): string {
  return `${amount < 0 ? '−' : ''}¥${grouping.format(Math.abs(amount))}`;
}

/** 12 or 1,234. */
export function count(n: number, language: Language): string {
  return new Intl.NumberFormat(locales[language]).format(n);
}

/** A rate (0.5) as a percentage (50.0%); a dash when there is nothing to divide by. */
export function percent(rate: number | null, language: Language): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(locales[language], { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate);
}

/** A month `YYYY-MM`: "Apr 2026" / "2026年4月". */
export function formatMonth(month: string, language: Language): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(locales[language], { timeZone: 'UTC', year: 'numeric', month: 'short' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** A calendar date `YYYY-MM-DD` as the reader writes it. */
export function day(date: string, language: Language): string {
  return formatDate(date, language);
}

/** "FY2025" / "2025年度", or "2025" / "2025年". */
export function yearLabel(t: TFunction, kind: YearKind, year: number): string {
  return kind === 'fiscal' ? t('ui.fundraisingReports.web.year.fiscalName', { year }) : t('ui.fundraisingReports.web.year.calendarName', { year });
}

/** The months of a year (fiscal: April to March), up to this month when the year is not over. */
export function monthsOfYear(kind: YearKind, year: number, today: string): { from: string; to: string } {
  const from = kind === 'fiscal' ? `${year}-04` : `${year}-01`;
  const last = kind === 'fiscal' ? `${year + 1}-03` : `${year}-12`;
  const now = today.slice(0, 7);
  return { from, to: last > now && from <= now ? now : last };
}
