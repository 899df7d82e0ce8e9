// Terra Draw on the MapLibre map: polygon, rectangle, circle, line, point and freehand modes; vertices of finished
// features drag straight away (editable modes, no select step); select mode moves and reshapes; session undo/redo.
// Self-intersecting polygons are refused (Terra Draw's validation while drawing, our own check for anything else).
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  TerraDraw, TerraDrawCircleMode, TerraDrawFreehandMode, TerraDrawLineStringMode, TerraDrawModeUndoRedo, TerraDrawPointMode,
  TerraDrawPolygonMode, TerraDrawRectangleMode, TerraDrawSelectMode, TerraDrawSessionUndoRedo, ValidateNotSelfIntersecting,
  type GeoJSONStoreFeatures,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Position } from 'geojson';

export const DRAW_MODES = ['polygon', 'rectangle', 'circle', 'linestring', 'point', 'freehand', 'select'] as const;
export type DrawMode = (typeof DRAW_MODES)[number];

export interface DrawHooks {
  /** A polygon was refused (self-intersection); the message is for the user. */
  onRefused: (message: string) => void;
  /** Layers whose rendered vertices snapping may use, when snapping is on. */
  snapLayers: () => string[] | null;
}

/** Nearest vertex of the rendered snap-layer features within `px` pixels of the pointer, or undefined. */
function snapPoint(map: MapLibreMap, lngLat: { lng: number; lat: number }, layers: string[], px = 10): Position | undefined {
  const p = map.project([lngLat.lng, lngLat.lat]);
  const hits = map.queryRenderedFeatures([[p.x - px, p.y - px], [p.x + px, p.y + px]], { layers: layers.filter((l) => map.getLayer(l)) });
  let best: Position | undefined;
  let bestD = px * px;
  for (const h of hits) {
    const g = h.geometry;
    const rings = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : g.type === 'LineString' ? [g.coordinates] : [];
    for (const ring of rings) {
      for (const c of ring) {
        const q = map.project([c[0], c[1]]);
        const d = (q.x - p.x) ** 2 + (q.y - p.y) ** 2;
        if (d <= bestD) { bestD = d; best = c; }
      }
    }
  }
  return best;
}

export function createDraw(map: MapLibreMap, hooks: DrawHooks): TerraDraw {
  const validation = (feature: GeoJSONStoreFeatures, ctx: { updateType: string }) => {
    // A polygon still being started (fewer than 4 positions) cannot cross itself; the check would refuse it outright.
    const ring = feature.geometry.type === 'Polygon' ? feature.geometry.coordinates[0] : [];
    // Only the closing step is checked: mid-drawing rings carry the cursor as a repeated vertex, which the check
    // reads as a crossing and would block ordinary clicks. Edits are re-checked by the workspace (checkGeometry).
    if (ring.length < 4 || ctx.updateType !== 'finish') return { valid: true };
    const r = ValidateNotSelfIntersecting(feature);
    if (!r.valid) hooks.onRefused('self-intersection');
    return r;
  };
  const snapping = {
    toCustom: (event: { lng: number; lat: number }) => {
      const layers = hooks.snapLayers();
      return layers ? snapPoint(map, event, layers) : undefined;
    },
  };
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map }),
    modes: [
      new TerraDrawPolygonMode({ editable: true, validation, snapping, pointerDistance: 12 }),
      new TerraDrawRectangleMode(),
      new TerraDrawCircleMode(),
      new TerraDrawLineStringMode({ editable: true, snapping }),
      new TerraDrawPointMode({ editable: true }),
      new TerraDrawFreehandMode({ validation }),
      new TerraDrawSelectMode({
        flags: Object.fromEntries(['polygon', 'rectangle', 'circle', 'freehand', 'linestring', 'point'].map((m) => [m, {
          feature: {
            draggable: true,
            validation: m === 'polygon' || m === 'freehand' ? validation : undefined,
            coordinates: m === 'point' ? undefined : { draggable: true, midpoints: true, deletable: true },
          },
        }])),
      }),
    ],
    undoRedo: { sessionLevel: new TerraDrawSessionUndoRedo(), modeLevel: new TerraDrawModeUndoRedo() },
  });
  draw.start();
  return draw;
}

/** Finished drawing features only (no guidance points, nothing mid-drawing). */
export function finishedFeatures(draw: TerraDraw): GeoJSONStoreFeatures[] {
  return draw.getSnapshot().filter((f) => {
    const p = f.properties ?? {};
    return !p.currentlyDrawing && !p.coordinatePoint && !p.closingPoint && !p.snappingPoint && !p.midPoint && !p.selectionPoint;
  });
}
