import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PageRevision, RunnerDetail } from '../contract';
import { renderRunners, withRunnersServer } from './runners.test-render';

describe('page moderation', () => {
  const fundraiser = withRunnersServer('en');

  it('approves one page and sends another back with a note the runner will read', async () => {
    const f = fundraiser();
    const event = await f.event({ code: 'mod-2027', nameEn: 'Moderated marathon' });
    const ota = await f.runner(event, { familyName: 'Ota', givenName: 'Ryo', email: 'ota.mod@example.com' });
    const sano = await f.runner(event, { familyName: 'Sano', givenName: 'Aki', email: 'sano.mod@example.com' });
    await f.session.api<PageRevision>('POST', `/api/runners/runners/${ota.id}/page`, { displayName: 'Ryo for refuge', story: 'Ten years of running.', goalYen: 150_000 });
    await f.session.api<PageRevision>('POST', `/api/runners/runners/${sano.id}/page`, { displayName: 'Aki', story: 'Call me on 090-0000-0000.', goalYen: 100_000 });

    renderRunners('/runners/moderation');
    const ryo = await screen.findByRole('article', { name: 'Ryo for refuge (runner Ota Ryo)' });
    expect(ryo.textContent).toContain('Ten years of running.');
    expect(ryo.textContent).toContain('¥150,000');
    expect(ryo.textContent).toContain('now ¥100,000');
    expect(ryo.textContent).toContain('Moderated marathon');
    expect(ryo.textContent).toContain('No photo');
    fireEvent.click(within(ryo).getByRole('button', { name: 'Approve and publish: Ryo for refuge' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Ryo for refuge (runner Ota Ryo)' })).toBeNull());

    const aki = screen.getByRole('article', { name: 'Aki (runner Sano Aki)' });
    fireEvent.click(within(aki).getByRole('button', { name: 'Reject: Aki' }));
    fireEvent.click(within(aki).getByRole('button', { name: 'Reject with this note' }));
    expect(await within(aki).findByText('required')).toBeDefined();
    expect(f.sent('POST', `/api/runners/revisions/${(await f.session.api<RunnerDetail>('GET', `/api/runners/runners/${sano.id}`)).revisions[0]?.id}/review`)).toEqual([]);
    fireEvent.change(within(aki).getByLabelText(/Note to the runner/), { target: { value: 'Please leave your phone number out.' } });
    fireEvent.click(within(aki).getByRole('button', { name: 'Reject with this note' }));
    expect(await screen.findByText('No page is waiting for review.')).toBeDefined();

    const [approved, rejected] = await Promise.all([
      f.session.api<RunnerDetail>('GET', `/api/runners/runners/${ota.id}`),
      f.session.api<RunnerDetail>('GET', `/api/runners/runners/${sano.id}`),
    ]);
    expect(approved.pageState).toBe('published');
    expect(rejected.revisions[0]).toMatchObject({ status: 'rejected', reviewNote: 'Please leave your phone number out.' });
  });
});
