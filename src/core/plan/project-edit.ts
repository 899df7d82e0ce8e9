// The plan's project layers as the bureau edits them (server and page share this): which file each comes from, which
// property holds its status, year and capacity, and the rules an edit must pass — the same enums and ranges the data
// README gives and the import expects. Pure: no DOM, no database.
import type { Geometry } from 'geojson';
import { apiMessageText, type ApiMessageKey, type MessageParams } from '../messages/api-messages.ts';

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

/** Why an edit is refused: the field and the reason in English (the API's `field`/`reason`), and the message key with
 * its parameters (src/core/messages/api-messages.ts) the pages show in the UI language. */
export interface EditProblem {
  field: string;
  reason: string;
  key: ApiMessageKey;
  params?: MessageParams;
}

/** The English reason is the catalogue's text without its leading "field: ". */
function problem(field: string, key: ApiMessageKey, params: MessageParams = {}): EditProblem {
  const all = { field, ...params };
  return { field, reason: apiMessageText(key, all, 'en').replace(/^[\w ]+: /, ''), key, params: all };
}

const TEXT_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f<>]/;

function text(field: string, v: unknown, max: number, required: boolean): string | EditProblem {
  if (typeof v !== 'string') return problem(field, 'project.fieldNotText');
  const s = v.trim();
  if (required && !s) return problem(field, 'project.fieldEmpty');
  if (s.length > max) return problem(field, 'project.fieldTooLong', { max });
  if (TEXT_BAD.test(s)) return problem(field, 'project.fieldChars');
  return s;
}

/**
 * Applies an edit (API field names) to a feature's properties. Returns the new properties, or the first problem
 * (the field, the reason and the message key); unknown fields and fields the layer does not have are problems too.
 * `thisYear` (the server's clock): a completion year may not lie after it.
 */
export function applyProjectEdit(layer: ProjectLayerDef, props: Record<string, unknown>, edit: unknown, thisYear = new Date().getFullYear()): { props: Record<string, unknown> } | { problem: EditProblem } {
  if (!edit || typeof edit !== 'object' || Array.isArray(edit)) return { problem: problem('body', 'project.editBody') };
  const e = edit as Record<string, unknown>;
  const keys = Object.keys(e).filter((k) => k !== 'version');
  const unknown = keys.find((k) => !(EDIT_FIELDS as readonly string[]).includes(k));
  if (unknown) return { problem: problem(unknown, 'project.notEditable') };
  if (!keys.length) return { problem: problem('body', 'project.nothingToChange') };
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
    if (!layer.capacity) return { problem: problem('capacity', 'project.noCapacity', { layer: layer.id }) };
    const v = e.capacity;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return { problem: problem('capacity', 'project.capacityInvalid') };
    next[layer.capacity.field] = v;
  }
  if ('status' in e) {
    if (!layer.status) return { problem: problem('status', 'project.noStatus', { layer: layer.id }) };
    if (typeof e.status !== 'string' || !layer.status.values.includes(e.status)) return { problem: problem('status', 'project.statusInvalid', { values: layer.status.values.join(', ') }) };
    next[layer.status.field] = e.status;
  }
  if ('year' in e) {
    if (!layer.year) return { problem: problem('year', 'project.noYear', { layer: layer.id }) };
    const v = e.year;
    if (v !== null && (typeof v !== 'number' || !Number.isInteger(v) || v < YEAR_MIN || v > YEAR_MAX)) return { problem: problem('year', 'project.yearRange', { min: YEAR_MIN, max: YEAR_MAX }) };
    next[layer.year.field] = v;
  }
  // A completion year goes with the done status: done needs a year, any other status has none.
  if (layer.status?.done && layer.year?.whenDone) {
    const done = next[layer.status.field] === layer.status.done;
    const year = next[layer.year.field];
    if (!done && year !== null && year !== undefined && 'year' in e && e.year !== null) {
      return { problem: problem('year', 'project.yearOnlyWhenDone', { statusField: layer.status.field, done: layer.status.done, status: String(next[layer.status.field]) }) };
    }
    // A completion year set now (or a feature marked done now) may not lie in the future: the work is not done yet.
    if (done && typeof year === 'number' && year > thisYear && ('year' in e || 'status' in e)) {
      return { problem: problem('year', 'project.yearInFuture', { year, max: thisYear }) };
    }
  }
  // Leaving the done status clears the completion year the edit did not set.
  if (layer.status?.done && layer.year?.whenDone && next[layer.status.field] !== layer.status.done) next[layer.year.field] = null;
  const rule = projectStateProblem(layer, next);
  if (rule) return { problem: rule };
  return { props: next };
}

/**
 * The rule a feature's whole state must keep whatever changed it (an edit or a revert): a completion year goes with
 * the done status — done needs a year, and any other status has none.
 */
export function projectStateProblem(layer: ProjectLayerDef, props: Record<string, unknown>): EditProblem | null {
  if (!layer.status?.done || !layer.year?.whenDone) return null;
  const done = props[layer.status.field] === layer.status.done;
  const year = props[layer.year.field];
  if (done && (year === null || year === undefined)) return problem('year', 'project.yearRequiredWhenDone', { statusField: layer.status.field, done: layer.status.done });
  if (!done && year !== null && year !== undefined) return problem('year', 'project.yearOnlyWhenDone', { statusField: layer.status.field, done: layer.status.done, status: String(props[layer.status.field]) });
  return null;
}

/** A property's value for comparison: missing, null and empty text are all "no value". */
export const valueKey = (v: unknown): string => JSON.stringify(v === undefined || v === '' ? null : v);

/** What one recorded change changed: the properties whose value differs, and `retired` when that flag changed. */
export function changedFields(before: { props: Record<string, unknown>; retired: boolean } | null, after: { props: Record<string, unknown>; retired: boolean }): string[] {
  if (!before) return ['retired'];
  const keys = Object.keys({ ...before.props, ...after.props }).filter((k) => valueKey(before.props[k]) !== valueKey(after.props[k])).sort();
  return before.retired !== after.retired ? [...keys, 'retired'] : keys;
}

/** The geometry of a new feature must be of the layer's kind. */
export function geometryKindProblem(layer: ProjectLayerDef, g: Geometry | null | undefined): string | undefined {
  if (!g) return 'a geometry is required';
  if (!(layer.geometry as string[]).includes(g.type)) return `layer ${layer.id} takes ${layer.geometry.join(' or ')}, not ${g.type}`;
  return undefined;
}
