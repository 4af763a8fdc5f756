import { queryOptions } from '@tanstack/react-query';
import { api, ApiError, query } from '../../../../web/api';
import type { PublicFigures } from '../../../advocacy/contract';
import type { Breakdowns, LapsedKind, LapsedList, LapsedSort, RecurringHealth, Register, RegisterPreparation, RegisterStatus, Retention, YearKind } from '../contract';

const BASE = '/api/fundraising/reports';

export const reportsKey = ['fundraising-reports'] as const;
/** The register and its status: invalidated together when a register is marked as prepared. */
export const registerKey = [...reportsKey, 'register'] as const;

/** A query string's values, as the list and its CSV / Excel files share them. */
export type ReportParams = Record<string, string | number | undefined>;

export interface LapsedParams {
  yearKind: YearKind;
  year: number;
  sort?: LapsedSort;
  order?: 'asc' | 'desc';
}

/** The path of a report, or of its file (`.csv`, `.xlsx`) with the same query. */
export function reportUrl(name: string, params: ReportParams, format?: 'csv' | 'xlsx'): string {
  return `${BASE}/${name}${format ? `.${format}` : ''}${query(params)}`;
}

export const lapsedQuery = (kind: LapsedKind, params: LapsedParams & { limit: number; offset: number }) =>
  queryOptions({
    queryKey: [...reportsKey, kind, params],
    queryFn: () => api<LapsedList>(reportUrl(kind, { ...params })),
  });

export const retentionQuery = (params: { yearKind: YearKind; from?: number; to?: number }) =>
  queryOptions({
    queryKey: [...reportsKey, 'retention', params],
    queryFn: () => api<Retention>(reportUrl('retention', params)),
  });

export const recurringQuery = (params: { from?: string; to?: string }) =>
  queryOptions({
    queryKey: [...reportsKey, 'recurring', params],
    queryFn: () => api<RecurringHealth>(reportUrl('recurring', params)),
  });

export const breakdownsQuery = (params: { yearKind: YearKind; year: number; top?: number }) =>
  queryOptions({
    queryKey: [...reportsKey, 'breakdowns', params],
    queryFn: () => api<Breakdowns>(reportUrl('breakdowns', params)),
  });

export const registerQuery = (params: { yearKind: YearKind; year: number; limit: number; offset: number }) =>
  queryOptions({
    queryKey: [...registerKey, 'page', params],
    queryFn: () => api<Register>(reportUrl('register', params)),
  });

/** Whether the last finished year's register is due (the server decides, from today in Tokyo). */
export const registerStatusQuery = (yearKind: YearKind = 'fiscal') =>
  queryOptions({
    queryKey: [...registerKey, 'status', yearKind],
    queryFn: () => api<RegisterStatus>(reportUrl('register/status', { yearKind })),
  });

/** The published operational figures (banded, small counts suppressed); null when nothing is published. */
export const publicFiguresQuery = queryOptions({
  queryKey: ['public-figures'],
  queryFn: async () => {
    try {
      return (await api<PublicFigures | null>('/api/public/figures')) ?? null;
    } catch (error) {
      // 404: no organisation has published anything yet; the section says so instead of an error.
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export function markRegisterPrepared(input: { yearKind: YearKind; year: number }) {
  return api<RegisterPreparation>(`${BASE}/register/prepared`, { method: 'POST', body: input });
}
