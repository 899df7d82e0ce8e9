// Snapping in screen space: the nearest vertex of the candidate rings within the tolerance, else the nearest point on
// one of their edges. Vertices win within the tolerance so corners shared with a stand are hit exactly; edges catch the
// long straight sides of stands and township boundaries, which have few vertices. Pure (pixels in, index out), tested.

export type Px = readonly [number, number];

export interface SnapHit {
  /** 'vertex': the ring's own position; 'edge': a point on the segment from ring[index] to ring[index + 1]. */
  kind: 'vertex' | 'edge';
  ring: number;
  index: number;
  /** Fraction along the edge (0 for a vertex). */
  t: number;
  distance: number;
}

/** The best snap target among `rings` (already projected to pixels) for pointer `p`, or undefined beyond `tolerance`. */
export function nearestSnap(p: Px, rings: readonly (readonly Px[])[], tolerance: number): SnapHit | undefined {
  let vertex: SnapHit | undefined;
  let edge: SnapHit | undefined;
  rings.forEach((ring, r) => {
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i];
      const d = Math.hypot(a[0] - p[0], a[1] - p[1]);
      if (d <= tolerance && (!vertex || d < vertex.distance)) vertex = { kind: 'vertex', ring: r, index: i, t: 0, distance: d };
      if (i + 1 >= ring.length) continue;
      const b = ring[i + 1];
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy;
      if (len2 === 0) continue;
      const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
      const e = Math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
      if (e <= tolerance && (!edge || e < edge.distance)) edge = { kind: 'edge', ring: r, index: i, t, distance: e };
    }
  });
  return vertex ?? edge;
}
