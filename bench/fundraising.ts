/**
 * How fast are the fundraising reports with years of an organisation's giving? One engine, a
 * database migrated and set up as on a first start (organisation, default funds, an
 * administrator), filled with set-based SQL (INSERT … SELECT FROM generate_series: nothing is
 * generated row by row in Node): supporters (5% organisations, 1% merged duplicates with no
 * gifts), their current addresses (10% with an older, replaced one), 20 campaigns, monthly and
 * yearly commitments (5% of supporters; active, paused, failing or cancelled, with their history)
 * and their payments (5% missed), and one-off gifts over 4 years, each supporter giving within a
 * span of their own so that some lapse and some come back (1% pledged, 1% failed, 0.5% refunded
 * with a reversing entry, 1% without a supporter). Then VACUUM (ANALYZE) and, warm, each measured
 * call `--warmup` times unmeasured and `--runs` times measured, one at a time, through the service
 * as the routes call it (the query, the presenting and one audit event):
 *
 * - LYBUNT and SYBUNT of this fiscal year (a page of 50, by amount; SYBUNT also by kana);
 * - retention over the last 5 fiscal years;
 * - recurring health over the last 12 months (with the missed payments);
 * - the year's breakdowns, a campaign's daily progress and a page of the donor register.
 *
 *   node --import tsx bench/fundraising.ts [--engine postgres|pglite] [--supporters 100000] [--gifts 1000000]
 *     [--small] [--runs 20] [--warmup 3] [--pg-url postgres://postgres@127.0.0.1:5432/postgres]
 *     [--db-name tobira_bench_fundraising] [--pglite-dir DIR] [--keep] [--reuse] [--explain] [--only lybunt,retention] [--json FILE]
 *
 * Engine: PostgreSQL when --engine postgres or DATABASE_URL is set (the server of DATABASE_URL, or
 * of --pg-url, is used to create and drop the database `--db-name`), else embedded PGlite in a
 * temporary directory. Scale: 100,000 supporters / 1,000,000 gifts; 10,000 / 100,000 with
 * --small. `--keep` leaves the database in place; `--reuse` measures a kept one again without
 * filling it (e.g. after a manual CREATE INDEX); `--explain` prints EXPLAIN (ANALYZE, BUFFERS) of
 * the report queries after the timings; `--only` measures only the calls whose name contains one
 * of the given words.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CompiledQuery, createQueryId, sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs,
  type QueryResult, type RawBuilder, type RootOperationNode, type UnknownRow,
} from 'kysely';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../src/server/app';
import { bootstrap } from '../src/server/bootstrap';
import { openDatabase, type DatabaseHandle, type Db } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import type { RequestContext } from '../src/server/http/context';
import { addDays, tokyoDate } from '../src/shared/time';
import { monthEnd, monthsBetween } from '../src/modules/budgets/contract';
import { yearOf, yearRange } from '../src/modules/fundraising/reports/contract';
import * as repo from '../src/modules/fundraising/reports/server/fundraising-reports.repository';
import type { Engine } from './databases';
import { f1, percentile, table } from './stats';

// ---------------------------------------------------------------- options

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: process.env.BENCH_ENGINE ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite') },
    supporters: { type: 'string', default: process.env.BENCH_SUPPORTERS },
    gifts: { type: 'string', default: process.env.BENCH_GIFTS },
    small: { type: 'boolean', default: process.env.BENCH_SMALL === '1' },
    runs: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    'pg-url': { type: 'string', default: process.env.DATABASE_URL ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'db-name': { type: 'string', default: 'tobira_bench_fundraising' },
    'pglite-dir': { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    only: { type: 'string' },
    json: { type: 'string' },
  },
});
const engine = values.engine as Engine;
if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine must be pglite or postgres');
const count = (s: string) => Number.parseInt(s.replace(/_/g, '').replace(/k$/i, '000').replace(/m$/i, '000000'), 10);
const N = values.supporters ? count(values.supporters) : values.small ? 10_000 : 100_000;
const G = values.gifts ? count(values.gifts) : 10 * N;
const RUNS = Number(values.runs);
const WARMUP = Number(values.warmup);
if (!Number.isInteger(N) || N < 1000 || !Number.isInteger(G) || G < 1000) throw new Error('--supporters and --gifts: at least 1000');
if (!/^[a-z_][a-z0-9_]*$/.test(values['db-name'])) throw new Error('--db-name: lower-case letters, digits and _');
/** Four years of gifts, ending today (Tokyo). */
const DAYS = 4 * 365 + 1;
/** A campaign every 73 days, each running 60. */
const CAMPAIGN_EVERY = 73;

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
    const dir = values['pglite-dir'] ? path.resolve(values['pglite-dir']) : mkdtempSync(path.join(os.tmpdir(), 'tobira_bench_fundraising-'));
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

