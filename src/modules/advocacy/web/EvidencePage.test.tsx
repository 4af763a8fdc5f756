import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { i18n } from '../../../web/i18n';
import { meFixture } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import { monthsBetween } from '../../budgets/contract';
import type { Count, Evidence } from '../contract';
import { EvidencePage } from './EvidencePage';

const delay = '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a01';
const shelter = '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a02';
const work = '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a03';
const quoteId = '9b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a09';
const zero: Count = { low: 0, high: 0 };
const small: Count = { low: 1, high: 4 };
const ten: Count = { low: 10, high: 14 };
const five: Count = { low: 5, high: 9 };

/** The evidence of a period as the server would band it with k = 5. */
function evidenceFor(from: string, to: string): Evidence {
  const months = monthsBetween(from, to);
  const each = (c: Count) => months.map(() => c);
  return {
    from, to, months, minimumCell: 5, barrierId: null,
    barriers: [
      { barrierId: delay, code: 'b01', labelJa: '保護費の遅延・不支給', labelEn: 'Protection-allowance delay', isRetired: false, months: each(ten), total: { low: 20, high: 24 } },
      { barrierId: shelter, code: 'b02', labelJa: '住居喪失・シェルター不足', labelEn: 'Shelter shortage', isRetired: false, months: each(small), total: five },
      { barrierId: work, code: 'b03', labelJa: '就労不許可', labelEn: 'No work permission', isRetired: false, months: each(zero), total: zero },
    ],
    anyBarrier: { months: each(ten), total: { low: 25, high: 29 } },
    breakdowns: {
      nationality: [{ group: 'ET', isFolded: false, people: ten }, { group: null, isFolded: true, people: five }],
      sex: [{ group: 'female', isFolded: false, people: ten }, { group: null, isFolded: false, people: five }],
      ageBand: [{ group: '18-29', isFolded: false, people: ten }],
      residenceStatus: [{ group: 'provisional_stay', isFolded: false, people: five }],
      procedureStage: [{ group: 'unknown', isFolded: false, people: five }],
    },
    allowanceWaits: months.map((month, i) => (i === 0
      ? { month, people: small, medianDays: null, p90Days: null, longestDays: null }
      : { month, people: ten, medianDays: 61, p90Days: 140, longestDays: 201 })),
    allowanceWaitingNow: { people: ten, medianDays: 75, p90Days: 150, longestDays: 210 },
    roughNightsBeforeBed: { people: small, medianDays: null, p90Days: null, longestDays: null },
    shelterTurnAways: { months: each(small), total: five },
    deadlinesMissed: { months: each(zero), total: zero },
    consultationsWithoutInterpreter: { months: each(small), total: small },
    quotes: [{ id: quoteId, barrierId: delay, month: from, quote: 'Three months and still no money for food.' }],
  };
}

/** The months the server gives for each kind of period (contract.resolvePeriod). */
function periodOf(q: URLSearchParams): [string, string] {
  const year = q.get('year');
  if (year) return [`${year}-01`, `${year}-12`];
  const fiscal = q.get('fiscalYear');
  if (fiscal) return [`${fiscal}-04`, `${Number(fiscal) + 1}-03`];
  return [q.get('from') ?? '2025-06', q.get('to') ?? '2026-05'];
}

