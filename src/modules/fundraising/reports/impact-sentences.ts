import type { TFunction } from 'i18next';
import type { Count, PublicFigures } from '../../advocacy/contract';

// The office's public figures (GET /api/public/figures) as sentences an appeal can quote, in one
// place for the fundraising dashboard (web) and the public campaign pages (server-rendered).

const locales = { ja: 'ja-JP', en: 'en-GB' } as const;

/** A band of people in words ("fewer than 5", "10–14 people"). */
export function peopleBand(t: TFunction, value: Count): string {
  if (value.high === 0) return t('ui.fundraisingReports.web.impact.people.none');
  if (value.low === 1) return t('ui.fundraisingReports.web.impact.people.few', { k: value.high + 1 });
  if (value.low === value.high) return t('ui.fundraisingReports.web.impact.people.exact', { n: value.low });
  return t('ui.fundraisingReports.web.impact.people.range', { low: value.low, high: value.high });
}

/** One published figure as a sentence; null when the figure is withheld or counts no one. */
export function impactSentence(t: TFunction, language: 'ja' | 'en', figures: PublicFigures, figure: PublicFigures['figures'][number]): string | null {
  const period = t(`ui.fundraisingReports.web.impact.period.${figures.period}`);
  // A figure of no one says nothing an appeal could use: it is left out, like a withheld one.
  const people = figure.value && figure.value.high > 0 ? peopleBand(t, figure.value) : null;
  const days = figure.days === null ? null : new Intl.NumberFormat(locales[language]).format(figure.days);
  switch (figure.key) {
    case 'shelter_nights':
      if (days !== null && people) return t('ui.fundraisingReports.web.impact.shelterNights', { period, nights: days, people });
      return people ? t('ui.fundraisingReports.web.impact.shelterPeople', { period, people }) : null;
    case 'people_fed':
      return people ? t('ui.fundraisingReports.web.impact.peopleFed', { period, people }) : null;
    case 'people_helped':
      return people ? t('ui.fundraisingReports.web.impact.peopleHelped', { period, people }) : null;
    case 'people_waiting_allowance':
      return people ? t('ui.fundraisingReports.web.impact.waitingAllowance', { people }) : null;
    case 'median_allowance_wait_days':
      return days !== null && people ? t('ui.fundraisingReports.web.impact.medianWait', { days, people }) : null;
  }
}

/** Every figure that says something, as sentences. */
export function impactSentences(t: TFunction, language: 'ja' | 'en', figures: PublicFigures): Array<{ key: PublicFigures['figures'][number]['key']; text: string }> {
  return figures.figures.flatMap((f) => {
    const text = impactSentence(t, language, figures, f);
    return text === null ? [] : [{ key: f.key, text }];
  });
}
