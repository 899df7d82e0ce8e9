// The one place a MapLibre layer id is made: a layer key (a registry layer's id, or an overlay's key) and the role the
// style layer plays for it. Every other module names layers by key and role, never by string.

/** What one MapLibre style layer draws for its key. */
export type LayerRole =
  | 'fill' // polygon fill
  | 'hit' // invisible fill that answers clicks on outline-only polygons
  | 'outline' // polygon edge
  | 'line'
  | 'circle'
  | 'point' // the circle of an overlay's points
  | 'label'
  | 'planned' // the year control's "planned" look (time-filter.ts)
  | 'planned-outline'
  | 'selected' // the highlight of the selected feature
  | 'raster' // a raster layer's pixels
  | 'swipe-start' // the swipe comparison's clip around a raster layer (swipe-clip.ts)
  | 'swipe-end';

const SEPARATOR = '::';

export function layerId(key: string, role: LayerRole): string {
  return `${key}${SEPARATOR}${role}`;
}

/** The role of a layer id made by layerId, or null for layers that are not ours (background, basemap, Terra Draw). */
export function roleOf(id: string): LayerRole | null {
  const at = id.lastIndexOf(SEPARATOR);
  return at < 0 ? null : (id.slice(at + SEPARATOR.length) as LayerRole);
}
