/**
 * How fast does the reception desk get its answers? For each engine (embedded PGlite, PostgreSQL)
 * and each number of people: a fresh database, migrated and bulk-filled, the real app listening
 * on loopback, and latency percentiles of person search (GET /api/people?q=) and the queue page
 * (GET /api/visits), one connection at a time and with a few in parallel.
 *
 *   node --import tsx bench/search-and-queue.ts [--engine pglite|postgres|both] [--sizes 10000,100000]
 *     [--requests 500] [--seconds 30] [--concurrency 4] [--pg-url postgres://postgres@127.0.0.1:5432/postgres]
 *     [--json results.json]
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server/app';
import { bootstrap } from '../src/server/bootstrap';
import { migrate } from '../src/server/db/migrate';
import { ensureDemoStaff, writeGeneratedData } from '../src/modules/demo/server/demo.service';
import { analyzeTables } from '../src/modules/demo/server/demo.repository';
import { generateBenchData, generateQueries, queryMix, type QueryKind } from './generate';
import { runLoad } from './http-load';
import { openFresh, type Engine } from './databases';
import { f1, stats, table, type Stats } from './stats';


interface Options {
  engines: Engine[];
  sizes: number[];
  requests: number;
  seconds: number;
  concurrency: number;
  pgUrl: string;
  json: string | undefined;
  /** Internal: run exactly one engine and size and send the result to the parent process. */
  single: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string', default: 'both' },
      sizes: { type: 'string', default: '10000,100000' },
      requests: { type: 'string', default: '500' },
      seconds: { type: 'string', default: '30' },
      concurrency: { type: 'string', default: '4' },
      'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      json: { type: 'string' },
      single: { type: 'boolean', default: false },
    },
  });
  const engine = values.engine;
  if (engine !== 'pglite' && engine !== 'postgres' && engine !== 'both') throw new Error('--engine must be pglite, postgres or both');
  const sizes = values.sizes.split(',').map((s) => Number.parseInt(s.replace(/[_k]/g, (c) => (c === 'k' ? '000' : '')), 10));
  if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error('--sizes: comma-separated counts of at least 100, e.g. 10000,100000');
  return {
    engines: engine === 'both' ? ['pglite', 'postgres'] : [engine],
    sizes,
    requests: Number.parseInt(values.requests, 10),
    seconds: Number.parseInt(values.seconds, 10),
    concurrency: Number.parseInt(values.concurrency, 10),
    pgUrl: values['pg-url'],
    json: values.json,
    single: values.single,
  };
}

// ---------------------------------------------------------------- one run

interface Scenario {
  endpoint: 'health' | 'search' | 'queue';
  concurrency: number;
  stats: Stats;
}

