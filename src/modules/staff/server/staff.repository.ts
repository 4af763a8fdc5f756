import { sql, type ExpressionBuilder } from 'kysely';
import type { DbOrTx } from '../../../server/db/database';
import type { Database } from '../../../server/db/schema';

const staffColumns = [
  'staff_user.id',
  'staff_user.organisation_id',
  'staff_user.email',
  'staff_user.display_name',
  'staff_user.role_code',
  'staff_user.language',
  'staff_user.is_active',
  'staff_user.created_at',
] as const;

export type StaffRow = Awaited<ReturnType<typeof findStaffById>> & object;

export function findStaffById(db: DbOrTx, organisationId: string, id: string) {
  return db
    .selectFrom('staff_user')
    .select(staffColumns)
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

export function findStaffForLogin(db: DbOrTx, email: string) {
  return db
    .selectFrom('staff_user')
    .select([...staffColumns, 'staff_user.password_hash'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export function findStaffIdByEmail(db: DbOrTx, email: string) {
  return db.selectFrom('staff_user').select('id').where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export function listStaff(db: DbOrTx, organisationId: string) {
  return db.selectFrom('staff_user').select(staffColumns).where('organisation_id', '=', organisationId).orderBy('display_name').execute();
}

/** Active staff of the organisation; only one (`id`), or only those whose role has `permission`. */
export function listActiveStaff(db: DbOrTx, organisationId: string, filter: { id?: string; permission?: string } = {}) {
  let query = db
    .selectFrom('staff_user')
    .select(['id', 'display_name'])
    .where('organisation_id', '=', organisationId)
    .where('is_active', '=', true);
  if (filter.id !== undefined) query = query.where('id', '=', filter.id);
  const { permission } = filter;
  if (permission !== undefined) {
    query = query.where((eb) => eb.exists(eb.selectFrom('role_permission').select('role_permission.permission')
      .whereRef('role_permission.role_code', '=', 'staff_user.role_code').where('role_permission.permission', '=', permission)));
  }
  return query.orderBy('display_name').execute();
}

/** Id and name of these staff members of the organisation (active or not). */
export function staffNamesByIds(db: DbOrTx, organisationId: string, ids: string[]) {
  return db.selectFrom('staff_user').select(['id', 'display_name']).where('organisation_id', '=', organisationId).where('id', 'in', ids).execute();
}

export function countStaff(db: DbOrTx) {
  return db.selectFrom('staff_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
}

export function insertStaff(
  db: DbOrTx,
  row: { organisationId: string; email: string; displayName: string; role: string; language: 'ja' | 'en'; passwordHash: string },
) {
  return db
    .insertInto('staff_user')
    .values({
      organisation_id: row.organisationId,
      email: row.email,
      display_name: row.displayName,
      role_code: row.role,
      language: row.language,
      password_hash: row.passwordHash,
    })
    .returning(staffColumns)
    .executeTakeFirstOrThrow();
}

export function updateStaff(
  db: DbOrTx,
  organisationId: string,
  id: string,
  patch: { display_name?: string; role_code?: string; language?: 'ja' | 'en'; is_active?: boolean },
) {
  return db
    .updateTable('staff_user')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .returning(staffColumns)
    .executeTakeFirst();
}

/** The failures and block of one (email, client address) pair, if it has failed before. */
export function findLoginThrottle(db: DbOrTx, email: string, ip: string) {
  return db
    .selectFrom('login_throttle')
    .select(['failure_count', 'blocked_until'])
    .where('email', '=', email)
    .where('ip', '=', ip)
    .executeTakeFirst();
}

/** Counts one more failure for the pair, from 1 again when its last failure is older than `forgetBefore`. */
export function recordLoginThrottleFailure(db: DbOrTx, email: string, ip: string, now: Date, forgetBefore: Date) {
  return db
    .insertInto('login_throttle')
    .values({ email, ip, failure_count: 1, last_failed_at: now })
    .onConflict((oc) => oc.columns(['email', 'ip']).doUpdateSet({
      failure_count: sql<number>`CASE WHEN login_throttle.last_failed_at < ${forgetBefore} THEN 1 ELSE login_throttle.failure_count + 1 END`,
      last_failed_at: now,
    }))
    .returning(['failure_count'])
    .executeTakeFirstOrThrow();
}

export function blockLoginThrottle(db: DbOrTx, email: string, ip: string, until: Date) {
  return db.updateTable('login_throttle').set({ blocked_until: until }).where('email', '=', email).where('ip', '=', ip).execute();
}

export function deleteLoginThrottle(db: DbOrTx, email: string, ip: string) {
  return db.deleteFrom('login_throttle').where('email', '=', email).where('ip', '=', ip).execute();
}

/** Clears the pair of every address for this email; returns the addresses cleared. */
export function deleteLoginThrottlesOfEmail(db: DbOrTx, email: string) {
  return db.deleteFrom('login_throttle').where('email', '=', email).returning(['ip']).execute();
}

/** Forgets pairs whose last failure is older than `before` (their count would start again anyway). */
export function pruneLoginThrottles(db: DbOrTx, before: Date) {
  return db.deleteFrom('login_throttle').where('last_failed_at', '<', before).execute();
}

/** The organisation's staff refused at `now` from some address: one row per (staff member, address). */
export function listBlockedStaff(db: DbOrTx, organisationId: string, now: Date) {
  return db
    .selectFrom('login_throttle')
    .innerJoin('staff_user', (join) => join.on((eb) => eb(eb.fn('lower', ['staff_user.email']), '=', eb.ref('login_throttle.email'))))
    .select(['staff_user.id as staff_user_id', 'login_throttle.ip', 'login_throttle.blocked_until'])
    .where('staff_user.organisation_id', '=', organisationId)
    .where('login_throttle.blocked_until', '>', now)
    .orderBy('staff_user.id')
    .orderBy('login_throttle.ip')
    .execute();
}

export function permissionsOfRole(db: DbOrTx, role: string) {
  return db.selectFrom('role_permission').select('permission').where('role_code', '=', role).execute();
}

export function insertSession(
  db: DbOrTx,
  row: { tokenHash: string; csrfToken: string; staffUserId: string; expiresAt: Date; ip: string },
) {
  return db
    .insertInto('session')
    .values({ token_hash: row.tokenHash, csrf_token: row.csrfToken, staff_user_id: row.staffUserId, expires_at: row.expiresAt, ip: row.ip })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

// Staff, organisation and the role's permissions, in one query, for a session or a token.
const actorSelection = [
  ...staffColumns,
  'organisation.name as organisation_name',
  (eb: ExpressionBuilder<Database, 'staff_user' | 'organisation'>) =>
    eb
      .selectFrom('role_permission')
      .select(sql<string[]>`coalesce(array_agg(permission), '{}')`.as('p'))
      .whereRef('role_permission.role_code', '=', 'staff_user.role_code')
      .as('permissions'),
] as const;

/** The actor behind a session token, while the session is valid and the account active. */
export function findActorBySessionHash(db: DbOrTx, tokenHash: string) {
  return db
    .selectFrom('session')
    .innerJoin('staff_user', 'staff_user.id', 'session.staff_user_id')
    .innerJoin('organisation', 'organisation.id', 'staff_user.organisation_id')
    .select(['session.id as session_id', 'session.csrf_token', 'session.last_seen_at', ...actorSelection])
    .where('session.token_hash', '=', tokenHash)
    .where('session.expires_at', '>', new Date())
    .where('staff_user.is_active', '=', true)
    .executeTakeFirst();
}

export function touchSession(db: DbOrTx, sessionId: string) {
  return db.updateTable('session').set({ last_seen_at: new Date() }).where('id', '=', sessionId).execute();
}

export function deleteSession(db: DbOrTx, sessionId: string) {
  return db.deleteFrom('session').where('id', '=', sessionId).execute();
}

export function deleteSessionsOfStaff(db: DbOrTx, staffUserId: string) {
  return db.deleteFrom('session').where('staff_user_id', '=', staffUserId).execute();
}

/** The actor behind an API token, unless revoked or the account is inactive. */
export function findActorByTokenHash(db: DbOrTx, tokenHash: string) {
  return db
    .selectFrom('api_token')
    .innerJoin('staff_user', 'staff_user.id', 'api_token.staff_user_id')
    .innerJoin('organisation', 'organisation.id', 'staff_user.organisation_id')
    .select(['api_token.id as token_id', 'api_token.last_used_at', ...actorSelection])
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .where('staff_user.is_active', '=', true)
    .executeTakeFirst();
}

export function touchToken(db: DbOrTx, tokenId: string) {
  return db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', tokenId).execute();
}

export function insertToken(db: DbOrTx, row: { staffUserId: string; name: string; tokenHash: string; prefix: string }) {
  return db
    .insertInto('api_token')
    .values({ staff_user_id: row.staffUserId, name: row.name, token_hash: row.tokenHash, token_prefix: row.prefix })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

export function listTokens(db: DbOrTx, staffUserId: string) {
  return db
    .selectFrom('api_token')
    .select(['id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('staff_user_id', '=', staffUserId)
    .orderBy('created_at', 'desc')
    .execute();
}

export function revokeToken(db: DbOrTx, staffUserId: string, tokenId: string) {
  return db
    .updateTable('api_token')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('staff_user_id', '=', staffUserId)
    .where('revoked_at', 'is', null)
    .returning(['id'])
    .executeTakeFirst();
}

export function findOrganisation(db: DbOrTx) {
  return db.selectFrom('organisation').select(['id', 'name']).orderBy('created_at').executeTakeFirst();
}

export function insertOrganisation(db: DbOrTx, name: string) {
  return db.insertInto('organisation').values({ name }).returning(['id', 'name']).executeTakeFirstOrThrow();
}
