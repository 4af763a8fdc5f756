import type { TFunction } from 'i18next';
import type { Language } from '../../../i18n/index';
import type { ApplicationStatus, CharityEvent, Decision, PageRevision, PageState, Progress } from '../contract';

/** An event's name in the reader's language. */
export function eventName(e: Pick<CharityEvent, 'nameJa' | 'nameEn'>, language: Language): string {
  return language === 'ja' ? e.nameJa : e.nameEn || e.nameJa;
}

export function applicationStatusLabel(t: TFunction, status: ApplicationStatus): string {
  switch (status) {
    case 'submitted':
      return t('ui.runners.applicationStatus.submitted');
    case 'shortlisted':
      return t('ui.runners.applicationStatus.shortlisted');
    case 'selected':
      return t('ui.runners.applicationStatus.selected');
    case 'waitlisted':
      return t('ui.runners.applicationStatus.waitlisted');
    case 'declined':
      return t('ui.runners.applicationStatus.declined');
  }
}

/** The button (and dialog title) of a decision. */
export function decisionLabel(t: TFunction, decision: Decision): string {
  switch (decision) {
    case 'shortlist':
      return t('ui.runners.decision.shortlist');
    case 'select':
      return t('ui.runners.decision.select');
    case 'waitlist':
      return t('ui.runners.decision.waitlist');
    case 'decline':
      return t('ui.runners.decision.decline');
  }
}

export function progressLabel(t: TFunction, progress: Progress): string {
  switch (progress) {
    case 'behind':
      return t('ui.runners.progress.behind');
    case 'on_track':
      return t('ui.runners.progress.on_track');
    case 'reached':
      return t('ui.runners.progress.reached');
  }
}

/** A badge colour for each progress; the badge always says it in words too. */
export function progressColor(progress: Progress): string {
  switch (progress) {
    case 'behind':
      return 'red.9';
    case 'on_track':
      return 'indigo.8';
    case 'reached':
      return 'teal.9';
  }
}

export function pageStateLabel(t: TFunction, state: PageState): string {
  switch (state) {
    case 'no_page':
      return t('ui.runners.pageState.no_page');
    case 'pending':
      return t('ui.runners.pageState.pending');
    case 'published':
      return t('ui.runners.pageState.published');
    case 'published_with_pending':
      return t('ui.runners.pageState.published_with_pending');
    case 'rejected':
      return t('ui.runners.pageState.rejected');
  }
}

export function pageStateColor(state: PageState): string {
  switch (state) {
    case 'no_page':
      return 'gray.7';
    case 'pending':
    case 'published_with_pending':
      return 'yellow.3';
    case 'published':
      return 'teal.9';
    case 'rejected':
      return 'red.9';
  }
}

export function revisionStatusLabel(t: TFunction, status: PageRevision['status']): string {
  switch (status) {
    case 'pending':
      return t('ui.runners.revisionStatus.pending');
    case 'approved':
      return t('ui.runners.revisionStatus.approved');
    case 'rejected':
      return t('ui.runners.revisionStatus.rejected');
    case 'superseded':
      return t('ui.runners.revisionStatus.superseded');
  }
}

export function revisionStatusColor(status: PageRevision['status']): string {
  switch (status) {
    case 'pending':
      return 'yellow.3';
    case 'approved':
      return 'teal.9';
    case 'rejected':
      return 'red.9';
    case 'superseded':
      return 'gray.7';
  }
}

/** A page gift's status (the fundraising gift's: pledged, received, refunded, failed). */
export function giftStatusLabel(t: TFunction, status: string): string {
  switch (status) {
    case 'pledged':
      return t('ui.runners.giftStatus.pledged');
    case 'received':
      return t('ui.runners.giftStatus.received');
    case 'refunded':
      return t('ui.runners.giftStatus.refunded');
    case 'failed':
      return t('ui.runners.giftStatus.failed');
    default:
      return status;
  }
}

/** Days to race day in words: "in 12 days", "today", "12 days ago". */
export function raceDayText(t: TFunction, daysToRace: number): string {
  if (daysToRace === 0) return t('ui.runners.dashboard.raceToday');
  if (daysToRace > 0) return t('ui.runners.dashboard.daysToRace', { count: daysToRace });
  return t('ui.runners.dashboard.raceWasAgo', { count: -daysToRace });
}

/** The full address of a public path on this server (what a runner or a donor is given). */
export const publicUrl = (path: string) => `${window.location.origin}${path}`;
