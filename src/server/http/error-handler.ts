import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { TFunction } from 'i18next';
import { AppError, type FieldIssue } from './errors';
import { translatorFor } from './i18n';

interface ZodLikeIssue {
  code?: string;
  path?: ReadonlyArray<PropertyKey>;
  message?: string;
  input?: unknown;
  maximum?: unknown;
  minimum?: unknown;
  origin?: string;
  format?: string;
  keys?: string[];
  params?: { key?: string };
}

/** Maps one zod issue to a field name and an i18n key under `validation.`. */
function fieldIssues(issue: ZodLikeIssue, prefix: string): Array<[string, FieldIssue]> {
  const path = (issue.path ?? []).map(String);
  const name = path.length > 0 ? path.join('.') : prefix;
  switch (issue.code) {
    case 'invalid_type':
      return [[name, { key: issue.input === undefined ? 'required' : 'invalid_type' }]];
    case 'too_big':
      return [[name, { key: issue.origin === 'string' || issue.origin === 'array' ? 'too_long' : 'too_big', params: { maximum: issue.maximum } }]];
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return [[name, { key: 'required' }]];
      return [[name, { key: issue.origin === 'string' || issue.origin === 'array' ? 'too_short' : 'too_small', params: { minimum: issue.minimum } }]];
    case 'invalid_value':
      return [[name, { key: 'invalid_choice' }]];
    case 'invalid_format':
      return [[name, { key: 'invalid_format' }]];
    case 'unrecognized_keys':
      return (issue.keys ?? []).map((key) => [[...path, key].join('.'), { key: 'unknown_field' }]);
    case 'custom':
      return [[name, { key: issue.params?.key ?? 'invalid' }]];
    default:
      return [[name, { key: 'invalid' }]];
  }
}

/** The issues of a schema the route checked itself (an HTML form's fields) as the fields of an AppError. */
export function fieldsOfIssues(issues: ReadonlyArray<ZodLikeIssue>, prefix = 'body'): Record<string, FieldIssue> {
  const fields: Record<string, FieldIssue> = {};
  for (const issue of issues) for (const [name, fi] of fieldIssues(issue, prefix)) fields[name] ??= fi;
  return fields;
}

/**
 * A field's label: the route's own wording first (`fields.<scope>.<name>`, scope = the route's first
 * OpenAPI tag: a stock movement's `kind` is not a document's `kind`), else the shared `fields.<name>`.
 */
function fieldLabel(t: TFunction, name: string, scope: string | undefined): string {
  const head = name.split('.')[0] ?? name;
  const scoped = scope ? t(`fields.${scope}.${head}`, { defaultValue: '' }) : '';
  const label = typeof scoped === 'string' && scoped !== '' ? scoped : t(`fields.${head}`, { defaultValue: head });
  return name === head ? label : `${label} (${name})`;
}

function routeScope(request: FastifyRequest): string | undefined {
  const tags = (request.routeOptions.schema as { tags?: unknown } | undefined)?.tags;
  return Array.isArray(tags) && typeof tags[0] === 'string' ? tags[0] : undefined;
}

function send(reply: FastifyReply, t: TFunction, error: AppError, scope?: string) {
  const fields: Record<string, string> = {};
  for (const [name, issue] of Object.entries(error.fields)) {
    fields[name] = `${fieldLabel(t, name, scope)}: ${t(`validation.${issue.key}`, issue.params ?? {})}`;
  }
  const message =
    error.code === 'validation.failed'
      ? t('errors.validation.failed', { fields: Object.keys(error.fields).map((n) => fieldLabel(t, n, scope)).join(', ') })
      : t(`errors.${error.code}`, error.params);
  return reply.status(error.status).send({ error: { code: error.code, message, fields } });
}

const pgToApp: Record<string, () => AppError> = {
  '23505': () => new AppError(409, 'conflict.duplicate'),
  // An exclusion constraint (e.g. one bed or one person per night in the shelter) that a service did
  // not map to its own code, such as when merging two files that were both housed the same nights.
  '23P01': () => new AppError(409, 'conflict.overlap'),
};

/** One error shape for every failure: `{"error":{"code","message","fields"}}` in the caller's language. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError & { cause?: unknown }, request: FastifyRequest, reply: FastifyReply) => {
    const t = translatorFor(request.lang ?? 'ja');
    const scope = routeScope(request);
    if (error instanceof AppError) return send(reply, t, error, scope);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, FieldIssue> = {};
      const prefix = error.validationContext ?? 'body';
      for (const v of error.validation) {
        const path = v.instancePath.split('/').filter(Boolean);
        const issue = { ...(v.params as ZodLikeIssue), code: v.keyword, path } as ZodLikeIssue;
        for (const [name, fi] of fieldIssues(issue, prefix)) fields[name] ??= fi;
      }
      return send(reply, t, new AppError(400, 'validation.failed', fields), scope);
    }
    const pgCode = (error as { code?: string }).code;
    if (pgCode && pgToApp[pgCode]) return send(reply, t, pgToApp[pgCode]());
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) {
      return send(reply, t, new AppError(400, 'request.invalid_json'));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, t, new AppError(413, 'request.too_large'));
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(reply, t, new AppError(415, 'request.unsupported_media_type'));
    if (error.statusCode === 429) return send(reply, t, new AppError(429, 'request.rate_limited'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, t, new AppError(error.statusCode, 'validation.failed', { body: { key: 'invalid' } }));
    }
    // Log the error's kind and stack only: never the request body, which holds personal data.
    request.log.error({ err: { type: error.name, message: error.message, stack: error.stack, code: pgCode } }, 'unhandled error');
    return send(reply, t, new AppError(500, 'internal.error'));
  });

  app.setNotFoundHandler((request, reply) => {
    const t = translatorFor(request.lang ?? 'ja');
    return send(reply, t, new AppError(404, 'route.not_found'));
  });
}
