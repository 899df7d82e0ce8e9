// Terra Draw on the MapLibre map. The planner starts in browse mode ('static': the map pans, nothing can be moved);
// polygon, rectangle, circle, line, point and freehand modes only draw (finished features are not editable there, so a
// drag pans the map); select mode, entered on purpose and left with Esc, moves and reshapes; 'measure' draws a line
// that is a measurement, not a site. Session undo/redo (buttons and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y).
// Self-intersecting polygons are refused (Terra Draw's validation while drawing, our own check for anything else).
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  TerraDraw, TerraDrawCircleMode, TerraDrawFreehandMode, TerraDrawLineStringMode, TerraDrawModeUndoRedo, TerraDrawPointMode,
  TerraDrawPolygonMode, TerraDrawRectangleMode, TerraDrawSelectMode, TerraDrawSessionUndoRedo, ValidateNotSelfIntersecting,
  type GeoJSONStoreFeatures,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Position } from 'geojson';
import { eachPath } from '../../core/geo/positions.ts';
import { MapController } from '../../map/map-controller.ts';
import { exposeForTests, TEST_HOOKS } from '../../test-hooks.ts';
import { nearestSnap, type Px } from './snap.ts';

export const DRAW_MODES = ['static', 'select', 'polygon', 'rectangle', 'circle', 'linestring', 'point', 'freehand', 'measure'] as const;
/** The Terra Draw mode name of the distance tool; its lines are measurements, never sites. */
export const MEASURE_MODE = 'measure';
export type DrawMode = (typeof DRAW_MODES)[number];

export interface DrawHooks {
  /** A polygon was refused (self-intersection); the message is for the user. */
  onRefused: (message: string) => void;
  /** Registry layers (by id) whose rendered vertices snapping may use, when snapping is on. */
  snapLayers: () => string[] | null;
}

/**
 * The snap target near the pointer on the rendered snap-layer features (stand and township outlines): the nearest
 * vertex within `px` pixels, else the nearest point on an edge, or undefined.
 */
function snapPoint(map: MapLibreMap, lngLat: { lng: number; lat: number }, layers: string[], px = 10): Position | undefined {
  const p = map.project([lngLat.lng, lngLat.lat]);
  const hits = MapController.of(map).renderedFeatures([[p.x - px, p.y - px], [p.x + px, p.y + px]], layers);
  const rings: Position[][] = [];
  for (const h of hits) eachPath(h.geometry, (path, kind) => { if (kind !== 'points') rings.push(path); });
  const projected = rings.map((ring) => ring.map((c): Px => { const q = map.project([c[0], c[1]]); return [q.x, q.y]; }));
  const hit = nearestSnap([p.x, p.y], projected, px);
  if (!hit) return undefined;
  const ring = rings[hit.ring];
  if (hit.kind === 'vertex') return [ring[hit.index][0], ring[hit.index][1]];
  const [a, b] = [ring[hit.index], ring[hit.index + 1]];
  return [a[0] + hit.t * (b[0] - a[0]), a[1] + hit.t * (b[1] - a[1])];
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
      new TerraDrawPolygonMode({ validation, snapping, pointerDistance: 12 }),
      new TerraDrawRectangleMode(),
      new TerraDrawCircleMode(),
      new TerraDrawLineStringMode({ snapping }),
      new TerraDrawLineStringMode({ modeName: MEASURE_MODE, snapping }),
      new TerraDrawPointMode(),
      new TerraDrawFreehandMode({ validation }),
      new TerraDrawSelectMode({
        flags: Object.fromEntries(['polygon', 'rectangle', 'circle', 'freehand', 'linestring', 'point', MEASURE_MODE].map((m) => [m, {
          feature: {
            draggable: true,
            validation: m === 'polygon' || m === 'freehand' ? validation : undefined,
            coordinates: m === 'point' ? undefined : { draggable: true, midpoints: true, deletable: true, snappable: snapping },
          },
        }])),
      }),
    ],
    // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y are the page's (use-terra-draw.ts): Terra Draw's own shortcuts fire only while the
    // map has the keyboard focus, and a planner who just clicked a panel button pressed them in vain.
    undoRedo: { sessionLevel: new TerraDrawSessionUndoRedo(), modeLevel: new TerraDrawModeUndoRedo() },
  });
  draw.start();
  if (TEST_HOOKS) exposeForTests({ __draw: draw });
  return draw;
}
