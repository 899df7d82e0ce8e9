// Ellipsoidal area of the part of a feature that lies inside a site polygon. Clipping is planar in lon/lat (exact for
// the shape at parcel scale); the area always comes from measure.ts, never @turf/area. Convex single-ring features
// (most stands) are clipped by Sutherland–Hodgman; other single rings of moderate size are cut into triangles first
// (ellipsoidal area is additive over the pieces); rings with holes and very large rings go to turf's intersect, which
// is exact but slow here (its clipper computes in arbitrary precision: 5–30 ms for a 7-vertex stand).
import { featureCollection, intersect } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { geodesicArea } from '../geo/measure.ts';
import { clipRingConvex, convexOrientation, triangulate } from './convex-clip.ts';

/** Larger rings go to turf: ear clipping is quadratic in the vertex count. */
const MAX_TRIANGULATED = 400;

export type Areal = Polygon | MultiPolygon;

export const isAreal = (g: Geometry | null | undefined): g is Areal => g?.type === 'Polygon' || g?.type === 'MultiPolygon';

function convexArea(site: Areal, clip: Position[], sign: number): number {
  const parts = site.type === 'Polygon' ? [site.coordinates] : site.coordinates;
  let sum = 0;
  for (const rings of parts) {
    const clipped = rings.map((r) => clipRingConvex(r, clip, sign));
    if (clipped[0].length === 0) continue;
    sum += geodesicArea({ type: 'Polygon', coordinates: clipped.filter((r, i) => i === 0 || r.length > 0) });
  }
  return sum;
}

/** Area in m² of the overlap of `other` with `site`; `otherArea` (its cached area) caps clipper rounding. */
export function clipArea(site: Feature<Areal>, other: Geometry | null, otherArea?: number): number {
  if (!isAreal(other)) return 0;
  let area: number;
  const single = other.type === 'Polygon' && other.coordinates.length === 1 ? other.coordinates[0] : null;
  const sign = single ? convexOrientation(single) : 0;
  const pieces = single && sign === 0 && single.length <= MAX_TRIANGULATED ? triangulate(single) : null;
  if (single && sign !== 0) {
    area = convexArea(site.geometry, single, sign);
  } else if (pieces) {
    area = 0;
    for (const t of pieces) area += convexArea(site.geometry, t, convexOrientation(t));
  } else {
    const piece = intersect(featureCollection<Areal>([site, { type: 'Feature', geometry: other, properties: {} }]));
    area = piece ? geodesicArea(piece.geometry) : 0;
  }
  // Rounding in the clipper can leave the clipped area a hair above the whole: never report more than the feature.
  if (otherArea !== undefined && Number.isFinite(otherArea) && area > otherArea) area = otherArea;
  return area;
}

/** The general path only (turf intersect), for tests that check the convex path against it. */
export function clipAreaGeneral(site: Feature<Areal>, other: Areal): number {
  const piece = intersect(featureCollection<Areal>([site, { type: 'Feature', geometry: other, properties: {} }]));
  return piece ? geodesicArea(piece.geometry) : 0;
}
