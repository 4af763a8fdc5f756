import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../web/api';
import type {
  AllowanceWaitingEntry,
  Assignee,
  CaseEvent,
  CaseFile,
  CaseStatusChange,
  CreateCaseEventInput,
  CreateHouseholdLinkInput,
  HouseholdMember,
  UpdateCaseEventInput,
  UpdateCaseFileInput,
} from '../contract';

export const casesKey = ['cases'] as const;

/** Everything of one person's case file (file, history, events, household): invalidated together. */
export const personCasesKey = (personId: string) => [...casesKey, 'person', personId] as const;

export function caseFileQuery(personId: string) {
  return queryOptions({
    queryKey: [...personCasesKey(personId), 'file'],
    queryFn: () => api<CaseFile>(`/api/people/${personId}/case-file`),
    staleTime: 30_000,
  });
}

export function caseHistoryQuery(personId: string) {
  return queryOptions({
    queryKey: [...personCasesKey(personId), 'history'],
    queryFn: () => api<{ items: CaseStatusChange[] }>(`/api/people/${personId}/case-file/history`),
    staleTime: 30_000,
  });
}

export function caseEventsQuery(personId: string) {
  return queryOptions({
    queryKey: [...personCasesKey(personId), 'events'],
    queryFn: () => api<{ items: CaseEvent[] }>(`/api/people/${personId}/case-events`),
    staleTime: 30_000,
  });
}

export function householdQuery(personId: string) {
  return queryOptions({
    queryKey: [...personCasesKey(personId), 'household'],
    queryFn: () => api<{ items: HouseholdMember[] }>(`/api/people/${personId}/household`),
    staleTime: 30_000,
  });
}

export const allowanceWaitingQuery = queryOptions({
  queryKey: [...casesKey, 'allowance-waiting'],
  queryFn: () => api<{ items: AllowanceWaitingEntry[] }>('/api/case-files/allowance-waiting'),
  staleTime: 30_000,
});

export const assigneesQuery = queryOptions({
  queryKey: [...casesKey, 'assignees'],
  queryFn: () => api<{ items: Assignee[] }>('/api/staff/assignable?permission=cases.write'),
  staleTime: 300_000,
});

export function updateCaseFile(personId: string, input: UpdateCaseFileInput) {
  return api<CaseFile>(`/api/people/${personId}/case-file`, { method: 'PATCH', body: input });
}

export function createCaseEvent(personId: string, input: CreateCaseEventInput) {
  return api<CaseEvent>(`/api/people/${personId}/case-events`, { method: 'POST', body: input });
}

export function updateCaseEvent(id: string, input: UpdateCaseEventInput) {
  return api<CaseEvent>(`/api/case-events/${id}`, { method: 'PATCH', body: input });
}

export function addHouseholdMember(personId: string, input: CreateHouseholdLinkInput) {
  return api<HouseholdMember>(`/api/people/${personId}/household`, { method: 'POST', body: input });
}

export function removeHouseholdLink(id: string) {
  return api<{ ok: true }>(`/api/household-links/${id}`, { method: 'DELETE' });
}
