/**
 * How fast is the advocacy evidence with years of an office's records? One engine, a database
 * migrated and set up as on a first start (organisation, aid catalogue, the 15 seeded barriers,
 * an administrator), filled with set-based SQL (INSERT … SELECT FROM generate_series: nothing is
 * generated row by row in Node): people, case files (a third with a protection-allowance
 * application), their history, consultations, visits and aid ("service records"), barrier tags over
 * three years, shelter stays and the waiting list, case events and tasks (some missed). Then
 * VACUUM (ANALYZE) and, warm, each measured call `--warmup` times unmeasured and `--runs` times
 * measured, one at a time:
 *
 * - `barrierGrid` (the monthly barrier table) and `allowanceWaits` (waiting days as of each month's
 *   end) for the last 12 months, called on the evidence repository directly;
 * - the other evidence queries one by one (repository, same period), to see what the whole costs;
 * - the whole evidence page: `services.advocacy.evidence(ctx, {})` as an administrator (the
 *   service: every query above in parallel on the pool, the sealed procedure stages opened, every
 *   figure banded, one audit event written), for all barriers and filtered to barrier b01.
 *
 *   node --import tsx bench/advocacy.ts [--engine pglite|postgres] [--people 1000000] [--records 10000000]
 *     [--small] [--runs 20] [--warmup 3] [--pg-url postgres://postgres@127.0.0.1:5432/postgres]
 *     [--db-name tobira_bench_advocacy] [--pglite-dir DIR] [--keep] [--reuse] [--explain] [--only evidence,grid] [--json FILE]
 *
 * Engine: PostgreSQL when --engine postgres or DATABASE_URL is set (the server of DATABASE_URL, or
 * of --pg-url, is used to create and drop the database `--db-name`), else embedded PGlite in a
 * temporary directory. Scale: 1,000,000 people / 10,000,000 service records on PostgreSQL, 100,000 /
 * 1,000,000 on PGlite, 20,000 / 200,000 with --small; --records defaults to 10 × --people.
 * `--keep` leaves the database (or PGlite directory) in place; `--reuse` measures a kept one again
 * without filling it (e.g. after a manual CREATE INDEX); `--explain` prints EXPLAIN (ANALYZE,
 * BUFFERS) of every evidence query after the timings; `--only` measures only the calls whose name
 * contains one of the given words.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CompiledQuery, createQueryId, sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs,
  type QueryResult, type RawBuilder, type RootOperationNode, type UnknownRow,
} from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { bootstrap } from '../src/server/bootstrap';
import { openDatabase, type DatabaseHandle, type Db } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import type { RequestContext } from '../src/server/http/context';
import { tokyoDate } from '../src/shared/time';
import { monthEnd } from '../src/modules/budgets/contract';
import { resolvePeriod } from '../src/modules/advocacy/contract';
import * as ev from '../src/modules/advocacy/server/advocacy.evidence.repository';
import type { ProcedureStage, Custody, Vulnerability } from '../src/modules/cases/contract';
import { ensureDemoStaff } from '../src/modules/demo/server/demo.service';
import { nameGroups } from '../src/modules/demo/names';
import type { Engine } from './databases';
import { f1, percentile, table } from './stats';

// ---------------------------------------------------------------- options

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: process.env.BENCH_ENGINE ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite') },
    people: { type: 'string', default: process.env.BENCH_PEOPLE },
    records: { type: 'string', default: process.env.BENCH_RECORDS },
    small: { type: 'boolean', default: process.env.BENCH_SMALL === '1' },
    runs: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    'pg-url': { type: 'string', default: process.env.DATABASE_URL ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'db-name': { type: 'string', default: 'tobira_bench_advocacy' },
    'pglite-dir': { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    /** Measure only the calls whose name contains one of these (comma-separated), e.g. "evidence,allowance". */
    only: { type: 'string' },
    json: { type: 'string' },
  },
});
const engine = values.engine as Engine;
if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine must be pglite or postgres');
const count = (s: string) => Number.parseInt(s.replace(/_/g, '').replace(/k$/i, '000').replace(/m$/i, '000000'), 10);
const P = values.people ? count(values.people) : values.small ? 20_000 : engine === 'postgres' ? 1_000_000 : 100_000;
const R = values.records ? count(values.records) : 10 * P;
const RUNS = Number(values.runs);
const WARMUP = Number(values.warmup);
if (!Number.isInteger(P) || P < 1000 || !Number.isInteger(R) || R < 1000) throw new Error('--people and --records: at least 1000');
if (!/^[a-z_][a-z0-9_]*$/.test(values['db-name'])) throw new Error('--db-name: lower-case letters, digits and _');
/** The fixed bench key: a kept database's sealed case-file fields open again with --reuse. */
const SECRET_KEY = createHash('sha256').update('tobira bench advocacy').digest();
/** Three years of records, ending today (Tokyo). */
const DAYS = 1096;

const log = (message: string) => console.error(`[bench] ${new Date().toISOString().slice(11, 19)} ${message}`);
const lit = (v: number) => sql.lit(v);

// ---------------------------------------------------------------- database

