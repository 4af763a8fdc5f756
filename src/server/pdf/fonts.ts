import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The fonts Tobira draws with, taken from npm packages (never from the operating system: a fresh
 * machine has no Japanese font). PDFs embed a subset of them; the browser tests point Chromium's
 * fontconfig at the same files.
 */

const require = createRequire(import.meta.url);

/** The folder of an installed npm package. */
function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

export interface FontFamily {
  /** The family's name inside Tobira's documents. */
  name: string;
  /** The npm package that ships the files, and the scripts it draws. */
  packageName: string;
  scripts: string;
  regular: string;
  bold: string;
}

const notoSansJp = packageDir('@expo-google-fonts/noto-sans-jp');

/** Noto Sans JP draws Japanese (kanji, kana) and Latin text, so one family serves ja and en. */
export const NOTO_SANS_JP: FontFamily = {
  name: 'NotoSansJP',
  packageName: '@expo-google-fonts/noto-sans-jp',
  scripts: 'Japanese, Latin',
  regular: path.join(notoSansJp, '400Regular', 'NotoSansJP_400Regular.ttf'),
  bold: path.join(notoSansJp, '700Bold', 'NotoSansJP_700Bold.ttf'),
};

/** Every family Tobira ships; client scripts (Arabic, Ethiopic, Myanmar…) join this list. */
export const FONT_FAMILIES: readonly FontFamily[] = [NOTO_SANS_JP];

/** The font files, each checked to be present (a broken install fails loudly, not with tofu). */
export function fontFiles(): string[] {
  const files = FONT_FAMILIES.flatMap((f) => [f.regular, f.bold]);
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`font files missing (run npm ci): ${missing.join(', ')}`);
  return files;
}
