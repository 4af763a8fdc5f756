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

describe('tagging systemic barriers on the consultation form', () => {
  const delayId = '4b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a01';
  const workId = '4b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a03';
  const barrier = (id: string, code: string, labelEn: string, labelJa: string) => ({
    id, code, labelJa, labelEn, descriptionJa: '', descriptionEn: '', sortOrder: 1, retiredAt: null, mergedIntoId: null,
  });
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  function stub(permissions: string[]) {
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/me') return jsonResponse(200, meFixture(permissions, 'en'));
      if (url === '/api/advocacy/barriers') {
        return jsonResponse(200, { barriers: [barrier(delayId, 'b01', 'Protection-allowance delay', '保護費の遅延・不支給'), barrier(workId, 'b03', 'No work permission', '就労不許可')] });
      }
      if (url === `/api/advocacy/suggestions?personId=${personId}`) {
        return jsonResponse(200, { suggestions: [{ barrierId: workId, barrierLabelJa: '就労不許可', barrierLabelEn: 'No work permission', reason: 'no_work_permission', days: null }] });
      }
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
      { route: `/people/${personId}/consultations/new` },
    );
    const posted = () => fetchMock.mock.calls.filter(([url, init]) => url === '/api/consultations' && init?.method === 'POST').map(([, init]) => JSON.parse(String(init?.body)) as Record<string, unknown>);
    return { fetchMock, posted };
  }

  it('shows a suggestion with its reason but unselected, and saves the barrier chosen with one click', async () => {
    const { posted } = stub(['consultations.write', 'advocacy.tag']);
    const suggested = await screen.findByRole('checkbox', { name: 'No work permission' }, { timeout: 5000 });
    expect((suggested as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText('Case file: work not permitted')).toBeDefined();
    expect(screen.getByRole('group', { name: 'Systemic barriers seen (for advocacy)' })).toBeDefined();
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Protection-allowance delay' }));
    fireEvent.submit(screen.getByRole('textbox', { name: 'Note' }).closest('form') as HTMLFormElement);
    await waitFor(() => expect(posted()).toHaveLength(1), { timeout: 5000 });
    expect(posted()[0]?.barrierTags).toEqual([{ barrierId: delayId }]);
  });

  it('keeps the quote given for a chosen barrier, closed until asked for', async () => {
    const { posted } = stub(['consultations.write', 'advocacy.tag']);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Protection-allowance delay' }, { timeout: 5000 }));
    expect(screen.queryByRole('textbox', { name: /Quote for/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add a quote' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Quote for “Protection-allowance delay” (optional)' }), { target: { value: ' Still no money for food. ' } });
    fireEvent.submit(screen.getByRole('textbox', { name: 'Note' }).closest('form') as HTMLFormElement);
    await waitFor(() => expect(posted()).toHaveLength(1), { timeout: 5000 });
    expect(posted()[0]?.barrierTags).toEqual([{ barrierId: delayId, quote: 'Still no money for food.' }]);
  });

  it('shows no barriers and sends none to staff who do not tag them', async () => {
    const { posted, fetchMock } = stub(['consultations.write']);
    const note = await screen.findByRole('textbox', { name: 'Note' }, { timeout: 5000 });
    expect(screen.queryByRole('group', { name: 'Systemic barriers seen (for advocacy)' })).toBeNull();
    fireEvent.submit(note.closest('form') as HTMLFormElement);
    await waitFor(() => expect(posted()).toHaveLength(1), { timeout: 5000 });
    expect(posted()[0]).not.toHaveProperty('barrierTags');
    expect(fetchMock.mock.calls.some(([url]) => String(url).startsWith('/api/advocacy/'))).toBe(false);
  });
});
