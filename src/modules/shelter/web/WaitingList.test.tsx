import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokyoDate } from '../../../shared/time';
import { RequireAuth } from '../../../web/auth';
import { meFixture } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import type { BoardBed, SuitableBeds, WaitingEntry } from '../contract';
import { addDays } from '../nights';
import { WaitingList } from './WaitingList';

const summary = (id: string, familyName: string, givenName: string, sex: 'female' | 'male') => ({
  id, fileNumber: 'TB-000009', familyName, givenName, nameInOwnScript: null, nameKana: null, dateOfBirth: null, dateOfBirthEstimated: false, sex, nationality: null,
});
const entry = (id: string, person: ReturnType<typeof summary>, extra: Partial<WaitingEntry>): WaitingEntry => ({
  id, person, listedOn: '2026-11-01', daysWaiting: 30, needs: 'any', withChildren: false, isPregnant: false, isIll: false, isRoughSleeping: false, note: '',
  status: 'waiting', closedOn: null, closedReason: null, priority: 30, priorityReasons: [], version: 1, ...extra,
});
const mother = entry('e0000000-0000-4000-8000-000000000001', summary('10000000-0000-4000-8000-000000000001', 'Mbala', 'Grace', 'female'), {
  needs: 'families', withChildren: true, isPregnant: true, priority: 330, priorityReasons: ['woman', 'with_children', 'pregnant'],
});
const man = entry('e0000000-0000-4000-8000-000000000002', summary('10000000-0000-4000-8000-000000000002', 'Tekle', 'Yonas', 'male'), {
  needs: 'men', isRoughSleeping: true, priority: 52, daysWaiting: 12, listedOn: '2026-11-19', priorityReasons: ['rough_sleeping'],
});
const bed = (n: number, roomName: string, allowedUse: BoardBed['allowedUse']): BoardBed => ({
  bedId: `b0000000-0000-4000-8000-00000000000${n}`, label: `B${n}`, roomId: `a0000000-0000-4000-8000-00000000000${n}`, roomName, allowedUse,
  facilityId: 'f0000000-0000-4000-8000-000000000001', facilityNameJa: '青い家', facilityNameEn: 'Blue house', occupant: null, nextCheckInOn: null,
});
const suitable: SuitableBeds = { entryId: man.id, on: tokyoDate(), beds: [bed(1, 'Room M', 'men'), bed(2, 'Room A', 'any')] };

describe('WaitingList and the offer dialog', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  let stayAnswer: () => Response;

  beforeEach(() => {
    stayAnswer = () => jsonResponse(201, {});
    fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/me') return jsonResponse(200, meFixture(['shelter.read', 'shelter.write'], 'en'));
      if (url === '/api/shelter/waiting-list') return jsonResponse(200, { items: [mother, man] });
      if (url === `/api/shelter/waiting-list/${man.id}/beds`) return jsonResponse(200, suitable);
      if (url === '/api/shelter/stays' && init?.method === 'POST') return stayAnswer();
      return notFoundResponse();
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  async function renderList() {
    renderWithProviders(
      <RequireAuth>
        <WaitingList />
      </RequireAuth>,
    );
    return screen.findByRole('table', { name: 'Waiting list (2)' });
  }
  const posts = () => fetchMock.mock.calls.filter(([url, init]) => url === '/api/shelter/stays' && (init as RequestInit | undefined)?.method === 'POST');

  it('lists people in priority order with reasons as badges and days waiting', async () => {
    const table = await renderList();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]?.textContent).toContain('MBALA Grace');
    expect(rows[0]?.textContent).toContain('330');
    for (const reason of ['Woman', 'With children', 'Pregnant']) expect(within(rows[0] as HTMLElement).getByText(reason)).toBeDefined();
    expect(rows[1]?.textContent).toContain('TEKLE Yonas');
    expect(within(rows[1] as HTMLElement).getByText('Sleeping rough')).toBeDefined();
    expect(rows[1]?.textContent).toContain('12 days');
    expect(rows[1]?.textContent).toContain('19 Nov 2026');
  });

  it('offers the suitable free beds and allocates the chosen one with check-out 30 days later by default', async () => {
    await renderList();
    fireEvent.click(screen.getByRole('button', { name: 'Offer a bed to TEKLE Yonas' }));
    const dialog = await screen.findByRole('dialog', { name: 'Offer a bed to TEKLE Yonas' });
    expect(await within(dialog).findAllByRole('radio')).toHaveLength(2);
    expect(within(dialog).getByLabelText('Blue house · Room M (Men) · B1')).toHaveProperty('checked', true);
    fireEvent.click(within(dialog).getByLabelText('Blue house · Room A (Anyone) · B2'));
    expect((within(dialog).getByLabelText('Check-in') as HTMLInputElement).value).toBe(tokyoDate());
    expect((within(dialog).getByLabelText('Expected check-out') as HTMLInputElement).value).toBe(addDays(tokyoDate(), 30));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Allocate the bed' }));
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(JSON.parse(String((posts()[0]?.[1] as RequestInit).body))).toEqual({
      personId: man.person.id, bedId: suitable.beds[1]?.bedId, checkInOn: tokyoDate(), expectedCheckOutOn: addDays(tokyoDate(), 30), waitingEntryId: man.id, note: '',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows the refusal when the bed was taken meanwhile, and keeps the dialog open', async () => {
    stayAnswer = () => jsonResponse(409, { error: { code: 'bed.occupied', message: 'This bed is already taken for some of these nights.', fields: {} } });
    await renderList();
    fireEvent.click(screen.getByRole('button', { name: 'Offer a bed to TEKLE Yonas' }));
    const dialog = await screen.findByRole('dialog', { name: 'Offer a bed to TEKLE Yonas' });
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Allocate the bed' }));
    expect(await within(dialog).findByRole('alert')).toHaveProperty('textContent', 'This bed is already taken for some of these nights.');
    expect(posts()).toHaveLength(1);
  });
});
