// Coordinates typed or pasted into the planner: one position per line (or separated by ';'), as lon/lat (also
// "lat, lon" when the order is evident from China's ranges), as degrees-minutes-seconds (115°21′22″E 26°19′49″N,
// 115d21m22sE, 26度19分49秒 …; the hemisphere letters say which is which) or as CGCS2000 Gauss-Krüger x/y in metres.
// Surveyors write X for the northing and Y for the easting; either order is read, since the easting is the one with a
// zone prefix (8 digits) or 6 digits and the northing has 7. GK numbers go through crs.ts (zone from the prefix, or
// CM 114°E). A point label in front (J1, 界址点3) is skipped. A line that is not exactly one pair — three numbers, a
// DMS value that leaves digits unread, minutes or seconds of 60 or more — is refused naming the line, never guessed:
// `115°21'22"E 26°19'49"N` read as the numbers 115 and 21 made a 200,000 亩 sliver.
import type { Geometry, Position } from 'geojson';
import { guessCrs, toLonLat } from '../core/geo/crs.ts';
import type { PlannerTextKey } from '../ui/i18n.ts';

export interface ParsedCoords {
  geometry: Geometry;
  /** 'lonlat' or the CRS the GK numbers were read in (e.g. 'EPSG:4547'). */
  crs: string;
}

export interface CoordsError {
  /** 1-based line of the input. */
  line: number;
  /** The message (src/ui/i18n-planner-tools.ts) and its values. */
  key: PlannerTextKey;
  params: Record<string, string | number>;
}

