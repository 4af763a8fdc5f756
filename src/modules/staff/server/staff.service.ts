import { createHmac, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Db, DbOrTx, Tx } from '../../../server/db/database';
import type { Actor, RequestContext } from '../../../server/http/context';
import { AppError, conflict, notFound } from '../../../server/http/errors';
import type { AuditService } from '../../audit/server/audit.service';
import type { AssignableStaff, CreateStaffInput, Me, Permission, RoleCode, StaffUser, UpdateStaffInput } from '../contract';
import * as repo from './staff.repository';

const LOCK_AFTER_FAILURES = 5;
const LOCK_MINUTES = 15;
// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommended minimum).
const argon2Options = { algorithm: 2 } as const;
// A hash to verify against when the email is unknown, so timing does not reveal which emails exist.
let decoyHash: Promise<string> | null = null;

export interface StaffServiceDeps {
  db: Db;
  audit: AuditService;
  secretKey: Buffer;
  sessionHours: number;
}

type ActorRow = NonNullable<Awaited<ReturnType<typeof repo.findActorBySessionHash>>> | NonNullable<Awaited<ReturnType<typeof repo.findActorByTokenHash>>>;

function toActor(row: ActorRow, via: 'session' | 'token'): Actor {
  return {
    staffUserId: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    email: row.email,
    displayName: row.display_name,
    role: row.role_code as RoleCode,
    language: row.language,
    permissions: new Set((row.permissions ?? []) as Permission[]),
    via,
    sessionId: 'session_id' in row ? row.session_id : null,
    apiTokenId: 'token_id' in row ? row.token_id : null,
    csrfToken: 'csrf_token' in row ? row.csrf_token : null,
  };
}

function presentStaff(row: NonNullable<Awaited<ReturnType<typeof repo.findStaffById>>>): StaffUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role_code as RoleCode,
    language: row.language,
    isActive: row.is_active,
    createdAt: row.created_at.toISOString(),
  };
}

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