async function adminQuery(pgUrl: string, text: string) {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function openBenchDatabase(): Promise<{ handle: DatabaseHandle; where: string; dispose: () => Promise<void> }> {
  const keep = values.keep || values.reuse;
  if (engine === 'pglite') {
    const dir = values['pglite-dir'] ? path.resolve(values['pglite-dir']) : mkdtempSync(path.join(os.tmpdir(), 'tobira_bench_advocacy-'));
    if (!values.reuse && values['pglite-dir'] && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    const handle = await openDatabase({ dataDir: dir });
    return { handle, where: dir, dispose: async () => (keep ? log(`kept PGlite data dir ${dir}`) : rmSync(dir, { recursive: true, force: true })) };
  }
  const pgUrl = values['pg-url'];
  const name = values['db-name'];
  const exists = (await adminQuery(pgUrl, `SELECT 1 FROM pg_database WHERE datname = '${name}'`)).rowCount === 1;
  if (!values.reuse || !exists) {
    await adminQuery(pgUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(pgUrl, `CREATE DATABASE ${name}`);
  }
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  return {
    handle,
    where: `${url.host}/${name}`,
    dispose: async () => {
      if (keep) log(`kept database ${name}`);
      else await adminQuery(pgUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

// ---------------------------------------------------------------- data

/** An array with each value repeated by its weight: `arr[1 + floor(random() * cardinality(arr))]` is a weighted pick in SQL. */
function slots<T>(weights: ReadonlyArray<readonly [T, number]>): T[] {
  return weights.flatMap(([value, weight]) => Array.from({ length: weight }, () => value));
}
const pickFrom = (arr: readonly unknown[], u: RawBuilder<unknown>, cast: string) =>
  sql`(${arr}::${sql.raw(cast)})[1 + floor(${u} * ${lit(arr.length)})::int]`;

interface FillContext {
  organisationId: string;
  caseworker: string;
  admin: string;
  today: string;
  start: string;
  sealedValues: string[];
  barrierIds: Map<string, string>;
}

/** Tables the fill writes; their plain (non-unique, non-constraint) indexes are dropped during the load and rebuilt after. */
const filledTables = ['person', 'case_file', 'case_status_change', 'consultation', 'visit', 'assistance', 'barrier_tag', 'case_event', 'task', 'shelter_stay', 'shelter_waiting_entry'];

/**
 * Person n (1…P) has the id md5('p' || n) and registered on day reg(n) = (n − 1)(DAYS + 365)/P − 365
 * from the window's first day (a quarter of the people before the three years). A record on day d
 * (0…DAYS−1) belongs to one of the nmax(d) people registered by then, recent arrivals more often:
 * n = nmax − floor(nmax · u²).
 */
const nmax = (d: RawBuilder<unknown>) => sql`LEAST(${lit(P)}, floor((${d} + 365)::float8 * ${lit(P)} / ${lit(DAYS + 365)})::int + 1)`;
const personOnDay = (d: RawBuilder<unknown>, u: RawBuilder<unknown>) => sql`md5('p' || (${nmax(d)} - floor(${nmax(d)} * ${u} * ${u})::int))::uuid`;
/** The first day (from the window's start) a person's records may fall on: registration, or the window's start. */
const firstDay = (n: RawBuilder<unknown>) => sql`GREATEST(0, floor((${n} - 1)::float8 * ${lit(DAYS + 365)} / ${lit(P)})::int - 365)`;

async function timed<T>(steps: Array<[string, number]>, label: string, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await run();
  const seconds = (performance.now() - t0) / 1000;
  steps.push([label, seconds]);
  log(`${label}: ${seconds.toFixed(1)} s`);
  return result;
}

async function fill(db: Db, c: FillContext): Promise<Array<[string, number]>> {
  const steps: Array<[string, number]> = [];
  const org = sql`${c.organisationId}::uuid`;
  const cw = sql`${c.caseworker}::uuid`;
  const admin = sql`${c.admin}::uuid`;
  const today = sql`${c.today}::date`;
  const start = sql`${c.start}::date`;
  const C = Math.round(R * 0.4);
  const V = Math.round(R * 0.3);
  const A = R - C - V;
  const chunk = 500_000;
  const ranges = (total: number) => Array.from({ length: Math.ceil(total / chunk) }, (_, i) => [i * chunk + 1, Math.min(total, (i + 1) * chunk)] as const);
  const barrier = (code: string) => {
    const id = c.barrierIds.get(code);
    if (!id) throw new Error(`barrier ${code} is not seeded`);
    return id;
  };
  const barrierSlots = (weights: Array<[string, number]>) => slots(weights.map(([code, w]) => [barrier(code), w] as const));

  // People: nationality, languages and names' groups as in the demo (src/modules/demo/names.ts).
  const groupSlots = slots(nameGroups.map((g, i) => [i + 1, g.weight] as const));
  const nat = nameGroups.map((g) => g.nationality);
  const lang1 = nameGroups.map((g) => g.languages[0] ?? null);
  const lang2 = nameGroups.map((g) => g.languages[1] ?? null);
  const housingMen = slots<string | null>([['rough_sleeping', 22], ['net_cafe', 20], ['friend', 20], ['org_shelter', 7], ['esfra', 5], ['religious_facility', 5], ['own_home', 18], [null, 3]]);
  const housingWomen = slots<string | null>([['rough_sleeping', 3], ['net_cafe', 8], ['friend', 25], ['org_shelter', 25], ['esfra', 10], ['religious_facility', 6], ['own_home', 21], [null, 2]]);
  const housingChildren = slots<string | null>([['friend', 30], ['org_shelter', 35], ['own_home', 30], [null, 5]]);
  const housingAll = housingMen.filter((h): h is string => h !== null);
  const thisYear = Number(c.today.slice(0, 4));

  await db.connection().execute(async (conn) => {
    await sql`SELECT setseed(0.4242)`.execute(conn);
    await sql`SET synchronous_commit = off`.execute(conn);
    await sql`SET maintenance_work_mem = '512MB'`.execute(conn);
    await sql`SET work_mem = '64MB'`.execute(conn);

    const dropped = await timed(steps, 'drop plain indexes of the filled tables', async () => {
      const { rows } = await sql<{ name: string; def: string }>`
        SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname = ANY(${filledTables}::text[]) AND NOT i.indisunique AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`.execute(conn);
      for (const r of rows) await sql`DROP INDEX ${sql.raw(r.name)}`.execute(conn);
      return rows;
    });

    await timed(steps, `person (${P.toLocaleString('en')})`, async () => {
      for (const [lo, hi] of ranges(P)) {
        await sql`
          WITH r AS MATERIALIZED (
            SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
              random() AS r7, random() AS r8, random() AS r9, random() AS r10
            FROM generate_series(${lit(lo)}, ${lit(hi)}) g
          ), x AS (
            SELECT r.*, ${pickFrom(groupSlots, sql`r1`, 'int[]')} AS gi,
              CASE WHEN r2 < 0.67 THEN 'male' WHEN r2 < 0.98 THEN 'female' WHEN r2 < 0.99 THEN 'other' ELSE 'unknown' END AS sex,
              (CASE WHEN r3 < 0.05 THEN 1 + floor(r4 * 17) WHEN r3 < 0.37 THEN 18 + floor(r4 * 12) WHEN r3 < 0.77 THEN 30 + floor(r4 * 15)
                WHEN r3 < 0.96 THEN 45 + floor(r4 * 15) ELSE 60 + floor(r4 * 13) END)::int AS years,
              ((${start} + floor((g - 1)::float8 * ${lit(DAYS + 365)} / ${lit(P)})::int - 365) + time '10:00') AT TIME ZONE 'Asia/Tokyo' AS registered_at
            FROM r
          )
          INSERT INTO person (id, organisation_id, file_number, family_name, given_name, date_of_birth, date_of_birth_estimated, sex,
            nationality, languages, housing, search_text, created_by, created_at, updated_at)
          SELECT md5('p' || g)::uuid, ${org}, 'TB-' || lpad(g::text, 7, '0'), 'Family' || (g % 9973), 'Given' || (g % 7919),
            CASE WHEN r5 < 0.03 THEN NULL WHEN r5 < 0.15 THEN make_date(${lit(thisYear)} - years, 1, 1) ELSE ${today} - years * 365 - floor(r6 * 365)::int END,
            r5 >= 0.03 AND r5 < 0.15, sex, (${nat}::text[])[gi],
            CASE WHEN r7 < 0.03 THEN '{}'::text[] ELSE array_remove(ARRAY[
              (${lang1}::text[])[gi],
              CASE WHEN r8 < 0.35 THEN (${lang2}::text[])[gi] END,
              CASE WHEN r9 < 0.25 AND (${lang1}::text[])[gi] <> 'en' AND (${lang2}::text[])[gi] IS DISTINCT FROM 'en' THEN 'en' END,
              CASE WHEN r9 > 0.92 THEN 'ja' END], NULL) END,
            CASE WHEN years < 18 THEN ${pickFrom(housingChildren, sql`r10`, 'text[]')}
              WHEN sex = 'female' THEN ${pickFrom(housingWomen, sql`r10`, 'text[]')} ELSE ${pickFrom(housingMen, sql`r10`, 'text[]')} END,
            'family' || (g % 9973) || ' given' || (g % 7919) || ' tb-' || lpad(g::text, 7, '0'),
            ${admin}, registered_at, registered_at
          FROM x`.execute(conn);
      }
      await sql`INSERT INTO counter (organisation_id, name, value) VALUES (${org}, 'person', ${lit(P)})
        ON CONFLICT (organisation_id, name) DO UPDATE SET value = excluded.value`.execute(conn);
    });

    // Case files for 60% of the people; a third of them applied for the protection allowance on a day
    // of the three years (after registering), waited 14 days + an exponential wait (mean 110 days) for
    // the decision: still awaiting (5% reapplied) when that is after today, else receiving, ineligible or stopped.
    const residence = slots([['temporary_visitor', 20], ['designated_work', 10], ['designated_no_work', 15], ['long_term_resident', 5], ['provisional_stay', 20], ['no_status', 25], ['other', 5]]);
    const insurance = slots<string | null>([['national', 35], ['employee', 5], ['uninsured', 45], ['free_low_cost', 10], [null, 5]]);
    await timed(steps, 'case_file (60% of people, a third with an allowance application)', async () => {
      for (const [lo, hi] of ranges(P)) {
        await sql`
          WITH r AS MATERIALIZED (
            SELECT g, random() AS a, random() AS b, random() AS c, random() AS e, random() AS f, random() AS h, random() AS k, random() AS m
            FROM generate_series(${lit(lo)}, ${lit(hi)}) g
          ), x AS (
            SELECT r.*, ${firstDay(sql`g`)} AS from_day FROM r WHERE a < 0.6
          ), y AS (
            SELECT x.*, CASE WHEN b < 1.0 / 3 THEN ${start} + from_day + floor(c * (${lit(DAYS)} - from_day))::int END AS applied,
              14 + floor(-ln(1 - e) * 110)::int AS wait
            FROM x
          )
          INSERT INTO case_file (person_id, organisation_id, assigned_to, residence_status, work_permitted, health_insurance, application_count,
            applied_on, sealed_fields, allowance_status, allowance_applied_on, allowance_decided_on, updated_by, updated_at)
          SELECT md5('p' || g)::uuid, ${org}, ${cw}, ${pickFrom(residence, sql`f`, 'text[]')}, f < 0.15 OR (f >= 0.6 AND k < 0.2), ${pickFrom(insurance, sql`k`, 'text[]')},
            (1 + floor(m * m * 3))::smallint, ${start} + from_day, ${pickFrom(c.sealedValues, sql`m`, 'text[]')},
            CASE WHEN applied IS NULL THEN (CASE WHEN h < 0.5 THEN 'not_applied' END)
              WHEN applied + wait > ${today} THEN (CASE WHEN h < 0.05 THEN 'reapplied' ELSE 'awaiting' END)
              WHEN h < 0.8 THEN 'receiving' WHEN h < 0.92 THEN 'ineligible' ELSE 'stopped' END,
            applied, CASE WHEN applied + wait <= ${today} THEN applied + wait END, ${cw}, now()
          FROM y`.execute(conn);
      }
    });

    await timed(steps, 'case_status_change (housing and allowance history)', async () => {
      await sql`
        INSERT INTO case_status_change (organisation_id, person_id, field, old_value, new_value, effective_on, recorded_by, recorded_at)
        SELECT ${org}, x.person_id, 'housing', NULL, x.housing, x.eff, ${cw}, x.eff + time '13:00'
        FROM (
          SELECT cf.person_id, ${pickFrom(housingAll, sql`random()`, 'text[]')} AS housing,
            GREATEST(${start}, pe.created_at::date) + floor(random() * GREATEST(1, ${today} - GREATEST(${start}, pe.created_at::date)))::int AS eff
          FROM case_file cf JOIN person pe ON pe.id = cf.person_id
          CROSS JOIN LATERAL generate_series(1, 1 + get_byte(decode(md5(cf.person_id::text), 'hex'), 0) % 3) k
          OFFSET 0
        ) x`.execute(conn);
      await sql`
        INSERT INTO case_status_change (organisation_id, person_id, field, old_value, new_value, effective_on, recorded_by, recorded_at)
        SELECT ${org}, person_id, 'allowanceStatus', 'not_applied', 'awaiting', allowance_applied_on, ${cw}, allowance_applied_on + time '14:00'
        FROM case_file WHERE allowance_applied_on IS NOT NULL
        UNION ALL
        SELECT ${org}, person_id, 'allowanceStatus', 'awaiting', allowance_status, allowance_decided_on, ${cw}, allowance_decided_on + time '14:00'
        FROM case_file WHERE allowance_decided_on IS NOT NULL`.execute(conn);
    });

    // Consultations: people who speak neither Japanese nor English get an interpreter in their language
    // 55% of the time, an English one 7%, none otherwise.
    const topics = slots([['legal', 30], ['livelihood', 25], ['housing', 15], ['medical', 12], ['employment', 10], ['other', 8]]);
    await timed(steps, `consultation (${C.toLocaleString('en')})`, async () => {
      for (const [lo, hi] of ranges(C)) {
        await sql`
          WITH r AS MATERIALIZED (
            SELECT g, floor(random() * ${lit(DAYS)})::int AS d, random() AS u, random() AS a, random() AS b, random() AS c, random() AS e
            FROM generate_series(${lit(lo)}, ${lit(hi)}) g
          ), x AS (
            SELECT r.*, ${personOnDay(sql`d`, sql`u`)} AS pid, ((${start} + d) + time '09:30' + a * interval '8 hours') AT TIME ZONE 'Asia/Tokyo' AS at FROM r
          )
          INSERT INTO consultation (organisation_id, person_id, staff_user_id, occurred_at, mode, interpreter_language, topics, created_at)
          SELECT ${org}, x.pid, CASE WHEN e < 0.7 THEN ${cw} ELSE ${admin} END, x.at,
            CASE WHEN b < 0.7 THEN 'in_person' WHEN b < 0.9 THEN 'phone' ELSE 'online' END,
            CASE WHEN cardinality(pe.languages) > 0 AND NOT (pe.languages && ARRAY['ja', 'en'])
              THEN (CASE WHEN c < 0.55 THEN pe.languages[1] WHEN c < 0.62 THEN 'en' END)
              ELSE (CASE WHEN c < 0.05 THEN pe.languages[1] END) END,
            ARRAY[${pickFrom(topics, sql`e`, 'text[]')}], x.at
          FROM x JOIN person pe ON pe.id = x.pid`.execute(conn);
      }
    });

    // Barrier tags: 32% of consultations show a barrier, a quarter of those a second; rough sleepers
    // often barrier 2, people without an interpreter in their language barrier 10; the rest skewed.
    // Plus tags on 40% of case files (barriers seen on the file), on a day since registration.
    const fromConsultations = barrierSlots([['b01', 24], ['b02', 16], ['b03', 14], ['b04', 10], ['b06', 8], ['b10', 6], ['b15', 5], ['b11', 4], ['b13', 3], ['b08', 2], ['b07', 2], ['b09', 2], ['b05', 1], ['b12', 1], ['b14', 2]]);
    const onFiles = barrierSlots([['b03', 20], ['b01', 10], ['b06', 10], ['b04', 8], ['b09', 8], ['b15', 8], ['b08', 6], ['b14', 6], ['b05', 5], ['b12', 5]]);
    const quotes = ['保護費の決定まで4か月、所持金がほとんどない。', 'Slept in a station for two weeks before a bed was free.', '働けないので、支援がないと生活できない。', 'No insurance: the clinic asked for the full fee.', '面接で通訳がおらず、質問が分からなかった。'];
    await timed(steps, 'barrier_tag (consultations and case files)', async () => {
      const halfYears = Math.ceil(DAYS / 183);
      for (let i = 0; i < halfYears; i++) {
        await sql`
          INSERT INTO barrier_tag (organisation_id, person_id, consultation_id, barrier_id, observed_on, quote, resolved_on, tagged_by, tagged_at, removed_at, removed_by)
          SELECT ${org}, x.person_id, x.id, x.bid, x.obs, CASE WHEN x.q < 0.04 THEN ${pickFrom(quotes, sql`x.q * 25`, 'text[]')} END,
            CASE WHEN x.res < 0.15 THEN LEAST(${today}, x.obs + floor(x.res * 400)::int) END, ${cw}, x.occurred_at + interval '1 hour',
            CASE WHEN x.rm < 0.01 THEN x.occurred_at + interval '1 day' END, CASE WHEN x.rm < 0.01 THEN ${cw} END
          FROM (
            SELECT c.id, c.person_id, c.occurred_at, (c.occurred_at AT TIME ZONE 'Asia/Tokyo')::date AS obs,
              CASE WHEN pe.housing = 'rough_sleeping' AND random() < 0.3 THEN ${barrier('b02')}::uuid
                WHEN cardinality(pe.languages) > 0 AND NOT (pe.languages && ARRAY['ja', 'en'])
                  AND (c.interpreter_language IS NULL OR NOT (c.interpreter_language = ANY (pe.languages))) AND random() < 0.35 THEN ${barrier('b10')}::uuid
                ELSE ${pickFrom(fromConsultations, sql`random()`, 'uuid[]')} END AS bid,
              random() AS q, random() AS res, random() AS rm
            FROM consultation c JOIN person pe ON pe.id = c.person_id
            CROSS JOIN LATERAL generate_series(1, CASE WHEN random() < 0.25 AND c.id IS NOT NULL THEN 2 ELSE 1 END) k
            WHERE c.organisation_id = ${org}
              AND c.occurred_at >= ((${start} + ${lit(i * 183)}) + time '00:00') AT TIME ZONE 'Asia/Tokyo'
              AND c.occurred_at < ((${start} + ${lit((i + 1) * 183)}) + time '00:00') AT TIME ZONE 'Asia/Tokyo'
              AND random() < 0.32
            OFFSET 0
          ) x
          ON CONFLICT DO NOTHING`.execute(conn);
      }
      await sql`
        INSERT INTO barrier_tag (organisation_id, person_id, consultation_id, barrier_id, observed_on, resolved_on, tagged_by, tagged_at)
        SELECT ${org}, x.person_id, NULL, x.bid, x.obs, CASE WHEN x.res < 0.1 THEN LEAST(${today}, x.obs + floor(x.res * 900)::int) END, ${cw}, x.obs + time '15:00'
        FROM (
          SELECT cf.person_id, ${pickFrom(onFiles, sql`random()`, 'uuid[]')} AS bid, random() AS res,
            GREATEST(${start}, pe.created_at::date) + floor(random() * (${today} - GREATEST(${start}, pe.created_at::date) + 1))::int AS obs
          FROM case_file cf JOIN person pe ON pe.id = cf.person_id
          WHERE random() < 0.4
          OFFSET 0
        ) x
        ON CONFLICT DO NOTHING`.execute(conn);
    });

    // Visits: every day of the three years, ticket numbers 1…n of the day (±25% around the mean).
    await timed(steps, `visit (~${V.toLocaleString('en')})`, async () => {
      const perDay = V / DAYS;
      const dayChunk = Math.max(1, Math.floor(chunk / perDay));
      for (let d0 = 0; d0 < DAYS; d0 += dayChunk) {
        await sql`
          WITH days AS MATERIALIZED (
            SELECT d, GREATEST(1, round(${lit(perDay)} * (0.75 + 0.5 * random())))::int AS n
            FROM generate_series(${lit(d0)}, ${lit(Math.min(DAYS, d0 + dayChunk) - 1)}) d
          ), r AS MATERIALIZED (
            SELECT days.d, t, random() AS u, random() AS a FROM days CROSS JOIN LATERAL generate_series(1, days.n) t
          ), x AS (
            SELECT r.*, ((${start} + d) + time '09:00' + (t * 11) * interval '1 second') AT TIME ZONE 'Asia/Tokyo' AS at FROM r
          )
          INSERT INTO visit (organisation_id, person_id, visit_date, ticket_number, reason, priority, status, checked_in_at, called_at, started_at, finished_at, checked_in_by, handled_by)
          SELECT ${org}, ${personOnDay(sql`d`, sql`u`)}, ${start} + d, t, '', CASE WHEN a < 0.05 THEN 'high' ELSE 'normal' END,
            CASE WHEN ${start} + d < ${today} OR a < 0.5 THEN 'done' ELSE 'waiting' END, at,
            CASE WHEN ${start} + d < ${today} OR a < 0.5 THEN at + interval '20 minutes' END,
            CASE WHEN ${start} + d < ${today} OR a < 0.5 THEN at + interval '22 minutes' END,
            CASE WHEN ${start} + d < ${today} OR a < 0.5 THEN at + interval '40 minutes' END, ${admin},
            CASE WHEN ${start} + d < ${today} OR a < 0.5 THEN ${cw} END
          FROM x`.execute(conn);
      }
    });

    const { rows: items } = await sql<{ code: string; category: string; is_money: boolean }>`
      SELECT code, category, is_money FROM aid_item WHERE organisation_id = ${org} AND is_active ORDER BY sort_order, code`.execute(conn);
    const categoryWeight: Record<string, number> = { food: 6, hygiene: 2, clothing: 2, transport: 1, money: 1, other: 1 };
    const itemSlots = slots(items.map((i) => [i.code, categoryWeight[i.category] ?? 1] as const));
    const moneyItems = items.filter((i) => i.is_money).map((i) => i.code);
    await timed(steps, `assistance (${A.toLocaleString('en')})`, async () => {
      for (const [lo, hi] of ranges(A)) {
        await sql`
          WITH r AS MATERIALIZED (
            SELECT g, floor(random() * ${lit(DAYS)})::int AS d, random() AS u, random() AS a, random() AS b FROM generate_series(${lit(lo)}, ${lit(hi)}) g
          ), x AS (SELECT r.*, ${pickFrom(itemSlots, sql`a`, 'text[]')} AS item FROM r)
          INSERT INTO assistance (organisation_id, person_id, item_code, quantity, amount_yen, given_on, given_by, created_at)
          SELECT ${org}, ${personOnDay(sql`d`, sql`u`)}, item, 1, CASE WHEN item = ANY (${moneyItems}::text[]) THEN 1000 * (1 + floor(b * 5))::int END,
            ${start} + d, ${admin}, ((${start} + d) + time '11:00') AT TIME ZONE 'Asia/Tokyo'
          FROM x`.execute(conn);
      }
    });

    // Interviews (half the files, one or two) and reporting dates every 60 days (12% of the files, on
    // provisional release): done on the day 92%, done late 5%, never done 3%; upcoming ones open.
    const doneAt = (day: RawBuilder<unknown>, r: RawBuilder<unknown>, r2: RawBuilder<unknown>) => sql`
      CASE WHEN ${day} >= ${today} THEN NULL
        WHEN ${r} < 0.92 THEN (${day} + time '10:00' + ${r2} * interval '6 hours') AT TIME ZONE 'Asia/Tokyo'
        WHEN ${r} < 0.97 THEN LEAST(now(), ((${day} + 1 + floor(${r2} * 10)::int) + time '11:00') AT TIME ZONE 'Asia/Tokyo') END`;
    await timed(steps, 'case_event (interviews, reporting dates)', async () => {
      await sql`
        INSERT INTO case_event (organisation_id, person_id, kind, occurs_on, note, done_at, created_by, created_at)
        SELECT ${org}, x.person_id, 'interview', x.occ, '', ${doneAt(sql`x.occ`, sql`x.r`, sql`x.r2`)}, ${cw}, x.occ - 30
        FROM (
          SELECT cf.person_id, GREATEST(${start}, pe.created_at::date) + floor(random() * (${today} + 60 - GREATEST(${start}, pe.created_at::date)))::int AS occ,
            random() AS r, random() AS r2
          FROM case_file cf JOIN person pe ON pe.id = cf.person_id
          CROSS JOIN LATERAL generate_series(1, 1 + get_byte(decode(md5(cf.person_id::text), 'hex'), 1) % 2) k
          WHERE get_byte(decode(md5(cf.person_id::text), 'hex'), 2) < 128
          OFFSET 0
        ) x`.execute(conn);
      await sql`
        INSERT INTO case_event (organisation_id, person_id, kind, occurs_on, note, done_at, created_by, created_at)
        SELECT ${org}, x.person_id, 'reporting', x.occ, '', ${doneAt(sql`x.occ`, sql`x.r`, sql`x.r2`)}, ${cw}, x.occ - 60
        FROM (
          SELECT b.person_id, b.first + 60 * k AS occ, random() AS r, random() AS r2
          FROM (
            SELECT cf.person_id, GREATEST(${start}, pe.created_at::date) + floor(random() * 60)::int AS first
            FROM case_file cf JOIN person pe ON pe.id = cf.person_id
            WHERE get_byte(decode(md5(cf.person_id::text), 'hex'), 3) < 31
            OFFSET 0
          ) b
          CROSS JOIN LATERAL generate_series(0, (${today} + 60 - b.first) / 60) k
          OFFSET 0
        ) x`.execute(conn);
    });

    // Follow-up tasks, one or two per file: past ones done 85% (a fifth of those late), cancelled 3%,
    // still open 12%; upcoming ones open; a few tasks about nobody in particular.
    await timed(steps, 'task', async () => {
      await sql`
        INSERT INTO task (organisation_id, person_id, title, due_on, assignee_id, status, created_by, created_at, completed_by, completed_at)
        SELECT ${org}, x.person_id, 'Follow-up', x.due, ${cw}, x.status, ${cw}, (x.due - 7) + time '10:00',
          CASE WHEN x.status = 'done' THEN ${cw} END,
          CASE WHEN x.status = 'done' THEN LEAST(now(), ((CASE WHEN x.r2 < 0.8 THEN x.due - floor(x.r3 * 5)::int ELSE x.due + 1 + floor(x.r3 * 14)::int END) + time '16:00') AT TIME ZONE 'Asia/Tokyo') END
        FROM (
          SELECT y.*, CASE WHEN y.due < ${today} THEN (CASE WHEN y.r < 0.85 THEN 'done' WHEN y.r < 0.88 THEN 'cancelled' ELSE 'open' END)
            ELSE (CASE WHEN y.r < 0.1 THEN 'done' ELSE 'open' END) END AS status
          FROM (
            SELECT cf.person_id, GREATEST(${start}, pe.created_at::date) + floor(random() * (${today} + 30 - GREATEST(${start}, pe.created_at::date)))::int AS due,
              random() AS r, random() AS r2, random() AS r3
            FROM case_file cf JOIN person pe ON pe.id = cf.person_id
            CROSS JOIN LATERAL generate_series(1, 1 + get_byte(decode(md5(cf.person_id::text), 'hex'), 4) % 2) k
            OFFSET 0
          ) y
        ) x`.execute(conn);
      await sql`
        INSERT INTO task (organisation_id, person_id, title, due_on, status, created_by, created_at)
        SELECT ${org}, NULL, 'Office task', ${start} + floor(random() * ${lit(DAYS)})::int, 'open', ${admin}, now()
        FROM generate_series(1, ${lit(Math.max(10, Math.round(P / 100)))})`.execute(conn);
    });

    // Shelter: one bed per 2,000 people (at least 20), four to a room; on each bed a stay of 5–29
    // nights in every 35 days (so the beds are full ~half the time); one waiting-list entry per stay
    // (housed), and as many again that ended without a bed (withdrawn) or are still waiting.
    const beds = Math.max(20, Math.round(P / 2000));
    await timed(steps, `shelter (${beds} beds): stays, waiting list, housing changes`, async () => {
      const { rows: [facility] } = await sql<{ id: string }>`
        INSERT INTO shelter_facility (organisation_id, name_ja, name_en) VALUES (${org}, 'ベンチ・シェルター', 'Bench shelter') RETURNING id`.execute(conn);
      await sql`
        INSERT INTO shelter_room (organisation_id, facility_id, name, allowed_use, sort_order)
        SELECT ${org}, ${facility?.id}::uuid, 'Room ' || g, (ARRAY['men', 'women', 'families', 'any'])[1 + g % 4], g FROM generate_series(1, ${lit(Math.ceil(beds / 4))}) g`.execute(conn);
      await sql`
        INSERT INTO shelter_bed (organisation_id, room_id, label, sort_order)
        SELECT ${org}, r.id, 'Bed ' || k, k FROM shelter_room r CROSS JOIN generate_series(1, 4) k WHERE r.facility_id = ${facility?.id}::uuid`.execute(conn);
      await sql`
        INSERT INTO shelter_stay (organisation_id, person_id, bed_id, check_in_on, expected_check_out_on, checked_out_on, created_by, created_at, checked_out_by)
        SELECT ${org}, ${personOnDay(sql`(s.ci - ${start})`, sql`s.u`)}, s.bed, s.ci,
          CASE WHEN s.ci + s.len <= ${today} THEN s.ci + 30 ELSE s.ci + s.len END,
          CASE WHEN s.ci + s.len <= ${today} THEN s.ci + s.len END, ${cw}, s.ci + time '15:00',
          CASE WHEN s.ci + s.len <= ${today} THEN ${cw} END
        FROM (
          SELECT b.id AS bed, ${start} + k * 35 + floor(random() * 6)::int AS ci, 5 + floor(random() * 25)::int AS len, random() AS u
          FROM shelter_bed b CROSS JOIN generate_series(0, ${lit(Math.floor(DAYS / 35))}) k
          WHERE b.organisation_id = ${org}
          OFFSET 0
        ) s
        WHERE s.ci <= ${today}
        ON CONFLICT DO NOTHING`.execute(conn);
      await sql`
        INSERT INTO shelter_waiting_entry (organisation_id, person_id, listed_on, needs, is_rough_sleeping, status, closed_on, closed_reason, listed_by, created_at)
        SELECT ${org}, s.person_id, s.check_in_on - floor(random() * 30)::int, 'any', random() < 0.5, 'housed', s.check_in_on, 'housed', ${cw}, s.created_at
        FROM shelter_stay s WHERE s.organisation_id = ${org}`.execute(conn);
      await sql`
        INSERT INTO shelter_waiting_entry (organisation_id, person_id, listed_on, needs, is_rough_sleeping, status, closed_on, closed_reason, listed_by, created_at)
        SELECT ${org}, ${personOnDay(sql`x.d`, sql`x.u`)}, ${start} + x.d, 'any', x.rough,
          CASE WHEN ${start} + x.d + x.wait > ${today} THEN 'waiting' ELSE 'withdrawn' END,
          CASE WHEN ${start} + x.d + x.wait > ${today} THEN NULL ELSE ${start} + x.d + x.wait END,
          CASE WHEN ${start} + x.d + x.wait > ${today} THEN NULL ELSE 'no_bed' END, ${cw}, (${start} + x.d) + time '10:00'
        FROM (
          SELECT floor(random() * ${lit(DAYS)})::int AS d, random() AS u, random() < 0.5 AS rough, 3 + floor(random() * 60)::int AS wait
          FROM generate_series(1, (SELECT count(*) FROM shelter_stay WHERE organisation_id = ${org}))
          OFFSET 0
        ) x
        ON CONFLICT DO NOTHING`.execute(conn);
      // Before 55% of the stays the person slept rough (a housing change some days before check-in); all move into the shelter.
      await sql`
        INSERT INTO case_status_change (organisation_id, person_id, field, old_value, new_value, effective_on, recorded_by, recorded_at)
        SELECT ${org}, x.person_id, 'housing', NULL, 'rough_sleeping', x.eff, ${cw}, x.eff + time '12:00'
        FROM (
          SELECT s.person_id, s.check_in_on - (1 + floor(-ln(1 - random()) * 14))::int AS eff
          FROM shelter_stay s WHERE s.organisation_id = ${org} AND random() < 0.55
          OFFSET 0
        ) x
        UNION ALL
        SELECT ${org}, s.person_id, 'housing', 'rough_sleeping', 'org_shelter', s.check_in_on, ${cw}, s.check_in_on + time '16:00'
        FROM shelter_stay s WHERE s.organisation_id = ${org}`.execute(conn);
    });

    await timed(steps, `rebuild ${dropped.length} indexes`, async () => {
      for (const r of dropped) await sql.raw(r.def).execute(conn);
    });
    await sql`RESET synchronous_commit`.execute(conn);
    await sql`RESET maintenance_work_mem`.execute(conn);
    await sql`RESET work_mem`.execute(conn);
  });
  await timed(steps, 'VACUUM (ANALYZE)', async () => {
    await sql`VACUUM (ANALYZE)`.execute(db);
  });
  return steps;
}

/** Sealed case-file values (as the cases service writes them) of the usual mix of procedure stages and custody. */
function sealedValueMix(seal: (stage: ProcedureStage | null, custody: Custody | null, vulnerabilities: Vulnerability[]) => string): string[] {
  const stages: Array<[ProcedureStage | null, number]> = [
    ['first_instance', 30], ['review_pending', 15], ['rejected', 10], ['pre_application', 8], ['in_court', 6], ['special_permission_pending', 5],
    ['recognised', 3], ['complementary_protection', 3], ['humanitarian_stay', 4], ['withdrawn', 2], ['departed', 1], ['deported', 1], [null, 12],
  ];
  const custody: Array<[Custody | null, number]> = [['free', 6], ['provisional_release', 3], ['supervision', 1], [null, 2]];
  const vulnerable: Vulnerability[][] = [[], [], [], ['mental_health'], ['torture_survivor', 'mental_health'], ['pregnancy'], ['single_parent', 'child']];
  const out: string[] = [];
  let i = 0;
  for (const [stage, weight] of stages) {
    for (let w = 0; w < weight; w++) {
      const [c] = custody[i % custody.length] ?? [null];
      out.push(seal(stage, c, vulnerable[i % vulnerable.length] ?? []));
      i++;
    }
  }
  return out;
}

// ---------------------------------------------------------------- measuring

interface Timing { name: string; runs: number; p50: number; p95: number; min: number; max: number; mean: number; rows: string }

const onlyWords = values.only ? values.only.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean) : [];
const wanted = (name: string) => onlyWords.length === 0 || onlyWords.some((w) => name.toLowerCase().includes(w));

async function measure(name: string, run: () => Promise<unknown>, describe: (result: unknown) => string): Promise<Timing | null> {
  if (!wanted(name)) return null;
  for (let i = 0; i < WARMUP; i++) await run();
  const ms: number[] = [];
  let last: unknown;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const timing = {
    name, runs: RUNS, p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), min: ms[0] ?? Number.NaN, max: ms[ms.length - 1] ?? Number.NaN,
    mean: ms.reduce((s, x) => s + x, 0) / ms.length, rows: describe(last),
  };
  log(`${name}: p50 ${f1(timing.p50)} ms, p95 ${f1(timing.p95)} ms (${timing.rows})`);
  return timing;
}

/** Records the queries a call makes (their operation trees), to EXPLAIN them afterwards with the same parameters. */
class CaptureQueries implements KyselyPlugin {
  readonly nodes: RootOperationNode[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push(args.node);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

async function explain(db: Db, run: (db: Db) => Promise<unknown>): Promise<string[]> {
  const capture = new CaptureQueries();
  await run(db.withPlugin(capture));
  const plans: string[] = [];
  for (const node of capture.nodes) {
    const compiled = db.getExecutor().compileQuery(node, createQueryId());
    const result = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}`, [...compiled.parameters]));
    plans.push(`${compiled.sql.replace(/\s+/g, ' ').trim()}\n-- parameters: ${JSON.stringify(compiled.parameters)}\n${result.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
  return plans;
}

// ---------------------------------------------------------------- main

async function main() {
  const t0 = performance.now();
  const { handle, where, dispose } = await openBenchDatabase();
  const db = handle.db;
  try {
    await migrate(db);
    const { services } = await buildApp({ db, secretKey: SECRET_KEY });
    const adminEmail = 'bench@tobira.local';
    const { organisationId } = await bootstrap(services, { adminEmail, adminPassword: 'bench-advocacy-admin' }, 'Bench office');
    const staff = await ensureDemoStaff(services, organisationId);
    const { token } = await services.staff.createTokenFor(adminEmail, 'bench');
    const actor = await services.staff.actorFromToken(token);
    if (!actor) throw new Error('no actor for the bench token');
    const ctx: RequestContext = { actor, ip: '127.0.0.1' };
    const today = tokyoDate();
    const start = new Date(Date.parse(`${today}T00:00:00Z`) - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);

    const { rows: barrierRows } = await sql<{ id: string; code: string }>`SELECT id, code FROM barrier WHERE organisation_id = ${organisationId}::uuid`.execute(db);
    const barrierIds = new Map(barrierRows.map((b) => [b.code, b.id]));
    const existing = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM person`.execute(db)).rows[0]?.n ?? 0);
    let steps: Array<[string, number]> = [];
    if (values.reuse && existing > 0) {
      log(`reusing ${where}: ${existing.toLocaleString('en')} people already there (not filled again; --people/--records ignored)`);
    } else {
      log(`${engine} at ${where}: filling ${P.toLocaleString('en')} people, ${R.toLocaleString('en')} service records, ${DAYS} days from ${start} to ${today}`);
      const sealedValues = sealedValueMix((stage, custody, vulnerabilities) =>
        services.cases.sealing.columnsFor({ residenceCardNumber: null, custody, procedureStage: stage, vulnerabilities, whereabouts: '' }).sealed_fields ?? '');
      steps = await fill(db, { organisationId, caseworker: staff.caseworker, admin: actor.staffUserId, today, start, sealedValues, barrierIds });
    }
    const fillSeconds = steps.reduce((s, [, x]) => s + x, 0);

    const { rows: tables } = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
    const counts: Array<[string, number]> = [];
    for (const { name } of tables) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(db);
      counts.push([name, rows[0]?.n ?? 0]);
    }
    const { rows: [version] } = await sql<{ v: string }>`SELECT version() AS v`.execute(db);
    const { rows: [size] } = await sql<{ s: string }>`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`.execute(db);

    const { from, to } = resolvePeriod({}, today);
    const period: ev.Period = { organisationId, from: `${from}-01`, to: monthEnd(to), today };
    const { rows: [shape] } = await sql<{ tags: number; people: number; waiting: number }>`
      SELECT (SELECT count(*)::int FROM barrier_tag WHERE removed_at IS NULL AND observed_month BETWEEN ${period.from}::date AND ${period.to}::date) AS tags,
        (SELECT count(DISTINCT person_id)::int FROM barrier_tag WHERE removed_at IS NULL AND observed_month BETWEEN ${period.from}::date AND ${period.to}::date) AS people,
        (SELECT count(*)::int FROM case_file WHERE allowance_applied_on IS NOT NULL AND allowance_decided_on IS NULL AND allowance_status IN ('awaiting', 'reapplied')) AS waiting`.execute(db);
    log(`period ${period.from}…${period.to}: ${shape?.tags} open tags, ${shape?.people} people affected; ${shape?.waiting} waiting for the allowance today`);

    const b01 = barrierIds.get('b01') ?? null;
    const rowsOf = (r: unknown) => (Array.isArray(r) ? `${r.length} rows` : '1 row');
    const timings: Timing[] = [];
    const add = (t: Timing | null) => {
      if (t) timings.push(t);
    };
    add(await measure('barrierGrid (12 months)', () => ev.barrierGrid(db, period), rowsOf));
    add(await measure('allowanceWaits (12 months)', () => ev.allowanceWaits(db, period), rowsOf));
    add(await measure('breakdowns (any barrier)', () => ev.breakdowns(db, period, null), rowsOf));
    add(await measure('sealedFieldsOfAffected (any barrier)', () => ev.sealedFieldsOfAffected(db, period, null), rowsOf));
    const openName = 'sealedFieldsOfAffected: opening them in Node';
    const sealedRows = wanted(openName) ? await ev.sealedFieldsOfAffected(db, period, null) : [];
    add(await measure(openName, async () => {
      for (const row of sealedRows) if (row.sealed_fields !== null || row.procedure_stage !== null) services.cases.sealing.open(row);
      return sealedRows;
    }, rowsOf));
    add(await measure('roughNightsBeforeBed', () => ev.roughNightsBeforeBed(db, period), rowsOf));
    add(await measure('shelterTurnAways', () => ev.shelterTurnAways(db, period), rowsOf));
    add(await measure('deadlinesMissed', () => ev.deadlinesMissed(db, period), rowsOf));
    add(await measure('consultationsWithoutInterpreter', () => ev.consultationsWithoutInterpreter(db, period), rowsOf));
    add(await measure('quotes', () => ev.quotes(db, period), rowsOf));
    const describeEvidence = (r: unknown) => {
      const e = r as Awaited<ReturnType<typeof services.advocacy.evidence>>;
      return `${e.barriers.length} barriers × ${e.months.length} months, any barrier ${e.anyBarrier.total.low}–${e.anyBarrier.total.high}, waiting now ${e.allowanceWaitingNow.people.low}–${e.allowanceWaitingNow.people.high}`;
    };
    // Counted afresh each run (the service keeps figures for 10 minutes), then as a second visitor sees them.
    const fresh = <T>(call: () => Promise<T>) => () => {
      services.advocacy.forgetEvidence();
      return call();
    };
    add(await measure('evidence (service, admin, all barriers)', fresh(() => services.advocacy.evidence(ctx, {})), describeEvidence));
    add(await measure('evidence (service, admin, barrier b01)', fresh(() => services.advocacy.evidence(ctx, { barrierId: b01 ?? undefined })), describeEvidence));
    add(await measure('evidence (service, admin, all barriers, counted within 10 minutes)', () => services.advocacy.evidence(ctx, {}), describeEvidence));

    let plans: Array<[string, string[]]> = [];
    if (values.explain) {
      const calls: Array<[string, (d: Db) => Promise<unknown>]> = [
        ['barrierGrid', (d) => ev.barrierGrid(d, period)], ['allowanceWaits', (d) => ev.allowanceWaits(d, period)],
        ['breakdowns', (d) => ev.breakdowns(d, period, null)], ['sealedFieldsOfAffected', (d) => ev.sealedFieldsOfAffected(d, period, null)],
        ['roughNightsBeforeBed', (d) => ev.roughNightsBeforeBed(d, period)], ['shelterTurnAways', (d) => ev.shelterTurnAways(d, period)],
        ['deadlinesMissed', (d) => ev.deadlinesMissed(d, period)], ['consultationsWithoutInterpreter', (d) => ev.consultationsWithoutInterpreter(d, period)],
        ['quotes', (d) => ev.quotes(d, period)],
      ];
      plans = [];
      for (const [name, call] of calls) if (wanted(name)) plans.push([name, await explain(db, call)]);
    }

    // ------------------------------------------------------------ report
    const pglitePkg = engine === 'pglite'
      ? (JSON.parse(readFileSync(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version : null;
    const out: string[] = [];
    out.push(`Engine: ${engine === 'pglite' ? `PGlite ${pglitePkg} (` : ''}${version?.v ?? '?'}${engine === 'pglite' ? ')' : ''}; database ${size?.s ?? '?'}.`);
    out.push(`Data: ${P.toLocaleString('en')} people, ${R.toLocaleString('en')} service records (target), ${DAYS} days ${start} … ${today}; period measured ${period.from} … ${period.to} `
      + `(${shape?.tags.toLocaleString('en')} open barrier tags, ${shape?.people.toLocaleString('en')} people affected; ${shape?.waiting.toLocaleString('en')} waiting for the allowance today).`);
    out.push(`Each call ${WARMUP}× unmeasured, then ${RUNS}× measured, one at a time, in the benchmark process (no HTTP).`);
    out.push('');
    out.push(table(['call', 'runs', 'p50 ms', 'p95 ms', 'min ms', 'max ms', 'mean ms', 'result'],
      timings.map((t) => [t.name, String(t.runs), f1(t.p50), f1(t.p95), f1(t.min), f1(t.max), f1(t.mean), t.rows]), [0, 7]));
    out.push('');
    out.push(table(['table', 'rows'], counts.map(([name, n]) => [name, n.toLocaleString('en')])));
    if (steps.length > 0) {
      out.push('');
      out.push(table(['fill step', 'seconds'], [...steps.map(([label, s]) => [label, f1(s)]), ['total', f1(fillSeconds)]]));
    }
    out.push('');
    out.push(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, `
      + `load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}; wall time ${((performance.now() - t0) / 1000).toFixed(0)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB.`);
    const goal = timings.filter((t) => t.name.startsWith('evidence') || t.name.startsWith('barrierGrid') || t.name.startsWith('allowanceWaits'));
    out.push(`Goal p95 ≤ 1000 ms: ${goal.map((t) => `${t.name} ${t.p95 <= 1000 ? 'met' : 'MISSED'} (${f1(t.p95)} ms)`).join('; ')}.`);
    console.log(out.join('\n'));
    for (const [name, list] of plans) {
      console.log(`\n### EXPLAIN (ANALYZE, BUFFERS): ${name}\n`);
      for (const plan of list) console.log(`${plan}\n`);
    }
    if (values.json) {
      writeFileSync(values.json, JSON.stringify({ date: new Date().toISOString(), engine, version: version?.v, pglite: pglitePkg, people: P, records: R, counts, steps, timings, shape, plans }, null, 2));
    }
  } finally {
    await handle.close();
    await dispose();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
