import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { meFixture } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import type { StockItem, StockLocation, StockMovement } from '../contract';
import { StockPage } from './StockPage';

const office: StockLocation = { id: '11111111-1111-4111-8111-111111111111', nameJa: '事務所', nameEn: 'Office', isDefault: true, isActive: true, sortOrder: 0 };
const store: StockLocation = { id: '22222222-2222-4222-8222-222222222222', nameJa: '倉庫', nameEn: 'Store', isDefault: false, isActive: true, sortOrder: 1 };
const level = (l: StockLocation, quantity: number, size = '') => ({ locationId: l.id, locationNameJa: l.nameJa, locationNameEn: l.nameEn, size, quantity });
const items: StockItem[] = [
  { itemCode: 'winter_coat', nameJa: '冬用コート', nameEn: 'Winter coat', category: 'clothing', unit: 'piece', sizes: ['M', 'L'], lowStockThreshold: 10, total: 3, isLow: true, levels: [level(office, 1, 'M'), level(store, 2, 'L')] },
  { itemCode: 'food_parcel', nameJa: '食料パック', nameEn: 'Food parcel', category: 'food', unit: 'pack', sizes: [], lowStockThreshold: 20, total: 45, isLow: false, levels: [level(office, 45)] },
];
const given: StockMovement = {
  id: '33333333-3333-4333-8333-333333333333', itemCode: 'winter_coat', itemNameJa: '冬用コート', itemNameEn: 'Winter coat', size: 'M', kind: 'given', quantity: 1,
  locationId: office.id, locationNameJa: '事務所', locationNameEn: 'Office', toLocationId: null, toLocationNameJa: null, toLocationNameEn: null,
  source: null, donorName: null, reason: null, note: '', occurredOn: '2026-12-01', recordedById: '44444444-4444-4444-8444-444444444444', recordedByName: 'Aiko',
  createdAt: '2026-12-01T01:00:00Z', assistanceId: '55555555-5555-4555-8555-555555555555',
  person: { id: '66666666-6666-4666-8666-666666666666', fileNumber: 'TB-000042', familyName: 'Mbala', givenName: 'Grace', nameInOwnScript: null, nameKana: null, dateOfBirth: null, dateOfBirthEstimated: false, sex: 'female', nationality: 'CD' },
};

describe('StockPage', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  let permissions: string[];
  let language: 'ja' | 'en';

  beforeEach(() => {
    permissions = ['stock.read', 'stock.write'];
    language = 'en';
    fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/me') return jsonResponse(200, meFixture(permissions, language));
      if (url === '/api/stock') return jsonResponse(200, { items });
      if (url === '/api/stock/locations') return jsonResponse(200, { items: [office, store] });
      if (url.startsWith('/api/stock/movements') && (init?.method ?? 'GET') === 'GET') return jsonResponse(200, { items: [given] });
      if (url === '/api/stock/movements') {
        return jsonResponse(409, { error: { code: 'stock.insufficient', message: 'Not enough in stock: 1 left.', fields: {} } });
      }
      return notFoundResponse();
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function renderPage() {
    renderWithProviders(
      <RequireAuth>
        <StockPage />
      </RequireAuth>,
    );
  }

  it('shows the low-stock warning first, each item per location and size, and the recent movements', async () => {
    renderPage();
    const warning = await screen.findByRole('alert');
    expect(warning.textContent).toContain('Low stock');
    expect(warning.textContent).toContain('Winter coat: 3 left (threshold 10)');
    expect(warning.textContent).not.toContain('Food parcel');
    const coats = screen.getByRole('table', { name: 'Stock of Winter coat' });
    const rows = within(coats).getAllByRole('row').map((r) => r.textContent);
    expect(rows).toEqual(['LocationSizeQuantity', 'OfficeM1', 'StoreL2']);
    expect(screen.getByRole('table', { name: 'Stock of Food parcel' }).textContent).toContain('45');
    const movements = await screen.findByRole('table', { name: 'Recent movements' });
    const row = within(movements).getAllByRole('row')[1] as HTMLElement;
    expect(row.textContent).toContain('Given');
    expect(row.textContent).toContain('Winter coat (M)');
    expect(row.textContent).toContain('TB-000042');
    expect(row.textContent).toContain('-1');
    expect(screen.getByRole('heading', { name: 'Record a movement' })).toBeDefined();
  });

  it('in Japanese: 在庫 and the warning in Japanese; no movement form without stock.write', async () => {
    permissions = ['stock.read'];
    language = 'ja';
    renderPage();
    const warning = await screen.findByRole('alert');
    expect(warning.textContent).toContain('在庫が少ない品目');
    expect(warning.textContent).toContain('冬用コート：残り3（下限10）');
    expect(screen.getByRole('heading', { name: '在庫' })).toBeDefined();
    await screen.findByRole('table', { name: '最近の入出庫' });
    expect(screen.queryByRole('heading', { name: '入出庫を記録' })).toBeNull();
  });

  it('an adjustment needs a reason before it is sent, and the server’s refusal is shown', async () => {
    renderPage();
    await screen.findByRole('heading', { name: 'Record a movement' });
    fireEvent.click(screen.getByRole('combobox', { name: 'Item' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Food parcel', hidden: true }));
    fireEvent.click(screen.getByRole('combobox', { name: 'Movement' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Adjusted', hidden: true }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Quantity' }), { target: { value: '-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record' }));
    expect(await screen.findByText('An adjustment needs a reason.')).toBeDefined();
    expect(fetchMock.mock.calls.some(([, init]) => (init as RequestInit | undefined)?.method === 'POST')).toBe(false);
    fireEvent.change(screen.getByRole('textbox', { name: /Reason/ }), { target: { value: 'Expired' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([, init]) => (init as RequestInit | undefined)?.method === 'POST')).toBe(true));
    const post = fetchMock.mock.calls.find(([, init]) => (init as RequestInit | undefined)?.method === 'POST') as [string, RequestInit];
    expect(JSON.parse(post[1].body as string)).toMatchObject({ itemCode: 'food_parcel', kind: 'adjusted', quantity: -2, reason: 'Expired' });
    expect(await screen.findByText('Not enough in stock: 1 left.')).toBeDefined();
  });
});
