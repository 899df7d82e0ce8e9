// The measurements shown for any site, drawn or imported: ellipsoidal area (polygons), perimeter and length.
import type { Geometry } from 'geojson';
import { geodesicArea, geodesicLength, geodesicPerimeter, validateCoordinates } from '../geo/measure.ts';
import { vertexCount } from '../geo/positions.ts';

export interface SiteMeasure {
  area_m2: number;
  perimeter_m: number;
  length_m: number;
  vertices: number;
}

/** Measures a geometry; zeros (never NaN, never a throw) when it has bad coordinates or is still degenerate. */
export function measureSite(g: Geometry | null | undefined): SiteMeasure {
  if (!g || validateCoordinates(g)) return { area_m2: 0, perimeter_m: 0, length_m: 0, vertices: 0 };
  return { area_m2: geodesicArea(g), perimeter_m: geodesicPerimeter(g), length_m: geodesicLength(g), vertices: vertexCount(g) };
}
