// The layering promises of docs/architecture.md, checked on every `npm test`: no import cycles, a pure core, a public page
// that reaches no internal code, and scripts that import no tests.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossings, importCycles, importGraph } from '../../scripts/lib/import-graph.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const graph = importGraph(ROOT, ['src', 'scripts']);

describe('architecture', () => {
  it('reads the real tree (the check is not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/bureau/App.tsx')?.length).toBeGreaterThan(3);
  });

  it('finds a cycle when there is one (the detector itself)', () => {
    const g = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    expect(importCycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(crossings(g, 'd', ['a'])).toEqual(['d.ts → a.ts']);
  });

  it('has no import cycle in src/ or scripts/', () => {
    expect(importCycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('keeps src/core pure: it imports nothing outside itself', () => {
    const out = [...graph].flatMap(([file, edges]) => file.startsWith('src/core/') ? edges.filter((e) => !e.startsWith('src/core/')).map((e) => `${file} → ${e}`) : []);
    expect(out).toEqual([]);
  });

  it('keeps the public page apart from the bureau page and the planner', () => {
    expect(crossings(graph, 'src/public-page/', ['src/bureau/', 'src/planner/'])).toEqual([]);
    expect(crossings(graph, 'src/bureau/', ['src/public-page/'], ['src/public-page/public-data.ts'])).toEqual([]);
  });

  it('lets no script or app module import a test', () => {
    expect(crossings(graph, 'scripts/', ['test/'])).toEqual([]);
    // unit tests beside the code (*.test.ts) may use fixtures and pipeline code; the app's modules may not
    const app = new Map([...graph].filter(([file]) => !/\.test(util)?\.tsx?$/.test(file)));
    expect(crossings(app, 'src/', ['test/', 'scripts/'])).toEqual([]);
  });
});

// The map wrapper (src/map/map-controller.ts, docs/architecture.md): outside src/map no module makes a MapLibre layer
// id or changes the map's style itself, and the browser-test hooks are set only through src/test-hooks.ts.
const LAYER_ID = /::(fill|hit|outline|line|circle|point|label|planned|planned-outline|selected)\b/;
const STYLE_CALL = /\.(addLayer|addSource|removeLayer|removeSource|setFilter|getFilter|setPaintProperty|setLayoutProperty|getPaintProperty|getLayoutProperty|getSource|getLayer|getLayersOrder|moveLayer|setFeatureState|removeFeatureState|queryRenderedFeatures|querySourceFeatures|addImage|setStyle|addControl|removeControl)\(/;
const HOOK = /(?<![\w-])__(map|draw|progress|analysisLoad)\b/;

/** Lines of a source file that break the map-wrapper rules (comments are not code and are skipped). */
function mapRuleBreaks(file: string, text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/^\s*(\/\/|\*|\/\*).*$/, '').replace(/\s\/\/\s.*$/, '');
    const where = `${file}:${i + 1}`;
    if (!file.startsWith('src/map/')) {
      if (LAYER_ID.test(code)) out.push(`${where} builds a map layer id: ${code.trim()}`);
      if (STYLE_CALL.test(code)) out.push(`${where} changes the map style directly: ${code.trim()}`);
    }
    if (file !== 'src/test-hooks.ts') {
      if (/window\s*(as\b[^;]*)?\)?\s*\.__|\(window as [^)]*\{\s*__/.test(code)) out.push(`${where} sets a window.__ hook outside src/test-hooks.ts`);
      else if (HOOK.test(code) && !/if \(TEST_HOOKS\) exposeForTests\(/.test(code)) out.push(`${where} names a test hook outside an \`if (TEST_HOOKS) exposeForTests(…)\`: ${code.trim()}`);
    }
  });
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test(util)?\.tsx?$/.test(f))
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`);
}

describe('the map wrapper', () => {
  it('finds a layer id, a style call and a stray hook when there is one (the check itself)', () => {
    expect(mapRuleBreaks('src/planner/x.ts', 'map.addLayer({ id: `${key}::fill` });')).toHaveLength(2);
    expect(mapRuleBreaks('src/public-page/x.ts', "const id = 'township-stats::selected';")).toHaveLength(1);
    expect(mapRuleBreaks('src/bureau/x.ts', '(window as unknown as { __map?: unknown }).__map = map;')).toHaveLength(1);
    expect(mapRuleBreaks('src/bureau/x.ts', 'exposeForTests({ __progress: p });')).toHaveLength(1);
    expect(mapRuleBreaks('src/bureau/x.ts', 'if (TEST_HOOKS) exposeForTests({ __progress: p });')).toEqual([]);
    expect(mapRuleBreaks('src/map/map-controller.ts', "map.setPaintProperty(layerId(key, 'fill'), 'fill-color', c);")).toEqual([]);
    expect(mapRuleBreaks('src/planner/x.ts', '// the ::fill layer, not map.addLayer( here')).toEqual([]);
  });

  it('is the only module that makes layer ids or changes the style; hooks come from src/test-hooks.ts alone', () => {
    const files = sourceFiles('src');
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('src/map/map-controller.ts');
    expect(files.flatMap((f) => mapRuleBreaks(f, readFileSync(path.join(ROOT, f), 'utf8')))).toEqual([]);
  });
});
