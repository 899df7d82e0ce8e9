// The plan's project layers as the bureau edits them (server and page share this): which file each comes from, which
// property holds its status, year and capacity, and the rules an edit must pass — the same enums and ranges the data
// README gives and the import expects. Pure: no DOM, no database.
import type { Geometry } from 'geojson';

export interface ProjectLayerDef {
  /** Layer id in the API (/api/projects/:layer) and the data file's base name. */
  id: string;
  file: string;
  /** Geometry families a new feature of this layer may have. */
  geometry: ('Polygon' | 'MultiPolygon' | 'Point' | 'MultiPoint' | 'LineString' | 'MultiLineString')[];
  status?: { field: string; values: readonly string[]; done?: string };
  /** The year property; `whenDone`: it is the year the work was completed, so it goes with the done status only. */
  year?: { field: string; whenDone?: boolean };
  capacity?: { field: string };
  /** New features may be drawn/imported (false: the layer is a fixed set, e.g. townships). */
  creatable: boolean;
}

const POLY: ProjectLayerDef['geometry'] = ['Polygon', 'MultiPolygon'];

export const PROJECT_LAYERS: readonly ProjectLayerDef[] = [
  { id: 'mines', file: 'mines.geojson', geometry: POLY, status: { field: 'status', values: ['待修复', '修复中', '已修复'], done: '已修复' }, year: { field: 'restored_year', whenDone: true }, creatable: true },
  { id: 'pv', file: 'pv.geojson', geometry: POLY, status: { field: 'status', values: ['规划', '在建', '并网'], done: '并网' }, year: { field: 'grid_year', whenDone: true }, capacity: { field: 'capacity_mw' }, creatable: true },
  { id: 'wind-farms', file: 'wind-farms.geojson', geometry: POLY, status: { field: 'status', values: ['规划', '在建', '并网'], done: '并网' }, year: { field: 'grid_year', whenDone: true }, capacity: { field: 'capacity_mw' }, creatable: true },
  { id: 'wind-turbines', file: 'wind-turbines.geojson', geometry: ['Point'], capacity: { field: 'capacity_mw' }, creatable: true },
  { id: 'substations', file: 'substations.geojson', geometry: ['Point'], status: { field: 'status', values: ['规划', '在建', '已建'] }, creatable: true },
  { id: 'wetlands', file: 'wetlands.geojson', geometry: POLY, status: { field: 'restoration', values: ['无', '规划', '实施中', '已完成'], done: '已完成' }, year: { field: 'restoration_year', whenDone: true }, creatable: true },
  { id: 'carbon-pilots', file: 'carbon-pilots.geojson', geometry: POLY, year: { field: 'planted_year' }, creatable: true },
  { id: 'oil-tea-bases', file: 'oil-tea-bases.geojson', geometry: POLY, year: { field: 'year' }, creatable: true },
  { id: 'gas-pipelines', file: 'gas-pipelines.geojson', geometry: ['LineString', 'MultiLineString'], status: { field: 'status', values: ['规划', '已建'] }, year: { field: 'target_year' }, creatable: true },
  // Gas coverage is a township attribute; the township outlines themselves are not edited here.
  { id: 'townships', file: 'townships.geojson', geometry: POLY, status: { field: 'gas_status', values: ['已通气', '规划2030', '未规划'] }, creatable: false },
];

export const projectLayer = (id: string): ProjectLayerDef | undefined => PROJECT_LAYERS.find((l) => l.id === id);

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2060;
export const EDIT_FIELDS = ['status', 'year', 'capacity', 'name', 'notes'] as const;
export type EditField = (typeof EDIT_FIELDS)[number];
export type ProjectEdit = Partial<Record<EditField, unknown>>;

export interface EditProblem {
  field: string;
  reason: string;
}

const TEXT_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f<>]/;

