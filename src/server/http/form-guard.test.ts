import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkFormToken, FORM_TOKEN_FIELD, HONEYPOT_FIELD, issueFormToken } from './form-guard';

const secret = Buffer.from('0123456789abcdef0123456789abcdef');
const issuedAt = Date.UTC(2026, 3, 1, 9, 0, 0);
const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
const token = issueFormToken(secret, 'runner-gift', issuedAt);
const check = (input: { token?: string | undefined; honeypot?: string | undefined }, now: number, limits?: { minMs?: number; maxMs?: number }) =>
  checkFormToken(secret, 'runner-gift', { token: input.token, honeypot: input.honeypot }, now, limits);

describe('form guard', () => {
  it('names its hidden fields', () => {
    expect([HONEYPOT_FIELD, FORM_TOKEN_FIELD]).toEqual(['website', 'formToken']);
  });

  it('issues a URL-safe token that carries the form and the time it was issued', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const [payload] = token.split('.');
    expect(Buffer.from(payload ?? '', 'base64url').toString('utf8')).toBe(`runner-gift\n${issuedAt}`);
    expect(issueFormToken(secret, 'runner-gift', issuedAt)).toBe(token);
    expect(issueFormToken(secret, 'runner-gift', issuedAt + 1)).not.toBe(token);
  });

  it('accepts a genuine token filled in at a human pace, up to two hours', () => {
    expect(check({ token, honeypot: '' }, issuedAt + 30 * SECOND)).toBe('ok');
    expect(check({ token, honeypot: undefined }, issuedAt + 2 * SECOND)).toBe('ok');
    expect(check({ token, honeypot: '' }, issuedAt + 2 * HOUR)).toBe('ok');
  });

  it('says too_fast under two seconds, or for a token from the future', () => {
    expect(check({ token }, issuedAt + 2 * SECOND - 1)).toBe('too_fast');
    expect(check({ token }, issuedAt)).toBe('too_fast');
    expect(check({ token }, issuedAt - 10 * SECOND)).toBe('too_fast');
  });

  it('says expired after two hours', () => {
    expect(check({ token }, issuedAt + 2 * HOUR + 1)).toBe('expired');
  });

  it('uses the limits it is given', () => {
    const limits = { minMs: 10 * SECOND, maxMs: 60 * SECOND };
    expect(check({ token }, issuedAt + 5 * SECOND, limits)).toBe('too_fast');
    expect(check({ token }, issuedAt + 30 * SECOND, limits)).toBe('ok');
    expect(check({ token }, issuedAt + 61 * SECOND, limits)).toBe('expired');
  });

  it('says honeypot when the hidden field is filled in, before looking at the token', () => {
    expect(check({ token, honeypot: 'https://spam.example' }, issuedAt + 30 * SECOND)).toBe('honeypot');
    expect(check({ token: undefined, honeypot: 'x' }, issuedAt + 30 * SECOND)).toBe('honeypot');
    expect(check({ token, honeypot: '  ' }, issuedAt + 30 * SECOND)).toBe('ok');
  });

  it('says invalid for a missing, malformed, forged or foreign token', () => {
    const now = issuedAt + 30 * SECOND;
    const [payload, mac] = token.split('.') as [string, string];
    const earlier = Buffer.from(`runner-gift\n${issuedAt - HOUR}`).toString('base64url');
    for (const bad of [
      undefined,
      '',
      'not-a-token',
      `${payload}.`,
      `${payload}.${mac}.extra`,
      `${payload}.${mac.slice(0, -2)}`,
      `${earlier}.${mac}`,
      issueFormToken(Buffer.from('another secret of the same size!'), 'runner-gift', issuedAt),
      issueFormToken(secret, 'newsletter', issuedAt),
      `${payload}.${mac}`.padEnd(600, 'A'),
    ]) {
      expect(check({ token: bad, honeypot: '' }, now)).toBe('invalid');
    }
    // Correctly signed, but not something issueFormToken makes: the time is not a number.
    const odd = 'runner-gift\nsoon';
    const signed = `${Buffer.from(odd).toString('base64url')}.${createHmac('sha256', secret).update(odd).digest('base64url')}`;
    expect(check({ token: signed }, now)).toBe('invalid');
    expect(checkFormToken(secret, 'newsletter', { token, honeypot: '' }, now)).toBe('invalid');
  });
});