/** An array with each value repeated by its weight: a weighted pick in SQL is `arr[1 + floor(u * cardinality)]`. */
function slots<T>(weights: ReadonlyArray<readonly [T, number]>): T[] {
  return weights.flatMap(([value, weight]) => Array.from({ length: weight }, () => value));
}
const pickFrom = (arr: readonly unknown[], u: RawBuilder<unknown>, cast: string) =>
  sql`(${arr}::${sql.raw(cast)})[1 + floor(${u} * ${lit(arr.length)})::int]`;

const FAMILY: Array<[string, string]> = [
  ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['山田', 'ヤマダ'], ['佐々木', 'ササキ'], ['山口', 'ヤマグチ'],
  ['松本', 'マツモト'], ['井上', 'イノウエ'], ['木村', 'キムラ'], ['林', 'ハヤシ'], ['斎藤', 'サイトウ'], ['清水', 'シミズ'],
];
const GIVEN: Array<[string, string]> = [
  ['太郎', 'タロウ'], ['花子', 'ハナコ'], ['健', 'ケン'], ['美紀', 'ミキ'], ['翔', 'ショウ'], ['結衣', 'ユイ'], ['大輔', 'ダイスケ'], ['陽子', 'ヨウコ'],
  ['誠', 'マコト'], ['愛', 'アイ'], ['直樹', 'ナオキ'], ['恵', 'メグミ'], ['拓也', 'タクヤ'], ['彩', 'アヤ'], ['浩', 'ヒロシ'], ['真由美', 'マユミ'],
];
/** Prefectures weighted roughly by where supporters of a Tokyo office live. */
const PREFECTURES = slots([
  ['東京都', 30], ['神奈川県', 12], ['埼玉県', 8], ['千葉県', 7], ['大阪府', 6], ['愛知県', 4], ['兵庫県', 3], ['福岡県', 3], ['北海道', 3],
  ['京都府', 2], ['静岡県', 2], ['茨城県', 2], ['広島県', 1], ['宮城県', 1], ['長野県', 1], ['新潟県', 1], ['沖縄県', 1], ['群馬県', 1], ['栃木県', 1],
]);
const AMOUNTS = slots([[1_000, 20], [2_000, 15], [3_000, 20], [5_000, 20], [10_000, 15], [30_000, 5], [50_000, 3], [100_000, 2]]);
const METHODS = slots([['card', 40], ['bank_transfer', 30], ['direct_debit', 5], ['cash', 15], ['convenience_store', 8], ['other', 2]]);
const MONTHLY_AMOUNTS = slots([[1_000, 30], [2_000, 25], [3_000, 25], [5_000, 15], [10_000, 5]]);

/** Tables the fill writes; their plain (non-unique, non-constraint) indexes are dropped during the load and rebuilt after. */
const filledTables = ['supporter', 'supporter_address', 'campaign', 'recurring_commitment', 'recurring_change', 'gift'];

async function timed<T>(steps: Array<[string, number]>, label: string, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await run();
  const seconds = (performance.now() - t0) / 1000;
  steps.push([label, seconds]);
  log(`${label}: ${seconds.toFixed(1)} s`);
  return result;
}

interface FillContext {
  organisationId: string;
  admin: string;
  today: string;
  start: string;
  fundIds: string[];
}

/**
 * Supporter n (1…N) has the id md5('s' || n); every hundredth is a merged duplicate of the one
 * before (and has no gifts). Supporter n gives from day first(n) of the window, for a span of
 * life(n) days (both from hashint4 of n), so that donors start, lapse and come back over the years.
 */
