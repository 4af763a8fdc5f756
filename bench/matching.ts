/**
 * Duplicate-person matching (POST /api/people/match): quality on the development set and
 * latency at scale, on embedded PGlite and on PostgreSQL.
 *
 *   node --import tsx bench/matching.ts [--engine pglite|postgres|both] [--part quality|latency|both]
 *     [--size 100000] [--requests 400] [--pg-url postgres://postgres@127.0.0.1:5432/postgres]
 *     [--data /work/shared/bench/matching-dev]
 *
 * quality: Tobira in-process on an EMPTY database, listening on loopback; the set's scorer
 *   (score.mjs) registers registry.json through POST /api/people and asks POST /api/people/match
 *   for each walk-in; its report (per kind) is printed as is.
 * latency: N generated people (bench/generate.ts, bulk-written like the search benchmark), their
 *   match keys written in bulk (matching service reindexStale), then --requests match calls of
 *   walk-ins derived from stored people (re-spelt, typo, swapped, katakana only, own script only,
 *   unknown people) over HTTP, one at a time; p50/p95/p99 printed.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { bootstrap } from '../src/server/bootstrap';
import { migrate } from '../src/server/db/migrate';
import { ensureDemoStaff, writeGeneratedData } from '../src/modules/demo/server/demo.service';
import { analyzeTables } from '../src/modules/demo/server/demo.repository';
import { createRng, type DemoPerson, type Rng } from '../src/modules/demo/server/demo.generator';
import { generateBenchData } from './generate';
import { openFresh, type Engine } from './databases';
import { percentile } from './stats';


const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    part: { type: 'string', default: 'both' },
    size: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '400' },
    'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    data: { type: 'string', default: '/work/shared/bench/matching-dev' },
  },
});
const engines: Engine[] = values.engine === 'both' ? ['pglite', 'postgres'] : [values.engine as Engine];
const parts = values.part === 'both' ? ['quality', 'latency'] : [values.part];
const size = Number.parseInt(values.size.replace(/k$/, '000'), 10);
const requests = Number.parseInt(values.requests, 10);
const pgUrl = values['pg-url'];
const log = (message: string) => console.error(`[bench:matching] ${message}`);

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Tobira on a fresh, migrated, bootstrapped database, listening on loopback, with an admin token. */
async function startTobira(engine: Engine, name: string) {
  const { handle, dispose } = await openFresh(engine, name, pgUrl);
  await migrate(handle.db);
  const { app, services } = await buildApp({ db: handle.db, secretKey: randomBytes(32) });
  const adminEmail = 'bench@tobira.local';
  const { organisationId } = await bootstrap(services, { adminEmail, adminPassword: randomBytes(12).toString('base64url') }, 'Bench office');
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const { token } = await services.staff.createTokenFor(adminEmail, 'bench');
  return {
    handle, app, services, organisationId, baseUrl, token,
    async stop() {
      await app.close();
      await handle.close();
      await dispose();
    },
  };
}

// ---------------------------------------------------------------- quality

async function quality(engine: Engine): Promise<number | null> {
  const scorer = path.join(values.data, 'score.mjs');
  if (!existsSync(scorer)) throw new Error(`${scorer} not found (--data)`);
  const tobira = await startTobira(engine, 'tobira_bench_match');
  try {
    console.log(`\n## ${engine}: node ${scorer}\n`);
    // The server answers in this process: the scorer must run asynchronously beside it.
    return await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [scorer], {
        env: { ...process.env, TOBIRA_URL: tobira.baseUrl, TOBIRA_TOKEN: tobira.token },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.once('error', reject);
      child.once('exit', (code) => resolve(code));
    });
  } finally {
    await tobira.stop();
  }
}

// ---------------------------------------------------------------- latency

const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

function typo(rng: Rng, word: string): string {
  if (word.length < 4) return word;
  const i = rng.int(1, word.length - 2);
  return rng.chance(0.5) ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
}

type Walkin = Record<string, string | boolean>;

