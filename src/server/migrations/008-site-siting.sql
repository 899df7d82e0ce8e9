-- The siting result of each shared site (src/server/siting.ts): the verdict, every siting rule it meets with the area
-- in 亩, and its overlap with each constraint layer (三区三线), computed by the server with the planner's own core from
-- the active data folder whenever the site's geometry or type changes. NULL when it could not be computed (no data
-- folder, or a site saved before this column existed).
ALTER TABLE sites ADD COLUMN siting jsonb;
