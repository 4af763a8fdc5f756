/** A field problem: an i18n key under `validation.` and its parameters. */
export interface FieldIssue {
  key: string;
  params?: Record<string, unknown>;
}

/**
 * The one HTTP error type. `code` is stable (`module.reason`) and is also the i18n key of the
 * message under `errors.`; `fields` names the fields at fault.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fields: Record<string, FieldIssue> = {},
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = (code: string) => new AppError(404, code);
export const conflict = (code: string, params: Record<string, unknown> = {}) => new AppError(409, code, {}, params);
export const forbidden = () => new AppError(403, 'auth.forbidden');
export const unauthenticated = () => new AppError(401, 'auth.unauthenticated');
/** A 400 for one field that passed the schema but breaks a rule (e.g. an unknown catalogue code). */
export const invalidField = (code: string, field: string, key = 'invalid', params: Record<string, unknown> = {}) =>
  new AppError(400, code, { [field]: { key, params } });
