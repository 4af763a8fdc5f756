import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addDays, tokyoDate } from '../../../shared/time';
import { formatDate } from '../../../web/format';
import { i18n } from '../../../web/i18n';
import { renderFundraising, withFundraisingServer } from './fundraising.test-render';

const daysAgo = (n: number) => addDays(tokyoDate(), -n);

describe('campaigns', () => {
  const fundraiser = withFundraisingServer('en');

  /** A winter appeal with a ¥2,000,000 goal: ¥1,250,000 received from three donors on two days, and a pledge. */
  async function winterAppeal(code: string) {
    const f = fundraiser();
    const campaign = await f.campaign({ code, nameJa: '冬の緊急募金', nameEn: 'Winter appeal', goalYen: 2_000_000, startsOn: daysAgo(40) });
    const [a, b, c] = await Promise.all([
      f.supporter({ familyName: '青木', givenName: '一', acknowledgeDuplicates: true }),
      f.supporter({ familyName: '青木', givenName: '二', acknowledgeDuplicates: true }),
      f.supporter({ familyName: '青木', givenName: '三', acknowledgeDuplicates: true }),
    ]);
    await f.gift({ supporterId: a.id, amountYen: 250_000, receivedOn: daysAgo(30), campaignId: campaign.id });
    await f.gift({ supporterId: b.id, amountYen: 600_000, receivedOn: daysAgo(10), campaignId: campaign.id });
    await f.gift({ supporterId: c.id, amountYen: 400_000, receivedOn: daysAgo(10), campaignId: campaign.id });
    await f.gift({ supporterId: c.id, amountYen: 80_000, receivedOn: daysAgo(1), campaignId: campaign.id, status: 'pledged' });
    return campaign;
  }

  it('shows raised against the goal as a bar and in words, the donors, average and new donors, and the running total', async () => {
    const campaign = await winterAppeal('winter-a');
    renderFundraising(`/fundraising/campaigns/${campaign.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Winter appeal' })).toBeDefined();
    const bar = screen.getByRole('progressbar', { name: '¥1,250,000 of ¥2,000,000 goal (62%)' });
    expect(bar.getAttribute('aria-valuenow')).toBe('62');
    expect(screen.getByText('¥1,250,000 of ¥2,000,000 goal (62%)')).toBeDefined();
    const figure = (label: string) => screen.getByText(label, { selector: 'p' }).parentElement?.textContent;
    expect(figure('Donors')).toBe('Donors3');
    expect(figure('Average gift')).toBe('Average gift¥416,667');
    expect(figure('New donors')).toBe('New donors3');
    expect(figure('Pledged')).toBe('Pledged¥80,000');

    const chart = screen.getByRole('img', { name: /Running total raised for Winter appeal/ });
    expect(chart.querySelector('svg')).not.toBeNull();
    const table = screen.getByRole('table', { name: 'Raised per day and running total' });
    expect(within(table).getByRole('row', { name: `${formatDate(daysAgo(10), 'en')} 2 ¥1,000,000 ¥1,250,000` })).toBeDefined();

    await act(() => i18n.changeLanguage('ja'));
    expect(await screen.findByRole('heading', { level: 1, name: '冬の緊急募金' })).toBeDefined();
    expect(screen.getByRole('progressbar', { name: '¥1,250,000 / 目標 ¥2,000,000（62%）' })).toBeDefined();
    expect(screen.getByText('寄付者数', { selector: 'p' })).toBeDefined();
  });

  it('lists campaigns with goal and progress, and creates one after checking the code, both names and the dates', async () => {
    await winterAppeal('winter-b');
    renderFundraising('/fundraising/campaigns');
    const table = await screen.findByRole('table', { name: 'All campaigns' });
    const row = within(table).getAllByRole('row').find((r) => r.textContent?.includes('winter-b')) as HTMLElement;
    expect(row.textContent).toContain('¥2,000,000');
    expect(await within(row).findByRole('progressbar', { name: '¥1,250,000 of ¥2,000,000 goal (62%)' })).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Create campaign' }));
    fireEvent.change(screen.getByLabelText('Code'), { target: { value: 'Spring Run!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('wrong format')).toBeDefined();
    expect(screen.getAllByText('required')).toHaveLength(2);
    expect(fundraiser().sent('POST', '/api/fundraising/campaigns')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Code'), { target: { value: 'spring-run' } });
    fireEvent.change(screen.getByLabelText('Name (Japanese)'), { target: { value: '春のチャリティラン' } });
    fireEvent.change(screen.getByLabelText('Name (English)'), { target: { value: 'Spring charity run' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Goal (yen)' }), { target: { value: '500000' } });
    fireEvent.change(screen.getByLabelText('Starts on'), { target: { value: '2026-04-01' } });
    fireEvent.change(screen.getByLabelText('Ends on'), { target: { value: '2026-03-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('must not be before the start')).toBeDefined();
    fireEvent.change(screen.getByLabelText('Ends on'), { target: { value: '2026-05-31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    // The new campaign's page opens, with nothing raised yet.
    expect(await screen.findByRole('heading', { level: 1, name: 'Spring charity run' })).toBeDefined();
    expect(screen.getByText('¥0 of ¥500,000 goal (0%)')).toBeDefined();
    expect(fundraiser().sent('POST', '/api/fundraising/campaigns')).toEqual([{
      code: 'spring-run', nameJa: '春のチャリティラン', nameEn: 'Spring charity run', channel: 'online', goalYen: 500000, startsOn: '2026-04-01',
      endsOn: '2026-05-31', fundId: null, description: '',
    }]);
    await waitFor(() => expect(screen.getByText('No gifts yet.')).toBeDefined());
  });
});
