import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../web/api';
import type { Consent, CreateConsentInput, CreateDisclosureInput, Disclosure, PutSensitiveInput, SensitiveFields } from '../contract';

export const privacyKey = ['privacy'] as const;

export function consentsQuery(personId: string) {
  return queryOptions({
    queryKey: [...privacyKey, 'consents', personId],
    queryFn: () => api<{ items: Consent[] }>(`/api/people/${personId}/consents`),
  });
}

export function disclosuresQuery(personId: string) {
  return queryOptions({
    queryKey: [...privacyKey, 'disclosures', personId],
    queryFn: () => api<{ items: Disclosure[] }>(`/api/people/${personId}/disclosures`),
  });
}

export function sensitiveQuery(personId: string) {
  return queryOptions({
    queryKey: [...privacyKey, 'sensitive', personId],
    queryFn: () => api<SensitiveFields>(`/api/people/${personId}/sensitive`),
  });
}

export function createConsent(personId: string, input: CreateConsentInput) {
  return api<Consent>(`/api/people/${personId}/consents`, { method: 'POST', body: input });
}

export function withdrawConsent(id: string, withdrawnOn: string) {
  return api<Consent>(`/api/consents/${id}/withdraw`, { method: 'POST', body: { withdrawnOn } });
}

export function createDisclosure(personId: string, input: CreateDisclosureInput) {
  return api<Disclosure>(`/api/people/${personId}/disclosures`, { method: 'POST', body: input });
}

export function putSensitive(personId: string, input: PutSensitiveInput) {
  return api<SensitiveFields>(`/api/people/${personId}/sensitive`, { method: 'PUT', body: input });
}

/** The person's own copy (本人開示): JSON, the printable bilingual document, or the PDF. */
export function exportUrl(personId: string, format: 'json' | 'html' | 'pdf'): string {
  return `/api/people/${personId}/${format === 'json' ? 'export' : `export.${format}`}`;
}
