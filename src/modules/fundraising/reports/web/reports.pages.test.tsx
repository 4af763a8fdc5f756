import { notifications } from '@mantine/notifications';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth, RequirePermission } from '../../../../web/auth';
import { i18n } from '../../../../web/i18n';
import { SERVER_START_TIMEOUT, startAppServer, type AppServer, type Session } from '../../../../server/test/app-server';
import { jsonResponse, renderWithProviders } from '../../../../web/test/render';
import { tokyoDate } from '../../../../shared/time';
import type { PublicFigures } from '../../../advocacy/contract';
import type { Supporter } from '../../contract';
import { yearOf, type RegisterStatus } from '../contract';
import { fundraisingReportsWeb } from './reports.web';

// The fundraising reports pages against the real server in this process (routes, services, SQL on PGlite).

let server: AppServer;
let fundraiser: Session;
const fy = yearOf('fiscal', tokyoDate());
const ids: Record<'lastYearOnly' | 'both' | 'thisYearOnly' | 'longAgo', string> = { lastYearOnly: '', both: '', thisYearOnly: '', longAgo: '' };

const supporter = (familyName: string, givenName: string, familyNameKana: string, givenNameKana: string) =>
  fundraiser.api<Supporter>('POST', '/api/fundraising/supporters', { kind: 'individual', familyName, givenName, familyNameKana, givenNameKana, acknowledgeDuplicates: true });
const gift = (supporterId: string, amountYen: number, receivedOn: string) =>
  fundraiser.api('POST', '/api/fundraising/gifts', { supporterId, amountYen, receivedOn, method: 'bank_transfer' });

beforeAll(async () => {
  server = await startAppServer();
  fundraiser = await server.signIn('fundraiser', 'en');
  // Two fiscal years (and one before them): April 1st of this fiscal year has always passed.
  const a = await supporter('山田', '花子', 'ヤマダ', 'ハナコ');
  const b = await supporter('佐藤', '一郎', 'サトウ', 'イチロウ');
  const c = await supporter('鈴木', '次郎', 'スズキ', 'ジロウ');
  const d = await supporter('田中', '三郎', 'タナカ', 'サブロウ');
  Object.assign(ids, { lastYearOnly: a.id, both: b.id, thisYearOnly: c.id, longAgo: d.id });
  await gift(a.id, 20_000, `${fy - 1}-07-01`);
  await gift(b.id, 5_000, `${fy - 1}-08-01`);
  await gift(b.id, 7_000, `${fy}-04-01`);
  await gift(c.id, 3_000, `${fy}-04-01`);
  await gift(d.id, 1_000, `${fy - 2}-07-01`);
}, SERVER_START_TIMEOUT);
afterAll(async () => server?.close());

beforeEach(async () => {
  await i18n.changeLanguage('en');
  server.serve(fundraiser);
});
afterEach(() => {
  vi.unstubAllGlobals();
  notifications.clean();
});

/** A reports page at a path, routed and guarded as the app does (src/web/AppRoutes.tsx). */
function renderAt(route: string) {
  return renderWithProviders(
    <RequireAuth>
      <Routes>
        {fundraisingReportsWeb.pages.map((page) => (
          <Route key={page.path} path={page.path} element={page.permission ? <RequirePermission permission={page.permission}>{page.element}</RequirePermission> : page.element} />
        ))}
      </Routes>
    </RequireAuth>,
    { route },
  );
}

const href = (link: HTMLElement) => link.getAttribute('href') ?? '';

