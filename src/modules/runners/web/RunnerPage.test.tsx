import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { tokyoDate } from '../../../shared/time';
import { renderRunners, withRunnersServer } from './runners.test-render';

describe('a runner', () => {
  const fundraiser = withRunnersServer('en');

  it('shows the runner against the goal, hands over a single-use edit link, and takes a page written by staff to review', async () => {
    const f = fundraiser();
    const event = await f.event({ code: 'runner-2027' });
    const runner = await f.runner(event, { familyName: 'Ueda', givenName: 'Jun', email: 'ueda.runner@example.com', goalYen: 120_000 });
    await f.giftFor(event, runner, 30_000);
    await f.publish(runner, { displayName: 'Jun runs for refuge', story: 'First marathon.' });

    renderRunners(`/runners/runners/${runner.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Ueda Jun' })).toBeDefined();
    expect(screen.getByRole('progressbar', { name: '¥30,000 of ¥120,000 (25%)' })).toBeDefined();
    expect(screen.getByRole('link', { name: runner.supporterNumber }).getAttribute('href')).toBe(`/fundraising/supporters/${runner.supporterId}`);
    expect(screen.getByText(runner.code)).toBeDefined();
    expect(screen.getByText('Published')).toBeDefined();
    const publicLink = screen.getByRole('link', { name: `${window.location.origin}/give/runner-2027/${runner.slug}` });
    expect(publicLink.getAttribute('href')).toBe(`/give/runner-2027/${runner.slug}`);

    // Without a mail server the link is shown once, to copy and give by hand.
    fireEvent.click(screen.getByRole('button', { name: 'Send an edit link' }));
    const handOver = await screen.findByText(/Give this address to the runner yourself/);
    expect(handOver.textContent).toMatch(/works once/);
    expect(screen.getByText(/\/give\/edit\/[A-Za-z0-9_-]{20,}$/)).toBeDefined();
    expect(screen.getByRole('button', { name: 'Copy the link' })).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Write the page' }));
    expect((screen.getByLabelText('Name shown on the page') as HTMLInputElement).value).toBe('Jun runs for refuge');
    fireEvent.change(screen.getByLabelText('Story'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send for review' }));
    await waitFor(() => expect(screen.getByLabelText('Story').getAttribute('aria-invalid')).toBe('true'));
    fireEvent.change(screen.getByLabelText('Story'), { target: { value: 'My first marathon, for people who fled war.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send for review' }));
    expect(await screen.findByText('Published, changes waiting for review')).toBeDefined();
    const revisions = screen.getByRole('table', { name: 'Page versions' });
    const rows = within(revisions).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('Waiting for review');
    expect(rows[0]?.textContent).toContain('by staff');
    expect(rows[0]?.textContent).toContain('My first marathon, for people who fled war.');
    expect(rows[1]?.textContent).toContain('Approved');
  });

  it('lists the gifts through the page, hides one from the wall, and confirms a bank-transfer pledge on the day it arrived', async () => {
    const f = fundraiser();
    const event = await f.event({ code: 'wall-2027' });
    const runner = await f.runner(event, { familyName: 'Wada', givenName: 'Kei', email: 'wada.wall@example.com' });
    await f.publish(runner);
    const named = await f.pledge(event, runner, { amountYen: '5000', familyName: 'Kimura', email: 'kimura.wall@example.com', wall: 'name', wallName: 'Kimura family', showAmount: 'on', message: 'Go Kei!' });
    const anonymous = await f.pledge(event, runner, { amountYen: '3000', familyName: 'Hoshi', email: 'hoshi.wall@example.com', wall: 'anonymous', message: 'Gambatte' });

    renderRunners(`/runners/runners/${runner.id}`);
    const wall = await screen.findByRole('table', { name: 'Gifts through the page' });
    const row = (reference: string) => within(wall).getByText(reference).closest('tr') as HTMLElement;
    expect(row(named.reference).textContent).toContain('Kimura family');
    expect(row(named.reference).textContent).toContain('¥5,000amount shown');
    expect(row(anonymous.reference).textContent).toContain('Anonymous');
    expect(row(anonymous.reference).textContent).toContain('amount not shown');
    expect(row(anonymous.reference).textContent).toContain('Pledged (not yet received)');

    fireEvent.click(within(row(anonymous.reference)).getByRole('button', { name: `Hide: ${anonymous.reference}` }));
    expect(await within(wall).findByText('Hidden from the page')).toBeDefined();
    expect(within(row(anonymous.reference)).getByRole('button', { name: `Show again: ${anonymous.reference}` })).toBeDefined();

    const receivedOn = within(row(named.reference)).getByLabelText(`Received on (${named.reference})`) as HTMLInputElement;
    expect(receivedOn.value).toBe(tokyoDate());
    fireEvent.click(within(row(named.reference)).getByRole('button', { name: `Confirm received: ${named.reference}` }));
    await waitFor(() => expect(row(named.reference).textContent).toContain('Received'));
    expect(await screen.findByRole('progressbar', { name: '¥5,000 of ¥100,000 (5%)' })).toBeDefined();
    expect(f.sent('POST', `/api/runners/page-gifts/${named.giftId}/confirm`)).toEqual([{ status: 'received', receivedOn: tokyoDate() }]);

    fireEvent.click(within(row(anonymous.reference)).getByRole('button', { name: `Not paid: ${anonymous.reference}` }));
    await waitFor(() => expect(row(anonymous.reference).textContent).toContain('Failed'));
  });
});
