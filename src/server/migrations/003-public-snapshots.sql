-- Numbered snapshots of the public aggregates, made by an editor's 发布 (publish) from the current project state. The
-- latest is what the public page reads; earlier ones stay readable for comparison.
CREATE TABLE public_snapshots (
  n serial PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  -- path under the data folder (public/plan-progress.json …) → file text
  files jsonb NOT NULL,
  -- the last project change it includes (project_audit.id), null when none
  audit_id bigint
);
