// `npm run data:import`: a bureau's 二类 inventory → a complete data release folder in the layout of data/ (GeoJSON,
// binary columns and geometry, tiles, public aggregates, release.json). The release is written to a temporary folder
// beside --out and moved into place only when complete, so a failed or interrupted import leaves the previous release.
import { pointOnFeature } from '@turf/turf';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Feature, Geometry, Polygon, Position } from 'geojson';
import { DEFAULT_FACTORS } from '../../src/core/carbon/factors.ts';
import { checkGeometry } from '../../src/core/geo/validate.ts';
import { NORMALISE_VERSION, normaliseStands, type NormaliseReport } from '../../src/core/inventory/normalise.ts';
import { DEFAULT_SPECIES_TABLE, parseSpeciesTable, type SpeciesTable } from '../../src/core/inventory/species.ts';
import type { TownshipRef } from '../../src/core/inventory/townships.ts';
import { importFile } from '../../src/core/io/registry.ts';
import type { ImportOptions } from '../../src/core/io/types.ts';
import { constraintLayers, planLayerFiles } from '../../src/layers/analysis-roles.ts';
import { featureAreas } from '../../src/core/plan/layers.ts';
import { LAYERS } from '../../src/layers/registry.ts';
import { buildPublicData } from '../build-public-data.ts';
import { RASTER_MANIFEST_FILE } from '../../src/core/raster/manifest.ts';
import { SAMPLE_DATA_DIR } from '../lib/data-dir.ts';
import { buildStandTiles } from '../tiles/build-stands.ts';

const PLAN_LAYER_FILES = planLayerFiles();

export const RELEASE_FILE = 'release.json';
export const RELEASE_FORMAT = 'xingguo-release-1';

export interface ImportArgs {
  stands: string;
  out: string;
  townships?: string;
  projects?: string;
  /** A folder of constraint layers (三区三线), each named after its layer: 永久基本农田.zip, ecological-redline.geojson … */
  constraints?: string;
  speciesCodes?: string;
  crs?: string;
  encoding?: string;
  /** Skip the tile step (the benchmark times it separately). */
  tiles?: boolean;
  progress?: (stage: string, done: number, total: number) => void;
}

export interface ImportReportJson {
  stands_file: string;
  out: string;
  stands_read: number;
  stands_imported: number;
  rejected: { index: number; why: string }[];
  fixed: { index: number; what: string }[];
  warnings: string[];
  crs: string;
  encoding: string | null;
  mapping: NormaliseReport['mapping'];
  unmapped_fields: string[];
  unrecognised_values: Record<string, Record<string, number>>;
  rules: string[];
  species_table: string | null;
  forest_land_mu: number;
  forest_area_mu: number;
  stock_m3: number;
  declared_vs_measured: NormaliseReport['declared_vs_measured'];
  by_township: { code: string; name: string; count: number; forest_land_mu: number; forest_area_mu: number }[];
  townships_from: string;
  projects_copied: string[];
  /** Constraint layers read from --constraints: registry id, source file, polygons written. */
  constraints_read: { layer: string; file: string; features: number }[];
  /** Constraint layers not given: written empty, so the planner says it could not check them. */
  constraints_missing: string[];
  ms: number;
}

export class ImportFailure extends Error {}

