-- User administration in the bureau page (issue 22): accounts are disabled rather than deleted (their sites, versions
-- and audit rows keep their author), a new or reset account gets a one-time set-up link instead of a password typed
-- by an editor, and failed sign-ins are counted in the database so that every server process on one PostgreSQL counts
-- them together (src/server/login-limit.ts).

-- NULL: no password yet (a new account whose set-up link is unused) or reset by an editor (the old one stops working).
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
ALTER TABLE users ADD COLUMN last_sign_in_at timestamptz;

-- User names are case-insensitive from now on ("Ann" and "ann" are one account; the spelling given first is kept for
-- display). Should a database already hold two names differing only in case, the younger account is renamed
-- <name>-<id> so that the unique index can be built; `npm run user -- list` shows the new name.
UPDATE users u SET username = u.username || '-' || u.id
 WHERE EXISTS (SELECT 1 FROM users o WHERE lower(o.username) = lower(u.username) AND o.id < u.id);
CREATE UNIQUE INDEX users_username_lower ON users (lower(username));

-- One-time set-up links: the first editor's (first start, user_id NULL), a new account's and a reset's. Only the
-- SHA-256 of the token is stored. A link is used once (used_at), expires (expires_at), and is expired at once when
-- the editor makes a newer one for the same account or disables it.
CREATE TABLE setup_links (
  token_hash text PRIMARY KEY,
  user_id integer REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('first', 'new', 'reset')),
  created_by integer REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX setup_links_user ON setup_links (user_id);

-- Failed sign-ins, one row each: per account (the lower-cased name typed, whether or not such an account exists) and
-- per client address, counted separately over a sliding window. Rows older than the window are swept on each failure.
CREATE TABLE sign_in_failures (
  scope text NOT NULL CHECK (scope IN ('account', 'address')),
  key text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (scope, key, failed_at);
CREATE INDEX sign_in_failures_time ON sign_in_failures (failed_at);
