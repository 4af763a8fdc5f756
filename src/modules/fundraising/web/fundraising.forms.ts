import type { TFunction } from 'i18next';
import { z } from 'zod';
import { ApiError } from '../../../web/api';
import { zodValidate } from '../../../web/forms';

/** The `validation.*` message of one value against a contract schema (the server's wording), or null. */
export function fieldMessage(schema: z.ZodType, value: unknown, t: TFunction): string | null {
  return zodValidate(z.object({ value: schema }), () => ({ value }), t)(null).value ?? null;
}

/** A number typed in a NumberInput: '' stays empty (so the contract says "required", not ¥0). */
export const numberOrUndefined = (v: number | string): number | undefined => (v === '' ? undefined : Number(v));

/** The message of an API error in the UI language (its code is the i18n key), else the server's own. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) return t(`errors.${error.code}`, { defaultValue: error.message });
  return t('ui.common.networkError');
}
