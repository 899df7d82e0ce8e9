// Reads a .prj (ESRI or OGC WKT1, and the common WKT2 keywords) by its parameters — projection method,
// central meridian, false easting, spheroid — rather than by exact name, because every tool spells the same
// CRS differently ("CGCS2000_3_Degree_GK_Zone_38", "CGCS2000 / 3-degree Gauss-Kruger zone 38", …).
import { crsByCode, datumName, datumProj4, findGkDef, type DatumKey } from '../geo/crs.ts';

interface WktNode {
  key: string;
  args: (string | number | WktNode)[];
}

/** Parse WKT into a tree. Throws Error with a short reason on malformed text. */
export function parseWkt(text: string): WktNode {
  let i = 0;
  const s = text.trim();
  const skip = () => {
    while (i < s.length && /[\s,]/.test(s[i])) i++;
  };
  const node = (depth: number): WktNode => {
    if (depth > 50) throw new Error('WKT nested too deeply');
    skip();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i, i + 64));
    if (!m) throw new Error(`expected a keyword at character ${i}`);
    i += m[0].length;
    skip();
    const open = s[i];
    if (open !== '[' && open !== '(') return { key: m[0].toUpperCase(), args: [] };
    const close = open === '[' ? ']' : ')';
    i++;
    const args: WktNode['args'] = [];
    for (;;) {
      skip();
      if (i >= s.length) throw new Error('unexpected end of WKT');
      const c = s[i];
      if (c === close) {
        i++;
        break;
      }
      if (c === '"') {
        const end = s.indexOf('"', i + 1);
        if (end < 0) throw new Error('unterminated string in WKT');
        args.push(s.slice(i + 1, end));
        i = end + 1;
      } else if (/[-+.\d]/.test(c)) {
        const num = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(i, i + 40));
        if (!num) throw new Error(`bad number at character ${i}`);
        args.push(Number(num[0]));
        i += num[0].length;
      } else {
        args.push(node(depth + 1));
      }
    }
    return { key: m[0].toUpperCase(), args };
  };
  const root = node(0);
  return root;
}

function children(n: WktNode): WktNode[] {
  return n.args.filter((a): a is WktNode => typeof a === 'object');
}

function findFirst(n: WktNode, keys: string[]): WktNode | undefined {
  if (keys.includes(n.key)) return n;
  for (const c of children(n)) {
    const f = findFirst(c, keys);
    if (f) return f;
  }
  return undefined;
}

