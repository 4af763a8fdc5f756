import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

/**
 * The path (`a.b.0`) of the first string in a parsed request part that holds a NUL character, or
 * null. PostgreSQL cannot store NUL in text, so such input would otherwise fail deep in a query.
 */
export function findNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNul(item, [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  // Parsed data only (JSON, query strings, route parameters): not streams or uploaded file parts.
  if (typeof (value as { pipe?: unknown }).pipe === 'function') return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key.split('\u0000').join('')].join('.') || 'body';
    const found = findNul(item, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Text with a NUL character is refused for every route, before its schema runs, with a 400 that
 * names the field (`validation.nul_character`) — whoever calls, logged in or not.
 */
export function registerInputGuards(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    for (const [part, fallback] of [[request.params, 'params'], [request.query, 'query'], [request.body, 'body']] as const) {
      const path = findNul(part);
      if (path !== null) throw new AppError(400, 'validation.failed', { [path || fallback]: { key: 'nul_character' } });
    }
  });
}
