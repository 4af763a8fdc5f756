import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import { tokyoDate } from '../../../shared/time';
import type { BudgetLine, BudgetMonth } from '../contract';
import { BudgetsPage } from './BudgetsPage';

const month = tokyoDate().slice(0, 7);
const fares: BudgetLine = { id: '1b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11', nameJa: '交通費基金', nameEn: 'Fares fund', monthlyAmountYen: 10_000, isActive: true, sortOrder: 1 };
const food: BudgetLine = { id: '2b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11', nameJa: '食料基金', nameEn: 'Food fund', monthlyAmountYen: 30_000, isActive: true, sortOrder: 2 };
const budgetMonth: BudgetMonth = {
  month,
  lines: [
    { ...fares, budgetYen: 10_000, isOverride: false, spentYen: 17_280, remainingYen: -7_280, isOverspent: true },
    { ...food, budgetYen: 30_000, isOverride: false, spentYen: 1_000, remainingYen: 29_000, isOverspent: false },
  ],
  unassignedSpentYen: 3_000, totalBudgetYen: 40_000, totalSpentYen: 21_280,
};

function meWith(permissions: string[]) {
  return { id: '5b0c1e55-3f0e-4c55-9a39-2f4f0b1e8a22', email: 'c@test.local', displayName: 'Coordinator', role: 'coordinator', language: 'en', permissions, organisationName: 'Test', csrfToken: 'csrf' };
}

describe('BudgetsPage', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  let permissions: string[];

  beforeEach(() => {
    permissions = ['budgets.read'];
    fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/me') return jsonResponse(200, meWith(permissions));
      if (url === `/api/budgets?month=${month}`) return jsonResponse(200, budgetMonth);
      if (url.startsWith('/api/budgets/spending')) return jsonResponse(200, { from: month, to: month, months: [month], lines: [], unassigned: [{ month, spentYen: 3_000 }] });
      if (url === '/api/budgets/lines?includeRetired=true') return jsonResponse(200, { items: [fares, food] });
      if (url === '/api/budgets/lines' && init?.method === 'POST') {
        return jsonResponse(400, { error: { code: 'validation.failed', message: 'Please check these fields: Monthly amount (yen)', fields: { monthlyAmountYen: 'Monthly amount (yen): too large' } } });
      }
      return notFoundResponse();
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function renderPage() {
    renderWithProviders(
      <RequireAuth>
        <BudgetsPage />
      </RequireAuth>,
    );
  }

  it('shows each line’s budget, spending and remainder for this month, the overspent line with a badge', async () => {
    renderPage();
    const table = await screen.findByRole('table', { name: 'Budgets' });
    const rows = within(table).getAllByRole('row');
    const faresRow = rows.find((r) => r.textContent?.includes('Fares fund')) as HTMLElement;
    expect(faresRow.textContent).toContain('¥10,000');
    expect(faresRow.textContent).toContain('¥17,280');
    expect(faresRow.textContent).toContain('-JP¥7,280');
    expect(within(faresRow).getByText('Overspent')).toBeDefined();
    const foodRow = rows.find((r) => r.textContent?.includes('Food fund')) as HTMLElement;
    expect(within(foodRow).queryByText('Overspent')).toBeNull();
    expect(foodRow.textContent).toContain('Within budget');
    expect(rows.find((r) => r.textContent?.includes('Spent without a budget line'))?.textContent).toContain('¥3,000');
    // Reading only: no management.
    expect(screen.queryByRole('heading', { name: 'Manage budget lines' })).toBeNull();
  });

  it('lets a manager add a line, checking the amount before sending it and showing the server’s refusal under the field', async () => {
    permissions = ['budgets.read', 'budgets.manage'];
    renderPage();
    const manage = await screen.findByRole('table', { name: 'Manage budget lines' });
    expect(within(manage).getByRole('button', { name: 'Edit Fares fund' })).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Add line' }));
    expect(await screen.findAllByText('required')).toHaveLength(3);
    expect(fetchMock.mock.calls.some(([, init]) => (init as RequestInit | undefined)?.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByLabelText('Name (Japanese)'), { target: { value: '医療基金' } });
    fireEvent.change(screen.getByLabelText('Name (English)'), { target: { value: 'Medical fund' } });
    fireEvent.change(screen.getByLabelText('Monthly amount (yen)'), { target: { value: '50000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add line' }));
    await waitFor(() => expect(screen.getByText('Monthly amount (yen): too large')).toBeDefined());
    const post = fetchMock.mock.calls.find(([, init]) => (init as RequestInit | undefined)?.method === 'POST');
    expect(JSON.parse(String((post?.[1] as RequestInit).body))).toEqual({ nameJa: '医療基金', nameEn: 'Medical fund', monthlyAmountYen: 50_000, sortOrder: 100 });
  });
});