/** A random password for a generated administrator: 20 characters, easy to copy. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

export function createStaffService({ db, audit, secretKey, sessionHours }: StaffServiceDeps) {
  const tokenHash = (token: string) => createHmac('sha256', secretKey).update(token).digest('hex');

  async function newSession(staffUserId: string, ip: string) {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + sessionHours * 3600_000);
    await repo.insertSession(db, { tokenHash: tokenHash(token), csrfToken, staffUserId, expiresAt, ip });
    return { token, expiresAt };
  }

  /** Creates an account (unique email, argon2id hash) and its audit entry in one transaction. */
  async function addAccount(organisationId: string, input: CreateStaffInput, recordAudit: (tx: Tx, id: string) => Promise<void>) {
    const passwordHash = await hashPassword(input.password);
    return db.transaction().execute(async (tx) => {
      if (await repo.findStaffIdByEmail(tx, input.email)) throw conflict('staff.email_taken');
      const row = await repo.insertStaff(tx, { organisationId, email: input.email, displayName: input.displayName, role: input.role, language: input.language, passwordHash });
      await recordAudit(tx, row.id);
      return presentStaff(row);
    });
  }

  /** Creates an API token (stored as its HMAC) and its audit entry; the token is returned only now. */
  async function issueToken(staffUserId: string, name: string, recordAudit: (tx: Tx, id: string) => Promise<void>) {
    const token = `tbr_${randomBytes(32).toString('base64url')}`;
    return db.transaction().execute(async (tx) => {
      const row = await repo.insertToken(tx, { staffUserId, name, tokenHash: tokenHash(token), prefix: token.slice(0, 8) });
      await recordAudit(tx, row.id);
      return { id: row.id, name: row.name, token };
    });
  }

  return {
    /** Checks email and password; locks the account for 15 minutes after 5 failures in a row. */
    async login(email: string, password: string, ip: string) {
      const row = await repo.findStaffForLogin(db, email);
      if (!row || !row.is_active) {
        decoyHash ??= hashPassword(generatePassword());
        await verify(await decoyHash, password).catch(() => false);
        await audit.recordAnonymous(db, { organisationId: row?.organisation_id ?? null, staffUserId: row?.id ?? null, action: 'login_failed', entityType: 'session', ip });
        throw new AppError(401, 'auth.invalid_credentials');
      }
      if (row.locked_until && row.locked_until > new Date()) {
        const minutes = Math.ceil((row.locked_until.getTime() - Date.now()) / 60_000);
        throw new AppError(423, 'auth.locked', {}, { minutes });
      }
      const ok = await verify(row.password_hash, password).catch(() => false);
      if (!ok) {
        const after = await repo.recordLoginFailure(db, row.id, LOCK_AFTER_FAILURES, LOCK_MINUTES);
        await audit.recordAnonymous(db, {
          organisationId: row.organisation_id,
          staffUserId: row.id,
          action: 'login_failed',
          entityType: 'session',
          ip,
          details: { failures: after.failed_login_count },
        });
        if (after.locked_until && after.locked_until > new Date()) {
          throw new AppError(423, 'auth.locked', {}, { minutes: LOCK_MINUTES });
        }
        throw new AppError(401, 'auth.invalid_credentials');
      }
      await repo.resetLoginFailures(db, row.id);
      const session = await newSession(row.id, ip);
      await audit.recordAnonymous(db, { organisationId: row.organisation_id, staffUserId: row.id, action: 'login', entityType: 'session', ip });
      return session;
    },

    /** Ends a session. */
    async logout(ctx: RequestContext) {
      if (ctx.actor.sessionId) await repo.deleteSession(db, ctx.actor.sessionId);
      await audit.record(db, ctx, { action: 'logout', entityType: 'session' });
    },

    /** The staff member behind a session cookie, or null when it is unknown or expired. */
    async actorFromSession(token: string): Promise<Actor | null> {
      const row = await repo.findActorBySessionHash(db, tokenHash(token));
      if (!row) return null;
      // Touch at most once a minute: sliding activity without a write per request.
      if (Date.now() - row.last_seen_at.getTime() > 60_000) await repo.touchSession(db, row.session_id);
      return toActor(row, 'session');
    },

    /** The staff member behind an API token, or null when it is unknown or revoked. */
    async actorFromToken(token: string): Promise<Actor | null> {
      const row = await repo.findActorByTokenHash(db, tokenHash(token));
      if (!row) return null;
      if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) await repo.touchToken(db, row.token_id);
      return toActor(row, 'token');
    },

    /** What the web app needs to know about the logged-in staff member. */
    me(actor: Actor): Me {
      return {
        id: actor.staffUserId,
        email: actor.email,
        displayName: actor.displayName,
        role: actor.role,
        language: actor.language,
        permissions: [...actor.permissions].sort(),
        organisationName: actor.organisationName,
        csrfToken: actor.csrfToken,
      };
    },

    /** Changes the UI language of the logged-in staff member. */
    async setMyLanguage(ctx: RequestContext, language: 'ja' | 'en') {
      await db.transaction().execute(async (tx) => {
        await repo.updateStaff(tx, ctx.actor.organisationId, ctx.actor.staffUserId, { language });
        await audit.record(tx, ctx, { action: 'update', entityType: 'staff_user', entityId: ctx.actor.staffUserId, details: { fields: ['language'] } });
      });
    },

    /** Creates a staff account (admin only at the route). */
    async create(ctx: RequestContext, input: CreateStaffInput): Promise<StaffUser> {
      return addAccount(ctx.actor.organisationId, input, (tx, id) =>
        audit.record(tx, ctx, { action: 'create', entityType: 'staff_user', entityId: id, details: { role: input.role } }));
    },

    /** Changes a staff account; deactivating one also ends its sessions. */
    async update(ctx: RequestContext, id: string, input: UpdateStaffInput): Promise<StaffUser> {
      return db.transaction().execute(async (tx) => {
        const row = await repo.updateStaff(tx, ctx.actor.organisationId, id, {
          ...(input.displayName !== undefined && { display_name: input.displayName }),
          ...(input.role !== undefined && { role_code: input.role }),
          ...(input.language !== undefined && { language: input.language }),
          ...(input.isActive !== undefined && { is_active: input.isActive }),
        });
        if (!row) throw notFound('staff.not_found');
        if (input.isActive === false) await repo.deleteSessionsOfStaff(tx, id);
        await audit.record(tx, ctx, { action: 'update', entityType: 'staff_user', entityId: id, details: { fields: Object.keys(input) } });
        return presentStaff(row);
      });
    },

    /** Creates an account outside any request (first start, `tobira user add`); audited as the system. */
    async addUser(organisationId: string, input: CreateStaffInput): Promise<StaffUser> {
      return addAccount(organisationId, input, (tx, id) =>
        audit.recordAnonymous(tx, { organisationId, staffUserId: null, action: 'create', entityType: 'staff_user', entityId: id, ip: 'local', details: { role: input.role, by: 'system' } }));
    },

    /** Creates an API token for a staff member from the command line; the token is shown only now. */
    async createTokenFor(email: string, name: string) {
      const staff = await repo.findStaffForLogin(db, email);
      if (!staff) throw notFound('staff.not_found');
      return issueToken(staff.id, name, (tx, id) =>
        audit.recordAnonymous(tx, { organisationId: staff.organisation_id, staffUserId: staff.id, action: 'create', entityType: 'api_token', entityId: id, ip: 'local', details: { by: 'system' } }));
    },

    /** The id of the account with this email (any case), if there is one. */
    async findIdByEmail(email: string): Promise<string | null> {
      return (await repo.findStaffIdByEmail(db, email))?.id ?? null;
    },

    /** How many staff accounts exist (zero on a first start). */
    async count(): Promise<number> {
      return Number((await repo.countStaff(db)).n);
    },

    /** The organisation this installation serves, created on first start. */
    async ensureOrganisation(name: string): Promise<{ id: string; name: string; created: boolean }> {
      const existing = await repo.findOrganisation(db);
      if (existing) return { ...existing, created: false };
      return { ...(await repo.insertOrganisation(db, name)), created: true };
    },

    /** Every staff account of the organisation. */
    async list(ctx: RequestContext): Promise<StaffUser[]> {
      return (await repo.listStaff(db, ctx.actor.organisationId)).map(presentStaff);
    },

    /** Active staff of the caller's organisation, for assignee pickers. */
    async listAssignable(ctx: RequestContext, permission?: Permission): Promise<AssignableStaff[]> {
      return (await repo.listActiveStaff(db, ctx.actor.organisationId, { permission })).map((r) => ({ id: r.id, displayName: r.display_name }));
    },

    /** True when `id` is an active staff member of the organisation (someone work can be given to). */
    async isAssignable(tx: DbOrTx, organisationId: string, id: string): Promise<boolean> {
      return (await repo.listActiveStaff(tx, organisationId, { id })).length > 0;
    },

    /** One staff member of the organisation (active or not), or null when the id is unknown there. */
    async findById(tx: DbOrTx, organisationId: string, id: string): Promise<{ id: string; displayName: string; isActive: boolean } | null> {
      const row = await repo.findStaffById(tx, organisationId, id);
      return row ? { id: row.id, displayName: row.display_name, isActive: row.is_active } : null;
    },

    /** The display names of these staff members of the organisation, by id (unknown ids are left out). */
    async namesByIds(tx: DbOrTx, organisationId: string, ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      return new Map((await repo.staffNamesByIds(tx, organisationId, ids)).map((r) => [r.id, r.display_name]));
    },

    /** Creates an API token for the calling staff member; the token itself is shown only now. */
    async createToken(ctx: RequestContext, name: string) {
      return issueToken(ctx.actor.staffUserId, name, (tx, id) => audit.record(tx, ctx, { action: 'create', entityType: 'api_token', entityId: id }));
    },

    /** The calling staff member's API tokens (never the secrets). */
    async listTokens(ctx: RequestContext) {
      const rows = await repo.listTokens(db, ctx.actor.staffUserId);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        prefix: r.token_prefix,
        createdAt: r.created_at.toISOString(),
        lastUsedAt: r.last_used_at?.toISOString() ?? null,
        revokedAt: r.revoked_at?.toISOString() ?? null,
      }));
    },

    /** Revokes one of the calling staff member's API tokens. */
    async revokeToken(ctx: RequestContext, id: string) {
      await db.transaction().execute(async (tx) => {
        const row = await repo.revokeToken(tx, ctx.actor.staffUserId, id);
        if (!row) throw notFound('token.not_found');
        await audit.record(tx, ctx, { action: 'delete', entityType: 'api_token', entityId: id });
      });
    },
  };
}
export type StaffService = ReturnType<typeof createStaffService>;
