import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokyoDate } from '../../../shared/time';
import { RequireAuth } from '../../../web/auth';
import { meFixture } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import type { Board, BoardBed } from '../contract';

import { OccupancyBoard } from './OccupancyBoard';

const person = (id: string, familyName: string, givenName: string) => ({
  id, fileNumber: 'TB-000001', familyName, givenName, nameInOwnScript: null, nameKana: null, dateOfBirth: null, dateOfBirthEstimated: false, sex: 'female' as const, nationality: 'CD',
});
const room = { roomId: '11111111-1111-4111-8111-111111111111', roomName: 'Room 1', allowedUse: 'women' as const, facilityId: '22222222-2222-4222-8222-222222222222', facilityNameJa: '青い家', facilityNameEn: 'Blue house' };
const amaraId = '33333333-3333-4333-8333-333333333333';
const beds: BoardBed[] = [
  {
    ...room, bedId: 'a0000000-0000-4000-8000-000000000001', label: 'B1', nextCheckInOn: null,
    occupant: { stayId: 'c0000000-0000-4000-8000-000000000001', person: person(amaraId, 'Okafor', 'Amara'), checkInOn: '2026-11-28', expectedCheckOutOn: '2026-12-28', nights: 4, isOverdue: false },
  },
  {
    ...room, bedId: 'a0000000-0000-4000-8000-000000000002', label: 'B2', nextCheckInOn: null,
    occupant: { stayId: 'c0000000-0000-4000-8000-000000000002', person: person('44444444-4444-4444-8444-444444444444', 'Haile', 'Sara'), checkInOn: '2026-10-01', expectedCheckOutOn: '2026-11-30', nights: 62, isOverdue: true },
  },
  { ...room, bedId: 'a0000000-0000-4000-8000-000000000003', label: 'B3', nextCheckInOn: '2026-12-20', occupant: null },
];
const board: Board = { on: '2026-12-01', beds, freeCount: 1, totalCount: 3 };

describe('OccupancyBoard', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  function serve(permissions: string[], language: 'ja' | 'en' = 'en') {
    fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/me') return jsonResponse(200, meFixture(permissions, language));
      if (url === '/api/shelter/beds') return jsonResponse(200, board);
      if (url.endsWith('/check-out') && init?.method === 'POST') return jsonResponse(200, {});
      return notFoundResponse();
    });
    vi.stubGlobal('fetch', fetchMock);
  }
  afterEach(() => vi.unstubAllGlobals());

  function renderBoard() {
    renderWithProviders(
      <RequireAuth>
        <OccupancyBoard />
      </RequireAuth>,
    );
  }

  describe('for a caseworker', () => {
    beforeEach(() => serve(['shelter.read', 'shelter.write']));

    it('shows the free count, each bed with who is in it, since when, overdue and free badges', async () => {
      renderBoard();
      expect(await screen.findByRole('heading', { name: 'Beds tonight: 1 free of 3' })).toBeDefined();
      expect(screen.getByRole('heading', { name: 'Blue house' })).toBeDefined();
      const table = screen.getByRole('table', { name: 'Room 1 (Women)' });
      const rows = within(table).getAllByRole('row').slice(1);
      expect(rows).toHaveLength(3);
      const amara = within(rows[0] as HTMLElement).getByRole('link', { name: 'OKAFOR Amara' });
      expect(amara.getAttribute('href')).toBe(`/people/${amaraId}`);
      expect(rows[0]?.textContent).toContain('28 Nov 2026');
      expect(rows[0]?.textContent).toContain('28 Dec 2026');
      expect(rows[0]?.textContent).not.toContain('Overdue');
      expect(within(rows[1] as HTMLElement).getByText('Overdue')).toBeDefined();
      expect(within(rows[2] as HTMLElement).getByText('Free')).toBeDefined();
      expect(rows[2]?.textContent).toContain('booked from 20 Dec 2026');
      expect(within(rows[2] as HTMLElement).queryByRole('button')).toBeNull();
    });

    it('checks a person out after asking the day, default today', async () => {
      renderBoard();
      fireEvent.click(await screen.findByRole('button', { name: 'Check out HAILE Sara' }));
      const dialog = await screen.findByRole('dialog', { name: 'Check out HAILE Sara?' });
      const day = within(dialog).getByLabelText(/Check-out day/) as HTMLInputElement;
      expect(day.value).toBe(tokyoDate());
      fireEvent.click(within(dialog).getByRole('button', { name: 'Check out' }));
      await waitFor(() => expect(fetchMock.mock.calls.some(([, init]) => (init as RequestInit | undefined)?.method === 'POST')).toBe(true));
      const post = fetchMock.mock.calls.find(([, init]) => (init as RequestInit | undefined)?.method === 'POST');
      expect(post?.[0]).toBe('/api/shelter/stays/c0000000-0000-4000-8000-000000000002/check-out');
      expect(JSON.parse(String((post?.[1] as RequestInit).body))).toEqual({ checkedOutOn: tokyoDate() });
    });
  });

  it('offers no check-out to a role that may only read, and speaks Japanese', async () => {
    serve(['shelter.read'], 'ja');
    renderBoard();
    expect(await screen.findByRole('heading', { name: '今夜のベッド：空き 1 / 3' })).toBeDefined();
    expect(screen.getByRole('heading', { name: '青い家' })).toBeDefined();
    expect(screen.getByText('予定超過')).toBeDefined();
    expect(screen.queryByRole('button', { name: /退所/ })).toBeNull();
  });
});
