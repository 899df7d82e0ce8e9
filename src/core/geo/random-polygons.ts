// Seeded random polygons for tests and benchmarks: star-shaped rings (simple, never self-intersecting in lon/lat),
// optional holes inside the star's inner radius, and "stand-like" parcels sized like Xingguo's forest stands (小班).
// Pure and deterministic: the same seed gives the same polygons on every machine.
import type { Polygon, Position } from 'geojson';

import { mulberry32 } from '../random.ts';

/** The project's one seeded generator (mulberry32), under the name the tests and benches use. */
export const seededRandom = mulberry32;

const EARTH_RADIUS = 6371008.8; // only places vertices; the measured areas never depend on it
const DEG = 180 / Math.PI;

export interface StarOptions {
  lon: number;
  lat: number;
  /** Outer radius in metres (the polygon is up to 2× this across). */
  radius: number;
  vertices: number;
  /** Inner radius as a fraction of `radius` (vertices lie between the two). Default 0.5. */
  inner?: number;
  /** Number of holes (each a small star around the centre, inside the inner radius). Default 0. */
  holes?: number;
  /** Clockwise outer ring when true (GeoJSON's RFC 7946 order is counter-clockwise). Default false. */
  clockwise?: boolean;
  /** Repeat the first vertex at the end (closed ring). Default true. */
  closed?: boolean;
}

function star(
  rand: () => number,
  lon: number,
  lat: number,
  rMin: number,
  rMax: number,
  n: number,
  cw: boolean,
  closed: boolean,
  cosLat = Math.cos(lat / DEG),
): Position[] {
  const angles = Array.from({ length: n }, (_, i) => ((i + 0.1 + 0.8 * rand()) / n) * 2 * Math.PI);
  const ring = angles.map((t): Position => {
    const r = rMin + (rMax - rMin) * rand();
    const east = r * Math.cos(t);
    const north = r * Math.sin(t);
    let x = lon + (east / (EARTH_RADIUS * cosLat)) * DEG;
    if (x > 180) x -= 360;
    else if (x < -180) x += 360;
    return [x, lat + (north / EARTH_RADIUS) * DEG];
  });
  if (cw) ring.reverse();
  if (closed) ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/**
 * A star-shaped polygon around (lon, lat). Hole k is a small star centred at half the inner radius in direction
 * 2πk/holes, small enough that holes never touch each other or the outer ring. Holes alternate winding.
 */
export function randomStarPolygon(rand: () => number, o: StarOptions): Polygon {
  const inner = o.inner ?? 0.5;
  const cw = o.clockwise ?? false;
  const closed = o.closed ?? true;
  const rings = [star(rand, o.lon, o.lat, o.radius * inner, o.radius, o.vertices, cw, closed)];
  const holes = o.holes ?? 0;
  const rIn = o.radius * inner;
  const holeRadius = 0.4 * rIn * Math.min(1, Math.sin(Math.PI / Math.max(holes, 2)));
  const cosLat = Math.cos(o.lat / DEG);
  for (let k = 0; k < holes; k++) {
    const t = (2 * Math.PI * k) / holes;
    const cLon = o.lon + ((0.5 * rIn * Math.cos(t)) / (EARTH_RADIUS * cosLat)) * DEG;
    const cLat = o.lat + ((0.5 * rIn * Math.sin(t)) / EARTH_RADIUS) * DEG;
    // Same east-west scale as the outer ring (cos of the centre's latitude), so the hole stays inside it.
    const ring = star(rand, cLon, cLat, holeRadius * 0.5, holeRadius, Math.max(3, o.vertices >> 1), k % 2 === 0 ? !cw : cw, closed, cosLat);
    rings.push(ring);
  }
  return { type: 'Polygon', coordinates: rings };
}

/** Xingguo County's rough centre and extent (degrees), where the stand-like polygons are scattered. */
export const XINGGUO = { lon: 115.4, lat: 26.3, spanLon: 0.6, spanLat: 0.6 } as const;

/** `count` stand-like polygons: 12–60 vertices, 1–50 ha, scattered over Xingguo; identical for the same seed. */
export function standLikePolygons(count: number, seed = 20241125): Polygon[] {
  const rand = seededRandom(seed);
  const out: Polygon[] = [];
  for (let i = 0; i < count; i++) {
    const hectares = 1 + 49 * rand();
    // A star with radii uniform in [r/2, r] has mean area ≈ π(0.58 r)²; pick r so the area is about `hectares`.
    const radius = Math.sqrt((hectares * 10000) / Math.PI) / 0.76;
    out.push(
      randomStarPolygon(rand, {
        lon: XINGGUO.lon + XINGGUO.spanLon * (rand() - 0.5),
        lat: XINGGUO.lat + XINGGUO.spanLat * (rand() - 0.5),
        radius,
        vertices: 12 + Math.floor(49 * rand()),
        clockwise: rand() < 0.5,
      }),
    );
  }
  return out;
}
