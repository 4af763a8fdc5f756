import { queryOptions } from '@tanstack/react-query';
import { api, query } from '../../../web/api';
import type { MovementResult, RecordMovementInput, StockItem, StockLocation, StockMovement } from '../contract';

export const stockKey = ['stock'] as const;

export const stockQuery = queryOptions({
  queryKey: [...stockKey, 'levels'],
  queryFn: () => api<{ items: StockItem[] }>('/api/stock'),
});

export const stockLocationsQuery = queryOptions({
  queryKey: [...stockKey, 'locations'],
  queryFn: () => api<{ items: StockLocation[] }>('/api/stock/locations'),
  staleTime: 60_000,
});

export const movementsQuery = (limit = 30) =>
  queryOptions({
    queryKey: [...stockKey, 'movements', limit],
    queryFn: () => api<{ items: StockMovement[] }>(`/api/stock/movements${query({ limit })}`),
  });

export function recordMovement(input: RecordMovementInput) {
  return api<MovementResult>('/api/stock/movements', { method: 'POST', body: input });
}
