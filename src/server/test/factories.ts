import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../app';
import type { DatabaseHandle } from '../db/database';
import type { RequestContext } from '../http/context';
import type { Services } from '../services';
import { bootstrap } from '../bootstrap';
import type { RoleCode } from '../../modules/staff/contract';
import type { CreatePersonInput, Person } from '../../modules/people/contract';
import type { Visit } from '../../modules/reception/contract';
import { createTestDatabase } from './database';

export interface TestStaff {
  email: string;
  password: string;
  token: string;
  headers: { authorization: string };
  ctx: RequestContext;
}

export interface TestEnv {
  app: FastifyInstance;
  services: Services;
  handle: DatabaseHandle;
  organisationId: string;
  /** A temporary documents directory (encrypted files), removed by close(). */
  documentsDir: string;
  /** A staff member of the role (created once per role), with an API token and a service context. */
  staff(role: RoleCode, language?: 'ja' | 'en'): Promise<TestStaff>;
  close(): Promise<void>;
}

/** The whole app on a fresh test database, as a user reaches it (app.inject, real SQL). */
export async function createTestEnv(options: Omit<Partial<AppOptions>, 'db'> = {}): Promise<TestEnv> {
  const handle = await createTestDatabase();
  const documentsDir = await mkdtemp(path.join(tmpdir(), 'tobira-documents-'));
  const { app, services } = await buildApp({ secretKey: randomBytes(32), documentsDir, ...options, db: handle.db });
  const { organisationId } = await bootstrap(services, { adminEmail: 'root@test.local', adminPassword: 'root-password-123' }, 'Test office');
  const made = new Map<string, TestStaff>();
  return {
    app,
    services,
    handle,
    organisationId,
    documentsDir,
    async staff(role, language = 'en') {
      const key = `${role}:${language}`;
      const existing = made.get(key);
      if (existing) return existing;
      const email = `${role}.${language}.${randomBytes(3).toString('hex')}@test.local`;
      const password = `pw-${randomBytes(9).toString('hex')}`;
      await services.staff.addUser(organisationId, { email, displayName: `${role} ${language}`, role, language, password });
      const { token } = await services.staff.createTokenFor(email, 'test');
      const actor = await services.staff.actorFromToken(token);
      if (!actor) throw new Error('token did not resolve');
      const staff: TestStaff = { email, password, token, headers: { authorization: `Bearer ${token}` }, ctx: { actor, ip: '127.0.0.1' } };
      made.set(key, staff);
      return staff;
    },
    async close() {
      await app.close();
      await handle.close();
      await rm(documentsDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A person with plausible defaults; any field can be given. */
export async function makePerson(env: TestEnv, overrides: Partial<CreatePersonInput> = {}): Promise<Person> {
  const staff = await env.staff('caseworker');
  counter += 1;
  return env.services.people.create(staff.ctx, {
    familyName: `Family${counter}`,
    givenName: 'Test',
    dateOfBirthEstimated: false,
    sex: 'unknown',
    languages: [],
    ...overrides,
  });
}

/** A person checked in today, with their visit. */
export async function makeVisit(env: TestEnv, personOverrides: Partial<CreatePersonInput> = {}): Promise<{ person: Person; visit: Visit }> {
  const person = await makePerson(env, personOverrides);
  const staff = await env.staff('reception');
  const visit = await env.services.reception.checkIn(staff.ctx, { personId: person.id, reason: '', priority: 'normal', priorityReasons: [] });
  return { person, visit };
}
