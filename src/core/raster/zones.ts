// Zones (sites, stands, townships, the county: GeoJSON in lon/lat, as every importer returns them) taken into a
// raster's pixel space: each vertex through the raster's CRS (the same proj4 definitions as the vector import, datum
// shifts included) and GDAL's inverse geotransform; every ring oriented clockwise in the raster's CRS, as GDAL's
// rasterizer does before filling (it matters only for edges lying exactly on a row centre).
import type { Geometry, Position } from 'geojson';
import type { Transform } from '../geo/crs.ts';
import { inverseGeoTransform, lonLatToGrid, type PixelWindow, type RasterGrid } from './grid.ts';
import type { PixelPolygon } from './rasterize.ts';

/** A zone ready for scanning: its polygons in pixel coordinates and their bounding box (pixel units). */
export interface PixelZone {
  parts: PixelPolygon[];
  /** [minX, minY, maxX, maxY] in fractional pixel coordinates; empty zones have minX > maxX. */
  bbox: [number, number, number, number];
}

function polygonsOf(g: Geometry | null | undefined): Position[][][] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(polygonsOf);
  return [];
}

/** The world→pixel function of a grid, including reprojection from lon/lat. */
export function lonLatToPixel(grid: RasterGrid, toGrid: Transform = lonLatToGrid(grid)): (lon: number, lat: number) => [number, number] {
  const [a0, a1, b0, b1] = inverseGeoTransform(grid.geoTransform);
  return (lon, lat) => {
    const [x, y] = toGrid(lon, lat);
    return [a0 + x * a1, b0 + y * b1];
  };
}

/** One ring into pixel space, oriented clockwise in the raster's CRS first (GDAL's OGRLinearRing::isClockwise). */
function ringToPixels(ring: Position[], toGrid: Transform, a: readonly number[]): Float64Array | null {
  const n = ring.length;
  if (n < 3) return null;
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const [x, y] = toGrid(ring[i][0], ring[i][1]);
    out[2 * i] = x;
    out[2 * i + 1] = y;
  }
  // signed area (shoelace) in the raster CRS: negative = clockwise with y up; reverse the others, as GDAL makes them
  let twice = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) twice += out[2 * j] * out[2 * i + 1] - out[2 * i] * out[2 * j + 1];
  if (twice > 0) {
    for (let i = 0, j = n - 1; i < j; i++, j--) {
      const x = out[2 * i], y = out[2 * i + 1];
      out[2 * i] = out[2 * j]; out[2 * i + 1] = out[2 * j + 1];
      out[2 * j] = x; out[2 * j + 1] = y;
    }
  }
  // then into pixel space with GDAL's inverse geotransform
  for (let i = 0; i < n; i++) {
    out[2 * i] = a[0] + out[2 * i] * a[1];
    out[2 * i + 1] = a[2] + out[2 * i + 1] * a[3];
  }
  return out;
}

/** A (Multi)Polygon in lon/lat → pixel polygons of `grid`; other geometry types give an empty zone. */
export function zoneToPixels(geometry: Geometry | null | undefined, grid: RasterGrid, toGrid: Transform = lonLatToGrid(grid)): PixelZone {
  const a = inverseGeoTransform(grid.geoTransform);
  const parts: PixelPolygon[] = [];
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygonsOf(geometry)) {
    const rings: Float64Array[] = [];
    for (const ring of polygon) {
      const r = ringToPixels(ring, toGrid, a);
      if (!r) continue;
      if (rings.length === 0 && r.length < 6) break;
      rings.push(r);
    }
    if (rings.length === 0) continue;
    const outer = rings[0];
    for (let k = 0; k < outer.length; k += 2) {
      if (outer[k] < bbox[0]) bbox[0] = outer[k];
      if (outer[k] > bbox[2]) bbox[2] = outer[k];
      if (outer[k + 1] < bbox[1]) bbox[1] = outer[k + 1];
      if (outer[k + 1] > bbox[3]) bbox[3] = outer[k + 1];
    }
    parts.push(rings);
  }
  return { parts, bbox };
}

/** The pixels a zone can touch, clipped to the raster, or null when it misses the raster. */
export function zoneWindow(zone: PixelZone, grid: Pick<RasterGrid, 'width' | 'height'>): PixelWindow | null {
  const [x0, y0, x1, y1] = zone.bbox;
  if (!(x0 <= x1)) return null;
  const col = Math.max(0, Math.floor(x0 - 1));
  const row = Math.max(0, Math.floor(y0 - 1));
  const right = Math.min(grid.width, Math.ceil(x1 + 1));
  const bottom = Math.min(grid.height, Math.ceil(y1 + 1));
  return right > col && bottom > row ? { col, row, width: right - col, height: bottom - row } : null;
}

/** The smallest window holding all of `windows`, or null. */
export function unionWindows(windows: readonly (PixelWindow | null)[]): PixelWindow | null {
  let c0 = Infinity, r0 = Infinity, c1 = -Infinity, r1 = -Infinity;
  for (const w of windows) {
    if (!w) continue;
    c0 = Math.min(c0, w.col); r0 = Math.min(r0, w.row);
    c1 = Math.max(c1, w.col + w.width); r1 = Math.max(r1, w.row + w.height);
  }
  return c0 < c1 ? { col: c0, row: r0, width: c1 - c0, height: r1 - r0 } : null;
}
