import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { meFixture } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import { defaultCatalogue, type AidItem, type AssistanceCheck } from '../contract';
import { AidFormPage } from './AidFormPage';

const personId = '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11';
const person = {
  id: personId, fileNumber: 'TB-000007', familyName: 'Mbala', givenName: 'Grace', nameInOwnScript: null, nameKana: null, dateOfBirth: null,
  dateOfBirthEstimated: false, sex: 'female', nationality: 'CD', languages: [], phone: null, housing: null, version: 1, mergedIntoId: null,
  createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z',
};
const items: AidItem[] = [
  ...defaultCatalogue.map((i) => ({ ...i, isActive: true })),
  { code: 'boots', nameJa: 'ブーツ', nameEn: 'Boots', category: 'clothing', isMoney: false, isActive: true, sortOrder: 35, unit: 'pair', sizes: ['25', '27'], isStockTracked: true, lowStockThreshold: null, limitQuantity: null, limitDays: null },
];

describe('AidFormPage', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  let checks: Record<string, AssistanceCheck>;
  let postAnswer: Response;
  let language: 'ja' | 'en';

  beforeEach(() => {
    language = 'en';
    checks = {};
    postAnswer = jsonResponse(409, { error: { code: 'stock.insufficient', message: 'Not enough in stock: 0 left.', fields: {} } });
    fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/me') return jsonResponse(200, meFixture(['people.read', 'assistance.read', 'assistance.write', 'catalogue.read', 'budgets.read'], language));
      if (url === '/api/aid-items') return jsonResponse(200, { items });
      if (url === `/api/people/${personId}`) return jsonResponse(200, person);
      if (url.startsWith('/api/assistance/check')) {
        const itemCode = new URL(url, 'http://x').searchParams.get('itemCode') ?? '';
        return jsonResponse(200, checks[itemCode] ?? { isStockTracked: false, available: null, lastGivenOn: null, limit: null });
      }
      if (url === '/api/assistance' && init?.method === 'POST') return postAnswer;
      if (url === '/api/budgets/lines') {
        return jsonResponse(200, { items: [{ id: '9d0c1e55-3f0e-4c55-9a39-2f4f0b1e8a99', nameJa: '交通費基金', nameEn: 'Fares fund', monthlyAmountYen: 50000, isActive: true, sortOrder: 0 }] });
      }
      return notFoundResponse();
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const posts = () => fetchMock.mock.calls.filter(([url, init]) => url === '/api/assistance' && (init as RequestInit | undefined)?.method === 'POST');

  async function choose(itemName: string) {
    renderWithProviders(
      <RequireAuth>
        <Routes>
          <Route path="/people/:id/aid/new" element={<AidFormPage />} />
        </Routes>
      </RequireAuth>,
      { route: `/people/${personId}/aid/new` },
    );
    await screen.findByText('TB-000007');
    fireEvent.click(screen.getByRole('combobox', { name: language === 'ja' ? '品目' : 'Item' }));
    fireEvent.click(await screen.findByRole('option', { name: itemName, hidden: true }));
  }
  /** The form's alert containing the text (notifications, also alerts, may linger from earlier tests). */
  async function alertWith(text: string) {
    await waitFor(() => expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes(text))).toBe(true));
    return screen.getAllByRole('alert').find((a) => a.textContent?.includes(text)) as HTMLElement;
  }
  const save = () => fireEvent.click(screen.getByRole('button', { name: language === 'ja' ? '支援を記録' : 'Save aid' }));

  it('refuses an item that is out of stock, in red, and does not send it', async () => {
    checks.winter_coat = { isStockTracked: true, available: 0, lastGivenOn: null, limit: null };
    await choose('Winter coat');
    const alert = await alertWith('Out of stock');
    expect(alert.textContent).toContain('This item cannot be given until stock is received.');
    save();
    await screen.findAllByText('Out of stock');
    expect(posts()).toHaveLength(0);
  });

  it('shows 在庫がありません in Japanese', async () => {
    language = 'ja';
    checks.winter_coat = { isStockTracked: true, available: 0, lastGivenOn: null, limit: null };
    await choose('冬用コート');
    expect((await alertWith('在庫がありません')).textContent).toContain('入荷するまでこの品目は渡せません。');
  });

  it('shows the stock left, asks for a size, and shows the server’s refusal when someone took the last one first', async () => {
    checks.boots = { isStockTracked: true, available: 2, lastGivenOn: null, limit: null };
    await choose('Boots');
    expect(await screen.findByText('2 in stock')).toBeDefined();
    save();
    expect(await screen.findByText('Choose a size for this item.')).toBeDefined();
    expect(posts()).toHaveLength(0);
    fireEvent.click(screen.getByRole('combobox', { name: 'Size' }));
    fireEvent.click(await screen.findByRole('option', { name: '27', hidden: true }));
    save();
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(JSON.parse((posts()[0]?.[1] as RequestInit).body as string)).toMatchObject({ personId, itemCode: 'boots', size: '27', quantity: 1 });
    const refusal = await screen.findByText('Not enough in stock: 0 left.', { selector: '.mantine-Alert-message, .mantine-Alert-message *' });
    expect(refusal).toBeDefined();
  });

  it('warns when the limit is reached with the last date given, and needs a reason to save', async () => {
    checks.food_parcel = { isStockTracked: true, available: 30, lastGivenOn: '2026-12-01', limit: { quantity: 1, days: 7, givenInPeriod: 1, isReached: true } };
    postAnswer = jsonResponse(201, {});
    await choose('Food parcel');
    const warning = await alertWith('Limit reached');
    expect(warning.textContent).toContain('At most 1 per person in 7 days: 1 given in this period, last on 1 Dec 2026.');
    save();
    expect(await screen.findByText('To give it anyway, write the reason.', { selector: '.mantine-TextInput-error' })).toBeDefined();
    expect(posts()).toHaveLength(0);
    fireEvent.change(screen.getByRole('textbox', { name: /Reason for exceeding the limit/ }), { target: { value: 'Family of four' } });
    save();
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(JSON.parse((posts()[0]?.[1] as RequestInit).body as string)).toMatchObject({ itemCode: 'food_parcel', overrideReason: 'Family of four' });
  });

  it('pays a money item from a chosen budget line', async () => {
    postAnswer = jsonResponse(201, {});
    await choose('Transport fare');
    fireEvent.change(screen.getByRole('textbox', { name: 'Amount (yen)' }), { target: { value: '1280' } });
    fireEvent.click(await screen.findByRole('combobox', { name: 'Budget line' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Fares fund', hidden: true }));
    save();
    await waitFor(() => expect(posts()).toHaveLength(1));
    expect(JSON.parse((posts()[0]?.[1] as RequestInit).body as string)).toMatchObject({ itemCode: 'transport_fare', amountYen: 1280, budgetLineId: '9d0c1e55-3f0e-4c55-9a39-2f4f0b1e8a99' });
  });
});
