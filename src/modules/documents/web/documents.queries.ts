import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../web/api';
import type { DocumentKind, DocumentList, DocumentMeta } from '../contract';

export const documentsKey = ['documents'] as const;

export function documentsQuery(personId: string) {
  return queryOptions({
    queryKey: [...documentsKey, 'person', personId],
    queryFn: () => api<DocumentList>(`/api/people/${personId}/documents`),
    staleTime: 30_000,
  });
}

/** Sends one file as multipart/form-data: the server checks its real type and size again. */
export function uploadDocument(personId: string, input: { file: File; kind: DocumentKind; note: string }) {
  const body = new FormData();
  // Text fields first, so the server has them before the (large) file.
  body.append('kind', input.kind);
  if (input.note.trim() !== '') body.append('note', input.note.trim());
  body.append('file', input.file, input.file.name);
  return api<DocumentMeta>(`/api/people/${personId}/documents`, { method: 'POST', body });
}

export function deleteDocument(id: string) {
  return api<{ ok: true }>(`/api/documents/${id}`, { method: 'DELETE' });
}

/** The address that shows (or, with `download`, saves) a document's file. */
export function documentContentUrl(id: string, download = false): string {
  return `/api/documents/${id}/content${download ? '?download=true' : ''}`;
}
