import { createHmac, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Db, DbOrTx, Tx } from '../../../server/db/database';
import type { Actor, RequestContext } from '../../../server/http/context';
import { AppError, conflict, notFound } from '../../../server/http/errors';
import type { AuditService } from '../../audit/server/audit.service';
import type { AssignableStaff, CreateStaffInput, Me, Permission, RoleCode, StaffUser, UpdateStaffInput } from '../contract';
import * as repo from './staff.repository';

// Failed logins are throttled per (email, client address), never per account: a guesser is slowed
// down, but nobody can lock someone else out by failing on purpose from elsewhere.
const THROTTLE_AFTER_FAILURES = 5;
const THROTTLE_FIRST_MS = 60_000;
const THROTTLE_MAX_MS = 3_600_000;
// A pair whose last failure is older than this starts counting from zero again (and is pruned).
const THROTTLE_FORGET_MS = 24 * 3_600_000;
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

/**
 * How long an (email, address) pair is refused after `failures` failed logins in a row: not at all
 * before the 5th, then 1 minute, doubling with each further failure, at most an hour.
 */
export function throttleDelayMs(failures: number): number {
  if (failures < THROTTLE_AFTER_FAILURES) return 0;
  return Math.min(THROTTLE_MAX_MS, THROTTLE_FIRST_MS * 2 ** (failures - THROTTLE_AFTER_FAILURES));
}

/**
 * The one answer to a refused (throttled) pair, the same whether an account has the email or not;
 * `retryAfterSeconds` is for the Retry-After header.
 */
function tooManyAttempts(blockedUntil: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000));
  return new AppError(429, 'auth.too_many_attempts', {}, { minutes: Math.ceil(seconds / 60), retryAfterSeconds: seconds });
}

/** A staff member refused from some addresses right now (the staff page's "Unlock"). */
export interface StaffThrottle {
  staffUserId: string;
  addresses: string[];
  blockedUntil: string;
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

  /** Counts a failed login for the pair and, from the 5th in a row, refuses the pair for a while; audited. */
  async function recordLoginFailure(email: string, ip: string, row: { id: string; organisation_id: string } | null, now: Date) {
    const forgetBefore = new Date(now.getTime() - THROTTLE_FORGET_MS);
    await db.transaction().execute(async (tx) => {
      const { failure_count: failures } = await repo.recordLoginThrottleFailure(tx, email, ip, now, forgetBefore);
      const who = { organisationId: row?.organisation_id ?? null, staffUserId: row?.id ?? null, entityType: 'session', ip };
      await audit.recordAnonymous(tx, { ...who, action: 'login_failed', details: { failures } });
      const delay = throttleDelayMs(failures);
      if (delay > 0) {
        await repo.blockLoginThrottle(tx, email, ip, new Date(now.getTime() + delay));
        await audit.recordAnonymous(tx, { ...who, action: 'login_blocked', details: { failures, minutes: delay / 60_000 } });
      }
      // A new pair is the only way the table grows: forget stale ones then.
      if (failures === 1) await repo.pruneLoginThrottles(tx, forgetBefore);
    });
  }

  return {
    /**
     * Checks email and password. Unknown, inactive and wrong logins get one answer (401); after 5
     * failures in a row, that (email, address) pair is refused with 429 for a growing delay,
     * whether or not the email belongs to an account, and even with the right password.
     */
    async login(email: string, password: string, ip: string) {
      const key = email.trim().toLowerCase();
      const now = new Date();
      const throttle = await repo.findLoginThrottle(db, key, ip);
      if (throttle?.blocked_until && throttle.blocked_until > now) throw tooManyAttempts(throttle.blocked_until, now);
      const row = await repo.findStaffForLogin(db, key);
      const account = row?.is_active ? row : null;
      let ok = false;
      if (account) {
        ok = await verify(account.password_hash, password).catch(() => false);
      } else {
        decoyHash ??= hashPassword(generatePassword());
        await verify(await decoyHash, password).catch(() => false);
      }
      if (!account || !ok) {
        await recordLoginFailure(key, ip, row ?? null, now);
        throw new AppError(401, 'auth.invalid_credentials');
      }
      await repo.deleteLoginThrottle(db, key, ip);
      const session = await newSession(account.id, ip);
      await audit.recordAnonymous(db, { organisationId: account.organisation_id, staffUserId: account.id, action: 'login', entityType: 'session', ip });
      return session;
    },

    /** Lifts every login block on a staff member's email, from every address; audited. */
    async unlock(ctx: RequestContext, id: string) {
      await db.transaction().execute(async (tx) => {
        const row = await repo.findStaffById(tx, ctx.actor.organisationId, id);
        if (!row) throw notFound('staff.not_found');
        const cleared = await repo.deleteLoginThrottlesOfEmail(tx, row.email.toLowerCase());
        await audit.record(tx, ctx, { action: 'unlock', entityType: 'staff_user', entityId: id, details: { addresses: cleared.length } });
      });
    },

    /** The organisation's staff refused from some address right now, with the addresses. */
    async listThrottles(ctx: RequestContext): Promise<StaffThrottle[]> {
      const byStaff = new Map<string, StaffThrottle>();
      for (const r of await repo.listBlockedStaff(db, ctx.actor.organisationId, new Date())) {
        if (!r.blocked_until) continue;
        const until = r.blocked_until.toISOString();
        const entry = byStaff.get(r.staff_user_id);
        if (!entry) {
          byStaff.set(r.staff_user_id, { staffUserId: r.staff_user_id, addresses: [r.ip], blockedUntil: until });
        } else {
          entry.addresses.push(r.ip);
          if (until > entry.blockedUntil) entry.blockedUntil = until;
        }
      }
      return [...byStaff.values()];
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
