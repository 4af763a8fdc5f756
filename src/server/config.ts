import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Attached documents, encrypted (DOCUMENTS_DIR, default DATA_DIR/documents), and the largest accepted. */
  documentsDir: string;
  documentMaxBytes: number;
  databaseUrl: string | undefined;
  /** Key for hashing session and API tokens (HMAC) and for encrypting sensitive data at rest. */
  secretKey: Buffer;
  /** The file the key was read from (or generated into); null when it came from TOBIRA_SECRET_KEY. */
  secretKeyFile: string | null;
  /** What start-up must tell the administrator (e.g. the key sits with the database), in English and Japanese. */
  warnings: string[];
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  demo: boolean;
  /** Whether cookies get the Secure flag (set TOBIRA_SECURE_COOKIES=1 behind HTTPS). */
  secureCookies: boolean;
  sessionHours: number;
  logLevel: string;
  /** Outgoing mail (runner edit links, decisions, reminders): TOBIRA_SMTP_URL (smtp:// or smtps://) and the sender. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The public address of Tobira (TOBIRA_PUBLIC_URL, e.g. https://give.example.org): links in emails and Open Graph tags. */
  publicUrl: string | undefined;
  /** The shared secret a payment platform signs its notices with (TOBIRA_PAYMENT_WEBHOOK_SECRET); without it the webhook is off. */
  paymentWebhookSecret: string | undefined;
  /** A public form sent sooner than this after it was shown is taken for a bot (TOBIRA_FORM_MIN_SECONDS, default 2; 0 turns the check off). */
  formMinSeconds: number;
}

interface SecretKeySource {
  key: Buffer;
  file: string | null;
  warnings: string[];
}

/**
 * The default key file: beside the data directory, named after it (DATA_DIR=./data → ./data.key),
 * so a copy or backup of the data directory does not carry the key, and two data directories never
 * share one.
 */
export function defaultSecretKeyFile(dataDir: string): string {
  return `${path.resolve(dataDir)}.key`;
}

/** Where versions before TOBIRA_SECRET_KEY_FILE generated the key: inside the data directory. */
export function legacySecretKeyFile(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'secret.key');
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(path.resolve(dir), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function readKeyFile(file: string): Buffer {
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length < 32) throw new Error(`The secret key file ${file} does not hold 32+ base64-encoded bytes / 秘密鍵ファイル ${file} の内容が正しくありません`);
  return key;
}

function generateKeyFile(file: string): Buffer {
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  // 'wx': never overwrite a key that appeared in between (losing a key loses the sealed data).
  writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}

function keyWithDatabaseWarning(file: string, dataDir: string): string {
  const target = defaultSecretKeyFile(dataDir);
  return [
    `WARNING: the secret key ${file} is inside the data directory ${dataDir}, with the database: anyone with a copy or backup of that directory can decrypt the sensitive data.`,
    `  Move it out: stop Tobira, move the file (e.g. mv ${file} ${target}), set TOBIRA_SECRET_KEY_FILE=${target}, start Tobira. See README "Security: where the key lives".`,
    `警告: 秘密鍵 ${file} がデータベースと同じデータディレクトリ ${dataDir} の中にあります。このディレクトリのコピーやバックアップがあれば、要配慮個人情報を復号できます。`,
    `  移動してください: Tobira を停止し、ファイルを移動し (例: mv ${file} ${target})、TOBIRA_SECRET_KEY_FILE=${target} を設定して、Tobira を起動します。README「Security: where the key lives」を参照。`,
  ].join('\n');
}

function looseModeWarning(file: string): string[] {
  if (process.platform === 'win32') return [];
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) === 0) return [];
  return [
    `WARNING: the secret key ${file} can be read by other users (mode ${mode.toString(8)}): chmod 600 ${file}`
    + ` / 警告: 秘密鍵 ${file} が他のユーザーから読めます (モード ${mode.toString(8)}): chmod 600 ${file}`,
  ];
}

/**
 * The secret key, from (in this order) TOBIRA_SECRET_KEY, the file TOBIRA_SECRET_KEY_FILE names,
 * an existing DATA_DIR/secret.key (older installations: still used, with a warning), or the file
 * beside the data directory (generated on first start, mode 0600). An existing key is never
 * replaced: a key file named but missing while another key exists stops the start.
 */
