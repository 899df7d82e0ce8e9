// The field page's own records (kept in IndexedDB, src/field/store.ts) and the server's answers it reads.
import type { Polygon, Position } from 'geojson';
import type { BBox } from '../core/field/tiles.ts';
import type { TemplateId } from '../core/field/templates.ts';

export interface OfflineArea {
  id: string;
  /** What the walker picked: a township's name, a site's name, "my tasks", or the map view. */
  name: string;
  kind: 'township' | 'site' | 'tasks' | 'view';
  bbox: BBox;
  /** API reads kept with the area (its 监测图斑, the walker's tasks). */
  extra: string[];
  /** Bytes and files of the plan it was downloaded from. */
  bytes: number;
  files: number;
  saved: number;
  complete: boolean;
}

/** A photo as the phone keeps it: resized JPEG, with what the original's EXIF said. */
export interface FieldPhoto {
  id: string;
  name: string;
  blob: Blob;
  width: number;
  height: number;
  taken_at: string | null;
  lon: number | null;
  lat: number | null;
}

export interface WalkedBoundary {
  geometry: Polygon;
  accuracy_m: number[];
  threshold_m: number;
  rejected: number;
  area_m2: number;
  error95_m2: number;
}

export type ReportState = 'queued' | 'sending' | 'sent' | 'conflict' | 'refused';

export interface FieldReport {
  id: string;
  /** The Idempotency-Key of this version's sending (a new one for each edit). */
  key: string;
  template: TemplateId;
  target: { kind: 'patch' | 'project' | 'stand' | 'none'; layer?: string; id?: string; name?: string };
  task_id: string | null;
  values: Record<string, string | number | null>;
  boundary: WalkedBoundary | null;
  position: { lon: number; lat: number; accuracy: number } | null;
  photos: FieldPhoto[];
  made: string;
  state: ReportState;
  /** The server's version once sent. */
  version: number | null;
  /** null: a new report (POST); else the server version this edit was made on (PUT; a 409 keeps theirs in `conflict`). */
  base: number | null;
  /** Times the server was asked (a resend uses the same key and makes nothing new). */
  sends: number;
  message: string | null;
  conflict: { version: number; values: Record<string, unknown>; updated_by: string | null } | null;
}

export interface FieldTask {
  id: string;
  target: { kind: 'patch' | 'project'; layer: string | null; id: string; name: string };
  township_code: string | null;
  centre: [number, number] | null;
  due: string | null;
  note: string;
  status: string;
}

/** What the walker navigates to (a task's 图斑 or project): distance and bearing are shown to it. */
export interface Target {
  name: string;
  position: Position;
}
