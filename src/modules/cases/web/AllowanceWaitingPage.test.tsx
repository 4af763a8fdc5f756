import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../web/i18n';
import { RequireAuth } from '../../../web/auth';
import { meFixture } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import { AllowanceWaitingPage } from './AllowanceWaitingPage';

const person = (id: string, fileNumber: string, familyName: string) => ({
  id, fileNumber, familyName, givenName: 'A', nameInOwnScript: null, nameKana: null, dateOfBirth: null, dateOfBirthEstimated: false, sex: 'unknown', nationality: 'CM',
});

describe('AllowanceWaitingPage', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists who waits in the order given (longest first), with days, status and caseworker', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(200, { items: [
      { person: person('0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11', 'TB-000007', 'Longwait'), allowanceStatus: 'reapplied', allowanceAppliedOn: '2026-07-01', daysWaiting: 150, assignedTo: null, assignedToName: 'Sato' },
      { person: person('1b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a12', 'TB-000003', 'Shortwait'), allowanceStatus: 'awaiting', allowanceAppliedOn: '2026-11-01', daysWaiting: 27, assignedTo: null, assignedToName: null },
    ] })));
    renderWithProviders(<AllowanceWaitingPage />, { route: '/allowance-waiting' });
    const table = await screen.findByRole('table', { name: 'People waiting for the allowance' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual(['TB-000007', 'TB-000003']);
    expect(within(rows[0] as HTMLElement).getByText('150')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText('Reapplied')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('Unassigned')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'TB-000007' }).getAttribute('href')).toBe('/people/0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11');
    expect(screen.getByRole('status').textContent).toBe('People waiting: 2');
  });

  it('lets advocacy staff tick people and tag them all with one barrier, then says how many were new', async () => {
    const delayId = '4b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a01';
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/me') return jsonResponse(200, meFixture(['cases.read', 'advocacy.tag'], 'en'));
      if (url === '/api/case-files/allowance-waiting') {
        return jsonResponse(200, { items: [
          { person: person('0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11', 'TB-000007', 'Longwait'), allowanceStatus: 'reapplied', allowanceAppliedOn: '2026-07-01', daysWaiting: 150, assignedTo: null, assignedToName: null },
          { person: person('1b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a12', 'TB-000003', 'Shortwait'), allowanceStatus: 'awaiting', allowanceAppliedOn: '2026-11-01', daysWaiting: 27, assignedTo: null, assignedToName: null },
        ] });
      }
      if (url === '/api/advocacy/barriers') {
        return jsonResponse(200, { barriers: [{ id: delayId, code: 'b01', labelJa: '保護費の遅延・不支給', labelEn: 'Protection-allowance delay', descriptionJa: '', descriptionEn: '', sortOrder: 1, retiredAt: null, mergedIntoId: null }] });
      }
      if (url === '/api/advocacy/tags/bulk' && init?.method === 'POST') return jsonResponse(200, { tagged: 1, alreadyTagged: 1 });
      return notFoundResponse();
    });
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<RequireAuth><AllowanceWaitingPage /></RequireAuth>, { route: '/allowance-waiting' });
    const submit = await screen.findByRole('button', { name: 'Tag ticked people (0)' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Tick everyone' }));
    // The allowance delay is chosen at first; the staff member still clicks to tag.
    await waitFor(() => expect((screen.getByLabelText('Barrier for the ticked people', { selector: 'input' }) as HTMLInputElement).value).toBe('Protection-allowance delay'));
    fireEvent.click(screen.getByRole('button', { name: 'Tag ticked people (2)' }));
    expect(await screen.findByText('Tagged: 1 · already tagged: 1')).toBeDefined();
    const posted = fetchMock.mock.calls.filter(([url]) => url === '/api/advocacy/tags/bulk').map(([, init]) => JSON.parse(String(init?.body)) as unknown);
    expect(posted).toEqual([{ barrierId: delayId, personIds: ['0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11', '1b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a12'] }]);
    expect((screen.getByRole('checkbox', { name: 'Tick LONGWAIT A (TB-000007)' }) as HTMLInputElement).checked).toBe(false);
  });
});
