// Coordinate systems planners' files come in: WGS84, CGCS2000 and its Gauss-Krüger zones, and the older
// Xi'an 1980 and Beijing 1954 GK zones. proj4 does the maths; this module only knows the definitions,
// how to reproject to lon/lat, and how to guess a GK zone from the size of the numbers when no .prj exists.
import proj4 from 'proj4';

export type DatumKey = 'WGS84' | 'CGCS2000' | 'XIAN1980' | 'BEIJING1954';

/**
 * proj4 ellipsoid + datum-shift parameters per datum.
 * CGCS2000 uses the GRS80 ellipsoid and coincides with WGS84 to a few centimetres, so no shift is applied.
 * Beijing 1954: EPSG's 3-parameter "Beijing 1954 to WGS 84 (2)" shift, good to a few metres.
 * Xi'an 1980: EPSG publishes no shift to WGS84; we convert between ellipsoids with a zero shift. Positions are
 * therefore APPROXIMATE (errors of tens of metres are possible); areas and lengths are affected far less
 * (a translation does not change areas; the ellipsoid change alters them by ~1e-6).
 */
const DATUM_PROJ4: Record<DatumKey, string> = {
  WGS84: '+datum=WGS84',
  CGCS2000: '+ellps=GRS80',
  XIAN1980: '+a=6378140 +rf=298.257 +towgs84=0,0,0,0,0,0,0',
  BEIJING1954: '+ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0',
};

const DATUM_NAMES: Record<DatumKey, string> = {
  WGS84: 'WGS 84',
  CGCS2000: 'CGCS2000',
  XIAN1980: 'Xian 1980',
  BEIJING1954: 'Beijing 1954',
};

export type CrsKind = 'geographic' | 'gk3' | 'gk6' | 'other';

export interface CrsDef {
  code: number;
  name: string;
  proj4: string;
  datum: DatumKey;
  kind: CrsKind;
  /** Central meridian (GK zones). */
  cm?: number;
  /** Zone number when the false easting carries it (e.g. 38500000). */
  zone?: number;
}

