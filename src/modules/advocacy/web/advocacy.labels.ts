import type { TFunction } from 'i18next';
import type { Language } from '../../../i18n/index';
import { displayName } from '../../../shared/codes';
import type { BreakdownDimension, PublicFigureKey, QuoteWarning, Suggestion } from '../contract';

/** A barrier's (or a tag's, or a suggestion's) label in the reader's language. */
export function barrierLabel(b: { labelJa: string; labelEn: string } | { barrierLabelJa: string; barrierLabelEn: string }, language: Language): string {
  if ('labelJa' in b) return language === 'ja' ? b.labelJa : b.labelEn;
  return language === 'ja' ? b.barrierLabelJa : b.barrierLabelEn;
}

const monthFormats: Record<Language, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'UTC', year: 'numeric', month: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'short' }),
};

/** A month `YYYY-MM` as a reader says it: "2026年4月", "Apr 2026". */
export function formatMonth(month: string, language: Language): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return monthFormats[language].format(new Date(Date.UTC(y, m - 1, 1)));
}

/** Why a barrier is suggested, in words (the facts on file it comes from). */
export function suggestionReason(t: TFunction, s: Suggestion): string {
  switch (s.reason) {
    case 'allowance_wait':
      return s.days === null ? t('ui.advocacy.reason.allowanceWait') : t('ui.advocacy.reason.allowanceWaitDays', { days: s.days });
    case 'rough_sleeping':
      return t('ui.advocacy.reason.roughSleeping');
    case 'no_work_permission':
      return t('ui.advocacy.reason.noWorkPermission');
    case 'uninsured':
      return t('ui.advocacy.reason.uninsured');
    case 'no_interpreter':
      return t('ui.advocacy.reason.noInterpreter');
  }
}

/** What a quote seems to contain, as a sentence that says what to rewrite. */
export function quoteWarningText(t: TFunction, warning: QuoteWarning): string {
  switch (warning) {
    case 'name':
      return t('ui.advocacy.quoteWarning.name');
    case 'phone':
      return t('ui.advocacy.quoteWarning.phone');
    case 'card_number':
      return t('ui.advocacy.quoteWarning.cardNumber');
    case 'file_number':
      return t('ui.advocacy.quoteWarning.fileNumber');
  }
}

export function breakdownTitle(t: TFunction, dimension: BreakdownDimension): string {
  switch (dimension) {
    case 'nationality':
      return t('ui.advocacy.breakdown.nationality');
    case 'sex':
      return t('ui.advocacy.breakdown.sex');
    case 'ageBand':
      return t('ui.advocacy.breakdown.ageBand');
    case 'residenceStatus':
      return t('ui.advocacy.breakdown.residenceStatus');
    case 'procedureStage':
      return t('ui.advocacy.breakdown.procedureStage');
  }
}

/** A breakdown group's name: a country, a sex, an age band, a residence status or a procedure stage. */
export function breakdownGroup(t: TFunction, language: Language, dimension: BreakdownDimension, group: string): string {
  if (group === 'unknown') return t('ui.advocacy.unknownGroup');
  switch (dimension) {
    case 'nationality':
      return displayName('region', group, language);
    case 'sex':
      return t(`ui.sex.${group}`, { defaultValue: group });
    case 'ageBand':
      // Age bands are named by their years ("18-29", "65+"), the same in both languages.
      return group.replace('-', '–');
    case 'residenceStatus':
      return t(`ui.cases.residenceStatus.${group}`, { defaultValue: group });
    case 'procedureStage':
      return t(`ui.cases.procedureStage.${group}`, { defaultValue: group });
  }
}

export function publicFigureLabel(t: TFunction, key: PublicFigureKey): string {
  switch (key) {
    case 'shelter_nights':
      return t('ui.advocacy.settings.figure.shelterNights');
    case 'people_fed':
      return t('ui.advocacy.settings.figure.peopleFed');
    case 'people_helped':
      return t('ui.advocacy.settings.figure.peopleHelped');
    case 'people_waiting_allowance':
      return t('ui.advocacy.settings.figure.peopleWaitingAllowance');
    case 'median_allowance_wait_days':
      return t('ui.advocacy.settings.figure.medianAllowanceWaitDays');
  }
}
