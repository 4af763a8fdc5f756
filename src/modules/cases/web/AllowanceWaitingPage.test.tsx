import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../web/i18n';
import { jsonResponse, renderWithProviders } from '../../../web/test/render';
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
});
