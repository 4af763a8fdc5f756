import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addDays, tokyoDate } from '../../../shared/time';
import { formatDate } from '../../../web/format';
import { renderFundraising, withFundraisingServer } from './fundraising.test-render';

describe('the thank-you queue (/fundraising/thank-you)', () => {
  const fundraiser = withFundraisingServer('en');

  it('lists received gifts not yet thanked, and marks the chosen ones as thanked', async () => {
    const f = fundraiser();
    const hanako = await f.supporter({ familyName: '山田', givenName: '花子' });
    const first = await f.gift({ supporterId: hanako.id, amountYen: 10_000, receivedOn: addDays(tokyoDate(), -6) });
    await f.gift({ supporterId: hanako.id, amountYen: 2_000, receivedOn: addDays(tokyoDate(), -5), method: 'cash', isAnonymous: true });
    const pledge = await f.gift({ supporterId: hanako.id, amountYen: 7_000, status: 'pledged' });

    renderFundraising('/fundraising/thank-you');
    const table = await screen.findByRole('table', { name: 'Thank-you queue' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    // A pledge is not thanked before it is received.
    expect(table.textContent).not.toContain('¥7,000');
    expect(within(table).getByText('Anonymous')).toBeDefined();
    expect(screen.getByRole('button', { name: 'Mark as thanked (0)' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('checkbox', { name: `Select 山田 花子, ¥10,000, ${formatDate(first.receivedOn, 'en')}` }));
    const letters = screen.getByRole('link', { name: 'Print the thank-you letter (PDF, 1)' });
    expect(letters.getAttribute('href')).toBe(`/api/fundraising/letters/thank-you.pdf?ids=${first.id}`);
    fireEvent.click(screen.getByRole('button', { name: 'Mark as thanked (1)' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Thank-you queue' })).getAllByRole('row')).toHaveLength(2));
    expect(f.sent('POST', '/api/fundraising/gifts/thanked')).toEqual([{ ids: [first.id] }]);
    expect(screen.getByRole('table', { name: 'Thank-you queue' }).textContent).toContain('¥2,000');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all' }));
    fireEvent.click(screen.getByRole('button', { name: 'Mark as thanked (1)' }));
    expect(await screen.findByText('Every gift has been thanked.')).toBeDefined();
    expect(pledge.status).toBe('pledged');
  });
});
