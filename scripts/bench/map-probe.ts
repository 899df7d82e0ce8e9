// In-page measurements for the map benchmark and the stress test (sent with page.evaluate / waitForFunction).
import type { Page } from 'playwright-core';

type MapWindow = Window & { __map?: import('maplibre-gl').Map; __longest?: number; __longtasks?: number };

/** Installed before any page script: the longest main-thread task (PerformanceObserver 'longtask') since navigation. */
export const LONGTASK_SCRIPT = `
  window.__longest = 0; window.__longtasks = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) { window.__longtasks++; if (e.duration > window.__longest) window.__longest = e.duration; }
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
`;

/** ms after navigation at which stands are queryable and their pixels exist (1-px readPixels after 'idle'), or 0. */
export function standsDrawnProbe(): number {
  const map = (window as MapWindow).__map;
  if (!map || !map.getLayer('stands::fill') || !map.loaded()) return 0;
  if (map.queryRenderedFeatures({ layers: ['stands::fill'] }).length === 0) return 0;
  const gl = map.getCanvas().getContext('webgl2') as WebGL2RenderingContext;
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
  return performance.now();
}

/**
 * ms after navigation at which the map is idle with the stand source loaded, or 0: the naive page's "drawn". At county
 * view MapLibre's GeoJSON tiler drops polygons smaller than its tolerance, so the naive 200k page reaches this state with
 * no stand on screen at all; `renderedStands` says how many are drawn.
 */
export function mapIdleProbe(): number {
  const map = (window as MapWindow).__map;
  if (!map || !map.getLayer('stands::fill') || !map.loaded()) return 0;
  const source = map.getLayer('stands::fill')!.source;
  if (!map.isSourceLoaded(source)) return 0;
  const gl = map.getCanvas().getContext('webgl2') as WebGL2RenderingContext;
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
  return performance.now();
}

export async function renderedStands(page: Page): Promise<number> {
  return page.evaluate(() => (window as MapWindow).__map!.queryRenderedFeatures({ layers: ['stands::fill'] }).length);
}

/**
 * What a user sees while dragging and zooming: animated camera moves over new ground at a township zoom (4 linear pans
 * of 1 s, half a screen each) and one 2 s zoom from z9 to z13, counting the frames MapLibre actually rendered per second.
 * Tiles loading and being drawn for the first time are part of it, as they are for the user (the other measure,
 * frameRates, times redraws of an already loaded view). Also the longest gap between animation frames.
 */
export async function animatedFrameRates(page: Page, center: [number, number], zoom = 11): Promise<{ pan_fps: number; zoom_fps: number; longest_frame_gap_ms: number }> {
  return page.evaluate(async ({ c, z }) => {
    const map = (window as MapWindow).__map!;
    const settle = () => new Promise<void>((resolve) => { const check = () => (map.loaded() ? resolve() : setTimeout(check, 50)); check(); });
    const during = async (move: () => Promise<void>) => {
      let frames = 0;
      const count = () => frames++;
      map.on('render', count);
      const t = performance.now();
      let last = t;
      let gap = 0;
      let running = true;
      const tick = () => { const now = performance.now(); gap = Math.max(gap, now - last); last = now; if (running) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      await move();
      running = false;
      map.off('render', count);
      return { fps: frames / ((performance.now() - t) / 1000), gap };
    };
    const linear = (x: number) => x;
    map.jumpTo({ center: c, zoom: z });
    await settle();
    const pan = await during(async () => {
      const { width, height } = map.getCanvas().getBoundingClientRect();
      for (const [dx, dy] of [[width / 2, 0], [0, height / 2], [-width / 2, 0], [0, height / 2]]) {
        const ended = new Promise((r) => map.once('moveend', r));
        map.panBy([dx, dy], { duration: 1000, easing: linear });
        await ended;
      }
    });
    map.jumpTo({ center: c, zoom: 9 });
    await settle();
    const zoomed = await during(async () => {
      const ended = new Promise((r) => map.once('moveend', r));
      map.easeTo({ center: c, zoom: 13, duration: 2000, easing: linear });
      await ended;
    });
    return { pan_fps: pan.fps, zoom_fps: zoomed.fps, longest_frame_gap_ms: Math.max(pan.gap, zoomed.gap) };
  }, { c: center, z: zoom });
}

export async function longestTask(page: Page): Promise<{ longest_ms: number; count: number }> {
  return page.evaluate(() => ({ longest_ms: (window as MapWindow).__longest ?? -1, count: (window as MapWindow).__longtasks ?? -1 }));
}

/**
 * Synchronous frame cost while panning and zooming: move the camera without animation, map.redraw(), then a 1-px
 * readPixels so SwiftShader has really drawn (rAF rates are vsync-quantised and say nothing here). Returns fps = 1000 / mean.
 */
export async function frameRates(page: Page, frames = 24): Promise<{ pan_fps: number; zoom_fps: number }> {
  return page.evaluate((n) => {
    const map = (window as MapWindow).__map!;
    const gl = map.getCanvas().getContext('webgl2') as WebGL2RenderingContext;
    const px = new Uint8Array(4);
    const frame = (move: () => void) => {
      const t = performance.now();
      move();
      map.redraw();
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
      return performance.now() - t;
    };
    const start = { center: map.getCenter(), zoom: map.getZoom() };
    frame(() => {}); // warm-up
    let pan = 0;
    for (let i = 0; i < n; i++) pan += frame(() => map.panBy([i % 2 ? -12 : 12, i % 4 < 2 ? 6 : -6], { animate: false }));
    let zoom = 0;
    for (let i = 0; i < n; i++) zoom += frame(() => map.setZoom(start.zoom + (i % 2 ? 0 : 0.15)));
    map.jumpTo(start);
    return { pan_fps: 1000 / (pan / n), zoom_fps: 1000 / (zoom / n) };
  }, frames);
}
