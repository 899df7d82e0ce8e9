-- The plan's project layers (mines, PV, wind farms and turbines, substations, wetlands, carbon pilots, oil-tea bases,
-- gas pipelines, townships with their gas coverage), loaded from the active data release and then edited by the bureau;
-- every change is a row of project_audit. One generic table keeps the code small; the qgis_* views give QGIS one
-- typed layer each. Within PostgreSQL 15 / PostGIS 3.3.
CREATE TABLE project_features (
  layer text NOT NULL,
  feature_id text NOT NULL,
  props jsonb NOT NULL,
  geom geometry(Geometry, 4490),
  retired boolean NOT NULL DEFAULT false,
  -- 'release' (from the data files) or 'app' (drawn or imported in the bureau page)
  source text NOT NULL DEFAULT 'release' CHECK (source IN ('release', 'app')),
  -- order of the features in the layer (the file's order; new ones at the end)
  ord integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  PRIMARY KEY (layer, feature_id)
);
CREATE INDEX project_features_geom ON project_features USING gist (geom);

-- Who changed what: the properties and the retired flag before and after. A revert is a new row (action 'revert').
CREATE TABLE project_audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  username text NOT NULL,
  layer text NOT NULL,
  feature_id text NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'edit', 'retire', 'unretire', 'revert')),
  before jsonb,
  after jsonb NOT NULL,
  reverts bigint REFERENCES project_audit (id)
);
CREATE INDEX project_audit_feature ON project_audit (layer, feature_id, id);
CREATE INDEX project_audit_at ON project_audit (at);

-- Which data release (hash of the layer files) the table was loaded from.
CREATE TABLE project_releases (
  id serial PRIMARY KEY,
  hash text NOT NULL,
  data_dir text NOT NULL,
  features integer NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

-- QGIS: one view per layer, current and not retired, with the layer's own columns.
CREATE VIEW qgis_mines AS
  SELECT feature_id, props->>'name' AS name, props->>'township_code' AS township_code, props->>'mineral' AS mineral,
         props->>'status' AS status, (props->>'restored_year')::integer AS restored_year, props->>'notes' AS notes, geom
  FROM project_features WHERE layer = 'mines' AND NOT retired;
CREATE VIEW qgis_pv AS
  SELECT feature_id, props->>'name' AS name, props->>'township_code' AS township_code, props->>'kind' AS kind,
         (props->>'capacity_mw')::double precision AS capacity_mw, props->>'status' AS status,
         (props->>'grid_year')::integer AS grid_year, props->>'notes' AS notes, geom
  FROM project_features WHERE layer = 'pv' AND NOT retired;
CREATE VIEW qgis_wind_farms AS
  SELECT feature_id, props->>'name' AS name, props->>'township_code' AS township_code,
         (props->>'capacity_mw')::double precision AS capacity_mw, (props->>'turbines')::integer AS turbines,
         props->>'status' AS status, (props->>'grid_year')::integer AS grid_year, props->>'notes' AS notes, geom
  FROM project_features WHERE layer = 'wind-farms' AND NOT retired;
CREATE VIEW qgis_wind_turbines AS
  SELECT feature_id, props->>'farm_id' AS farm_id, (props->>'capacity_mw')::double precision AS capacity_mw,
         (props->>'hub_height_m')::double precision AS hub_height_m, geom
  FROM project_features WHERE layer = 'wind-turbines' AND NOT retired;
CREATE VIEW qgis_substations AS
  SELECT feature_id, props->>'name' AS name, (props->>'voltage_kv')::integer AS voltage_kv, props->>'status' AS status, geom
  FROM project_features WHERE layer = 'substations' AND NOT retired;
CREATE VIEW qgis_wetlands AS
  SELECT feature_id, props->>'name' AS name, props->>'kind' AS kind, props->>'township_code' AS township_code,
         props->>'restoration' AS restoration, (props->>'restoration_year')::integer AS restoration_year, geom
  FROM project_features WHERE layer = 'wetlands' AND NOT retired;
CREATE VIEW qgis_carbon_pilots AS
  SELECT feature_id, props->>'name' AS name, props->>'township_code' AS township_code,
         (props->>'planted_year')::integer AS planted_year, props->>'species' AS species, geom
  FROM project_features WHERE layer = 'carbon-pilots' AND NOT retired;
CREATE VIEW qgis_oil_tea_bases AS
  SELECT feature_id, props->>'name' AS name, props->>'township_code' AS township_code, props->>'kind' AS kind,
         (props->>'year')::integer AS year, geom
  FROM project_features WHERE layer = 'oil-tea-bases' AND NOT retired;
CREATE VIEW qgis_gas_pipelines AS
  SELECT feature_id, props->>'name' AS name, props->>'status' AS status, (props->>'target_year')::integer AS target_year,
         props->>'serves' AS serves, geom
  FROM project_features WHERE layer = 'gas-pipelines' AND NOT retired;
CREATE VIEW qgis_townships AS
  SELECT feature_id AS code, props->>'name' AS name, props->>'kind' AS kind, props->>'gas_status' AS gas_status, geom
  FROM project_features WHERE layer = 'townships' AND NOT retired;
-- Every project at once (QGIS can filter by layer).
CREATE VIEW qgis_projects AS
  SELECT layer, feature_id, props->>'name' AS name, props, updated_at, updated_by, geom
  FROM project_features WHERE layer <> 'townships' AND NOT retired;
