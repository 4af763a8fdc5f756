import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSecretKeyFile, legacySecretKeyFile, loadConfig } from './config';

// Every case in its own directory under one temporary root, removed at the end (key files included).
const root = mkdtempSync(path.join(tmpdir(), 'tobira-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDataDir = () => path.join(root, `site${++n}`, 'data');
const keyText = () => randomBytes(32).toString('base64');

describe('loadConfig: where the secret key lives', () => {
  it('a new installation generates the key beside the data directory, not inside it, readable only by its owner', () => {
    const dataDir = freshDataDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.secretKeyFile).toBe(`${dataDir}.key`);
    expect(defaultSecretKeyFile(dataDir)).toBe(`${dataDir}.key`);
    expect(existsSync(legacySecretKeyFile(dataDir))).toBe(false);
    expect(config.secretKey).toHaveLength(32);
    expect(Buffer.from(readFileSync(`${dataDir}.key`, 'utf8'), 'base64').equals(config.secretKey)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(`${dataDir}.key`).mode & 0o777).toBe(0o600);
    expect(config.warnings).toEqual([]);
    // The next start reads the same key.
    expect(loadConfig({ DATA_DIR: dataDir }).secretKey.equals(config.secretKey)).toBe(true);
  });

  it('two data directories side by side get two keys', () => {
    const parent = path.join(root, 'pair');
    const a = loadConfig({ DATA_DIR: path.join(parent, 'office-a') });
    const b = loadConfig({ DATA_DIR: path.join(parent, 'office-b') });
    expect(a.secretKeyFile).not.toBe(b.secretKeyFile);
    expect(a.secretKey.equals(b.secretKey)).toBe(false);
  });

  it('an older installation keeps its DATA_DIR/secret.key, with a warning saying how to move it', () => {
    const dataDir = freshDataDir();
    mkdirSync(dataDir, { recursive: true });
    const old = keyText();
    writeFileSync(path.join(dataDir, 'secret.key'), old, { mode: 0o600 });
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.secretKey.equals(Buffer.from(old, 'base64'))).toBe(true);
    expect(config.secretKeyFile).toBe(path.join(dataDir, 'secret.key'));
    expect(existsSync(`${dataDir}.key`)).toBe(false);
    expect(config.warnings).toHaveLength(1);
    expect(config.warnings[0]).toContain('inside the data directory');
    expect(config.warnings[0]).toContain('TOBIRA_SECRET_KEY_FILE');
    expect(config.warnings[0]).toContain(`${dataDir}.key`);
    expect(config.warnings[0]).toContain('秘密鍵');
  });

  it('an explicit TOBIRA_SECRET_KEY_FILE is used (and generated there on first start); inside DATA_DIR it warns', () => {
    const dataDir = freshDataDir();
    const keyFile = path.join(root, 'vault', 'tobira.key');
    const first = loadConfig({ DATA_DIR: dataDir, TOBIRA_SECRET_KEY_FILE: keyFile });
    expect(first.secretKeyFile).toBe(keyFile);
    expect(first.warnings).toEqual([]);
    expect(existsSync(`${dataDir}.key`)).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir, TOBIRA_SECRET_KEY_FILE: keyFile }).secretKey.equals(first.secretKey)).toBe(true);

    const inside = path.join(dataDir, 'keys', 'tobira.key');
    const warned = loadConfig({ DATA_DIR: dataDir, TOBIRA_SECRET_KEY_FILE: inside });
    expect(warned.secretKeyFile).toBe(inside);
    expect(warned.warnings.join('\n')).toContain('inside the data directory');
  });

  it('never replaces an existing key: a named key file that is missing while another key exists stops the start', () => {
    const dataDir = freshDataDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'secret.key'), keyText(), { mode: 0o600 });
    const moved = path.join(root, 'not-there-yet.key');
    expect(() => loadConfig({ DATA_DIR: dataDir, TOBIRA_SECRET_KEY_FILE: moved })).toThrow(/does not exist, but a key exists/);
    expect(existsSync(moved)).toBe(false);
  });

  it('refuses two different keys for one data directory, and a key file that holds no key', () => {
    const dataDir = freshDataDir();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'secret.key'), keyText(), { mode: 0o600 });
    writeFileSync(`${dataDir}.key`, keyText(), { mode: 0o600 });
    expect(() => loadConfig({ DATA_DIR: dataDir })).toThrow(/Two different secret keys/);
    const broken = path.join(root, 'broken.key');
    writeFileSync(broken, 'short', { mode: 0o600 });
    expect(() => loadConfig({ DATA_DIR: freshDataDir(), TOBIRA_SECRET_KEY_FILE: broken })).toThrow(/does not hold/);
  });

  it('TOBIRA_SECRET_KEY writes no file; with TOBIRA_SECRET_KEY_FILE too it is refused', () => {
    const dataDir = freshDataDir();
    const key = keyText();
    const config = loadConfig({ DATA_DIR: dataDir, TOBIRA_SECRET_KEY: key });
    expect(config.secretKey.equals(Buffer.from(key, 'base64'))).toBe(true);
    expect(config.secretKeyFile).toBeNull();
    expect(existsSync(`${dataDir}.key`)).toBe(false);
    expect(() => loadConfig({ DATA_DIR: dataDir, TOBIRA_SECRET_KEY: key, TOBIRA_SECRET_KEY_FILE: path.join(root, 'x.key') })).toThrow(/not both/);
  });

  it('warns when the key file can be read by other users', () => {
    if (process.platform === 'win32') return;
    const keyFile = path.join(root, 'loose.key');
    writeFileSync(keyFile, keyText(), { mode: 0o644 });
    const config = loadConfig({ DATA_DIR: freshDataDir(), TOBIRA_SECRET_KEY_FILE: keyFile });
    expect(config.warnings.join('\n')).toContain(`chmod 600 ${keyFile}`);
  });
});
