-- Why a change was made, as the editor typed it (required by the bureau page when retiring a feature; optional in the
-- API for other changes). Shown in the feature's history; QGIS analysts can read it in project_audit.
ALTER TABLE project_audit ADD COLUMN reason text;
