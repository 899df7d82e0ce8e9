-- Accounts, sessions and shared sites. Kept within PostgreSQL 15 / PostGIS 3.3 (production) so the same file runs on
-- the embedded PGlite (PostgreSQL 18, PostGIS 3.6). Geometry is CGCS2000 lon/lat (SRID 4490).
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('editor', 'planner', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Only the SHA-256 of a session token is stored: a copy of this table does not let anyone sign in.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- The current state of each site (what lists, maps and QGIS read); every state it had is in site_versions.
CREATE TABLE sites (
  id text PRIMARY KEY,
  owner_id integer NOT NULL REFERENCES users (id),
  version integer NOT NULL,
  name text NOT NULL,
  type text NOT NULL,
  note text NOT NULL DEFAULT '',
  origin text NOT NULL DEFAULT '',
  geom geometry(Geometry, 4490) NOT NULL,
  area_m2 double precision NOT NULL,
  sharing text NOT NULL CHECK (sharing IN ('private', 'users', 'everyone')),
  deleted boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by integer NOT NULL REFERENCES users (id)
);
CREATE INDEX sites_owner ON sites (owner_id);
CREATE INDEX sites_geom ON sites USING gist (geom);

-- Named users a site with sharing = 'users' is shared with.
CREATE TABLE site_shares (
  site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (site_id, user_id)
);
CREATE INDEX site_shares_user ON site_shares (user_id);

-- Every save is a new row: who, when, what kind of change, and the whole site as it was after it.
CREATE TABLE site_versions (
  site_id text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  version integer NOT NULL,
  author_id integer NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  change text NOT NULL CHECK (change IN ('create', 'update', 'delete', 'restore')),
  name text NOT NULL,
  type text NOT NULL,
  note text NOT NULL,
  origin text NOT NULL,
  geom geometry(Geometry, 4490) NOT NULL,
  area_m2 double precision NOT NULL,
  sharing text NOT NULL,
  shared_with integer[] NOT NULL DEFAULT '{}',
  deleted boolean NOT NULL,
  PRIMARY KEY (site_id, version)
);