describe('fundraising reports (/fundraising/reports)', () => {
  it('lists on LYBUNT only the supporter who gave last year and not this year, with links and files of the same query', async () => {
    renderAt('/fundraising/reports');
    expect(await screen.findByRole('heading', { level: 1, name: 'Fundraising reports' })).toBeDefined();
    const table = await screen.findByRole('table', { name: 'LYBUNT: gave last year, not this year' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    const row = rows[0] as HTMLElement;
    expect(within(row).getByRole('link', { name: '山田 花子' }).getAttribute('href')).toBe(`/fundraising/supporters/${ids.lastYearOnly}`);
    expect(row.textContent).toContain('ヤマダ ハナコ');
    expect(row.textContent).toContain('¥20,000');
    expect(row.textContent).toContain(`1 Jul ${fy - 1}`);
    expect(screen.getByText(`On the list: 1. They gave in FY${fy - 1}, not yet in FY${fy}; last year, ¥20,000 in all.`)).toBeDefined();
    expect(href(screen.getByRole('link', { name: /^Download CSV: LYBUNT/ }))).toBe(`/api/fundraising/reports/lybunt.csv?yearKind=fiscal&year=${fy}`);
    expect(href(screen.getByRole('link', { name: /^Download Excel: LYBUNT/ }))).toBe(`/api/fundraising/reports/lybunt.xlsx?yearKind=fiscal&year=${fy}`);

    // Kana order asks the server for it, and the files follow.
    fireEvent.click(screen.getByText('By reading (kana)'));
    await waitFor(() => expect(href(screen.getByRole('link', { name: /^Download CSV: LYBUNT/ }))).toBe(`/api/fundraising/reports/lybunt.csv?yearKind=fiscal&year=${fy}&sort=kana&order=asc`));

    // SYBUNT: gave before last year, neither last year nor this year.
    fireEvent.click(screen.getByRole('tab', { name: 'SYBUNT' }));
    const sybunt = await screen.findByRole('table', { name: 'SYBUNT: gave in an earlier year, neither last year nor this year' });
    const names = within(sybunt).getAllByRole('link').map((a) => a.textContent);
    expect(names).toEqual(['田中 三郎']);
  });

  it('counts new, retained, recaptured and lapsed donors per year, in a named chart and a table of the same figures', async () => {
    renderAt('/fundraising/reports?tab=retention');
    const table = await screen.findByRole('table', { name: 'Donors and retention per year' });
    const cells = (year: string) => within(within(table).getByRole('row', { name: new RegExp(`^${year} `) })).getAllByRole('cell').map((c) => c.textContent);
    // Donors, new, retained, recaptured, lapsed, donor retention, value retention, giving.
    expect(cells(`FY${fy}`)).toEqual(['2', '1', '1', '0', '1', '50.0%', '28.0%', '¥10,000']);
    expect(cells(`FY${fy - 1}`)).toEqual(['2', '2', '0', '0', '1', '0.0%', '0.0%', '¥25,000']);
    const chart = screen.getByRole('img', { name: new RegExp(`In FY${fy}: 2 donors, donor retention 50.0%`) });
    expect(chart.querySelector('svg')).not.toBeNull();
    expect(href(screen.getByRole('link', { name: /^Download Excel: Donor and value retention/ }))).toBe(`/api/fundraising/reports/retention.xlsx?yearKind=fiscal&from=${fy - 4}&to=${fy}`);

    // A calendar year asks again with the calendar years.
    fireEvent.click(screen.getByText('Calendar year'));
    await waitFor(() => expect(href(screen.getByRole('link', { name: /^Download CSV: Donor and value retention/ }))).toContain('yearKind=calendar'));
  });

  it('shows the year’s breakdowns with a chart and a table each, and the recurring tab with its figures', async () => {
    renderAt('/fundraising/reports?tab=breakdowns');
    const method = await screen.findByRole('table', { name: 'By payment method' });
    expect(within(method).getByRole('row', { name: /^Bank transfer 2 2 ¥10,000 ¥10,000$/ })).toBeDefined();
    expect(screen.getByRole('img', { name: `Bar chart, By payment method (FY${fy}): giving per group, 1 shown; the largest is Bank transfer with ¥10,000. The table below has every figure.` })).toBeDefined();
    const top = screen.getByRole('table', { name: 'Largest gifts' });
    expect(within(top).getAllByRole('row').slice(1).map((r) => r.textContent?.slice(0, 6))).toEqual(['¥7,000', '¥3,000']);

    fireEvent.click(screen.getByRole('tab', { name: 'Recurring' }));
    expect(await screen.findByRole('table', { name: 'Monthly and yearly giving, per month' })).toBeDefined();
    expect(screen.getByText('Monthly recurring revenue (MRR)').nextElementSibling?.textContent).toBe('¥0');
    expect(screen.getByRole('img', { name: /^Chart of cancelled commitments/ })).toBeDefined();
    expect(screen.getByRole('img', { name: /^Bar chart of the yen expected and received per month/ })).toBeDefined();
  });
});

describe('fundraising dashboard (/fundraising) and the donor register', () => {
  it('reminds about the register exactly as its status says, and shows the impact section', async () => {
    const status = await fundraiser.api<RegisterStatus>('GET', '/api/fundraising/reports/register/status?yearKind=fiscal');
    renderAt('/fundraising');
    expect(await screen.findByRole('heading', { level: 1, name: 'Fundraising' })).toBeDefined();
    expect(await screen.findByRole('heading', { name: 'Impact for appeals' })).toBeDefined();
    // Nothing is counted yet in this office: the section says so rather than quote "no one".
    expect(await screen.findByText(/^Nothing to quote yet/)).toBeDefined();
    expect(await screen.findByText('Active commitments')).toBeDefined();
    expect(await screen.findByRole('heading', { name: `Retention, FY${fy}` })).toBeDefined();
    await waitFor(() => expect(screen.getByText('Donor retention').nextElementSibling?.textContent).toBe('50.0%'));

    expect(status.prepared).toBeNull();
    if (status.isOverdue) {
      expect(await screen.findByText('The donor register (寄附者名簿) is overdue')).toBeDefined();
      expect(screen.getByText(new RegExp(`^The register for FY${status.year} was due by`))).toBeDefined();
    } else if (status.isDue) {
      expect(await screen.findByText('The donor register (寄附者名簿) is due')).toBeDefined();
      expect(screen.getByText(new RegExp(`^The register for FY${status.year} must be ready by .* \\(${Math.abs(status.daysLeft)} days left\\)`))).toBeDefined();
    } else {
      throw new Error('an unprepared register is either due or overdue');
    }
    expect(href(screen.getByRole('link', { name: `Open the register for FY${status.year}` }))).toBe(`/fundraising/reports/register?yearKind=fiscal&year=${status.year}`);
  });

  it('quotes published figures as sentences with the note that they are banded', async () => {
    const served = window.fetch;
    const published: PublicFigures = {
      from: `${fy}-11-01`, to: tokyoDate(), period: 'winter', minimumCell: 5,
      figures: [
        { key: 'shelter_nights', value: { low: 10, high: 14 }, days: 120 },
        { key: 'people_fed', value: { low: 1, high: 4 }, days: null },
        { key: 'people_waiting_allowance', value: { low: 0, high: 0 }, days: null },
      ],
    };
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => (input === '/api/public/figures' ? Promise.resolve(jsonResponse(200, published)) : served(input, init)));
    renderAt('/fundraising');
    expect(await screen.findByText('This winter: 120 nights of shelter for 10–14 people.')).toBeDefined();
    expect(screen.getByText('This winter: food for fewer than 5 people.')).toBeDefined();
    expect(screen.queryByText(/waiting for their protection allowance/)).toBeNull();
    expect(screen.getByText(/groups of fewer than 5 are never shown as a number.*safe to publish/)).toBeDefined();
  });

  it('lists the last finished year’s register, links its files, and marks it prepared', async () => {
    const last = fy - 1;
    renderAt(`/fundraising/reports/register?yearKind=fiscal&year=${last}`);
    const table = await screen.findByRole('table', { name: 'Gifts in the register' });
    expect(within(table).getAllByRole('row').slice(1).map((r) => within(r).getByRole('link').textContent)).toEqual(['山田 花子', '佐藤 一郎']);
    expect(screen.getByText(new RegExp(`^FY${last} .*: 2 gifts, ¥25,000\\. To be ready by 30 Jun ${fy}\\.$`))).toBeDefined();
    expect(href(screen.getByRole('link', { name: /^Download Excel: Donor register/ }))).toBe(`/api/fundraising/reports/register.xlsx?yearKind=fiscal&year=${last}`);
    expect(href(screen.getByRole('link', { name: /^Download CSV: Donor register/ }))).toBe(`/api/fundraising/reports/register.csv?yearKind=fiscal&year=${last}`);

    fireEvent.click(screen.getByRole('button', { name: 'Mark as prepared' }));
    expect(await screen.findByText(/^Marked as prepared on .* by fundraiser en, with 2 gifts and ¥25,000 at the time\.$/)).toBeDefined();
    const status = await fundraiser.api<RegisterStatus>('GET', '/api/fundraising/reports/register/status?yearKind=fiscal');
    expect(status).toMatchObject({ year: last, isDue: false, isOverdue: false });
    expect(status.prepared?.giftCount).toBe(2);
  });

  it('shows no reminder once the register is prepared', async () => {
    renderAt('/fundraising');
    await screen.findByRole('heading', { name: `Retention, FY${fy}` });
    await screen.findByText('Active commitments');
    expect(screen.queryByText(/The donor register \(寄附者名簿\) is (due|overdue)/)).toBeNull();
  });

  it('offers "Mark as prepared" only to staff who may write', async () => {
    // No seeded role reads fundraising without writing: the same fundraiser, with fundraising.write taken from /api/auth/me.
    const served = window.fetch;
    vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
      const response = await served(input, init);
      if (input !== '/api/auth/me') return response;
      const me = (await response.json()) as { permissions: string[] };
      return jsonResponse(200, { ...me, permissions: me.permissions.filter((p) => p !== 'fundraising.write') });
    });
    renderAt(`/fundraising/reports/register?yearKind=fiscal&year=${fy - 1}`);
    expect(await screen.findByRole('table', { name: 'Gifts in the register' })).toBeDefined();
    expect(screen.getByText('Prepared')).toBeDefined();
    expect(screen.queryByRole('button', { name: /Mark as prepared/ })).toBeNull();
  });
});

describe('in Japanese', () => {
  it('shows the pages in Japanese for a staff member whose language is ja', async () => {
    const ja = await server.signIn('fundraiser', 'ja');
    await i18n.changeLanguage('ja');
    server.serve(ja);
    const page = renderAt('/fundraising');
    expect(await screen.findByRole('heading', { level: 1, name: 'ファンドレイジング' })).toBeDefined();
    expect(await screen.findByRole('heading', { name: '寄付のお願いに使える活動実績' })).toBeDefined();
    expect(await screen.findByRole('heading', { name: `継続率（${fy}年度）` })).toBeDefined();
    expect(await screen.findByText('有効な継続寄付')).toBeDefined();
    page.unmount();

    renderAt('/fundraising/reports?tab=retention');
    const table = await screen.findByRole('table', { name: '年ごとの寄付者数と継続率' });
    expect(within(table).getByRole('row', { name: new RegExp(`^${fy}年度 2 1 1 0 1 50.0%`) })).toBeDefined();
    expect(screen.getByRole('tab', { name: 'LYBUNT（前年のみ）' })).toBeDefined();
    expect(screen.getByRole('link', { name: /^Excelをダウンロード：寄付者継続率と金額継続率/ })).toBeDefined();
  });
});
