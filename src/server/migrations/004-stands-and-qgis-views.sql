-- The active stands (小班) for QGIS, loaded in batches from the data release (src/server/qgis.ts), and the views an
-- analyst opens: qgis_stands, qgis_sites (shared sites, current version, not deleted) beside the project views of 002.
CREATE TABLE stands (
  id text PRIMARY KEY,
  township_code text,
  props jsonb NOT NULL,
  -- ellipsoidal area from src/core (geodesicArea), m²
  area_m2 double precision NOT NULL,
  geom geometry(Geometry, 4490) NOT NULL
);
CREATE INDEX stands_geom ON stands USING gist (geom);
CREATE INDEX stands_township ON stands (township_code);

CREATE TABLE stand_releases (
  id serial PRIMARY KEY,
  hash text NOT NULL,
  stands integer NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE VIEW qgis_stands AS
  SELECT id, township_code, props->>'village' AS village, props->>'land_class' AS land_class, props->>'species' AS species,
         props->>'origin' AS origin, props->>'age_group' AS age_group, (props->>'canopy')::double precision AS canopy,
         (props->>'stock_m3')::double precision AS stock_m3, props->>'upgrade_type' AS upgrade_type,
         (props->>'upgrade_year')::integer AS upgrade_year, props->>'pine_wilt' AS pine_wilt,
         area_m2, area_m2 * 15 / 10000 AS area_mu, geom
  FROM stands;

CREATE VIEW qgis_sites AS
  SELECT s.id, s.version, s.name, s.type, s.note, u.username AS owner, s.sharing, s.area_m2, s.area_m2 * 15 / 10000 AS area_mu,
         s.updated_at, s.geom
  FROM sites s JOIN users u ON u.id = s.owner_id
  WHERE NOT s.deleted;