const NUMBER = /[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g;
/** A point number in front of the pair: letters or 汉字 then digits (J1, P12, 界址点3), followed by a separator. */
const LABEL = /^\s*[A-Za-z\u4e00-\u9fff][A-Za-z\u4e00-\u9fff_-]*\d+[A-Za-z]?\s*[:：,，\s]\s*/;
/** Marks of a DMS value: degree/minute/second signs, 度分秒, or d/m/s letters right after a number. */
const DMS_MARK = /[°º˚′″'"度分秒]|\d\s*[dD](?![a-zA-Z])/;
/** One DMS value (no hemisphere): degrees with their sign, then optional minutes and seconds. */
const DMS_VALUE = /([-+]?\d+(?:\.\d+)?)\s*[°º˚度dD]\s*(?:(\d+(?:\.\d+)?)\s*(?:[′'分mM])(?!')\s*)?(?:(\d+(?:\.\d+)?)\s*(?:″|"|''|秒|[sS](?![a-zA-Z]{2})))?/g;
const HEMI = /东经|西经|北纬|南纬|[NSEWnsew东西南北]/g;
/** What may stand between the values besides the hemispheres: separators and the words lon/lat, 经度/纬度. */
const FILLER = /经度|纬度|longitude|latitude|lon|lat|[\s,，;；:：/|]/gi;

interface Pair { a: number; b: number; /** Set when hemisphere letters said which value is the longitude. */ lonFirst?: boolean }

function isLonLat(a: number, b: number): boolean {
  return Math.abs(a) <= 180 && Math.abs(b) <= 90;
}

/** Easting/northing of one GK pair in either order, or null when the numbers are not a China GK pair. */
function gkPair(a: number, b: number): [number, number] | null {
  const northing = (v: number) => v >= 1e6 && v <= 6.3e6;
  const easting = (v: number) => (v >= 1e5 && v <= 9e5) || (v >= 13e6 && v <= 46e6);
  if (easting(a) && northing(b)) return [a, b];
  if (northing(a) && easting(b)) return [b, a];
  return null;
}

const err = (line: number, key: PlannerTextKey, params: Record<string, string | number> = {}): CoordsError => ({ line, key, params });
const shown = (text: string) => text.slice(0, 60);

/**
 * Two DMS values of one line, each with its hemisphere (written before the values, N26°… E115°…, or after them,
 * 115°…E 26°…N); an error when the line holds anything else.
 */
function readDms(text: string, line: number): Pair | CoordsError {
  const found = [...text.matchAll(DMS_VALUE)];
  if (found.length !== 2) return err(line, 'coordsDmsUnread', { line, text: shown(text) });
  const values: number[] = [];
  for (const m of found) {
    const [deg, min, sec] = [Number(m[1]), m[2] === undefined ? 0 : Number(m[2]), m[3] === undefined ? 0 : Number(m[3])];
    if (min >= 60 || sec >= 60) return err(line, 'coordsDmsOutOfRange', { line, text: shown(m[0].trim()) });
    const mag = Math.abs(deg) + min / 60 + sec / 3600;
    values.push(m[1].startsWith('-') ? -mag : mag);
  }
  // The text before, between and after the two values: hemispheres and fillers only.
  const segments = [text.slice(0, found[0].index), text.slice(found[0].index! + found[0][0].length, found[1].index), text.slice(found[1].index! + found[1][0].length)];
  const hemis = segments.map((seg) => seg.match(HEMI) ?? []);
  if (hemis.some((h) => h.length > 1) || segments.some((seg) => seg.replace(HEMI, '').replace(FILLER, '') !== '')) {
    return err(line, 'coordsDmsUnread', { line, text: shown(text) });
  }
  const prefixed = hemis[0].length > 0;
  const own = prefixed ? [hemis[0][0], hemis[1][0]] : [hemis[1][0], hemis[2][0]];
  if (prefixed ? hemis[2].length > 0 : false) return err(line, 'coordsDmsUnread', { line, text: shown(text) });
  const axis = own.map((h) => (h === undefined ? null : /[EWew东西]/.test(h) ? 'lon' : 'lat'));
  const signed = values.map((v, i) => (own[i] && /[SWsw南西]/.test(own[i]!) ? -Math.abs(v) : v));
  if (axis[0] && axis[0] === axis[1]) return err(line, 'coordsDmsSameAxis', { line, text: shown(text) });
  const lonFirst = axis[0] === 'lon' || axis[1] === 'lat' ? true : axis[0] === 'lat' || axis[1] === 'lon' ? false : undefined;
  return { a: signed[0], b: signed[1], lonFirst };
}

/** One line: a pair of numbers (after an optional point label), or a pair of DMS values. */
function readLine(raw: string, line: number): Pair | CoordsError {
  const label = LABEL.exec(raw);
  const text = label && NUMBER.test(raw.slice(label[0].length)) ? raw.slice(label[0].length) : raw;
  NUMBER.lastIndex = 0;
  if (DMS_MARK.test(text)) return readDms(text, line);
  const nums = text.match(NUMBER)?.map(Number) ?? [];
  if (nums.length === 2) return { a: nums[0], b: nums[1] };
  return err(line, nums.length < 2 ? 'coordsNoPair' : 'coordsTooManyNumbers', { line, text: shown(text), count: nums.length });
}

/**
 * Reads the text into a Point (one position), a LineString (`asLine`, two or more) or a Polygon (three or more, closed
 * here if open). All positions must be of one kind (all lon/lat or all GK).
 */
export function parseCoordinates(text: string, asLine = false): ParsedCoords | CoordsError {
  const lines = text.split(/\r?\n|;|；/).map((l) => l.trim());
  const raw: (Pair & { line: number })[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i] || lines[i].startsWith('#')) continue;
    const r = readLine(lines[i], i + 1);
    if ('key' in r) return r;
    raw.push({ ...r, line: i + 1 });
  }
  if (raw.length === 0) return err(1, 'coordsNone');
  const gk = !isLonLat(raw[0].a, raw[0].b) && !isLonLat(raw[0].b, raw[0].a);
  let positions: Position[];
  let crs = 'lonlat';
  if (!gk) {
    positions = [];
    for (const r of raw) {
      // Hemisphere letters decide; else China (longitude 73–136, latitude 3–54): a pair the other way is lat, lon.
      let [lon, lat] = [r.a, r.b];
      if (r.lonFirst === false || (r.lonFirst === undefined && Math.abs(r.a) <= 90 && Math.abs(r.b) > 90 && Math.abs(r.b) <= 180)) [lon, lat] = [r.b, r.a];
      if (!isLonLat(lon, lat)) return err(r.line, 'coordsNotLonLat', { line: r.line, a: r.a, b: r.b });
      positions.push([lon, lat]);
    }
  } else {
    const pairs: Position[] = [];
    for (const r of raw) {
      const p = gkPair(r.a, r.b);
      if (!p) return err(r.line, 'coordsNotGk', { line: r.line, a: r.a, b: r.b });
      pairs.push(p);
    }
    const guess = guessCrs(pairs);
    crs = guess.id;
    const to = toLonLat(guess.proj4);
    positions = pairs.map(([e, n]) => to(e, n));
  }
  if (positions.length === 1) return { geometry: { type: 'Point', coordinates: positions[0] }, crs };
  if (asLine) return { geometry: { type: 'LineString', coordinates: positions }, crs };
  const ring = [...positions];
  const [f, l] = [ring[0], ring[ring.length - 1]];
  if (f[0] !== l[0] || f[1] !== l[1]) ring.push([...f]);
  if (ring.length < 4) return err(raw[raw.length - 1].line, 'coordsPolygonNeedsThree');
  return { geometry: { type: 'Polygon', coordinates: [ring] }, crs };
}
