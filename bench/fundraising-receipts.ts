/**
 * How long does the year-end receipt batch take for a large supporter base, end to end through the
 * receipts service? --supporters supporters (default 20,000) are written with their planned three
 * years of gifts (the demo generator), and every one of them is given one more received gift of
 * ¥3,000 in the last calendar year, so that all of them reach the ¥2,000 threshold. Receipt
 * settings (with a seal image) are saved, a year-end batch for last year is created (the supporters
 * over the threshold fixed), and run 200 supporters at a time until done. Then the batch's file is
 * made: unless --skip-zip, the ZIP of one PDF per receipt and, unless --skip-pdf, the merged PDF of every
 * receipt (the ZIP renders each receipt on its own, about 80 ms each: some 25 minutes for 20,000).
 * Each step's time, the output sizes and the process's peak RSS are printed. Issue 13: "annual
 * receipt batch for 20k supporters with its time and RSS printed".
 *
 * The demo name pool is small (35 family × 30 given readings over 30 postal codes), so at 20,000
 * supporters about half look like another supporter (same reading at the same 〒) and the service
 * would skip them as possible duplicates. The batch is therefore created with acknowledgeDuplicates
 * unless --check-duplicates is given (then they are skipped, as the service does by default).
 *
 *   node --import tsx bench/fundraising-receipts.ts [--engine pglite|postgres] [--supporters 20000]
 *     [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--skip-pdf] [--skip-zip] [--check-duplicates] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app';
import { migrate } from '../src/server/db/migrate';
import { bootstrap } from '../src/server/bootstrap';
import type { RequestContext } from '../src/server/http/context';
import { tokyoDate } from '../src/shared/time';
import { createRng } from '../src/modules/demo/server/demo.generator';
import { planFundraising } from '../src/modules/demo/server/demo.fundraising';
import { writeFundraising } from '../src/modules/demo/server/demo.service';
import { DEFAULT_BATCH_CHUNK } from '../src/modules/fundraising/receipts/server/receipts.service';
import { SAMPLE_SEAL_PNG, sampleSettings } from '../src/modules/fundraising/receipts/server/receipts.test-helpers';
import { openFresh, type Engine } from './databases';
import { table } from './stats';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: process.env.DATABASE_URL ? 'postgres' : 'pglite' },
    supporters: { type: 'string', default: '20000' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'skip-pdf': { type: 'boolean', default: false },
    'skip-zip': { type: 'boolean', default: false },
    'check-duplicates': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const engine = values.engine as Engine;
if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`--engine must be pglite or postgres, not ${String(values.engine)}`);
const supporterCount = Number(values.supporters);
const acknowledgeDuplicates = !values['check-duplicates'];
const log = (line: string) => process.stderr.write(`${line}\n`);

let peakRss = 0;
let stepPeakRss = 0;
const sampleRss = () => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  stepPeakRss = Math.max(stepPeakRss, rss);
};
const sampler = setInterval(sampleRss, 100);
const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

interface Step { name: string; ms: number; peakRss: number; note: string }

async function main() {
  const { handle, dispose } = await openFresh(engine, 'tobira_bench_receipts', values['pg-url']);
  try {
    await migrate(handle.db);
    const { app, services } = await buildApp({ db: handle.db, secretKey: Buffer.alloc(32, 7) });
    const { organisationId } = await bootstrap(services, { adminEmail: 'admin@bench.local', adminPassword: 'bench-password-123' }, 'Bench office');
    const { token } = await services.staff.createTokenFor('admin@bench.local', 'bench');
    const resolved = await services.staff.actorFromToken(token);
    if (!resolved) throw new Error('no actor');
    const ctx: RequestContext = { actor: resolved, ip: '127.0.0.1' };

    const today = tokyoDate();
    const year = Number(today.slice(0, 4)) - 1;
    log(`filling ${supporterCount} supporters and their gifts on ${engine}…`);
    const fillStart = performance.now();
    const plan = planFundraising(createRng(0x5e1d), today, supporterCount);
    const written = await handle.db.transaction().execute((tx) => writeFundraising(tx, organisationId, resolved.staffUserId, plan));
    // One more received ¥3,000 gift in the receipt year for every supporter: all of them reach the threshold.
    const fund = await handle.db.selectFrom('fund').select('id').where('organisation_id', '=', organisationId)
      .orderBy(sql`code = 'unrestricted'`, 'desc').orderBy('code').executeTakeFirstOrThrow();
    const extra = await sql`
      INSERT INTO gift (organisation_id, supporter_id, amount_yen, received_on, method, fund_id, status, source_platform, created_by)
      SELECT organisation_id, id, 3000, ${`${year}-12-15`}::date, 'bank_transfer', ${fund.id}::uuid, 'received', 'bench', ${resolved.staffUserId}::uuid
      FROM supporter WHERE organisation_id = ${organisationId}::uuid AND merged_into_id IS NULL`.execute(handle.db);
    const extraGifts = Number(extra.numAffectedRows ?? 0);
    await sql`VACUUM ANALYZE`.execute(handle.db);
    const giftsOfYear = await handle.db.selectFrom('gift').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('organisation_id', '=', organisationId).where('received_on', '>=', `${year}-01-01`).where('received_on', '<=', `${year}-12-31`)
      .executeTakeFirstOrThrow();
    log(`filled in ${((performance.now() - fillStart) / 1000).toFixed(1)} s: ${written.supporters} supporters, ${written.gifts} planned gifts + ${extraGifts} for ${year} (${giftsOfYear.n} gifts in ${year}); RSS ${mib(process.memoryUsage().rss)}`);

    const steps: Step[] = [];
    const time = async <T>(name: string, fn: () => Promise<T>, note: (out: T) => string = () => ''): Promise<T> => {
      sampleRss();
      stepPeakRss = process.memoryUsage().rss;
      const t0 = performance.now();
      const out = await fn();
      const ms = performance.now() - t0;
      sampleRss();
      const step = { name, ms, peakRss: stepPeakRss, note: note(out) };
      steps.push(step);
      log(`${name}: ${(ms / 1000).toFixed(1)} s, peak RSS ${mib(step.peakRss)}${step.note ? `, ${step.note}` : ''}`);
      return out;
    };
    const receipts = services.receipts;

    await time('save receipt settings (with seal)', () => receipts.updateSettings(ctx, sampleSettings({ sealImage: SAMPLE_SEAL_PNG.toString('base64') })));
    const batch = await time('create batch (fix supporters ≥ threshold)', () => receipts.createBatch(ctx, { year, acknowledgeDuplicates }), (b) => `${b.total} supporters`);

    let runs = 0;
    const runStart = performance.now();
    const progress = await time(`run batch (${DEFAULT_BATCH_CHUNK} a run, until done)`, async () => {
      for (;;) {
        const p = await receipts.runBatch(ctx, batch.id, DEFAULT_BATCH_CHUNK);
        runs += 1;
        if (runs % 10 === 0 || p.status === 'done') {
          const s = (performance.now() - runStart) / 1000;
          log(`  run ${runs}: ${p.done}/${p.total} done, ${p.issued} issued, ${p.skipped} skipped, ${p.failed} failed (${s.toFixed(0)} s, ${(p.done / s).toFixed(0)}/s)`);
        }
        if (p.status === 'done' || p.done >= p.total) return p;
      }
    }, (p) => `${p.issued} issued`);
    const runMs = steps[steps.length - 1]?.ms ?? 0;
    const reasons = await handle.db.selectFrom('receipt_batch_item').select(['status', 'reason', (eb) => eb.fn.countAll<string>().as('n')])
      .where('batch_id', '=', batch.id).groupBy(['status', 'reason']).orderBy('status').orderBy('reason').execute();
    const skippedByReason = Object.fromEntries(reasons.filter((r) => r.status !== 'issued').map((r) => [`${r.status}:${r.reason ?? '-'}`, Number(r.n)]));
    const finished = await receipts.getBatch(ctx, batch.id);

    let zipBytes: number | null = null;
    if (!values['skip-zip']) {
      const zip = await time('batch file: ZIP (one PDF per receipt)', () => receipts.batchFile(ctx, batch.id, { format: 'zip' }), (f) => mib(f.content.length));
      zipBytes = zip.content.length;
    }
    let pdfBytes: number | null = null;
    if (!values['skip-pdf']) {
      const pdf = await time('batch file: merged PDF', () => receipts.batchFile(ctx, batch.id, { format: 'pdf' }), (f) => mib(f.content.length));
      pdfBytes = pdf.content.length;
    }
    clearInterval(sampler);
    sampleRss();

    const issuedPerSecond = progress.issued / (runMs / 1000);
    const total = steps.reduce((s, step) => s + step.ms, 0);
    const rows = steps.map((s) => [s.name, (s.ms / 1000).toFixed(1), mib(s.peakRss), s.note]);
    rows.push(['settings → files (total)', (total / 1000).toFixed(1), mib(peakRss), '']);
    process.stdout.write(`\nYear-end receipt batch for ${year}, ${written.supporters} supporters (${written.gifts + extraGifts} gifts, ${giftsOfYear.n} in ${year}), ${batch.total} in the batch, `
      + `acknowledgeDuplicates ${acknowledgeDuplicates}, ${engine} (${new Date().toISOString()})\n\n`);
    process.stdout.write(`${table(['step', 's', 'peak RSS', 'out'], rows, [0, 3])}\n\n`);
    process.stdout.write(`batch: ${finished.status}, ${progress.issued} issued, ${progress.skipped} skipped, ${progress.failed} failed, ${finished.totalYen.toLocaleString('en-US')} yen in ${runs} runs; `
      + `${issuedPerSecond.toFixed(1)} receipts issued/s\n`);
    process.stdout.write(`not issued by reason: ${JSON.stringify(skippedByReason)}\n`);
    const perReceipt = (bytes: number) => `${(bytes / Math.max(1, progress.issued) / 1024).toFixed(1)} KiB a receipt`;
    process.stdout.write(`${zipBytes === null ? 'ZIP skipped' : `ZIP ${mib(zipBytes)} (${zipBytes} bytes, ${perReceipt(zipBytes)})`}; `
      + `${pdfBytes === null ? 'merged PDF skipped' : `merged PDF ${mib(pdfBytes)} (${pdfBytes} bytes, ${perReceipt(pdfBytes)})`}; peak RSS ${mib(peakRss)}\n`);
    if (values.json) {
      writeFileSync(values.json, JSON.stringify({
        engine, year, supporterCount: written.supporters, gifts: written.gifts + extraGifts, batchTotal: batch.total, acknowledgeDuplicates, runs,
        issued: progress.issued, skipped: progress.skipped, failed: progress.failed, skippedByReason, issuedPerSecond, zipBytes, pdfBytes, peakRss, steps,
      }, null, 2));
    }
    await app.close();
    await handle.close();
  } finally {
    await dispose();
  }
}

main().catch((error: unknown) => {
  clearInterval(sampler);
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
