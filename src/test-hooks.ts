// Handles the browser tests and benchmarks reach into the page with (window.__map, __draw, __progress, __analysisLoad).
// Only builds made with XG_TEST_HOOKS=1 carry them: test/browser/run.ts and the benchmarks set it; `npm run build`,
// `npm start` and the public build do not, so `__XG_TEST_HOOKS__` is false there and the minifier drops every call's
// body and argument (test/unit/public-build.test.ts checks the bundle). The flag is defined by scripts/vite/test-hooks.ts.
import type { Map as MapLibreMap } from 'maplibre-gl';

declare const __XG_TEST_HOOKS__: boolean | undefined;

export interface TestHooks {
  __map: MapLibreMap;
  __draw: unknown;
  __progress: unknown;
  __analysisLoad: unknown;
  /** The bureau's project drawing while it lasts (src/bureau/project-draw.ts). */
  __projectDraw: unknown;
}

/** True in test builds only; a compile-time constant, so `if (TEST_HOOKS)` blocks vanish from production bundles. */
export const TEST_HOOKS: boolean = typeof __XG_TEST_HOOKS__ === 'boolean' && __XG_TEST_HOOKS__;

export function exposeForTests(hooks: Partial<TestHooks>): void {
  if (TEST_HOOKS) Object.assign(window, hooks);
}
