/**
 * How long does a large gift import take, end to end through the import service? A Congrant-style
 * CSV of --rows rows (default 50,000: about 30,000 donors, some already on file, a tenth of the
 * rows monthly gifts) is built in memory, then uploaded (decode + parse), analysed (every row read
 * and matched against --supporters supporters already on file), the unclear rows made new
 * supporters, and committed in one transaction. The same file is then imported a second time
 * (every row must come back "already imported") and the first batch rolled back. Each step's time
 * and the process's peak RSS are printed. Goal (issue 13): 50k rows in under a minute.
 *
 *   node --import tsx bench/fundraising-import.ts [--engine pglite|postgres] [--rows 50000] [--supporters 20000]
 *     [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app';
import { migrate } from '../src/server/db/migrate';
import { bootstrap } from '../src/server/bootstrap';
import type { RequestContext } from '../src/server/http/context';
import { addDays, tokyoDate } from '../src/shared/time';
import { createRng } from '../src/modules/demo/server/demo.generator';
import { planFundraising } from '../src/modules/demo/server/demo.fundraising';
import { writeFundraising } from '../src/modules/demo/server/demo.service';
import { openFresh, type Engine } from './databases';
import { table } from './stats';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: process.env.DATABASE_URL ? 'postgres' : 'pglite' },
    rows: { type: 'string', default: '50000' },
    supporters: { type: 'string', default: '20000' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    json: { type: 'string' },
  },
});
const engine = values.engine as Engine;
const rowCount = Number(values.rows);
const supporterCount = Number(values.supporters);
const log = (line: string) => process.stderr.write(`${line}\n`);

let peakRss = 0;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 100);
const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

const FAMILY = [['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'], ['中村', 'ナカムラ']] as const;
const GIVEN = [['太郎', 'タロウ'], ['花子', 'ハナコ'], ['健', 'ケン'], ['恵', 'メグミ'], ['翔', 'ショウ'], ['陽子', 'ヨウコ']] as const;
const POSTAL = ['1040061', '1600022', '1500001', '1130033', '5300001', '2310023', '8100001', '0600001'];

/** A Congrant-style export: donors give one to five times; some are the supporters already on file (by email). */
function buildCsv(existingEmails: readonly string[]): string {
  const rng = createRng(0x1a2b);
  const header = '決済ID,サポーターNo.,寄付日時,寄付金額,決済手数料,決済方法,決済頻度,寄付プラン,プロジェクト名,法人名,氏名(姓),氏名(名),氏名(セイ),氏名(メイ),メールアドレス,電話番号,郵便番号,都道府県,市区町村,番地,建物名,応援コメント,広報物への掲載';
  const lines = [header];
  const today = tokyoDate();
  let donor = 0;
  for (let n = 0; n < rowCount; ) {
    donor += 1;
    const [fam, famKana] = rng.pick(FAMILY);
    const [giv, givKana] = rng.pick(GIVEN);
    const known = rng.chance(0.25) && existingEmails.length > 0;
    const email = known ? rng.pick(existingEmails) : `donor${donor}@bench.example.jp`;
    const gifts = rng.int(1, 3);
    const monthly = rng.chance(0.1);
    for (let k = 0; k < gifts && n < rowCount; k++, n++) {
      const date = addDays(today, -rng.int(1, 700)).replace(/-/g, '/');
      const amount = rng.pick([1000, 2000, 3000, 5000, 10000]);
      lines.push([
        `CG-B-${n}`, `S${donor}`, `${date} 10:00`, String(amount), String(Math.round(amount * 0.036)), 'クレジットカード', monthly ? '毎月' : '単発', '', '',
        '', fam, giv, famKana, givKana, email, '', rng.pick(POSTAL), '', '', '1-2-3', '', '', rng.chance(0.3) ? '許可' : '',
      ].join(','));
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function main() {
  const { handle, dispose } = await openFresh(engine, 'tobira_bench_import', values['pg-url']);
  try {
    await migrate(handle.db);
    const { app, services } = await buildApp({ db: handle.db, secretKey: Buffer.alloc(32, 7) });
    const { organisationId } = await bootstrap(services, { adminEmail: 'admin@bench.local', adminPassword: 'bench-password-123' }, 'Bench office');
    const { token } = await services.staff.createTokenFor('admin@bench.local', 'bench');
    const resolved = await services.staff.actorFromToken(token);
    if (!resolved) throw new Error('no actor');
    const ctx: RequestContext = { actor: resolved, ip: '127.0.0.1' };

    log(`filling ${supporterCount} supporters on ${engine}…`);
    const plan = planFundraising(createRng(0x51), tokyoDate(), supporterCount);
    await handle.db.transaction().execute((tx) => writeFundraising(tx, organisationId, resolved.staffUserId, { ...plan, gifts: [], commitments: [] }));
    await sql`VACUUM ANALYZE`.execute(handle.db);
    const emails = plan.supporters.flatMap((s) => (s.email ? [s.email] : []));
    const csv = Buffer.from(buildCsv(emails), 'utf8');
    log(`file: ${rowCount} rows, ${mib(csv.length)}`);

    const timings: Array<[string, number]> = [];
    const time = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const out = await fn();
      timings.push([name, performance.now() - t0]);
      log(`${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return out;
    };
    const imports = services.imports;
    const batch = await time('upload (decode + parse)', () => imports.upload(ctx, { fileName: 'bench.csv', bytes: csv }));
    const analysed = await time('analyse (read + match every row)', () => imports.analyse(ctx, batch.id, { mapping: {}, save: false }));
    await time('decide unclear rows → new', () => imports.decideAllAmbiguous(ctx, batch.id, 'new'));
    const committed = await time('commit (one transaction)', () => imports.commit(ctx, batch.id));
    const total = timings.reduce((s, [, ms]) => s + ms, 0);
    const again = await imports.upload(ctx, { fileName: 'bench-again.csv', bytes: csv });
    const reanalysed = await time('second import: analyse', () => imports.analyse(ctx, again.id, { mapping: {}, save: false }));
    const rolled = await time('roll back the first batch', () => imports.rollback(ctx, batch.id));
    clearInterval(sampler);

    const rows = timings.map(([name, ms]) => [name, (ms / 1000).toFixed(1)]);
    rows.push(['upload → committed (total)', (total / 1000).toFixed(1)]);
    process.stdout.write(`\nGift import, ${rowCount} rows, ${supporterCount} supporters on file, ${engine} (${new Date().toISOString()})\n\n`);
    process.stdout.write(`${table(['step', 's'], rows)}\n\n`);
    process.stdout.write(`rows by match: ${JSON.stringify(analysed.counts)}\n`);
    process.stdout.write(`committed: ${committed.giftsCreated} gifts, ${committed.supportersCreated} new supporters; second import: ${JSON.stringify(reanalysed.counts)}\n`);
    process.stdout.write(`rolled back: ${JSON.stringify(rolled)}; peak RSS ${mib(peakRss)}\n`);
    if (values.json) writeFileSync(values.json, JSON.stringify({ engine, rowCount, supporterCount, timings, peakRss, counts: analysed.counts }, null, 2));
    await app.close();
  } finally {
    await dispose();
  }
}

main().catch((error: unknown) => {
  clearInterval(sampler);
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
