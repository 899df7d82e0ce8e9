// GeoTIFF GeoKeys ↔ the CRS table of the vector import (src/core/geo/crs.ts). A raster is accepted only in a CRS that
// table knows — CGCS2000, Xi'an 1980 and Beijing 1954 geographic or Gauss-Krüger 3°/6° zones, WGS84 — whether the file
// names it by EPSG code or spells a user-defined Transverse Mercator out parameter by parameter (as some tools write
// GK zones). Everything else gets a message saying what the keys say, never a guess.
import { crsByCode, findGkDef, type CrsDef, type DatumKey } from '../geo/crs.ts';

/** GeoKey ids (GeoTIFF 1.1, OGC 19-008r4). */
export const GEOKEY = {
  GTModelType: 1024,
  GTRasterType: 1025,
  GTCitation: 1026,
  GeographicType: 2048,
  GeogCitation: 2049,
  GeogGeodeticDatum: 2050,
  GeogAngularUnits: 2054,
  GeogEllipsoid: 2056,
  GeogSemiMajorAxis: 2057,
  GeogInvFlattening: 2059,
  ProjectedCSType: 3072,
  PCSCitation: 3073,
  ProjCoordTrans: 3075,
  ProjLinearUnits: 3076,
  ProjNatOriginLong: 3080,
  ProjNatOriginLat: 3081,
  ProjFalseEasting: 3082,
  ProjFalseNorthing: 3083,
  ProjCenterLong: 3088,
  ProjScaleAtNatOrigin: 3092,
} as const;

const USER_DEFINED = 32767;
const MODEL_PROJECTED = 1;
const MODEL_GEOGRAPHIC = 2;
const CT_TRANSVERSE_MERCATOR = 1;
const LINEAR_METRE = 9001;
const ANGULAR_DEGREE = 9102;
const PIXEL_IS_AREA = 1;

/** Geographic CRS codes and geodetic datum codes → datum. */
const DATUM_OF_CODE: Record<number, DatumKey> = {
  4490: 'CGCS2000', 1043: 'CGCS2000',
  4610: 'XIAN1980', 6610: 'XIAN1980',
  4214: 'BEIJING1954', 6214: 'BEIJING1954',
  4326: 'WGS84', 6326: 'WGS84',
};

/** Ellipsoids by semi-major axis (for keys that give only the ellipsoid): GRS80/CGCS2000, IAG-75 (Xi'an), Krassowsky. */
function datumOfEllipsoid(a: number | undefined, invF: number | undefined): DatumKey | undefined {
  if (a === undefined) return undefined;
  if (Math.abs(a - 6378137) < 0.01) return invF !== undefined && Math.abs(invF - 298.257223563) < 1e-6 ? 'WGS84' : 'CGCS2000';
  if (Math.abs(a - 6378140) < 0.01) return 'XIAN1980';
  if (Math.abs(a - 6378245) < 0.01) return 'BEIJING1954';
  return undefined;
}

/** Keys as geotiff.js returns them: { ProjectedCSTypeGeoKey: 4547, … } (name + "GeoKey"). */
export type GeoKeyValues = Partial<Record<string, number | string | number[]>>;

