// Stand geometry: per township, a jittered grid of sites, their Voronoi cells, and the cells clipped to the township.
// Interior cells are used as they are; only cells near the boundary are clipped (see clip.ts for why).
import { Delaunay } from 'd3-delaunay';
import type { Polygon, Position } from 'geojson';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { checkGeometry } from '../../src/core/geo/validate.ts';
import type { Rng } from '../../src/core/random.ts';
import { clipToRegion } from './clip.ts';
import { EdgeIndex } from './edge-index.ts';
import { bboxOf, polygonsOf, roundPolygon, type LocalProjection } from './geom.ts';
import type { Township } from './townships.ts';

export interface Cell {
  /** Index in the global cell list. */
  index: number;
  township: number;
  /** Site in projected metres and lon/lat. */
  xy: [number, number];
  site: Position;
  geometry: Polygon;
  area_m2: number;
  /** Indices (global) of Voronoi neighbours in the same township. */
  neighbours: number[];
}

/** `dropInvalid` (stress data only): leave a cell the clip could not make valid as a gap instead of failing. */
export function makeCells(proj: LocalProjection, townships: Township[], spacingM: number, rng: Rng, dropInvalid = false): Cell[] {
  const cells: Cell[] = [];
  townships.forEach((t, ti) => {
    const index = new EdgeIndex(t.geometry);
    const [lon0, lat0, lon1, lat1] = bboxOf(polygonsOf(t.geometry));
    const [x0, y0] = proj.toXY([lon0, lat0]);
    const [x1, y1] = proj.toXY([lon1, lat1]);
    const sites: [number, number][] = [];
    // Stratified jitter: one site per grid square, uniform inside it. Cell sizes then vary (roughly 0.3–2× the mean)
    // like real 小班, without the slivers of a pure Poisson process.
    for (let y = y0; y < y1; y += spacingM) {
      for (let x = x0; x < x1; x += spacingM) {
        const p: [number, number] = [x + rng.random() * spacingM, y + rng.random() * spacingM];
        const ll = proj.toLonLat(p[0], p[1]);
        if (index.contains(ll[0], ll[1])) sites.push(p);
      }
    }
    if (sites.length < 3) throw new Error(`township ${t.name}: too few stand sites (${sites.length})`);
    const pad = 2 * spacingM;
    const delaunay = Delaunay.from(sites);
    const voronoi = delaunay.voronoi([x0 - pad, y0 - pad, x1 + pad, y1 + pad]);
    const local = new Map<number, number>();
    for (let i = 0; i < sites.length; i++) {
      const ring = (voronoi.cellPolygon(i) as [number, number][] | null)?.map(([x, y]) => proj.toLonLat(x, y));
      if (!ring) continue;
      const [bx0, by0, bx1, by1] = bboxOf([ring]);
      let polygon: Polygon | null = { type: 'Polygon', coordinates: [ring] };
      if (index.touchesBox(bx0, by0, bx1, by1)) polygon = clipToRegion(ring, t.geometry);
      if (!polygon) continue;
      const rounded = roundPolygon(polygon.coordinates);
      if (!rounded) continue;
      const geometry: Polygon = { type: 'Polygon', coordinates: rounded };
      // The importer's own check, on the coordinates as they will be written: never emit a stand it would refuse.
      const invalid = checkGeometry(geometry).error;
      if (invalid && dropInvalid) continue;
      if (invalid) throw new Error(`township ${t.name}: stand cell ${i} is invalid after clipping and rounding: ${invalid}`);
      const area = geodesicArea(geometry);
      if (area < 200) continue; // clipping crumbs: left as gaps
      local.set(i, cells.length);
      cells.push({ index: cells.length, township: ti, xy: sites[i], site: proj.toLonLat(...sites[i]), geometry, area_m2: area, neighbours: [] });
    }
    for (const [i, g] of local) {
      for (const j of delaunay.neighbors(i)) {
        const n = local.get(j);
        if (n !== undefined) cells[g].neighbours.push(n);
      }
    }
  });
  return cells;
}
