import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { fontFiles } from '../src/server/pdf/fonts';

/**
 * Which Chromium the browser journeys drive. Nothing is ever downloaded:
 * - `CHROMIUM_PATH`, when set, names the binary;
 * - otherwise the system's Chromium (Debian's `chromium` on PATH or at /usr/bin/chromium);
 * - otherwise the Chromium shipped inside the npm package @sparticuz/chromium (a devDependency,
 *   unpacked from the package on first use), so `npm ci && npm test` passes on a machine that has
 *   only Node.js.
 * `TOBIRA_TEST_BROWSER=system` or `=bundled` forces one of the last two (CI runs both).
 */
export interface BrowserChoice {
  kind: 'env' | 'system' | 'bundled';
  executablePath: string;
  args: string[];
  /** What a person reads in `npm run doctor`. */
  description: string;
}

const COMMON_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function onPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

function systemChromium(): string | null {
  return onPath('chromium') ?? onPath('chromium-browser') ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null);
}

/**
 * The bundled Chromium, unpacked from the package into a folder of its own version under the
 * temporary directory (left to itself the package reuses any /tmp/chromium, whatever version or
 * half-finished unpacking left it there): unpacked beside it first, then renamed into place whole.
 */
async function bundledChromium(): Promise<BrowserChoice> {
  const require = createRequire(import.meta.url);
  const packageJson = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..', 'package.json');
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  const dir = path.join(tmpdir(), `tobira-chromium-${version}`);
  const executablePath = path.join(dir, 'chromium');
  if (!existsSync(path.join(dir, '.complete'))) {
    const partial = mkdtempSync(`${dir}-partial-`);
    const { default: Sparticuz } = await import('@sparticuz/chromium');
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = partial; // read by os.tmpdir(), where the package unpacks
    try {
      await Sparticuz.executablePath();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    writeFileSync(path.join(partial, '.complete'), version);
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(partial, dir);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another process finished first
    }
  }
  // None of the package's serverless flags (single process, web security off…) is needed here: the
  // journeys meet the same browser, and the same Content-Security-Policy, a person's browser does.
  return { kind: 'bundled', executablePath, args: COMMON_ARGS, description: `Chromium from npm (@sparticuz/chromium ${version}, ${versionOf(executablePath)})` };
}

function versionOf(executable: string): string {
  try {
    return execFileSync(executable, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return 'version unknown';
  }
}

/** The browser the journeys will use, by the rules above; a clear error when a forced one is missing. */
export async function resolveBrowser(): Promise<BrowserChoice> {
  const forced = process.env.TOBIRA_TEST_BROWSER;
  if (forced && forced !== 'system' && forced !== 'bundled') throw new Error(`TOBIRA_TEST_BROWSER must be "system" or "bundled", not "${forced}"`);
  if (forced === 'bundled') return bundledChromium();
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist`);
    return { kind: 'env', executablePath: fromEnv, args: COMMON_ARGS, description: `${versionOf(fromEnv)} (CHROMIUM_PATH=${fromEnv})` };
  }
  const system = systemChromium();
  if (system) return { kind: 'system', executablePath: system, args: COMMON_ARGS, description: `${versionOf(system)} (system, ${system})` };
  if (forced === 'system') throw new Error("TOBIRA_TEST_BROWSER=system but no Chromium on this system: apt-get install chromium, or unset it to use the one from npm");
  return bundledChromium();
}

/**
 * A fontconfig file naming the fonts Chromium may use: Tobira's npm fonts (Noto Sans JP), so it
 * draws Japanese on a machine with no CJK font; with the system's browser also the system's fonts.
 * The bundled browser sees none of the system's fonts: that run is the machine with nothing
 * installed, whatever this machine has.
 */
function fontConfig(options: { includeSystem: boolean; extraDirs: string[] }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tobira-fonts-'));
  const dirs = [...new Set([...fontFiles().map((f) => path.dirname(f)), ...options.extraDirs])];
  const file = path.join(dir, 'fonts.conf');
  writeFileSync(file, [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    ...(options.includeSystem ? ['  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>'] : []),
    ...dirs.map((d) => `  <dir>${d}</dir>`),
    `  <cachedir>${path.join(dir, 'cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n'));
  return file;
}

let chosen: Promise<BrowserChoice> | null = null;
/** The choice, made once per process. */
export function browserChoice(): Promise<BrowserChoice> {
  chosen ??= resolveBrowser();
  return chosen;
}

/** Chromium, headless, with a fresh profile and Tobira's fonts; nothing is downloaded. */
export async function openBrowser(locale: 'ja-JP' | 'en-US', device: { viewport?: { width: number; height: number }; isMobile?: boolean } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const browser = await browserChoice();
  const profile = mkdtempSync(path.join(tmpdir(), 'tobira-chromium-profile-'));
  // The bundled build carries a few Latin fonts of its own, unpacked beside its binary.
  const bundledFonts = browser.kind === 'bundled' ? [path.join(path.dirname(browser.executablePath), 'fonts')] : [];
  const fonts = fontConfig({ includeSystem: browser.kind !== 'bundled', extraDirs: bundledFonts.filter((d) => existsSync(d)) });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browser.executablePath,
    headless: true,
    locale,
    timezoneId: 'Asia/Tokyo',
    viewport: device.viewport ?? { width: 1366, height: 900 },
    ...(device.isMobile && { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
    args: browser.args,
    env: { ...process.env, FONTCONFIG_FILE: fonts },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(path.dirname(fonts), { recursive: true, force: true });
    },
  };
}
