import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../../web/auth';
import { i18n } from '../../../web/i18n';
import { meFixture, meId } from '../../../web/test/fixtures';
import { jsonResponse, notFoundResponse, renderWithProviders } from '../../../web/test/render';
import type { Task } from '../../tasks/contract';
import type { DeadlineWithPerson } from '../contract';
import { MyWorkPage } from './MyWorkPage';

const personId = '0b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a11';
const person = {
  id: personId, fileNumber: 'TB-000042', familyName: 'Bekele', givenName: 'Amina', nameInOwnScript: null, nameKana: null,
  dateOfBirth: null, dateOfBirthEstimated: false, sex: 'female' as const, nationality: 'ET',
};
const deadlines: DeadlineWithPerson[] = [
  {
    kind: 'review_request', personId, eventId: null, factDate: '2026-12-25', lastDay: '2027-01-01', dueOn: '2027-01-04', warnFrom: '2026-12-25',
    daysLeft: -2, isOverdue: true, person, assignedToId: meId, assignedToName: 'Caseworker',
  },
  {
    kind: 'reporting', personId, eventId: '5b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a16', factDate: '2027-01-08', lastDay: '2027-01-08', dueOn: '2027-01-08',
    warnFrom: '2027-01-01', daysLeft: 2, isOverdue: false, person, assignedToId: meId, assignedToName: 'Caseworker',
  },
];
const task: Task = {
  id: '6b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a17', person, consultationId: null, title: '審査請求書を提出', dueOn: '2027-01-04',
  assigneeId: meId, assigneeName: 'Caseworker', status: 'open', isOverdue: true, createdById: meId, createdByName: 'Caseworker',
  createdAt: '2026-12-26T01:00:00Z', completedById: null, completedAt: null, version: 1,
};

function routes(permissions: string[]) {
  return vi.fn(async (url: string, init?: RequestInit) => {
    if (url === '/api/auth/me') return jsonResponse(200, meFixture(permissions, 'ja'));
    if (url.startsWith('/api/deadlines/mine')) return jsonResponse(200, { items: deadlines });
    if (url === '/api/tasks/mine') return jsonResponse(200, { items: [task] });
    if (url === `/api/tasks/${task.id}` && init?.method === 'PATCH') return jsonResponse(200, { ...task, status: 'done', version: 2 });
    return notFoundResponse();
  });
}

describe('MyWorkPage', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('ja');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows this week's deadlines with the rule, the fact date and the due date, overdue ones flagged", async () => {
    vi.stubGlobal('fetch', routes(['cases.read', 'tasks.read', 'tasks.write']));
    renderWithProviders(<RequireAuth><MyWorkPage /></RequireAuth>);
    const table = await screen.findByRole('table', { name: '今週の期限' }, { timeout: 5000 });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const overdue = rows[1] as HTMLElement;
    expect(within(overdue).getByText('審査請求（不認定通知の受領から7日）')).toBeTruthy();
    expect(within(overdue).getByText('2026年12月25日')).toBeTruthy();
    expect(within(overdue).getByText('2027年1月4日')).toBeTruthy();
    expect(within(overdue).getByText(/期限切れ.*2日超過/)).toBeTruthy();
    expect(within(overdue).getByRole('link', { name: 'BEKELE Amina' }).getAttribute('href')).toBe(`/people/${personId}`);
    expect(within(rows[2] as HTMLElement).getByText('あと2日')).toBeTruthy();
  });

  it('ticks a task done with its version', async () => {
    const fetchMock = routes(['cases.read', 'tasks.read', 'tasks.write']);
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<RequireAuth><MyWorkPage /></RequireAuth>);
    const box = await screen.findByRole('checkbox', { name: '完了：審査請求書を提出' }, { timeout: 5000 });
    fireEvent.click(box);
    await waitFor(() => expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'PATCH')).toBe(true));
    const patch = fetchMock.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(JSON.parse(String(patch?.[1]?.body))).toEqual({ status: 'done', version: 1 });
  });

  it('cancels a task that is no longer needed', async () => {
    const fetchMock = routes(['cases.read', 'tasks.read', 'tasks.write']);
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<RequireAuth><MyWorkPage /></RequireAuth>);
    fireEvent.click(await screen.findByRole('button', { name: 'タスク「審査請求書を提出」を取り消す' }, { timeout: 5000 }));
    await waitFor(() => expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'PATCH')).toBe(true));
    const patch = fetchMock.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(JSON.parse(String(patch?.[1]?.body))).toEqual({ status: 'cancelled', version: 1 });
  });

  it('shows only the tasks to the desk (no cases.read)', async () => {
    const fetchMock = routes(['tasks.read']);
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<RequireAuth><MyWorkPage /></RequireAuth>);
    expect(await screen.findByText('審査請求書を提出', undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(fetchMock.mock.calls.some(([url]) => String(url).startsWith('/api/deadlines'))).toBe(false);
    expect((screen.getByRole('checkbox', { name: '完了：審査請求書を提出' }) as HTMLInputElement).disabled).toBe(true);
  });
});
