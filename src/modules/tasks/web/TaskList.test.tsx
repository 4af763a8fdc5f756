import { useQuery } from '@tanstack/react-query';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { i18n } from '../../../web/i18n';
import { meFixture, meId } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import type { Task } from '../contract';
import { TaskList } from './TaskList';
import { myTasksQuery } from './tasks.queries';

const otherId = '3b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a14';
const open: Task = {
  id: '6b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a17', person: null, consultationId: null, title: 'File the review request', dueOn: '2027-01-04',
  assigneeId: meId, assigneeName: 'Caseworker', status: 'open', isOverdue: false, createdById: meId, createdByName: 'Caseworker',
  createdAt: '2026-12-26T01:00:00Z', completedById: null, completedAt: null, version: 3,
};
const done: Task = { ...open, id: '7b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a18', title: 'Call the ward office', status: 'done', version: 5 };

let patchAnswer: () => Response;

function routes(permissions: string[]) {
  return vi.fn(async (url: string, init?: RequestInit) => {
    if (url === '/api/auth/me') return jsonResponse(200, meFixture(permissions, 'en'));
    if (url === '/api/tasks/mine') return jsonResponse(200, { items: [open, done] });
    if (url === '/api/staff/assignable') return jsonResponse(200, { items: [{ id: meId, displayName: 'Caseworker' }, { id: otherId, displayName: 'Coordinator' }] });
    if (url === `/api/tasks/${open.id}` && init?.method === 'PATCH') return patchAnswer();
    return notFoundResponse();
  });
}

/** The task list as "My work" shows it: fed by the tasks query, so invalidation shows as a refetch. */
function MyTasks() {
  const tasks = useQuery(myTasksQuery);
  return tasks.data ? <TaskList tasks={tasks.data.items} /> : null;
}

async function renderList(permissions = ['tasks.read', 'tasks.write']) {
  const fetchMock = routes(permissions);
  vi.stubGlobal('fetch', fetchMock);
  renderWithProviders(<RequireAuth><MyTasks /></RequireAuth>);
  await screen.findByText('File the review request', undefined, { timeout: 5000 });
  const patches = () => fetchMock.mock.calls.filter(([, init]) => init?.method === 'PATCH').map(([, init]) => JSON.parse(String(init?.body)) as unknown);
  const listFetches = () => fetchMock.mock.calls.filter(([url]) => url === '/api/tasks/mine').length;
  return { patches, listFetches };
}

async function openEditor() {
  fireEvent.click(await screen.findByRole('button', { name: 'Edit the task “File the review request”' }, { timeout: 5000 }));
  return screen.findByRole('dialog', { name: 'Edit task: File the review request' });
}

describe('editing a task in the task list', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    patchAnswer = () => jsonResponse(200, { ...open, version: 4 });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('offers Edit only on open tasks, and only to staff who may change tasks', async () => {
    await renderList();
    expect(screen.getByRole('button', { name: 'Edit the task “File the review request”' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit the task “Call the ward office”' })).toBeNull();
  });

  it('has no Edit without tasks.write', async () => {
    await renderList(['tasks.read']);
    expect(screen.queryByRole('button', { name: /Edit/ })).toBeNull();
  });

  it('saves a new title and due date with the version, sending only what changed, then refreshes the list', async () => {
    const { patches, listFetches } = await renderList();
    const dialog = await openEditor();
    const title = within(dialog).getByRole('textbox', { name: 'Task' }) as HTMLInputElement;
    expect(title.value).toBe('File the review request');
    expect((within(dialog).getByLabelText('Due date') as HTMLInputElement).value).toBe('2027-01-04');
    fireEvent.change(title, { target: { value: '  File the review request at the bureau ' } });
    fireEvent.change(within(dialog).getByLabelText('Due date'), { target: { value: '2027-01-11' } });
    const before = listFetches();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0]).toEqual({ title: 'File the review request at the bureau', dueOn: '2027-01-11', version: 3 });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(listFetches()).toBeGreaterThan(before));
  });

  it('clears the due date and changes the assignee', async () => {
    const { patches } = await renderList();
    const dialog = await openEditor();
    fireEvent.change(within(dialog).getByLabelText('Due date'), { target: { value: '' } });
    fireEvent.click(within(dialog).getByLabelText('Assigned to'));
    fireEvent.click(await screen.findByRole('option', { name: 'Coordinator', hidden: true }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0]).toEqual({ dueOn: null, assigneeId: otherId, version: 3 });
  });

  it('refuses an empty title in the form without calling the server', async () => {
    const { patches } = await renderList();
    const dialog = await openEditor();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Task' }), { target: { value: '   ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('required')).toBeTruthy();
    expect(patches()).toEqual([]);
  });

  it('shows the 409 message when someone else changed the task, and keeps the dialog open', async () => {
    patchAnswer = () => jsonResponse(409, { error: { code: 'task.version_conflict', message: 'Another staff member has changed this task. Reload and try again.', fields: {} } });
    const { patches } = await renderList();
    const dialog = await openEditor();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Task' }), { target: { value: 'Something else' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveProperty('textContent', 'Another staff member has changed this task. Reload and try again.');
    expect(patches()).toEqual([{ title: 'Something else', version: 3 }]);
    expect(screen.getByRole('dialog', { name: 'Edit task: File the review request' })).toBeTruthy();
  });

  it('shows a server field error under its field', async () => {
    patchAnswer = () => jsonResponse(400, {
      error: { code: 'task.assignee_invalid', message: 'Tasks can only be given to an active staff member of this office.', fields: { assigneeId: 'Tasks can only be given to an active staff member of this office.' } },
    });
    await renderList();
    const dialog = await openEditor();
    fireEvent.click(within(dialog).getByLabelText('Assigned to'));
    fireEvent.click(await screen.findByRole('option', { name: 'Coordinator', hidden: true }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(dialog).getByLabelText('Assigned to').getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getAllByText('Tasks can only be given to an active staff member of this office.').length).toBeGreaterThanOrEqual(1);
  });
});
