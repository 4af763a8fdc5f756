/**
 * How fast are the aid coordinator's pages with a year of data? For each engine: a fresh database,
 * migrated and filled with a year of the office's life (visits, aid, stock received and given,
 * budget lines, shelter stays, waiting list, paid lodging; demo generators), the real app listening
 * on loopback, and latency percentiles of the occupancy board, the stock pages, the waiting list,
 * the winter board, the budget month and a year's report.
 *
 *   node --import tsx bench/stock-shelter.ts [--engine pglite|postgres|both] [--years 1] [--people 3000]
 *     [--requests 300] [--seconds 30] [--concurrency 4] [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--only movements]
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server/app';
import { bootstrap } from '../src/server/bootstrap';
import { migrate } from '../src/server/db/migrate';
import { createRng, generatePeople, planHistory } from '../src/modules/demo/server/demo.generator';
import { analyzeTables } from '../src/modules/demo/server/demo.repository';
import { ensureDemoStaff, writeGeneratedData, writeStockAndShelter } from '../src/modules/demo/server/demo.service';
import { planStockAndShelter } from '../src/modules/demo/server/demo.stock-shelter';
import { tokyoDate } from '../src/shared/time';
import { openFresh, type Engine } from './databases';
import { runLoad } from './http-load';
import { f1, stats, table, type Stats } from './stats';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    years: { type: 'string', default: '1' },
    people: { type: 'string', default: '3000' },
    requests: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '4' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    /** Measure only the pages whose name contains this text (e.g. "movements"). */
    only: { type: 'string' },
  },
});
const engines: Engine[] = values.engine === 'both' ? ['pglite', 'postgres'] : [values.engine as Engine];
const years = Number(values.years);
const peopleCount = Number(values.people);
const requests = Number(values.requests);
const maxSeconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const log = (message: string) => console.error(`[bench] ${message}`);

interface Row { engine: Engine; page: string; concurrency: number; stats: Stats }

async function benchEngine(engine: Engine): Promise<{ rows: Row[]; counts: Record<string, number>; fillSeconds: number }> {
  const { handle, dispose } = await openFresh(engine, 'tobira_bench_stock', values['pg-url']);
  try {
    await migrate(handle.db);
    const { app, services } = await buildApp({ db: handle.db, secretKey: randomBytes(32) });
    const adminEmail = 'bench@tobira.local';
    const { organisationId } = await bootstrap(services, { adminEmail, adminPassword: randomBytes(12).toString('base64url') }, 'Bench office');
    const staff = await ensureDemoStaff(services, organisationId);

    const t0 = performance.now();
    const now = new Date();
    const today = tokyoDate(now);
    const rng = createRng(0x5e1f);
    const people = generatePeople(rng, peopleCount, today);
    const history = planHistory(rng, people, { now, days: Math.round(365 * years), registeredBefore: 0.2 });
    const plan = planStockAndShelter(rng, people, history, today);
    const written = await writeGeneratedData(handle.db, organisationId, staff, people, history.registeredAt, history, 1000);
    const shelter = await writeStockAndShelter(handle.db, organisationId, staff, plan, written.personIds, written.assistanceIds);
    await analyzeTables(handle.db);
    const fillSeconds = (performance.now() - t0) / 1000;
    const counts = { people: written.people, visits: written.visits, aid: written.assistance, stockMovements: shelter.movements, stays: shelter.stays, waiting: shelter.waiting, paidLodging: shelter.lodging };
    log(`${engine}: filled in ${fillSeconds.toFixed(1)} s: ${JSON.stringify(counts)}`);

    await app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const { token } = await services.staff.createTokenFor(adminEmail, 'bench');
    const yearAgo = history.days[0] ?? today;
    const pages: Array<[string, string]> = [
      ['occupancy board', '/api/shelter/beds'],
      ['stock', '/api/stock'],
      ['stock movements (latest 50)', '/api/stock/movements?limit=50'],
      ['low stock', '/api/stock/low'],
      ['shelter waiting list', '/api/shelter/waiting-list'],
      ['winter board', '/api/winter-board'],
      ['budget month', `/api/budgets?month=${today.slice(0, 7)}`],
      ['report, whole year', `/api/reports/summary?from=${yearAgo}&to=${today}`],
    ];
    const rows: Row[] = [];
    for (const [page, path] of pages.filter(([name]) => !values.only || name.includes(values.only))) {
      // Warm up (JIT, plans, caches), then measure with one connection and with several.
      const warm = await runLoad({ baseUrl, token, paths: [path], concurrency: 1, maxRequests: 20, maxSeconds });
      if (warm.samples.some(([, , status]) => status !== 200)) throw new Error(`${path} answered ${warm.samples.map(([, , s]) => s).join(',')}`);
      for (const c of [1, concurrency]) {
        const result = await runLoad({ baseUrl, token, paths: [path], concurrency: c, maxRequests: requests, maxSeconds });
        rows.push({ engine, page: `${page}: GET ${path.split('?')[0] ?? path}`, concurrency: c, stats: stats(result.samples, result.wallMs) });
      }
      log(`${engine}: ${page} done`);
    }
    await app.close();
    return { rows, counts, fillSeconds };
  } finally {
    await handle.close();
    await dispose();
  }
}

async function main() {
  const all: Row[] = [];
  const fills: string[][] = [];
  for (const engine of engines) {
    const { rows, counts, fillSeconds } = await benchEngine(engine);
    all.push(...rows);
    fills.push([engine, f1(fillSeconds), ...Object.values(counts).map((n) => n.toLocaleString('en'))]);
  }
  console.log(`A year of data (${years} × 365 days, ${peopleCount.toLocaleString('en')} people); over HTTP on 127.0.0.1, each row bounded by ${requests} requests or ${maxSeconds} s.\n`);
  console.log(table(['engine', 'page', 'conc', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'],
    all.map((r) => [r.engine, r.page, String(r.concurrency), String(r.stats.count), f1(r.stats.rps), f1(r.stats.p50), f1(r.stats.p95), f1(r.stats.p99), f1(r.stats.max), String(r.stats.errors)]), [0, 1]));
  console.log('');
  console.log(table(['engine', 'fill s', 'people', 'visits', 'aid records', 'stock movements', 'stays', 'waiting now', 'paid lodgings'], fills));
  console.log(`\nNode ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
