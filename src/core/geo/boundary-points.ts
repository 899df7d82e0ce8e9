// 界址点坐标表: a site's boundary points in CGCS2000 3° Gauss-Krüger (the zone of the site's centre; X the northing, Y
// the easting with the zone prefix, metres), as land-use applications list them: each ring's points numbered J1, J2 …
// clockwise starting from its north-west point (the vertex nearest the north-west corner of the ring's box), the
// outer ring of each part first, then its holes, numbering on; and each side's plane length to the next point.
// Pure: lon/lat in, a table out; the CSV beside it for spreadsheets and survey software.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { toCsv } from '../table/csv.ts';
import { findGkDef, fromLonLat } from './crs.ts';
import { bboxOf } from './positions.ts';

export interface BoundaryPoint {
  /** 1-based, across the whole site (J1 …). */
  no: number;
  /** 1-based part of a MultiPolygon. */
  part: number;
  /** 0 for the outer ring, k for the k-th hole. */
  ring: number;
  /** Northing, metres. */
  x: number;
  /** Easting with the zone prefix (38 xxx xxx.xxx), metres. */
  y: number;
  /** Plane distance to the next point of the same ring, metres. */
  side_m: number;
}

export interface BoundaryTable {
  zone: number;
  epsg: number;
  points: BoundaryPoint[];
}

/** Twice the signed area in (easting, northing): negative for a clockwise ring. */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [a, b] = [ring[i], ring[(i + 1) % ring.length]];
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s;
}

/** The ring's points (no closing repeat), clockwise, starting from the point nearest the north-west box corner. */
export function clockwiseFromNorthWest(ring: Position[]): Position[] {
  const open = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.slice(0, -1) : [...ring];
  const cw = signedArea2(open) > 0 ? open.reverse() : open;
  // Loops, not Math.min(...spread): a surveyed ring can hold more points than a call has arguments.
  let west = Infinity, north = -Infinity;
  for (const p of cw) { if (p[0] < west) west = p[0]; if (p[1] > north) north = p[1]; }
  let start = 0;
  for (let i = 1; i < cw.length; i++) {
    if (Math.hypot(cw[i][0] - west, cw[i][1] - north) < Math.hypot(cw[start][0] - west, cw[start][1] - north)) start = i;
  }
  return [...cw.slice(start), ...cw.slice(0, start)];
}

export function boundaryPoints(g: Polygon | MultiPolygon): BoundaryTable {
  const box = bboxOf(g)!;
  const zone = Math.round((box[0] + box[2]) / 2 / 3);
  const def = findGkDef('CGCS2000', zone * 3, zone * 1e6 + 500000, 'gk3')!;
  const project = fromLonLat(def.proj4);
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  // Parts from north to south (then west to east), each projected to (easting, northing).
  const parts = polygons.map((rings) => rings.map((r) => r.map((p) => project(p[0], p[1]) as Position)))
    .map((rings) => ({ rings, top: rings[0].reduce((m, p) => Math.max(m, p[1]), -Infinity), left: rings[0].reduce((m, p) => Math.min(m, p[0]), Infinity) }))
    .sort((a, b) => b.top - a.top || a.left - b.left);
  const points: BoundaryPoint[] = [];
  parts.forEach(({ rings }, pi) => {
    rings.forEach((ring, ri) => {
      const pts = clockwiseFromNorthWest(ring);
      pts.forEach((p, k) => {
        const q = pts[(k + 1) % pts.length];
        points.push({ no: points.length + 1, part: pi + 1, ring: ri, x: p[1], y: p[0], side_m: Math.hypot(q[0] - p[0], q[1] - p[1]) });
      });
    });
  });
  return { zone, epsg: def.code, points };
}

/** The table as CSV (UTF-8 with BOM, bilingual headers like the sites CSV): X/Y to the millimetre, sides to the cm. */
export function boundaryPointsCsv(t: BoundaryTable, siteName: string): string {
  const r = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;
  return toCsv(t.points, [
    { header: '地块 site', value: () => siteName },
    { header: '点号 point', value: (p) => `J${p.no}` },
    { header: '部分 part', value: (p) => p.part },
    { header: '环 ring', value: (p) => (p.ring === 0 ? '外环 outer' : `内环 hole ${p.ring}`) },
    { header: 'X(北) northing_m', value: (p) => r(p.x, 3) },
    { header: 'Y(东) easting_m', value: (p) => r(p.y, 3) },
    { header: '带号 zone', value: () => t.zone },
    { header: 'EPSG', value: () => t.epsg },
    { header: '边长(米) side_m', value: (p) => r(p.side_m, 2) },
  ]);
}