/** A realistic walk-in: a stored person typed differently, or someone not on file. */
function walkinOf(rng: Rng, p: DemoPerson): { kind: string; input: Walkin } {
  const base: Walkin = { sex: p.sex };
  if (p.dateOfBirth) Object.assign(base, { dateOfBirth: p.dateOfBirth, dateOfBirthEstimated: p.dateOfBirthEstimated });
  if (rng.chance(0.8)) base.nationality = p.nationality;
  const kind = rng.weighted([['same', 2], ['typo', 2], ['swapped', 2], ['case_width', 1], ['kana_only', 2], ['own_script_only', 1], ['unknown', 2]] as const);
  switch (kind) {
    case 'same':
      return { kind, input: { ...base, familyName: p.familyName, givenName: p.givenName } };
    case 'typo':
      return { kind, input: { ...base, familyName: typo(rng, p.familyName), givenName: p.givenName } };
    case 'swapped':
      return { kind, input: { ...base, familyName: p.givenName, givenName: p.familyName } };
    case 'case_width':
      return { kind, input: { ...base, familyName: toFullWidth(p.familyName.toUpperCase()), givenName: p.givenName.toLowerCase() } };
    case 'kana_only':
      return p.nameKana ? { kind, input: { ...base, nameKana: p.nameKana } } : { kind: 'same', input: { ...base, familyName: p.familyName, givenName: p.givenName } };
    case 'own_script_only':
      return p.nameInOwnScript ? { kind, input: { ...base, nameInOwnScript: p.nameInOwnScript } } : { kind: 'same', input: { ...base, familyName: p.familyName, givenName: p.givenName } };
    case 'unknown':
      return { kind, input: { ...base, familyName: `${p.familyName.slice(0, 3)}${randomBytes(2).toString('hex')}`, givenName: p.givenName } };
  }
}

async function latency(engine: Engine): Promise<string> {
  const tobira = await startTobira(engine, `tobira_bench_match_${size}`);
  try {
    const t0 = performance.now();
    const staff = await ensureDemoStaff(tobira.services, tobira.organisationId);
    const data = generateBenchData(size, new Date());
    await writeGeneratedData(tobira.handle.db, tobira.organisationId, staff, data.people, data.registeredAt, data.history, 1000);
    const fillSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const indexed = await tobira.services.matching.reindexStale(2000);
    await analyzeTables(tobira.handle.db);
    // As autovacuum leaves a table in use: statistics, and the visibility map for index-only scans.
    await sql`VACUUM ANALYZE person_match_key`.execute(tobira.handle.db);
    const indexSeconds = (performance.now() - t1) / 1000;
    log(`${engine}: ${data.people.length} people written in ${fillSeconds.toFixed(1)} s, match keys for ${indexed} in ${indexSeconds.toFixed(1)} s`);

    const rng = createRng(0x3a7c1);
    const walkins = Array.from({ length: requests }, () => walkinOf(rng, rng.pick(data.people)));
    const call = async (input: Walkin) => {
      const started = performance.now();
      const res = await fetch(`${tobira.baseUrl}/api/people/match`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tobira.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      await res.text();
      return { ms: performance.now() - started, ok: res.status === 200 };
    };
    for (const w of walkins.slice(0, 30)) await call(w.input); // warm-up: JIT, plans, caches
    const samples: Array<{ kind: string; ms: number; ok: boolean }> = [];
    for (const w of walkins) samples.push({ kind: w.kind, ...(await call(w.input)) });
    const row = (label: string, s: typeof samples) => {
      const ms = s.map((x) => x.ms).sort((a, b) => a - b);
      return `| ${engine} | ${size.toLocaleString('en')} | ${label} | ${s.length} | ${percentile(ms, 0.5).toFixed(1)} | ${percentile(ms, 0.95).toFixed(1)} | ${percentile(ms, 0.99).toFixed(1)} | ${s.filter((x) => !x.ok).length} |`;
    };
    const kinds = [...new Set(samples.map((s) => s.kind))].sort();
    return [
      `keys: ${indexed} people indexed in ${indexSeconds.toFixed(1)} s (bulk, ${engine})`,
      '',
      '| engine | people | walk-ins | calls | p50 ms | p95 ms | p99 ms | errors |',
      '|---|---:|---|---:|---:|---:|---:|---:|',
      row('all', samples),
      ...kinds.map((k) => row(k, samples.filter((s) => s.kind === k))),
    ].join('\n');
  } finally {
    await tobira.stop();
  }
}

async function main() {
  let failed = false;
  for (const engine of engines) {
    if (engine === 'postgres' && !(await postgresReachable())) {
      console.log(`\n## postgres: not reachable at ${pgUrl}, skipped`);
      continue;
    }
    if (parts.includes('quality')) {
      const code = await quality(engine);
      if (code !== 0) failed = true;
    }
    if (parts.includes('latency')) {
      console.log(`\n## ${engine}: latency of POST /api/people/match, ${size.toLocaleString('en')} people, ${requests} calls, 1 connection\n`);
      console.log(await latency(engine));
    }
  }
  console.log(`\nNode ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'})`);
  if (failed) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
