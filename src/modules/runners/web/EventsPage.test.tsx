import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../web/format';
import { day, renderRunners, withRunnersServer } from './runners.test-render';

describe('charity events', () => {
  const fundraiser = withRunnersServer('en');

  it('lists the events with race day, places taken and applications', async () => {
    const f = fundraiser();
    const event = await f.event({ code: 'list-2027', nameJa: '東京マラソン2027', nameEn: 'Tokyo Marathon 2027', raceOn: day(25), places: 12 });
    await f.runner(event, { familyName: 'Sato', email: 'sato.list@example.com' });
    await f.apply(event.code, { familyName: 'Ito', email: 'ito.list@example.com' });
    renderRunners('/runners');
    const table = await screen.findByRole('table', { name: 'Charity events' });
    const row = within(table).getByRole('link', { name: 'Tokyo Marathon 2027' }).closest('tr') as HTMLElement;
    expect(row.textContent).toContain(formatDate(day(25), 'en'));
    expect(row.textContent).toContain('1 of 12');
    expect(within(row).getByRole('link', { name: '2 applications' }).getAttribute('href')).toBe(`/runners/events/${event.id}/applications`);
  });

  it('creates an event for a campaign, with the server’s messages under the fields it refused', async () => {
    const f = fundraiser();
    await f.campaign('marathon-2028', { nameEn: 'Marathon 2028 runners' });
    renderRunners('/runners');
    fireEvent.click(await screen.findByRole('button', { name: 'New charity event' }));
    fireEvent.change(screen.getByLabelText('Code'), { target: { value: 'Tokyo 2028!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create event' }));
    await waitFor(() => expect(screen.getByLabelText('Code').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByLabelText('Name (Japanese)').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Campaign', { selector: 'input' }).getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(screen.getByLabelText('Code'), { target: { value: 'tokyo-2028' } });
    fireEvent.change(screen.getByLabelText('Name (Japanese)'), { target: { value: '東京マラソン2028' } });
    fireEvent.change(screen.getByLabelText('Name (English)'), { target: { value: 'Tokyo Marathon 2028' } });
    fireEvent.change(screen.getByLabelText('Race day'), { target: { value: day(90) } });
    fireEvent.change(screen.getByLabelText('Applications open on'), { target: { value: day(0) } });
    // Closing after race day is refused by the server, under the race day.
    fireEvent.change(screen.getByLabelText('Applications close on'), { target: { value: day(100) } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Runner places' }), { target: { value: '30' } });
    fireEvent.click(screen.getByLabelText('Campaign', { selector: 'input' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Marathon 2028 runners (marathon-2028)', hidden: true }));
    fireEvent.click(screen.getByRole('button', { name: 'Create event' }));
    await waitFor(() => expect(screen.getByLabelText('Race day').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByLabelText('Code').getAttribute('aria-invalid')).not.toBe('true');

    fireEvent.change(screen.getByLabelText('Applications close on'), { target: { value: day(30) } });
    fireEvent.click(screen.getByRole('button', { name: 'Create event' }));
    // The new event's dashboard opens.
    expect(await screen.findByRole('heading', { level: 1, name: 'Tokyo Marathon 2028' })).toBeDefined();
    expect(screen.getByText('Runners: 0 of 30 places')).toBeDefined();
    expect(screen.getByText('90 days to race day')).toBeDefined();
    const sent = f.sent('POST', '/api/runners/events');
    expect(sent.at(-1)).toMatchObject({ code: 'tokyo-2028', minimumYen: 100000, places: 30, paymentUrl: null, applicationsCloseOn: day(30) });
  });
});
