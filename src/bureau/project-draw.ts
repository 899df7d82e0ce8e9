// One new project feature drawn on the bureau map: Terra Draw (loaded on first use, as in the planner) in the polygon,
// point or line mode the layer takes; the first finished feature is the answer and the drawing tool is taken off the
// map again. Terra Draw owns its own map layers (td-*) and removes them on stop(). Kept apart from the React component
// so the map calls can move behind the map wrapper later. Test builds see it as window.__projectDraw while it lasts.
import type { Geometry } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ProjectLayerDef } from '../core/plan/project-edit.ts';
import { exposeForTests, TEST_HOOKS } from '../test-hooks.ts';

export type DrawKind = 'polygon' | 'point' | 'linestring';

export function drawKindFor(layer: ProjectLayerDef): DrawKind {
  if (layer.geometry.includes('Polygon')) return 'polygon';
  if (layer.geometry.includes('Point')) return 'point';
  return 'linestring';
}

export interface OneDrawing {
  /** The finished geometry, or null when cancelled. */
  done: Promise<Geometry | null>;
  cancel: () => void;
}

export async function drawOne(map: MapLibreMap, kind: DrawKind, onRefused: () => void): Promise<OneDrawing> {
  const { createDraw } = await import('../planner/draw/terra.ts');
  const draw = createDraw(map, { onRefused, snapLayers: () => null });
  if (TEST_HOOKS) exposeForTests({ __projectDraw: draw });
  let settle: (g: Geometry | null) => void = () => undefined;
  const done = new Promise<Geometry | null>((resolve) => { settle = resolve; });
  let stopped = false;
  const stop = (g: Geometry | null) => {
    if (stopped) return;
    stopped = true;
    // Terra Draw finishes its own event handling first; stopping inside its 'finish' callback would cut that short.
    setTimeout(() => draw.stop(), 0);
    if (TEST_HOOKS) exposeForTests({ __projectDraw: undefined });
    settle(g);
  };
  draw.on('finish', (id) => {
    const f = draw.getSnapshotFeature(id);
    if (f?.geometry) stop(f.geometry as Geometry);
  });
  draw.setMode(kind);
  return { done, cancel: () => stop(null) };
}
