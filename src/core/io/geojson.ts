// GeoJSON: FeatureCollection, a single Feature, or a bare Geometry. Also honours the legacy (2008) "crs"
// member, which Chinese GIS exports still write for GK coordinates ("urn:ogc:def:crs:EPSG::4547").
import type { Feature, Geometry } from 'geojson';
import { crsByCode } from '../geo/crs.ts';
import { ImportError, describeError, quoted } from './errors.ts';
import { decideCrs, finishImport, checkFeatureCount, type DeclaredCrs, type RawFeature } from './finish.ts';
import { checkInputSize } from './guard.ts';
import { decodeTextFile } from './text.ts';
import { resolveLimits, type ImportOptions, type ImportResult } from './types.ts';

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

function declaredCrs(fileName: string, crs: unknown): DeclaredCrs | undefined {
  if (!crs || typeof crs !== 'object') return undefined;
  const name = (crs as { properties?: { name?: unknown } }).properties?.name;
  if (typeof name !== 'string') return undefined;
  if (/CRS84$/i.test(name)) return undefined; // the RFC 7946 default
  const m = /EPSG:{1,2}(\d{4,5})$/i.exec(name);
  const def = m ? crsByCode(Number(m[1])) : undefined;
  if (!def) throw new ImportError(fileName, `unknown projection in the GeoJSON "crs" member: ${name}`);
  return { id: `EPSG:${def.code}`, name: def.name, proj4: def.proj4 };
}

/** Geometry structure problems (wrong type, coordinates not arrays) are reported per feature, not thrown. */
function geometryProblem(g: unknown): string | undefined {
  if (g === null) return undefined;
  if (!g || typeof g !== 'object') return 'geometry is not an object';
  const { type, coordinates, geometries } = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (typeof type !== 'string' || !GEOMETRY_TYPES.has(type)) return `unknown geometry type ${quoted(type)}`;
  if (type === 'GeometryCollection') return Array.isArray(geometries) ? undefined : 'GeometryCollection without "geometries"';
  const depth = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }[type] ?? 0;
  const ok = (v: unknown, d: number): boolean => (d === 0 ? Array.isArray(v) && v.length >= 2 : Array.isArray(v) && v.every((x) => ok(x, d - 1)));
  return ok(coordinates, depth) ? undefined : `${type} coordinates are not nested arrays of positions`;
}

export function importGeoJson(fileName: string, bytes: Uint8Array, options?: ImportOptions): ImportResult {
  const limits = resolveLimits(options);
  checkInputSize(fileName, bytes, limits);
  const { text, encoding } = decodeTextFile(fileName, bytes, options?.encoding);
  if (text.trim() === '') throw new ImportError(fileName, 'the file is empty');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ImportError(fileName, `not valid JSON (${describeError(e)})`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new ImportError(fileName, 'not GeoJSON: the top level is not an object');
  const top = doc as { type?: unknown; features?: unknown; crs?: unknown };
  let items: unknown[];
  if (top.type === 'FeatureCollection') {
    if (!Array.isArray(top.features)) throw new ImportError(fileName, 'not GeoJSON: FeatureCollection without a "features" array');
    items = top.features;
  } else if (top.type === 'Feature') {
    items = [top];
  } else if (typeof top.type === 'string' && GEOMETRY_TYPES.has(top.type)) {
    items = [{ type: 'Feature', properties: {}, geometry: top }];
  } else {
    throw new ImportError(fileName, `not GeoJSON: unknown top-level type "${String(top.type)}"`);
  }
  checkFeatureCount(fileName, items.length, limits);
  const features: RawFeature[] = [];
  const rejected: { index: number; why: string }[] = [];
  items.forEach((item, index) => {
    const f = item as { type?: unknown; geometry?: unknown; properties?: unknown };
    if (!f || typeof f !== 'object' || f.type !== 'Feature') {
      rejected.push({ index, why: `feature ${index}: not a GeoJSON Feature` });
      return;
    }
    const problem = geometryProblem(f.geometry ?? null);
    if (problem) {
      rejected.push({ index, why: `feature ${index}: ${problem}` });
      return;
    }
    features.push({ feature: item as Feature<Geometry | null>, index });
  });
  const { crs, warnings } = decideCrs(fileName, options, declaredCrs(fileName, top.crs), features);
  return finishImport(fileName, { features, read: items.length, rejected, encoding }, crs, warnings, limits);
}
