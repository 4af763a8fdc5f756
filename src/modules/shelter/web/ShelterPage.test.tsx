import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { meFixture } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import { ShelterPage } from './ShelterPage';

function serve(permissions: string[]) {
  vi.stubGlobal('fetch', vi.fn(async (url: string) => {
    if (url === '/api/auth/me') return jsonResponse(200, meFixture(permissions, 'en'));
    if (url === '/api/shelter/beds') return jsonResponse(200, { on: '2026-12-01', beds: [], freeCount: 0, totalCount: 0 });
    if (url === '/api/shelter/waiting-list') return jsonResponse(200, { items: [] });
    if (url === '/api/shelter/facilities') return jsonResponse(200, { items: [] });
    return notFoundResponse();
  }));
}
const renderPage = (route = '/shelter') => renderWithProviders(<RequireAuth><ShelterPage /></RequireAuth>, { route });

describe('ShelterPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the board first, and facilities management only to shelter.manage', async () => {
    serve(['shelter.read']);
    renderPage('/shelter?tab=facilities');
    expect(await screen.findByRole('heading', { name: 'Beds tonight: 0 free of 0' })).toBeDefined();
    expect(screen.getByRole('tab', { name: 'Waiting list' })).toBeDefined();
    expect(screen.queryByRole('tab', { name: 'Facilities' })).toBeNull();
  });

  it('opens facilities management for a coordinator', async () => {
    serve(['shelter.read', 'shelter.write', 'shelter.manage']);
    renderPage('/shelter?tab=facilities');
    expect(await screen.findByRole('heading', { name: 'Facilities, rooms and beds' })).toBeDefined();
    expect(screen.getByRole('form', { name: 'Add a facility' })).toBeDefined();
  });
});
