import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../web/api';
import type { Timeline } from '../contract';

export const timelineKey = ['timeline'] as const;

/** Visits, consultations and aid of one person, newest first. */
export function timelineQuery(personId: string) {
  return queryOptions({
    queryKey: [...timelineKey, personId],
    queryFn: () => api<Timeline>(`/api/people/${personId}/timeline`),
  });
}