export function gkProj4(datum: DatumKey, cm: number, falseEasting: number): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${falseEasting} +y_0=0 ${DATUM_PROJ4[datum]} +units=m +no_defs`;
}

function geographic(code: number, datum: DatumKey): CrsDef {
  return { code, name: DATUM_NAMES[datum], proj4: `+proj=longlat ${DATUM_PROJ4[datum]} +no_defs`, datum, kind: 'geographic' };
}

/** 3° zones 25–45 (CM 75°…135°) and 6° zones 13–23 (CM 75°…135°), each with and without the zone prefix. */
function gkFamily(datum: DatumKey, codes: { gk6Zone: number; gk6Cm: number; gk3Zone: number; gk3Cm: number }): CrsDef[] {
  const defs: CrsDef[] = [];
  const d = DATUM_NAMES[datum];
  for (let i = 0; i <= 10; i++) {
    const zone = 13 + i;
    const cm = 6 * zone - 3;
    defs.push({ code: codes.gk6Zone + i, name: `${d} / Gauss-Kruger zone ${zone}`, proj4: gkProj4(datum, cm, zone * 1e6 + 500000), datum, kind: 'gk6', cm, zone });
    defs.push({ code: codes.gk6Cm + i, name: `${d} / Gauss-Kruger CM ${cm}E`, proj4: gkProj4(datum, cm, 500000), datum, kind: 'gk6', cm });
  }
  for (let i = 0; i <= 20; i++) {
    const zone = 25 + i;
    const cm = 3 * zone;
    defs.push({ code: codes.gk3Zone + i, name: `${d} / 3-degree Gauss-Kruger zone ${zone}`, proj4: gkProj4(datum, cm, zone * 1e6 + 500000), datum, kind: 'gk3', cm, zone });
    defs.push({ code: codes.gk3Cm + i, name: `${d} / 3-degree Gauss-Kruger CM ${cm}E`, proj4: gkProj4(datum, cm, 500000), datum, kind: 'gk3', cm });
  }
  return defs;
}

function utmNorth(): CrsDef[] {
  const defs: CrsDef[] = [];
  for (let zone = 1; zone <= 60; zone++) {
    defs.push({ code: 32600 + zone, name: `WGS 84 / UTM zone ${zone}N`, proj4: `+proj=utm +zone=${zone} +datum=WGS84 +units=m +no_defs`, datum: 'WGS84', kind: 'other' });
  }
  return defs;
}

/** Every CRS we know by EPSG code. */
export const CRS_DEFS: readonly CrsDef[] = [
  geographic(4326, 'WGS84'),
  geographic(4490, 'CGCS2000'),
  geographic(4610, 'XIAN1980'),
  geographic(4214, 'BEIJING1954'),
  ...gkFamily('CGCS2000', { gk6Zone: 4491, gk6Cm: 4502, gk3Zone: 4513, gk3Cm: 4534 }),
  ...gkFamily('XIAN1980', { gk6Zone: 2327, gk6Cm: 2338, gk3Zone: 2349, gk3Cm: 2370 }),
  ...gkFamily('BEIJING1954', { gk6Zone: 21413, gk6Cm: 21453, gk3Zone: 2401, gk3Cm: 2422 }),
  {
    code: 3857,
    name: 'WGS 84 / Pseudo-Mercator',
    proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
    datum: 'WGS84',
    kind: 'other',
  },
  ...utmNorth(),
];

const BY_CODE = new Map(CRS_DEFS.map((d) => [d.code, d]));

export function crsByCode(code: number): CrsDef | undefined {
  return BY_CODE.get(code);
}

export function datumProj4(datum: DatumKey): string {
  return DATUM_PROJ4[datum];
}

export function datumName(datum: DatumKey): string {
  return DATUM_NAMES[datum];
}

/** Find the EPSG entry whose GK definition matches these parameters (datum, CM, false easting). */
export function findGkDef(datum: DatumKey, cm: number, falseEasting: number, prefer: 'gk3' | 'gk6'): CrsDef | undefined {
  const matches = CRS_DEFS.filter(
    (d) => d.datum === datum && (d.kind === 'gk3' || d.kind === 'gk6') && d.cm === cm &&
      (d.zone === undefined ? falseEasting === 500000 : falseEasting === d.zone * 1e6 + 500000),
  );
  return matches.find((d) => d.kind === prefer) ?? matches[0];
}

/** True when a proj4 definition is already lon/lat with no datum shift to apply (WGS84, CGCS2000). */
export function isPlainLonLat(def: string): boolean {
  return /\+proj=longlat\b/.test(def) && !/\+towgs84=/.test(def);
}

export type Transform = (x: number, y: number) => [number, number];

const WGS84_DEF = '+proj=longlat +datum=WGS84 +no_defs';

/** A function projecting (x, y) in `def` to WGS84 lon/lat (≈ CGCS2000). */
export function toLonLat(def: string): Transform {
  if (isPlainLonLat(def)) return (x, y) => [x, y];
  const converter = proj4(def, WGS84_DEF);
  // proj4 returns a new two-element array for a two-element one: no copy needed (millions of positions in an import)
  return (x, y) => converter.forward([x, y]) as [number, number];
}

/** Inverse of toLonLat: WGS84 lon/lat to `def` (used by writers and tests). */
export function fromLonLat(def: string): Transform {
  if (isPlainLonLat(def)) return (x, y) => [x, y];
  const converter = proj4(WGS84_DEF, def);
  return (x, y) => converter.forward([x, y]) as [number, number];
}

/**
 * Parse a user's CRS choice: 'EPSG:4526', '4526', or a proj4 string. Returns undefined if unknown.
 * (WKT is handled by the .prj reader in core/io.)
 */
export function parseCrsChoice(text: string): { id: string; name: string; proj4: string } | undefined {
  const t = text.trim();
  const code = /^(?:epsg:)?(\d{4,5})$/i.exec(t);
  if (code) {
    const def = crsByCode(Number(code[1]));
    return def && { id: `EPSG:${def.code}`, name: def.name, proj4: def.proj4 };
  }
  if (t.startsWith('+proj=')) {
    try {
      proj4(t, WGS84_DEF); // throws on definitions proj4 cannot use
    } catch {
      return undefined;
    }
    return { id: 'custom', name: t, proj4: t };
  }
  return undefined;
}

/** Central meridian assumed for plain 6-digit GK eastings: 兴国县 lies at ~115.4°E, in 3° zone 38 (CM 114°E). */
export const DEFAULT_GK_CM = 114;

export interface CrsGuess {
  id: string;
  name: string;
  proj4: string;
  /** 'default' for lon/lat, 'assumed' for a GK guess. */
  how: 'default' | 'assumed';
  /** False when the numbers fit no known pattern (read as WGS84 anyway; range checks will catch them). */
  recognised: boolean;
  /** What was assumed and why, for the import report. */
  explanation: string;
}

type PositionClass = 'lonlat' | 'gk3zone' | 'gk6zone' | 'gkplain' | 'other';

function classify(x: number, y: number): { cls: PositionClass; zone?: number } {
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) return { cls: 'lonlat' };
  // Northings of China (≈ 9°N…56°N) on a GK grid.
  const northingOk = y >= 1e6 && y <= 6.3e6;
  if (!northingOk) return { cls: 'other' };
  const zone = Math.floor(x / 1e6);
  const inZone = x - zone * 1e6;
  if (zone >= 25 && zone <= 45 && inZone >= 200000 && inZone <= 800000) return { cls: 'gk3zone', zone };
  if (zone >= 13 && zone <= 23 && inZone >= 100000 && inZone <= 900000) return { cls: 'gk6zone', zone };
  if (x >= 100000 && x <= 900000) return { cls: 'gkplain' };
  return { cls: 'other' };
}

/**
 * Guess the CRS of coordinates that came without one, from the size of the numbers:
 * lon/lat → WGS84; an 8-digit easting with a zone prefix → CGCS2000 GK zone; a 6-digit easting with a
 * China-sized northing → CGCS2000 3° GK with CM `defaultCm`. Returns the majority class over all positions
 * so a few stray points do not decide. CGCS2000 is assumed for GK numbers since it is the national datum
 * since 2008; Xi'an 1980 / Beijing 1954 data must be declared by the user.
 */
export function guessCrs(positions: Iterable<readonly number[]>, defaultCm = DEFAULT_GK_CM): CrsGuess {
  const counts: Record<PositionClass, number> = { lonlat: 0, gk3zone: 0, gk6zone: 0, gkplain: 0, other: 0 };
  const zones = new Map<number, number>();
  for (const p of positions) {
    const { cls, zone } = classify(p[0], p[1]);
    counts[cls]++;
    if (zone !== undefined) zones.set(zone, (zones.get(zone) ?? 0) + 1);
  }
  const best = (Object.keys(counts) as PositionClass[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), 'lonlat');
  const wgs84 = crsByCode(4326)!;
  if (best === 'lonlat' || best === 'other' || counts[best] === 0) {
    return {
      id: 'EPSG:4326', name: wgs84.name, proj4: wgs84.proj4, how: 'default', recognised: best === 'lonlat',
      explanation: best === 'other' && counts.other > 0
        ? 'no CRS given and the coordinates are neither lon/lat nor Gauss-Krüger; read as WGS84 lon/lat'
        : 'no CRS given; coordinates look like lon/lat, read as WGS84',
    };
  }
  if (best === 'gkplain') {
    const def = findGkDef('CGCS2000', defaultCm, 500000, 'gk3')!;
    return {
      id: `EPSG:${def.code}`, name: def.name, proj4: def.proj4, how: 'assumed', recognised: true,
      explanation: `no CRS given; 6-digit eastings look like Gauss-Krüger without a zone number: assumed ${def.name} ` +
        `(EPSG:${def.code}, central meridian ${defaultCm}°E). If the data use another zone or datum, choose the CRS explicitly`,
    };
  }
  const zone = [...zones.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const kind = best === 'gk3zone' ? 'gk3' : 'gk6';
  const cm = kind === 'gk3' ? 3 * zone : 6 * zone - 3;
  const def = findGkDef('CGCS2000', cm, zone * 1e6 + 500000, kind)!;
  return {
    id: `EPSG:${def.code}`, name: def.name, proj4: def.proj4, how: 'assumed', recognised: true,
    explanation: `no CRS given; eastings carry zone prefix ${zone}: assumed ${def.name} (EPSG:${def.code}, ` +
      `central meridian ${cm}°E). If the data are Xi'an 1980 or Beijing 1954, choose the CRS explicitly`,
  };
}