function loadSecretKey(env: NodeJS.ProcessEnv, dataDir: string): SecretKeySource {
  const fromEnv = env.TOBIRA_SECRET_KEY;
  const fileFromEnv = env.TOBIRA_SECRET_KEY_FILE;
  if (fromEnv && fileFromEnv) throw new Error('Set TOBIRA_SECRET_KEY or TOBIRA_SECRET_KEY_FILE, not both / TOBIRA_SECRET_KEY と TOBIRA_SECRET_KEY_FILE のどちらか一方を設定してください');
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length < 32) throw new Error('TOBIRA_SECRET_KEY must be at least 32 bytes, base64-encoded');
    return { key, file: null, warnings: [] };
  }
  const legacy = legacySecretKeyFile(dataDir);
  const beside = defaultSecretKeyFile(dataDir);
  if (fileFromEnv) {
    const file = path.resolve(fileFromEnv);
    const warnings = isInside(dataDir, file) ? [keyWithDatabaseWarning(file, dataDir)] : [];
    if (existsSync(file)) return { key: readKeyFile(file), file, warnings: [...warnings, ...looseModeWarning(file)] };
    const elsewhere = [legacy, beside].find((f) => f !== file && existsSync(f));
    if (elsewhere) {
      throw new Error(
        `TOBIRA_SECRET_KEY_FILE=${file} does not exist, but a key exists at ${elsewhere}: move that file there (a new key would leave the encrypted data unreadable)`
        + ` / TOBIRA_SECRET_KEY_FILE=${file} がありませんが、${elsewhere} に鍵があります。そのファイルを移動してください`,
      );
    }
    return { key: generateKeyFile(file), file, warnings };
  }
  if (existsSync(legacy)) {
    const key = readKeyFile(legacy);
    if (existsSync(beside) && !readKeyFile(beside).equals(key)) {
      throw new Error(`Two different secret keys: ${legacy} and ${beside}; keep the one the data was encrypted with / 秘密鍵が 2 つあります: ${legacy} と ${beside}`);
    }
    return { key, file: legacy, warnings: [keyWithDatabaseWarning(legacy, dataDir), ...looseModeWarning(legacy)] };
  }
  if (existsSync(beside)) return { key: readKeyFile(beside), file: beside, warnings: looseModeWarning(beside) };
  return { key: generateKeyFile(beside), file: beside, warnings: [] };
}

function documentMaxBytes(megabytes: string | undefined): number {
  const value = Number(megabytes || '10');
  if (!Number.isFinite(value) || value <= 0) throw new Error('TOBIRA_DOCUMENT_MAX_MB must be a positive number of megabytes');
  return Math.round(value * 1024 * 1024);
}

/** Reads Tobira's configuration from environment variables (see README, "Configuration"). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  const secret = loadSecretKey(env, dataDir);
  return {
    port: Number.parseInt(env.PORT ?? '3000', 10),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    documentsDir: path.resolve(env.DOCUMENTS_DIR || path.join(dataDir, 'documents')),
    documentMaxBytes: documentMaxBytes(env.TOBIRA_DOCUMENT_MAX_MB),
    databaseUrl: env.DATABASE_URL || undefined,
    secretKey: secret.key,
    secretKeyFile: secret.file,
    warnings: secret.warnings,
    adminEmail: env.TOBIRA_ADMIN_EMAIL || undefined,
    adminPassword: env.TOBIRA_ADMIN_PASSWORD || undefined,
    demo: argv.includes('--demo') || env.TOBIRA_DEMO === '1',
    secureCookies: env.TOBIRA_SECURE_COOKIES === '1',
    sessionHours: Number.parseInt(env.TOBIRA_SESSION_HOURS ?? '12', 10),
    logLevel: env.LOG_LEVEL ?? 'info',
    smtpUrl: env.TOBIRA_SMTP_URL || undefined,
    mailFrom: env.TOBIRA_MAIL_FROM || 'Tobira <no-reply@tobira.local>',
    publicUrl: env.TOBIRA_PUBLIC_URL || undefined,
    paymentWebhookSecret: env.TOBIRA_PAYMENT_WEBHOOK_SECRET || undefined,
    formMinSeconds: Math.max(0, Number.parseFloat(env.TOBIRA_FORM_MIN_SECONDS ?? '2') || 0),
  };
}
