import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Partner } from '../contract';
import { renderPartners, withPartnersServer } from './partners.test-render';

// One server for the file, signed in as a coordinator (partners.manage): starting it is the slow part.
const coordinator = withPartnersServer('coordinator', 'en');

let clinic: Partner;
let lawyer: Partner;

beforeAll(async () => {
  clinic = await coordinator().partner({
    kind: 'free_low_cost_clinic', nameJa: '新宿さくら診療所', nameEn: 'Shinjuku Sakura Clinic', nameKana: 'シンジュクサクラシンリョウジョ', postalCode: '160-0023',
    phone: '03-1234-5678', nearestStation: '新宿駅 西口', languages: ['en', 'fr'], cost: 'free', costNotes: '初診無料', acceptsUninsured: true, acceptsNoStatus: true,
  });
  lawyer = await coordinator().partner({ kind: 'lawyer', nameJa: '銀座あおば法律事務所', nameEn: 'Ginza Aoba Law Office', nameKana: 'ギンザアオバ', postalCode: '1040061', languages: ['en'] });
  await coordinator().partner({ kind: 'hospital', nameJa: '横浜みなと病院', nameKana: 'ヨコハマミナトビョウイン', postalCode: '2310023', languages: ['ar'], acceptsUninsured: true });
});

/** The partners the table lists, by their link's name. */
async function listed(expected: string[]) {
  await waitFor(() => {
    const table = screen.queryByRole('table', { name: 'Partners' });
    const names = table ? within(table).getAllByRole('rowheader').map((th) => th.querySelector('a')?.textContent ?? '') : [];
    expect(names.sort()).toEqual([...expected].sort());
  });
}

async function choose(label: string | RegExp, option: string) {
  fireEvent.click(screen.getByLabelText(label, { selector: 'input' }));
  fireEvent.click(await screen.findByRole('option', { name: option, hidden: true }));
}

describe('the partners directory (/partners)', () => {
  it('searches as you type and filters by kind, language, insurance, prefecture and city; a row shows what a referral needs', async () => {
    renderPartners('/partners');
    expect(await screen.findByRole('heading', { level: 1, name: 'Partners directory' })).toBeDefined();
    await listed(['Shinjuku Sakura Clinic', 'Ginza Aoba Law Office', '横浜みなと病院']);
    expect(screen.getByText('3 partners found')).toBeDefined();
    expect(screen.getByRole('link', { name: 'Add a partner' }).getAttribute('href')).toBe('/partners/new');
    expect(screen.getByRole('link', { name: 'Import a CSV' }).getAttribute('href')).toBe('/partners/import');

    const search = screen.getByRole('searchbox', { name: 'Search partners' });
    fireEvent.change(search, { target: { value: 'sakura' } });
    // Debounced: nothing asked at the keystroke itself.
    expect(coordinator().asked('/api/partners').some((url) => url.includes('q=sakura'))).toBe(false);
    await listed(['Shinjuku Sakura Clinic']);
    const row = screen.getByRole('rowheader', { name: /Shinjuku Sakura Clinic/ }).closest('tr') as HTMLElement;
    expect(within(row).getByRole('link', { name: 'Shinjuku Sakura Clinic' }).getAttribute('href')).toBe(`/partners/${clinic.id}`);
    for (const text of ['新宿さくら診療所', 'Free / low-cost clinic (無料低額診療)', '東京都 新宿区', '新宿駅 西口', 'English, French', 'Free', '初診無料', 'Sees people without insurance', 'Sees people without status']) {
      expect(within(row).getByText(text)).toBeDefined();
    }
    expect(within(row).getByRole('link', { name: '03-1234-5678' }).getAttribute('href')).toBe('tel:0312345678');
    expect(screen.getByRole('link', { name: 'Export as CSV' }).getAttribute('href')).toBe('/api/partners/export.csv?q=sakura');

    fireEvent.change(search, { target: { value: '' } });
    await listed(['Shinjuku Sakura Clinic', 'Ginza Aoba Law Office', '横浜みなと病院']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Accepts people without insurance' }));
    await listed(['Shinjuku Sakura Clinic', '横浜みなと病院']);
    await choose('Kind', 'Hospital');
    await listed(['横浜みなと病院']);
    expect(within(screen.getByRole('rowheader', { name: /横浜みなと病院/ }).closest('tr') as HTMLElement).getByText('Sees people without insurance')).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Clear the kinds' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Accepts people without insurance' }));
    await choose('Language spoken', 'French');
    await listed(['Shinjuku Sakura Clinic']);
    fireEvent.click(screen.getByRole('button', { name: 'Clear the language' }));
    await choose('Prefecture', '神奈川県');
    await listed(['横浜みなと病院']);
    fireEvent.click(screen.getByRole('button', { name: 'Clear the prefecture' }));
    fireEvent.change(screen.getByRole('searchbox', { name: 'City or ward' }), { target: { value: '中央区' } });
    await listed(['Ginza Aoba Law Office']);
    fireEvent.change(screen.getByRole('searchbox', { name: 'City or ward' }), { target: { value: '存在しない区' } });
    expect(await screen.findByText('No partner found')).toBeDefined();
    expect(screen.queryByRole('table', { name: 'Partners' })).toBeNull();
  });
});

