/**
 * Lighthouse figures for Tobira's public pages, on a phone (issue 14: a runner page should score
 * performance ≥ 0.9 and accessibility ≥ 0.95). Runs `lighthouse-harness.ts` over the pages from
 * `targets()` and prints a Markdown table of scores and lab metrics, the audits of the performance
 * and accessibility categories that scored below 0.9, and the machine it ran on. The exit code is
 * 1 when a page misses a goal.
 *
 *   node --import tsx bench/lighthouse.ts [--runs 1] [--desktop] [--min-performance 0.9]
 *     [--min-accessibility 0.95] [--json FILE] [URL...]
 *
 * Without URLs it starts Tobira itself (bench/lighthouse-site.ts) and audits a runner page in
 * Japanese and English, the event page and a campaign page.
 *
 * Chromium is the browser journeys' one (`e2e/browser.ts`; CHROMIUM_PATH and TOBIRA_TEST_BROWSER
 * work here too); nothing is downloaded.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { browserChoice } from '../e2e/browser';
import { lighthouseScores } from './lighthouse-harness';
import { startLighthouseSite } from './lighthouse-site';
import { table } from './stats';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '1' },
    desktop: { type: 'boolean', default: false },
    'min-performance': { type: 'string', default: '0.9' },
    'min-accessibility': { type: 'string', default: '0.95' },
    json: { type: 'string' },
  },
});

/** Run after the audits, also when they fail (e.g. stopping a server that `targets()` started). */
const cleanups: Array<() => Promise<void>> = [];

/**
 * The pages to audit: the URLs given on the command line, or else Tobira started here on PGlite
 * with a runner's approved page (photo, story, donor wall), the event page and a campaign page.
 */
async function targets(): Promise<string[]> {
  if (positionals.length === 0) {
    console.error('lighthouse: starting Tobira with a runner page…');
    const site = await startLighthouseSite();
    cleanups.push(site.close);
    return site.urls;
  }
  const bad = positionals.filter((url) => !URL.canParse(url)); // a typo fails here, not after Chromium started
  if (bad.length > 0) throw new Error(`not a URL: ${bad.join(', ')}`);
  return positionals;
}

const score = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const ms = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '–');

async function main(): Promise<number> {
  const t0 = performance.now();
  const runs = Number(values.runs);
  const minPerformance = Number(values['min-performance']);
  const minAccessibility = Number(values['min-accessibility']);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, not ${values.runs}`);
  const formFactor = values.desktop ? 'desktop' : 'mobile';
  try {
    const urls = await targets();
    const browser = await browserChoice();
    const details = new Map<string, { userAgent: string; benchmarkIndex: number; warnings: string[] }>();
    const scores = await lighthouseScores(urls, {
      formFactor,
      runs,
      onRun: (url, run, total) => console.error(`lighthouse: ${url} (run ${run} of ${total})`),
      onReport: (url, lhr) => details.set(url, {
        userAgent: lhr.environment.hostUserAgent,
        benchmarkIndex: lhr.environment.benchmarkIndex,
        warnings: lhr.runWarnings.map(String),
      }),
    });

    const out: string[] = [];
    out.push(`## Lighthouse, ${formFactor === 'mobile' ? 'mobile (Moto G Power emulation, slow 4G, 4× CPU slowdown' : 'desktop (no CPU slowdown, 10 Mbps'}, simulated throttling), `
      + `${runs === 1 ? 'one run' : `median of ${runs} runs`} per page`);
    out.push('');
    out.push(table(['URL', 'performance', 'accessibility', 'best practices', 'SEO', 'FCP ms', 'LCP ms', 'TBT ms', 'CLS', 'bytes'],
      scores.map((s) => [s.url, score(s.performance), score(s.accessibility), score(s.bestPractices), score(s.seo),
        ms(s.fcpMs), ms(s.lcpMs), ms(s.tbtMs), Number.isFinite(s.cls) ? s.cls.toFixed(3) : '–', ms(s.transferBytes)])));
    for (const s of scores) {
      out.push('');
      out.push(`### Audits below 0.9 (performance, accessibility): ${s.url}`);
      out.push('');
      out.push(s.failedAudits.length === 0 ? 'none' : s.failedAudits.map((a) => `- \`${a.id}\`: ${a.title}`).join('\n'));
      const warnings = details.get(s.url)?.warnings ?? [];
      if (warnings.length > 0) out.push('', 'Lighthouse warned:', ...warnings.map((w) => `- ${w}`));
    }
    const lighthouseVersion = (createRequire(import.meta.url)('lighthouse/package.json') as { version: string }).version;
    const first = details.values().next().value;
    out.push('');
    out.push(`Lighthouse ${lighthouseVersion}; ${browser.description}${first ? `, user agent ${first.userAgent}, benchmark index ${Math.round(first.benchmarkIndex)}` : ''}.`);
    out.push(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, `
      + `load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}; wall time ${((performance.now() - t0) / 1000).toFixed(0)} s.`);
    const missed = scores.filter((s) => !(s.performance >= minPerformance && s.accessibility >= minAccessibility));
    out.push(`Goal performance ≥ ${minPerformance} and accessibility ≥ ${minAccessibility}: `
      + scores.map((s) => `${s.url} ${missed.includes(s) ? 'MISSED' : 'met'} (${score(s.performance)} / ${score(s.accessibility)})`).join('; ') + '.');
    console.log(out.join('\n'));
    if (values.json) writeFileSync(values.json, JSON.stringify({ date: new Date().toISOString(), formFactor, runs, lighthouse: lighthouseVersion, browser: browser.description, scores }, null, 2));
    return missed.length > 0 ? 1 : 0;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
