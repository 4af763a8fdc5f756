import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../web/i18n';
import { jsonResponse, renderWithProviders } from '../../../web/test/render';
import type { Person } from '../../people/contract';
import type { MergePreview } from '../contract';
import { MergePage } from './MergePage';
import { PersonMergeSection } from './PersonMergeSection';

const base = {
  nameInOwnScript: null, dateOfBirthEstimated: false, sex: 'male', nationality: null, phone: null, housing: null,
  mergedIntoId: null, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z',
} as const;
const survivor: Person = { ...base, id: '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11', fileNumber: 'TB-000001', familyName: 'Gebremariam', givenName: 'Abebe', nameKana: null, dateOfBirth: null, languages: ['am'], version: 3 };
const merged: Person = { ...base, id: '1c8d7a66-4f1f-4d66-8b4a-3a5a1c2f9b22', fileNumber: 'TB-000002', familyName: 'Gebremaryam', givenName: 'Abebe', nameKana: 'ゲブレマリヤム', dateOfBirth: null, languages: ['en'], version: 1 };
const preview: MergePreview = {
  survivor, merged,
  differingFields: ['familyName', 'nameKana', 'languages'],
  linked: [{ table: 'visit', column: 'person_id', survivor: 2, merged: 3 }, { table: 'case_file', column: 'person_id', survivor: 1, merged: 1 }],
  kept: [{ table: 'case_file', column: 'person_id', reason: 'unique', count: 1 }],
};

describe('MergePage', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.includes('/merge-preview')) return jsonResponse(200, preview);
      if (url === '/api/people/merges' && init?.method === 'POST') return jsonResponse(201, { id: 'x' });
      if (url === `/api/people/${survivor.id}`) return jsonResponse(200, survivor);
      return jsonResponse(404, { error: { code: 'route.not_found', message: 'Not found' } });
    });
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('compares the files, lets the caseworker choose values, and merges after confirming', async () => {
    renderWithProviders(
      <Routes>
        <Route path="/people/:id/merge" element={<MergePage />} />
        <Route path="/people/:id" element={<p>Survivor page</p>} />
      </Routes>,
      { route: `/people/${survivor.id}/merge?otherId=${merged.id}` },
    );
    // Differing fields have a choice; the survivor's value is chosen until changed.
    const keep = await screen.findByRole('radio', { name: 'Family name: Gebremariam' });
    expect(keep).toHaveProperty('checked', true);
    fireEvent.click(screen.getByRole('radio', { name: 'Family name: Gebremaryam' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Languages: Both' }));
    expect(screen.queryByRole('radio', { name: /Given name/ })).toBeNull();
    // What moves, and what stays behind.
    const visits = screen.getByRole('rowheader', { name: 'Visits' }).closest('tr') as HTMLElement;
    expect(within(visits).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2', '3']);
    expect(screen.getByText(/Case file: this file already has one/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Merge the files' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('TB-000002');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Merge the files' }));
    await screen.findByText('Survivor page');
    const post = fetchMock.mock.calls.find(([url]) => url === '/api/people/merges');
    const body = JSON.parse(String((post?.[1] as RequestInit).body));
    expect(body).toMatchObject({ survivorId: survivor.id, mergedId: merged.id, survivorVersion: 3, mergedVersion: 1 });
    expect(body.choose).toMatchObject({ familyName: 'merged', languages: 'both', nameKana: 'survivor' });
  });
});

describe('PersonMergeSection', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('ja');
  });

  it('on a merged file, says so and links to the surviving file', async () => {
    renderWithProviders(<PersonMergeSection person={{ ...merged, mergedIntoId: survivor.id }} />);
    expect(screen.getByText('このファイルは別のファイルに統合されました。')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('link', { name: '統合先のファイルを開く' }).getAttribute('href')).toBe(`/people/${survivor.id}`));
  });
});
