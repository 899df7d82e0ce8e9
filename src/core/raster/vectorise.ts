// Raster → polygons, like gdal_polygonize: connected pixels of one value (4-connected by default, as GDAL; 8 on
// request) become one polygon whose rings run along pixel edges, holes included. Each component's boundary is the set
// of pixel sides between it and anything else, chained into rings. Where two of its pixels touch only at a corner the
// chain always turns so that each ring stays simple: the rings then touch each other at that point (a pocket enclosed
// by a corner touch becomes a hole touching the outer ring) — a valid OGC polygon, and the rings GDAL writes.
// Rings come out clockwise on screen (y down) for outer boundaries and anticlockwise for holes — in a north-up grid
// that is anticlockwise / clockwise in the world, RFC 7946's winding. test/unit/raster-vectorise.test.ts compares the
// result with gdal_polygonize and checks that every polygon rasterizes back to exactly its pixels.

/** One connected component: its value and its pixels as indices (row × width + column) into the scanned array. */
export interface Component {
  value: number;
  pixels: Int32Array;
}

export type Connectivity = 4 | 8;

// neighbour offsets: the 4 edge neighbours first, then the 4 corner ones
const NX = [-1, 1, 0, 0, -1, 1, -1, 1];
const NY = [0, 0, -1, 1, -1, -1, 1, 1];

/**
 * Connected components of equal, non-background values. `values` is consumed: visited pixels are set to
 * `background` (pass a copy to keep it). Components come in row-major order of their first pixel. `seeds`, when given,
 * lists (ascending) every pixel that is not background, so the scan skips the rest.
 */
export function connectedComponents(
  values: Uint8Array | Uint16Array | Int32Array,
  width: number,
  height: number,
  background = 0,
  connectivity: Connectivity = 4,
  keep: (value: number, pixels: Int32Array) => boolean = () => true,
  seeds?: Int32Array,
): Component[] {
  const out: Component[] = [];
  let queue = new Int32Array(1024);
  // every pixel, or only the given ones (ascending): a county's change touches 0.4 % of its 60 M pixels
  const n = seeds ? seeds.length : width * height;
  for (let s = 0; s < n; s++) {
    const start = seeds ? seeds[s] : s;
    const value = values[start];
    if (value === background) continue;
    values[start] = background;
    queue[0] = start;
    let len = 1;
    for (let head = 0; head < len; head++) {
      const p = queue[head];
      const x = p % width;
      const y = (p - x) / width;
      // up to 8 neighbours, checked inline (no closure per pixel: this loop runs over every changed pixel of a county)
      for (let k = 0; k < (connectivity === 8 ? 8 : 4); k++) {
        const nx = x + NX[k], ny = y + NY[k];
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const q = ny * width + nx;
        if (values[q] !== value) continue;
        values[q] = background;
        if (len === queue.length) {
          const bigger = new Int32Array(queue.length * 2);
          bigger.set(queue);
          queue = bigger;
        }
        queue[len++] = q;
      }
    }
    const pixels = queue.slice(0, len);
    if (keep(value, pixels)) out.push({ value, pixels });
  }
  return out;
}

// Directions on screen (x right, y down): 0 +x, 1 +y, 2 −x, 3 −y. A right turn is d + 1.
const DX = [1, 0, -1, 0];
const DY = [0, 1, 0, -1];

/**
 * The rings of one component, as [column, row] pixel-corner coordinates of the scanned array (closed: last = first),
 * the outer ring first, then the holes. Only corners where the boundary turns are kept.
 */
export function componentRings(pixels: Int32Array, width: number): [number, number][][] {
  // a local grid one pixel wider on every side holds membership; vertices are its pixel corners
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < pixels.length; i++) {
    const x = pixels[i] % width;
    const y = (pixels[i] - x) / width;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const lw = x1 - x0 + 3;
  const lh = y1 - y0 + 3;
  const inside = new Uint8Array(lw * lh);
  for (let i = 0; i < pixels.length; i++) {
    const x = pixels[i] % width;
    const y = (pixels[i] - x) / width;
    inside[(y - y0 + 1) * lw + (x - x0 + 1)] = 1;
  }
  const vw = lw + 1;
  // edge (vertex, direction) exists: 1, visited: 2
  const edges = new Uint8Array(vw * (lh + 1) * 4);
  let count = 0;
  for (let y = 1; y < lh - 1; y++) {
    for (let x = 1; x < lw - 1; x++) {
      if (!inside[y * lw + x]) continue;
      if (!inside[(y - 1) * lw + x]) { edges[(y * vw + x) * 4 + 0] = 1; count++; } // top: (x, y) → (x+1, y)
      if (!inside[y * lw + x + 1]) { edges[(y * vw + x + 1) * 4 + 1] = 1; count++; } // right: (x+1, y) → (x+1, y+1)
      if (!inside[(y + 1) * lw + x]) { edges[((y + 1) * vw + x + 1) * 4 + 2] = 1; count++; } // bottom: (x+1, y+1) → (x, y+1)
      if (!inside[y * lw + x - 1]) { edges[((y + 1) * vw + x) * 4 + 3] = 1; count++; } // left: (x, y+1) → (x, y)
    }
  }
  const rings: [number, number][][] = [];
  for (let e = 0; e < edges.length && count > 0; e++) {
    if (edges[e] !== 1) continue;
    const ring: [number, number][] = [];
    const startV = e >> 2, startD = e & 3;
    let v = startV, d = startD, prevD = -1;
    for (;;) {
      edges[v * 4 + d] = 2;
      count--;
      if (d !== prevD) ring.push([(v % vw) + x0 - 1, Math.floor(v / vw) + y0 - 1]);
      prevD = d;
      v += DX[d] + DY[d] * vw;
      // the next edge: with two ways out (pixels touching at a corner) turn left, across the corner, so that the
      // ring does not touch itself there (turning right would wrap the pixel and pinch the ring)
      const right = (d + 1) & 3, left = (d + 3) & 3;
      let next = -1;
      for (const c of [left, d, right]) if (edges[v * 4 + c] !== 0) { next = c; break; }
      if (next < 0 || (v === startV && next === startD) || edges[v * 4 + next] === 2) break;
      d = next;
    }
    // the start may sit mid-side: drop it when the closing edge runs on in the same direction
    if (ring.length > 1 && prevD === startD) ring.shift();
    ring.push([ring[0][0], ring[0][1]]);
    rings.push(ring);
  }
  // the outer ring encloses all holes: the largest area
  let outer = 0, best = -Infinity;
  rings.forEach((r, i) => {
    const a = Math.abs(ringArea2(r));
    if (a > best) { best = a; outer = i; }
  });
  if (outer !== 0) rings.unshift(rings.splice(outer, 1)[0]);
  return rings;
}

/** Twice the signed area of a closed ring (shoelace). */
export function ringArea2(ring: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return s;
}
