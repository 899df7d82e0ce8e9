// Layers a bureau adds without touching the code: an `extra-layers.json` in its data folder holding registry entries
// (types.ts LayerDef, in JSON) beside their GeoJSON files. vite.config.ts reads it when the bureau's app is built
// (`npm start`, `npm run build`), so each entry reaches the map, the layer panel, the legend, the popups and — with
// "analysis": { "overlap": true } — every planner's site analysis, exactly like the built-in entries of registry.ts.
// "analysis": { "constraint": { "verdicts": { "光伏": "禁止", … }, "basis": { "zh", "en" } } } makes it a constraint layer
// with the bureau's own siting rules; "constraint": "permanent_farmland" (a kind of the built-in rule table) adds
// polygons the built-in rules for that kind apply to.
// The public page never reads it. Bad entries stop the build with a message naming the file, the entry and the field.
import { isSiteType, SITE_TYPES, type SiteType } from '../core/analysis/site-types.ts';
import { CONSTRAINT_KINDS, isVerdict, VERDICTS, type Verdict } from '../core/analysis/siting-rules.ts';
import type { ColourRule, ConstraintRole, LayerDef, LayerGroupId } from './types.ts';

export const EXTRA_LAYERS_FILE = 'extra-layers.json';

const GROUPS: LayerGroupId[] = ['admin', 'planning', 'forest', 'wetland', 'restoration', 'energy', 'infrastructure', 'public'];
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
  const source = v.source;
  if (!isObject(source) || typeof source.file !== 'string' || !/^[A-Za-z0-9_][A-Za-z0-9_.-]*\.geojson$/.test(source.file)) {
    throw new EntryError('"source" must be {"file": "<name>.geojson"}, a file in the same data folder');
  }
  if (typeof v.group !== 'string' || !GROUPS.includes(v.group as LayerGroupId)) throw new EntryError(`"group" must be one of ${GROUPS.join(', ')}`);
  if (v.geometry !== 'polygon' && v.geometry !== 'line' && v.geometry !== 'point') throw new EntryError('"geometry" must be "polygon", "line" or "point"');
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
      if (!hasFile(layer.source.file)) throw new EntryError(`its file ${layer.source.file} is not in the data folder`);
      taken.add(layer.id);
      return layer;
    } catch (e) {
      if (e instanceof EntryError) throw new Error(`${label}: ${e.message}`);
      throw e;
    }
  });
}