interface RunResult {
  engine: Engine;
  size: number;
  setupSeconds: number;
  fillSeconds: number;
  rows: { people: number; visits: number; consultations: number; assistance: number; todayQueue: number };
  scenarios: Scenario[];
  byKind: Array<{ kind: QueryKind; stats: Stats }>;
  peakRssMiB: number;
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const log = (message: string) => console.error(`[bench] ${message}`);

async function benchOne(engine: Engine, size: number, options: Options): Promise<RunResult> {
  const t0 = performance.now();
  const { handle, dispose } = await openFresh(engine, `tobira_bench_${size}`, options.pgUrl);
  try {
    await migrate(handle.db);
    const { app, services } = await buildApp({ db: handle.db, secretKey: randomBytes(32) });
    const adminEmail = 'bench@tobira.local';
    const { organisationId } = await bootstrap(services, { adminEmail, adminPassword: randomBytes(12).toString('base64url') }, 'Bench office');
    const staff = await ensureDemoStaff(services, organisationId);
    const setupSeconds = seconds(t0);

    const t1 = performance.now();
    const data = generateBenchData(size, new Date());
    const written = await writeGeneratedData(handle.db, organisationId, staff, data.people, data.registeredAt, data.history, 1000);
    await analyzeTables(handle.db);
    const fillSeconds = seconds(t1);
    const today = data.history.days[data.history.days.length - 1];
    const todayQueue = data.history.visits.filter((v) => v.visitDate === today).length;
    log(`${engine} ${size}: setup ${setupSeconds.toFixed(1)} s, fill ${fillSeconds.toFixed(1)} s (${written.people} people, ${written.visits} visits)`);

    await app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const { token } = await services.staff.createTokenFor(adminEmail, 'bench');
    const queries = generateQueries(options.requests, data.people, written.fileNumbers);
    const searchPaths = queries.map((q) => `/api/people?q=${encodeURIComponent(q.q)}`);
    const queuePaths = ['/api/visits'];

    const job = (paths: string[], concurrency: number, maxRequests = options.requests) =>
      runLoad({ baseUrl, token, paths, concurrency, maxRequests, maxSeconds: options.seconds });
    // Warm up: JIT, prepared plans, PGlite's caches.
    await job(searchPaths.slice(-50), 1, 50);
    await job(queuePaths, 1, 20);

    const scenarios: Scenario[] = [];
    // Baseline: framework, loopback and the API-token check (one indexed lookup), no route work.
    const health = await job(['/api/health'], 1, Math.min(options.requests, 200));
    scenarios.push({ endpoint: 'health', concurrency: 1, stats: stats(health.samples, health.wallMs) });
    let byKind: RunResult['byKind'] = [];
    for (const endpoint of ['search', 'queue'] as const) {
      for (const concurrency of [1, options.concurrency]) {
        const result = await job(endpoint === 'search' ? searchPaths : queuePaths, concurrency);
        scenarios.push({ endpoint, concurrency, stats: stats(result.samples, result.wallMs) });
        log(`${engine} ${size}: ${endpoint} c=${concurrency}: ${result.samples.length} requests in ${(result.wallMs / 1000).toFixed(1)} s`);
        if (endpoint === 'search' && concurrency === 1) {
          byKind = queryMix.map(([kind]) => {
            const samples = result.samples.filter(([i]) => queries[i]?.kind === kind);
            return { kind, stats: stats(samples, samples.reduce((sum, [, ms]) => sum + ms, 0)) };
          });
        }
      }
    }
    await app.close();
    return {
      engine,
      size,
      setupSeconds,
      fillSeconds,
      rows: { people: written.people, visits: written.visits, consultations: written.consultations, assistance: written.assistance, todayQueue },
      scenarios,
      byKind,
      // Each run has its own process (see main), so this is the peak of this engine and size alone.
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await handle.close();
    await dispose();
  }
}

// ---------------------------------------------------------------- report

const endpointLabel: Record<Scenario['endpoint'], string> = {
  health: 'GET /api/health (token check only)',
  search: 'GET /api/people?q=',
  queue: 'GET /api/visits',
};

function report(results: RunResult[], options: Options): string {
  const main = table(
    ['engine', 'people', 'endpoint', 'conc', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'],
    results.flatMap((r) =>
      r.scenarios.map((s) => [
        r.engine, r.size.toLocaleString('en'), endpointLabel[s.endpoint], String(s.concurrency),
        String(s.stats.count), f1(s.stats.rps), f1(s.stats.p50), f1(s.stats.p95), f1(s.stats.p99), f1(s.stats.max), String(s.stats.errors),
      ]),
    ),
    [0, 2],
  );
  const kinds = table(
    ['engine', 'people', ...queryMix.map(([k]) => `${k} p50/p95`)],
    results.map((r) => [r.engine, r.size.toLocaleString('en'), ...r.byKind.map((k) => (k.stats.count > 0 ? `${f1(k.stats.p50)}/${f1(k.stats.p95)}` : '–'))]),
  );
  const setup = table(
    ['engine', 'people', 'setup s', 'fill s', 'visits', 'consultations', 'aid', 'queue today', 'peak RSS MiB'],
    results.map((r) => [
      r.engine, r.size.toLocaleString('en'), f1(r.setupSeconds), f1(r.fillSeconds), String(r.rows.visits), String(r.rows.consultations),
      String(r.rows.assistance), String(r.rows.todayQueue), f1(r.peakRssMiB),
    ]),
  );
  return [
    `Latency over HTTP on 127.0.0.1, each scenario bounded by ${options.requests} requests or ${options.seconds} s.`,
    '',
    main,
    '',
    'Search latency by query kind (1 connection, ms):',
    '',
    kinds,
    '',
    'Setup, bulk fill (incl. ANALYZE) and peak RSS of the process of each run (app server, data generator and, for PGlite, the database; a PostgreSQL server\'s own memory is not included):',
    '',
    setup,
  ].join('\n');
}

const thisFile = fileURLToPath(import.meta.url);

/** Runs one engine and size in a fresh process: its own memory peak, no JIT or heap carried over. */
function benchInChild(engine: Engine, size: number, options: Options): Promise<RunResult> {
  const args = ['--single', '--engine', engine, '--sizes', String(size), '--requests', String(options.requests),
    '--seconds', String(options.seconds), '--concurrency', String(options.concurrency), '--pg-url', options.pgUrl];
  return new Promise((resolve, reject) => {
    let result: RunResult | undefined;
    const child = fork(thisFile, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (message) => {
      result = message as RunResult;
    });
    child.once('error', reject);
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`${engine} ${size}: benchmark process exited with ${code}`))));
  });
}

async function main() {
  const options = parseOptions();
  if (options.single) {
    const [engine] = options.engines;
    const [size] = options.sizes;
    if (!engine || !size || !process.send) throw new Error('--single runs one engine and one size, started by the benchmark itself');
    const result = await benchOne(engine, size, options);
    await new Promise<void>((resolve, reject) => process.send?.(result, (error: Error | null) => (error ? reject(error) : resolve())));
    return;
  }
  const results: RunResult[] = [];
  for (const engine of options.engines) {
    for (const size of options.sizes) {
      results.push(await benchInChild(engine, size, options));
    }
  }
  console.log(report(results, options));
  console.log(`\nNode ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM`);
  if (options.json) writeFileSync(options.json, JSON.stringify({ date: new Date().toISOString(), options, results }, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