function readInput(file: string, options: ImportOptions) {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ImportFailure(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
  try {
    return { bytes, result: importFile(basename(file), bytes, options) };
  } catch (e) {
    const msg = (e as Error).message;
    throw new ImportFailure(msg.startsWith(basename(file)) ? msg.replace(basename(file), file) : `${file}: ${msg}`);
  }
}

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** True when rounding to 6 decimals would make two neighbouring positions of a ring equal. */
function roundingMerges(c: unknown): boolean {
  const list = c as unknown[];
  if (typeof (list[0] as number[])?.[0] !== 'number') return list.some(roundingMerges);
  const ring = c as Position[];
  for (let i = 1; i < ring.length; i++) if (r6(ring[i][0]) === r6(ring[i - 1][0]) && r6(ring[i][1]) === r6(ring[i - 1][1])) return true;
  return false;
}

function roundInPlace(c: unknown): void {
  const list = c as unknown[];
  if (typeof (list[0] as number[])?.[0] !== 'number') {
    for (const x of list) roundInPlace(x);
    return;
  }
  for (const p of c as Position[]) {
    p[0] = r6(p[0]);
    p[1] = r6(p[1]);
    if (p.length > 2) p.length = 2;
  }
}

/**
 * Coordinates to 6 decimals (~0.1 m) as in data/, in place (the imported geometry is ours). The importer has already
 * checked and repaired the shape; when rounding would merge two neighbouring vertices, the rounded copy is checked again
 * and used only if it passes.
 */
function rounded(g: Geometry | null): Geometry | null {
  if (!g || g.type === 'GeometryCollection' || g.type === 'Point') return g;
  if (!roundingMerges(g.coordinates)) {
    roundInPlace(g.coordinates);
    return g;
  }
  const copy = { ...g, coordinates: JSON.parse(JSON.stringify(g.coordinates)) } as Geometry;
  roundInPlace((copy as Polygon).coordinates);
  const check = checkGeometry(copy);
  return check.error ? g : check.geometry ?? copy;
}

/** One feature per line, like data/. */
function featureCollectionText(features: Feature[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

/** The same text, written in chunks (200k stands are ~130 MB of text: never held as one string). */
function writeFeatureCollection(file: string, features: readonly Feature[]): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, '{"type":"FeatureCollection","features":[\n');
    for (let i = 0; i < features.length; i += 2000) {
      const chunk = features.slice(i, i + 2000).map((f, j) => JSON.stringify(f) + (i + j + 1 < features.length ? ',\n' : '\n'));
      writeSync(fd, chunk.join(''));
    }
    writeSync(fd, ']}\n');
  } finally {
    closeSync(fd);
  }
}

/** Which constraint layer a file of a --constraints folder is: its name up to the first dot is the layer's id, its
 *  kind or its Chinese name (永久基本农田.zip, ecological-redline.geojson, urban_boundary.kml …). */
function constraintLayerOf(file: string) {
  const stem = basename(file).split('.')[0].trim();
  return constraintLayers().find((c) => c.id === stem || c.kind === stem || c.name.zh === stem);
}

const PARCEL_NAME_KEYS = ['name', 'NAME', 'MC', '名称', 'DKMC', 'TBMC'];
const PARCEL_CODE_KEYS = ['code', 'BSM', 'TBBH', 'DKBH', '编号'];

/** A folder of constraint layers → the registry's files (any supported format and CRS; polygons only). */
function constraintFiles(dir: string, tmp: string): ImportReportJson['constraints_read'] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ImportFailure(`${dir}: no such folder (--constraints)`);
  const read: ImportReportJson['constraints_read'] = [];
  const known = constraintLayers().map((c) => `${c.name.zh} / ${c.id}`).join(', ');
  for (const f of readdirSync(dir).sort()) {
    if (f.startsWith('.')) continue;
    const layer = constraintLayerOf(f);
    if (!layer) throw new ImportFailure(`${join(dir, f)}: not a constraint layer's name; name the files after their layer (${known}), e.g. 永久基本农田.zip`);
    if (read.some((r) => r.layer === layer.id)) throw new ImportFailure(`${join(dir, f)}: a second file for ${layer.name.zh} (${layer.id}); give one file per layer`);
    const path = join(dir, f);
    const { result } = readInput(path, {});
    const features = result.features.map((x, i): Feature => {
      if (x.geometry?.type !== 'Polygon' && x.geometry?.type !== 'MultiPolygon') {
        throw new ImportFailure(`${path}: feature ${result.sourceIndex[i] + 1} is a ${x.geometry?.type ?? 'feature without geometry'}; ${layer.name.zh} must be polygons`);
      }
      const p = x.properties ?? {};
      const pick = (keys: string[]) => keys.map((k) => p[k]).find((v) => typeof v === 'string' || typeof v === 'number');
      const code = pick(PARCEL_CODE_KEYS);
      return {
        type: 'Feature', id: i + 1, geometry: rounded(x.geometry) as Geometry,
        properties: { ...p, id: `${layer.id}-${i + 1}`, name: String(pick(PARCEL_NAME_KEYS) ?? `${layer.name.zh}${i + 1}`), ...(code !== undefined ? { code: String(code) } : {}) },
      };
    });
    writeFileSync(join(tmp, layer.file), featureCollectionText(features));
    read.push({ layer: layer.id, file: f, features: features.length });
  }
  return read;
}

