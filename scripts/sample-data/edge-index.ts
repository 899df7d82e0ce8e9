// Edges of a (Multi)Polygon bucketed into horizontal bands, so that point-in-polygon and "does this box touch the
// boundary?" only look at the few edges near the query. Exact (even–odd ray casting); layout only, lon/lat space.
import type { Polygon, MultiPolygon } from 'geojson';
import { polygonsOf } from './geom.ts';

export class EdgeIndex {
  private readonly y0: number;
  private readonly bandHeight: number;
  private readonly bands: Float64Array[];

  constructor(geometry: Polygon | MultiPolygon, private readonly bandCount = 512) {
    const edges: number[][] = [];
    let [ymin, ymax] = [Infinity, -Infinity];
    for (const rings of polygonsOf(geometry)) {
      for (const ring of rings) {
        for (let i = 1; i < ring.length; i++) {
          const e = [ring[i - 1][0], ring[i - 1][1], ring[i][0], ring[i][1]];
          edges.push(e);
          ymin = Math.min(ymin, e[1], e[3]);
          ymax = Math.max(ymax, e[1], e[3]);
        }
      }
    }
    this.y0 = ymin;
    this.bandHeight = (ymax - ymin) / bandCount || 1;
    const lists: number[][] = Array.from({ length: bandCount }, () => []);
    for (const e of edges) {
      const [b0, b1] = [this.bandOf(Math.min(e[1], e[3])), this.bandOf(Math.max(e[1], e[3]))];
      for (let b = b0; b <= b1; b++) lists[b].push(...e);
    }
    this.bands = lists.map((l) => Float64Array.from(l));
  }

  private bandOf(y: number): number {
    return Math.max(0, Math.min(this.bandCount - 1, Math.floor((y - this.y0) / this.bandHeight)));
  }

  private bandAt(y: number): Float64Array | null {
    const b = Math.floor((y - this.y0) / this.bandHeight);
    if (b < 0 || b > this.bandCount) return null;
    return this.bands[Math.min(b, this.bandCount - 1)];
  }

  contains(x: number, y: number): boolean {
    const e = this.bandAt(y);
    if (!e) return false;
    let inside = false;
    for (let i = 0; i < e.length; i += 4) {
      const [xi, yi, xj, yj] = [e[i], e[i + 1], e[i + 2], e[i + 3]];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }

  /** True when some boundary edge's bounding box meets the box (conservative "the boundary may cross it"). */
  touchesBox(x0: number, y0: number, x1: number, y1: number): boolean {
    const b0 = Math.max(0, Math.floor((y0 - this.y0) / this.bandHeight));
    const b1 = Math.min(this.bandCount - 1, Math.floor((y1 - this.y0) / this.bandHeight));
    for (let b = b0; b <= b1; b++) {
      const e = this.bands[b];
      for (let i = 0; i < e.length; i += 4) {
        if (Math.max(e[i], e[i + 2]) < x0 || Math.min(e[i], e[i + 2]) > x1) continue;
        if (Math.max(e[i + 1], e[i + 3]) < y0 || Math.min(e[i + 1], e[i + 3]) > y1) continue;
        return true;
      }
    }
    return false;
  }
}
