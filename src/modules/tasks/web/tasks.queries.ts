import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../web/api';
import type { AssignableStaff } from '../../staff/contract';
import type { CreateTaskInput, Task, UpdateTaskInput } from '../contract';

export const tasksKey = ['tasks'] as const;

export const myTasksQuery = queryOptions({
  queryKey: [...tasksKey, 'mine'],
  queryFn: () => api<{ items: Task[] }>('/api/tasks/mine'),
  staleTime: 30_000,
});

export function personTasksQuery(personId: string) {
  return queryOptions({
    queryKey: [...tasksKey, 'person', personId],
    queryFn: () => api<{ items: Task[] }>(`/api/people/${personId}/tasks`),
    staleTime: 30_000,
  });
}

/** Active staff for assignee pickers. */
export const assignableStaffQuery = queryOptions({
  queryKey: ['staff', 'assignable'],
  queryFn: () => api<{ items: AssignableStaff[] }>('/api/staff/assignable'),
  staleTime: 5 * 60_000,
});

export function createTask(input: CreateTaskInput) {
  return api<Task>('/api/tasks', { method: 'POST', body: input });
}

export function updateTask(id: string, input: UpdateTaskInput) {
  return api<Task>(`/api/tasks/${id}`, { method: 'PATCH', body: input });
}