describe('a partner (/partners/new, /partners/:id)', () => {
  const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

  it('adds a partner: the server’s field errors land on their fields, and prefecture and city come from the postal code', async () => {
    renderPartners('/partners/new');
    expect(await screen.findByRole('heading', { level: 1, name: 'Add a partner' })).toBeDefined();
    await choose(/^Kind/, 'NGO / support group');
    type('Name (Japanese)', 'みなと難民支援の会');
    type('Postal code', '160-0023');
    type('Email', 'not an email');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Accepts people without residence status' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add partner' }));
    await waitFor(() => expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true'));
    expect(coordinator().sent('POST', '/api/partners')).toHaveLength(1);

    type('Email', 'info@minato.example.jp');
    fireEvent.click(screen.getByRole('button', { name: 'Add partner' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'みなと難民支援の会' })).toBeDefined();
    expect(screen.getByText('〒160-0023 東京都 新宿区')).toBeDefined();
    expect(screen.getByText('NGO / support group')).toBeDefined();
    expect(screen.getByText('Takes people without status')).toBeDefined();
    expect(screen.getByRole('link', { name: 'info@minato.example.jp' }).getAttribute('href')).toBe('mailto:info@minato.example.jp');
    const posts = coordinator().sent('POST', '/api/partners') as Array<Record<string, unknown>>;
    // The page left prefecture and city empty: the server filled them.
    expect(posts[1]).toMatchObject({ kind: 'ngo', nameJa: 'みなと難民支援の会', postalCode: '160-0023', prefecture: '', city: '', acceptsNoStatus: true });
  });

  it('changes only what was changed, and archives and brings back', async () => {
    renderPartners(`/partners/${lawyer.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Ginza Aoba Law Office' })).toBeDefined();
    expect(screen.getByText('〒104-0061 東京都 中央区')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    type('Nearest station', '銀座駅 A1 出口');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('銀座駅 A1 出口')).toBeDefined();
    expect(coordinator().sent('PATCH', `/api/partners/${lawyer.id}`)).toEqual([{ version: lawyer.version, nearestStation: '銀座駅 A1 出口' }]);

    fireEvent.click(screen.getByRole('button', { name: 'Archive' }));
    expect(await screen.findByRole('button', { name: 'Bring back from the archive' })).toBeDefined();
    expect(screen.getByText('Archived')).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Bring back from the archive' }));
    expect(await screen.findByRole('button', { name: 'Archive' })).toBeDefined();
    expect(screen.queryByText('Archived')).toBeNull();
    const patches = coordinator().sent('PATCH', `/api/partners/${lawyer.id}`) as Array<Record<string, unknown>>;
    expect(patches.slice(1)).toEqual([{ version: lawyer.version + 1, archived: true }, { version: lawyer.version + 2, archived: false }]);
  });
});

describe('importing partners (/partners/import)', () => {
  function pick(csv: string) {
    const form = screen.getByRole('form', { name: 'Check a CSV file' });
    const input = form.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([csv], 'partners.csv', { type: 'text/csv' })] } });
    fireEvent.click(within(form).getByRole('button', { name: /^Check/ }));
  }

  it('shows a bad row’s errors and no Import button; a clean file imports and says what it did', async () => {
    renderPartners('/partners/import');
    expect(await screen.findByRole('heading', { level: 1, name: 'Import partners from a CSV' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'Download the current directory as a template' }).getAttribute('href')).toBe('/api/partners/export.csv');

    pick(`kind,nameJa,email\r\nngo,よこはま支援ネット,net@example.jp\r\nspaceship,まちがい団体,not an email\r\n`);
    const preview = await screen.findByRole('region', { name: 'What the import will do' });
    expect(within(preview).getByRole('alert').textContent).toContain('1 row has errors');
    const bad = within(preview).getByRole('rowheader', { name: '3' }).closest('tr') as HTMLElement;
    expect(within(bad).getByText('Has errors')).toBeDefined();
    expect(within(bad).getByText('まちがい団体')).toBeDefined();
    expect(within(bad).getByText(/^Kind: /)).toBeDefined();
    expect(within(bad).getByText(/^Email: /)).toBeDefined();
    const good = within(preview).getByRole('rowheader', { name: '2' }).closest('tr') as HTMLElement;
    expect(within(good).getByText('Add')).toBeDefined();
    expect(screen.queryByRole('button', { name: /^Import/ })).toBeNull();

    pick(`kind,nameJa,email\r\nngo,よこはま支援ネット,net@example.jp\r\n`);
    fireEvent.click(await screen.findByRole('button', { name: 'Import 1 partner' }));
    const done = await screen.findByRole('status');
    expect(done.textContent).toContain('1 added, 0 changed, 0 unchanged.');
    expect(screen.queryByRole('region', { name: 'What the import will do' })).toBeNull();
  });
});
