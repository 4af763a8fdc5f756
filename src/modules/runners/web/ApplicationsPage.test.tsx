import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Supporter } from '../../fundraising/contract';
import { renderRunners, withRunnersServer } from './runners.test-render';

describe('runner applications', () => {
  const fundraiser = withRunnersServer('en');

  it('shortlists an applicant with the message in their language, then selects them with a goal of at least the minimum', async () => {
    const f = fundraiser();
    const event = await f.event({ code: 'apps-2027', nameEn: 'Tokyo Marathon 2027', minimumYen: 100_000 });
    await f.apply(event.code, {
      familyName: 'Ito', givenName: 'Aya', familyNameKana: 'イトウ', givenNameKana: 'アヤ', email: 'ito.apps@example.com', phone: '090-1234-5678',
      motivation: 'My grandmother was a refugee.', plan: 'A bake sale at work.',
    });
    renderRunners(`/runners/events/${event.id}/applications`);
    expect(await screen.findByRole('tab', { name: 'New (1)', selected: true })).toBeDefined();
    const card = await screen.findByRole('article', { name: 'Ito Aya' });
    expect(card.textContent).toContain('イトウ アヤ');
    expect(card.textContent).toContain('ito.apps@example.com');
    expect(card.textContent).toContain('090-1234-5678');
    expect(card.textContent).toContain('My grandmother was a refugee.');
    expect(card.textContent).toContain('A bake sale at work.');

    fireEvent.click(within(card).getByRole('button', { name: 'Shortlist: Ito Aya' }));
    const dialog = await screen.findByRole('dialog', { name: 'Shortlist: Ito Aya' });
    const message = await within(dialog).findByLabelText('Message to the applicant');
    expect((message as HTMLTextAreaElement).value).toMatch(/^Dear Aya Ito,/);
    fireEvent.change(message, { target: { value: 'Dear Aya Ito,\n\nYou are on our shortlist.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Shortlist' }));
    // No mail server in tests: the message is shown to give by hand.
    expect(await within(dialog).findByText(/The message was not emailed/)).toBeDefined();
    expect(within(dialog).getByText(/You are on our shortlist\./)).toBeDefined();
    expect(within(dialog).getByRole('button', { name: 'Copy the message' })).toBeDefined();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Back to the applications' }));

    fireEvent.click(await screen.findByRole('tab', { name: 'Shortlisted (1)' }));
    const shortlisted = await screen.findByRole('article', { name: 'Ito Aya' });
    fireEvent.click(within(shortlisted).getByRole('button', { name: 'Select: Ito Aya' }));
    const select = await screen.findByRole('dialog', { name: 'Select: Ito Aya' });
    const goal = await within(select).findByRole('textbox', { name: 'Runner’s goal (yen)' });
    expect((goal as HTMLInputElement).value).toBe('¥100,000');
    fireEvent.change(goal, { target: { value: '90000' } });
    fireEvent.click(within(select).getByRole('button', { name: 'Select' }));
    expect(await within(select).findByText('at least the event’s minimum, ¥100,000')).toBeDefined();
    fireEvent.change(goal, { target: { value: '150000' } });
    fireEvent.click(within(select).getByRole('button', { name: 'Select' }));
    expect(await within(select).findByText(/Added as a new supporter, S-/)).toBeDefined();
    const runnerLink = within(select).getByRole('link', { name: /Open .*runner page/ });
    const decisions = f.sent('POST', `/api/runners/applications/${(await f.session.api<{ applications: { id: string }[] }>('GET', `/api/runners/events/${event.id}/applications`)).applications[0]?.id}/decision`);
    expect(decisions).toEqual([
      { decision: 'shortlist', version: 1, reason: '', message: 'Dear Aya Ito,\n\nYou are on our shortlist.' },
      expect.objectContaining({ decision: 'select', goalYen: 150000 }),
    ]);
    const runners = await f.session.api<{ runners: { id: string; goalYen: number }[] }>('GET', `/api/runners/events/${event.id}/dashboard`);
    expect(runners.runners).toEqual([expect.objectContaining({ goalYen: 150000 })]);
    expect(runnerLink.getAttribute('href')).toBe(`/runners/runners/${runners.runners[0]?.id}`);
  });

  it('needs a reason to decline, and matches a selected applicant with the supporter already on file', async () => {
    const f = fundraiser();
    const event = await f.event({ code: 'apps-2028' });
    const existing = await f.session.api<Supporter>('POST', '/api/fundraising/supporters', {
      kind: 'individual', familyName: 'Mori', givenName: 'Sho', email: 'mori.apps@example.com', acknowledgeDuplicates: true,
    });
    await f.apply(event.code, { familyName: 'Mori', givenName: 'Sho', email: 'mori.apps@example.com' });
    await f.apply(event.code, { familyName: 'Noda', givenName: 'Ema', email: 'noda.apps@example.com' });
    renderRunners(`/runners/events/${event.id}/applications?status=submitted`);

    const noda = await screen.findByRole('article', { name: 'Noda Ema' });
    fireEvent.click(within(noda).getByRole('button', { name: 'Decline: Noda Ema' }));
    const decline = await screen.findByRole('dialog', { name: 'Decline: Noda Ema' });
    await within(decline).findByLabelText('Message to the applicant');
    fireEvent.click(within(decline).getByRole('button', { name: 'Decline' }));
    expect(await within(decline).findByText('required')).toBeDefined();
    fireEvent.change(within(decline).getByRole('textbox', { name: /Reason/ }), { target: { value: 'More applicants than places.' } });
    fireEvent.click(within(decline).getByRole('button', { name: 'Decline' }));
    expect(await within(decline).findByText('Decision recorded')).toBeDefined();
    fireEvent.click(within(decline).getByRole('button', { name: 'Back to the applications' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Noda Ema' })).toBeNull());

    const mori = screen.getByRole('article', { name: 'Mori Sho' });
    fireEvent.click(within(mori).getByRole('button', { name: 'Select: Mori Sho' }));
    const select = await screen.findByRole('dialog', { name: 'Select: Mori Sho' });
    await within(select).findByLabelText('Message to the applicant');
    fireEvent.click(within(select).getByRole('button', { name: 'Select' }));
    expect(await within(select).findByText(`Matched the existing supporter ${existing.supporterNumber}: no new record was made.`)).toBeDefined();
    fireEvent.click(within(select).getByRole('button', { name: 'Back to the applications' }));

    fireEvent.click(screen.getByRole('tab', { name: 'Declined (1)' }));
    const declined = await screen.findByRole('article', { name: 'Noda Ema' });
    expect(declined.textContent).toContain('Reason: More applicants than places.');
    expect(within(declined).queryByRole('button')).toBeNull();
  });
});
