// The common tail of every importer: decide the CRS, enforce the size limits, reproject to lon/lat,
// then check and safely repair each geometry, recording what was fixed and what was rejected.
import type { Feature, Geometry, Position } from 'geojson';
import { fromLonLat, guessCrs, parseCrsChoice, toLonLat, type Transform } from '../geo/crs.ts';
import { positionsOf } from '../geo/positions.ts';
import { checkGeometry, countPositions } from '../geo/validate.ts';
import { ImportError, describeError, quoted } from './errors.ts';
import { crsFromWkt } from './prj.ts';
import type { CrsInfo, ImportLimits, ImportOptions, ImportResult } from './types.ts';

export interface RawFeature {
  feature: Feature<Geometry | null>;
  /** Position of the feature in the file. */
  index: number;
}

export interface RawImport {
  features: RawFeature[];
  /** Features read from the file, including ones the format reader already rejected. */
  read: number;
  rejected?: { index: number; why: string }[];
  warnings?: string[];
  encoding?: string;
}

/** Properties that name a feature, in the order planners' tools use them. */
const NAME_KEYS = ['name', '名称', 'NAME', 'Name', 'title', 'MC', 'mc', '地块名称'];

export function featureName(properties: Record<string, unknown> | null | undefined): string | undefined {
  if (!properties) return undefined;
  for (const k of NAME_KEYS) {
    const v = properties[k];
    if (v !== undefined && v !== null && String(v).trim() !== '') return String(v).trim();
  }
  return undefined;
}

// Reprojection keeps its own loops rather than geo/positions.ts mapPositions: it keeps foreign members and extra
// dimensions, and runs over every position of a 200k-stand import.
/** A ring or line through the transform: one new array per position (the transform's result). */
function mapLine(line: Position[], f: Transform): Position[] {
  const out: Position[] = new Array(line.length);
  for (let k = 0; k < line.length; k++) {
    const q = line[k];
    const r: Position = f(q[0], q[1]);
    for (let i = 2; i < q.length; i++) r.push(q[i]);
    out[k] = r;
  }
  return out;
}

function mapLines(lines: Position[][], f: Transform): Position[][] {
  const out: Position[][] = new Array(lines.length);
  for (let k = 0; k < lines.length; k++) out[k] = mapLine(lines[k], f);
  return out;
}

// Plain loops, no closure per geometry: 200k stands have millions of positions.
function mapGeometry(g: Geometry, f: Transform): Geometry {
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: mapLine([g.coordinates], f)[0] };
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: mapLine(g.coordinates, f) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: mapLines(g.coordinates, f) };
    case 'MultiPolygon': {
      const polys: Position[][][] = new Array(g.coordinates.length);
      for (let k = 0; k < polys.length; k++) polys[k] = mapLines(g.coordinates[k], f);
      return { ...g, coordinates: polys };
    }
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map((x) => mapGeometry(x, f)) };
  }
}

export interface DeclaredCrs {
  id: string;
  name: string;
  proj4: string;
}

/**
 * Decide the CRS: the user's choice wins, then what the file declares (.prj, GeoJSON crs), then a guess
 * from the numbers. `fixedDefault` is for formats that are lon/lat by definition (KML, GPX).
 */
