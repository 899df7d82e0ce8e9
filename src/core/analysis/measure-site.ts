// The measurements shown for any site, drawn or imported: ellipsoidal area (polygons), perimeter and length.
import type { Geometry } from 'geojson';
import { geodesicArea, geodesicLength, geodesicPerimeter, validateCoordinates } from '../geo/measure.ts';

export interface SiteMeasure {
  area_m2: number;
  perimeter_m: number;
  length_m: number;
  vertices: number;
}

function countVertices(g: Geometry): number {
  switch (g.type) {
    case 'Point': return 1;
    case 'MultiPoint': case 'LineString': return g.coordinates.length;
    case 'MultiLineString': return g.coordinates.reduce((s, l) => s + l.length, 0);
    case 'Polygon': return g.coordinates.reduce((s, r) => s + Math.max(0, r.length - 1), 0);
    case 'MultiPolygon': return g.coordinates.reduce((s, p) => s + p.reduce((t, r) => t + Math.max(0, r.length - 1), 0), 0);
    case 'GeometryCollection': return g.geometries.reduce((s, x) => s + countVertices(x), 0);
  }
}

/** Measures a geometry; zeros (never NaN, never a throw) when it has bad coordinates or is still degenerate. */
export function measureSite(g: Geometry | null | undefined): SiteMeasure {
  if (!g || validateCoordinates(g)) return { area_m2: 0, perimeter_m: 0, length_m: 0, vertices: 0 };
  return { area_m2: geodesicArea(g), perimeter_m: geodesicPerimeter(g), length_m: geodesicLength(g), vertices: countVertices(g) };
}
