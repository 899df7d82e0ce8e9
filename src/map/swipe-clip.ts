// The swipe comparison's clip: two raster layers side by side, one left of a vertical divider, one right of it, in
// ONE map. A pair of custom layers around a raster layer turns the GL scissor test on (to that side's rectangle of the
// canvas) before MapLibre draws it and off after, so the vector layers above stay whole across the divider and no
// second map (second copy of every tile and source) is needed. MapLibre itself uses the scissor test only for its
// debug overlays, and its raster draw does not touch it. MapController (map-controller.ts) adds and removes them.
import type { CustomLayerInterface } from 'maplibre-gl';

export type SwipeSide = 'left' | 'right';

/** The divider, as a fraction of the map's width (0 = left edge), read at each frame. */
export interface SwipeState {
  fraction: number;
}

/** The scissor rectangle [x, y, width, height] in drawing-buffer pixels of one side of the divider. */
export function sideRect(side: SwipeSide, fraction: number, width: number, height: number): [number, number, number, number] {
  const cut = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return side === 'left' ? [0, 0, cut, height] : [cut, 0, width - cut, height];
}

/** The custom layers that go directly before and after a raster layer to keep it on its side of the divider. */
export function swipeClipLayers(ids: { start: string; end: string }, side: SwipeSide, state: SwipeState): [CustomLayerInterface, CustomLayerInterface] {
  return [
    {
      id: ids.start, type: 'custom', renderingMode: '2d',
      render(gl) {
        gl.enable(gl.SCISSOR_TEST);
        gl.scissor(...sideRect(side, state.fraction, gl.drawingBufferWidth, gl.drawingBufferHeight));
      },
    },
    {
      id: ids.end, type: 'custom', renderingMode: '2d',
      render(gl) {
        gl.disable(gl.SCISSOR_TEST);
      },
    },
  ];
}
