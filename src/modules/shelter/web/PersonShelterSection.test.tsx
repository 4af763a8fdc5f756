import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { meFixture } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import type { PersonShelter } from '../contract';
import { PersonShelterSection } from './PersonShelterSection';

const personId = '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11';
const stay = {
  id: 'c0000000-0000-4000-8000-000000000001', personId, bedId: 'b0000000-0000-4000-8000-000000000001', bedLabel: 'B2', roomName: 'Room 1',
  facilityNameJa: '青い家', facilityNameEn: 'Blue house', checkInOn: '2026-11-20', expectedCheckOutOn: '2026-11-25', checkedOutOn: '2026-11-23',
  waitingEntryId: null, note: '', nightsProvided: 3, isOverdue: false, version: 2, createdAt: '2026-11-20T01:00:00Z',
};
const record: PersonShelter = {
  personId,
  stays: [stay],
  paidLodging: [{
    id: 'd0000000-0000-4000-8000-000000000001', personId, kind: 'net_cafe', placeName: 'Ueno café', firstNightOn: '2026-11-26', nights: 2, costYen: 4800,
    budgetLineId: null, note: '', recordedByName: 'Caseworker', createdAt: '2026-11-26T01:00:00Z',
  }],
  nights: { shelter: 3, paid: 2, total: 5 },
  currentStay: null,
  waitingEntry: null,
};
const line = { id: 'f0000000-0000-4000-8000-000000000001', nameJa: '宿泊費', nameEn: 'Lodging fund', monthlyAmountYen: 100000, isActive: true, sortOrder: 1 };

describe('PersonShelterSection', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/me') return jsonResponse(200, meFixture(['shelter.read', 'shelter.write', 'budgets.read'], 'en'));
      if (url === `/api/people/${personId}/shelter`) return jsonResponse(200, record);
      if (url === '/api/budgets/lines') return jsonResponse(200, { items: [line] });
      if (url === '/api/shelter/paid-lodging' && init?.method === 'POST') return jsonResponse(201, {});
      if (url === '/api/shelter/waiting-list' && init?.method === 'POST') return jsonResponse(201, {});
      return notFoundResponse();
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  const post = (url: string) => fetchMock.mock.calls.find(([u, init]) => u === url && (init as RequestInit | undefined)?.method === 'POST');

  it('shows nights provided, past stays and paid lodging, and lists the person for a bed', async () => {
    renderWithProviders(
      <RequireAuth>
        <PersonShelterSection personId={personId} housing="rough_sleeping" />
      </RequireAuth>,
    );
    const section = await screen.findByRole('region', { name: 'Shelter and lodging' });
    expect(await within(section).findByText('5 (3 shelter, 2 paid)')).toBeDefined();
    expect(within(section).getByText('No bed tonight.')).toBeDefined();
    const stays = within(section).getByRole('table', { name: 'Stays' });
    expect(stays.textContent).toContain('Blue house · Room 1 · B2');
    expect(stays.textContent).toContain('23 Nov 2026');
    const paid = within(section).getByRole('table', { name: 'Paid lodging' });
    expect(paid.textContent).toContain('Internet café');
    expect(paid.textContent).toContain('¥4,800');

    const waitingForm = within(section).getByRole('form', { name: 'Add to the waiting list' });
    expect(within(waitingForm).getByLabelText('Sleeping rough')).toHaveProperty('checked', true);
    fireEvent.click(within(waitingForm).getByLabelText('With children'));
    fireEvent.click(within(waitingForm).getByRole('button', { name: 'Add to the waiting list' }));
    await waitFor(() => expect(post('/api/shelter/waiting-list')).toBeDefined());
    expect(JSON.parse(String((post('/api/shelter/waiting-list')?.[1] as RequestInit).body))).toEqual({
      personId, needs: 'any', withChildren: true, isPregnant: false, isIll: false, isRoughSleeping: true, note: '',
    });
  });

  it('records paid lodging, refusing it without a cost first', async () => {
    renderWithProviders(
      <RequireAuth>
        <PersonShelterSection personId={personId} />
      </RequireAuth>,
    );
    const form = await screen.findByRole('form', { name: 'Record paid lodging' });
    await within(form).findByRole('combobox', { name: 'Budget line' });
    fireEvent.click(within(form).getByRole('button', { name: 'Record paid lodging' }));
    expect(await within(form).findByText('required')).toBeDefined();
    expect(post('/api/shelter/paid-lodging')).toBeUndefined();
    fireEvent.change(within(form).getByRole('textbox', { name: 'Cost (yen)' }), { target: { value: '3000' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record paid lodging' }));
    await waitFor(() => expect(post('/api/shelter/paid-lodging')).toBeDefined());
    expect(JSON.parse(String((post('/api/shelter/paid-lodging')?.[1] as RequestInit).body))).toMatchObject({ personId, kind: 'net_cafe', nights: 1, costYen: 3000 });
  });
});
