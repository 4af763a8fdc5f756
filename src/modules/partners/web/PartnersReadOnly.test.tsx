import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPartners, withPartnersServer } from './partners.test-render';

// Reception may read the directory (partners.read) but not change it; in Japanese.
const reception = withPartnersServer('reception', 'ja');

beforeAll(async () => {
  await reception().partner({
    kind: 'free_low_cost_clinic', nameJa: '池袋ひかり診療所', nameEn: 'Ikebukuro Hikari Clinic', nameKana: 'イケブクロヒカリ', postalCode: '1710021',
    phone: '03-9876-5432', nearestStation: '池袋駅', languages: ['en', 'my'], cost: 'sliding_scale', acceptsUninsured: true, acceptsNoStatus: true,
  });
  await reception().partner({ kind: 'job_agency', nameJa: 'ハローワーク池袋', nameKana: 'ハローワークイケブクロ', postalCode: '1710021' });
});

describe('the partners directory for staff who may only read it', () => {
  it('finds and shows partners in Japanese, with no controls to add, import, edit or archive', async () => {
    renderPartners('/partners');
    expect(await screen.findByRole('heading', { level: 1, name: '連携先一覧' })).toBeDefined();
    expect(await screen.findByText('2 件')).toBeDefined();
    expect(screen.queryByRole('link', { name: '連携先を追加' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'CSV を取り込む' })).toBeNull();

    fireEvent.click(screen.getByRole('checkbox', { name: '在留資格なしで受診・利用できる' }));
    await waitFor(() => expect(screen.getByText('1 件')).toBeDefined());
    const row = screen.getByRole('rowheader', { name: /池袋ひかり診療所/ }).closest('tr') as HTMLElement;
    for (const text of ['無料低額診療', '東京都 豊島区', '池袋駅', '英語、ミャンマー語', '収入に応じて減額', '保険なしで受診可', '在留資格なしで受診可']) {
      expect(within(row).getByText(text)).toBeDefined();
    }
    fireEvent.click(within(row).getByRole('link', { name: '池袋ひかり診療所' }));

    expect(await screen.findByRole('heading', { level: 1, name: '池袋ひかり診療所' })).toBeDefined();
    expect(screen.getByRole('link', { name: '03-9876-5432' }).getAttribute('href')).toBe('tel:0398765432');
    expect(screen.queryByRole('button', { name: '編集' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'アーカイブする' })).toBeNull();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('refuses the form and the import to them', async () => {
    const page = renderPartners('/partners/new');
    expect(await screen.findByRole('heading', { level: 1, name: '権限がありません' })).toBeDefined();
    expect(screen.queryByLabelText('名称（日本語）')).toBeNull();
    page.unmount();
    renderPartners('/partners/import');
    expect(await screen.findByRole('heading', { level: 1, name: '権限がありません' })).toBeDefined();
    expect(screen.queryByLabelText('CSV ファイル')).toBeNull();
  });
});
