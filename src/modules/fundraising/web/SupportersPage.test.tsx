import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../web/i18n';
import { meFixture } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse } from '../../../web/test/render';
import { renderFundraising, withFundraisingServer } from './fundraising.test-render';

// One server for the file: starting it (PGlite and every migration) is the slow part.
const fundraiser = withFundraisingServer('en');

describe('the supporters page (/fundraising/supporters)', () => {

  it('searches as you type and opens a result with the keyboard; a result shows number, name with 御中, reading, city and email', async () => {
    const office = await fundraiser().supporter({
      kind: 'organisation', organisationName: '株式会社ミライ', organisationNameKana: 'ミライ', department: '総務部', email: 'soumu@mirai.example.jp',
      address: { postalCode: '530-0001', line1: '梅田1-1' },
    });
    renderFundraising('/fundraising/supporters');
    const search = await screen.findByRole('combobox', { name: 'Search supporters' });
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: 'みらい' } });
    // Debounced: nothing asked at the keystroke itself.
    expect(fundraiser().sent('GET', '/api/fundraising/supporters')).toHaveLength(0);
    const option = await screen.findByRole('option');
    expect(option.getAttribute('aria-selected')).toBe('true');
    for (const text of [office.supporterNumber, '株式会社ミライ 総務部 御中', 'ミライ', '大阪府 大阪市北区', 'soumu@mirai.example.jp']) {
      expect(within(option).getByText(text)).toBeDefined();
    }
    expect(screen.getByRole('status').textContent).toBe('1 supporter found');
    expect(screen.getByRole('link', { name: 'Add supporter' }).getAttribute('href')).toBe('/fundraising/supporters/new');
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(await screen.findByRole('heading', { level: 1, name: '株式会社ミライ 総務部 御中' })).toBeDefined();
  });

  it('shows Japanese texts after the language is switched', async () => {
    renderFundraising('/fundraising/supporters');
    expect(await screen.findByRole('heading', { level: 1, name: 'Supporters' })).toBeDefined();
    await act(() => i18n.changeLanguage('ja'));
    expect(await screen.findByRole('heading', { level: 1, name: '支援者' })).toBeDefined();
    const search = screen.getByRole('combobox', { name: '支援者を検索' });
    expect(screen.getByRole('link', { name: '支援者を追加' })).toBeDefined();
    fireEvent.change(search, { target: { value: '存在しない名前' } });
    expect(await screen.findByText('該当する支援者はいません')).toBeDefined();
  });

  it('hides "Add supporter" from staff who may only read, and refuses them the form', async () => {
    // No role has fundraising.read alone today: a staff member with it is made up here.
    vi.stubGlobal('fetch', async (url: string) => {
      if (url === '/api/auth/me') return jsonResponse(200, meFixture(['fundraising.read'], 'en'));
      return notFoundResponse();
    });
    const page = renderFundraising('/fundraising/supporters');
    await screen.findByRole('combobox', { name: 'Search supporters' });
    expect(screen.queryByRole('link', { name: 'Add supporter' })).toBeNull();
    page.unmount();
    renderFundraising('/fundraising/supporters/new');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeDefined();
    expect(screen.queryByLabelText('Postal code')).toBeNull();
  });
});

