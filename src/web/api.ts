import { currentLanguage } from './i18n';

/** An error answer of the API: stable code, message in the staff member's language, per-field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; fields?: unknown };
}

let csrfToken: string | null = null;

/** Remembered from /api/auth/me or login: every write made with the session cookie must send it. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy error page): keep the status only.
  }
  const error = body.error ?? {};
  const fields: Record<string, string> = {};
  if (error.fields && typeof error.fields === 'object') {
    for (const [name, message] of Object.entries(error.fields as Record<string, unknown>)) {
      if (typeof message === 'string') fields[name] = message;
    }
  }
  return new ApiError(
    response.status,
    typeof error.code === 'string' ? error.code : `http.${response.status}`,
    typeof error.message === 'string' ? error.message : response.statusText || String(response.status),
    fields,
  );
}

/**
 * Calls the Tobira API with the session cookie, the UI language and (on writes) the CSRF token.
 * A FormData body is sent as multipart/form-data (file uploads); anything else as JSON.
 */
export async function api<T>(path: string, options: { method?: Method; body?: unknown } = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLanguage() };
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await window.fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
  });
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
