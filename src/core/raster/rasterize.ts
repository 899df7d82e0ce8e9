// Which pixels a polygon covers: a pixel counts when its centre lies inside, decided exactly as GDAL's rasterizer does
// (gdal_rasterize without ALL_TOUCHED; GDALdllImageFilledPolygon in alg/llrasterize.cpp, GDAL 3.6):
//   - scanline at each row centre y + 0.5; an edge from (x1, y1) to (x2, y2) with y1 < y2 crosses it when
//     y1 ≤ y + 0.5 < y2, at x = (y + 0.5 − y1)·(x2 − x1)/(y2 − y1) + x1, rounded to floor(x + 0.5);
//   - sorted crossings pair up into runs [a, b − 1] (even-odd over all rings of the polygon, so holes are respected):
//     a pixel is in when its centre x lies in (crossing a, crossing b];
//   - an edge lying exactly on a row centre is filled on its own when it runs right to left (GDAL's "bottom"
//     horizontal edges, with every ring oriented clockwise in world coordinates first);
//   - the parts of a MultiPolygon are filled one by one and their pixels united (GDAL's replace mode).
// The arithmetic is GDAL's, operation for operation, so the same vertices give the same pixels, tie cases included
// (test/unit/raster-gdal.test.ts compares with gdal_rasterize on hand-made polygons with vertices on pixel corners,
// centres and edges). Rings here are in pixel coordinates (grid.ts worldToPixel) and already oriented.

/** A polygon in pixel coordinates: rings as flat [x0, y0, x1, y1, …] arrays (closed or not; outer ring first). */
export type PixelPolygon = Float64Array[];

/** A run of covered pixels: row, first and last column (inclusive). */
export type RunSink = (row: number, c0: number, c1: number) => void;

/** The pixels a call may report: rows [row, row + height), columns [col, col + width) of the whole raster. */
export interface ClipWindow {
  col: number;
  row: number;
  width: number;
  height: number;
}

// Scratch buffers shared by every call (single-threaded; grown on demand) so 200,000 stands allocate nothing.
let edgeX1 = new Float64Array(256);
let edgeY1 = new Float64Array(256);
let edgeX2 = new Float64Array(256);
let edgeY2 = new Float64Array(256);
let edgeEnd = new Int32Array(256);
let bucketHead = new Int32Array(256);
let bucketNext = new Int32Array(256);
let active = new Int32Array(256);
let crossings = new Float64Array(256);
let rowRuns = new Int32Array(64);

function growEdges(n: number): void {
  if (n <= edgeX1.length) return;
  const size = Math.max(n, edgeX1.length * 2);
  edgeX1 = new Float64Array(size); edgeY1 = new Float64Array(size); edgeX2 = new Float64Array(size); edgeY2 = new Float64Array(size);
  edgeEnd = new Int32Array(size); bucketNext = new Int32Array(size); active = new Int32Array(size); crossings = new Float64Array(size);
}

function sortAscending(a: Float64Array, n: number): void {
  // insertion sort: a row of a stand has 2–6 crossings; big polygons fall back to the typed-array sort
  if (n > 24) { a.subarray(0, n).sort(); return; }
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
}

/**
 * Reports the covered pixels of one polygon (outer ring and holes), row by row, each row's runs disjoint and in
 * increasing column order.
 */
