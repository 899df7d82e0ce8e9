// Scans a public build folder for internal data: stand ids, stand attribute names, stand files and the files of
// registry layers marked internal; for the internal layer registry itself (its layers' ids and names); and for code the
// page must not carry (drawing and import tools, deck.gl, charts). Used by test/unit/public-build.test.ts (in
// `npm test`), the browser runner and the server's publish step.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LAYERS } from '../../layers/registry.ts';
import type { LayerDef } from '../../layers/types.ts';

/** Stand ids are `${township_code}-${lin_ban}-${xiao_ban}`, e.g. 360732100-012-034 (兴国 codes start 360732). */
export const STAND_ID = /3607321\d\d-\d{1,4}-\d{1,4}/;

/** Attribute names only the stand (小班) schema uses; a public file never needs them. Matched as whole words ('canopy' and
 *  'carbon_afforestation' are left out: a plain word of the method notes and a plan-target id). */
export const STAND_FIELDS = [
  'lin_ban', 'xiao_ban', 'stock_m3', 'pine_wilt', 'land_class', 'age_group', 'upgrade_type', 'upgrade_year',
  'oil_tea_work', 'oil_tea_year', 'afforestation_year', 'township_name', 'species_raw',
];
const FIELD_RE = new RegExp(`(?<![A-Za-z0-9_])(${STAND_FIELDS.join('|')})(?![A-Za-z0-9_])`);

/** Files of every registry layer marked internal (today: stands.geojson and its thematic views). */
export function internalFiles(layers: LayerDef[] = LAYERS): string[] {
  const pub = new Set(layers.filter((l) => l.audience === 'public').flatMap((l) => [l.source.file, l.labels?.file]));
  return [...new Set(layers.filter((l) => l.audience === 'internal').map((l) => l.source.file))].filter((f) => !pub.has(f));
}

/**
 * Strings only the internal registry entries hold: their Chinese and English names, and their ids unless the id is a
 * plain word ("stands" is also ordinary English). Found in a public file, they mean internal-registry.ts (or a bureau's
 * internal extra layer) was bundled into the page.
 */
export function internalRegistryMarkers(layers: LayerDef[] = LAYERS): string[] {
  const pub = new Set(layers.filter((l) => l.audience === 'public').flatMap((l) => [l.id, l.name.zh, l.name.en]));
  return [...new Set(layers.filter((l) => l.audience === 'internal').flatMap((l) => [/^[a-z]+$/.test(l.id) ? '' : l.id, l.name.zh, l.name.en]))]
    .filter((m) => m.length > 0 && !pub.has(m));
}

/** Code the public page must not ship: drawing (terra-draw), file import (togeojson), deck.gl/luma.gl and charts. */
export const FORBIDDEN_CODE = ['TerraDraw', 'togeojson', 'deck.gl', 'luma.gl', 'echarts'];

/** Tile folders of registry layers marked internal (the stands reach the bureau's map as prebuilt vector tiles). */
export function internalTileDirs(layers: LayerDef[] = LAYERS): string[] {
  const dirs = layers.filter((l) => l.audience === 'internal').map((l) => l.source.tiles?.dir).filter((d): d is string => !!d);
  const pub = new Set(layers.filter((l) => l.audience === 'public').map((l) => l.source.tiles?.dir));
  return [...new Set(dirs)].filter((d) => !pub.has(d));
}

const TEXT = /\.(js|mjs|css|html|json|geojson|txt|map|svg)$/i;

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

export interface Finding {
  file: string;
  problem: string;
}

/** `extraLayers`: layers a bureau added (src/layers/extra-layers.ts), checked like the registry's own. */
export function scanPublicBuild(dir: string, extraLayers: LayerDef[] = []): { files: string[]; findings: Finding[] } {
  const files = listFiles(dir);
  const findings: Finding[] = [];
  const layers = [...LAYERS, ...extraLayers];
  const internal = internalFiles(layers);
  const tileDirs = internalTileDirs(layers);
  const markers = internalRegistryMarkers(layers);
  for (const rel of files) {
    const base = path.posix.basename(rel);
    if (/^stands.*\.geojson$/i.test(base) || (rel.startsWith('data/') && /stand/i.test(base))) findings.push({ file: rel, problem: 'a stand file is in the build' });
    if (internal.includes(base)) findings.push({ file: rel, problem: `${base} is an internal layer file` });
    for (const d of tileDirs) if (rel.startsWith(`data/${d}/`)) findings.push({ file: rel, problem: `a tile of the internal layer tiles ${d}` });
    if (!TEXT.test(rel)) continue;
    const text = readFileSync(path.join(dir, rel), 'utf8');
    const id = text.match(STAND_ID);
    if (id) findings.push({ file: rel, problem: `stand id ${id[0]}` });
    const field = text.match(FIELD_RE);
    if (field) findings.push({ file: rel, problem: `stand attribute name "${field[1]}" near …${text.slice(Math.max(0, field.index! - 40), field.index! + 40)}…` });
    for (const f of [...internal, ...tileDirs]) if (text.includes(f)) findings.push({ file: rel, problem: `mentions the internal layer file ${f}` });
    if (/\.(m?js|html)$/.test(rel)) for (const m of markers) if (text.includes(m)) findings.push({ file: rel, problem: `holds "${m}" of the internal layer registry` });
    if (/\.m?js$/.test(rel)) for (const c of FORBIDDEN_CODE) if (text.includes(c)) findings.push({ file: rel, problem: `holds ${c} code (drawing, import, deck.gl or charts)` });
  }
  return { files, findings };
}
