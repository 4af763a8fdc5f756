/**
 * Lighthouse over a list of URLs, with the Chromium the browser journeys use (`e2e/browser.ts`:
 * CHROMIUM_PATH, the system's Chromium or the one inside @sparticuz/chromium; nothing is
 * downloaded). One headless Chromium is launched for the whole list (chrome-launcher, a fresh
 * profile in a temporary directory, Tobira's npm fonts through fontconfig) and killed afterwards,
 * also when a run fails. Each URL is audited by Lighthouse's Node API with its default config:
 * mobile (Moto G Power-class screen emulation, 4× CPU slowdown, slow 4G, simulated throttling) or,
 * with `formFactor: 'desktop'`, Lighthouse's desktop config; the categories performance,
 * accessibility, best practices and SEO. Lighthouse resets the page's storage and cache before
 * each run. With `runs` > 1 each URL is audited that many times and Lighthouse's own median run
 * (`computeMedianRun`: the run closest to the median FCP and TTI) is reported.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse, { desktopConfig, type Config, type Flags, type Result } from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { browserChoice, type BrowserChoice } from '../e2e/browser';
import { fontFiles } from '../src/server/pdf/fonts';

export interface LighthouseOptions {
  /** Lighthouse's default mobile config (the default) or its desktop config. */
  formFactor?: 'mobile' | 'desktop';
  /** Audits per URL; the median run is reported (default 1). */
  runs?: number;
  /** More Chromium flags (e.g. `--lang=ja-JP`), after the journeys' own. */
  chromeFlags?: string[];
  /** Called before each Lighthouse run (progress on stderr, for a CLI). */
  onRun?: (url: string, run: number, runs: number) => void;
  /** Called with the whole Lighthouse result that is reported for each URL (the median run). */
  onReport?: (url: string, lhr: Result) => void;
}

export interface LighthouseScore {
  url: string;
  /** Category scores, 0…1. */
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  /** Lab metrics of the (median) run, simulated throttling. */
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Total bytes transferred (Lighthouse's `total-byte-weight`). */
  transferBytes: number;
  /** Audits of the accessibility and performance categories that scored below 0.9. */
  failedAudits: Array<{ id: string; title: string }>;
}

/** The categories run; the ones the goals are about come first. */
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
/** Categories whose audits below this score are listed in `failedAudits`. */
const FAILED_FROM = ['accessibility', 'performance'];
const PASS = 0.9;

/** Extra flags Lighthouse needs in a container (a small /dev/shm) on top of the journeys' own. */
const LIGHTHOUSE_FLAGS = ['--headless=new', '--disable-dev-shm-usage'];

/**
 * A fontconfig file as the journeys write one (`openBrowser` in e2e/browser.ts): Tobira's npm
 * fonts, the system's fonts with the system's browser, the bundled browser's own Latin fonts
 * with that one. Returns the folder (to remove afterwards) and the file.
 */
function fontConfig(browser: BrowserChoice): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tobira-lighthouse-fonts-'));
  const bundledFonts = browser.kind === 'bundled' ? [path.join(path.dirname(browser.executablePath), 'fonts')].filter((d) => existsSync(d)) : [];
  const dirs = [...new Set([...fontFiles().map((f) => path.dirname(f)), ...bundledFonts])];
  const file = path.join(dir, 'fonts.conf');
  writeFileSync(file, [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    ...(browser.kind !== 'bundled' ? ['  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>'] : []),
    ...dirs.map((d) => `  <dir>${d}</dir>`),
    `  <cachedir>${path.join(dir, 'cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n'));
  return { dir, file };
}

function numeric(lhr: Result, id: string): number {
  return lhr.audits[id]?.numericValue ?? Number.NaN;
}

function categoryScore(lhr: Result, id: string): number {
  return lhr.categories[id]?.score ?? Number.NaN;
}

/** Audits of the given categories with a score below 0.9 (not the informative/manual/n.a. ones, whose score is null). */
function failedAudits(lhr: Result): Array<{ id: string; title: string }> {
  const seen = new Set<string>();
  const failed: Array<{ id: string; title: string }> = [];
  for (const category of FAILED_FROM) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (!audit || seen.has(ref.id) || audit.score === null || audit.score >= PASS) continue;
      seen.add(ref.id);
      failed.push({ id: ref.id, title: audit.title });
    }
  }
  return failed;
}

function summarise(url: string, lhr: Result): LighthouseScore {
  return {
    url,
    performance: categoryScore(lhr, 'performance'),
    accessibility: categoryScore(lhr, 'accessibility'),
    bestPractices: categoryScore(lhr, 'best-practices'),
    seo: categoryScore(lhr, 'seo'),
    fcpMs: numeric(lhr, 'first-contentful-paint'),
    lcpMs: numeric(lhr, 'largest-contentful-paint'),
    tbtMs: numeric(lhr, 'total-blocking-time'),
    cls: numeric(lhr, 'cumulative-layout-shift'),
    transferBytes: numeric(lhr, 'total-byte-weight'),
    failedAudits: failedAudits(lhr),
  };
}

/** One Lighthouse run against the Chromium on `port`; a page Lighthouse could not load is an error. */
async function audit(url: string, port: number, config: Config | undefined): Promise<Result> {
  const flags: Flags = { port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES };
  const result = await lighthouse(url, flags, config);
  if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  return lhr;
}

/**
 * Lighthouse's scores and lab metrics for each URL, in order. Launches (and always kills) one
 * headless Chromium; throws when Chromium cannot start or a page cannot be audited.
 */
export async function lighthouseScores(urls: string[], options: LighthouseOptions = {}): Promise<LighthouseScore[]> {
  const runs = Math.max(1, Math.floor(options.runs ?? 1));
  const config: Config | undefined = options.formFactor === 'desktop' ? desktopConfig : undefined;
  const browser = await browserChoice();
  const fonts = fontConfig(browser);
  let chrome: LaunchedChrome | undefined;
  try {
    chrome = await launch({
      chromePath: browser.executablePath,
      chromeFlags: [...LIGHTHOUSE_FLAGS, ...browser.args, ...(options.chromeFlags ?? [])],
      envVars: { ...process.env, FONTCONFIG_FILE: fonts.file },
      logLevel: 'silent',
      handleSIGINT: true,
    });
    const scores: LighthouseScore[] = [];
    for (const url of urls) {
      const results: Result[] = [];
      for (let run = 1; run <= runs; run++) {
        options.onRun?.(url, run, runs);
        results.push(await audit(url, chrome.port, config));
      }
      const reported = results.length === 1 ? (results[0] as Result) : computeMedianRun(results);
      options.onReport?.(url, reported);
      scores.push(summarise(url, reported));
    }
    return scores;
  } finally {
    chrome?.kill(); // also removes the temporary profile chrome-launcher made
    rmSync(fonts.dir, { recursive: true, force: true });
  }
}