async function fill(db: Db, c: FillContext): Promise<Array<[string, number]>> {
  const steps: Array<[string, number]> = [];
  const org = sql`${c.organisationId}::uuid`;
  const today = sql`${c.today}::date`;
  const start = sql`${c.start}::date`;
  const chunk = 250_000;
  const ranges = (total: number) => Array.from({ length: Math.ceil(total / chunk) }, (_, i) => [i * chunk + 1, Math.min(total, (i + 1) * chunk)] as const);
  const campaigns = Math.floor(DAYS / CAMPAIGN_EVERY) + 1;
  const K = Math.round(N * 0.05);

  await db.connection().execute(async (conn) => {
    await sql`SELECT setseed(0.1313)`.execute(conn);
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

    await timed(steps, `supporter (${N.toLocaleString('en')}, 1% merged)`, async () => {
      for (const [lo, hi] of ranges(N)) {
        await sql`
          WITH r AS MATERIALIZED (
            SELECT g, random() AS r1, 1 + floor(random() * ${lit(FAMILY.length)})::int AS fi, 1 + floor(random() * ${lit(GIVEN.length)})::int AS gi
            FROM generate_series(${lit(lo)}, ${lit(hi)}) g
          )
          INSERT INTO supporter (id, organisation_id, supporter_number, kind, family_name, given_name, family_name_kana, given_name_kana,
            organisation_name, organisation_name_kana, honorific, search_text, created_by, created_at, updated_at)
          SELECT md5('s' || g)::uuid, ${org}, 'S-' || lpad(g::text, 6, '0'), CASE WHEN r1 < 0.05 THEN 'organisation' ELSE 'individual' END,
            CASE WHEN r1 < 0.05 THEN '' ELSE (${FAMILY.map((f) => f[0])}::text[])[fi] END,
            CASE WHEN r1 < 0.05 THEN '' ELSE (${GIVEN.map((f) => f[0])}::text[])[gi] END,
            CASE WHEN r1 < 0.05 THEN '' ELSE (${FAMILY.map((f) => f[1])}::text[])[fi] END,
            CASE WHEN r1 < 0.05 THEN '' ELSE (${GIVEN.map((f) => f[1])}::text[])[gi] END,
            CASE WHEN r1 < 0.05 THEN '株式会社' || (${FAMILY.map((f) => f[0])}::text[])[fi] || '商事' || g ELSE '' END,
            CASE WHEN r1 < 0.05 THEN (${FAMILY.map((f) => f[1])}::text[])[fi] || 'ショウジ' ELSE '' END,
            CASE WHEN r1 < 0.05 THEN 'onchu' ELSE 'sama' END, 's-' || lpad(g::text, 6, '0'), ${sql`${c.admin}::uuid`}, now(), now()
          FROM r`.execute(conn);
      }
      await sql`UPDATE supporter SET merged_into_id = md5('s' || (substr(supporter_number, 3)::int - 1))::uuid
        WHERE organisation_id = ${org} AND substr(supporter_number, 3)::int % 100 = 0`.execute(conn);
      await sql`INSERT INTO counter (organisation_id, name, value) VALUES (${org}, 'supporter', ${lit(N)})
        ON CONFLICT (organisation_id, name) DO UPDATE SET value = excluded.value`.execute(conn);
    });

    await timed(steps, 'supporter_address (90% current, 10% of those moved)', async () => {
      await sql`
        INSERT INTO supporter_address (organisation_id, supporter_id, postal_code, prefecture, city, line1, valid_from, replaced_at)
        SELECT ${org}, md5('s' || g)::uuid, lpad(floor(random() * 9999999)::int::text, 7, '0'), ${pickFrom(PREFECTURES, sql`random()`, 'text[]')},
          '市区町村' || (g % 50), (g % 9 + 1) || '-' || (g % 20 + 1) || '-' || (g % 30 + 1), ${start} - 365, NULL
        FROM generate_series(1, ${lit(N)}) g WHERE g % 10 <> 0
        UNION ALL
        SELECT ${org}, md5('s' || g)::uuid, lpad(floor(random() * 9999999)::int::text, 7, '0'), ${pickFrom(PREFECTURES, sql`random()`, 'text[]')},
          '旧市区町村', '1-1-1', ${start} - 1000, (${start} - 365)::timestamptz
        FROM generate_series(1, ${lit(N)}) g WHERE g % 10 = 1`.execute(conn);
    });

    await timed(steps, `campaign (${campaigns})`, async () => {
      await sql`
        INSERT INTO campaign (id, organisation_id, code, name_ja, name_en, channel, goal_yen, starts_on, ends_on)
        SELECT md5('c' || i)::uuid, ${org}, 'bench-' || i, '募金キャンペーン ' || i, 'Appeal ' || i, 'online', 5000000,
          ${start} + i * ${lit(CAMPAIGN_EVERY)}, ${start} + i * ${lit(CAMPAIGN_EVERY)} + 59
        FROM generate_series(0, ${lit(campaigns - 1)}) i`.execute(conn);
    });

    // Commitments: 80% monthly, 20% yearly; 75% active, 5% paused, 5% failing, 15% cancelled.
    await timed(steps, `recurring_commitment (${K.toLocaleString('en')}) and recurring_change`, async () => {
      await sql`
        WITH r AS MATERIALIZED (
          SELECT k, random() AS a, random() AS b, random() AS s, random() AS e, random() AS m,
            ((k::bigint * 7919) % ${lit(N)} + 1)::int AS n0, floor(random() * ${lit(DAYS - 30)})::int AS sd
          FROM generate_series(1, ${lit(K)}) k
        )
        INSERT INTO recurring_commitment (id, organisation_id, supporter_id, frequency, amount_yen, day_of_month, month_of_year, method, fund_id,
          starts_on, ends_on, status, source_platform)
        SELECT md5('rc' || k)::uuid, ${org}, md5('s' || CASE WHEN n0 % 100 = 0 THEN n0 - 1 ELSE n0 END)::uuid,
          CASE WHEN a < 0.8 THEN 'monthly' ELSE 'yearly' END,
          CASE WHEN a < 0.8 THEN ${pickFrom(MONTHLY_AMOUNTS, sql`b`, 'bigint[]')} ELSE 12 * ${pickFrom(MONTHLY_AMOUNTS, sql`b`, 'bigint[]')} END,
          1 + floor(m * 28)::int, CASE WHEN a < 0.8 THEN NULL ELSE 1 + floor(b * 12)::int END,
          CASE WHEN e < 0.6 THEN 'card' ELSE 'direct_debit' END, (${c.fundIds}::uuid[])[1 + floor(e * ${lit(c.fundIds.length)})::int],
          ${start} + sd, CASE WHEN s >= 0.85 THEN ${start} + sd + floor(e * (${lit(DAYS)} - sd))::int END,
          CASE WHEN s < 0.75 THEN 'active' WHEN s < 0.8 THEN 'paused' WHEN s < 0.85 THEN 'failing' ELSE 'cancelled' END, 'bench'
        FROM r`.execute(conn);
      await sql`
        INSERT INTO recurring_change (organisation_id, commitment_id, kind, new_status, new_amount_yen, effective_on, changed_at)
        SELECT ${org}, id, 'started', 'active', amount_yen, starts_on, starts_on::timestamptz FROM recurring_commitment WHERE organisation_id = ${org}
        UNION ALL
        SELECT ${org}, id, 'status', status, NULL,
          CASE WHEN status = 'cancelled' THEN ends_on ELSE starts_on + floor(random() * GREATEST(1, ${today} - starts_on))::int END, now()
        FROM recurring_commitment WHERE organisation_id = ${org} AND status <> 'active'`.execute(conn);
    });

    // Payments: each due day between start and the end (or the pause / failure, or today), 95% received.
    const recurring = await timed(steps, 'gift: recurring payments', async () => {
      const { rows } = await sql<{ n: number }>`
        WITH due AS (
          SELECT c.id, c.supporter_id, c.amount_yen, c.method, c.fund_id, c.starts_on,
            LEAST(COALESCE(c.ends_on, ${today}), COALESCE(ch.effective_on - 1, ${today}), ${today}) AS last_on,
            make_date(extract(year FROM m)::int, extract(month FROM m)::int,
              LEAST(c.day_of_month::int, extract(day FROM (m + interval '1 month - 1 day'))::int)) AS due_on
          FROM recurring_commitment c
          LEFT JOIN recurring_change ch ON ch.commitment_id = c.id AND ch.kind = 'status'
          CROSS JOIN LATERAL generate_series(date_trunc('month', c.starts_on), date_trunc('month', ${today}::timestamp), interval '1 month') m
          WHERE c.organisation_id = ${org} AND (c.frequency = 'monthly' OR extract(month FROM m)::int = c.month_of_year)
        ), ins AS (
          INSERT INTO gift (organisation_id, supporter_id, amount_yen, received_on, method, fund_id, status, recurring_commitment_id, source_platform, created_at)
          SELECT ${org}, supporter_id, amount_yen, due_on, method, fund_id, 'received', id, 'bench', due_on::timestamptz
          FROM due WHERE due_on >= starts_on AND due_on <= last_on AND random() < 0.95
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM ins`.execute(conn);
      return rows[0]?.n ?? 0;
    });

    const oneOff = Math.max(0, G - recurring);
    await timed(steps, `gift: one-off (${oneOff.toLocaleString('en')}) and reversals`, async () => {
      for (const [lo, hi] of ranges(oneOff)) {
        await sql`
          WITH r AS MATERIALIZED (
            SELECT g, random() AS a, random() AS b, random() AS c, random() AS d, random() AS e, random() AS f, random() AS h
            FROM generate_series(${lit(lo)}, ${lit(hi)}) g
          ), x AS (
            SELECT r.*, 1 + floor(power(a, 1.2) * ${lit(N)})::int AS n0 FROM r
          ), y AS (
            SELECT x.*, CASE WHEN n0 % 100 = 0 THEN n0 - 1 ELSE n0 END AS n FROM x
          ), z AS (
            SELECT y.*, abs(hashint4(n)) % ${lit(DAYS)} AS first_day, 30 + abs(hashint4(n + 7777777)) % 1500 AS life FROM y
          ), w AS (
            SELECT z.*, first_day + floor(b * LEAST(life, ${lit(DAYS)} - first_day))::int AS day FROM z
          )
          INSERT INTO gift (id, organisation_id, supporter_id, amount_yen, received_on, method, fund_id, campaign_id, status, source_platform, created_at)
          SELECT md5('g' || g)::uuid, ${org}, CASE WHEN e < 0.01 THEN NULL ELSE md5('s' || n)::uuid END,
            ${pickFrom(AMOUNTS, sql`c`, 'bigint[]')}, ${start} + day, ${pickFrom(METHODS, sql`f`, 'text[]')},
            (${c.fundIds}::uuid[])[1 + floor(h * ${lit(c.fundIds.length)})::int],
            CASE WHEN day % ${lit(CAMPAIGN_EVERY)} < 60 AND h < 0.3 THEN md5('c' || (day / ${lit(CAMPAIGN_EVERY)}))::uuid END,
            CASE WHEN d < 0.005 THEN 'refunded' WHEN d < 0.015 THEN 'pledged' WHEN d < 0.025 THEN 'failed' ELSE 'received' END,
            'bench', (${start} + day)::timestamptz
          FROM w`.execute(conn);
      }
      await sql`
        INSERT INTO gift (organisation_id, supporter_id, amount_yen, received_on, method, fund_id, campaign_id, status, reverses_gift_id, source_platform)
        SELECT organisation_id, supporter_id, -amount_yen, LEAST(${today}, received_on + 10), method, fund_id, campaign_id, 'received', id, 'bench'
        FROM gift WHERE organisation_id = ${org} AND status = 'refunded'`.execute(conn);
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

// ---------------------------------------------------------------- measuring

interface Timing { name: string; runs: number; p50: number; p95: number; min: number; max: number; mean: number; rows: string }

const onlyWords = values.only ? values.only.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean) : [];
const wanted = (name: string) => onlyWords.length === 0 || onlyWords.some((w) => name.toLowerCase().includes(w));

async function measure<T>(name: string, run: () => Promise<T>, describe: (result: T) => string): Promise<Timing | null> {
  if (!wanted(name)) return null;
  for (let i = 0; i < WARMUP; i++) await run();
  const ms: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const timing = {
    name, runs: RUNS, p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), min: ms[0] ?? Number.NaN, max: ms[ms.length - 1] ?? Number.NaN,
    mean: ms.reduce((s, x) => s + x, 0) / ms.length, rows: last === undefined ? '' : describe(last),
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

/**
 * EXPLAIN (ANALYZE, BUFFERS) of each query a call made, replayed in one transaction: the
 * repository's set_config(…, true) comes first, so the plans are made with the same settings.
 */
async function explain(db: Db, run: (db: Db) => Promise<unknown>): Promise<string[]> {
  const capture = new CaptureQueries();
  await run(db.withPlugin(capture));
  return db.transaction().execute(async (tx) => {
    const plans: string[] = [];
    for (const node of capture.nodes) {
      const compiled = db.getExecutor().compileQuery(node, createQueryId());
      if (compiled.sql.trimStart().startsWith('SELECT set_config(')) {
        await tx.executeQuery(CompiledQuery.raw(compiled.sql, [...compiled.parameters]));
        continue;
      }
      const result = await tx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}`, [...compiled.parameters]));
      plans.push(`${compiled.sql.replace(/\s+/g, ' ').trim()}\n-- parameters: ${JSON.stringify(compiled.parameters)}\n${result.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
    return plans;
  });
}

// ---------------------------------------------------------------- main

async function main() {
  const t0 = performance.now();
  const { handle, where, dispose } = await openBenchDatabase();
  const db = handle.db;
  try {
    await migrate(db);
    const { services } = await buildApp({ db, secretKey: randomBytes(32) });
    const adminEmail = 'bench@tobira.local';
    const { organisationId } = await bootstrap(services, { adminEmail, adminPassword: 'bench-fundraising-admin' }, 'Bench office');
    const { token } = await services.staff.createTokenFor(adminEmail, 'bench');
    const actor = await services.staff.actorFromToken(token);
    if (!actor) throw new Error('no actor for the bench token');
    const ctx: RequestContext = { actor, ip: '127.0.0.1' };
    const today = tokyoDate();
    const start = addDays(today, -(DAYS - 1));

    const existing = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM supporter`.execute(db)).rows[0]?.n ?? 0);
    let steps: Array<[string, number]> = [];
    if (values.reuse && existing > 0) {
      log(`reusing ${where}: ${existing.toLocaleString('en')} supporters already there (not filled again; --supporters/--gifts ignored)`);
    } else {
      let fundIds = (await db.selectFrom('fund').select('id').where('organisation_id', '=', organisationId).execute()).map((f) => f.id);
      if (fundIds.length === 0) {
        fundIds = [(await db.insertInto('fund').values({ organisation_id: organisationId, code: 'general', label_ja: '一般寄付', label_en: 'General' }).returning('id').executeTakeFirstOrThrow()).id];
      }
      log(`${engine} at ${where}: filling ${N.toLocaleString('en')} supporters, ${G.toLocaleString('en')} gifts, ${DAYS} days from ${start} to ${today}`);
      steps = await fill(db, { organisationId, admin: actor.staffUserId, today, start, fundIds });
    }
    const fillSeconds = steps.reduce((s, [, x]) => s + x, 0);

    const counts: Array<[string, number]> = [];
    for (const name of ['supporter', 'supporter_address', 'campaign', 'recurring_commitment', 'recurring_change', 'gift']) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(db);
      counts.push([name, rows[0]?.n ?? 0]);
    }
    const { rows: [version] } = await sql<{ v: string }>`SELECT version() AS v`.execute(db);
    const { rows: [size] } = await sql<{ s: string }>`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`.execute(db);

    const year = yearOf('fiscal', today);
    const thisYear = yearRange('fiscal', year);
    const lastYear = yearRange('fiscal', year - 1);
    const { rows: [campaign] } = await sql<{ id: string; code: string }>`
      SELECT c.id, c.code FROM campaign c WHERE c.organisation_id = ${organisationId}::uuid AND c.starts_on <= ${today}::date
      ORDER BY c.starts_on DESC OFFSET 1 LIMIT 1`.execute(db);

    const timings: Timing[] = [];
    const add = (t: Timing | null) => {
      if (t) timings.push(t);
    };
    const page = { limit: 50, offset: 0 };
    add(await measure(`lybunt FY${year} (page of 50, by last year's amount)`, () => services.fundraisingReports.lapsed(ctx, 'lybunt', { yearKind: 'fiscal', year, ...page }),
      (l) => `${l.total.toLocaleString('en')} supporters, ¥${l.totalYen.toLocaleString('en')}`));
    add(await measure(`sybunt FY${year} (page of 50, by lifetime amount)`, () => services.fundraisingReports.lapsed(ctx, 'sybunt', { yearKind: 'fiscal', year, ...page }),
      (l) => `${l.total.toLocaleString('en')} supporters, ¥${l.totalYen.toLocaleString('en')}`));
    add(await measure(`sybunt FY${year} (page of 50, by kana)`, () => services.fundraisingReports.lapsed(ctx, 'sybunt', { yearKind: 'fiscal', year, sort: 'kana', ...page }),
      (l) => `${l.total.toLocaleString('en')} supporters`));
    add(await measure(`retention FY${year - 4}–FY${year}`, () => services.fundraisingReports.retention(ctx, { yearKind: 'fiscal' }),
      (r) => r.years.map((y) => `${y.year}: ${y.donors} donors, ${y.donorRetention === null ? '–' : `${(y.donorRetention * 100).toFixed(0)}%`}`).join('; ')));
    add(await measure('recurring health (12 months)', () => services.fundraisingReports.recurring(ctx, {}),
      (r) => `${r.activeCommitments} active, MRR ¥${r.mrrYen.toLocaleString('en')}, ${r.missedPayments.length} missed`));
    add(await measure(`breakdowns FY${year} (top 10)`, () => services.fundraisingReports.breakdowns(ctx, { yearKind: 'fiscal', year, top: 10 }),
      (b) => `${b.totals.gifts.toLocaleString('en')} gifts, ${b.byPrefecture.length} prefectures`));
    if (campaign) {
      add(await measure(`campaign progress ${campaign.code} (per day)`, () => services.fundraisingReports.campaignProgress(ctx, campaign.id, { interval: 'day' }),
        (c) => `${c.points.length} points, ${c.totals.gifts} gifts`));
    }
    add(await measure(`donor register FY${year - 1} (page of 100)`, () => services.fundraisingReports.register(ctx, { yearKind: 'fiscal', year: year - 1, limit: 100, offset: 0 }),
      (r) => `${r.total.toLocaleString('en')} gifts`));

    const plans: Array<[string, string[]]> = [];
    if (values.explain) {
      const from = monthsBetween(`${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}`, today.slice(0, 7))[1] ?? today.slice(0, 7);
      const rp: repo.RecurringParams = { organisationId, from: `${from}-01`, to: monthEnd(today.slice(0, 7)), today };
      const lapsedParams = (kind: 'lybunt' | 'sybunt'): repo.LapsedParams => ({
        organisationId, kind, yearTo: thisYear.to, lastYearFrom: lastYear.from, lastYearTo: lastYear.to, sort: kind === 'lybunt' ? 'lastYearYen' : 'lifetimeYen', order: 'desc', limit: 50, offset: 0,
      });
      const spans = Array.from({ length: 6 }, (_, i) => ({ year: year - 5 + i, ...yearRange('fiscal', year - 5 + i) }));
      const calls: Array<[string, (d: Db) => Promise<unknown>]> = [
        ['lybunt', (d) => repo.lapsed(d, lapsedParams('lybunt'))], ['sybunt', (d) => repo.lapsed(d, lapsedParams('sybunt'))],
        ['retention', (d) => repo.givingPatterns(d, organisationId, spans)], ['recurringMonths', (d) => repo.recurringMonths(d, rp)],
        ['missedPayments', (d) => repo.missedPayments(d, rp)], ['breakdowns', (d) => repo.breakdowns(d, { organisationId, ...thisYear })],
      ];
      for (const [name, call] of calls) if (wanted(name)) plans.push([name, await explain(db, call)]);
    }

    // ------------------------------------------------------------ report
    const pglitePkg = engine === 'pglite'
      ? (JSON.parse(readFileSync(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version : null;
    const out: string[] = [];
    out.push(`Engine: ${engine === 'pglite' ? `PGlite ${pglitePkg} (` : ''}${version?.v ?? '?'}${engine === 'pglite' ? ')' : ''}; database ${size?.s ?? '?'}.`);
    out.push(`Data: ${N.toLocaleString('en')} supporters, ${G.toLocaleString('en')} gifts (target), ${DAYS} days ${start} … ${today}; this year FY${year} (${thisYear.from} … ${thisYear.to}).`);
    out.push(`Each call ${WARMUP}× unmeasured, then ${RUNS}× measured, one at a time, through services.fundraisingReports in the benchmark process (no HTTP; one audit event per call).`);
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
    out.push(`Goal p95 ≤ 1000 ms: ${timings.map((t) => `${t.name} ${t.p95 <= 1000 ? 'met' : 'MISSED'} (${f1(t.p95)} ms)`).join('; ')}.`);
    console.log(out.join('\n'));
    for (const [name, list] of plans) {
      console.log(`\n### EXPLAIN (ANALYZE, BUFFERS): ${name}\n`);
      for (const plan of list) console.log(`${plan}\n`);
    }
    if (values.json) {
      writeFileSync(values.json, JSON.stringify({ date: new Date().toISOString(), engine, version: version?.v, pglite: pglitePkg, supporters: N, gifts: G, counts, steps, timings, plans }, null, 2));
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