function text(field: string, v: unknown, max: number, required: boolean): string | EditProblem {
  if (typeof v !== 'string') return { field, reason: 'must be text' };
  const s = v.trim();
  if (required && !s) return { field, reason: 'must not be empty' };
  if (s.length > max) return { field, reason: `at most ${max} characters` };
  if (TEXT_BAD.test(s)) return { field, reason: 'control characters and < > are not allowed' };
  return s;
}

/**
 * Applies an edit (API field names) to a feature's properties. Returns the new properties, or the first problem
 * (the field and the reason); unknown fields and fields the layer does not have are problems too.
 */
export function applyProjectEdit(layer: ProjectLayerDef, props: Record<string, unknown>, edit: unknown): { props: Record<string, unknown> } | { problem: EditProblem } {
  if (!edit || typeof edit !== 'object' || Array.isArray(edit)) return { problem: { field: 'body', reason: 'send a JSON object with status, year, capacity, name or notes' } };
  const e = edit as Record<string, unknown>;
  const keys = Object.keys(e).filter((k) => k !== 'version');
  const unknown = keys.find((k) => !(EDIT_FIELDS as readonly string[]).includes(k));
  if (unknown) return { problem: { field: unknown, reason: `not an editable field (editable: ${EDIT_FIELDS.join(', ')})` } };
  if (!keys.length) return { problem: { field: 'body', reason: 'nothing to change' } };
  const next = { ...props };
  if ('name' in e) {
    const v = text('name', e.name, 200, true);
    if (typeof v !== 'string') return { problem: v };
    next.name = v;
  }
  if ('notes' in e) {
    const v = e.notes === null ? '' : text('notes', e.notes, 10_000, false);
    if (typeof v !== 'string') return { problem: v };
    next.notes = v;
  }
  if ('capacity' in e) {
    if (!layer.capacity) return { problem: { field: 'capacity', reason: `layer ${layer.id} has no capacity` } };
    const v = e.capacity;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return { problem: { field: 'capacity', reason: 'must be a number ≥ 0 (MW)' } };
    next[layer.capacity.field] = v;
  }
  if ('status' in e) {
    if (!layer.status) return { problem: { field: 'status', reason: `layer ${layer.id} has no status` } };
    if (typeof e.status !== 'string' || !layer.status.values.includes(e.status)) return { problem: { field: 'status', reason: `must be one of ${layer.status.values.join(', ')}` } };
    next[layer.status.field] = e.status;
  }
  if ('year' in e) {
    if (!layer.year) return { problem: { field: 'year', reason: `layer ${layer.id} has no year` } };
    const v = e.year;
    if (v !== null && (typeof v !== 'number' || !Number.isInteger(v) || v < YEAR_MIN || v > YEAR_MAX)) return { problem: { field: 'year', reason: `must be a whole year from ${YEAR_MIN} to ${YEAR_MAX}${layer.year.whenDone ? ' (or null)' : ''}` } };
    next[layer.year.field] = v;
  }
  // A completion year goes with the done status: done needs a year, any other status has none.
  if (layer.status?.done && layer.year?.whenDone) {
    const done = next[layer.status.field] === layer.status.done;
    const year = next[layer.year.field];
    if (done && (year === null || year === undefined)) return { problem: { field: 'year', reason: `required when ${layer.status.field} is ${layer.status.done}` } };
    if (!done && year !== null && year !== undefined) {
      if ('year' in e && e.year !== null) return { problem: { field: 'year', reason: `only when ${layer.status.field} is ${layer.status.done} (it is ${String(next[layer.status.field])})` } };
      next[layer.year.field] = null;
    }
  }
  return { props: next };
}

/** The geometry of a new feature must be of the layer's kind. */
export function geometryKindProblem(layer: ProjectLayerDef, g: Geometry | null | undefined): string | undefined {
  if (!g) return 'a geometry is required';
  if (!(layer.geometry as string[]).includes(g.type)) return `layer ${layer.id} takes ${layer.geometry.join(' or ')}, not ${g.type}`;
  return undefined;
}