export function decideCrs(
  fileName: string,
  options: ImportOptions | undefined,
  declared: DeclaredCrs | undefined,
  raw: RawFeature[],
  fixedDefault = false,
): { crs: CrsInfo; warnings: string[] } {
  const warnings: string[] = [];
  if (options?.crs) {
    const text = options.crs.trim();
    let choice: DeclaredCrs | undefined;
    if (/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\b/i.test(text)) {
      try {
        choice = crsFromWkt(text);
      } catch (e) {
        throw new ImportError(fileName, `the chosen CRS could not be read: ${describeError(e)}`);
      }
    } else {
      choice = parseCrsChoice(text);
    }
    if (!choice) {
      throw new ImportError(fileName, `unknown CRS "${text}"; use an EPSG code such as EPSG:4490, EPSG:4526 (CGCS2000 3° GK zone 38) or EPSG:4547 (CGCS2000 3° GK CM 114E), or a proj4 string`);
    }
    if (declared && declared.proj4 !== choice.proj4) warnings.push(`the file declares ${declared.name}; used the chosen ${choice.name} instead`);
    return { crs: { ...choice, how: 'user' }, warnings };
  }
  if (declared) return { crs: { ...declared, how: 'prj' }, warnings };
  if (fixedDefault) return { crs: { id: 'EPSG:4326', name: 'WGS 84', how: 'default' }, warnings };
  const guess = guessCrs((function* () {
    for (const r of raw) {
      try {
        for (const p of positionsOf(r.feature.geometry)) if (Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number') yield p;
      } catch {
        // malformed geometry: it is rejected later with a reason
      }
    }
  })());
  if (guess.how === 'assumed') warnings.push(guess.explanation);
  const crs: CrsInfo = { id: guess.id, name: guess.name, how: guess.how };
  if (guess.how === 'assumed') crs.proj4 = guess.proj4;
  return { crs, warnings };
}

/**
 * proj4 happily inverts nonsense (a GK northing of 9.9e9 comes out as a plausible lon/lat), so every
 * reprojected position is projected back and must land where it started.
 */
const roundTripTolerance = (v: number) => 1e-7 * Math.max(1, Math.abs(v)) + 1e-6;

function checkedTransform(def: string): Transform {
  const inverse = toLonLat(def);
  const forward = fromLonLat(def);
  return (x, y) => {
    const ll = inverse(x, y);
    const lon = ll[0], lat = ll[1];
    const back = forward(lon, lat);
    const bx = back[0], by = back[1];
    if (!(Math.abs(bx - x) <= roundTripTolerance(x) && Math.abs(by - y) <= roundTripTolerance(y))) {
      throw new Error(`coordinate (${x}, ${y}) is outside the area this CRS covers`);
    }
    return [lon, lat];
  };
}

function safeCount(g: Geometry | null): number {
  try {
    return countPositions(g);
  } catch {
    return 0;
  }
}

export function checkFeatureCount(fileName: string, count: number, limits: ImportLimits): void {
  if (count > limits.maxFeatures) {
    throw new ImportError(fileName, `more than ${limits.maxFeatures.toLocaleString('en-US')} features (the limit); split the file`);
  }
}

/** Reproject, check, repair; assemble the ImportResult. */
export function finishImport(fileName: string, raw: RawImport, crs: CrsInfo, crsWarnings: string[], limits: ImportLimits): ImportResult {
  checkFeatureCount(fileName, raw.features.length, limits);
  let vertices = 0;
  for (const r of raw.features) {
    vertices += safeCount(r.feature.geometry);
    if (vertices > limits.maxVertices) {
      throw new ImportError(fileName, `more than ${limits.maxVertices.toLocaleString('en-US')} vertices (the limit); simplify or split the file`);
    }
  }
  const transform = crs.proj4 ? checkedTransform(crs.proj4) : undefined;
  const result: ImportResult = {
    features: [],
    sourceIndex: [],
    crs,
    report: { read: raw.read, fixed: [], rejected: [...(raw.rejected ?? [])], warnings: [...crsWarnings, ...(raw.warnings ?? [])] },
  };
  if (raw.encoding) result.encoding = raw.encoding;
  // the label is only needed for a message: built when one is written
  const labelOf = (feature: Feature<Geometry | null>, index: number) => {
    const name = featureName(feature.properties);
    return `feature ${index}${name ? ` ${quoted(name)}` : ''}`;
  };
  for (const { feature, index } of raw.features) {
    let geometry = feature.geometry;
    if (geometry && transform) {
      try {
        geometry = mapGeometry(geometry, transform);
      } catch (e) {
        result.report.rejected.push({ index, why: `${labelOf(feature, index)}: cannot reproject from ${crs.name} (${describeError(e)})` });
        continue;
      }
    }
    const check = checkGeometry(geometry);
    if (check.error !== undefined) {
      const hint = transform && /out of range|not a finite/.test(check.error) ? ` after reprojecting from ${crs.name}` : '';
      result.report.rejected.push({ index, why: `${labelOf(feature, index)}: ${check.error}${hint}` });
      continue;
    }
    if (check.fixes.length) {
      const label = labelOf(feature, index);
      for (const what of check.fixes) result.report.fixed.push({ index, what: `${label}: ${what}` });
    }
    result.features.push({ ...feature, geometry: check.geometry ?? null });
    result.sourceIndex.push(index);
  }
  result.report.rejected.sort((a, b) => a.index - b.index);
  return result;
}
