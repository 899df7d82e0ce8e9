// The browser-test hooks (window.__map, __draw, __progress, __analysisLoad; src/test-hooks.ts) named in a build's
// JavaScript. Production builds must name none (test/unit/test-hooks-build.test.ts, public-build.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Hook names found in the JavaScript of a build (not print-report__map, not __vite__mapDeps). */
export function hookNames(outDir: string): string[] {
  const found = new Set<string>();
  for (const f of readdirSync(path.join(outDir, 'assets')).filter((x) => x.endsWith('.js'))) {
    for (const m of readFileSync(path.join(outDir, 'assets', f), 'utf8').matchAll(/(?<![\w-])__(map|draw|progress|analysisLoad)\b/g)) found.add(m[0]);
  }
  return [...found].sort();
}
