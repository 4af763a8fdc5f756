import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { i18n } from '../../../web/i18n';
import { meFixture } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import type { AdvocacySettings, Barrier } from '../contract';
import { BarriersPage } from './BarriersPage';

const barrier = (n: number, labelEn: string, labelJa: string, extra: Partial<Barrier> = {}): Barrier => ({
  id: `0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a0${n}`, code: `b0${n}`, labelJa, labelEn, descriptionJa: '', descriptionEn: '', sortOrder: n,
  retiredAt: null, mergedIntoId: null, ...extra,
});
const delay = barrier(1, 'Protection-allowance delay', '保護費の遅延・不支給');
const shelter = barrier(2, 'Shelter shortage', '住居喪失・シェルター不足');
const old = barrier(3, 'Old category', '旧カテゴリー', { retiredAt: '2026-01-10T00:00:00Z', mergedIntoId: shelter.id });
const settings: AdvocacySettings = { minimumCell: 5, publicFigures: ['shelter_nights'], publicPeriod: 'winter' };

describe('BarriersPage', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
      if (url === '/api/auth/me') return jsonResponse(200, meFixture(['advocacy.read', 'advocacy.tag', 'advocacy.manage'], 'en'));
      if (url === '/api/advocacy/barriers?includeRetired=true') return jsonResponse(200, { barriers: [delay, shelter, old] });
      if (url === '/api/advocacy/barriers' && method === 'POST') return jsonResponse(201, barrier(4, String(body.labelEn), String(body.labelJa)));
      if (url === `/api/advocacy/barriers/${shelter.id}` && method === 'PATCH') return jsonResponse(200, { ...shelter, retiredAt: '2026-05-01T00:00:00Z' });
      if (url === `/api/advocacy/barriers/${delay.id}/merge` && method === 'POST') return jsonResponse(200, { ...delay, mergedIntoId: shelter.id });
      if (url === '/api/advocacy/settings' && method === 'GET') return jsonResponse(200, settings);
      if (url === '/api/advocacy/settings' && method === 'PATCH') return jsonResponse(200, { ...settings, ...body });
      if (url === `/api/advocacy/barriers/${old.id}/history`) {
        return jsonResponse(200, { changes: [{
          id: '7b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a07', barrierId: old.id, action: 'edited', changedByName: 'Admin', changedAt: '2026-01-05T01:00:00Z',
          before: { labelEn: 'Older name', labelJa: '旧カテゴリー' }, after: { labelEn: 'Old category', labelJa: '旧カテゴリー' },
        }] });
      }
      return notFoundResponse();
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const sent = (method: string, url: string) =>
    fetchMock.mock.calls.filter(([u, init]) => u === url && (init as RequestInit | undefined)?.method === method).map(([, init]) => JSON.parse(String((init as RequestInit).body)) as unknown);

  function renderPage() {
    renderWithProviders(
      <RequireAuth>
        <BarriersPage />
      </RequireAuth>,
      { route: '/admin/barriers' },
    );
  }

  it('lists the taxonomy with each status, and adds a category after checking it needs both names', async () => {
    renderPage();
    const table = await screen.findByRole('table', { name: 'Barrier categories' });
    expect(within(table).getByRole('row', { name: /Protection-allowance delay/ }).textContent).toContain('Active');
    const oldRow = within(table).getByRole('row', { name: /Old category/ });
    expect(oldRow.textContent).toContain('Merged into Shelter shortage');
    // A merged category cannot be edited, restored or merged again; its history stays.
    expect(within(oldRow).queryByRole('button', { name: /Edit|Restore|Merge/ })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Add category' }));
    expect(await screen.findAllByText('required')).toHaveLength(2);
    expect(sent('POST', '/api/advocacy/barriers')).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('Name (Japanese)'), { target: { value: '精神保健アクセス' } });
    fireEvent.change(screen.getByLabelText('Name (English)'), { target: { value: 'Mental-health access' } });
    fireEvent.change(screen.getByLabelText('Description (English)'), { target: { value: 'No counselling in their language' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add category' }));
    await waitFor(() => expect(sent('POST', '/api/advocacy/barriers')).toHaveLength(1));
    expect(sent('POST', '/api/advocacy/barriers')[0]).toEqual({
      labelJa: '精神保健アクセス', labelEn: 'Mental-health access', descriptionJa: '', descriptionEn: 'No counselling in their language',
    });
  });

  it('retires a category, and merges one into another only after confirming', async () => {
    renderPage();
    await screen.findByRole('table', { name: 'Barrier categories' });
    fireEvent.click(screen.getByRole('button', { name: 'Retire Shelter shortage' }));
    await waitFor(() => expect(sent('PATCH', `/api/advocacy/barriers/${shelter.id}`)).toEqual([{ retired: true }]));

    fireEvent.click(screen.getByRole('button', { name: 'Merge Protection-allowance delay into another category' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('This cannot be undone');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Merge' }));
    expect(await within(dialog).findByText('required')).toBeDefined();
    expect(sent('POST', `/api/advocacy/barriers/${delay.id}/merge`)).toHaveLength(0);
    fireEvent.click(within(dialog).getByLabelText('Merge into', { selector: 'input' }));
    fireEvent.click(await within(dialog).findByRole('option', { name: 'Shelter shortage', hidden: true }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Merge' }));
    await waitFor(() => expect(sent('POST', `/api/advocacy/barriers/${delay.id}/merge`)).toEqual([{ intoId: shelter.id }]));
  });

  it('shows what a change changed in the history', async () => {
    renderPage();
    await screen.findByRole('table', { name: 'Barrier categories' });
    fireEvent.click(screen.getByRole('button', { name: 'History of Old category' }));
    const history = await screen.findByRole('table', { name: 'History of “Old category”' });
    expect(history.textContent).toContain('Edited');
    expect(history.textContent).toContain('Name (English): Older name → Old category');
    expect(history.textContent).not.toContain('Name (Japanese)');
  });

  it('saves k and the public figures, refusing a k below 3 without asking the server', async () => {
    renderPage();
    const k = await screen.findByRole('textbox', { name: 'Smallest cell k' });
    fireEvent.change(k, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('too small (at least 3)')).toBeDefined();
    expect(sent('PATCH', '/api/advocacy/settings')).toHaveLength(0);
    fireEvent.change(k, { target: { value: '10' } });
    fireEvent.click(screen.getByLabelText('People waiting for the protection allowance'));
    fireEvent.click(screen.getByText('This fiscal year'));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(sent('PATCH', '/api/advocacy/settings')).toEqual([
      { minimumCell: 10, publicFigures: ['shelter_nights', 'people_waiting_allowance'], publicPeriod: 'fiscal_year' },
    ]));
  });
});
