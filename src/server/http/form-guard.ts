import { createHmac, timingSafeEqual } from 'node:crypto';

/** A field people never see (hidden by CSS, out of the tab order); bots fill in every field. */
export const HONEYPOT_FIELD = 'website';
/** The hidden field carrying the token the form page was served with. */
export const FORM_TOKEN_FIELD = 'formToken';

export type FormCheck = 'ok' | 'honeypot' | 'too_fast' | 'expired' | 'invalid';

const DEFAULT_MIN_MS = 2_000;
const DEFAULT_MAX_MS = 2 * 60 * 60 * 1000;
const MAC_BYTES = 32;
/** Far above any real token; longer input is refused before any decoding. */
const MAX_TOKEN_LENGTH = 512;

const mac = (secret: Buffer, payload: string) => createHmac('sha256', secret).update(payload, 'utf8').digest();

/**
 * A token for one form, stamped with when the page was served: `base64url(form \n issuedAtMs)` `.`
 * `base64url(HMAC-SHA256)`. Stateless, so public pages need no session to carry a bot check.
 */
export function issueFormToken(secret: Buffer, form: string, now: number = Date.now()): string {
  const payload = `${form}\n${Math.floor(now)}`;
  return `${Buffer.from(payload, 'utf8').toString('base64url')}.${mac(secret, payload).toString('base64url')}`;
}

/**
 * A CAPTCHA-free bot check for a public form submission: the honeypot must be empty, the token
 * genuine and for this form, and the form filled in neither faster than a person can (`minMs`,
 * default 2 s) nor after the page went stale (`maxMs`, default 2 h).
 */
export function checkFormToken(
  secret: Buffer,
  form: string,
  input: { token: string | undefined; honeypot: string | undefined },
  now: number = Date.now(),
  limits: { minMs?: number; maxMs?: number } = {},
): FormCheck {
  if (input.honeypot !== undefined && input.honeypot.trim() !== '') return 'honeypot';
  const issuedAt = verifiedIssuedAt(secret, form, input.token);
  if (issuedAt === null) return 'invalid';
  const age = now - issuedAt;
  if (age < (limits.minMs ?? DEFAULT_MIN_MS)) return 'too_fast';
  if (age > (limits.maxMs ?? DEFAULT_MAX_MS)) return 'expired';
  return 'ok';
}

/** When a genuine token for `form` was issued; null for anything else. */
function verifiedIssuedAt(secret: Buffer, form: string, token: string | undefined): number | null {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const [encodedPayload, encodedMac, ...rest] = token.split('.');
  if (encodedPayload === undefined || encodedMac === undefined || rest.length > 0) return null;
  const payload = Buffer.from(encodedPayload, 'base64url').toString('utf8');
  const given = Buffer.from(encodedMac, 'base64url');
  if (given.length !== MAC_BYTES || !timingSafeEqual(given, mac(secret, payload))) return null;
  const separator = payload.lastIndexOf('\n');
  const issuedAt = payload.slice(separator + 1);
  if (separator < 0 || payload.slice(0, separator) !== form || !/^\d{1,15}$/.test(issuedAt)) return null;
  return Number(issuedAt);
}
