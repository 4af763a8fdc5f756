import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import { tokyoDate } from '../../../shared/time';
import type { ReportFigures, ReportSummary } from '../contract';
import { ReportsPage } from './ReportsPage';

const month = tokyoDate().slice(0, 7);
const figures: ReportFigures = {
  peopleHelped: 2, visits: 3, consultations: 1, aidQuantity: 6, nights: { shelter: 7, paidLodging: 4, total: 11 },
  aidByItem: [{ itemCode: 'hygiene_kit', nameJa: '衛生用品セット', nameEn: 'Hygiene kit', category: 'hygiene', quantity: 3, people: 2, amountYen: 0 }],
  aidByCategory: [{ category: 'hygiene', quantity: 3, people: 2, amountYen: 0 }],
  moneyByLine: [
    { lineId: '1b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11', nameJa: '交通費基金', nameEn: 'Fares fund', aidYen: 1_280, lodgingYen: 16_000, totalYen: 17_280 },
    { lineId: null, nameJa: null, nameEn: null, aidYen: 3_000, lodgingYen: 0, totalYen: 3_000 },
  ],
  moneyTotalYen: 20_280,
  byNationality: [{ nationality: 'ET', peopleHelped: 1, visits: 1, aidQuantity: 3, nights: 6, isFolded: false }, { nationality: null, peopleHelped: 1, visits: 2, aidQuantity: 3, nights: 5, isFolded: false }],
  bySex: [{ sex: 'female', peopleHelped: 1, visits: 2, aidQuantity: 3, nights: 5, isFolded: false }],
};
/** The same month as a fundraiser sees it: counts of fewer than 5 people hidden, small groups folded. */
const suppressed: ReportFigures = {
  ...figures,
  peopleHelped: null,
  aidByItem: figures.aidByItem.map((a) => ({ ...a, people: null })),
  byNationality: [{ nationality: null, peopleHelped: null, visits: null, aidQuantity: null, nights: null, isFolded: true }],
};
let exact = true;
const me = { id: '5b0c1e55-3f0e-4c55-9a39-2f4f0b1e8a22', email: 'f@test.local', displayName: 'Fundraiser', role: 'fundraiser', language: 'en', permissions: ['reports.read'], organisationName: 'Test', csrfToken: 'csrf' };

describe('ReportsPage', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn(async (url: string) => {
      if (url === '/api/auth/me') return jsonResponse(200, me);
      if (url.startsWith('/api/reports/summary?')) {
        const q = new URLSearchParams(url.split('?')[1]);
        const report: ReportSummary = {
          from: q.get('from') ?? `${month}-01`, to: q.get('to') ?? `${month}-28`, figures: exact ? figures : suppressed, months: null,
          suppression: exact ? null : { minimumCell: 5 },
        };
        return jsonResponse(200, report);
      }
      return notFoundResponse();
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    exact = true;
  });

  it('says when counts of fewer than 5 people are hidden, and shows them so, small groups combined', async () => {
    exact = false;
    renderWithProviders(
      <RequireAuth>
        <ReportsPage />
      </RequireAuth>,
    );
    const summary = await screen.findByRole('table', { name: 'Summary' });
    expect(within(summary).getByRole('row', { name: /People helped fewer than 5/ })).toBeDefined();
    expect(screen.getByText(/counts of fewer than 5 people show as "fewer than 5"/)).toBeDefined();
    const nationality = screen.getByRole('table', { name: 'By nationality' });
    expect(nationality.textContent).toContain('Other (groups of fewer than 5 combined)');
    expect(nationality.textContent).not.toContain('Ethiopia');
  });

  it("shows this month's figures in tables, and links to CSV and Excel for the same range", async () => {
    renderWithProviders(
      <RequireAuth>
        <ReportsPage />
      </RequireAuth>,
    );
    const summary = await screen.findByRole('table', { name: 'Summary' });
    expect(within(summary).getByRole('row', { name: /People helped 2/ })).toBeDefined();
    expect(within(summary).getByRole('row', { name: /Nights \(total\) 11/ })).toBeDefined();
    const money = screen.getByRole('table', { name: 'Money by budget line' });
    expect(money.textContent).toContain('Fares fund');
    expect(money.textContent).toContain('No budget line');
    const nationality = screen.getByRole('table', { name: 'By nationality' });
    expect(nationality.textContent).toContain('Ethiopia');
    expect(nationality.textContent).toContain('Unknown');
    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(`/api/reports/summary.csv?month=${month}`);
    expect(screen.getByRole('link', { name: 'Download Excel' }).getAttribute('href')).toBe(`/api/reports/summary.xlsx?month=${month}`);
  });

  it('asks for a date range, refuses an end before the start without asking the server, and groups by month', async () => {
    renderWithProviders(
      <RequireAuth>
        <ReportsPage />
      </RequireAuth>,
    );
    await screen.findByRole('table', { name: 'Summary' });
    fireEvent.click(screen.getByText('Date range'));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-10' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-01' } });
    expect(await screen.findByText('must not be before the start date')).toBeDefined();
    expect(screen.queryByRole('link', { name: 'Download CSV' })).toBeNull();
    expect(fetchMock.mock.calls.some(([url]) => String(url).includes('to=2026-03-01'))).toBe(false);

    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-31' } });
    fireEvent.click(screen.getByLabelText('Show each month'));
    await waitFor(() => expect(screen.getByRole('link', { name: 'Download Excel' }).getAttribute('href')).toBe('/api/reports/summary.xlsx?from=2026-03-10&to=2026-03-31&groupBy=month'));
    await waitFor(() => expect(fetchMock.mock.calls.some(([url]) => url === '/api/reports/summary?from=2026-03-10&to=2026-03-31&groupBy=month')).toBe(true));
  });
});
