// Web Mercator tile arithmetic for offline areas: which {z}/{x}/{y} tiles cover a lon/lat box at a zoom, and a box's
// size. The server lists the files of an area from these (src/server/field/offline-plan.ts); the stand tiles are the
// scheme MapLibre requests (scripts/tiles/).

export type BBox = [number, number, number, number];

export function lonToTileX(lon: number, z: number): number {
  return Math.floor(((lon + 180) / 360) * 2 ** z);
}

export function latToTileY(lat: number, z: number): number {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
}

/** The tiles of zoom z that touch the box (clamped to the tile grid). */
export function tilesForBox(box: BBox, z: number): [number, number, number][] {
  const max = 2 ** z - 1;
  const clamp = (v: number) => Math.min(max, Math.max(0, v));
  const x0 = clamp(lonToTileX(box[0], z));
  const x1 = clamp(lonToTileX(box[2], z));
  const y0 = clamp(latToTileY(box[3], z));
  const y1 = clamp(latToTileY(box[1], z));
  const out: [number, number, number][] = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push([z, x, y]);
  return out;
}

/** The intersection of two boxes, or null when they do not meet. */
export function intersectBoxes(a: BBox, b: BBox): BBox | null {
  const w = Math.max(a[0], b[0]);
  const s = Math.max(a[1], b[1]);
  const e = Math.min(a[2], b[2]);
  const n = Math.min(a[3], b[3]);
  return w <= e && s <= n ? [w, s, e, n] : null;
}

/** A box grown by `metres` on every side (latitude-aware). */
export function growBox(box: BBox, metres: number): BBox {
  const dLat = metres / 111_000;
  const dLon = metres / (111_000 * Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180));
  return [box[0] - dLon, box[1] - dLat, box[2] + dLon, box[3] + dLat];
}

/** Approximate area of a lon/lat box in km² (for the size limit of an offline area). */
export function boxAreaKm2(box: BBox): number {
  const midLat = (((box[1] + box[3]) / 2) * Math.PI) / 180;
  return ((box[2] - box[0]) * 111.32 * Math.cos(midLat)) * ((box[3] - box[1]) * 110.57);
}
