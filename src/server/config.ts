import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Attached documents, encrypted (DOCUMENTS_DIR, default DATA_DIR/documents), and the largest accepted. */
  documentsDir: string;
  documentMaxBytes: number;
  databaseUrl: string | undefined;
  /** Key for hashing session and API tokens (HMAC); later also for encrypting sensitive fields. */
  secretKey: Buffer;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  demo: boolean;
  /** Whether cookies get the Secure flag (set TOBIRA_SECURE_COOKIES=1 behind HTTPS). */
  secureCookies: boolean;
  sessionHours: number;
  logLevel: string;
}

function loadSecretKey(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  const fromEnv = env.TOBIRA_SECRET_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length < 32) throw new Error('TOBIRA_SECRET_KEY must be at least 32 bytes, base64-encoded');
    return key;
  }
  // Embedded mode: a key generated once and kept beside the data, readable only by its owner.
  const keyPath = path.join(dataDir, 'secret.key');
  if (existsSync(keyPath)) return Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyPath, key.toString('base64'), { mode: 0o600 });
  return key;
}

function documentMaxBytes(megabytes: string | undefined): number {
  const value = Number(megabytes || '10');
  if (!Number.isFinite(value) || value <= 0) throw new Error('TOBIRA_DOCUMENT_MAX_MB must be a positive number of megabytes');
  return Math.round(value * 1024 * 1024);
}

/** Reads Tobira's configuration from environment variables (see README, "Configuration"). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  return {
    port: Number.parseInt(env.PORT ?? '3000', 10),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    documentsDir: path.resolve(env.DOCUMENTS_DIR || path.join(dataDir, 'documents')),
    documentMaxBytes: documentMaxBytes(env.TOBIRA_DOCUMENT_MAX_MB),
    databaseUrl: env.DATABASE_URL || undefined,
    secretKey: loadSecretKey(env, dataDir),
    adminEmail: env.TOBIRA_ADMIN_EMAIL || undefined,
    adminPassword: env.TOBIRA_ADMIN_PASSWORD || undefined,
    demo: argv.includes('--demo') || env.TOBIRA_DEMO === '1',
    secureCookies: env.TOBIRA_SECURE_COOKIES === '1',
    sessionHours: Number.parseInt(env.TOBIRA_SESSION_HOURS ?? '12', 10),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
