import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addDays, tokyoDate } from '../../../shared/time';
import { formatDate } from '../../../web/format';
import { renderFundraising, withFundraisingServer } from './fundraising.test-render';

const daysAgo = (n: number) => addDays(tokyoDate(), -n);
const shown = (date: string) => formatDate(date, 'en');

describe('the supporter page (/fundraising/supporters/:id)', () => {
  const fundraiser = withFundraisingServer('en');

  /** A supporter in Ginza with a gift received three days ago and one refunded. */
  async function hanakoWithGifts() {
    const f = fundraiser();
    const hanako = await f.supporter({
      familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', email: `hanako.${Date.now()}@example.jp`,
      address: { postalCode: '1040061', line1: '銀座1-2-3' },
      // Each test makes its own 山田 花子 in Ginza: the server is told they are meant.
      acknowledgeDuplicates: true,
    });
    const received = await f.gift({ supporterId: hanako.id, amountYen: 12_500, receivedOn: daysAgo(3), method: 'direct_debit', donorMessage: 'がんばってください' });
    const refunded = await f.gift({ supporterId: hanako.id, amountYen: 5_000, receivedOn: daysAgo(10), method: 'card' });
    await f.session.api('POST', `/api/fundraising/gifts/${refunded.id}/refund`, { version: refunded.version, refundedOn: daysAgo(5), reason: 'Charged twice' });
    return { hanako, received, refunded };
  }

  it('shows a recorded gift, and a refunded one struck through with its reversing entry, newest first, and giving by year', async () => {
    const { hanako } = await hanakoWithGifts();
    renderFundraising(`/fundraising/supporters/${hanako.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: '山田 花子 様' })).toBeDefined();
    expect(screen.getByText('Reading (katakana)').parentElement?.textContent).toBe('Reading (katakana)ヤマダ ハナコ');

    const table = await screen.findByRole('table', { name: 'Gifts' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual([shown(daysAgo(3)), shown(daysAgo(5)), shown(daysAgo(10))]);
    const [first, second, third] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(first.textContent).toContain('¥12,500');
    expect(first.textContent).toContain('Direct debit (口座振替)');
    expect(first.textContent).toContain('Received');
    expect(first.textContent).toContain('Donor’s message: “がんばってください”');
    // The reversing entry names the gift it reverses and why.
    expect(second.textContent).toContain('−¥5,000');
    expect(second.textContent).toContain('Refund (reversing entry)');
    expect(second.textContent).toContain(`Refund of the gift of ¥5,000 received on ${shown(daysAgo(10))}`);
    expect(second.textContent).toContain('Reason: Charged twice');
    // The refunded gift stays, struck through, and says so in words.
    expect(third.querySelector('del')?.textContent).toBe('¥5,000');
    expect(third.textContent).toContain('(refunded)');
    expect(within(third).getByText('Refunded')).toBeDefined();
    expect(within(third).queryByRole('button', { name: /Refund/ })).toBeNull();

    const byYear = await screen.findByRole('table', { name: 'Gifts per calendar year' });
    expect(within(byYear).getByRole('row', { name: `${daysAgo(3).slice(0, 4)} 1 ¥12,500` })).toBeDefined();
    const history = await screen.findByRole('table', { name: 'Address history' });
    expect(history.textContent).toContain('〒104-0061 東京都 中央区 銀座1-2-3');
    expect(history.textContent).toContain('Current address');
    expect(screen.getByRole('link', { name: 'Record a gift' }).getAttribute('href')).toBe(`/fundraising/gifts/new?supporterId=${hanako.id}`);
  });

  it('refunds a gift with a date and a reason, refusing a date in the future', async () => {
    const { hanako, received } = await hanakoWithGifts();
    renderFundraising(`/fundraising/supporters/${hanako.id}`);
    fireEvent.click(await screen.findByRole('button', { name: `Refund ¥12,500 of ${shown(daysAgo(3))}` }));
    const dialog = await screen.findByRole('dialog', { name: 'Refund a gift' });
    fireEvent.change(within(dialog).getByLabelText('Refunded on'), { target: { value: addDays(tokyoDate(), 1) } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record refund' }));
    expect(await within(dialog).findByText('must not be in the future')).toBeDefined();
    expect(within(dialog).getByText('required')).toBeDefined();
    expect(fundraiser().sent('POST', `/api/fundraising/gifts/${received.id}/refund`)).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('Refunded on'), { target: { value: daysAgo(1) } });
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Asked by the donor' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record refund' }));
    await waitFor(() => expect(fundraiser().sent('POST', `/api/fundraising/gifts/${received.id}/refund`)).toEqual([
      { version: received.version, refundedOn: daysAgo(1), reason: 'Asked by the donor' },
    ]));
    const table = screen.getByRole('table', { name: 'Gifts' });
    expect(await within(table).findByText(`Refund of the gift of ¥12,500 received on ${shown(daysAgo(3))}`)).toBeDefined();
    expect(within(table).getAllByRole('row')[1]?.textContent).toContain('−¥12,500');
  });

  it('records a gift from the supporter page: whole yen, never in the future, with a soft credit', async () => {
    const hanako = await fundraiser().supporter({ familyName: '山田', givenName: '一子' });
    renderFundraising(`/fundraising/gifts/new?supporterId=${hanako.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Record a gift' })).toBeDefined();
    expect(await screen.findByText('山田 一子 様')).toBeDefined();
    fireEvent.change(screen.getByLabelText('Received on'), { target: { value: addDays(tokyoDate(), 2) } });
    fireEvent.click(screen.getByRole('button', { name: 'Record gift' }));
    expect(await screen.findByText('must not be in the future')).toBeDefined();
    expect(screen.getByText('required')).toBeDefined();
    expect(fundraiser().sent('POST', '/api/fundraising/gifts')).toHaveLength(0);

    fireEvent.change(screen.getByRole('textbox', { name: 'Amount (yen)' }), { target: { value: '30000' } });
    fireEvent.change(screen.getByLabelText('Received on'), { target: { value: daysAgo(1) } });
    fireEvent.click(screen.getByLabelText('Kind', { selector: 'input' }));
    fireEvent.click(await screen.findByRole('option', { name: 'In memory of', hidden: true }));
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: '山田 一郎' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record gift' }));
    // Back on the supporter's page, the new gift is first.
    const table = await screen.findByRole('table', { name: 'Gifts' });
    expect(within(table).getAllByRole('row')[1]?.textContent).toContain('¥30,000');
    expect(within(table).getAllByRole('row')[1]?.textContent).toContain('In memory of: 山田 一郎');
    expect(fundraiser().sent('POST', '/api/fundraising/gifts')[0]).toMatchObject({
      supporterId: hanako.id, amountYen: 30000, receivedOn: daysAgo(1), method: 'bank_transfer', status: 'received', feeYen: 0,
      softCredits: [{ kind: 'in_memory', supporterId: null, name: '山田 一郎' }],
    });
  });

  it('shows monthly giving with amount, day, method and status; pauses it with a reason and resumes it', async () => {
    const hanako = await fundraiser().supporter({ familyName: '山田', givenName: '二子' });
    const monthly = await fundraiser().commitment({ supporterId: hanako.id, amountYen: 3_000, dayOfMonth: 27, startsOn: daysAgo(60) });
    renderFundraising(`/fundraising/supporters/${hanako.id}`);
    const table = await screen.findByRole('table', { name: 'Monthly and yearly giving' });
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    for (const text of ['¥3,000', 'Monthly on day 27', `Since ${shown(daysAgo(60))}`, 'Direct debit (口座振替)', 'Active']) expect(row.textContent).toContain(text);

    fireEvent.click(within(row).getByRole('button', { name: 'Pause' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pause' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('required')).toBeDefined();
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Lost their job' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    const paused = await within(screen.getByRole('table', { name: 'Monthly and yearly giving' })).findByText('Paused');
    const pausedRow = paused.closest('tr') as HTMLElement;
    expect(pausedRow.textContent).toContain('Reason: Lost their job');
    expect(fundraiser().sent('PATCH', `/api/fundraising/commitments/${monthly.id}`)).toEqual([
      { version: monthly.version, status: 'paused', reason: 'Lost their job', effectiveOn: tokyoDate() },
    ]);
    fireEvent.click(within(pausedRow).getByRole('button', { name: 'Resume' }));
    expect(await within(screen.getByRole('table', { name: 'Monthly and yearly giving' })).findByText('Active')).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Change amount' }));
    const change = await screen.findByRole('dialog', { name: 'Change amount' });
    fireEvent.change(within(change).getByRole('textbox', { name: 'New amount (yen)' }), { target: { value: '5000' } });
    fireEvent.click(within(change).getByRole('button', { name: 'Save' }));
    expect(await within(screen.getByRole('table', { name: 'Monthly and yearly giving' })).findByText('¥5,000')).toBeDefined();
  });

  it('edits a supporter with its version; a new address is a move, and the old one stays in the history', async () => {
    const { hanako } = await hanakoWithGifts();
    renderFundraising(`/fundraising/supporters/${hanako.id}`);
    await screen.findByRole('heading', { level: 1, name: '山田 花子 様' });
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    expect(screen.queryByLabelText('Moved on')).toBeNull();
    fireEvent.change(screen.getByLabelText('Postal code'), { target: { value: '5300001' } });
    await waitFor(() => expect(screen.getByLabelText('Prefecture')).toHaveProperty('value', '大阪府'));
    fireEvent.change(screen.getByLabelText('Town and block number'), { target: { value: '梅田1-1' } });
    fireEvent.change(screen.getByLabelText('Moved on'), { target: { value: daysAgo(2) } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    // Saved: the form closes, and the history holds both addresses.
    expect(await screen.findByRole('button', { name: 'Edit' })).toBeDefined();
    expect(fundraiser().sent('PATCH', `/api/fundraising/supporters/${hanako.id}`)[0]).toMatchObject({
      version: hanako.version, familyName: '山田', email: hanako.email,
      address: { country: 'JP', postalCode: '5300001', prefecture: '大阪府', city: '大阪市北区', line1: '梅田1-1', line2: '', validFrom: daysAgo(2) },
    });
    const history = screen.getByRole('table', { name: 'Address history' });
    await waitFor(() => expect(within(history).getAllByRole('row')).toHaveLength(3));
    const [, current, old] = within(history).getAllByRole('row') as [HTMLElement, HTMLElement, HTMLElement];
    expect(current.textContent).toContain('〒530-0001 大阪府 大阪市北区 梅田1-1');
    expect(current.textContent).toContain(shown(daysAgo(2)));
    expect(current.textContent).toContain('Current address');
    expect(old.textContent).toContain('〒104-0061 東京都 中央区 銀座1-2-3');
    expect(old.textContent).not.toContain('Current address');
  });

  it('sends no address when only the name changes (not a move)', async () => {
    const { hanako } = await hanakoWithGifts();
    renderFundraising(`/fundraising/supporters/${hanako.id}`);
    await screen.findByRole('heading', { level: 1, name: '山田 花子 様' });
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    fireEvent.change(screen.getByLabelText('Given name'), { target: { value: '華子' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { level: 1, name: '山田 華子 様' })).toBeDefined();
    const [patch] = fundraiser().sent('PATCH', `/api/fundraising/supporters/${hanako.id}`) as [Record<string, unknown>];
    expect(patch).toMatchObject({ version: hanako.version, givenName: '華子' });
    expect(patch).not.toHaveProperty('address');
    expect(within(screen.getByRole('table', { name: 'Address history' })).getAllByRole('row')).toHaveLength(2);
  });

  it('merges a duplicate after a preview of what moves, and undoes the merge', async () => {
    const f = fundraiser();
    const kept = await f.supporter({ familyName: '木村', givenName: '拓也', familyNameKana: 'キムラ', givenNameKana: 'タクヤ' });
    const other = await f.supporter({ familyName: '木村', givenName: 'たくや', familyNameKana: 'キムラ', givenNameKana: 'タクヤ', phone: '090-1234-5678', acknowledgeDuplicates: true });
    await f.gift({ supporterId: other.id, amountYen: 3_000, receivedOn: daysAgo(20) });
    renderFundraising(`/fundraising/supporters/${kept.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Merge a duplicate' }));
    const search = screen.getByRole('combobox', { name: 'Find the record to merge' });
    fireEvent.change(search, { target: { value: 'キムラ' } });
    expect(await screen.findByRole('option', { name: /木村 たくや 様/ })).toBeDefined();
    // The supporter itself is never offered.
    expect(screen.queryByRole('option', { name: /木村 拓也 様/ })).toBeNull();
    fireEvent.keyDown(search, { key: 'Enter' });

    const preview = await screen.findByRole('region', { name: 'What the merge will do' });
    expect(preview.textContent).toContain('Kept (this record)');
    expect(preview.textContent).toContain(`Merged into it木村 たくや 様`);
    // The result takes the phone the kept record lacked.
    expect(within(preview).getByText('After the merge').parentElement?.textContent).toContain('Phone: 090-1234-5678');
    expect(preview.textContent).toContain('1 gifts, 0 regular gifts');
    fireEvent.click(within(preview).getByRole('button', { name: 'Merge' }));
    const merges = await screen.findByRole('table', { name: 'Merges' });
    expect(fundraiser().sent('POST', '/api/fundraising/supporters/merge')).toEqual([{ keptId: kept.id, mergedId: other.id }]);
    // The merged record's gift is now this supporter's.
    expect(await within(await screen.findByRole('table', { name: 'Gifts' })).findByText('¥3,000')).toBeDefined();

    fireEvent.click(within(merges).getByRole('button', { name: 'Undo' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo the merge' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Merges' })).queryByRole('button', { name: 'Undo' })).toBeNull());
    expect(screen.getByRole('table', { name: 'Merges' }).textContent).toContain('Undone');
    await waitFor(() => expect(screen.queryByRole('table', { name: 'Gifts' })).toBeNull());
    expect(screen.getByText('No gifts yet.')).toBeDefined();
  });
});
