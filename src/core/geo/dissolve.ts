// Stands merged into one site: the union of their polygons, shared edges dissolved and holes kept (a stand that rings
// another leaves its hole unless the inner stand is merged too). The union is planar on lon/lat (polyclip, through
// @turf/turf's union), which is exact for the shared vertices inventories have; the area is then measured on the
// ellipsoidal area (measure.ts) like every other area. The union drops vertices that lie on a straight run of the
// outline (a neighbour's corner on a shared boundary); they are put back, because the ellipsoid measures each edge as
// a geodesic and a 4 km edge without its middle vertex encloses a few hundred m² less than its two halves: with them
// back, the merged area is the sum of the stands' areas. The result is checked and oriented as every site is.
import { featureCollection, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { eachPosition } from './positions.ts';
import { checkGeometry } from './validate.ts';

/** Input vertices bucketed on a grid, to find those lying on an edge of the union. */
class VertexGrid {
  private cells = new Map<string, Position[]>();
  constructor(private size: number) {}
  private key(x: number, y: number) { return `${Math.floor(x / this.size)},${Math.floor(y / this.size)}`; }
  add(p: Position) {
    const k = this.key(p[0], p[1]);
    const c = this.cells.get(k);
    if (c) c.push(p); else this.cells.set(k, [p]);
  }
  /** Vertices strictly inside segment a–b (within `tol` degrees of it), ordered from a to b. */
  onSegment(a: Position, b: Position, tol: number): Position[] {
    const [x0, x1] = [Math.min(a[0], b[0]) - tol, Math.max(a[0], b[0]) + tol];
    const [y0, y1] = [Math.min(a[1], b[1]) - tol, Math.max(a[1], b[1]) + tol];
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    if (len2 === 0) return [];
    const found: [number, Position][] = [];
    const seen = new Set<string>();
    for (let cx = Math.floor(x0 / this.size); cx <= Math.floor(x1 / this.size); cx++) {
      for (let cy = Math.floor(y0 / this.size); cy <= Math.floor(y1 / this.size); cy++) {
        for (const p of this.cells.get(`${cx},${cy}`) ?? []) {
          const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
          if (t <= 1e-9 || t >= 1 - 1e-9) continue;
          const d = Math.abs((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / Math.sqrt(len2);
          const id = `${p[0]},${p[1]}`;
          if (d <= tol && !seen.has(id)) { seen.add(id); found.push([t, p]); }
        }
      }
    }
    return found.sort((u, v) => u[0] - v[0]).map(([, p]) => [p[0], p[1]]);
  }
}

function restoreVertices(g: Polygon | MultiPolygon, inputs: (Polygon | MultiPolygon)[]): Polygon | MultiPolygon {
  let count = 0, minX = Infinity, maxX = -Infinity;
  for (const i of inputs) eachPosition(i, (p) => { count++; minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]); });
  const grid = new VertexGrid(Math.max(1e-6, (maxX - minX) / Math.max(1, Math.sqrt(count))));
  for (const i of inputs) eachPosition(i, (p) => grid.add(p));
  const tol = 1e-9; // degrees (~0.1 mm): only vertices the union itself put on the line
  const fix = (ring: Position[]) => ring.flatMap((p, k) => (k + 1 < ring.length ? [p, ...grid.onSegment(p, ring[k + 1], tol)] : [p]));
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(fix) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(fix)) };
}

/** The union of the polygons (MultiPolygon when they do not all touch). Throws when nothing areal is given. */
export function dissolve(geometries: (Polygon | MultiPolygon)[]): Polygon | MultiPolygon {
  const parts = geometries.filter((g) => g && (g.type === 'Polygon' || g.type === 'MultiPolygon'));
  if (parts.length === 0) throw new Error('no polygons to merge');
  const features = parts.map((g): Feature<Polygon | MultiPolygon> => ({ type: 'Feature', properties: {}, geometry: g }));
  const merged = features.length === 1 ? features[0] : union(featureCollection(features));
  if (!merged) throw new Error('the merge has no area');
  const checked = checkGeometry(features.length === 1 ? merged.geometry : restoreVertices(merged.geometry, parts));
  if (checked.error || !checked.geometry) throw new Error(checked.error ?? 'the merge has no area');
  return checked.geometry as Polygon | MultiPolygon;
}
