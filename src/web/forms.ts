import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from './api';

export type FormErrors = Record<string, string>;

/** The `validation.*` message for one zod issue: the same keys the server uses. */
function issueMessage(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'invalid_type':
      return t(issue.input === undefined || issue.input === null ? 'validation.required' : 'validation.invalid_type');
    case 'too_big':
      return t(issue.origin === 'string' || issue.origin === 'array' ? 'validation.too_long' : 'validation.too_big', { maximum: String(issue.maximum) });
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return t('validation.required');
      return t(issue.origin === 'string' || issue.origin === 'array' ? 'validation.too_short' : 'validation.too_small', { minimum: String(issue.minimum) });
    case 'invalid_value':
      return t('validation.invalid_choice');
    case 'invalid_format':
      return t('validation.invalid_format');
    case 'custom': {
      const key = (issue.params as { key?: string } | undefined)?.key;
      return t(`validation.${key ?? 'invalid'}`);
    }
    default:
      return t('validation.invalid');
  }
}

/**
 * A Mantine form `validate` function from a zod contract: the form's values are turned into the
 * request body (`toInput`), checked with the same schema the server uses, and each issue lands
 * under its field (the first path segment) in the UI language.
 */
export function zodValidate<V, S extends z.ZodType>(schema: S, toInput: (values: V) => unknown, t: TFunction) {
  return (values: V): FormErrors => {
    const result = schema.safeParse(toInput(values));
    if (result.success) return {};
    const errors: FormErrors = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      errors[field] ??= issueMessage(issue, t);
    }
    return errors;
  };
}

/** A notification whose close button has a name in the UI language. */
export function notify(t: TFunction, options: { color: string; title?: string; message: string }) {
  notifications.show({ ...options, closeButtonProps: { 'aria-label': t('ui.common.close') } });
}

/** Shows an API error: the message in a notification, each field message under its field. */
export function showApiError(error: unknown, t: TFunction, setErrors?: (errors: FormErrors) => void) {
  if (error instanceof ApiError) {
    if (setErrors && Object.keys(error.fields).length > 0) {
      const errors: FormErrors = {};
      for (const [name, message] of Object.entries(error.fields)) errors[name.split('.')[0] ?? name] ??= message;
      setErrors(errors);
    }
    notify(t, { color: 'red', title: t('ui.common.error'), message: error.message });
    return;
  }
  notify(t, { color: 'red', title: t('ui.common.error'), message: t('ui.common.networkError') });
}

export function showSaved(t: TFunction, message?: string) {
  notify(t, { color: 'teal', message: message ?? t('ui.common.saved') });
}

/** Empty text fields become null (the contracts' "not given"). */
export function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
