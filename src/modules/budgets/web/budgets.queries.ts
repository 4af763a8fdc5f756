import { queryOptions } from '@tanstack/react-query';
import { api, query } from '../../../web/api';
import type { BudgetLine, BudgetMonth, CreateBudgetLineInput, MonthAmount, SetMonthAmountInput, Spending, UpdateBudgetLineInput } from '../contract';

export const budgetsKey = ['budgets'] as const;

/** Budget lines: active ones (pickers such as the aid form), or all for the management table. */
export const budgetLinesQuery = (includeRetired = false) =>
  queryOptions({
    queryKey: [...budgetsKey, 'lines', includeRetired],
    queryFn: () => api<{ items: BudgetLine[] }>(`/api/budgets/lines${query({ includeRetired: includeRetired ? 'true' : undefined })}`),
    staleTime: 60_000,
  });

export const budgetMonthQuery = (month: string) =>
  queryOptions({
    queryKey: [...budgetsKey, 'month', month],
    queryFn: () => api<BudgetMonth>(`/api/budgets${query({ month })}`),
  });

export const spendingQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: [...budgetsKey, 'spending', from, to],
    queryFn: () => api<Spending>(`/api/budgets/spending${query({ from, to })}`),
  });

export function createBudgetLine(input: CreateBudgetLineInput) {
  return api<BudgetLine>('/api/budgets/lines', { method: 'POST', body: input });
}

export function updateBudgetLine(id: string, input: UpdateBudgetLineInput) {
  return api<BudgetLine>(`/api/budgets/lines/${id}`, { method: 'PATCH', body: input });
}

export function setMonthAmount(id: string, month: string, input: SetMonthAmountInput) {
  return api<MonthAmount>(`/api/budgets/lines/${id}/months/${month}`, { method: 'PUT', body: input });
}