function findAll(n: WktNode, key: string, out: WktNode[] = []): WktNode[] {
  if (n.key === key) out.push(n);
  for (const c of children(n)) findAll(c, key, out);
  return out;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function nameOf(n: WktNode | undefined): string {
  return n && typeof n.args[0] === 'string' ? n.args[0] : '';
}

/** Recognise the datum by spheroid size first (names vary), then by name. */
function datumOf(root: WktNode): { datum?: DatumKey; a?: number; rf?: number; text: string } {
  const sph = findFirst(root, ['SPHEROID', 'ELLIPSOID']);
  const a = sph && typeof sph.args[1] === 'number' ? sph.args[1] : undefined;
  const rf = sph && typeof sph.args[2] === 'number' ? sph.args[2] : undefined;
  const text = [nameOf(root), nameOf(findFirst(root, ['DATUM'])), nameOf(sph), nameOf(findFirst(root, ['GEOGCS', 'BASEGEOGCRS', 'GEOGCRS']))].join(' ');
  const t = norm(text);
  const byName = (): DatumKey | undefined => {
    if (/cgcs|2000|chinageodetic/.test(t)) return 'CGCS2000';
    if (/xian|1980|iag1975|iag75/.test(t)) return 'XIAN1980';
    if (/beijing|1954|krass/.test(t)) return 'BEIJING1954';
    if (/wgs84|wgs1984/.test(t)) return 'WGS84';
    return undefined;
  };
  let datum: DatumKey | undefined;
  if (a !== undefined) {
    if (Math.abs(a - 6378137) < 0.5) datum = rf !== undefined && Math.abs(rf - 298.257223563) < 1e-6 ? 'WGS84' : 'CGCS2000';
    else if (Math.abs(a - 6378140) < 0.5) datum = 'XIAN1980';
    else if (Math.abs(a - 6378245) < 0.5) datum = 'BEIJING1954';
    // A GRS80/WGS84-sized spheroid named like CGCS2000 is CGCS2000; the two differ by 0.1 mm anyway.
    if (datum === 'WGS84' && byName() === 'CGCS2000') datum = 'CGCS2000';
  } else {
    datum = byName();
  }
  return { datum, a, rf, text };
}

/** Parameter values by normalised name; WKT1 PARAMETER["central_meridian",114], WKT2 PARAMETER["Longitude of natural origin",114,…]. */
function parameters(root: WktNode): Map<string, number> {
  const map = new Map<string, number>();
  const alias: Record<string, string> = {
    centralmeridian: 'lon_0', longitudeofnaturalorigin: 'lon_0', longitudeofcenter: 'lon_0', longitudeoforigin: 'lon_0', longitudeoffalseorigin: 'lon_0',
    falseeasting: 'x_0', eastingatfalseorigin: 'x_0',
    falsenorthing: 'y_0', northingatfalseorigin: 'y_0',
    scalefactor: 'k', scalefactoratnaturalorigin: 'k',
    latitudeoforigin: 'lat_0', latitudeofnaturalorigin: 'lat_0', latitudeofcenter: 'lat_0', latitudeoffalseorigin: 'lat_0',
    standardparallel1: 'lat_1', latitudeof1ststandardparallel: 'lat_1',
    standardparallel2: 'lat_2', latitudeof2ndstandardparallel: 'lat_2',
  };
  for (const p of findAll(root, 'PARAMETER')) {
    const key = alias[norm(nameOf(p))];
    if (key && typeof p.args[1] === 'number') map.set(key, p.args[1]);
  }
  return map;
}

/** Metres per linear unit of a projected CRS (WKT1 UNIT directly under PROJCS, WKT2 LENGTHUNIT). */
function linearUnit(root: WktNode): number {
  const direct = children(root).find((c) => c.key === 'UNIT');
  const unit = direct ?? findFirst(root, ['LENGTHUNIT']);
  return unit && typeof unit.args[1] === 'number' && unit.args[1] > 0 ? unit.args[1] : 1;
}

export interface PrjCrs {
  id: string;
  name: string;
  proj4: string;
}

/** Turn .prj text into a proj4 definition. Throws Error('unknown projection …') when it cannot. */
export function crsFromWkt(text: string): PrjCrs {
  const root = parseWkt(text);
  const name = nameOf(root) || root.key;
  const { datum, a, rf } = datumOf(root);
  const ellps = datum ? datumProj4(datum) : a && rf ? `+a=${a} +rf=${rf}` : undefined;
  if (!ellps) throw new Error(`unknown projection (unrecognised datum/spheroid) "${name}"`);

  if (['GEOGCS', 'GEOGCRS', 'GEODCRS', 'BASEGEOGCRS'].includes(root.key)) {
    const code = datum === 'WGS84' ? 4326 : datum === 'CGCS2000' ? 4490 : datum === 'XIAN1980' ? 4610 : datum === 'BEIJING1954' ? 4214 : undefined;
    const def = code ? crsByCode(code)! : undefined;
    return def ? { id: `EPSG:${def.code}`, name: def.name, proj4: def.proj4 } : { id: 'custom', name, proj4: `+proj=longlat ${ellps} +no_defs` };
  }
  if (!['PROJCS', 'PROJCRS'].includes(root.key)) throw new Error(`unknown projection: "${root.key}" is not a coordinate system`);

  const method = norm(nameOf(findFirst(root, ['PROJECTION', 'METHOD'])));
  const p = parameters(root);
  const toMeter = linearUnit(root);
  const units = Math.abs(toMeter - 1) < 1e-12 ? '+units=m' : `+to_meter=${toMeter}`;
  const get = (k: string, d: number) => p.get(k) ?? d;
  const common = `+lon_0=${get('lon_0', 0)} +x_0=${get('x_0', 0) * toMeter} +y_0=${get('y_0', 0) * toMeter}`;

  if (/^(transversemercator|gausskruger|gaussian|tmerc)/.test(method)) {
    const cm = get('lon_0', NaN);
    const fe = get('x_0', 0) * toMeter;
    const known = datum && toMeter === 1 && get('k', 1) === 1 && get('lat_0', 0) === 0 && get('y_0', 0) === 0
      ? findGkDef(datum, cm, fe, /(^|[^0-9])3[\s_-]*(deg|度)/i.test(name) ? 'gk3' : cm % 6 === 3 ? 'gk6' : 'gk3')
      : undefined;
    if (known) return { id: `EPSG:${known.code}`, name: known.name, proj4: known.proj4 };
    if (!Number.isFinite(cm)) throw new Error(`unknown projection: no central meridian in "${name}"`);
    const label = datum ? `${datumName(datum)} / Transverse Mercator CM ${cm}E` : name;
    return { id: 'custom', name: label, proj4: `+proj=tmerc +lat_0=${get('lat_0', 0)} ${common} +k=${get('k', 1)} ${ellps} ${units} +no_defs` };
  }
  if (/mercatorauxiliarysphere|pseudomercator|webmercator/.test(method)) {
    const def = crsByCode(3857)!;
    return { id: 'EPSG:3857', name: def.name, proj4: def.proj4 };
  }
  if (/^mercator/.test(method)) {
    return { id: 'custom', name, proj4: `+proj=merc ${common} +k=${get('k', 1)} ${p.has('lat_1') ? `+lat_ts=${p.get('lat_1')}` : ''} ${ellps} ${units} +no_defs` };
  }
  if (/^albers/.test(method) || /^lambertconformalconic/.test(method)) {
    const proj = /^albers/.test(method) ? 'aea' : 'lcc';
    const lat1 = get('lat_1', get('lat_0', 0));
    return { id: 'custom', name, proj4: `+proj=${proj} +lat_0=${get('lat_0', 0)} +lat_1=${lat1} +lat_2=${get('lat_2', lat1)} ${common} ${ellps} ${units} +no_defs` };
  }
  throw new Error(`unknown projection "${nameOf(findFirst(root, ['PROJECTION', 'METHOD'])) || '(none)'}" in "${name}"`);
}

/** ESRI-style WKT for an entry of the CRS table, as ArcGIS writes .prj files (used by the shapefile writer). */
export function wktForCode(code: number): string {
  const def = crsByCode(code);
  if (!def) throw new Error(`no WKT for EPSG:${code}`);
  const sph: Record<DatumKey, [string, string, number, number]> = {
    WGS84: ['GCS_WGS_1984', 'D_WGS_1984', 6378137, 298.257223563],
    CGCS2000: ['GCS_China_Geodetic_Coordinate_System_2000', 'D_China_2000', 6378137, 298.257222101],
    XIAN1980: ['GCS_Xian_1980', 'D_Xian_1980', 6378140, 298.257],
    BEIJING1954: ['GCS_Beijing_1954', 'D_Beijing_1954', 6378245, 298.3],
  };
  const [gcs, datum, a, rf] = sph[def.datum];
  const spheroidName = { WGS84: 'WGS_1984', CGCS2000: 'CGCS2000', XIAN1980: 'Xian_1980', BEIJING1954: 'Krasovsky_1940' }[def.datum];
  const geog = `GEOGCS["${gcs}",DATUM["${datum}",SPHEROID["${spheroidName}",${a},${rf}]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`;
  if (def.kind === 'geographic') return geog;
  if (def.kind === 'other') throw new Error(`no WKT writer for ${def.name}`);
  const prefix = { WGS84: 'WGS_1984', CGCS2000: 'CGCS2000', XIAN1980: 'Xian_1980', BEIJING1954: 'Beijing_1954' }[def.datum];
  const deg = def.kind === 'gk3' ? '3_Degree_' : '';
  const name = def.zone !== undefined ? `${prefix}_${deg}GK_Zone_${def.zone}` : `${prefix}_${deg}GK_CM_${def.cm}E`;
  const fe = def.zone !== undefined ? def.zone * 1e6 + 500000 : 500000;
  return `PROJCS["${name}",${geog},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${fe.toFixed(1)}],` +
    `PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${def.cm!.toFixed(1)}],PARAMETER["Scale_Factor",1.0],` +
    `PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
}
