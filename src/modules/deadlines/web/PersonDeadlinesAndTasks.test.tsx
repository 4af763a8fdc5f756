import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { i18n } from '../../../web/i18n';
import { meFixture, meId } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import type { Deadline } from '../contract';
import { PersonDeadlinesAndTasks } from './PersonDeadlinesAndTasks';

const personId = '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11';
const deadline: Deadline = {
  kind: 'insurance_enrolment', personId, eventId: null, factDate: '2026-03-06', lastDay: '2026-03-20', dueOn: '2026-03-23', warnFrom: '2026-03-06',
  daysLeft: 5, isOverdue: false,
};

function routes(permissions: string[]) {
  return vi.fn(async (url: string, init?: RequestInit) => {
    if (url === '/api/auth/me') return jsonResponse(200, meFixture(permissions, 'en'));
    if (url === `/api/people/${personId}/deadlines`) return jsonResponse(200, { items: [deadline] });
    if (url === `/api/people/${personId}/tasks`) return jsonResponse(200, { items: [] });
    if (url === '/api/staff/assignable') return jsonResponse(200, { items: [{ id: meId, displayName: 'Caseworker' }] });
    if (url === '/api/tasks' && init?.method === 'POST') return jsonResponse(201, {});
    return notFoundResponse();
  });
}

describe('PersonDeadlinesAndTasks', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the file's deadlines and adds a task with title and due date", async () => {
    const fetchMock = routes(['cases.read', 'tasks.read', 'tasks.write']);
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<RequireAuth><PersonDeadlinesAndTasks personId={personId} /></RequireAuth>);
    const table = await screen.findByRole('table', { name: 'Deadlines' }, { timeout: 5000 });
    expect(within(table).getByText('National health insurance enrolment (14 days from eligibility)')).toBeTruthy();
    expect(within(table).getByText('23 Mar 2026')).toBeTruthy();
    expect(within(table).getByText('In 5 days')).toBeTruthy();
    expect(await screen.findByText('No tasks.')).toBeTruthy();

    // An empty title is refused in the form, before any request.
    fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    expect(await screen.findByText('required')).toBeTruthy();
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByRole('textbox', { name: 'Task' }), { target: { value: 'Go with her to the ward office' } });
    fireEvent.change(screen.getByLabelText('Due date'), { target: { value: '2026-03-20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add task' }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(true));
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ personId, title: 'Go with her to the ward office', dueOn: '2026-03-20', assigneeId: null });
  });

  it('shows nothing to a role without cases.read or tasks.read', async () => {
    const fetchMock = routes(['people.read']);
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<RequireAuth><p>logged in</p><PersonDeadlinesAndTasks personId={personId} /></RequireAuth>);
    expect(await screen.findByText('logged in')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Deadlines and tasks' })).toBeNull();
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/api/auth/me']);
  });
});
