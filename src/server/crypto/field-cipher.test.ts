import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from './field-cipher';

describe('field cipher', () => {
  const cipher = createFieldCipher(randomBytes(32));

  it('round-trips text, including Japanese and own-script text, and never shows the plaintext', () => {
    const plain = '迫害の理由: 政治的意見 — ስም';
    const sealed = cipher.seal(plain);
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(sealed).not.toContain('迫害');
    expect(Buffer.from(sealed.slice(3), 'base64').toString('utf8')).not.toContain('迫害');
    expect(cipher.open(sealed)).toBe(plain);
  });

  it('gives a different ciphertext each time for the same text', () => {
    expect(cipher.seal('same')).not.toBe(cipher.seal('same'));
  });

  it('refuses a value sealed with another key or tampered with', () => {
    const other = createFieldCipher(randomBytes(32));
    expect(() => other.open(cipher.seal('secret'))).toThrow();
    const sealed = Buffer.from(cipher.seal('secret').slice(3), 'base64');
    sealed.writeUInt8(sealed.readUInt8(sealed.length - 1) ^ 1, sealed.length - 1);
    expect(() => cipher.open(`v1:${sealed.toString('base64')}`)).toThrow();
  });

  it('round-trips file bytes and keeps null and empty text as null', () => {
    const bytes = randomBytes(1000);
    expect(cipher.openBytes(cipher.sealBytes(bytes)).equals(bytes)).toBe(true);
    expect(cipher.sealNullable('')).toBeNull();
    expect(cipher.openNullable(null)).toBeNull();
  });

  it('gives a keyed hash that is stable per key and purpose, and differs with another key or purpose', () => {
    const secret = randomBytes(32);
    const hash = createFieldCipher(secret).keyedHash('residence-card', 'AB12345678CD');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(createFieldCipher(secret).keyedHash('residence-card', 'AB12345678CD')).toBe(hash);
    expect(createFieldCipher(secret).keyedHash('residence-card', 'AB12345678CE')).not.toBe(hash);
    expect(createFieldCipher(secret).keyedHash('other', 'AB12345678CD')).not.toBe(hash);
    expect(createFieldCipher(randomBytes(32)).keyedHash('residence-card', 'AB12345678CD')).not.toBe(hash);
  });
});
