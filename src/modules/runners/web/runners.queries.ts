import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, api, query } from '../../../web/api';
import type {
  ApplicationStatus, CampaignPageInput, CampaignPageSettings, CharityEvent, CreateEventInput, DecideInput, Decision, DecisionResult, EventDashboard,
  MagicLinkResult, MessageTemplate, ModerationItem, PageInput, PageRevision, ReminderResult, ReviewInput, RunnerApplication, RunnerDetail,
  RunnerSummary, UpdateEventInput,
} from '../contract';

// What the web sends is the contracts' input (before defaults); what it reads is their output. Types
// only: the contract's schemas carry the server's text sanitiser, which the browser bundle must not.
export type CreateEventBody = z.input<typeof CreateEventInput>;
export type UpdateEventBody = z.input<typeof UpdateEventInput>;
export type DecideBody = z.input<typeof DecideInput>;
export type PageBody = z.input<typeof PageInput>;
export type ReviewBody = z.input<typeof ReviewInput>;
export type CampaignPageBody = z.input<typeof CampaignPageInput>;
export type Reminders = z.infer<typeof ReminderResult>;
export interface UpdateRunnerBody {
  version: number;
  goalYen?: number;
  status?: 'active' | 'withdrawn';
}

const base = '/api/runners';

export const runnersKey = ['runners'] as const;
/** Events, their dashboards and applications: anything a decision or a gift may change. */
export const eventsKey = [...runnersKey, 'events'] as const;
export const eventKey = (id: string) => [...eventsKey, 'one', id] as const;
export const runnerKey = (id: string) => [...runnersKey, 'runner', id] as const;
export const moderationKey = [...runnersKey, 'moderation'] as const;
export const campaignPagesKey = [...runnersKey, 'campaign-pages'] as const;

export const eventsQuery = queryOptions({
  queryKey: [...eventsKey, 'list'],
  queryFn: () => api<{ events: CharityEvent[] }>(`${base}/events`),
  staleTime: 30_000,
});

export const eventQuery = (id: string) =>
  queryOptions({ queryKey: [...eventKey(id), 'details'], queryFn: () => api<CharityEvent>(`${base}/events/${id}`) });

export const dashboardQuery = (id: string) =>
  queryOptions({ queryKey: [...eventKey(id), 'dashboard'], queryFn: () => api<EventDashboard>(`${base}/events/${id}/dashboard`) });

export const applicationsQuery = (eventId: string, status: ApplicationStatus) =>
  queryOptions({
    queryKey: [...eventKey(eventId), 'applications', status],
    queryFn: () => api<{ applications: RunnerApplication[] }>(`${base}/events/${eventId}/applications${query({ status })}`),
  });

/** The message to the applicant for a decision, already filled in with their name, in their language. */
export const messageTemplateQuery = (applicationId: string, decision: Decision, language: 'ja' | 'en') =>
  queryOptions({
    queryKey: [...runnersKey, 'message', applicationId, decision, language],
    queryFn: () => api<MessageTemplate>(`${base}/applications/${applicationId}/message${query({ decision, language })}`),
    staleTime: Infinity,
    gcTime: 0,
  });

export const runnerQuery = (id: string) =>
  queryOptions({ queryKey: [...runnerKey(id), 'details'], queryFn: () => api<RunnerDetail>(`${base}/runners/${id}`) });

export const moderationQuery = queryOptions({
  queryKey: [...moderationKey, 'list'],
  queryFn: () => api<{ items: ModerationItem[] }>(`${base}/moderation`),
});

/** A campaign's public page settings, or null while it has none (the server's 404). */
export const campaignPageQuery = (campaignId: string) =>
  queryOptions({
    queryKey: [...campaignPagesKey, campaignId],
    queryFn: async () => {
      try {
        return await api<CampaignPageSettings>(`${base}/campaign-pages/${campaignId}`);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'runners.campaign_page_not_found') return null;
        throw error;
      }
    },
  });

/** Where a revision's photo is served to staff (only when the revision has one). */
export const revisionPhotoUrl = (revisionId: string) => `${base}/revisions/${revisionId}/photo`;

/** The event's donors, for receipts (CSV). */
export const donorsCsvUrl = (eventId: string) => `${base}/events/${eventId}/donors.csv`;

export function createEvent(input: CreateEventBody) {
  return api<CharityEvent>(`${base}/events`, { method: 'POST', body: input });
}

export function updateEvent(id: string, input: UpdateEventBody) {
  return api<CharityEvent>(`${base}/events/${id}`, { method: 'PATCH', body: input });
}

export function decide(applicationId: string, input: DecideBody) {
  return api<DecisionResult>(`${base}/applications/${applicationId}/decision`, { method: 'POST', body: input });
}

export function updateRunner(id: string, input: UpdateRunnerBody) {
  return api<RunnerSummary>(`${base}/runners/${id}`, { method: 'PATCH', body: input });
}

export function writePage(runnerId: string, input: PageBody) {
  return api<PageRevision>(`${base}/runners/${runnerId}/page`, { method: 'POST', body: input });
}

export function sendMagicLink(runnerId: string) {
  return api<MagicLinkResult>(`${base}/runners/${runnerId}/magic-link`, { method: 'POST' });
}

export function sendReminders(eventId: string, runnerIds: string[]) {
  return api<Reminders>(`${base}/events/${eventId}/reminders`, { method: 'POST', body: { runnerIds } });
}

export function reviewRevision(revisionId: string, input: ReviewBody) {
  return api<PageRevision>(`${base}/revisions/${revisionId}/review`, { method: 'POST', body: input });
}

export function hideGift(giftId: string, hidden: boolean) {
  return api<undefined>(`${base}/page-gifts/${giftId}/hide`, { method: 'POST', body: { hidden } });
}

export function confirmGift(giftId: string, status: 'received' | 'failed', receivedOn: string) {
  return api<undefined>(`${base}/page-gifts/${giftId}/confirm`, { method: 'POST', body: { status, receivedOn } });
}

export function saveCampaignPage(campaignId: string, input: CampaignPageBody) {
  return api<CampaignPageSettings>(`${base}/campaign-pages/${campaignId}`, { method: 'PUT', body: input });
}