const CODE_KEYS = ['code', 'township_code', 'XZDM', 'XIANG_DM', 'XIANG', '乡镇代码', 'ZLDWDM'];
const NAME_KEYS = ['name', 'township_name', 'XZMC', 'XIANG_MC', '乡镇', '乡镇名称', 'ZLDWMC'];

/** A township layer in any supported format → townships.geojson features (code, name) and the list stands match against. */
function townshipLayer(file: string): { features: Feature[]; list: TownshipRef[] } {
  const { result } = readInput(file, {});
  const keys = Object.keys(result.features[0]?.properties ?? {});
  const codeKey = CODE_KEYS.find((k) => keys.includes(k));
  const nameKey = NAME_KEYS.find((k) => keys.includes(k));
  if (!codeKey || !nameKey) throw new ImportFailure(`${file}: a township layer needs a code and a name field (looked for ${CODE_KEYS.join('/')} and ${NAME_KEYS.join('/')}; found ${keys.join(', ') || 'none'})`);
  const list: TownshipRef[] = [];
  const features = result.features.map((f, i): Feature => {
    const p = f.properties ?? {};
    const code = String(p[codeKey] ?? '').trim().slice(0, 9);
    const name = String(p[nameKey] ?? '').trim();
    if (!/^\d{9}$/.test(code)) throw new ImportFailure(`${file}: feature ${result.sourceIndex[i]}: township code "${code}" is not a 9-digit code`);
    list.push({ code, name });
    return { type: 'Feature', id: i + 1, geometry: rounded(f.geometry) as Geometry, properties: { ...p, id: code, code, name } };
  });
  return { features, list };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The plan layers other than stands, county and townships that a --projects folder may hold (same file names as data/). */
const PROJECT_FILES = Object.entries(PLAN_LAYER_FILES).filter(([k]) => !['stands', 'county', 'townships'].includes(k)).map(([, f]) => f);
const BASEMAP_FILES = ['neighbours.geojson', 'rivers.geojson', 'water.geojson', 'wind-turbines.geojson', 'township-labels.geojson'];

/** Every GeoJSON file the app reads from a data folder (the layer registry's sources and labels, the plan layers). */
function layoutFiles(): string[] {
  const files = new Set<string>(Object.values(PLAN_LAYER_FILES));
  for (const l of LAYERS) {
    if (l.source.file.startsWith('public/') || l.source.tiles) continue; // public/: built below; stands: tiles
    files.add(l.source.file);
    if (l.labels) files.add(l.labels.file);
  }
  for (const f of BASEMAP_FILES) files.add(f);
  return [...files].filter((f) => f !== PLAN_LAYER_FILES.stands && !f.startsWith('public/'));
}

export function importInventory(args: ImportArgs): ImportReportJson {
  const t0 = performance.now();
  const progress = args.progress ?? (() => {});
  const out = resolve(args.out);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new ImportFailure(`${out}: exists and is not a folder`);
  if (out === SAMPLE_DATA_DIR) throw new ImportFailure(`${out}: is the sample data folder; choose another --out`);
  const speciesTable: SpeciesTable = args.speciesCodes
    ? parseSpeciesTable(readFileSync(args.speciesCodes, 'utf8'), args.speciesCodes)
    : DEFAULT_SPECIES_TABLE;

  progress('read', 0, 1);
  const { bytes, result } = readInput(args.stands, { crs: args.crs, encoding: args.encoding });
  const n = result.features.length;
  if (n === 0) throw new ImportFailure(`${args.stands}: no usable stand polygons (${result.report.rejected.length} rejected)`);
  const nonPolygon = result.features.findIndex((f) => f.geometry?.type !== 'Polygon' && f.geometry?.type !== 'MultiPolygon');
  if (nonPolygon >= 0) throw new ImportFailure(`${args.stands}: feature ${result.sourceIndex[nonPolygon]} is a ${result.features[nonPolygon].geometry?.type ?? 'feature without geometry'}; stands must be polygons`);
  progress('read', n, n);

  const towns = args.townships ? townshipLayer(args.townships) : null;
  // Hash now and let go of the bytes; round the imported geometry in place (200k stands: copies cost GC time).
  const standsSource = { role: 'stands', file: basename(args.stands), bytes: bytes.length, sha256: sha256(bytes) };
  const features = result.features;
  progress('round', 0, n);
  for (const f of features) f.geometry = rounded(f.geometry);
  progress('round', n, n);
  progress('measure', 0, n);
  const areas = featureAreas(features);
  progress('measure', n, n);
  progress('normalise', 0, n);
  const { features: stands, report: norm } = normaliseStands(features, areas, { speciesTable, townships: towns?.list });
  progress('normalise', n, n);
  result.features = []; // the raw attributes are no longer needed (the stands keep what they use)

  const tmp = join(dirname(out), `.${basename(out)}.importing-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    progress('write', 0, n);
    stands.forEach((f, i) => { f.id = i + 1; });
    writeFeatureCollection(join(tmp, PLAN_LAYER_FILES.stands), stands as Feature[]);
    const county = join(SAMPLE_DATA_DIR, PLAN_LAYER_FILES.county);
    if (!existsSync(county)) throw new ImportFailure(`${county}: the built-in county outline is missing (run \`npx tsx scripts/ensure-data.ts\`)`);
    copyFileSync(county, join(tmp, PLAN_LAYER_FILES.county));
    if (towns) writeFileSync(join(tmp, PLAN_LAYER_FILES.townships), featureCollectionText(towns.features));
    if (existsSync(join(SAMPLE_DATA_DIR, 'neighbours.geojson'))) copyFileSync(join(SAMPLE_DATA_DIR, 'neighbours.geojson'), join(tmp, 'neighbours.geojson'));
    const copied: string[] = [];
    if (args.projects) {
      if (!existsSync(args.projects) || !statSync(args.projects).isDirectory()) throw new ImportFailure(`${args.projects}: no such folder`);
      for (const f of readdirSync(args.projects)) {
        if (![...PROJECT_FILES, ...BASEMAP_FILES].includes(f)) continue;
        const { result: layer } = readInput(join(args.projects, f), {});
        writeFileSync(join(tmp, f), featureCollectionText(layer.features.map((x, i) => ({ ...x, id: i + 1 })) as Feature[]));
        copied.push(f);
      }
    }
    const constraintsRead = args.constraints ? constraintFiles(args.constraints, tmp) : [];
    // township labels (one point inside each township), then every other file of the data/ layout the app reads, as an
    // empty layer when the bureau gave none: the map and the dashboard then show "nothing" instead of a load error.
    if (towns) {
      const labels = towns.features.map((f, i): Feature => ({
        type: 'Feature', id: i + 1, geometry: pointOnFeature(f as Feature<Geometry>).geometry,
        properties: { id: f.properties!.code, code: f.properties!.code, name: f.properties!.name },
      }));
      writeFileSync(join(tmp, 'township-labels.geojson'), featureCollectionText(labels));
    }
    for (const file of layoutFiles()) if (!existsSync(join(tmp, file))) writeFileSync(join(tmp, file), featureCollectionText([]));
    progress('write', n, n);

    if (args.tiles !== false) {
      progress('tiles', 0, n);
      buildStandTiles(tmp);
      progress('tiles', n, n);
    }
    progress('public', 0, 1);
    // The public build computes the stand summary (computeProgress); the report's totals come from the same one.
    const { summary } = buildPublicData({ dataDir: tmp, force: true, stands: { features: stands, areas } });
    progress('public', 1, 1);
    if (!summary) throw new Error('the public-data build returned no summary');

    const byTownship = Object.values(summary.byTownship).sort((a, b) => a.code.localeCompare(b.code))
      .map((b) => ({ code: b.code, name: b.name, count: b.count, forest_land_mu: b.area_mu, forest_area_mu: b.forest_area_mu }));
    const report: ImportReportJson = {
      stands_file: args.stands, out,
      stands_read: result.report.read,
      stands_imported: n,
      rejected: result.report.rejected,
      fixed: result.report.fixed,
      warnings: result.report.warnings,
      crs: `${result.crs.id} ${result.crs.name} (${result.crs.how})`,
      encoding: result.encoding ?? null,
      mapping: norm.mapping,
      unmapped_fields: norm.unmapped_fields,
      unrecognised_values: norm.unrecognised_values,
      rules: norm.rules,
      species_table: norm.species_table,
      forest_land_mu: summary.county.area_mu,
      forest_area_mu: summary.county.forest_area_mu,
      stock_m3: summary.county.stock_m3,
      declared_vs_measured: norm.declared_vs_measured,
      by_township: byTownship,
      townships_from: args.townships ?? 'built-in list of the 25 townships (real names and codes), matched by code or name',
      projects_copied: copied,
      constraints_read: constraintsRead,
      constraints_missing: constraintLayers().filter((c) => !constraintsRead.some((r) => r.layer === c.id)).map((c) => c.id),
      ms: 0,
    };
    const sources = [standsSource];
    for (const [role, file] of [['townships', args.townships], ['species_codes', args.speciesCodes]] as const) {
      if (file) {
        const b = readFileSync(file);
        sources.push({ role, file: basename(file), bytes: b.length, sha256: sha256(b) });
      }
    }
    for (const c of constraintsRead) {
      const b = readFileSync(join(args.constraints!, c.file));
      sources.push({ role: `constraint:${c.layer}`, file: c.file, bytes: b.length, sha256: sha256(b) });
    }
    const { ms: _ms, out: _out, ...recorded } = report;
    writeFileSync(join(tmp, RELEASE_FILE), `${JSON.stringify({
      format: RELEASE_FORMAT, created: new Date().toISOString(), sample_data: false, normalise_version: NORMALISE_VERSION,
      factors_version: DEFAULT_FACTORS.version, sources, counts: { stands: n, rejected: report.rejected.length, townships: towns?.list.length ?? null },
      ...recorded,
    }, null, 1)}\n`);
    writeFileSync(join(tmp, 'README.md'), `# Forest inventory release\n\nImported by \`npm run data:import\` from ${basename(args.stands)} on ${new Date().toISOString().slice(0, 10)}; see ${RELEASE_FILE} for sources, hashes, counts and the field mapping.\nThe county outline is the real generalised outline shipped with the app.\n`);

    // Move into place: the old release aside, the new one in, the old one removed. A crash between the two renames
    // leaves the old release at .<name>.previous-<pid>, never a half-written one at --out.
    const previous = join(dirname(out), `.${basename(out)}.previous-${process.pid}`);
    if (existsSync(out)) renameSync(out, previous);
    renameSync(tmp, out);
    // rasters added to the release with `npm run data:raster` stay: this import replaces only the inventory's files
    for (const keep of [RASTER_MANIFEST_FILE, 'rasters']) {
      if (existsSync(join(previous, keep)) && !existsSync(join(out, keep))) renameSync(join(previous, keep), join(out, keep));
    }
    rmSync(previous, { recursive: true, force: true });
    report.ms = performance.now() - t0;
    return report;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
