// Zipped ESRI Shapefile: .shp (geometry) + .dbf (attributes) + .shx (index) + .prj (CRS) + optional .cpg (encoding).
import type { Feature, Geometry } from 'geojson';
import { DbfError, dbfEncoding, parseDbf } from './dbf.ts';
import { ImportError, describeError, quoted } from './errors.ts';
import { decideCrs, finishImport, type DeclaredCrs, type RawFeature } from './finish.ts';
import { checkInputSize } from './guard.ts';
import { crsFromWkt } from './prj.ts';
import { ShpError, parseShp, shxRecordCount } from './shp.ts';
import { entryBase, entryExt, readZip } from './zip.ts';
import { resolveLimits, type ImportOptions, type ImportResult } from './types.ts';

export interface ShapefileParts {
  /** Base name used in messages ("plots" for plots.shp). */
  base: string;
  shp: Uint8Array;
  dbf: Uint8Array;
  shx?: Uint8Array;
  prj?: Uint8Array;
  cpg?: Uint8Array;
}

const PART_EXTS = new Set(['.shp', '.shx', '.dbf', '.prj', '.cpg']);

/** Import from the separate files of a shapefile (used for zips and for loose files on disk). */
export function importShapefileParts(fileName: string, parts: ShapefileParts, options?: ImportOptions): ImportResult {
  const limits = resolveLimits(options);
  const { base } = parts;
  let shp;
  try {
    shp = parseShp(parts.shp);
  } catch (e) {
    if (e instanceof ShpError) throw new ImportError(fileName, `${base}.shp: ${e.message}`);
    throw e;
  }
  const warnings = [...shp.warnings];
  if (!parts.shx) warnings.push(`no ${base}.shx index; read ${base}.shp sequentially`);
  else {
    const n = shxRecordCount(parts.shx);
    if (n !== undefined && n !== shp.records.length) warnings.push(`${base}.shx lists ${n} records, ${base}.shp holds ${shp.records.length}`);
  }
  const cpgText = parts.cpg ? new TextDecoder('utf-8').decode(parts.cpg) : undefined;
  const encoding = dbfEncoding(parts.dbf, cpgText, options?.encoding);
  if (options?.encoding && encoding.how !== 'chosen by the user') throw new ImportError(fileName, `unknown text encoding "${options.encoding}"; use gbk or utf-8`);
  if (cpgText && !encoding.how.startsWith('from the .cpg') && !options?.encoding) warnings.push(`${base}.cpg names an unknown encoding ${quoted(cpgText.trim())}; ignored`);
  if (encoding.how.startsWith('detected')) warnings.push(`attribute text read as ${encoding.label.toUpperCase()}, ${encoding.how}`);
  let dbf;
  try {
    dbf = parseDbf(parts.dbf, encoding.label);
  } catch (e) {
    if (e instanceof DbfError) throw new ImportError(fileName, `${base}.dbf: ${e.message}`);
    throw e;
  }
  warnings.push(...dbf.warnings);
  if (dbf.records.length !== shp.records.length) {
    warnings.push(`${base}.dbf has ${dbf.records.length} records, ${base}.shp has ${shp.records.length}; unmatched shapes get no attributes`);
  }

  let declared: DeclaredCrs | undefined;
  if (parts.prj) {
    const text = new TextDecoder('utf-8').decode(parts.prj).trim();
    try {
      declared = crsFromWkt(text);
    } catch (e) {
      // A user's explicit CRS makes an unreadable .prj irrelevant.
      if (!options?.crs) throw new ImportError(fileName, `unknown projection in ${base}.prj: ${describeError(e)}`);
    }
  }

  const features: RawFeature[] = [];
  const rejected: { index: number; why: string }[] = [];
  let deleted = 0;
  for (const rec of shp.records) {
    const attrs = dbf.records[rec.index];
    if (attrs === null) {
      deleted++;
      continue;
    }
    if (rec.error) {
      rejected.push({ index: rec.index, why: `feature ${rec.index}: ${rec.error}` });
      continue;
    }
    if (rec.notes) for (const n of rec.notes) warnings.push(`feature ${rec.index}: ${n}`);
    const feature: Feature<Geometry | null> = { type: 'Feature', properties: attrs ?? {}, geometry: rec.geometry };
    features.push({ feature, index: rec.index });
  }
  if (deleted) warnings.push(`skipped ${deleted} record${deleted > 1 ? 's' : ''} marked deleted in ${base}.dbf`);
  const { crs, warnings: crsWarnings } = decideCrs(fileName, options, declared, features);
  if (!parts.prj && !options?.crs) crsWarnings.unshift(`no ${base}.prj`);
  return finishImport(fileName, { features, read: shp.records.length, rejected, warnings, encoding: encoding.label }, crs, crsWarnings, limits);
}

/** Import a zipped shapefile. */
export function importShapefileZip(fileName: string, bytes: Uint8Array, options?: ImportOptions): ImportResult {
  const limits = resolveLimits(options);
  checkInputSize(fileName, bytes, limits);
  const { entries, names } = readZip(fileName, bytes, limits, (n) => PART_EXTS.has(entryExt(n)), 'a zipped shapefile with .shp, .shx and .dbf');
  const shps = [...entries.keys()].filter((n) => entryExt(n) === '.shp').sort();
  if (shps.length === 0) {
    const listed = names.filter((n) => !n.endsWith('/')).slice(0, 8).join(', ') || 'nothing';
    throw new ImportError(fileName, `the zip holds no .shp file (found: ${listed})`);
  }
  const pick = (base: string, ext: string) => [...entries.entries()].find(([n]) => entryBase(n) === base && entryExt(n) === ext)?.[1];
  const shpName = shps[0];
  const base = entryBase(shpName);
  const display = shpName.slice(0, -4);
  const dbf = pick(base, '.dbf');
  if (!dbf) throw new ImportError(fileName, `the zip holds ${shpName} but no ${display}.dbf (a shapefile needs .shp, .shx and .dbf)`);
  const result = importShapefileParts(fileName, { base: display, shp: entries.get(shpName)!, dbf, shx: pick(base, '.shx'), prj: pick(base, '.prj'), cpg: pick(base, '.cpg') }, options);
  if (shps.length > 1) result.report.warnings.unshift(`the zip holds ${shps.length} shapefiles; read ${shpName} only (others: ${shps.slice(1).join(', ')})`);
  return result;
}
