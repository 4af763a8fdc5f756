import type { ApplicationStatus, Decision, PageState, Progress } from '../contract';

// The contract's enums, listed here because the web imports the contract for its types only
// (its schemas bring the server's text sanitiser into the bundle). `satisfies` keeps them in step.

export const applicationStatuses = ['submitted', 'shortlisted', 'selected', 'waitlisted', 'declined'] as const satisfies readonly ApplicationStatus[];
export const decisions = ['shortlist', 'select', 'waitlist', 'decline'] as const satisfies readonly Decision[];
export const progresses = ['behind', 'on_track', 'reached'] as const satisfies readonly Progress[];
export const pageStates = ['no_page', 'pending', 'published', 'published_with_pending', 'rejected'] as const satisfies readonly PageState[];

/** Whether a string (from the address bar) is an application status. */
export function isApplicationStatus(value: string | null): value is ApplicationStatus {
  return (applicationStatuses as readonly string[]).includes(value ?? '');
}

/** The decisions staff may take on an application in this state (the server's rule: a decision once final stays). */
export function decisionsFor(status: ApplicationStatus): Decision[] {
  switch (status) {
    case 'submitted':
      return ['shortlist', 'select', 'waitlist', 'decline'];
    case 'shortlisted':
      return ['select', 'waitlist', 'decline'];
    case 'waitlisted':
      return ['select', 'decline'];
    case 'selected':
    case 'declined':
      return [];
  }
}

/** A decline or a waitlisting keeps its reason with the application. */
export const needsReason = (decision: Decision) => decision === 'decline' || decision === 'waitlist';
