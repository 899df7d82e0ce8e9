// Dissolving adjacent cells into one outline by cancelling their shared edges: the Voronoi cells of one township share
// their edges exactly (same vertices, rounded alike), so every edge two cells share appears once in each direction and
// drops out; what is left are the outlines and the holes, chained into rings. Linear in the number of edges, where
// turf's union takes ~3 ms per cell here. A result the importer's check refuses falls back to turf's union.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { checkGeometry } from '../../src/core/geo/validate.ts';
import { pointInPolygon, union } from './geom.ts';

const key = (p: Position) => `${p[0]},${p[1]}`;

function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s / 2; // > 0: counter-clockwise
}

/** Counter-clockwise outer rings of the cells, edges that two of them share removed, chained into rings. */
function chain(cells: Polygon[]): Position[][] {
  const edges = new Map<string, [Position, Position]>();
  for (const c of cells) {
    let ring = c.coordinates[0];
    if (signedArea(ring) < 0) ring = [...ring].reverse();
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1], b = ring[i];
      const ka = key(a), kb = key(b);
      if (ka === kb) continue;
      const back = `${kb}|${ka}`;
      if (edges.has(back)) edges.delete(back);
      else edges.set(`${ka}|${kb}`, [a, b]);
    }
  }
  const out = new Map<string, [Position, Position][]>();
  for (const e of edges.values()) {
    const k = key(e[0]);
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(e);
  }
  const rings: Position[][] = [];
  for (const [startKey, list] of out) {
    while (list.length > 0) {
      const first = list.pop()!;
      const ring: Position[] = [first[0], first[1]];
      let [prev, cur] = first;
      for (let guard = 0; key(cur) !== startKey && guard < edges.size + 1; guard++) {
        const next = out.get(key(cur));
        if (!next || next.length === 0) break;
        // At a vertex where two outlines touch, take the sharpest left turn: it keeps each outline a ring of its own.
        let best = 0;
        if (next.length > 1) {
          const back = Math.atan2(prev[1] - cur[1], prev[0] - cur[0]);
          let bestTurn = Infinity;
          next.forEach((e, i) => {
            let turn = back - Math.atan2(e[1][1] - cur[1], e[1][0] - cur[0]); // clockwise angle from the way back
            while (turn <= 0) turn += 2 * Math.PI;
            if (turn < bestTurn) [bestTurn, best] = [turn, i];
          });
        }
        const e = next.splice(best, 1)[0];
        ring.push(e[1]);
        [prev, cur] = e;
      }
      if (key(ring[ring.length - 1]) === key(ring[0]) && ring.length >= 4) rings.push(ring);
    }
  }
  return rings;
}

/** The cells as one (Multi)Polygon: each outline with the holes inside it. */
export function dissolveCells(cells: Polygon[]): Polygon | MultiPolygon {
  const rings = chain(cells);
  const outers = rings.filter((r) => signedArea(r) > 0).map((r) => ({ ring: r, holes: [] as Position[][], area: signedArea(r) }));
  outers.sort((a, b) => a.area - b.area); // smallest first: a hole belongs to the smallest outline around it
  for (const hole of rings.filter((r) => signedArea(r) < 0)) {
    const onOuter = (o: Position[]) => new Set(o.map(key));
    const owner = outers.find((o) => {
      const shared = onOuter(o.ring);
      const probe = hole.find((p) => !shared.has(key(p))) ?? hole[0];
      return pointInPolygon(probe, { type: 'Polygon', coordinates: [o.ring] });
    });
    owner?.holes.push(hole);
  }
  const polygons = outers.map((o) => [o.ring, ...o.holes]);
  const g: Polygon | MultiPolygon = polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
  const check = checkGeometry(g);
  if (!check.error && check.geometry && (check.geometry.type === 'Polygon' || check.geometry.type === 'MultiPolygon')) return check.geometry;
  const fallback = union(cells);
  if (!fallback) throw new Error('dissolve: the cells have no union');
  return fallback;
}
