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
