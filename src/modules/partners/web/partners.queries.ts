import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, api } from '../../../web/api';
import { currentLanguage } from '../../../web/i18n';
import type {
  CreatePartnerInput, Partner, PartnerImportPreview, PartnerImportResult, PartnerKind, PartnerList, UpdatePartnerInput,
} from '../contract';

// What the web sends is the contract's input (before defaults); what it reads is its output. Types only.
export type CreatePartnerBody = z.input<typeof CreatePartnerInput>;
export type UpdatePartnerBody = z.input<typeof UpdatePartnerInput>;

const base = '/api/partners';

export const partnersKey = ['partners'] as const;
export const partnerKey = (id: string) => [...partnersKey, 'one', id] as const;

/** The directory's filters as the page holds them (empty: not filtered). */
export interface PartnerFilters {
  q: string;
  kinds: PartnerKind[];
  language: string;
  acceptsUninsured: boolean;
  acceptsNoStatus: boolean;
  prefecture: string;
  city: string;
  includeArchived: boolean;
}

export const noFilters: PartnerFilters = {
  q: '', kinds: [], language: '', acceptsUninsured: false, acceptsNoStatus: false, prefecture: '', city: '', includeArchived: false,
};

/** The filters as a query string (kind repeated once per kind), for the list and the export alike. */
export function filterParams(f: PartnerFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.q.trim() !== '') params.set('q', f.q.trim());
  for (const kind of f.kinds) params.append('kind', kind);
  if (f.language !== '') params.set('language', f.language);
  if (f.acceptsUninsured) params.set('acceptsUninsured', 'true');
  if (f.acceptsNoStatus) params.set('acceptsNoStatus', 'true');
  if (f.prefecture.trim() !== '') params.set('prefecture', f.prefecture.trim());
  if (f.city.trim() !== '') params.set('city', f.city.trim());
  if (f.includeArchived) params.set('includeArchived', 'true');
  return params;
}

const withQuery = (path: string, params: URLSearchParams) => {
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

export const partnersQuery = (filters: PartnerFilters, limit: number) =>
  queryOptions({
    queryKey: [...partnersKey, 'list', filterParams(filters).toString(), limit],
    queryFn: () => {
      const params = filterParams(filters);
      params.set('limit', String(limit));
      return api<PartnerList>(withQuery(base, params));
    },
    // The previous results stay while the next ones load: the list does not flash empty as one types.
    placeholderData: keepPreviousData,
  });

export const partnerQuery = (id: string) => queryOptions({ queryKey: partnerKey(id), queryFn: () => api<Partner>(`${base}/${id}`) });

/** The directory as CSV (the filters applied): also the template for an import. */
export const exportCsvUrl = (filters: PartnerFilters = noFilters) => withQuery(`${base}/export.csv`, filterParams(filters));

export function createPartner(input: CreatePartnerBody) {
  return api<Partner>(base, { method: 'POST', body: input });
}

export function updatePartner(id: string, input: UpdatePartnerBody) {
  return api<Partner>(`${base}/${id}`, { method: 'PATCH', body: input });
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
    const error = body.error ?? {};
    const fields = error.fields && typeof error.fields === 'object'
      ? Object.fromEntries(Object.entries(error.fields as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : {};
    return new ApiError(response.status, typeof error.code === 'string' ? error.code : `http.${response.status}`, typeof error.message === 'string' ? error.message : String(response.status), fields);
  } catch {
    // Not JSON (a proxy's error page): keep the status only.
    return new ApiError(response.status, `http.${response.status}`, response.statusText || String(response.status));
  }
}

/**
 * Sends a CSV file as it is (the body is the file; the server finds its encoding from the bytes),
 * with what the api client sends on a write: the session cookie, the UI language, the CSRF token.
 */
async function sendCsv<T>(path: string, file: File, csrfToken: string | null): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLanguage(), 'content-type': 'text/csv' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await window.fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: file });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

/** What importing the file would do, row by row (nothing is written). */
export const previewImport = (file: File, csrfToken: string | null) => sendCsv<PartnerImportPreview>(`${base}/import/preview`, file, csrfToken);

/** Imports the file in one go; refused (partners.import_has_errors) while any row has an error. */
export const importPartners = (file: File, csrfToken: string | null) => sendCsv<PartnerImportResult>(`${base}/import`, file, csrfToken);
