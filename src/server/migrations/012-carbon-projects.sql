-- Carbon-sink projects (issue 27, docs/carbon-projects.md): the current state in carbon_projects, every saved state in
-- carbon_project_versions, as for sites. The body is the project file (format xingguo-carbon-project) as parseProject
-- checked it; its name is kept beside it for lists. Every signed-in user reads every project; planners and editors
-- write (src/server/carbon-projects.ts).
CREATE TABLE carbon_projects (
  id text PRIMARY KEY,
  owner_id integer NOT NULL REFERENCES users (id),
  version integer NOT NULL,
  name text NOT NULL,
  body jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by integer NOT NULL REFERENCES users (id)
);

CREATE TABLE carbon_project_versions (
  project_id text NOT NULL REFERENCES carbon_projects (id) ON DELETE CASCADE,
  version integer NOT NULL,
  author_id integer NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  change text NOT NULL CHECK (change IN ('create', 'update', 'delete', 'restore')),
  name text NOT NULL,
  body jsonb NOT NULL,
  deleted boolean NOT NULL,
  PRIMARY KEY (project_id, version)
);
