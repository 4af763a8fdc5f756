import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, ApiError, setCsrfToken } from '../../../web/api';
import type { ApiToken, CreatedToken, CreateStaffInput, LoginInput, Me, Permission, StaffUser, UpdateStaffInput } from '../contract';

export type ApiTokenRow = z.infer<typeof ApiToken>;
export type CreatedTokenResult = z.infer<typeof CreatedToken>;

/** A staff account whose logins are refused right now from these addresses (GET /api/staff/throttles). */
export interface StaffThrottle {
  staffUserId: string;
  addresses: string[];
  blockedUntil: string;
}

export const meKey = ['me'] as const;

/** The logged-in staff member, or null when there is no session. */
export const meQuery = queryOptions({
  queryKey: meKey,
  queryFn: async (): Promise<Me | null> => {
    try {
      const me = await api<Me>('/api/auth/me');
      setCsrfToken(me.csrfToken);
      return me;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw error;
    }
  },
  staleTime: 5 * 60_000,
  retry: false,
});

export function hasPermission(me: Me | null | undefined, permission: Permission): boolean {
  return me?.permissions.includes(permission) ?? false;
}

export async function login(input: LoginInput): Promise<Me> {
  const me = await api<Me>('/api/auth/login', { method: 'POST', body: input });
  setCsrfToken(me.csrfToken);
  return me;
}

export async function logout(client: QueryClient): Promise<void> {
  try {
    await api('/api/auth/logout', { method: 'POST' });
  } finally {
    setCsrfToken(null);
    client.clear();
    client.setQueryData(meKey, null);
  }
}

export function saveMyLanguage(language: 'ja' | 'en') {
  return api<Me>('/api/auth/me', { method: 'PATCH', body: { language } });
}

export const tokensQuery = queryOptions({
  queryKey: ['tokens'],
  queryFn: () => api<{ items: ApiTokenRow[] }>('/api/tokens'),
});

export function createToken(name: string) {
  return api<CreatedTokenResult>('/api/tokens', { method: 'POST', body: { name } });
}

export function revokeToken(id: string) {
  return api<{ ok: true }>(`/api/tokens/${id}`, { method: 'DELETE' });
}

export const staffListQuery = queryOptions({
  queryKey: ['staff'],
  queryFn: () => api<{ items: StaffUser[] }>('/api/staff'),
});

export function createStaff(input: CreateStaffInput) {
  return api<StaffUser>('/api/staff', { method: 'POST', body: input });
}

export function updateStaff(id: string, input: UpdateStaffInput) {
  return api<StaffUser>(`/api/staff/${id}`, { method: 'PATCH', body: input });
}

export const staffThrottlesQuery = queryOptions({
  queryKey: ['staff', 'throttles'],
  queryFn: () => api<{ items: StaffThrottle[] }>('/api/staff/throttles'),
  // A block runs out on its own: look again now and then while the page is open.
  refetchInterval: 60_000,
});

export function unlockStaff(id: string) {
  return api<{ ok: true }>(`/api/staff/${id}/unlock`, { method: 'POST' });
}
