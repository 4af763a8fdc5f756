import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Kysely's view of migrations/0010_login_throttle.sql: failed logins per (email, client address). */
export type LoginThrottleTable = {
  /** Trimmed and lower-cased, whether or not an account has it. */
  email: string;
  ip: string;
  failure_count: number;
  last_failed_at: Timestamp;
  blocked_until: Timestamp | null;
};

export type StaffTables = {
  login_throttle: LoginThrottleTable;
};
