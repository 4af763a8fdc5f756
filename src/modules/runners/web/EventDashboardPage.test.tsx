import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../web/i18n';
import type { CharityEvent } from '../contract';
import { day, renderRunners, withRunnersServer } from './runners.test-render';

describe('event dashboard', () => {
  const fundraiser = withRunnersServer('en');

  it('shows what the event raised, each runner against the goal in words, and sends reminders to the runners chosen', async () => {
    const f = fundraiser();
    const event = await f.event({ code: 'dash-2027', nameEn: 'Tokyo Marathon 2027', nameJa: '東京マラソン2027', raceOn: day(20) });
    const aoki = await f.runner(event, { familyName: 'Aoki', givenName: 'Ken', email: 'aoki.dash@example.com' });
    const baba = await f.runner(event, { familyName: 'Baba', givenName: 'Yui', email: 'baba.dash@example.com' });
    const chiba = await f.runner(event, { familyName: 'Chiba', givenName: 'Rin', email: 'chiba.dash@example.com' });
    await f.giftFor(event, aoki, 80_000);
    await f.giftFor(event, baba, 120_000);
    await f.giftFor(event, chiba, 30_000, 'pledged');
    await f.apply(event.code, { familyName: 'Doi', email: 'doi.dash@example.com' });

    renderRunners(`/runners/events/${event.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Tokyo Marathon 2027' })).toBeDefined();
    const figure = (label: string) => screen.getByText(label, { selector: 'p' }).parentElement?.textContent;
    expect(figure('Raised')).toBe('Raised¥200,000');
    expect(figure('Pledged, not yet received')).toBe('Pledged, not yet received¥30,000');
    expect(screen.getByText('20 days to race day')).toBeDefined();
    expect(screen.getByRole('link', { name: `${window.location.origin}/give/dash-2027` }).getAttribute('href')).toBe('/give/dash-2027');
    const csv = screen.getByRole('link', { name: 'Download the donors (CSV, for receipts)' });
    expect(csv.getAttribute('href')).toBe(`/api/runners/events/${event.id}/donors.csv`);
    expect(csv.hasAttribute('download')).toBe(true);

    const table = screen.getByRole('table', { name: 'Runners' });
    const row = (name: string) => within(table).getByRole('link', { name }).closest('tr') as HTMLElement;
    expect(within(row('Aoki Ken')).getByRole('progressbar', { name: '¥80,000 of ¥100,000 (80%)' })).toBeDefined();
    expect(within(row('Baba Yui')).getByRole('progressbar', { name: '¥120,000 of ¥100,000 (120%)' })).toBeDefined();
    expect(within(row('Baba Yui')).getByText('Goal reached')).toBeDefined();
    expect(row('Chiba Rin').textContent).toContain('+ ¥30,000 pledged');
    expect(within(row('Aoki Ken')).getByRole('link', { name: 'Aoki Ken' }).getAttribute('href')).toBe(`/runners/runners/${aoki.id}`);

    // Only the runners who reached their goal.
    fireEvent.click(within(screen.getByRole('radiogroup', { name: 'Show runners' })).getByLabelText('Goal reached'));
    await waitFor(() => expect(within(table).queryByRole('link', { name: 'Aoki Ken' })).toBeNull());
    expect(within(table).getByRole('link', { name: 'Baba Yui' })).toBeDefined();

    // Applications by status, each opening its list.
    expect(screen.getByRole('link', { name: 'Selected: 3' }).getAttribute('href')).toBe(`/runners/events/${event.id}/applications?status=selected`);
    expect(screen.getByRole('link', { name: 'New: 1' })).toBeDefined();

    // Below ¥100,000 with 20 days to go: Aoki and Chiba. Chiba is unticked, so only Aoki is reminded.
    const reminders = screen.getByRole('heading', { name: 'Runners who need a reminder' }).parentElement as HTMLElement;
    expect(within(reminders).queryByLabelText(/Baba Yui/)).toBeNull();
    fireEvent.click(within(reminders).getByLabelText('Chiba Rin: ¥0 of ¥100,000'));
    fireEvent.click(within(reminders).getByRole('button', { name: 'Send a reminder to 1 runner' }));
    expect(await within(reminders).findByText('1 runner reminded, 0 by email.')).toBeDefined();
    expect(within(reminders).getByText(/1 reminder was not emailed/)).toBeDefined();
    expect(f.sent('POST', `/api/runners/events/${event.id}/reminders`)).toEqual([{ runnerIds: [aoki.id] }]);

    await act(() => i18n.changeLanguage('ja'));
    expect(await screen.findByRole('heading', { level: 1, name: '東京マラソン2027' })).toBeDefined();
    expect(screen.getByText('大会まであと20日')).toBeDefined();
    // The filter stays on the runners who reached the goal.
    expect(screen.getByRole('progressbar', { name: '¥120,000 / 目標 ¥100,000（120%）' })).toBeDefined();
    const babaRow = within(screen.getByRole('table', { name: 'ランナー' })).getByRole('link', { name: 'Baba Yui' }).closest('tr') as HTMLElement;
    expect(within(babaRow).getByText('達成')).toBeDefined();
  });

  it('after race day, says how long ago it was and shows who stayed behind the goal', async () => {
    const f = fundraiser();
    const event = await f.event({ code: 'past-2026', nameEn: 'Past race', raceOn: day(20) });
    const runner = await f.runner(event, { familyName: 'Endo', givenName: 'Mai', email: 'endo.past@example.com' });
    await f.giftFor(event, runner, 40_000);
    await f.session.api<CharityEvent>('PATCH', `/api/runners/events/${event.id}`, { version: event.version, applicationsOpenOn: day(-40), applicationsCloseOn: day(-10), raceOn: day(-3) });

    renderRunners(`/runners/events/${event.id}`);
    expect(await screen.findByText('Race day was 3 days ago')).toBeDefined();
    const row = within(screen.getByRole('table', { name: 'Runners' })).getByRole('link', { name: 'Endo Mai' }).closest('tr') as HTMLElement;
    expect(within(row).getByText('Behind')).toBeDefined();
    expect(screen.getByText('No runner needs a reminder.')).toBeDefined();
  });
});
