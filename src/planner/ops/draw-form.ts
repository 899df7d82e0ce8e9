// The form Terra Draw holds a site in: Polygon (one ring), LineString or Point, coordinates at 9 decimals (~0.1 mm).
// Pure; the panel hands these features to Terra Draw, the operations store new sites in this form from the start.
import type { Geometry, Position } from 'geojson';
import { mapPositions } from '../../core/geo/positions.ts';
import type { Site } from '../site.ts';

const DRAW_MODE_OF: Record<string, string> = { Polygon: 'polygon', LineString: 'linestring', Point: 'point' };
const r9 = (p: Position): Position => [Math.round(p[0] * 1e9) / 1e9, Math.round(p[1] * 1e9) / 1e9];

export interface DrawFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: { mode: string };
}

/** The Terra Draw form of a site, or null when Terra Draw cannot edit it (multi-part, holes). */
export function drawFeature(site: Pick<Site, 'id' | 'geometry'>): DrawFeature | null {
  const g = site.geometry;
  const mode = DRAW_MODE_OF[g.type];
  if (!mode || (g.type === 'Polygon' && g.coordinates.length !== 1)) return null;
  return { type: 'Feature', id: site.id, geometry: mapPositions(g, r9), properties: { mode } };
}

/**
 * The site with its geometry as Terra Draw will hold it. Stored that way from the start, an imported site is saved
 * once; otherwise Terra Draw's copy differs in the last digits and the site is saved again.
 */
export function asDrawn<S extends Pick<Site, 'id' | 'geometry'>>(site: S): S {
  const f = drawFeature(site);
  return f ? { ...site, geometry: f.geometry } : site;
}
