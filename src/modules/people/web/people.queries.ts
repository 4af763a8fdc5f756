import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, query } from '../../../web/api';
import type { CreatePersonInput, Person, PersonSummary, UpdatePersonInput } from '../contract';

export const peopleKey = ['people'] as const;

export function peopleSearchQuery(q: string) {
  const text = q.trim();
  return queryOptions({
    queryKey: [...peopleKey, 'search', text],
    queryFn: () => api<{ items: PersonSummary[] }>(`/api/people${query({ q: text, limit: 20 })}`),
    enabled: text !== '',
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function personQuery(id: string) {
  return queryOptions({
    queryKey: [...peopleKey, 'one', id],
    queryFn: () => api<Person>(`/api/people/${id}`),
    staleTime: 30_000,
  });
}

export function createPerson(input: CreatePersonInput) {
  return api<Person>('/api/people', { method: 'POST', body: input });
}

export function updatePerson(id: string, input: UpdatePersonInput) {
  return api<Person>(`/api/people/${id}`, { method: 'PATCH', body: input });
}