export function scanPolygon(rings: PixelPolygon, clip: ClipWindow, sink: RunSink): void {
  let n = 0;
  let dminy = Infinity, dmaxy = -Infinity;
  for (const r of rings) {
    n += r.length >> 1;
    for (let k = 1; k < r.length; k += 2) {
      const y = r[k];
      if (y < dminy) dminy = y;
      if (y > dmaxy) dmaxy = y;
    }
  }
  if (n === 0) return;
  // GDAL truncates towards zero (a C cast), then clamps to the raster; here to the clip window's rows.
  let miny = Math.trunc(dminy);
  let maxy = Math.trunc(dmaxy);
  if (miny < clip.row) miny = clip.row;
  if (maxy > clip.row + clip.height - 1) maxy = clip.row + clip.height - 1;
  if (miny > maxy) return;
  const minx = clip.col;
  const maxx = clip.col + clip.width - 1;

  // Edges, each filed under the first row whose centre it can reach (a conservative range; the exact GDAL test is
  // applied again on every row), so a row only visits edges near it.
  growEdges(n);
  const rows = maxy - miny + 1;
  if (bucketHead.length < rows) bucketHead = new Int32Array(Math.max(rows, bucketHead.length * 2));
  bucketHead.fill(-1, 0, rows);
  let e = 0;
  for (const r of rings) {
    const m = r.length >> 1;
    for (let i = 0; i < m; i++) {
      const i1 = i === 0 ? m - 1 : i - 1; // GDAL: the first vertex closes the ring with the last
      const x1 = r[2 * i1], y1 = r[2 * i1 + 1], x2 = r[2 * i], y2 = r[2 * i + 1];
      const lo = y1 < y2 ? y1 : y2;
      const hi = y1 < y2 ? y2 : y1;
      let first = Math.floor(lo - 0.5);
      const last = Math.ceil(hi - 0.5);
      if (last < miny || first > maxy) continue;
      if (first < miny) first = miny;
      edgeX1[e] = x1; edgeY1[e] = y1; edgeX2[e] = x2; edgeY2[e] = y2; edgeEnd[e] = last;
      bucketNext[e] = bucketHead[first - miny];
      bucketHead[first - miny] = e;
      e++;
    }
  }

  let nActive = 0;
  for (let y = miny; y <= maxy; y++) {
    for (let k = bucketHead[y - miny]; k >= 0; k = bucketNext[k]) active[nActive++] = k;
    const dy = y + 0.5;
    let ints = 0;
    let runs = 0;
    let horizontal = false;
    let keep = 0;
    for (let a = 0; a < nActive; a++) {
      const k = active[a];
      if (edgeEnd[k] < y) continue; // finished: drop it
      active[keep++] = k;
      let dy1 = edgeY1[k], dy2 = edgeY2[k];
      if ((dy1 < dy && dy2 < dy) || (dy1 > dy && dy2 > dy)) continue;
      let dx1: number, dx2: number;
      if (dy1 < dy2) {
        dx1 = edgeX1[k]; dx2 = edgeX2[k];
      } else if (dy1 > dy2) {
        dy2 = edgeY1[k]; dy1 = edgeY2[k]; dx2 = edgeX1[k]; dx1 = edgeX2[k];
      } else {
        // on the row centre: fill "bottom" horizontal edges separately, skip "top" ones
        if (edgeX1[k] > edgeX2[k]) {
          const h1 = Math.floor(edgeX2[k] + 0.5);
          const h2 = Math.floor(edgeX1[k] + 0.5);
          if (h1 > maxx || h2 <= minx) continue;
          runs = pushRun(runs, h1, h2 - 1, minx, maxx);
          horizontal = true;
        }
        continue;
      }
      if (dy < dy2 && dy >= dy1) {
        const intersect = ((dy - dy1) * (dx2 - dx1)) / (dy2 - dy1) + dx1;
        crossings[ints++] = Math.floor(intersect + 0.5);
      }
    }
    nActive = keep;
    sortAscending(crossings, ints);
    for (let i = 0; i + 1 < ints; i += 2) {
      if (crossings[i] <= maxx && crossings[i + 1] > minx) runs = pushRun(runs, crossings[i], crossings[i + 1] - 1, minx, maxx);
    }
    if (runs === 0) continue;
    if (horizontal && runs > 1) runs = mergeRuns(runs);
    for (let i = 0; i < runs; i++) sink(y, rowRuns[2 * i], rowRuns[2 * i + 1]);
  }
}

/** Clamp a run to the window (gvBurnScanline) and keep it unless empty; returns the new run count. */
function pushRun(runs: number, c0: number, c1: number, minx: number, maxx: number): number {
  if (c0 < minx) c0 = minx;
  if (c1 > maxx) c1 = maxx;
  if (c0 > c1) return runs;
  if (2 * runs + 2 > rowRuns.length) {
    const bigger = new Int32Array(rowRuns.length * 2);
    bigger.set(rowRuns);
    rowRuns = bigger;
  }
  rowRuns[2 * runs] = c0;
  rowRuns[2 * runs + 1] = c1;
  return runs + 1;
}

/** Sort a row's runs and unite overlapping or touching ones (a pixel burnt twice counts once). */
function mergeRuns(runs: number): number {
  const pairs: [number, number][] = [];
  for (let i = 0; i < runs; i++) pairs.push([rowRuns[2 * i], rowRuns[2 * i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  let out = 0;
  for (const [a, b] of pairs) {
    if (out > 0 && a <= rowRuns[2 * out - 1] + 1) {
      if (b > rowRuns[2 * out - 1]) rowRuns[2 * out - 1] = b;
    } else {
      rowRuns[2 * out] = a;
      rowRuns[2 * out + 1] = b;
      out++;
    }
  }
  return out;
}

/**
 * The covered pixels of a zone made of one or more polygons, each pixel reported once: one polygon streams straight
 * through; several are collected, sorted by row and column, and united.
 */
export function scanZone(parts: readonly PixelPolygon[], clip: ClipWindow, sink: RunSink): void {
  if (parts.length === 1) { scanPolygon(parts[0], clip, sink); return; }
  if (parts.length === 0) return;
  const rows: number[] = [];
  const c0s: number[] = [];
  const c1s: number[] = [];
  for (const p of parts) scanPolygon(p, clip, (r, a, b) => { rows.push(r); c0s.push(a); c1s.push(b); });
  const order = rows.map((_, i) => i).sort((i, j) => rows[i] - rows[j] || c0s[i] - c0s[j]);
  let curRow = -1, curA = 0, curB = -2;
  for (const i of order) {
    const r = rows[i], a = c0s[i], b = c1s[i];
    if (r === curRow && a <= curB + 1) {
      if (b > curB) curB = b;
      continue;
    }
    if (curRow >= 0) sink(curRow, curA, curB);
    curRow = r; curA = a; curB = b;
  }
  if (curRow >= 0) sink(curRow, curA, curB);
}
