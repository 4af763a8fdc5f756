/**
 * `npm run doctor`: which browser, which fonts and which database `npm test` will use on this
 * machine, each checked for real (the browser is started, the database is asked its version).
 * The browser journeys print the same lines when they start.
 */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { FONT_FAMILIES, fontFiles } from '../src/server/pdf/fonts';
import { browserChoice, openBrowser } from './browser';

/** A database URL without its password, for printing. */
function redacted(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

/** Whether fontconfig on this machine knows a Japanese font (only informative: Tobira brings its own). */
function systemJapaneseFont(): string {
  try {
    const out = execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8', timeout: 10_000 }).trim();
    return out ? `yes (${out.split('\n')[0]})` : 'none';
  } catch {
    return 'none (no fontconfig tools)';
  }
}

/** The lines `npm run doctor` prints; throws when something the tests need is missing. */
export async function testSetupReport(options: { launchBrowser: boolean }): Promise<string[]> {
  const browser = await browserChoice();
  if (options.launchBrowser) {
    const opened = await openBrowser('ja-JP');
    await opened.close();
  }
  fontFiles();
  const lines = [
    `browser:  ${browser.description}${options.launchBrowser ? ' — started' : ''}`,
    ...FONT_FAMILIES.map((f) => `fonts:    ${f.name} (${f.scripts}) from npm ${f.packageName} — used for PDFs and given to the test browser`),
    `          system Japanese font: ${systemJapaneseFont()} (not needed)`,
  ];
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    lines.push('database: embedded PGlite (@electric-sql/pglite, in the test process); set DATABASE_URL to run the suite on PostgreSQL');
  } else {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
      lines.push(`database: PostgreSQL ${rows[0]?.server_version ?? '?'} at ${redacted(databaseUrl)} (each test file gets its own database)`);
    } finally {
      await client.end();
    }
  }
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    for (const line of await testSetupReport({ launchBrowser: true })) console.log(line);
  } catch (error) {
    console.error(`doctor: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