describe('EvidencePage', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    fetchMock = vi.fn(async (url: string) => {
      if (url === '/api/auth/me') return jsonResponse(200, meFixture(['advocacy.read'], 'en'));
      if (url === '/api/advocacy/evidence' || url.startsWith('/api/advocacy/evidence?')) {
        const [from, to] = periodOf(new URLSearchParams(url.split('?')[1] ?? ''));
        return jsonResponse(200, evidenceFor(from, to));
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
        <EvidencePage />
      </RequireAuth>,
      { route: '/advocacy' },
    );
  }
  const evidenceCalls = () => fetchMock.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith('/api/advocacy/evidence'));

  it('shows every count as a band of k, explains the bands, folds small groups and hides days below k', async () => {
    renderPage();
    const table = await screen.findByRole('table', { name: 'People per barrier and month' });
    expect(evidenceCalls()).toEqual(['/api/advocacy/evidence']);
    const delayRow = within(table).getByRole('row', { name: /^Protection-allowance delay/ });
    expect(within(delayRow).getAllByText('10–14').length).toBe(12);
    expect(within(delayRow).getByText('20–24')).toBeDefined();
    const shelterRow = within(table).getByRole('row', { name: /^Shelter shortage/ });
    expect(within(shelterRow).getAllByText('< 5').length).toBe(12);
    expect(within(table).getByRole('row', { name: /^People with any barrier/ }).textContent).toContain('25–29');

    expect(screen.getByText(/shown as a range of 5, never as the exact number/).textContent).toContain('“< 5” (1 to 4 people), “5–9”');
    const nationality = screen.getByRole('table', { name: 'By nationality' });
    expect(nationality.textContent).toContain('Ethiopia');
    expect(within(nationality).getByRole('row', { name: 'Other (groups of fewer than 5) 5–9' })).toBeDefined();
    expect(screen.getByRole('table', { name: 'By procedure stage' }).textContent).toContain('Unknown');
    expect(within(screen.getByRole('table', { name: 'By sex' })).getByRole('row', { name: 'Unknown 5–9' })).toBeDefined();
    expect(screen.getByRole('table', { name: 'By age' }).textContent).toContain('18–29');

    const waits = screen.getByRole('table', { name: 'Waiting for the protection allowance, month by month' });
    const [first, second] = within(waits).getAllByRole('row').slice(1) as [HTMLElement, HTMLElement];
    expect(within(first).getAllByRole('cell').map((c) => c.textContent)).toEqual(['< 5', '—', '—', '—']);
    expect(within(second).getAllByRole('cell').map((c) => c.textContent)).toEqual(['10–14', '61', '140', '201']);
    const times = screen.getByRole('table', { name: 'Waiting times' });
    expect(within(times).getByRole('row', { name: /Waiting for the allowance today 10–14 75 150 210/ })).toBeDefined();
    expect(screen.getByRole('table', { name: 'Turn-aways, missed deadlines and interpretation' }).textContent).toContain('Left the shelter waiting list without a bed');

    // The chart is there for sighted readers, named for the others; the table holds the same figures.
    const chart = screen.getByRole('img', { name: /Protection-allowance delay, Shelter shortage/ });
    // ECharts really drew (as SVG) into the box; jsdom has no layout, so only that it drew is checked.
    expect(chart.querySelector('svg')).not.toBeNull();
    // By default the largest barriers are charted; a barrier with no one is not.
    expect((screen.getByRole('checkbox', { name: 'Protection-allowance delay (20–24)' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'No work permission (0)' }) as HTMLInputElement).checked).toBe(false);
  });

  it('asks again for a calendar year, and refuses a range that ends before it starts without asking', async () => {
    renderPage();
    await screen.findByRole('table', { name: 'People per barrier and month' });
    fireEvent.click(screen.getByText('Calendar year'));
    fireEvent.change(screen.getByLabelText('Year'), { target: { value: '2025' } });
    await waitFor(() => expect(evidenceCalls()).toContain('/api/advocacy/evidence?year=2025'));
    expect(await screen.findByText('Period: Jan 2025 – Dec 2025')).toBeDefined();

    fireEvent.click(screen.getByText('Fiscal year'));
    fireEvent.change(screen.getByRole('textbox', { name: /^Fiscal year/ }), { target: { value: '2024' } });
    await waitFor(() => expect(evidenceCalls()).toContain('/api/advocacy/evidence?fiscalYear=2024'));
    expect(await screen.findByText('Period: Apr 2024 – Mar 2025')).toBeDefined();

    fireEvent.click(screen.getByText('Range of months'));
    fireEvent.change(screen.getByLabelText('From (month)'), { target: { value: '2026-03' } });
    fireEvent.change(screen.getByLabelText('To (month)'), { target: { value: '2026-01' } });
    expect(await screen.findByText('must not be before the start date')).toBeDefined();
    expect(evidenceCalls().some((url) => url.includes('to=2026-01'))).toBe(false);
    expect(screen.queryByRole('link', { name: 'Download CSV' })).toBeNull();
  });

  it('links the downloads to the same period, the charted barriers and the quotes ticked for the brief', async () => {
    renderPage();
    await screen.findByRole('table', { name: 'People per barrier and month' });
    fireEvent.click(screen.getByText('Calendar year'));
    fireEvent.change(screen.getByLabelText('Year'), { target: { value: '2025' } });
    await screen.findByText('Period: Jan 2025 – Dec 2025');

    const params = (name: string) => new URLSearchParams((screen.getByRole('link', { name }).getAttribute('href') ?? '').split('?')[1]);
    const path = (name: string) => (screen.getByRole('link', { name }).getAttribute('href') ?? '').split('?')[0];
    expect(path('Download CSV')).toBe('/api/advocacy/evidence.csv');
    expect(Object.fromEntries(params('Download CSV'))).toEqual({ year: '2025' });
    fireEvent.click(screen.getByLabelText(/Add HXL hashtags/));
    expect(Object.fromEntries(params('Download CSV'))).toEqual({ year: '2025', hxl: '1' });
    expect(path('Download Excel')).toBe('/api/advocacy/evidence.xlsx');
    expect(Object.fromEntries(params('Download Excel'))).toEqual({ year: '2025' });

    expect(path('Download PDF brief')).toBe('/api/advocacy/brief.pdf');
    expect(Object.fromEntries(params('Download PDF brief'))).toEqual({ year: '2025', barriers: `${delay},${shelter}` });
    // Take one barrier out of the chart, put another in, and tick the quote.
    fireEvent.click(screen.getByRole('checkbox', { name: 'Shelter shortage (5–9)' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'No work permission (0)' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Include in the brief' }));
    await waitFor(() => expect(Object.fromEntries(params('Download PDF brief'))).toEqual({ year: '2025', barriers: `${delay},${work}`, quotes: quoteId }));
    expect(screen.getByRole('img', { name: /Protection-allowance delay, No work permission/ })).toBeDefined();

    // Narrowing the breakdowns to one barrier narrows the downloads too.
    fireEvent.click(screen.getByLabelText('Breakdowns for', { selector: 'input' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Shelter shortage', hidden: true }));
    await waitFor(() => expect(evidenceCalls()).toContain(`/api/advocacy/evidence?year=2025&barrierId=${shelter}`));
    expect(Object.fromEntries(params('Download Excel'))).toEqual({ year: '2025', barrierId: shelter });
  });
});
