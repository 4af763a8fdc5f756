import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Routes } from 'react-router';
import { RequireAuth } from '../../../web/auth';
import { i18n } from '../../../web/i18n';
import { meFixture, meId } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import { ConsultationFormPage } from '../../consultations/web/ConsultationFormPage';

const personId = '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11';

function routes(permissions: string[]) {
  return vi.fn(async (url: string, init?: RequestInit) => {
    if (url === '/api/auth/me') return jsonResponse(200, meFixture(permissions, 'en'));
    if (url === '/api/staff/assignable') return jsonResponse(200, { items: [{ id: meId, displayName: 'Caseworker' }] });
    if (url === '/api/consultations' && init?.method === 'POST') return jsonResponse(201, {});
    return notFoundResponse();
  });
}

const page = (
  <RequireAuth>
    <Routes>
      <Route path="/people/:id/consultations/new" element={<ConsultationFormPage />} />
    </Routes>
  </RequireAuth>
);

describe('the consultation form with a follow-up task', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the follow-up task with the consultation when a title is typed, and none otherwise', async () => {
    const fetchMock = routes(['consultations.write', 'tasks.read', 'tasks.write']);
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(page, { route: `/people/${personId}/consultations/new` });
    const legend = await screen.findByText('Follow-up task (optional)', undefined, { timeout: 5000 });
    expect(legend).toBeTruthy();
    const posted = () => fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST').map(([, init]) => JSON.parse(String(init?.body)) as Record<string, unknown>);

    // A due date without a title is a half-filled task: refused in the form.
    fireEvent.change(screen.getByLabelText('Due date'), { target: { value: '2027-01-04' } });
    fireEvent.submit(screen.getByRole('textbox', { name: 'Task' }).closest('form') as HTMLFormElement);
    expect(await screen.findByText('required')).toBeTruthy();
    expect(posted()).toEqual([]);

    fireEvent.change(screen.getByRole('textbox', { name: 'Task' }), { target: { value: 'File the review request' } });
    fireEvent.submit(screen.getByRole('textbox', { name: 'Task' }).closest('form') as HTMLFormElement);
    await waitFor(() => expect(posted()).toHaveLength(1));
    expect(posted()[0]?.followUpTask).toEqual({ title: 'File the review request', dueOn: '2027-01-04', assigneeId: null });
  });

  it('has no follow-up task fields without tasks.write, and sends none', async () => {
    const fetchMock = routes(['consultations.write']);
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(page, { route: `/people/${personId}/consultations/new` });
    const submit = await screen.findByRole('button', { name: /record|save/i }, { timeout: 5000 });
    expect(screen.queryByText('Follow-up task (optional)')).toBeNull();
    fireEvent.click(submit);
    await waitFor(() => expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(true));
    const body = JSON.parse(String(fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')?.[1]?.body)) as Record<string, unknown>;
    expect(body.followUpTask).toBeNull();
  });
});
