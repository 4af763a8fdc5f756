import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { DataDirLockedError } from '../server/db/pglite';
import { migrate } from '../server/db/migrate';
import { bootstrap, ensureOrganisation } from '../server/bootstrap';
import { createServices } from '../server/services';
import { AppError } from '../server/http/errors';
import { CreateStaffInput } from '../modules/staff/contract';
import { generatePassword } from '../modules/staff/server/staff.service';

const usage = `Usage: tobira <command>

  start [--demo]                 start the server (PORT, HOST, DATA_DIR, DATABASE_URL…)
  migrate                        apply database migrations and exit
  user add --email E --name N --role R [--language ja|en] [--password P]
                                 create a staff account (roles: admin, caseworker, reception,
                                 coordinator, fundraiser, viewer); prints a generated password when none is given
  token create --email E --name N
                                 create an API token for a staff member; prints it once
`;

async function withServices<T>(fn: (services: ReturnType<typeof createServices>, organisationId: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(handle.db);
    const services = createServices({ db: handle.db, secretKey: config.secretKey, sessionHours: config.sessionHours });
    const org = await ensureOrganisation(services);
    return await fn(services, org.id);
  } finally {
    await handle.close();
  }
}

async function main(argv: string[]) {
  const [command, sub] = argv;
  const { values } = parseArgs({
    args: argv.slice(command === 'user' || command === 'token' ? 2 : 1),
    options: {
      email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' },
      language: { type: 'string' }, password: { type: 'string' }, demo: { type: 'boolean' },
    },
    strict: true,
  });
  switch (command) {
    case 'start': {
      const { startServer } = await import('../server/main');
      await startServer(loadConfig(process.env, values.demo ? ['--demo'] : []));
      return;
    }
    case 'migrate': {
      const config = loadConfig();
      const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      const applied = await migrate(handle.db);
      const services = createServices({ db: handle.db, secretKey: config.secretKey, sessionHours: config.sessionHours });
      await bootstrap(services, config).then((r) => r.generatedAdmin && console.log(`Administrator: ${r.generatedAdmin.email} / password: ${r.generatedAdmin.password} (shown once)`));
      await handle.close();
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      return;
    }
    case 'user': {
      if (sub !== 'add') break;
      const password = values.password ?? generatePassword();
      const input = CreateStaffInput.safeParse({ email: values.email, displayName: values.name, role: values.role, language: values.language ?? 'ja', password });
      if (!input.success) {
        console.error(input.error.issues.map((i) => `--${String(i.path[0]) === 'displayName' ? 'name' : String(i.path[0])}: ${i.message}`).join('\n'));
        process.exitCode = 2;
        return;
      }
      const user = await withServices((services, orgId) => services.staff.addUser(orgId, input.data));
      console.log(`Created ${user.role} ${user.email} (${user.displayName}).`);
      if (!values.password) console.log(`Password (shown once): ${password}`);
      return;
    }
    case 'token': {
      if (sub !== 'create' || !values.email || !values.name) break;
      const created = await withServices((services) => services.staff.createTokenFor(values.email ?? '', values.name ?? ''));
      console.log(created.token);
      console.error(`API token "${created.name}" created; it is shown only now.`);
      return;
    }
    default:
      break;
  }
  console.error(usage);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof DataDirLockedError) console.error(error.message);
  else if (error instanceof AppError) console.error(`Error: ${error.code}`);
  else console.error(error);
  process.exitCode = 1;
});
