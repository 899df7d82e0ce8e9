// Layers a bureau adds without touching the code: an `extra-layers.json` in its data folder holding registry entries
// (types.ts LayerDef, in JSON) beside their GeoJSON files. vite.config.ts reads it when the bureau's app is built
// (`npm start`, `npm run build`), so each entry reaches the map, the layer panel, the legend, the popups and — with
// "analysis": { "overlap": true } — every planner's site analysis, exactly like the built-in entries of registry.ts.
// "analysis": { "constraint": { "verdicts": { "光伏": "禁止", … }, "basis": { "zh", "en" } } } makes it a constraint layer
// with the bureau's own siting rules; "constraint": "permanent_farmland" (a kind of the built-in rule table) adds
// polygons the built-in rules for that kind apply to.
// The public page never reads it. Bad entries stop the build with a message naming the file, the entry and the field.
// An entry with "geometry": "raster" declares an intranet tile service instead (an orthophoto cache, 天地图 政务版):
//   {"id": "dom-2023", "name": {"zh": …, "en": …}, "geometry": "raster", "audience": "internal",
//    "source": {"type": "xyz", "tiles": "http://10.8.0.5/dom/{z}/{x}/{y}.png", "attribution": "…", "minzoom": 8, "maxzoom": 18},
//    "raster": {"kind": "imagery", "year": 2023}}
// ("type": "wmts" takes a RESTful or KVP template with {TileMatrix}, {TileRow}, {TileCol} of a Web Mercator matrix set).
// The bureau page's Content-Security-Policy then allows exactly the origins of these templates (scripts/vite/extra-layers.ts);
// without such an entry the app requests nothing outside its own origin.
import { isSiteType, SITE_TYPES, type SiteType } from '../core/analysis/site-types.ts';
import { CONSTRAINT_KINDS, isVerdict, VERDICTS, type Verdict } from '../core/analysis/siting-rules.ts';
import type { ColourRule, ConstraintRole, LayerDef, LayerGroupId, LayerRaster, RasterSource } from './types.ts';

export const EXTRA_LAYERS_FILE = 'extra-layers.json';

const GROUPS: LayerGroupId[] = ['admin', 'planning', 'forest', 'wetland', 'restoration', 'energy', 'infrastructure', 'public', 'imagery'];
const COLOUR = /^(#[0-9a-fA-F]{3,8}|rgba?\([\d\s.,%]+\))$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class EntryError extends Error {}

function text(v: unknown, where: string): { zh: string; en: string } {
  if (!isObject(v) || typeof v.zh !== 'string' || !v.zh.trim() || typeof v.en !== 'string' || !v.en.trim()) {
    throw new EntryError(`${where} needs a Chinese and an English text, e.g. {"zh": "名称", "en": "Name"}`);
  }
  return { zh: v.zh, en: v.en };
}

function colour(v: unknown, where: string): string {
  if (typeof v !== 'string' || !COLOUR.test(v.trim())) throw new EntryError(`${where} is not a colour (#rrggbb or rgb()/rgba())`);
  return v;
}

function colourRule(v: unknown, where: string): ColourRule {
  if (!isObject(v)) throw new EntryError(`${where} must be an object with "kind": "single", "categorical" or "steps"`);
  if (v.kind === 'single') return { kind: 'single', colour: colour(v.colour, `${where}.colour`) };
  if (typeof v.property !== 'string' || !v.property) throw new EntryError(`${where}.property must name a feature property`);
  if (v.kind === 'categorical') {
    if (!Array.isArray(v.values) || v.values.length === 0) throw new EntryError(`${where}.values must list at least one {"value", "colour"}`);
    const values = v.values.map((x, i) => {
      if (!isObject(x) || !['string', 'number', 'boolean'].includes(typeof x.value)) throw new EntryError(`${where}.values[${i}] needs a "value" (text, number or true/false)`);
      return { value: x.value as string | number | boolean, colour: colour(x.colour, `${where}.values[${i}].colour`), ...(x.label ? { label: text(x.label, `${where}.values[${i}].label`) } : {}) };
    });
    return { kind: 'categorical', property: v.property, values, fallback: colour(v.fallback ?? '#9e9e9e', `${where}.fallback`) };
  }
  if (v.kind === 'steps') {
    const breaks = v.breaks;
    if (!Array.isArray(breaks) || breaks.some((b, i) => typeof b !== 'number' || !Number.isFinite(b) || (i > 0 && b <= (breaks[i - 1] as number)))) {
      throw new EntryError(`${where}.breaks must be increasing numbers`);
    }
    if (!Array.isArray(v.colours) || v.colours.length !== breaks.length + 1) throw new EntryError(`${where}.colours must hold one colour more than breaks (${breaks.length + 1})`);
    return {
      kind: 'steps', property: v.property, breaks: breaks as number[],
      colours: v.colours.map((c, i) => colour(c, `${where}.colours[${i}]`)), missing: colour(v.missing ?? '#cfd8dc', `${where}.missing`),
    };
  }
  throw new EntryError(`${where}.kind must be "single", "categorical" or "steps"`);
}

const num = (v: unknown, where: string, min: number, max: number): number => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new EntryError(`${where} must be a number from ${min} to ${max}`);
  return v;
};

