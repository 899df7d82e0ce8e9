// The layering promises of docs/architecture.md, checked on every `npm test`: no import cycles, a pure core, a public page
// that reaches no internal code, and scripts that import no tests.
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
