import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from './config';
import { buildApp, webDistDir } from './app';
import { bootstrap } from './bootstrap';
import { openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { scheduleEmbeddedMaintenance } from './db/maintenance';

/** Builds the web app with Vite when dist/web is missing (first `npm start` on a fresh clone). */
async function ensureWebBuilt() {
  if (existsSync(path.join(webDistDir, 'index.html'))) return;
  console.log('Building the web app (first start)… / Web アプリをビルドしています…');
  const { build } = await import('vite');
  await build({ configFile: path.resolve(webDistDir, '../../vite.config.ts'), logLevel: 'warn' });
}

/** Starts Tobira: database, migrations, first-start setup, optional demo data, HTTP server. */
export async function startServer(config: Config = loadConfig(process.env, process.argv)) {
  // Before anything else, so the administrator sees it even if the start fails later.
  for (const warning of config.warnings) console.warn(warning);
  await ensureWebBuilt();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let closing = false;
  let stopMaintenance = () => undefined as void;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    stopMaintenance();
    await app.close().catch(() => undefined);
    await handle.close().catch(() => undefined);
    process.exit(0);
  };
  await migrate(handle.db);
  const { app, services } = await buildApp({
    db: handle.db,
    secretKey: config.secretKey,
    secureCookies: config.secureCookies,
    sessionHours: config.sessionHours,
    logLevel: config.logLevel,
    serveWeb: true,
    documentsDir: config.documentsDir,
    documentMaxBytes: config.documentMaxBytes,
    mail: { url: config.smtpUrl, from: config.mailFrom },
    publicUrl: config.publicUrl,
    paymentWebhookSecret: config.paymentWebhookSecret,
    formMinSeconds: config.formMinSeconds,
  });
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  const setup = await bootstrap(services, config);
  // Consultation notes written before encryption at rest get sealed once (idempotent, cheap when none are left).
  const sealed = await services.consultations.sealStoredTexts();
  if (sealed > 0) console.log(`Encrypted ${sealed} consultation records at rest / ${sealed} 件の相談記録を暗号化しました`);
  // Case files and their history from before sealing (migrations/0011): sealed before serving, in
  // batches, then the plaintext left in old row versions (and the embedded WAL) is purged once.
  const caseSealing = await services.cases.sealStoredFields();
  if (caseSealing.caseFiles + caseSealing.historyRows > 0) {
    console.log(`Encrypted ${caseSealing.caseFiles} case files and ${caseSealing.historyRows} history entries at rest / ${caseSealing.caseFiles} 件のケースファイルと ${caseSealing.historyRows} 件の履歴を暗号化しました`);
    await services.cases.purgeOldRowVersions(handle.engine === 'pglite').catch((error: unknown) =>
      console.warn(`WARNING: old plaintext row versions could not be purged (run VACUUM FULL case_file, case_status_change): ${error instanceof Error ? error.message : String(error)}`
        + ' / 警告: 古い平文の行を消去できませんでした (VACUUM FULL case_file, case_status_change を実行してください)'));
  }
  if (config.demo) {
    const { loadDemoData } = await import('../modules/demo/server/demo.service');
    const summary = await loadDemoData(services, setup.organisationId);
    if (summary) console.log(`Demo data loaded: ${summary} / デモデータを読み込みました`);
  }
  await app.listen({ port: config.port, host: config.host });
  stopMaintenance = scheduleEmbeddedMaintenance(handle, (error) =>
    console.error(`Database maintenance failed: ${error instanceof Error ? error.message : String(error)}`));
  // Duplicate matching needs keys computed in TypeScript: index people written without them
  // (older files, bulk imports, demo data, changed key rules), in batches, while already serving.
  services.matching.reindexStale().then(
    (indexed) => indexed > 0 && console.log(`Match keys written for ${indexed} people / ${indexed} 人の照合キーを作成しました`),
    (error: unknown) => console.error(`Match keys could not be written: ${error instanceof Error ? error.message : String(error)}`),
  );
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/`;
  console.log(`Tobira is running at ${url} (database: ${handle.engine === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'})`);
  console.log(`Secret key: ${config.secretKeyFile ?? 'TOBIRA_SECRET_KEY'} / 秘密鍵: ${config.secretKeyFile ?? 'TOBIRA_SECRET_KEY'}`);
  console.log(`Tobira を起動しました: ${url}`);
  if (setup.generatedAdmin) {
    // Printed once, to the console only (never to the log): the first administrator's login.
    console.log('\n──────────────────────────────────────────────');
    console.log(' First administrator / 最初の管理者アカウント');
    console.log(`   Login URL: ${url}login`);
    console.log(`   Email:     ${setup.generatedAdmin.email}`);
    console.log(`   Password:  ${setup.generatedAdmin.password}`);
    console.log(' This password is shown only now. / このパスワードは今回のみ表示されます。');
    console.log('──────────────────────────────────────────────\n');
  } else if (setup.createdAdmin) {
    console.log(`Administrator ${setup.createdAdmin} created from TOBIRA_ADMIN_EMAIL / TOBIRA_ADMIN_PASSWORD.`);
  }
  return { app, handle };
}
