// Defines __XG_TEST_HOOKS__ for src/test-hooks.ts: true only when the build runs with XG_TEST_HOOKS=1 (the browser
// tests and the benchmarks), so production bundles carry no window.__map / __draw / __progress handles.
import type { Plugin } from 'vite';

export function testHooks(): Plugin {
  return {
    name: 'xingguo-test-hooks',
    config: () => ({ define: { __XG_TEST_HOOKS__: JSON.stringify(process.env.XG_TEST_HOOKS === '1') } }),
  };
}
