import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, ApiError, query } from '../../../../web/api';
import { currentLanguage } from '../../../../web/i18n';
import type { AnalyseImportInput, ImportBatch, ImportDecision, ImportMatch, ImportRowView, RollbackResult } from '../batches.contract';
import type { ImportSource } from '../imports.contract';

export type AnalyseImportBody = z.input<typeof AnalyseImportInput>;
export type ImportDecisionBody = z.input<typeof ImportDecision>;

const base = '/api/fundraising/imports';

/** Every import: the list, one batch and its rows are invalidated together after a change. */
export const importsKey = ['fundraising', 'imports'] as const;
/** Committing or rolling back changes gifts, supporters and every figure made from them. */
export const fundraisingKey = ['fundraising'] as const;

export const importsQuery = queryOptions({
  queryKey: [...importsKey, 'list'],
  queryFn: () => api<{ batches: ImportBatch[] }>(base),
});

export const importQuery = (id: string) =>
  queryOptions({
    queryKey: [...importsKey, 'one', id],
    queryFn: () => api<ImportBatch>(`${base}/${id}`),
  });

/** The rows that matched one way (all rows when match is null), a page at a time. */
export const importRowsQuery = (id: string, match: ImportMatch | null, offset: number, limit: number) =>
  queryOptions({
    queryKey: [...importsKey, 'one', id, 'rows', match, offset, limit],
    queryFn: () => api<{ rows: ImportRowView[] }>(`${base}/${id}/rows${query({ match, offset, limit })}`),
    placeholderData: keepPreviousData,
  });

export function analyseImport(id: string, input: AnalyseImportBody) {
  return api<ImportBatch>(`${base}/${id}/analyse`, { method: 'POST', body: input });
}

export function decideRow(id: string, line: number, input: ImportDecisionBody) {
  return api<{ ok: true }>(`${base}/${id}/rows/${line}/decision`, { method: 'POST', body: input });
}

export function decideAllAmbiguous(id: string, decision: 'new' | 'skip') {
  return api<{ decided: number }>(`${base}/${id}/decide-ambiguous`, { method: 'POST', body: { decision } });
}

export function commitImport(id: string) {
  return api<ImportBatch>(`${base}/${id}/commit`, { method: 'POST' });
}

export function rollbackImport(id: string) {
  return api<RollbackResult>(`${base}/${id}/rollback`, { method: 'POST' });
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
    const error = body.error ?? {};
    const fields = error.fields && typeof error.fields === 'object'
      ? Object.fromEntries(Object.entries(error.fields as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : {};
    return new ApiError(xhr.status, typeof error.code === 'string' ? error.code : `http.${xhr.status}`, typeof error.message === 'string' ? error.message : String(xhr.status), fields);
  } catch {
    // Not JSON (a proxy's error page, or 413 from a proxy in front): keep the status only.
    return new ApiError(xhr.status, `http.${xhr.status}`, String(xhr.status));
  }
}

/**
 * Uploads a file as it is (the body is the file; its encoding is found from the bytes), reporting
 * how much was sent. XMLHttpRequest rather than fetch: only it reports upload progress. It sends
 * what the api client sends on a write: the session cookie, the UI language and the CSRF token.
 */
export function uploadImport(
  file: File,
  options: { source: ImportSource | null; csrfToken: string | null; onProgress: (fraction: number) => void },
): { done: Promise<ImportBatch>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<ImportBatch>((resolve, reject) => {
    xhr.open('POST', `${base}${query({ fileName: file.name, source: options.source })}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', currentLanguage());
    xhr.setRequestHeader('content-type', 'text/csv');
    if (options.csrfToken) xhr.setRequestHeader('x-csrf-token', options.csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as ImportBatch);
        } catch {
          reject(new ApiError(xhr.status, 'http.invalid_json', String(xhr.status)));
        }
      } else {
        reject(errorOf(xhr));
      }
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