describe('the supporter form (/fundraising/supporters/new)', () => {
  const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

  async function openForm() {
    renderFundraising('/fundraising/supporters/new');
    await screen.findByRole('heading', { level: 1, name: 'Add a supporter' });
  }

  it('fills 東京都 中央区 from 104-0061 and shows the town, and shows the error of an unknown code', async () => {
    await openForm();
    type('Postal code', '104-0061');
    await waitFor(() => expect(screen.getByLabelText('Prefecture')).toHaveProperty('value', '東京都'));
    expect(screen.getByLabelText('City, ward or town')).toHaveProperty('value', '中央区');
    expect(screen.getByText('Town: 銀座')).toBeDefined();
    expect(fundraiser().sent('GET', '/api/fundraising/postal-codes/1040061')).toHaveLength(1);

    type('Postal code', '０９９－９９９９');
    expect(await screen.findByText("This postal code does not exist in Japan Post's list.")).toBeDefined();
    expect(screen.getByLabelText('Postal code').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText('Town: 銀座')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add supporter' }));
    expect(fundraiser().sent('POST', '/api/fundraising/supporters')).toHaveLength(0);
  });

  it('shows a strong duplicate beside the form when the email matches an existing supporter, with a link to it', async () => {
    const hanako = await fundraiser().supporter({ familyName: '山田', givenName: '花子', email: 'hanako@example.jp' });
    await openForm();
    type('Family name', '佐藤');
    type('Email', 'Hanako@Example.jp');
    const region = screen.getByRole('region', { name: 'Possibly the same supporter' });
    const link = await within(region).findByRole('link', { name: `${hanako.supporterNumber} 山田 花子 様` });
    expect(link.getAttribute('href')).toBe(`/fundraising/supporters/${hanako.id}`);
    const card = link.closest('[data-level]') as HTMLElement;
    expect(card.getAttribute('data-level')).toBe('strong');
    expect(within(card).getByText('Strong match')).toBeDefined();
    expect(within(card).getByText('Same email')).toBeDefined();
    // Asked once the typing settled, not at every keystroke.
    expect(fundraiser().sent('POST', '/api/fundraising/supporters/duplicates')).toHaveLength(1);
  });

  it('on a 409 possible duplicate shows the message, and saves after “This is a different person — save anyway”', async () => {
    const taro = await fundraiser().supporter({ familyName: '田中', givenName: '太郎', phone: '03-1234-5678' });
    await openForm();
    type('Family name', '田中');
    type('Given name', '太朗');
    type('Family name (katakana)', 'たなか');
    fireEvent.blur(screen.getByLabelText('Family name (katakana)'));
    expect(screen.getByLabelText('Family name (katakana)')).toHaveProperty('value', 'タナカ');
    type('Phone', '０３ー１２３４ー５６７８');
    fireEvent.blur(screen.getByLabelText('Phone'));
    expect(screen.getByLabelText('Phone')).toHaveProperty('value', '03-1234-5678');
    fireEvent.click(screen.getByRole('button', { name: 'Add supporter' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(`This supporter may already be on file (${taro.supporterNumber})`);
    fireEvent.click(within(alert).getByRole('button', { name: 'This is a different person — save anyway' }));

    // The new supporter's page opens.
    expect(await screen.findByRole('heading', { level: 1, name: '田中 太朗 様' })).toBeDefined();
    const posts = fundraiser().sent('POST', '/api/fundraising/supporters') as Array<Record<string, unknown>>;
    expect(posts.map((p) => p.acknowledgeDuplicates)).toEqual([false, true]);
    expect(posts[1]).toMatchObject({ kind: 'individual', familyName: '田中', givenName: '太朗', familyNameKana: 'タナカ' });
  });

  it('asks for a name and a katakana reading before sending anything, and puts server errors under their fields', async () => {
    await openForm();
    type('Family name (katakana)', 'Yamada');
    fireEvent.click(screen.getByRole('button', { name: 'Add supporter' }));
    expect(await screen.findByText('required')).toBeDefined();
    expect(screen.getByText('write the reading in katakana (e.g. ヤマダ)')).toBeDefined();
    expect(fundraiser().sent('POST', '/api/fundraising/supporters')).toHaveLength(0);

    // An organisation with only a building for an address: the server's answer lands under the postal code.
    fireEvent.click(screen.getByRole('radio', { name: 'Organisation' }));
    type('Family name (katakana)', '');
    fireEvent.change(screen.getByRole('textbox', { name: 'Organisation' }), { target: { value: '株式会社テスト' } });
    type('Building and room', '3F');
    fireEvent.click(screen.getByRole('button', { name: 'Add supporter' }));
    await waitFor(() => expect(screen.getByLabelText('Postal code').getAttribute('aria-invalid')).toBe('true'));
    expect(fundraiser().sent('POST', '/api/fundraising/supporters')).toHaveLength(1);
    expect(screen.getByText(/required$/, { selector: '.mantine-InputWrapper-error' }).textContent).toContain('address.postalCode');
  });
});