const num = (keys: GeoKeyValues, name: string): number | undefined => {
  const v = keys[`${name}GeoKey`];
  const n = Array.isArray(v) ? v[0] : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

export type CrsFromKeys = { crs: CrsDef; how: string } | { crs: null; problem: string };

const known = 'the CRS table knows CGCS2000, Xi\'an 1980 and Beijing 1954 lon/lat or Gauss-Krüger 3°/6° zones, and WGS84';

/** The table's CRS the GeoKeys describe, or the reason there is none. */
export function crsFromGeoKeys(keys: GeoKeyValues | null | undefined): CrsFromKeys {
  if (!keys || Object.keys(keys).length === 0) return { crs: null, problem: `no GeoKeys (the file has no coordinate system; ${known})` };
  const model = num(keys, 'GTModelType');
  const units = num(keys, 'ProjLinearUnits');
  if (units !== undefined && units !== LINEAR_METRE && units !== USER_DEFINED) {
    return { crs: null, problem: `linear unit code ${units} is not metres (${known})` };
  }
  const projected = num(keys, 'ProjectedCSType');
  if (projected !== undefined && projected !== USER_DEFINED) {
    const def = crsByCode(projected);
    if (!def || def.kind === 'geographic') return { crs: null, problem: `projected CRS EPSG:${projected} is not in the CRS table (${known})` };
    return { crs: def, how: `ProjectedCSTypeGeoKey EPSG:${projected}` };
  }
  const geographic = num(keys, 'GeographicType');
  const datumCode = num(keys, 'GeogGeodeticDatum');
  const datum = (geographic !== undefined ? DATUM_OF_CODE[geographic] : undefined)
    ?? (datumCode !== undefined ? DATUM_OF_CODE[datumCode] : undefined)
    ?? datumOfEllipsoid(num(keys, 'GeogSemiMajorAxis'), num(keys, 'GeogInvFlattening'));
  if (model === MODEL_GEOGRAPHIC || (model === undefined && projected === undefined)) {
    if (geographic !== undefined && geographic !== USER_DEFINED) {
      const def = crsByCode(geographic);
      if (!def || def.kind !== 'geographic') return { crs: null, problem: `geographic CRS EPSG:${geographic} is not in the CRS table (${known})` };
      return { crs: def, how: `GeographicTypeGeoKey EPSG:${geographic}` };
    }
    if (!datum) return { crs: null, problem: `a user-defined geographic CRS on an unknown datum (${known})` };
    const code = { WGS84: 4326, CGCS2000: 4490, XIAN1980: 4610, BEIJING1954: 4214 }[datum];
    return { crs: crsByCode(code)!, how: `user-defined geographic CRS on the ${datum} datum` };
  }
  if (model !== MODEL_PROJECTED) return { crs: null, problem: `GTModelTypeGeoKey ${model} is neither projected nor geographic` };
  // A user-defined projected CRS: only Transverse Mercator with k = 1 and no false northing (Gauss-Krüger).
  const method = num(keys, 'ProjCoordTrans');
  if (method !== CT_TRANSVERSE_MERCATOR) return { crs: null, problem: `user-defined projection method ${method ?? '(none)'} is not Transverse Mercator (${known})` };
  if (!datum) return { crs: null, problem: `user-defined Transverse Mercator on an unknown datum (${known})` };
  const cm = num(keys, 'ProjNatOriginLong') ?? num(keys, 'ProjCenterLong');
  const fe = num(keys, 'ProjFalseEasting') ?? 0;
  const fn = num(keys, 'ProjFalseNorthing') ?? 0;
  const k = num(keys, 'ProjScaleAtNatOrigin') ?? 1;
  const lat0 = num(keys, 'ProjNatOriginLat') ?? 0;
  if (cm === undefined) return { crs: null, problem: 'user-defined Transverse Mercator without a central meridian' };
  if (k !== 1 || fn !== 0 || lat0 !== 0 || datum === 'WGS84') {
    return { crs: null, problem: `Transverse Mercator (CM ${cm}°, k ${k}, false northing ${fn}, datum ${datum}) is not a Gauss-Krüger zone of the CRS table (${known})` };
  }
  const def = findGkDef(datum, cm, fe, Number.isInteger(cm / 3) && !Number.isInteger((cm + 3) / 6) ? 'gk3' : 'gk6');
  if (!def) return { crs: null, problem: `Gauss-Krüger CM ${cm}° with false easting ${fe} on ${datum} is not a zone of the CRS table (${known})` };
  return { crs: def, how: `user-defined Gauss-Krüger, recognised as EPSG:${def.code}` };
}

/** One GeoKey entry to write: a SHORT value, or a DOUBLE/ASCII parameter. */
export interface GeoKeyEntry {
  id: number;
  value: number | string;
  /** Written to GeoDoubleParams (34736) rather than inline. */
  double?: boolean;
}

/** The keys that declare `crs` by its EPSG code (GDAL, QGIS and geotiff.js all resolve these), pixel-is-area. */
export function geoKeysFor(crs: CrsDef): GeoKeyEntry[] {
  if (crs.kind === 'geographic') {
    return [
      { id: GEOKEY.GTModelType, value: MODEL_GEOGRAPHIC },
      { id: GEOKEY.GTRasterType, value: PIXEL_IS_AREA },
      { id: GEOKEY.GeographicType, value: crs.code },
      { id: GEOKEY.GeogAngularUnits, value: ANGULAR_DEGREE },
    ];
  }
  return [
    { id: GEOKEY.GTModelType, value: MODEL_PROJECTED },
    { id: GEOKEY.GTRasterType, value: PIXEL_IS_AREA },
    { id: GEOKEY.ProjectedCSType, value: crs.code },
    { id: GEOKEY.ProjLinearUnits, value: LINEAR_METRE },
  ];
}