/** The tile URL template of an intranet service, checked, as MapLibre's {z}/{x}/{y} template. */
function tileTemplate(type: unknown, tiles: unknown): string {
  if (typeof tiles !== 'string') throw new EntryError('"source.tiles" must be the tile URL template');
  let url: URL;
  try {
    url = new URL(tiles.replace(/[{}]/g, ''));
  } catch {
    throw new EntryError(`"source.tiles" is not an absolute URL: ${tiles}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new EntryError('"source.tiles" must be an http:// or https:// URL');
  if (url.username || url.password) throw new EntryError('"source.tiles" must not carry a user name or password (the page would show them to every user)');
  if (type === 'xyz') {
    if (!['{z}', '{x}', '{y}'].every((p) => tiles.includes(p))) throw new EntryError('"source.tiles" of an xyz service needs {z}, {x} and {y}');
    return tiles;
  }
  if (type === 'wmts') {
    if (!['{TileMatrix}', '{TileRow}', '{TileCol}'].every((p) => tiles.includes(p))) throw new EntryError('"source.tiles" of a wmts service needs {TileMatrix}, {TileRow} and {TileCol}');
    return tiles.replace('{TileMatrix}', '{z}').replace('{TileRow}', '{y}').replace('{TileCol}', '{x}');
  }
  throw new EntryError('"source.type" must be "xyz" or "wmts"');
}

/** An intranet tile service (geometry 'raster'). */
function rasterEntry(v: Json, id: string): LayerDef {
  const source = isObject(v.source) ? v.source : {};
  if (v.audience !== 'public' && v.audience !== 'internal') throw new EntryError('"audience" must be "public" or "internal"');
  const tiles = tileTemplate(source.type, source.tiles);
  if (typeof source.attribution !== 'string' || !source.attribution.trim()) throw new EntryError('"source.attribution" must say whose tiles these are (shown on the map)');
  const minzoom = num(source.minzoom ?? 0, '"source.minzoom"', 0, 24);
  const maxzoom = num(source.maxzoom ?? 18, '"source.maxzoom"', minzoom, 24);
  const tileSize = source.tileSize === undefined ? 256 : source.tileSize === 256 || source.tileSize === 512 ? source.tileSize : (() => { throw new EntryError('"source.tileSize" must be 256 or 512'); })();
  let bounds: [number, number, number, number] | undefined;
  if (source.bounds !== undefined) {
    const b = source.bounds;
    if (!Array.isArray(b) || b.length !== 4 || b.some((x) => typeof x !== 'number') || b[0] >= b[2] || b[1] >= b[3]) throw new EntryError('"source.bounds" must be [west, south, east, north] in degrees');
    bounds = b as [number, number, number, number];
  }
  const r = isObject(v.raster) ? v.raster : {};
  if (r.kind !== 'imagery' && r.kind !== 'categorical' && r.kind !== 'continuous') throw new EntryError('"raster.kind" must be "imagery", "categorical" or "continuous"');
  const year = r.year === undefined || r.year === null ? null : num(r.year, '"raster.year"', 1900, 2100);
  const raster: LayerRaster = { kind: r.kind, year, opacity: num(r.opacity ?? 1, '"raster.opacity"', 0, 1) };
  const rs: RasterSource = { type: 'xyz', tiles, attribution: source.attribution, minzoom, maxzoom, tileSize, ...(bounds ? { bounds } : {}) };
  return {
    id, name: text(v.name, '"name"'), group: 'imagery', source: { file: '', raster: rs }, geometry: 'raster', style: {},
    popup: { title: '', fields: [] }, audience: v.audience, visible: v.visible === true, raster,
    ...(v.note ? { note: text(v.note, '"note"') } : {}),
  };
}

/** The origins (scheme://host:port) the added tile services are fetched from: what the page's CSP must allow. */
export function extraLayerOrigins(layers: readonly LayerDef[]): string[] {
  const origins = layers.flatMap((l) => (l.source.raster?.type === 'xyz' ? [new URL(l.source.raster.tiles.replace(/[{}]/g, '')).origin] : []));
  return [...new Set(origins)].sort();
}

/** "constraint": a built-in kind, or the bureau's verdicts per site type with an optional citation. */
function constraintRole(v: unknown, id: string): ConstraintRole {
  if (typeof v === 'string') {
    if (!(CONSTRAINT_KINDS as readonly string[]).includes(v)) throw new EntryError(`"analysis.constraint" must be one of ${CONSTRAINT_KINDS.join(', ')} or {"verdicts": {…}}`);
    return { kind: v };
  }
  if (!isObject(v) || !isObject(v.verdicts)) throw new EntryError('"analysis.constraint" must be a built-in kind or {"verdicts": {"光伏": "禁止", …}, "basis": {"zh", "en"}}');
  const verdicts: Partial<Record<SiteType, Verdict>> = {};
  for (const [type, verdict] of Object.entries(v.verdicts)) {
    if (!isSiteType(type)) throw new EntryError(`"analysis.constraint.verdicts": "${type}" is not a site type (${SITE_TYPES.join(', ')})`);
    if (!isVerdict(verdict)) throw new EntryError(`"analysis.constraint.verdicts.${type}" must be one of ${VERDICTS.join(', ')}`);
    verdicts[type] = verdict;
  }
  return { kind: id, verdicts, ...(v.basis !== undefined ? { basis: text(v.basis, '"analysis.constraint.basis"') } : {}) };
}

function entry(v: unknown, taken: Set<string>): LayerDef {
  if (!isObject(v)) throw new EntryError('is not an object');
  const id = v.id;
  if (typeof id !== 'string' || !/^[a-z][a-z0-9-]{1,40}$/.test(id)) throw new EntryError('"id" must be lower-case letters, digits and hyphens, starting with a letter');
  if (taken.has(id)) throw new EntryError(`"id" ${id} is already a layer`);
  if (v.geometry === 'raster') return rasterEntry(v, id);
  const source = v.source;
  if (!isObject(source) || typeof source.file !== 'string' || !/^[A-Za-z0-9_][A-Za-z0-9_.-]*\.geojson$/.test(source.file)) {
    throw new EntryError('"source" must be {"file": "<name>.geojson"}, a file in the same data folder');
  }
  if (typeof v.group !== 'string' || !GROUPS.includes(v.group as LayerGroupId)) throw new EntryError(`"group" must be one of ${GROUPS.join(', ')}`);
  if (v.geometry !== 'polygon' && v.geometry !== 'line' && v.geometry !== 'point') throw new EntryError('"geometry" must be "polygon", "line", "point" or "raster"');
  if (v.audience !== 'public' && v.audience !== 'internal') throw new EntryError('"audience" must be "public" or "internal"');
  const style = isObject(v.style) ? v.style : {};
  const rule = (key: 'fill' | 'lineColour' | 'circleColour') => (style[key] === undefined ? {} : { [key]: colourRule(style[key], `"style.${key}"`) });
  const num = (key: string) => (typeof style[key] === 'number' ? { [key]: style[key] } : {});
  const popup = isObject(v.popup) ? v.popup : {};
  const fields = Array.isArray(popup.fields) ? popup.fields : [];
  const analysis = isObject(v.analysis) ? v.analysis : {};
  if (analysis.plan !== undefined) throw new EntryError('"analysis.plan" is for the built-in plan layers; an added layer may have "analysis": {"overlap": true} or {"constraint": …}');
  if (analysis.overlap !== undefined && v.geometry !== 'polygon') throw new EntryError('"analysis.overlap" needs polygons');
  if (analysis.constraint !== undefined && v.geometry !== 'polygon') throw new EntryError('"analysis.constraint" needs polygons');
  const role = {
    ...(analysis.overlap === true ? { overlap: true } : {}),
    ...(analysis.constraint !== undefined ? { constraint: constraintRole(analysis.constraint, id) } : {}),
  };
  return {
    id, name: text(v.name, '"name"'), group: v.group as LayerGroupId, source: { file: source.file }, geometry: v.geometry,
    audience: v.audience, visible: v.visible === true,
    ...(v.note ? { note: text(v.note, '"note"') } : {}),
    ...(typeof v.townshipKey === 'string' ? { townshipKey: v.townshipKey } : {}),
    style: {
      ...rule('fill'), ...rule('lineColour'), ...rule('circleColour'), ...num('fillOpacity'), ...num('lineWidth'), ...num('circleRadius'),
      ...(style.outline !== undefined ? { outline: colour(style.outline, '"style.outline"') } : {}),
    },
    popup: {
      title: typeof popup.title === 'string' ? popup.title : 'name',
      fields: fields.map((x, i) => {
        if (!isObject(x) || typeof x.key !== 'string') throw new EntryError(`"popup.fields[${i}]" needs a "key"`);
        return { key: x.key, label: text(x.label, `"popup.fields[${i}].label"`), ...(typeof x.format === 'string' ? { format: x.format as never } : {}) };
      }),
    },
    ...(Object.keys(role).length ? { analysis: role } : {}),
  };
}

/**
 * The entries of an extra-layers.json text, checked. `file` names the file in messages; `registryIds` are the ids already
 * taken; `hasFile` says whether a source file exists in the data folder.
 */
export function parseExtraLayers(textIn: string, file: string, registryIds: Iterable<string>, hasFile: (name: string) => boolean): LayerDef[] {
  let json: unknown;
  try {
    json = JSON.parse(textIn);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const list = isObject(json) && Array.isArray(json.layers) ? json.layers : json;
  if (!Array.isArray(list)) throw new Error(`${file}: expected {"layers": [ … ]} (a list of layer entries)`);
  const taken = new Set(registryIds);
  return list.map((v, i) => {
    const label = `${file}: layer ${i + 1}${isObject(v) && typeof v.id === 'string' ? ` ("${v.id}")` : ''}`;
    try {
      const layer = entry(v, taken);
      if (layer.geometry !== 'raster' && !hasFile(layer.source.file)) throw new EntryError(`its file ${layer.source.file} is not in the data folder`);
      taken.add(layer.id);
      return layer;
    } catch (e) {
      if (e instanceof EntryError) throw new Error(`${label}: ${e.message}`);
      throw e;
    }
  });
}
