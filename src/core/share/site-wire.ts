// A shared site as the API sends it (GET/POST/PUT /api/sites, docs/server.md): one definition for the server that
// writes it (src/server/sites.ts) and the planner that reads it (src/planner/storage/server-sync.ts).
import type { Geometry } from 'geojson';
import type { SitingRecord } from '../analysis/siting.ts';

/** Who may read a site besides its owner: nobody, everyone signed in, or named users. */
export type Sharing = 'private' | 'everyone' | { users: string[] };

export interface SiteWire {
  id: string;
  version: number;
  name: string;
  type: string;
  note: string;
  origin: string;
  geometry: Geometry;
  area_m2: number;
  area_mu: number;
  sharing: Sharing;
  owner: string;
  deleted: boolean;
  created: number;
  updated: number;
  updated_by: string;
  can_edit: boolean;
  can_share: boolean;
  /**
   * The siting rules the site meets, computed by the server from its data folder whenever the geometry or type changed
   * (src/server/siting.ts); null when it could not be (no data folder, or saved before the server kept it).
   */
  siting: SitingRecord | null;
}
