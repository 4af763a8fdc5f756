import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Routes } from 'react-router';
import { RequireAuth } from '../../../web/auth';
import { i18n } from '../../../web/i18n';
import { meFixture } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import { ConsultationFormPage } from './ConsultationFormPage';

const personId = '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11';
const visitId = '1c7c6f55-3f0e-4c55-9a39-2f4f0b1e8a12';
const me = meFixture(['consultations.write'], 'en');
const visit = {
  id: visitId, personId, visitDate: '2026-11-28', ticketNumber: 7, status: 'in_consultation', reason: '', interpreterLanguage: 'am',
  priority: 'normal', priorityReasons: [], checkedInAt: '2026-11-28T01:00:00Z', calledAt: null, startedAt: null, finishedAt: null, handledByName: null,
  person: { id: personId, fileNumber: 'TB-000007', familyName: 'Haile', givenName: 'Selam', nameInOwnScript: null, nameKana: null, nationality: 'ET', sex: 'female', dateOfBirth: null },
};

describe('the consultation form opened from the queue', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('starts with the interpreter language asked for at check-in', async () => {
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/me') return jsonResponse(200, me);
      if (url === '/api/visits') return jsonResponse(200, { date: '2026-11-28', serverTime: '2026-11-28T02:00:00Z', items: [visit] });
      if (url === '/api/consultations' && init?.method === 'POST') return jsonResponse(201, {});
      return notFoundResponse();
    });
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(
      <RequireAuth>
        <Routes>
          <Route path="/people/:id/consultations/new" element={<ConsultationFormPage />} />
        </Routes>
      </RequireAuth>,
      { route: `/people/${personId}/consultations/new?visitId=${visitId}` },
    );
    const note = await screen.findByRole('textbox', { name: 'Note' }, { timeout: 5000 });
    await waitFor(() => expect(screen.getByDisplayValue(/Amharic/)).toBeTruthy(), { timeout: 5000 });
    fireEvent.change(note, { target: { value: 'Asked about the review request.' } });
    fireEvent.submit(note.closest('form') as HTMLFormElement);
    const posted = () => fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST').map(([, init]) => JSON.parse(String(init?.body)) as Record<string, unknown>);
    await waitFor(() => expect(posted()).toHaveLength(1), { timeout: 5000 });
    expect(posted()[0]).toMatchObject({ personId, visitId, interpreterLanguage: 'am' });
  });
});
