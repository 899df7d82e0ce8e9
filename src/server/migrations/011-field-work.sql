-- Field work (issue 26): tasks sent to a person, reports filed from the field page with their photos, the
-- idempotency keys that keep a retried send from filing a report twice, and the statuses accepted checks give the
-- 监测图斑 (the release's monitoring-patches.geojson is read-only input; its features are keyed here by patch id).
-- Within PostgreSQL 15 / PostGIS 3.3, as every migration.

-- status keys (src/core/field/templates.ts PATCH_STATUSES): pending 待核查, verified_true 已核查·属实,
-- verified_false 已核查·不属实, legal 合法. A 图斑 without a row here has the release's status (pending).
CREATE TABLE field_patch_status (
  patch_id text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('pending', 'verified_true', 'verified_false', 'legal')),
  -- the accepted report that set it, or null when an editor set it by hand (PUT /api/patches/:id/status)
  report_id text,
  comment text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);

-- Every status change of a 图斑, oldest first (who, when, why): the printed sheet lists them.
CREATE TABLE field_patch_history (
  id bigserial PRIMARY KEY,
  patch_id text NOT NULL,
  status text NOT NULL,
  report_id text,
  comment text NOT NULL DEFAULT '',
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by text NOT NULL
);
CREATE INDEX field_patch_history_patch ON field_patch_history (patch_id, id);

CREATE TABLE field_tasks (
  id text PRIMARY KEY,
  -- a 监测图斑 ('patch', target_id = its id) or a project feature ('project', target_layer/target_id)
  target_kind text NOT NULL CHECK (target_kind IN ('patch', 'project')),
  target_layer text,
  target_id text NOT NULL,
  target_name text NOT NULL DEFAULT '',
  township_code text,
  -- where the target is (its box's centre): the field page lists tasks nearest first
  lon double precision,
  lat double precision,
  assignee text NOT NULL,
  due date,
  note text NOT NULL DEFAULT '',
  -- open → done (a report was filed); done → open (the report was returned); open → cancelled (by an editor)
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  report_id text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX field_tasks_assignee ON field_tasks (assignee, status);
CREATE INDEX field_tasks_target ON field_tasks (target_kind, target_id);

CREATE TABLE field_reports (
  -- made on the phone (the report exists there before it is sent)
  id text PRIMARY KEY,
  template text NOT NULL,
  target_kind text NOT NULL CHECK (target_kind IN ('patch', 'project', 'stand', 'none')),
  target_layer text,
  target_id text,
  target_name text NOT NULL DEFAULT '',
  task_id text REFERENCES field_tasks (id),
  author text NOT NULL,
  -- the template's plain fields (choices, numbers, text)
  answers jsonb NOT NULL,
  -- a walked boundary and its estimate (area and error recomputed here from the vertices' accuracies)
  geom geometry(Geometry, 4490),
  boundary jsonb,
  -- where the report was made
  lon double precision,
  lat double precision,
  accuracy double precision,
  township_code text,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'returned')),
  version integer NOT NULL DEFAULT 1,
  review_comment text,
  reviewed_by text,
  reviewed_at timestamptz,
  -- what an acceptance did: the 图斑's new status, or the project change's audit id
  applied jsonb,
  made_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);
CREATE INDEX field_reports_target ON field_reports (target_kind, target_id);
CREATE INDEX field_reports_created ON field_reports (created_at);

CREATE TABLE field_photos (
  id text PRIMARY KEY,
  report_id text NOT NULL REFERENCES field_reports (id) ON DELETE CASCADE,
  ord integer NOT NULL DEFAULT 0,
  name text NOT NULL,
  -- sniffed from the bytes, never taken from the name
  mime text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes bytea NOT NULL,
  size integer NOT NULL,
  width integer,
  height integer,
  sha256 text NOT NULL,
  -- as read from the original photo's EXIF on the phone
  taken_at text,
  lon double precision,
  lat double precision,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX field_photos_report ON field_photos (report_id, ord);

-- Idempotency-Key of POST/PUT /api/reports, per user: a repeat with the same key gets the first answer again.
CREATE TABLE field_idempotency (
  username text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (username, key)
);
