// Coordinates typed or pasted into the planner: one position per line (or separated by ';'), as lon/lat (also
// "lat, lon" when the order is evident from China's ranges) or as CGCS2000 Gauss-Krüger x/y in metres. Surveyors write
// X for the northing and Y for the easting; either order is read, since the easting is the one with a zone prefix
// (8 digits) or 6 digits and the northing has 7. GK numbers go through crs.ts (zone from the prefix, or CM 114°E).
import type { Geometry, Position } from 'geojson';
import { guessCrs, toLonLat } from '../core/geo/crs.ts';

export interface ParsedCoords {
  geometry: Geometry;
  /** 'lonlat' or the CRS the GK numbers were read in (e.g. 'EPSG:4547'). */
  crs: string;
  crsName: string;
}

export interface CoordsError {
  /** 1-based line of the input. */
  line: number;
  zh: string;
  en: string;
}

const NUMBER = /[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g;

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

/**
 * Reads the text into a Point (one position), a LineString (`asLine`, two or more) or a Polygon (three or more, closed
 * here if open). All positions must be of one kind (all lon/lat or all GK).
 */
export function parseCoordinates(text: string, asLine = false): ParsedCoords | CoordsError {
  const lines = text.split(/\r?\n|;/).map((l) => l.trim());
  const raw: { line: number; a: number; b: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i] || lines[i].startsWith('#')) continue;
    const nums = lines[i].match(NUMBER)?.map(Number) ?? [];
    if (nums.length < 2) {
      return { line: i + 1, zh: `第 ${i + 1} 行没有两个数：“${lines[i].slice(0, 40)}”。每行写一个点，如 115.35, 26.33`, en: `Line ${i + 1} has no pair of numbers: "${lines[i].slice(0, 40)}". Write one point per line, e.g. 115.35, 26.33` };
    }
    raw.push({ line: i + 1, a: nums[0], b: nums[1] });
  }
  if (raw.length === 0) return { line: 1, zh: '没有坐标。每行写一个点：经度, 纬度 或 X, Y（CGCS2000 高斯-克吕格，米）', en: 'No coordinates. One point per line: lon, lat or X, Y (CGCS2000 Gauss-Krüger, metres)' };
  const gk = !isLonLat(raw[0].a, raw[0].b) && !isLonLat(raw[0].b, raw[0].a);
  let positions: Position[];
  let crs = 'lonlat';
  let crsName = 'WGS84/CGCS2000 经纬度';
  if (!gk) {
    positions = [];
    for (const r of raw) {
      // China: longitude 73–136, latitude 3–54; a pair in the other order is read as lat, lon.
      let [lon, lat] = [r.a, r.b];
      if (Math.abs(r.a) <= 90 && Math.abs(r.b) > 90 && Math.abs(r.b) <= 180) [lon, lat] = [r.b, r.a];
      if (!isLonLat(lon, lat)) {
        return { line: r.line, zh: `第 ${r.line} 行不是经纬度：${r.a}, ${r.b}（其他行是经纬度）`, en: `Line ${r.line} is not lon/lat: ${r.a}, ${r.b} (the other lines are)` };
      }
      positions.push([lon, lat]);
    }
  } else {
    const pairs: Position[] = [];
    for (const r of raw) {
      const p = gkPair(r.a, r.b);
      if (!p) {
        return { line: r.line, zh: `第 ${r.line} 行既不是经纬度也不是高斯-克吕格坐标：${r.a}, ${r.b}。X/Y 以米为单位，东坐标 6 位或带 2 位带号`, en: `Line ${r.line} is neither lon/lat nor Gauss-Krüger: ${r.a}, ${r.b}. X/Y are metres; the easting has 6 digits or a 2-digit zone prefix` };
      }
      pairs.push(p);
    }
    const guess = guessCrs(pairs);
    crs = guess.id;
    crsName = guess.name;
    const to = toLonLat(guess.proj4);
    positions = pairs.map(([e, n]) => to(e, n));
  }
  if (positions.length === 1) return { geometry: { type: 'Point', coordinates: positions[0] }, crs, crsName };
  if (asLine) return { geometry: { type: 'LineString', coordinates: positions }, crs, crsName };
  const ring = [...positions];
  const [f, l] = [ring[0], ring[ring.length - 1]];
  if (f[0] !== l[0] || f[1] !== l[1]) ring.push([...f]);
  if (ring.length < 4) return { line: raw[raw.length - 1].line, zh: '多边形至少需要 3 个不同的点', en: 'A polygon needs at least 3 distinct points' };
  return { geometry: { type: 'Polygon', coordinates: [ring] }, crs, crsName };
}
