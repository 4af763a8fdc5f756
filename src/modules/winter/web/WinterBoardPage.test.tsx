import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../web/i18n';
import { jsonResponse, renderWithProviders } from '../../../web/test/render';
import type { WinterBoard } from '../contract';
import { WinterBoardPage } from './WinterBoardPage';

const person = (id: string, fileNumber: string, familyName: string) => ({
  id, fileNumber, familyName, givenName: 'A', nameInOwnScript: null, nameKana: null, dateOfBirth: null, dateOfBirthEstimated: false, sex: 'female' as const, nationality: 'CM',
});
const amina = person('0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11', 'TB-000007', 'Mbeki');
const tesfaye = person('1b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a12', 'TB-000003', 'Tesfaye');

const board: WinterBoard = {
  date: '2026-12-01',
  generatedAt: '2026-12-01T03:00:00.000Z',
  roughSleepers: { count: 2, items: [{ person: amina, shelterWaitingDays: 12 }, { person: tesfaye, shelterWaitingDays: null }] },
  freeBeds: { free: 1, total: 24, beds: [{ bedId: '2b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a13', label: '101-2', roomName: '101', allowedUse: 'women', facilityNameJa: '扉ハウス', facilityNameEn: 'Tobira House' }] },
  lowWinterItems: { items: [{ itemCode: 'winter_coat', nameJa: '冬用コート', nameEn: 'Winter coat', unit: 'piece', total: 0, lowStockThreshold: 10 }] },
  allowanceWaiting: null,
  shelterWaiting: { count: 1, items: [{ person: amina, daysWaiting: 95, listedOn: '2026-08-28', needs: 'women' }] },
  queue: { total: 31, waitingNow: 7, averageWaitMinutes: 42, longestWaitingMinutes: 75 },
};

describe('WinterBoardPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows each section with its figure, in the reader\'s language followed by the other', async () => {
    await i18n.changeLanguage('en');
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(200, board)));
    renderWithProviders(<WinterBoardPage />, { route: '/winter' });

    const rough = await screen.findByRole('region', { name: /Sleeping rough, not housed tonight/ });
    // The heading carries both languages: the board is printed for staff and volunteers of both.
    expect(within(rough).getByRole('heading').textContent).toBe('Sleeping rough, not housed tonight 野宿・今夜の宿がない人');
    expect(within(rough).getByLabelText('2 people sleeping rough').textContent).toBe('2');
    const rows = within(rough).getAllByRole('row');
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'TB-000007' }).getAttribute('href')).toBe(`/people/${amina.id}`);
    expect(within(rows[0] as HTMLElement).getByText('12 days')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText(/Not on the shelter waiting list/)).toBeTruthy();

    const beds = screen.getByRole('region', { name: /Free beds tonight/ });
    expect(within(beds).getByLabelText('1 of 24 beds free')).toBeTruthy();
    expect(within(beds).getByText('Tobira House')).toBeTruthy();

    const stock = screen.getByRole('region', { name: /Winter items running low/ });
    expect(within(stock).getByText('0 left')).toBeTruthy();

    const waiting = screen.getByRole('region', { name: /Waiting longest for shelter/ });
    expect(within(waiting).getByText('95 days')).toBeTruthy();

    // No allowance section for a role that may not see case files.
    expect(screen.queryByRole('region', { name: /protection allowance/ })).toBeNull();

    const queue = screen.getByRole('region', { name: /Today's queue/ });
    expect(within(queue).getByText('31')).toBeTruthy();
    expect(within(queue).getByText('42 min')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
    // Each language writes the date its own way (Tokyo time).
    expect(screen.getByText(/^Tonight, 1 Dec 2026 \(updated 1 Dec 2026, 12:00\)/)).toBeTruthy();
    expect(screen.getByText('今夜 2026年12月1日（更新 2026年12月1日 12:00）')).toBeTruthy();
  });

  it('reads in Japanese first for a Japanese reader', async () => {
    await i18n.changeLanguage('ja');
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(200, { ...board, roughSleepers: { count: 0, items: [] } })));
    renderWithProviders(<WinterBoardPage />, { route: '/winter' });
    const rough = await screen.findByRole('region', { name: /野宿・今夜の宿がない人/ });
    expect(within(rough).getByText(/今夜、宿がなく野宿と記録されている人はいません。/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '印刷' })).toBeTruthy();
    await i18n.changeLanguage('en');
  });
});
