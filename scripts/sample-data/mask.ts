// "Does this small polygon overlap any of these (possibly huge) polygons?" — used to keep stands and new footprints off
// water, wetlands, mines and PV. Edge bands answer point queries; a vertex hash finds mask corners inside the query.
import type { Polygon, Position } from 'geojson';
import { EdgeIndex } from './edge-index.ts';
import { bboxOf, pointInPolygon } from './geom.ts';

const BUCKET_DEG = 0.005;

export class PolygonMask {
  private readonly items: { index: EdgeIndex; bbox: number[] }[] = [];
  private readonly vertices = new Map<string, Position[]>();

  add(p: Polygon): void {
    this.items.push({ index: new EdgeIndex(p, 128), bbox: bboxOf(p.coordinates) });
    for (const v of p.coordinates[0]) {
      const k = `${Math.floor(v[0] / BUCKET_DEG)}:${Math.floor(v[1] / BUCKET_DEG)}`;
      if (!this.vertices.has(k)) this.vertices.set(k, []);
      this.vertices.get(k)!.push(v);
    }
  }

  containsPoint(p: Position): boolean {
    return this.items.some((m) => p[0] >= m.bbox[0] && p[0] <= m.bbox[2] && p[1] >= m.bbox[1] && p[1] <= m.bbox[3] && m.index.contains(p[0], p[1]));
  }

  /** True when the polygon and some mask polygon overlap (vertex of one inside the other; edges crossing without any
   * vertex inside are impossible at the sizes involved, since mask features are wider than a stand). */
  overlaps(p: Polygon, centre?: Position): boolean {
    if (centre && this.containsPoint(centre)) return true;
    if (p.coordinates[0].some((v) => this.containsPoint(v))) return true;
    const [x0, y0, x1, y1] = bboxOf(p.coordinates);
    for (let i = Math.floor(x0 / BUCKET_DEG); i <= Math.floor(x1 / BUCKET_DEG); i++) {
      for (let j = Math.floor(y0 / BUCKET_DEG); j <= Math.floor(y1 / BUCKET_DEG); j++) {
        for (const v of this.vertices.get(`${i}:${j}`) ?? []) if (pointInPolygon(v, p)) return true;
      }
    }
    return false;
  }
}
