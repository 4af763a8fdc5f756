-- Failed logins are counted per (email, client address), not per account: five failures in a row
-- from one address refuse that pair for a while (growing with each further failure), so a guesser
-- is slowed down but nobody can lock an account, the administrator's included, from elsewhere.
-- Unknown emails get rows too, so a refusal says nothing about which accounts exist.
-- staff_user.failed_login_count and locked_until are no longer read or written (left in place).
CREATE TABLE login_throttle (
  -- The email as typed at login, trimmed and lower-cased (staff_user is matched on lower(email)).
  email text NOT NULL,
  ip text NOT NULL,
  failure_count integer NOT NULL CHECK (failure_count > 0),
  last_failed_at timestamptz NOT NULL,
  blocked_until timestamptz,
  PRIMARY KEY (email, ip)
);
-- Pruning forgotten pairs, and the staff page's "blocked now" list.
CREATE INDEX login_throttle_last_failed_at_idx ON login_throttle (last_failed_at);
CREATE INDEX login_throttle_blocked_until_idx ON login_throttle (blocked_until) WHERE blocked_until IS NOT NULL;
