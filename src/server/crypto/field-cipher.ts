import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for sensitive data (APPI 要配慮個人情報: persecution grounds, health details,
 * consultation notes, attached documents). AES-256-GCM with a fresh 12-byte nonce per value; the
 * key is derived with HKDF-SHA256 from the configured secret (TOBIRA_SECRET_KEY, or the key file
 * beside the data directory: src/server/config.ts), so a database dump or a copy of the documents
 * directory shows no plaintext.
 *
 * Text format: `v1:` + base64(nonce ‖ tag ‖ ciphertext). Buffers: the same bytes after a 4-byte
 * magic `TBE1`. GCM's tag makes any tampering or a wrong key fail loudly instead of returning junk.
 */
export interface FieldCipher {
  seal(plain: string): string;
  open(sealed: string): string;
  sealNullable(plain: string | null | undefined): string | null;
  openNullable(sealed: string | null | undefined): string | null;
  sealBytes(plain: Buffer): Buffer;
  openBytes(sealed: Buffer): Buffer;
  /**
   * HMAC-SHA256 (hex) of a value under a key derived for `purpose`: the same value always gives the
   * same hash, so a sealed field can still be found by equality (e.g. a residence card number),
   * while a dump without the key cannot be checked against guessed values.
   */
  keyedHash(purpose: string, value: string): string;
}

/** Every sealed text starts with this; a stored value without it is still plaintext. */
export const SEALED_TEXT_PREFIX = 'v1:';
const TEXT_PREFIX = SEALED_TEXT_PREFIX;
const BYTES_MAGIC = Buffer.from('TBE1');
const NONCE = 12;
const TAG = 16;

export function createFieldCipher(secretKey: Buffer): FieldCipher {
  const key = Buffer.from(hkdfSync('sha256', secretKey, 'tobira', 'field-encryption-v1', 32));
  // One hash key per purpose, never the encryption key: equal hashes for one purpose say nothing about another.
  const hashKeys = new Map<string, Buffer>();
  const hashKeyFor = (purpose: string) => {
    let hashKey = hashKeys.get(purpose);
    if (!hashKey) {
      hashKey = Buffer.from(hkdfSync('sha256', secretKey, 'tobira', `keyed-hash-v1:${purpose}`, 32));
      hashKeys.set(purpose, hashKey);
    }
    return hashKey;
  };

  function encrypt(plain: Buffer): Buffer {
    const nonce = randomBytes(NONCE);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]);
  }

  function decrypt(sealed: Buffer): Buffer {
    if (sealed.length < NONCE + TAG) throw new Error('sealed value is too short');
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE));
    decipher.setAuthTag(sealed.subarray(NONCE, NONCE + TAG));
    return Buffer.concat([decipher.update(sealed.subarray(NONCE + TAG)), decipher.final()]);
  }

  const cipher: FieldCipher = {
    seal: (plain) => TEXT_PREFIX + encrypt(Buffer.from(plain, 'utf8')).toString('base64'),
    open: (sealed) => {
      if (!sealed.startsWith(TEXT_PREFIX)) throw new Error('not a sealed value');
      return decrypt(Buffer.from(sealed.slice(TEXT_PREFIX.length), 'base64')).toString('utf8');
    },
    sealNullable: (plain) => (plain == null || plain === '' ? null : cipher.seal(plain)),
    openNullable: (sealed) => (sealed == null ? null : cipher.open(sealed)),
    sealBytes: (plain) => Buffer.concat([BYTES_MAGIC, encrypt(plain)]),
    openBytes: (sealed) => {
      if (!sealed.subarray(0, BYTES_MAGIC.length).equals(BYTES_MAGIC)) throw new Error('not a sealed file');
      return decrypt(sealed.subarray(BYTES_MAGIC.length));
    },
    keyedHash: (purpose, value) => createHmac('sha256', hashKeyFor(purpose)).update(value, 'utf8').digest('hex'),
  };
  return cipher;
}
